"""Benchmark the dashboard on synthetic data: one command, not part of the tests.

    .venv/bin/python -m bench.run [--sizes 100,10000,100000] [--out bench/out/results.md]

For the bundled data and each size (N models × 5 benchmarks, 1,000 editions, made by
tools.synthetic and kept under bench/out/synthetic/) it measures the store build
(build.open_or_build: first into an empty cache folder, in a child process; then opened from the cache)
and every page listed by navigation.available_pages():

- server time of a page run in AppTest: first view (store loaded, queries not cached), a rerun with the
  same widgets, and a filter change (median of two different changes);
- the bytes each Plotly chart sends (its figure JSON) and the whole page's element bytes;
- in headless Chromium, time from navigation to the first chart drawn, on a running server (a fresh
  browser context per page), and once per dataset from a new server process, twice: with the store
  build in the cache (a restart) and with an empty cache folder (the first start ever, build included);
- the server's RSS and peak RSS after each page of a visit of every page, in menu order;

and the same for two references: the floor (bench/floor_app.py, the same number of charts of 10 points
each) and the naive peer (bench/naive_app.py, the page written the common way: pandas reading the CSV
files on every rerun). It prints a table with ratios, the performance targets at the largest size (met or
not, with the run's load average) and whether the bundled data stays as fast, and writes it to --out. Every process it starts uses its own build cache, bench/out/cache
(SUPERFICIAL_CACHE_DIR), never ~/.cache.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

ROOT = Path(__file__).resolve().parent.parent

from superficial.ui.navigation import PageInfo, available_pages  # noqa: E402
from tools import browser, synthetic  # noqa: E402

OUT = ROOT / "bench" / "out"
CACHE = OUT / "cache"  # the run's own store build cache (SUPERFICIAL_CACHE_DIR of every process it starts)
FLOOR = ROOT / "bench" / "floor_app.py"
NAIVE = ROOT / "bench" / "naive_app.py"
NAIVE_PAGES = {"explore", "efficiency", "compare", "timeline", "editions"}
TARGET_PAGES = {"explore", "efficiency", "compare", "timeline", "editions"}  # the benchmark pages and Editions
SIZE_CHANGES = [("7B", "70B"), ("13B", "∞"), ("1B", "13B")]
CHART = ".js-plotly-plot"
FLOOR_SEEN: dict = {"apptest": {}}  # the floor's AppTest results, measured once per run
MB = 1024 * 1024


# --- small helpers ---------------------------------------------------------------------------------

def timed(fn):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram, "python": platform.python_version(),
            "load": os.getloadavg()}


def proc_memory(pid: int) -> tuple[float | None, float | None]:
    """(VmRSS, VmHWM) of a process in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return values.get("VmRSS"), values.get("VmHWM")


def calibrate() -> float:
    """Seconds for a fixed CPU-bound loop: compare runs on a busy and an idle machine."""
    _, wall, _ = timed(lambda: sum(range(10_000_000)))
    return wall


# --- data sets -------------------------------------------------------------------------------------

@dataclass
class Dataset:
    label: str
    data_dir: Path
    content_dir: Path
    models: int | None = None
    compare_models: str = ""
    slugs: list[str] = field(default_factory=list)  # editions, for switching on the Editions page
    notes: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {"SUPERFICIAL_DATA_DIR": str(self.data_dir), "SUPERFICIAL_CONTENT_DIR": str(self.content_dir),
                "SUPERFICIAL_CACHE_DIR": str(CACHE)}


def generator_version() -> str:
    return hashlib.sha256((ROOT / "tools" / "synthetic.py").read_bytes()).hexdigest()[:12]


def synthetic_dataset(n: int, editions: int, seed: int) -> tuple[Dataset, float]:
    """The synthetic folders for n models, generated once per generator version, size and seed."""
    folder = OUT / "synthetic" / f"{n}-e{editions}-s{seed}"
    stamp = folder / "GENERATED"
    seconds = 0.0
    if not stamp.is_file() or stamp.read_text() != generator_version():
        _, seconds, _ = timed(lambda: synthetic.write(folder, n, editions, seed))
        stamp.write_text(generator_version())
    with open(folder / "data" / "models.csv", encoding="utf-8") as f:
        next(f)
        names = [next(f).split(",")[0] for _ in range(min(3, n))]
    return Dataset(f"{n:,}", folder / "data", folder / "content", n, ",".join(names)), seconds


def edition_slugs(content_dir: Path) -> list[str]:
    from superficial.ingest.content import edition_files, slugify

    return [slugify(p.stem) for p in edition_files(content_dir)][:4]


def bundled_dataset() -> Dataset:
    return Dataset("bundled", ROOT / "data", ROOT / "content", None, "Phi-2,Llama 2 70B,Mixtral 8x7B")


# --- AppTest: server time and bytes ----------------------------------------------------------------

def element_bytes(at) -> tuple[list[int], int]:
    """Bytes of each chart's figure JSON, and of every element on the page."""
    charts = [len(el.proto.spec.encode("utf-8")) for el in at.get("plotly_chart")]

    def walk(node) -> int:
        total = 0
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        for child in getattr(node, "children", {}).values():
            total += walk(child)
        return total

    try:
        page = walk(at._tree)
    except Exception:  # private API: the chart bytes are what matters
        page = sum(charts)
    return charts, page


def _find(widgets, key: str | None = None, label: str | None = None):
    for widget in widgets:
        if (key is not None and widget.key == key) or (label is not None and widget.label == label):
            return widget
    return None


