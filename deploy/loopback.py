"""The compose setup on loopback, without Docker: replicas of the app behind Debian's HAProxy on deploy/haproxy.cfg.

For tests/deploy and bench/replicas.py. Every address is 127.0.0.1 and every wait is bounded.
"""
from __future__ import annotations

import asyncio
import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from superficial.ui.navigation import available_pages
from tools.browser import READY, ROOT, AppServer, free_port

CONFIG = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "SUPERFICIAL_REPLICA"  # as deploy/haproxy.cfg names it
SERVED_BY = "x-replica"  # the response header deploy/haproxy.cfg adds
REPLICA_NAMES = ("app1", "app2", "app3")  # the servers deploy/haproxy.cfg lists
START_TIMEOUT = 30  # seconds for the balancer to start or see a replica change state
STEP_TIMEOUT = 60_000  # ms for one page view or click of a reader: slower than that under load is recorded as slow


@dataclass(frozen=True)
class Release:
    """One version of the data and content, served from the store built for it in a shared cache folder."""

    data: Path
    content: Path
    cache: Path

    def env(self) -> dict[str, str]:
        return {"SUPERFICIAL_DATA_DIR": str(self.data), "SUPERFICIAL_CONTENT_DIR": str(self.content),
                "SUPERFICIAL_CACHE_DIR": str(self.cache)}

    def build_store(self) -> Path:
        """Build this release's store once, as compose's ``store`` service does, before any replica serves it."""
        done = subprocess.run([sys.executable, "-m", "superficial.db.build", str(self.data), str(self.content)],
                              cwd=ROOT, env={**os.environ, **self.env()}, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"store build failed: {done.stderr[-2000:]}")
        return Path(done.stdout.strip().splitlines()[-1])


class Replica(AppServer):
    """One replica: the app's server command on a loopback port that stays the same across restarts."""

    def __init__(self, name: str, port: int, release: Release, log_path: Path):
        super().__init__(release.env())
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


@dataclass
class Access:
    """One line of the balancer's access log: when a request reached which replica, for which user agent."""

    connected: float  # time.time() of the connection to its replica, after any retries and redispatch
    server: str
    status: int
    agent: str
    request: str


# deploy/haproxy.cfg's log-format: client [request date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes ...
# {captured headers} "request" written-at-ms. TR, Tw, Tc are the waits (ms) from the request's first byte to the
# connection to its server, -1 for one that did not happen; Ta is from that first byte to the end.
ACCESS_LINE = re.compile(r"\] dashboard replicas/(?P<server>\S+) (?P<timers>\S+) (?P<status>-?\d+) "
                         r".*?\{(?P<agent>[^}]*)\} \"(?P<request>[^\"]*)\" (?P<written>\d+)$")


def _access(match: re.Match) -> Access:
    # From when the line was written, not from the request date: for a kept-alive connection that date can be
    # seconds before the request under load, which would place a request after a replica's restart before it.
    timers = [max(int(t), 0) for t in match["timers"].split("/")]
    began = int(match["written"]) - timers[4]
    return Access((began + sum(timers[:3])) / 1000, match["server"], int(match["status"]), match["agent"],
                  match["request"])


