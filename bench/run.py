"""Benchmark the dashboard on synthetic data (issue 7): one command, not part of the tests.

    .venv/bin/python bench/run.py [--sizes 100,10000,100000] [--out bench/out/results.md]

For the bundled data and each size (N models × 5 benchmarks, 1,000 editions, made by
superficial.synthetic and kept under bench/out/synthetic/) it measures every page listed by
navigation.available_pages():

- server time of a page run in AppTest: first view (store loaded, queries not cached), a rerun with the
  same widgets, and a filter change (median of two different changes);
- the bytes each Plotly chart sends (its figure JSON) and the whole page's element bytes;
- in headless Chromium, time from navigation to the first chart drawn, on a running server (a fresh
  browser context per page), and once per dataset from a cold server process;
- the server's RSS after visiting every page;

and the same for two references: the floor (bench/floor_app.py, the same number of charts of 10 points
each) and the naive peer (bench/naive_app.py, the page written the common way: pandas reading the CSV
files on every rerun). It prints a table with ratios and the targets of issue 7 at the largest size, and
writes it to --out.
"""
from __future__ import annotations

import argparse
import datetime as dt
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
sys.path.insert(0, str(ROOT))

from superficial import browser, synthetic  # noqa: E402
from superficial.navigation import PageInfo, available_pages  # noqa: E402

OUT = ROOT / "bench" / "out"
FLOOR = ROOT / "bench" / "floor_app.py"
NAIVE = ROOT / "bench" / "naive_app.py"
NAIVE_PAGES = {"explore", "efficiency", "compare", "timeline", "editions"}
TARGET_PAGES = {"explore", "efficiency", "compare", "timeline", "editions"}  # the benchmark pages and Editions
SIZE_CHANGES = [("7B", "70B"), ("13B", "∞"), ("1B", "13B")]
CHART = ".js-plotly-plot"
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
    notes: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {"SUPERFICIAL_DATA_DIR": str(self.data_dir), "SUPERFICIAL_CONTENT_DIR": str(self.content_dir)}


def generator_version() -> str:
    return hashlib.sha256((ROOT / "superficial" / "synthetic.py").read_bytes()).hexdigest()[:12]


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


def bundled_dataset() -> Dataset:
    return Dataset("bundled", ROOT / "data", ROOT / "content", None, "Phi-2,Llama 2 70B,Mixtral 8x7B")


# --- AppTest: server time and bytes ----------------------------------------------------------------

def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


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


def change_filter(at, step: int) -> str | None:
    """Change a filter the way a reader would; the step picks a different change each time."""
    size = _find(at.select_slider, key="size")
    if size is not None:
        low, high = SIZE_CHANGES[step % len(SIZE_CHANGES)]
        size.set_range(low, high)
        return f"size {low}–{high}"
    models = _find(at.multiselect, key="compare_models")
    if models is not None:
        options = list(models.options)
        current = list(models.value)
        extra = [o for o in options[step * 7 + 1:] if o not in current][:1]
        models.set_value(current[:-1] + extra if len(current) > 1 else current + extra)
        return "models changed"
    edition = _find(at.selectbox, key="edition", label="Edition")
    if edition is not None:
        edition.select_index(step + 1)
        return "other edition"
    return None


def measure_apptest(script: Path, query: dict[str, str], switch: str | None, repeat: int, timeout: float) -> dict:
    """First view, rerun and filter changes of one page in AppTest."""
    from streamlit.testing.v1 import AppTest

    out: dict = {"error": None}
    try:
        at = AppTest.from_file(str(script), default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        if switch:
            at.switch_page(switch)
        _, out["first"], out["first_cpu"] = timed(at.run)
        if at.exception:
            out["error"] = str(at.exception[0].message)[:200]
            return out
        out["charts"], out["page_bytes"] = element_bytes(at)
        reruns = [timed(at.run)[1:] for _ in range(max(1, repeat - 1))]
        out["rerun"] = median([w for w, _ in reruns])
        filters = []
        for step in range(repeat):
            what = change_filter(at, step)
            if what is None:
                break
            _, wall, cpu = timed(at.run)
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


def measure_load(ds: Dataset) -> dict:
    """Time to read and validate the CSV files, load the editions and build the store, in this process."""
    from superficial.catalog import read_catalog
    from superficial.content import load_editions
    from superficial.store import Store

    catalog, catalog_s, catalog_cpu = timed(lambda: read_catalog(ds.data_dir))
    content, content_s, _ = timed(lambda: load_editions(ds.content_dir))
    store, store_s, _ = timed(lambda: Store(catalog, content))
    errors = len(catalog.errors) + len(content.skipped)
    result = {"catalog": catalog_s, "catalog_cpu": catalog_cpu, "editions": content_s, "store": store_s,
              "models": len(catalog.models), "scores": len(catalog.scores), "n_editions": len(content.editions),
              "errors": errors}
    del store, catalog, content
    gc.collect()
    return result


# --- the browser -----------------------------------------------------------------------------------

class ScriptServer(browser.AppServer):
    """browser.AppServer for any script (the floor and the naive peer), not only app.py."""

    def __init__(self, script: Path, env: dict[str, str] | None = None):
        super().__init__(env)
        self.script = script

    def __enter__(self) -> "ScriptServer":
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port), "--browser.gatherUsageStats",
             "false", "--server.fileWatcherType", "none", "--logger.level", "error"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early: {self.log_path.read_text()[-2000:]}")
            try:
                import urllib.request

                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not become healthy in 60 s")