def change_filter(at, step: int, slugs: list[str]) -> str | None:
    """Change a filter the way a reader would; the step picks a different change each time."""
    size = _find(at.select_slider, key="size")
    if size is not None:
        low, high = SIZE_CHANGES[step % len(SIZE_CHANGES)]
        size.set_range(low, high)
        return f"size {low}–{high}"
    models = _find(at.multiselect, key="compare_models")
    if models is not None:  # swap the last model picked for another one the list offers
        current = list(models.value)
        offered = [o for o in models.options if o not in current]
        extra = [offered[(step * 7 + 1) % len(offered)]] if offered else []
        models.set_value(current[:-1] + extra if len(current) > 1 else current + extra)
        return "models changed"
    edition = _find(at.selectbox, key="edition")  # the naive peer
    if edition is not None and len(edition.options) > 1:
        edition.select_index((step + 1) % len(edition.options))
        return "other edition"
    if _find(at.selectbox, label="Edition") is not None and len(slugs) > 1:  # the Editions page follows the URL
        at.query_params["edition"] = slugs[(step + 1) % len(slugs)]
        return "other edition"
    return None


@functools.cache
def component_registry():
    """Streamlit's registry of installed components, discovered once per process as a server does at start.

    AppTest discovers them on its first run, scanning every installed package's metadata (about 0.1 s here),
    which a server does once for all its sessions; an AppTest here stands for a new session of a running
    server, so they share one registry and a first view is timed without that scan.
    """
    from streamlit.components.v2.component_manager import BidiComponentManager

    registry = BidiComponentManager()
    registry.discover_and_register_components(start_file_watching=False)
    return registry


def measure_apptest(script: Path, query: dict[str, str], switch: str | None, repeat: int, timeout: float,
                    slugs: list[str] = (), slow: float = 15.0, tick=lambda: None, rerun: bool = True) -> dict:
    """First view, rerun and filter changes of one page in AppTest; ``tick`` is called after each run."""
    from streamlit.testing.v1 import AppTest

    out: dict = {"error": None}

    def timed_run():
        result = timed(at.run)
        tick()
        return result

    try:
        at = AppTest.from_file(str(script), default_timeout=timeout)
        at._bidi_component_manager = component_registry()  # (private: AppTest has no argument for it)
        for key, value in query.items():
            at.query_params[key] = value
        if switch:
            at.switch_page(switch)
        _, out["first"], out["first_cpu"] = timed_run()
        if at.exception:
            out["error"] = str(at.exception[0].message)[:200]
            return out
        out["charts"], out["page_bytes"] = element_bytes(at)
        if out["first"] > slow:  # a slow page: one rerun skipped, one filter change, to stay in the time budget
            repeat = 1
            out["slow"] = True
        elif rerun:
            reruns = [timed_run()[1:] for _ in range(max(1, repeat - 1))]
            out["rerun"] = median([w for w, _ in reruns])
        filters = []
        for step in range(repeat):
            what = change_filter(at, step, list(slugs))
            if what is None:
                break
            _, wall, cpu = timed_run()
            filters.append((wall, cpu))
            out["filter_what"] = what
            if at.exception:
                out["error"] = f"after filter change: {str(at.exception[0].message)[:200]}"
                break
            charts, page = element_bytes(at)
            out["charts_after"] = charts
        out["filter"] = median([w for w, _ in filters])
        out["filter_cpu"] = median([c for _, c in filters])
    except Exception as err:  # one page failing never stops the run
        out["error"] = f"{type(err).__name__}: {err}"[:300]
    finally:
        gc.collect()
    return out


MARK = "@@bench "


def emit(**message) -> None:
    print(MARK + json.dumps(message, default=str), flush=True)