class Balancer:
    """Debian's HAProxy in the foreground on deploy/haproxy.cfg, its addresses given on loopback."""

    def __init__(self, servers: dict[str, str], log_path: Path):
        self.port, self.stats_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stats_url = f"http://127.0.0.1:{self.stats_port}/;csv"
        self.log_path = log_path
        self.env = {**os.environ, "BALANCER_ADDR": f"127.0.0.1:{self.port}",
                    "STATS_ADDR": f"127.0.0.1:{self.stats_port}",
                    **{f"{name.upper()}_ADDR": address for name, address in servers.items()}}

    def __enter__(self) -> Balancer:
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([HAPROXY, "-db", "-f", str(CONFIG)], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        try:
            self.wait_until(lambda states: bool(states), "the stats page answers")
        except BaseException:
            self.__exit__()
            raise
        return self

    def states(self) -> dict[str, str]:
        """Each replica's state as the balancer's health checks see it: UP, DOWN, ..."""
        try:
            with urllib.request.urlopen(self.stats_url, timeout=2) as response:
                rows = csv.DictReader(io.StringIO(response.read().decode().lstrip("# ")))
                return {row["svname"]: row["status"] for row in rows
                        if row["pxname"] == "replicas" and row["svname"] not in ("FRONTEND", "BACKEND")}
        except OSError:
            return {}

    def wait_until(self, condition, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"haproxy exited: {self.log_path.read_text()[-2000:]}")
            if condition(self.states()):
                return
            time.sleep(0.2)
        raise RuntimeError(f"haproxy: not the case after {START_TIMEOUT} s that {what}: {self.states()}")

    def access_log(self) -> list[Access]:
        lines = (ACCESS_LINE.search(line) for line in self.log_path.read_text().splitlines())
        return [_access(match) for match in lines if match]

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


class Cluster:
    """Replicas app1..app3 of a release behind the balancer; each can be restarted on a new release, or stopped."""

    def __init__(self, release: Release, log_dir: Path):
        self.log_dir = log_dir
        self.replicas = {name: Replica(name, free_port(), release, log_dir / f"{name}.log") for name in REPLICA_NAMES}
        self.balancer = Balancer({name: r.address for name, r in self.replicas.items()}, log_dir / "haproxy.log")
        self.running: set[str] = set()
        self.balancing = False
        self.starts = 0

    def __enter__(self) -> Cluster:
        try:
            with ThreadPoolExecutor(len(self.replicas)) as pool:
                for future in [pool.submit(self._start, name) for name in self.replicas]:
                    future.result()
            self.balancer.__enter__()
            self.balancing = True
            self.balancer.wait_until(lambda states: all(states.get(n) == "UP" for n in self.replicas),
                                     "every replica is UP")
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self, name: str) -> None:
        replica = self.replicas[name]
        try:
            replica.__enter__()
        except BaseException:  # e.g. not healthy in time: its process is still running
            replica.__exit__()
            raise
        self.running.add(name)

    def stop(self, name: str) -> float:
        """Stop a replica and wait until the balancer has taken it out; returns when its process ended (time.time)."""
        self.running.discard(name)
        self.replicas[name].__exit__()
        ended = time.time()
        self.balancer.wait_until(lambda states: states.get(name, "").startswith("DOWN"), f"{name} is DOWN")
        return ended

    def restart(self, name: str, release: Release) -> None:
        """Stop a replica, start it again on the same port serving ``release``, wait until the balancer uses it."""
        self.stop(name)
        self.starts += 1
        old = self.replicas[name]
        self.replicas[name] = Replica(name, old.port, release, self.log_dir / f"{name}-{self.starts}.log")
        self._start(name)
        self.balancer.wait_until(lambda states: states.get(name) == "UP", f"{name} is UP again")

    def server_logs(self) -> str:
        return "".join(path.read_text() for path in sorted(self.log_dir.glob("app*.log")))

    def __exit__(self, *exc) -> None:
        if self.balancing:
            self.balancing = False
            self.balancer.__exit__()
        for name in list(self.running):
            self.running.discard(name)
            self.replicas[name].__exit__()


# --- readers ------------------------------------------------------------------------------------------

PRESETS = ["Edge ≤3B", "Small 3–13B", "Medium 13–70B", "Large >70B"]
FILTER_PAGES = {"explore", "efficiency", "timeline"}
# Every page in the menu (the default one lives at "/"), and a few with their state in the URL.
PATHS = ["", *(page.url_path for page in available_pages()[1:]),
         "explore?size=0B&size=13B&unknown=false", "efficiency?size=0B&size=3B", "compare?models=Phi-2,Mixtral+8x7B,GPT-4"]


@dataclass
class View:
    """A page a reader saw: from when to when (time.time), the replica the balancer named for a page load, the cookie."""

    started: float
    shown: float
    path: str
    served_by: str | None
    cookie: str | None


@dataclass
class Problem:
    at: float
    kind: str  # exception, dialog, page error, error (a load refused); a timeout is "slow", not a problem
    text: str


