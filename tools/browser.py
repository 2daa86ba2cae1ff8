"""Run the dashboard on a loopback port and open it in Debian's Chromium (tests, screenshots, benchmarks)."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Coroutine
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A Streamlit server of the dashboard running in a child process."""

    def __init__(self, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"superficial-app-{self.port}.log"
        self.env = {**os.environ, "ARROW_DEFAULT_MEMORY_POOL": "system", **(env or {})}  # as scripts/run.sh

    def command(self) -> list[str]:
        """How the server is started; the options every server here shares come last."""
        return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), *self.options()]

    def options(self) -> list[str]:
        return ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]

    def __enter__(self) -> AppServer:
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited early: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("app did not become healthy in 60 s")

    def server_log(self) -> str:
        return self.log_path.read_text()

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


CLEANUP_SECONDS = 60  # for a coroutine cancelled at its deadline to close its browser contexts and the driver


def run_in_thread(coroutine: Coroutine, seconds: float):
    """Run ``coroutine`` on an event loop in a thread of its own, for at most ``seconds``; its result.

    Its own thread, because the sync Playwright of other browser tests keeps an event loop on the test's thread.
    Past the deadline it is cancelled, and the error names the lines its tasks were waiting at: a test that
    hangs fails with where, instead of stalling the whole run.
    """
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(_within(coroutine, seconds, outcome))
        except BaseException as err:  # handed to the test thread below
            outcome["error"] = err

    # A daemon: if even cancelling cannot end it, it must not keep the test process alive.
    runner = threading.Thread(target=target, daemon=True)
    runner.start()
    runner.join(seconds + CLEANUP_SECONDS)
    if "error" in outcome:
        raise outcome["error"]
    if "value" in outcome:
        return outcome["value"]
    raise TimeoutError(f"not done in {seconds:g} s, nor cancelled in {CLEANUP_SECONDS} s more; "
                       f"waiting at: {outcome.get('stuck', 'unknown')}")


async def _within(coroutine: Coroutine, seconds: float, outcome: dict):
    task = asyncio.ensure_future(coroutine)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task in done:
        return task.result()
    outcome["stuck"] = waiting_at(asyncio.all_tasks() - {asyncio.current_task()})
    task.cancel()
    await asyncio.wait({task}, timeout=CLEANUP_SECONDS)
    raise TimeoutError(f"not done in {seconds:g} s; waiting at: {outcome['stuck']}")


def waiting_at(tasks) -> str:
    """Where each task is suspended: the innermost line of this project's code in its chain of awaits."""
    places = []
    for task in tasks:
        coroutine, place = task.get_coro(), "?"
        while coroutine is not None:
            frame = getattr(coroutine, "cr_frame", None) or getattr(coroutine, "gi_frame", None)
            path = Path(frame.f_code.co_filename) if frame is not None else None
            if path and ROOT in path.parents and "site-packages" not in path.parts:
                place = f"{path.relative_to(ROOT)}:{frame.f_lineno} {frame.f_code.co_name}"
            coroutine = getattr(coroutine, "cr_await", None) or getattr(coroutine, "gi_yieldfrom", None)
        places.append(place)
    return "; ".join(f"{count} × {place}" for place, count in sorted(Counter(places).items())) or "no task"


def launch_chromium(playwright):
    """Debian's Chromium, headless, never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running, twice, so a quick rerun is not mistaken for the end."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