def measure_load() -> dict:
    """The store build the app way (build.open_or_build), first into an empty cache folder, then reopened.

    The first build runs in a child process (``python -m superficial.build``): its wall time is measured
    here, its peak RSS and CPU time are the worker's children's (the build is the worker's only child).
    The build is then moved into the run's cache folder and opened from there as a restarted server would;
    finally ui.cache.bundled_store opens it once more, so the AppTest runs that follow find the store loaded.
    """
    import resource
    import shutil
    import tempfile

    from superficial import config
    from superficial.db import build, queries
    from superficial.ui import cache

    data_dir, content_dir = config.data_dir(), config.content_dir()
    shared = build.cache_dir()
    key = build.build_key(data_dir, content_dir)
    warnings: list[str] = []

    class Collect(logging.Handler):  # the cache's own warnings (not used, damaged build), not data problems
        def emit(self, record):
            if record.module == "build":
                warnings.append(record.getMessage()[:200])

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("superficial")
    logger.addHandler(handler)
    logging.disable(logging.NOTSET)
    shared.mkdir(parents=True, exist_ok=True)
    empty = Path(tempfile.mkdtemp(prefix="empty-cache-", dir=shared.parent))  # same file system as the cache
    out: dict = {}
    try:
        os.environ["SUPERFICIAL_CACHE_DIR"] = str(empty)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        _, out["cold_build"], out["cold_build_cpu"] = timed(lambda: build.open_or_build(data_dir, content_dir))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out["cold_build_child"] = (empty / key).is_dir()  # else open_or_build fell back to building in process
        out["child_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        out["child_peak_rss"] = after.ru_maxrss / 1024 if after.ru_maxrss else None  # KB on Linux
        out["child_peak_rss_before"] = before.ru_maxrss / 1024  # 0: no earlier child to mix it up with
        if out["cold_build_child"] and not (shared / key).is_dir():
            with contextlib.suppress(OSError):  # the same build: no second one for the shared cache
                os.rename(empty / key, shared / key)
        os.environ["SUPERFICIAL_CACHE_DIR"] = str(shared)
        out["shared_had_build"] = (shared / key).is_dir()
        if not out["shared_had_build"]:  # not measured as a warm open: it would build
            build.open_or_build(data_dir, content_dir)
        mid = resource.getrusage(resource.RUSAGE_CHILDREN)
        _, out["warm_open"], out["warm_open_cpu"] = timed(lambda: build.open_or_build(data_dir, content_dir))
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        out["warm_open_child"] = (end.ru_utime, end.ru_stime) != (mid.ru_utime, mid.ru_stime)  # should be False
        store, out["total"], out["total_cpu"] = timed(cache.bundled_store)
        out["worker_rss"], out["worker_hwm"] = proc_memory(os.getpid())
    finally:
        os.environ["SUPERFICIAL_CACHE_DIR"] = str(shared)
        shutil.rmtree(empty, ignore_errors=True)
        logger.removeHandler(handler)
        logging.disable(logging.WARNING)
    figures = queries.headline_figures(store)
    out.update(models=figures["models"], scores=figures["scores"], n_editions=len(store.editions),
               errors=len([p for p in store.problems if p.severity == "error"]), warnings=warnings[:5],
               cache_dir=str(shared), key=key)
    return out


def worker(job_file: Path) -> int:
    """Run AppTest jobs in this process (started by run_jobs), reporting each run on stdout."""
    logging.disable(logging.WARNING)
    spec = json.loads(job_file.read_text())
    os.environ.update(spec["env"])
    if spec.get("prebuild"):
        try:
            load = measure_load()
        except Exception as err:  # reported; the pages then load the store in their first view
            load = {"error": f"{type(err).__name__}: {err}"[:300]}
        emit(kind="load", result=load)
    for job in spec["jobs"]:
        emit(kind="start", id=job["id"])
        result = measure_apptest(Path(job["script"]), job["query"], job["switch"], job["repeat"], job["timeout"],
                                 job.get("slugs", []), job["slow"], tick=lambda: emit(kind="tick"),
                                 rerun=job.get("rerun", True))
        emit(kind="result", id=job["id"], result=result)
    return 0


def run_jobs(env: dict[str, str], jobs: list[dict], prebuild: bool, timeout: float) -> tuple[dict, dict | None]:
    """Run AppTest jobs in a worker process; a run over ``timeout`` seconds is killed and reported as such.

    Returns the results by job id and the store load timings (with ``prebuild``).
    """
    import queue
    import tempfile
    import threading

    results: dict = {}
    load = None
    remaining = list(jobs)
    while remaining:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"env": env, "prebuild": prebuild and load is None, "jobs": remaining}, f)
        process = subprocess.Popen([sys.executable, "-m", "bench.run", "--worker", f.name], cwd=ROOT,
                                   env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True)
        lines: queue.Queue = queue.Queue()

        def pump(stream=process.stdout, sink=lines) -> None:
            for text in stream:
                sink.put(text)
            sink.put(None)

        threading.Thread(target=pump, daemon=True).start()
        current = None
        deadline = time.monotonic() + max(timeout, 60) * 3  # start-up and store load
        try:
            while True:
                try:
                    line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
                except queue.Empty:  # a run took too long: kill the worker, go on with the next job
                    process.kill()
                    process.wait()
                    if current is not None:
                        results[current] = {"error": f"timeout: a run took over {timeout:g} s", "timeout": True}
                    else:
                        results.update({j["id"]: {"error": "worker did not start in time"} for j in remaining})
                    break
                if line is None:  # the worker ended
                    process.wait()
                    for job in remaining:
                        results.setdefault(job["id"], {"error": f"worker exited ({process.returncode})"})
                    break
                if not line.startswith(MARK):
                    continue
                message = json.loads(line[len(MARK):])
                if message["kind"] == "load":
                    load = message["result"]
                elif message["kind"] == "start":
                    current = message["id"]
                elif message["kind"] == "result":
                    results[message["id"]] = message["result"]
                    current = None
                deadline = time.monotonic() + timeout
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            os.unlink(f.name)
        remaining = [j for j in remaining if j["id"] not in results]
    return results, load


# --- the browser -----------------------------------------------------------------------------------

class ScriptServer(browser.AppServer):
    """browser.AppServer for any script (the floor and the naive peer), not only app.py."""

    def __init__(self, script: Path, env: dict[str, str] | None = None):
        super().__init__(env)
        self.script = script

    def command(self) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", str(self.script), *self.options(), "--logger.level", "error"]


