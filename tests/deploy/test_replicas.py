"""Three replicas behind HAProxy on deploy/haproxy.cfg, twelve readers for a minute: every reader stays on its
replica; a rolling update restarts one replica on a new store, then another replica is lost, and no reader
elsewhere notices."""
from __future__ import annotations

import asyncio
import math
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deploy.loopback import HAPROXY, REPLICA_NAMES, STEP_TIMEOUT, Cluster, Reader, Release, main_text, read
from tools.browser import CHROMIUM, ROOT, launch_chromium, run_in_thread

pytestmark = pytest.mark.browser

SESSIONS = 12
LATE_SESSIONS = 3  # started once a replica is lost
SECONDS = 60  # the readers read at least this long
ROLL_AT = 18  # seconds into the run, at the earliest: app1 restarted on the new release
STOP_AT = 36  # at the earliest: app2 stopped for good
PATIENCE = 40  # seconds a step waits past its time for the readers to have read what it needs
PAUSE = 1.0  # seconds a reader reads a page before the next step
ROLLED, LOST, UNTOUCHED = REPLICA_NAMES
NEW_EDITION = "Rolling update check"
SCENARIO_DEADLINE = 600  # seconds; a run takes about 100, and one past this fails naming where it waits


@dataclass
class Run:
    """What the readers saw, and when (time.time) the rolling update and the loss of a replica happened."""

    readers: list[Reader] = field(default_factory=list)
    late: list[Reader] = field(default_factory=list)
    new_store: Path | None = None
    roll_start: float = 0.0
    roll_end: float = 0.0
    stopping: float = 0.0  # app2 told to stop
    stopped: float = 0.0  # its process ended
    down: float = 0.0  # the balancer took it out
    seconds: float = 0.0  # how long the readers read
    home_text: dict[str, str] = field(default_factory=dict)  # a fresh session pinned to each live replica


async def pinned_home(browser, url: str, replica: str) -> str:
    served_by, text = await main_text(browser, url, replica)
    assert served_by == replica
    return text


async def scenario(cluster: Cluster, new_release: Release) -> Run:
    from playwright.async_api import async_playwright

    run = Run(readers=[Reader(f"reader-{i:02d}") for i in range(SESSIONS)],
              late=[Reader(f"late-reader-{i:02d}") for i in range(LATE_SESSIONS)])
    url, stop, tasks = cluster.balancer.url, asyncio.Event(), []
    async with async_playwright() as p:
        browser = await launch_chromium(p)
        try:
            # One page per replica first, as readers before the test would have: a replica's first run imports the
            # pages.
            await asyncio.gather(*(pinned_home(browser, url, name) for name in REPLICA_NAMES))
            start = time.monotonic()
            tasks += [asyncio.create_task(read(browser, url, r, stop, i, PAUSE)) for i, r in enumerate(run.readers)]
            # The rolling update, once every reader has read a page on its replica.
            await until(lambda: time.monotonic() >= start + ROLL_AT and all(r.views for r in run.readers),
                        start + ROLL_AT + PATIENCE)
            run.new_store = await asyncio.to_thread(new_release.build_store)  # the new store, then the restarts
            run.roll_start = time.time()
            await asyncio.to_thread(cluster.restart, ROLLED, new_release)
            run.roll_end = time.time()
            await asyncio.sleep(max(start + STOP_AT - time.monotonic(), 5))
            run.stopping = time.time()
            run.stopped = await asyncio.to_thread(cluster.stop, LOST)
            run.down = time.time()
            tasks += [asyncio.create_task(read(browser, url, r, stop, 100 + i, PAUSE)) for i, r in enumerate(run.late)]
            # The end, once the late readers, and the readers of the lost and the untouched replica, have read since.
            lost_or_untouched = [r for r in run.readers if r.views and r.views[0].cookie in (LOST, UNTOUCHED)]
            await until(lambda: time.monotonic() >= start + SECONDS and all(r.views for r in run.late)
                        and all(r.views_between(run.stopped, math.inf) for r in lost_or_untouched),
                        max(start + SECONDS, time.monotonic()) + PATIENCE)
            run.seconds = time.monotonic() - start
            await end_readers(tasks, stop)
            for task in tasks:
                if not task.cancelled() and task.exception():
                    raise task.exception()
            for replica in sorted(cluster.running):
                run.home_text[replica] = await pinned_home(browser, url, replica)
        finally:
            await end_readers(tasks, stop)  # after an error too: no reader outlives the browser
            await browser.close()
    return run


async def end_readers(tasks: list[asyncio.Task], stop: asyncio.Event) -> None:
    """Stop the readers: a step still running a little after the end is cancelled (only the views shown count)."""
    stop.set()
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=5)
    for task in pending:
        task.cancel()
    _, pending = await asyncio.wait(tasks, timeout=30)
    if pending:
        raise RuntimeError(f"{len(pending)} readers did not end 30 s after they were cancelled")


async def until(condition, latest: float) -> None:
    """Wait until ``condition()`` holds or ``latest`` (time.monotonic) has passed."""
    while not condition() and time.monotonic() < latest:
        await asyncio.sleep(0.2)


@pytest.fixture
def releases(tmp_path) -> tuple[Release, Release]:
    """The bundled data and content, and a new version of the content with one more edition."""
    content = tmp_path / "content-new"
    shutil.copytree(ROOT / "content", content)
    (content / "2024-01-08-rolling-update-check.md").write_text(
        f'---\ntitle: "{NEW_EDITION}"\npublishDate: "8 January 2024"\n'
        'description: "Served by a replica restarted on the new store."\ntags: ["deploy"]\n---\n\nHello.\n')
    cache = tmp_path / "store-cache"
    return Release(ROOT / "data", ROOT / "content", cache), Release(ROOT / "data", content, cache)