@dataclass
class Reader:
    """One browser session through the balancer, named by its user agent."""

    agent: str
    views: list[View] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    slow: list[Problem] = field(default_factory=list)  # steps that took over STEP_TIMEOUT: slow, not broken

    def views_between(self, start: float, end: float) -> list[View]:
        """The views begun and shown within [start, end)."""
        return [v for v in self.views if start <= v.started and v.shown < end]

    def problems_between(self, start: float, end: float) -> list[Problem]:
        return [p for p in self.problems if start <= p.at < end]


async def _cookie(context) -> str | None:
    return next((c["value"] for c in await context.cookies() if c["name"] == COOKIE), None)


async def _ready(page) -> None:
    """The script has finished, twice, so a quick rerun is not mistaken for the end (as tools.browser.wait_ready)."""
    await page.wait_for_selector(READY, timeout=STEP_TIMEOUT)
    await page.wait_for_timeout(300)
    await page.wait_for_selector(READY, timeout=STEP_TIMEOUT)


async def _look(page, reader: Reader, where: str) -> None:
    """Record an exception element or a dialog (e.g. Streamlit's "Connection error") on the page."""
    try:
        exceptions = await page.locator("[data-testid='stException']").count()
        dialogs = await page.locator("[role='dialog']").all_inner_texts()
    except PlaywrightError:  # navigating after a slow step: no page to look at yet
        return
    if exceptions:
        reader.problems.append(Problem(time.time(), "exception", where))
    for text in dialogs:
        reader.problems.append(Problem(time.time(), "dialog", f"{where}: {text[:200]}"))


async def main_text(browser, base_url: str, replica: str | None = None) -> tuple[str | None, str]:
    """The home page as a new session sees it (pinned to ``replica`` by the balancer's cookie): who served it, its text."""
    context = await browser.new_context()
    if replica:
        await context.add_cookies([{"name": COOKIE, "value": replica, "url": base_url}])
    page = await context.new_page()
    try:
        response = await page.goto(base_url, timeout=STEP_TIMEOUT)
        await _ready(page)
        return response.headers.get(SERVED_BY), await page.locator("[data-testid='stMain']").inner_text()
    finally:
        await context.close()


async def read(browser, base_url: str, reader: Reader, stop: asyncio.Event, seed: int, pause: float = 0.0) -> None:
    """Read until ``stop`` is set: load a page, change the size filter where there is one, follow a menu link; again.

    ``pause`` is the seconds a reader reads a page before the next step (none: as fast as the pages come).
    """
    rng = random.Random(seed)
    context = await browser.new_context(user_agent=reader.agent, viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda e: reader.problems.append(Problem(time.time(), "page error", str(e))))

    async def view(name: str, action: Awaitable) -> None:
        started = time.time()
        response = await action  # a page load's response, or None for a click
        await _ready(page)
        served_by = response.headers.get(SERVED_BY) if response else None
        reader.views.append(View(started, time.time(), name, served_by, await _cookie(context)))
        await _look(page, reader, name)
        await asyncio.sleep(pause)

    try:
        while not stop.is_set():
            path = rng.choice(PATHS)
            try:
                await view(path, page.goto(f"{base_url}/{path}", timeout=STEP_TIMEOUT))
                if path.split("?")[0] in FILTER_PAGES and not stop.is_set():
                    preset = page.get_by_role("radio", name=rng.choice(PRESETS)).first
                    await view(f"{path} -> filter", preset.click(timeout=STEP_TIMEOUT))
                links = page.locator("[data-testid='stSidebarNav'] a")
                if await links.count() and not stop.is_set():
                    link = links.nth(rng.randrange(await links.count()))
                    await view(f"{path} -> menu", link.click(timeout=STEP_TIMEOUT))
            except PlaywrightTimeout as err:  # slow under load is not broken; what the page shows is checked
                reader.slow.append(Problem(time.time(), "slow", f"{path}: {str(err).splitlines()[0][:200]}"))
                await _look(page, reader, path)
            except PlaywrightError as err:  # e.g. a page load refused
                reader.problems.append(Problem(time.time(), "error", f"{path}: {str(err).splitlines()[0][:200]}"))
                await _look(page, reader, path)
    finally:
        await context.close()