def _seconds_until(chromium, url: str, timeout: float, shown) -> float | None:
    """Seconds from navigation until ``shown(page, milliseconds)`` returns, in a fresh browser context."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        shown(page, timeout * 1000)
        return time.perf_counter() - start
    except Exception:
        return None
    finally:
        context.close()


def first_chart(chromium, url: str, timeout: float) -> float | None:
    """Seconds from navigation to the first Plotly chart drawn, in a fresh browser context."""
    return _seconds_until(chromium, url, timeout,
                          lambda page, ms: page.wait_for_selector(CHART, state="visible", timeout=ms))


def page_ready(chromium, url: str, timeout: float) -> float | None:
    """Seconds from navigation to the page run done, in a fresh browser context (for a page without charts)."""
    def ready(page, ms):
        page.wait_for_selector("[data-testid='stMain']", timeout=ms)
        browser.wait_ready(page, ms)

    return _seconds_until(chromium, url, timeout, ready)


BROWSER_ROUNDS = 3  # a browser timing is the median of this many, the app's and the floor's taken in turn


def _spread(samples: list[float | None]) -> tuple[float | None, list[float]]:
    """The median of the samples measured, and those samples; None when none was (every visit timed out)."""
    seen = [s for s in samples if s is not None]
    return (median(seen) if len(seen) == len(samples) else None), seen


def _cold_start(server: browser.AppServer, chromium, path: str, timeout: float, kept=None) -> float | None:
    """Seconds from starting ``server`` to the first chart of ``path`` on it; ``kept(server)`` runs before it stops."""
    start = time.perf_counter()
    with server:
        seconds = first_chart(chromium, f"{server.url}/{path}", timeout)
        total = None if seconds is None else time.perf_counter() - start
        if kept is not None:
            kept(server)
    return total


def measure_browser(ds: Dataset, pages: list[PageInfo], chart_counts: dict[str, int], timeout: float,
                    first_views: dict[str, float | None], build_key: str | None = None,
                    build_seconds: float | None = None, rounds: int = BROWSER_ROUNDS) -> dict:
    """First chart in Chromium for every page, the floor and the naive peer; server boot and RSS.

    On this machine one visit can take twice as long as the next, so the app's timings and the floor's are
    taken in turn, ``rounds`` times each, and their medians compared. A page whose first view took longer
    than ``timeout`` in AppTest is not visited (its first chart cannot come sooner); the cold start is
    measured on the page with the quickest first view: on servers started with the run's cache holding the
    store build (a restart: ``cold``), against floor servers started as often, and once on a server started
    with an empty cache folder (the first start ever: ``cold_empty``, the build included).
    """
    import shutil
    import tempfile

    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}, "floor": {}, "naive": {}, "rounds": rounds, "samples": {}}
    with sync_playwright() as playwright:
        chromium = browser.launch_chromium(playwright)
        try:
            first = first_chart(chromium, "about:blank", 5)  # warm the browser itself  # noqa: F841
            charted = [p for p in pages if chart_counts.get(p.url_path)]
            out["skipped"] = {p.url_path: first_views.get(p.url_path) for p in pages
                              if first_views.get(p.url_path) is None or first_views[p.url_path] > timeout}
            charted = [p for p in charted if p.url_path not in out["skipped"]]
            charted.sort(key=lambda p: (p.url_path not in TARGET_PAGES, first_views[p.url_path]))
            # The time to the first chart hardly depends on how many follow: one count stands for all.
            floor_path = f"?charts={max([chart_counts.get(p.url_path, 1) for p in charted] or [1])}"

            def query(p: PageInfo, extra: str = "") -> str:
                q = f"?models={ds.compare_models}" if p.url_path == "compare" else ""
                return q + (("&" if q else "?") + extra if extra else "")

            # (a) Restarts, the build in the run's cache folder (made by the AppTest worker), each against a
            # floor server started the same way.
            out["warm_cache"] = None if build_key is None else (CACHE / build_key).is_dir()
            builds_before = {e.name for e in CACHE.iterdir() if e.is_dir()}
            if charted:
                cold_page = charted[0]
                colds, floor_colds = [], []

                def after_first(server) -> None:  # the store loaded, one page seen
                    out.setdefault("rss_cold", proc_memory(server.process.pid)[0])

                for _ in range(rounds):
                    colds.append(_cold_start(browser.AppServer(ds.env), chromium,  # as scripts/run.sh runs it
                                             f"{cold_page.url_path}{query(cold_page)}", timeout, after_first))
                    floor_colds.append(_cold_start(ScriptServer(FLOOR, ds.env), chromium, floor_path, timeout))
                out["cold"], out["samples"]["cold"] = _spread(colds)
                out["floor_cold"], out["samples"]["floor_cold"] = _spread(floor_colds)
                out["cold_page"] = cold_page.title

            # (b) One server through every page in menu order: the first chart of a page with charts, else the
            # page run done, and the server's memory after each; then more rounds of the charted pages, each
            # visit followed by one of the floor's on its own running server.
            server = browser.AppServer(ds.env)
            boot_start = time.perf_counter()
            with server, ScriptServer(FLOOR, ds.env) as floor:
                out["boot"] = time.perf_counter() - boot_start
                seen: dict[str, list[float | None]] = {p.url_path: [] for p in charted}
                floor_seen: list[float | None] = []
                out["visits"] = []
                for p in pages:
                    if p.url_path in out["skipped"] and chart_counts.get(p.url_path):
                        continue
                    url = f"{server.url}/{p.url_path}{query(p)}"
                    if p in charted:
                        seconds = first_chart(chromium, url, timeout)
                        seen[p.url_path].append(seconds)
                        floor_seen.append(first_chart(chromium, f"{floor.url}/{floor_path}", timeout))
                    else:
                        seconds = page_ready(chromium, url, timeout)
                    rss, hwm = proc_memory(server.process.pid)
                    out["visits"].append({"page": p.title, "charts": chart_counts.get(p.url_path, 0),
                                          "chart": seconds, "rss": rss, "hwm": hwm})
                out["rss"], out["hwm"] = proc_memory(server.process.pid)
                for _ in range(rounds - 1):
                    for p in charted:
                        seen[p.url_path].append(first_chart(chromium, f"{server.url}/{p.url_path}{query(p)}", timeout))
                        floor_seen.append(first_chart(chromium, f"{floor.url}/{floor_path}", timeout))
                for path, samples in seen.items():
                    out["pages"][path], out["samples"][path] = _spread(samples)
                out["floor_warm"], out["samples"]["floor_warm"] = _spread(floor_seen)
                out["floor_rss"], out["floor_hwm"] = proc_memory(floor.process.pid)
            # A build folder new since the worker's: these servers built (their files or code changed meanwhile).
            out["restart_built"] = bool({e.name for e in CACHE.iterdir() if e.is_dir()} - builds_before)

            # (c) The first start ever: an empty cache folder, so the first page waits for the build.
            if charted:
                p = charted[0]
                empty = Path(tempfile.mkdtemp(prefix="empty-cache-", dir=CACHE.parent))
                try:
                    allowed = timeout + 3 * (build_seconds or 0)  # the build comes on top of the page

                    def memory(server) -> None:
                        out["rss_empty"], out["hwm_empty"] = proc_memory(server.process.pid)

                    out["cold_empty"] = _cold_start(browser.AppServer({**ds.env, "SUPERFICIAL_CACHE_DIR": str(empty)}),
                                                    chromium, f"{p.url_path}{query(p)}", allowed, memory)
                    out["cold_empty_allowed"] = allowed
                    # A build folder in the empty cache: built in a child process, not in the server.
                    out["empty_built"] = any(e.is_dir() and len(e.name) == 32 for e in empty.iterdir())
                finally:
                    shutil.rmtree(empty, ignore_errors=True)

            naive_pages = [p for p in charted if p.url_path in NAIVE_PAGES][:1]  # cold start only: time budget
            for p in naive_pages:
                def naive_memory(server) -> None:
                    out["naive_rss"], out["naive_hwm"] = proc_memory(server.process.pid)

                out["naive_cold"] = _cold_start(ScriptServer(NAIVE, ds.env), chromium,
                                                query(p, f"page={p.url_path}"), timeout, naive_memory)
                out["naive_cold_page"] = p.title
        finally:
            chromium.close()
    return out


# --- one data set ----------------------------------------------------------------------------------

def measure_dataset(ds: Dataset, pages: list[PageInfo], args) -> dict:
    result: dict = {"label": ds.label, "load": None, "pages": {}, "floor": {}, "naive": {}, "browser": None,
                    "load_avg_start": os.getloadavg()[0], "calibration": calibrate()}
    ds.slugs = edition_slugs(ds.content_dir)
    print(f"\n== {ds.label}", flush=True)
    common = {"repeat": args.repeat, "timeout": args.timeout, "slow": args.slow}
    jobs = []
    for page in pages:
        query = {"models": ds.compare_models} if page.url_path == "compare" else {}
        jobs.append({"id": f"page:{page.url_path}", "script": str(ROOT / "app.py"), "query": query,
                     "switch": page.file, "slugs": ds.slugs, **common})
    for page in pages:
        if page.url_path in NAIVE_PAGES:
            query = {"page": page.url_path, **({"models": ds.compare_models} if page.url_path == "compare" else {})}
            jobs.append({"id": f"naive:{page.url_path}", "script": str(NAIVE), "query": query, "switch": None,
                         **common, "rerun": False})
    done, result["load"] = run_jobs(ds.env, jobs, True, args.timeout)
    print(f"   load {json.dumps(result['load'], default=str)}", flush=True)
    for job_id, r in done.items():
        kind, _, path = job_id.partition(":")
        result["pages" if kind == "page" else "naive"][path] = r
        print(f"   {job_id:20s} first {fmt_s(r.get('first'))} rerun {fmt_s(r.get('rerun'))} filter "
              f"{fmt_s(r.get('filter'))} charts {[round(b / 1024) for b in r.get('charts', [])]} KB {r.get('error') or ''}",
              flush=True)
    counts = sorted({max(1, len(r.get("charts", []))) for r in result["pages"].values()})
    floor_jobs = [{"id": f"floor:{n}", "script": str(FLOOR), "query": {"charts": str(n)}, "switch": None, **common}
                  for n in counts if n not in FLOOR_SEEN["apptest"]]  # the floor reads no data: once per count
    if floor_jobs:
        done, _ = run_jobs(ds.env, floor_jobs, False, args.timeout)
        FLOOR_SEEN["apptest"].update({int(k.partition(":")[2]): v for k, v in done.items()})
    result["floor"] = {n: FLOOR_SEEN["apptest"][n] for n in counts if n in FLOOR_SEEN["apptest"]}
    if not args.no_browser and (ds.models is not None or args.bundled_browser):
        print("   browser …", flush=True)
        charts = {p.url_path: len(result["pages"].get(p.url_path, {}).get("charts", [])) for p in pages}
        try:
            firsts = {p.url_path: result["pages"].get(p.url_path, {}).get("first") for p in pages}
            load = result["load"] or {}
            result["browser"] = measure_browser(ds, pages, charts, args.browser_timeout, firsts, load.get("key"),
                                                load.get("cold_build"))
        except Exception as err:
            result["browser"] = {"error": f"{type(err).__name__}: {err}", "pages": {}}
            traceback.print_exc()
        print(f"   {json.dumps(result['browser'], default=str)[:600]}", flush=True)
    result["load_avg_end"] = os.getloadavg()[0]
    return result


# --- the report ------------------------------------------------------------------------------------

def fmt_s(value: float | None) -> str:
    return "—" if value is None else (f"{value:.2f}" if value < 10 else f"{value:.1f}")


def fmt_ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b <= 0:
        return "—"
    return f"{a / b:.1f}×"


def fmt_kb(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1024:,.0f}" if value < 10 * MB else f"{value / MB:,.1f} MB"


def fmt_n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def samples_text(b: dict, key: str) -> str:
    """The samples a browser median was taken of, as '[2.4, 2.6, 3.1] ' (nothing when there was one)."""
    samples = (b.get("samples") or {}).get(key) or []
    return f"[{', '.join(fmt_s(s) for s in samples)}] " if len(samples) > 1 else ""


def cold_empty_text(b: dict) -> str:
    if b.get("cold_empty") is not None:
        return f"{fmt_s(b['cold_empty'])} s"
    return f"> {b['cold_empty_allowed']:.0f} s" if b.get("cold_empty_allowed") else "—"


def check(ok: bool | None) -> str:
    return "" if ok is None else ("✅" if ok else "❌")


def report(results: list[dict], info: dict, pages: list[PageInfo], args, started: float) -> str:
    lines = [
        "# Superficial Intelligence dashboard — benchmark",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M} · `{' '.join(sys.argv)}` · {time.perf_counter() - started:.0f} s in all",
        "",
        f"Machine: {info['nproc']} CPU(s), {info['cpu']}, {info['ram_gb']:.1f} GB RAM, Python {info['python']}. "
        f"{load_text(info['load'][0], info.get('load_end')).capitalize()}. Timings are wall-clock seconds; a calibration loop "
        f"(`sum(range(10**7))`) is given per data set: the higher it is, the busier the machine was. "
        f"Store builds are cached in {CACHE.relative_to(ROOT) if CACHE.is_relative_to(ROOT) else CACHE} "
        f"(SUPERFICIAL_CACHE_DIR of every process started), never in ~/.cache.",
        "",
        "Columns. **first**: first view of the page in a new session (store loaded, queries not yet cached); "
        "**rerun**: the same view again; **filter**: median of two filter changes (size range on the benchmark "
        "pages, the model list on Compare, another edition on Editions); **floor** / **naive**: the same for "
        "bench/floor_app.py (as many charts, 10 points each) and bench/naive_app.py (pandas reading the CSV "
        "files every rerun); **×bundled**: filter change against the same page on the bundled data; "
        "**max chart**: the largest chart's figure JSON in KB; **page**: all elements of the page in KB; "
        f"**chart (browser)**: navigation to the first chart drawn in headless Chromium on a running server "
        f"(a fresh browser context per visit; the median of {BROWSER_ROUNDS} visits, each followed by one of the "
        f"floor's), **×floor** against the median of the floor's first chart on its running server. "
        "A page whose first view took longer than --slow seconds gets one filter change and no rerun; the naive "
        "peer gets no rerun. The floor reads no data, so in AppTest it is measured once per run (per chart "
        "count) and the same figures stand in every section; in the browser it is measured beside each data set.",
        "",
    ]
    bundled = next((r for r in results if r["label"] == "bundled"), None)
    largest = results[-1]
    for r in results:
        load = r["load"] or {}
        lines += [f"## {r['label']} models" if r["label"] != "bundled" else "## bundled data", ""]
        lines.append(
            f"Data: {fmt_n(load.get('models'))} models, {fmt_n(load.get('scores'))} scores, "
            f"{fmt_n(load.get('n_editions'))} editions, {fmt_n(load.get('errors'))} problems. "
            f"Store (build.open_or_build): first build into an empty cache folder {fmt_s(load.get('cold_build'))} s "
            + (f"in a child process (its CPU {fmt_s(load.get('child_cpu'))} s, peak RSS "
               f"{fmt_mb(load.get('child_peak_rss'))} MB)" if load.get("cold_build_child")
               else "⚠ not in a child process (the cache was not used: built in the calling process)")
            + f"; opened from the warm cache {fmt_s(load.get('warm_open'))} s"
            + (" ⚠ (a child process ran: not an open only)" if load.get("warm_open_child") else "")
            + f", through ui.cache.bundled_store {fmt_s(load.get('total'))} s."
            + (f" Warnings: {'; '.join(load['warnings'])}." if load.get("warnings") else "")
            + (f" ⚠ Store measurement failed: {load['error']}." if load.get("error") else "")
            + f" Calibration {r['calibration']:.2f} s, load average {r['load_avg_start']:.1f} → {r['load_avg_end']:.1f}.")
        b = r.get("browser") or {}
        if b:
            lines.append(
                f"Server RSS after visiting every page: app {fmt_mb(b.get('rss'))} MB (peak {fmt_mb(b.get('hwm'))}; "
                f"{fmt_mb(b.get('rss_cold'))} MB after the first page), "
                f"floor {fmt_mb(b.get('floor_rss'))} MB, naive {fmt_mb(b.get('naive_rss'))} MB (peak "
                f"{fmt_mb(b.get('naive_hwm'))}, after {b.get('naive_cold_page', '—')} only). Cold start to first chart "
                f"(server process start, then the page; medians of {b.get('rounds', 1)} starts, app and floor in "
                f"turn): app with the store build cached (a restart) {fmt_s(b.get('cold'))} s "
                f"{samples_text(b, 'cold')}({b.get('cold_page', '—')}"
                + ("" if b.get("warm_cache") in (True, None) else "; ⚠ the build was not in the cache")
                + ("; ⚠ yet this server built the store: files or code changed during the run"
                   if b.get("restart_built") else "")
                + f"), floor {fmt_s(b.get('floor_cold'))} s {samples_text(b, 'floor_cold')}"
                f"({fmt_ratio(b.get('cold'), b.get('floor_cold'))}); "
                f"app first start with an empty cache folder (build included) {cold_empty_text(b)} "
                f"({fmt_ratio(b.get('cold_empty'), b.get('floor_cold'))} the floor"
                + ("" if b.get("empty_built") in (True, None) else "; ⚠ no build in the cache folder afterwards")
                + f"; server RSS then {fmt_mb(b.get('rss_empty'))} MB, peak {fmt_mb(b.get('hwm_empty'))}); "
                f"naive {fmt_s(b.get('naive_cold'))} s ({b.get('naive_cold_page', '—')}). First chart on a running "
                f"server: floor {fmt_s(b.get('floor_warm'))} s {samples_text(b, 'floor_warm')}; the pages' "
                "samples: " + "; ".join(f"{path} {samples_text(b, path)}" for path in (b.get("pages") or {})).strip()
                + "."
                + (f" Browser error: {b['error']}" if b.get("error") else ""))
        lines += ["", "| page | charts | first s | rerun s | filter s | floor s | naive s | ×floor | ×bundled | "
                      "naive÷app | max chart KB | page KB | chart (browser) s | ×floor |",
                  "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for page in pages:
            p = r["pages"].get(page.url_path, {})
            charts = p.get("charts", [])
            floor = r["floor"].get(max(1, len(charts)), {})
            naive = r["naive"].get(page.url_path, {})
            base = (bundled or {}).get("pages", {}).get(page.url_path, {}) if bundled else {}
            bchart = (b.get("pages") or {}).get(page.url_path)
            bfloor = b.get("floor_warm") if charts else None
            error = f" ⚠ {p['error']}" if p.get("error") and not p.get("timeout") else ""
            over = f"> {args.timeout:g}" if p.get("timeout") else None
            skipped = (b.get("skipped") or {})
            if page.url_path in skipped and (charts or over):
                first = skipped[page.url_path]
                bchart_text = f"≥ {first:.0f} (not run)" if first is not None else "not run"
            elif bchart is None and charts and b and not b.get("error"):
                bchart_text = f"> {args.browser_timeout:g}"
            else:
                bchart_text = fmt_s(bchart)
            lines.append(
                f"| {page.title}{error} | {len(charts) if not over else '?'} | {over or fmt_s(p.get('first'))} | "
                f"{over or fmt_s(p.get('rerun'))} | "
                f"{over or fmt_s(p.get('filter'))} | {fmt_s(floor.get('filter'))} | {fmt_s(naive.get('filter'))} | "
                f"{fmt_ratio(p.get('filter'), floor.get('filter'))} | {fmt_ratio(p.get('filter'), base.get('filter'))} | "
                f"{fmt_ratio(naive.get('filter'), p.get('filter'))} | {fmt_kb(max(charts) if charts else None)} | "
                f"{fmt_kb(p.get('page_bytes'))} | {bchart_text} | {fmt_ratio(bchart, bfloor)} |")
        lines.append("")

    lines += targets_section(largest, pages, args, info["load"][0], info.get("load_end"))
    if bundled is not None:
        lines += bundled_section(bundled, pages)
    if largest.get("browser"):
        lines += visits_section(largest["browser"], largest["label"])
    return "\n".join(lines)


# --- the targets ---------------------------------------------------------------------------

FILTER_TARGET = 0.10  # seconds of server time for a filter change, on every page and on the bundled data too
EDITION_FIRST_TARGET = 0.5  # seconds, the Editions page's first view of an edition
TIMELINE_CHART_TARGET = 300 * 1024  # bytes, the Timeline's largest chart
BROWSER_FLOOR_TARGET = 1.5  # × the floor: the Timeline's first chart in Chromium, and the cold start
RSS_TARGET = 500  # MB, the server's peak RSS over a visit of every page


@dataclass(frozen=True)
class Target:
    """One of the issue's targets: what is measured, the limit, the measurement as shown, and whether it is met."""

    name: str
    limit: str
    measured: str
    met: bool | None  # None: not measured in this run


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b <= 0 else a / b