def first_chart(chromium, url: str, timeout: float) -> float | None:
    """Seconds from navigation to the first Plotly chart drawn, in a fresh browser context."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.wait_for_selector(CHART, state="visible", timeout=timeout * 1000)
        return time.perf_counter() - start
    except Exception:
        return None
    finally:
        context.close()


def measure_browser(ds: Dataset, pages: list[PageInfo], chart_counts: dict[str, int], timeout: float) -> dict:
    """First chart in Chromium for every page, the floor and the naive peer; server boot and RSS."""
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}, "floor": {}, "naive": {}}
    with sync_playwright() as playwright:
        chromium = browser.launch_chromium(playwright)
        try:
            first = first_chart(chromium, "about:blank", 5)  # warm the browser itself  # noqa: F841
            charted = [p for p in pages if chart_counts.get(p.url_path)]

            def query(p: PageInfo, extra: str = "") -> str:
                q = f"?models={ds.compare_models}" if p.url_path == "compare" else ""
                return q + (("&" if q else "?") + extra if extra else "")

            server = ScriptServer(ROOT / "app.py", ds.env)
            boot_start = time.perf_counter()
            with server:
                out["boot"] = time.perf_counter() - boot_start
                if charted:
                    p = charted[0]
                    cold = first_chart(chromium, f"{server.url}/{p.url_path}{query(p)}", timeout)
                    out["cold"] = None if cold is None else out["boot"] + cold
                    out["cold_page"] = p.title
                for p in charted:
                    out["pages"][p.url_path] = first_chart(chromium, f"{server.url}/{p.url_path}{query(p)}", timeout)
                out["rss"], out["hwm"] = proc_memory(server.process.pid)

            floor = ScriptServer(FLOOR, ds.env)
            boot_start = time.perf_counter()
            with floor:
                boot = time.perf_counter() - boot_start
                counts = sorted({max(1, chart_counts.get(p.url_path, 1)) for p in charted}) or [1]
                cold = first_chart(chromium, f"{floor.url}/?charts={counts[0]}", timeout)
                out["floor_cold"] = None if cold is None else boot + cold
                for n in counts:
                    out["floor"][n] = first_chart(chromium, f"{floor.url}/?charts={n}", timeout)
                out["floor_rss"], out["floor_hwm"] = proc_memory(floor.process.pid)

            naive = ScriptServer(NAIVE, ds.env)
            boot_start = time.perf_counter()
            with naive:
                boot = time.perf_counter() - boot_start
                naive_pages = [p for p in charted if p.url_path in NAIVE_PAGES]
                for i, p in enumerate(naive_pages):
                    seconds = first_chart(chromium, f"{naive.url}/{query(p, f'page={p.url_path}')}", timeout)
                    if i == 0:
                        out["naive_cold"] = None if seconds is None else boot + seconds
                        seconds = first_chart(chromium, f"{naive.url}/{query(p, f'page={p.url_path}')}", timeout)
                    out["naive"][p.url_path] = seconds
                out["naive_rss"], out["naive_hwm"] = proc_memory(naive.process.pid)
        finally:
            chromium.close()
    return out


# --- one data set ----------------------------------------------------------------------------------

def measure_dataset(ds: Dataset, pages: list[PageInfo], args) -> dict:
    result: dict = {"label": ds.label, "load": None, "pages": {}, "floor": {}, "naive": {}, "browser": None,
                    "load_avg_start": os.getloadavg()[0], "calibration": calibrate()}
    print(f"\n== {ds.label}: load", flush=True)
    result["load"] = measure_load(ds)
    print(f"   {result['load']}", flush=True)
    previous = {k: os.environ.get(k) for k in ds.env}
    os.environ.update(ds.env)
    try:
        clear_caches()
        # The first run in this process builds the store: time it as the app's cold load.
        first_page = pages[0] if pages else None
        if first_page is not None:
            cold = measure_apptest(ROOT / "app.py", {}, first_page.file, 1, args.timeout)
            result["app_cold_run"] = cold.get("first")
        for page in pages:
            query = {"models": ds.compare_models} if page.url_path == "compare" else {}
            print(f"   AppTest {page.title} …", end="", flush=True)
            result["pages"][page.url_path] = r = measure_apptest(ROOT / "app.py", query, page.file, args.repeat,
                                                                 args.timeout)
            print(f" first {fmt_s(r.get('first'))} rerun {fmt_s(r.get('rerun'))} filter {fmt_s(r.get('filter'))}"
                  f" charts {[round(b / 1024) for b in r.get('charts', [])]} KB {r.get('error') or ''}", flush=True)
        counts = sorted({max(1, len(r.get("charts", []))) for r in result["pages"].values()})
        for n in counts:
            result["floor"][n] = measure_apptest(FLOOR, {"charts": str(n)}, None, args.repeat, args.timeout)
        for page in pages:
            if page.url_path in NAIVE_PAGES:
                query = {"page": page.url_path}
                if page.url_path == "compare":
                    query["models"] = ds.compare_models
                print(f"   AppTest naive {page.title} …", end="", flush=True)
                result["naive"][page.url_path] = r = measure_apptest(NAIVE, query, None, args.repeat, args.timeout)
                print(f" first {fmt_s(r.get('first'))} filter {fmt_s(r.get('filter'))} {r.get('error') or ''}",
                      flush=True)
        clear_caches()
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if not args.no_browser:
        print("   browser …", flush=True)
        counts = {p.url_path: len(result["pages"].get(p.url_path, {}).get("charts", [])) for p in pages}
        try:
            result["browser"] = measure_browser(ds, pages, counts, args.timeout)
        except Exception as err:
            result["browser"] = {"error": f"{type(err).__name__}: {err}", "pages": {}, "floor": {}, "naive": {}}
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


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def check(ok: bool | None) -> str:
    return "" if ok is None else ("✅" if ok else "❌")


def report(results: list[dict], info: dict, pages: list[PageInfo], args, started: float) -> str:
    lines = [
        "# Superficial Intelligence dashboard — benchmark (issue 7)",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M} · `{' '.join(sys.argv)}` · {time.perf_counter() - started:.0f} s in all",
        "",
        f"Machine: {info['nproc']} CPU(s), {info['cpu']}, {info['ram_gb']:.1f} GB RAM, Python {info['python']}. "
        f"Load average at start {info['load'][0]:.1f} (1 min). Timings are wall-clock seconds; a calibration loop "
        f"(`sum(range(10**7))`) is given per data set: the higher it is, the busier the machine was.",
        "",
        "Columns. **first**: first view of the page in a new session (store loaded, queries not yet cached); "
        "**rerun**: the same view again; **filter**: median of two filter changes (size range on the benchmark "
        "pages, the model list on Compare, another edition on Editions); **floor** / **naive**: the same for "
        "bench/floor_app.py (as many charts, 10 points each) and bench/naive_app.py (pandas reading the CSV "
        "files every rerun); **×bundled**: filter change against the same page on the bundled data; "
        "**max chart**: the largest chart's figure JSON in KB; **page**: all elements of the page in KB; "
        "**chart (browser)**: navigation to the first chart drawn in headless Chromium on a running server.",
        "",
    ]
    bundled = next((r for r in results if r["label"] == "bundled"), None)
    largest = results[-1]
    for r in results:
        load = r["load"] or {}
        lines += [f"## {r['label']} models" if r["label"] != "bundled" else "## bundled data", ""]
        lines.append(
            f"Data: {load.get('models', '?'):,} models, {load.get('scores', '?'):,} scores, "
            f"{load.get('n_editions', '?'):,} editions, {load.get('errors', '?')} problems. "
            f"Load in one process: CSV read and validated {fmt_s(load.get('catalog'))} s "
            f"(CPU {fmt_s(load.get('catalog_cpu'))} s), editions {fmt_s(load.get('editions'))} s, "
            f"store built {fmt_s(load.get('store'))} s; first app run incl. load {fmt_s(r.get('app_cold_run'))} s. "
            f"Calibration {r['calibration']:.2f} s, load average {r['load_avg_start']:.1f} → {r['load_avg_end']:.1f}.")
        b = r.get("browser") or {}
        if b:
            lines.append(
                f"Server RSS after visiting every page: app {fmt_mb(b.get('rss'))} MB (peak {fmt_mb(b.get('hwm'))}), "
                f"floor {fmt_mb(b.get('floor_rss'))} MB, naive {fmt_mb(b.get('naive_rss'))} MB (peak "
                f"{fmt_mb(b.get('naive_hwm'))}). Cold start to first chart (server process start + {b.get('cold_page', '')}): "
                f"app {fmt_s(b.get('cold'))} s, floor {fmt_s(b.get('floor_cold'))} s, naive {fmt_s(b.get('naive_cold'))} s."
                + (f" Browser error: {b['error']}" if b.get("error") else ""))
        lines += ["", "| page | charts | first s | rerun s | filter s | floor s | naive s | ×floor | ×bundled | "
                      "naive÷app | max chart KB | page KB | chart (browser) s | floor (browser) s | ×floor | naive (browser) s |",
                  "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for page in pages:
            p = r["pages"].get(page.url_path, {})
            charts = p.get("charts", [])
            floor = r["floor"].get(max(1, len(charts)), {})
            naive = r["naive"].get(page.url_path, {})
            base = (bundled or {}).get("pages", {}).get(page.url_path, {}) if bundled else {}
            bchart = (b.get("pages") or {}).get(page.url_path)
            bfloor = (b.get("floor") or {}).get(max(1, len(charts)))
            bnaive = (b.get("naive") or {}).get(page.url_path)
            error = f" ⚠ {p['error']}" if p.get("error") else ""
            lines.append(
                f"| {page.title}{error} | {len(charts)} | {fmt_s(p.get('first'))} | {fmt_s(p.get('rerun'))} | "
                f"{fmt_s(p.get('filter'))} | {fmt_s(floor.get('filter'))} | {fmt_s(naive.get('filter'))} | "
                f"{fmt_ratio(p.get('filter'), floor.get('filter'))} | {fmt_ratio(p.get('filter'), base.get('filter'))} | "
                f"{fmt_ratio(naive.get('filter'), p.get('filter'))} | {fmt_kb(max(charts) if charts else None)} | "
                f"{fmt_kb(p.get('page_bytes'))} | {fmt_s(bchart)} | {fmt_s(bfloor)} | {fmt_ratio(bchart, bfloor)} | "
                f"{fmt_s(bnaive)} |")
        lines.append("")

    # Targets at the largest size.
    r = largest
    b = r.get("browser") or {}
    lines += [f"## Targets at {r['label']} models", "",
              "| page | filter ≤ 2× floor | filter ≤ 3× bundled | ≥ 5× faster than naive | no chart > 1 MB | "
              "first chart ≤ 2× floor | RSS ≤ 500 MB |", "|---|---|---|---|---|---|---|"]
    misses = []
    for page in pages:
        if page.url_path not in TARGET_PAGES:
            continue
        p = r["pages"].get(page.url_path, {})
        charts = p.get("charts", [])
        floor = r["floor"].get(max(1, len(charts)), {})
        naive = r["naive"].get(page.url_path, {})
        base = (bundled or {}).get("pages", {}).get(page.url_path, {})
        bchart = (b.get("pages") or {}).get(page.url_path)
        bfloor = (b.get("floor") or {}).get(max(1, len(charts)))

        def ok(a, limit, x):
            return None if a is None or x is None else a <= limit * x

        checks = {
            "filter ≤ 2× floor": (ok(p.get("filter"), 2, floor.get("filter")), fmt_ratio(p.get("filter"), floor.get("filter"))),
            "filter ≤ 3× bundled": (ok(p.get("filter"), 3, base.get("filter")), fmt_ratio(p.get("filter"), base.get("filter"))),
            "≥ 5× faster than naive": (None if not naive.get("filter") or not p.get("filter")
                                       else naive["filter"] >= 5 * p["filter"], fmt_ratio(naive.get("filter"), p.get("filter"))),
            "no chart > 1 MB": (None if not charts else max(charts) <= MB, fmt_kb(max(charts)) + " KB" if charts else "—"),
            "first chart ≤ 2× floor": (ok(bchart, 2, bfloor), fmt_ratio(bchart, bfloor)),
            "RSS ≤ 500 MB": (None if b.get("rss") is None else b["rss"] <= 500, f"{fmt_mb(b.get('rss'))} MB"),
        }
        cells = []
        for name, (passed, shown) in checks.items():
            cells.append(f"{check(passed)} {shown}")
            if passed is False:
                misses.append(f"{page.title}: {name} ({shown})")
        lines.append(f"| {page.title} | " + " | ".join(cells) + " |")
    lines += ["", "Misses: " + ("; ".join(misses) if misses else "none") + ".", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the dashboard on synthetic data (issue 7).")
    parser.add_argument("--sizes", default="100,10000,100000", help="model counts, comma-separated")
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pages", default="", help="url paths to measure (default: every available page)")
    parser.add_argument("--repeat", type=int, default=2, help="filter changes (and reruns + 1) per page")
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed for one page run or chart")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled data (no ×bundled ratio)")
    parser.add_argument("--out", type=Path, default=OUT / "results.md")
    args = parser.parse_args(argv)
    logging.getLogger("superficial").setLevel(logging.ERROR)
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
    text = report(results, info, pages, args, started)
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps({"machine": info, "results": results}, default=str, indent=1))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