def builds(cache: Path) -> set[str]:
    return {entry.name for entry in cache.iterdir()}


def test_replicas_behind_haproxy_keep_readers_through_a_rolling_update_and_a_lost_replica(tmp_path, releases):
    for program in (CHROMIUM, HAPROXY):
        if not Path(program).exists():
            pytest.fail(f"{program} is missing: run scripts/test.sh, which installs Debian's chromium and haproxy")
    old, new = releases
    first_store = old.build_store()  # one build, before any replica starts
    with Cluster(old, tmp_path) as cluster:
        assert builds(old.cache) == {first_store.name}  # the three replicas opened it: none built its own
        run = run_in_thread(scenario(cluster, new), SCENARIO_DEADLINE)
        log = cluster.balancer.access_log()
        server_logs = cluster.server_logs()
    print_figures(run, log)

    # Every initial reader read a page on a replica before the rolling update, and each replica got readers.
    unread = [r.agent for r in run.readers if not r.views_between(0, run.roll_start)]
    assert not unread, f"{unread} read no page in {ROLL_AT + PATIENCE} s: is the machine busy with other work?"
    home = {r.agent: r.views[0].cookie for r in run.readers}
    assert set(home.values()) == set(REPLICA_NAMES)
    live = {ROLLED, UNTOUCHED}
    # Until its replica was restarted or stopped, every reader stayed on it: the cookie, the replica named on each
    # page load and every request in the balancer's access log (its websocket included) say the same one; and
    # nothing went wrong (no exception, no "Connection error" dialog, no page error).
    undisturbed_until = {ROLLED: run.roll_start, LOST: run.stopping, UNTOUCHED: math.inf}
    for reader in run.readers:
        replica = home[reader.agent]
        end = undisturbed_until[replica]
        views = reader.views_between(0, end)
        assert views and {v.cookie for v in views} == {replica}, reader
        assert {v.served_by for v in views} <= {replica, None}, reader
        accesses = [a for a in log if a.agent == reader.agent and a.connected < end]
        elsewhere = [f"{a.server} {a.status} {a.request} at {a.connected - run.roll_start:+.1f} s of the roll"
                     for a in accesses if a.server != replica]
        assert accesses and not elsewhere, f"{reader.agent} of {replica}: {elsewhere[:5]}"
        assert any(a.status == 101 for a in accesses), reader.agent
        assert reader.problems_between(0, end) == [], reader.agent
    # Readers on the replicas not yet restarted kept reading while app1 was restarted.
    others = [r for r in run.readers if home[r.agent] != ROLLED]
    assert any(run.roll_start <= v.shown < run.roll_end for r in others for v in r.views)
    # Readers on the untouched replica read on after app2 was lost (on app3, as checked above); those of app2
    # were moved to the live replicas: every page and request of theirs since went to one.
    assert any(r.views_between(run.stopped, math.inf) for r in run.readers if home[r.agent] == UNTOUCHED)
    lost = {r.agent: r for r in run.readers if home[r.agent] == LOST}
    moved = [v for r in lost.values() for v in r.views_between(run.stopped, math.inf)]
    assert moved and {v.cookie for v in moved} <= live, moved
    assert {a.server for a in log if a.agent in lost and a.connected >= run.stopped} <= live
    # New sessions went to the live replicas only, and were served without a problem.
    for reader in run.late:
        assert reader.views and reader.problems == [], reader
        assert {v.cookie for v in reader.views} <= live, reader
        assert {a.server for a in log if a.agent == reader.agent} <= live, reader.agent
    # The restarted replica serves the new release, the one not yet restarted still the old; one build of each.
    assert NEW_EDITION in run.home_text[ROLLED]
    assert NEW_EDITION not in run.home_text[UNTOUCHED] and "Some interesting things" in run.home_text[UNTOUCHED]
    assert builds(old.cache) == {first_store.name, run.new_store.name}
    assert not any(p.kind == "exception" for r in run.readers + run.late for p in r.problems)
    assert "Traceback" not in server_logs


def print_figures(run: Run, log) -> None:
    readers = run.readers + run.late
    views = sum(len(r.views) for r in readers)
    per_replica = {name: sum(1 for r in readers for v in r.views if v.cookie == name) for name in REPLICA_NAMES}
    problems = [p for r in readers for p in r.problems]
    print(f"\nreplicas: {sum(1 for r in readers if r.views)} of {len(readers)} sessions served, {views} page views "
          f"in {run.seconds:.0f} s ({views * 60 / run.seconds:.0f}/min) through the balancer, by replica "
          f"{per_replica}; {len(problems)} problems (exceptions, dialogs, page errors, refused loads), "
          f"{sum(len(r.slow) for r in readers)} steps slower than {STEP_TIMEOUT // 1000} s; {len(log)} requests, "
          f"{sum(1 for a in log if a.status >= 500)} answered 5xx; app1 restarted in {run.roll_end - run.roll_start:.1f} s; "
          f"app2 out of the balancer {run.down - run.stopping:.1f} s after its stop")
    for reader in readers:
        for p in reader.problems + reader.slow:
            print(f"  {reader.agent} {p.kind} at {p.at - run.stopping:+.0f} s of app2's stop: {p.text}")