def targets(result: dict, pages: list[PageInfo], timeout: float, browser_timeout: float) -> list[Target]:
    """The issue's targets, judged on one data set's results (the largest size)."""
    out = []
    measured = result.get("pages", {})
    for page in pages:
        if page.url_path not in TARGET_PAGES:
            continue
        p = measured.get(page.url_path, {})
        seconds = timeout if p.get("timeout") else p.get("filter")
        shown = "—" if seconds is None else (f"> {timeout:g} s" if p.get("timeout") else f"{fmt_s(seconds)} s")
        out.append(Target(f"filter change, server time: {page.title}", f"≤ {FILTER_TARGET:g} s", shown,
                          _at_most(seconds, FILTER_TARGET)))
    names = {page.url_path for page in pages}
    if "editions" in names:
        first = measured.get("editions", {}).get("first")
        out.append(Target("Editions, first view of an edition", f"≤ {EDITION_FIRST_TARGET:g} s",
                          "—" if first is None else f"{fmt_s(first)} s", _at_most(first, EDITION_FIRST_TARGET)))
    b = result.get("browser") or {}
    if "timeline" in names:
        t = measured.get("timeline", {})
        charts = [*t.get("charts", []), *t.get("charts_after", [])]
        largest = max(charts) if charts else None
        out.append(Target("Timeline, largest chart", f"≤ {TIMELINE_CHART_TARGET // 1024} KB",
                          "—" if largest is None else f"{fmt_kb(largest)} KB", _at_most(largest, TIMELINE_CHART_TARGET)))
        chart = (b.get("pages") or {}).get("timeline")
        if chart is None and "timeline" in (b.get("pages") or {}):
            chart = browser_timeout  # no chart within the timeout: at least this
        ratio = _ratio(chart, b.get("floor_warm"))
        out.append(Target("Timeline, first chart in Chromium vs the floor", f"≤ {BROWSER_FLOOR_TARGET:g}×",
                          "—" if ratio is None else f"{ratio:.1f}× ({fmt_s(chart)} s vs {fmt_s(b.get('floor_warm'))} s)",
                          _at_most(ratio, BROWSER_FLOOR_TARGET)))
    cold = b.get("cold")
    if cold is None and b.get("cold_page") and not b.get("error"):
        cold = browser_timeout
    ratio = _ratio(cold, b.get("floor_cold"))
    out.append(Target("cold start to first chart, store build cached", f"≤ {BROWSER_FLOOR_TARGET:g}× the floor",
                      "—" if ratio is None else
                      f"{ratio:.1f}× ({fmt_s(cold)} s vs {fmt_s(b.get('floor_cold'))} s, {b.get('cold_page', '—')})",
                      _at_most(ratio, BROWSER_FLOOR_TARGET)))
    peak = b.get("hwm")
    out.append(Target("server peak RSS over a visit of every page", f"≤ {RSS_TARGET} MB",
                      "—" if peak is None else f"{fmt_mb(peak)} MB (RSS at the end {fmt_mb(b.get('rss'))} MB)",
                      _at_most(peak, RSS_TARGET)))
    return out


