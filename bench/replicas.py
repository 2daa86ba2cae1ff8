"""Readers served by one server alone vs three replicas behind HAProxy, on this machine: not part of the tests.

    .venv/bin/python -m bench.replicas [--sessions 12] [--seconds 60] [--out bench/out/replicas.md]

Both runs drive the same browser sessions (deploy.loopback.read: a page load, a size-filter change where
there is one, a menu click, again, with no pause) for the same time, against the same prebuilt store:
first one server (the app's own server command, as scripts/run.sh) reached directly, then the loopback
cluster of deploy/loopback.py (three replicas, Debian's HAProxy on deploy/haproxy.cfg). It prints sessions
served, page views and page views per minute, problems (exception elements, dialogs such as "Connection
error", page errors, refused loads), steps slower than the readers' timeout, the requests the balancer
answered with 5xx, and the machine's load average before each run.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from pathlib import Path

from deploy.loopback import REPLICA_NAMES, Cluster, Reader, Release, main_text, read
from tools.browser import ROOT, AppServer, launch_chromium


async def drive(url: str, sessions: int, seconds: float, replicas: tuple[str | None, ...]):
    """The readers after ``seconds`` of reading, when they started, and the machine's load average then."""
    from playwright.async_api import async_playwright

    readers = [Reader(f"bench-reader-{i:02d}") for i in range(sessions)]
    stop = asyncio.Event()
    async with async_playwright() as p:
        browser = await launch_chromium(p)
        # One page on each server first: a server's first page run imports the pages.
        await asyncio.gather(*(main_text(browser, url, replica) for replica in replicas))
        start, load = time.time(), os.getloadavg()[0]  # other work on this machine slows both runs
        tasks = [asyncio.create_task(read(browser, url, r, stop, seed=i)) for i, r in enumerate(readers)]
        await asyncio.sleep(seconds)
        stop.set()
        # Views shown after the time are not counted: a step still running a little after it is cancelled.
        _, pending = await asyncio.wait(tasks, timeout=5)
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await browser.close()
    return readers, start, load


def figures(name: str, readers: list[Reader], start: float, seconds: float, failed_requests: str,
            load: float) -> str:
    views = sum(len(r.views_between(start, start + seconds)) for r in readers)
    served = sum(1 for r in readers if r.views_between(start, start + seconds))
    problems = sum(len(r.problems) for r in readers)
    slow = sum(len(r.slow) for r in readers)
    return (f"| {name} | {served}/{len(readers)} | {views} | {views * 60 / seconds:.0f} | {problems} | {slow} "
            f"| {failed_requests} | {load:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "replicas.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="superficial-replicas-") as folder:
        work = Path(folder)
        release = Release(ROOT / "data", ROOT / "content", work / "store-cache")
        release.build_store()
        with AppServer(release.env()) as server:
            readers, start, load = asyncio.run(drive(server.url, args.sessions, args.seconds, (None,)))
        rows.append(figures("one server alone", readers, start, args.seconds, "–", load))
        with Cluster(release, work) as cluster:
            readers, start, load = asyncio.run(drive(cluster.balancer.url, args.sessions, args.seconds,
                                                         REPLICA_NAMES))
            log = cluster.balancer.access_log()
        failed = sum(1 for a in log if a.status >= 500)
        rows.append(figures("3 replicas behind HAProxy", readers, start, args.seconds, f"{failed} of {len(log)}",
                            load))
    table = "\n".join([
        f"{args.sessions} browser sessions for {args.seconds:.0f} s each way, on {platform.node()} "
        f"({len(os.sched_getaffinity(0))} cores); the same readers, store and pages.",
        "",
        "| setup | sessions served | page views | page views/min | problems | slow steps | 5xx answers "
        "| load average before |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
    ])
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n")


if __name__ == "__main__":
    main()
