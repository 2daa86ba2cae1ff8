"""tools.browser.run_in_thread: a coroutine's result or error, and a hang turned into an error that says where."""
import asyncio
import threading

import pytest

from tools.browser import run_in_thread


async def answer() -> tuple[int, str]:
    await asyncio.sleep(0.01)
    return 42, threading.current_thread().name


async def broken() -> None:
    await asyncio.sleep(0.01)
    raise ValueError("broken on purpose")


async def stuck_reader(closed: list[str]) -> None:
    try:
        await asyncio.Event().wait()  # nothing ever sets it
    finally:
        closed.append("reader")


async def hangs(closed: list[str]) -> None:
    await asyncio.gather(stuck_reader(closed), stuck_reader(closed))


def test_the_result_comes_from_a_thread_of_its_own():
    value, thread = run_in_thread(answer(), 5)
    assert value == 42 and thread != threading.current_thread().name


def test_an_error_reaches_the_caller():
    with pytest.raises(ValueError, match="broken on purpose"):
        run_in_thread(broken(), 5)


def test_a_hang_is_cancelled_at_the_deadline_and_named():
    closed: list[str] = []
    with pytest.raises(TimeoutError) as raised:
        run_in_thread(hangs(closed), 0.3)
    # Both readers were waiting in stuck_reader, and each ran its clean-up when cancelled.
    assert "2 × tests/tools/test_browser.py" in str(raised.value) and "stuck_reader" in str(raised.value)
    assert closed == ["reader", "reader"]