def load_text(start: float | None, end: float | None) -> str:
    """'load average 3.2 at the start of the run, 4.1 at the end' (1 minute)."""
    shown = [f"{value:.1f} at the {when} of the run" for value, when in ((start, "start"), (end, "end"))
             if value is not None]
    return "load average (1 min) " + ", ".join(shown) if shown else "load average not measured"


def targets_table(label: str, rows: list[Target], load_start: float | None, load_end: float | None) -> list[str]:
    """The targets as a Markdown table, with the run's load average and the targets missed."""
    lines = [f"## Targets at {label} models", "", f"Judged on this run, {load_text(load_start, load_end)}.", "",
             "| target | limit | measured | met |", "|---|---|---|:-:|"]
    lines += [f"| {t.name} | {t.limit} | {t.measured} | {check(t.met) or '—'} |" for t in rows]
    missed = [t.name for t in rows if t.met is False]
    unmeasured = [t.name for t in rows if t.met is None]
    lines += ["", "Missed: " + ("; ".join(missed) if missed else "none") + "."
              + (f" Not measured in this run: {'; '.join(unmeasured)}." if unmeasured else ""), ""]
    return lines


def targets_section(result: dict, pages: list[PageInfo], args, load_start: float | None,
                    load_end: float | None) -> list[str]:
    return targets_table(result["label"], targets(result, pages, args.timeout, args.browser_timeout), load_start,
                         load_end)


def bundled_rows(bundled: dict, pages: list[PageInfo]) -> list[Target]:
    """Each page's filter change on the bundled data against the same limit as at scale."""
    out = []
    for page in pages:
        p = bundled.get("pages", {}).get(page.url_path, {})
        seconds = p.get("filter")
        if seconds is None and not p.get("timeout"):
            continue  # a page with nothing to change (Home, Data, SQL)
        out.append(Target(page.title, f"≤ {FILTER_TARGET:g} s", "—" if seconds is None else f"{fmt_s(seconds)} s",
                          False if p.get("timeout") else _at_most(seconds, FILTER_TARGET)))
    return out


def bundled_section(bundled: dict, pages: list[PageInfo]) -> list[str]:
    """'Bundled data stays as fast': every page's filter change on the bundled data."""
    rows = bundled_rows(bundled, pages)
    lines = ["## Bundled data stays as fast", "",
             f"Filter change, server time, on the bundled data ({load_text(bundled.get('load_avg_start'), bundled.get('load_avg_end'))}).",
             "", "| page | limit | filter change | met |", "|---|---|---|:-:|"]
    lines += [f"| {t.name} | {t.limit} | {t.measured} | {check(t.met) or '—'} |" for t in rows]
    return lines + [""]


def visits_section(browser_result: dict, label: str) -> list[str]:
    """The server's memory after each page of the browser's visit of every page, in order."""
    visits = browser_result.get("visits") or []
    if not visits:
        return []
    lines = [f"## Server memory over a visit of every page ({label} models)", "",
             "One server, started with the store build cached; each page opened in a fresh browser context in "
             "menu order, its RSS and peak RSS (VmHWM) read after it.", "",
             "| page | first chart s | RSS MB | peak MB |", "|---|--:|--:|--:|"]
    lines += [f"| {v['page']} | {fmt_s(v.get('chart')) if v.get('charts') else 'no chart'} | {fmt_mb(v.get('rss'))} | "
              f"{fmt_mb(v.get('hwm'))} |" for v in visits]
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the dashboard on synthetic data.")
    parser.add_argument("--sizes", default="100,10000,100000", help="model counts, comma-separated")
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pages", default="", help="url paths to measure (default: every available page)")
    parser.add_argument("--repeat", type=int, default=2, help="filter changes (and reruns + 1) per page")
    parser.add_argument("--timeout", type=float, default=45, help="seconds allowed for one page run")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--browser-timeout", type=float, default=30, help="seconds allowed for a first chart")
    parser.add_argument("--bundled-browser", action="store_true", help="also measure the bundled data in Chromium")
    parser.add_argument("--slow", type=float, default=5,
                        help="a first view slower than this gets one filter change and no rerun")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled data (no ×bundled ratio)")
    parser.add_argument("--out", type=Path, default=OUT / "results.md")
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker)
    logging.getLogger("superficial").setLevel(logging.ERROR)
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ["SUPERFICIAL_CACHE_DIR"] = str(CACHE)  # never ~/.cache: every process started inherits it
    started = time.perf_counter()
    info = machine()
    wanted = {p.strip() for p in args.pages.split(",") if p.strip()}
    pages = [p for p in available_pages() if not wanted or p.url_path in wanted]
    print(f"pages: {', '.join(p.url_path for p in pages)}; machine: {info}", flush=True)
    datasets = [] if args.no_bundled else [bundled_dataset()]
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        ds, seconds = synthetic_dataset(size, args.editions, args.seed)
        if seconds:
            print(f"generated {ds.label} models in {seconds:.1f} s", flush=True)
        datasets.append(ds)
    results = [measure_dataset(ds, pages, args) for ds in datasets]
    info["load_end"] = os.getloadavg()[0]
    text = report(results, info, pages, args, started)
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps({"machine": info, "results": results}, default=str, indent=1))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
