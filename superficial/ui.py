"""Streamlit glue shared by the pages: the cached store and small display helpers."""
from __future__ import annotations

import logging
import os
from typing import Callable

import pandas as pd
import streamlit as st

from superficial import build, config
from superficial.problems import Problem
from superficial.store import Store

log = logging.getLogger("superficial")
UPLOADED_STORE_KEY = "uploaded_store"  # session only: bundled data plus the reader's leaderboard upload


@st.cache_resource(show_spinner="Loading benchmark data and editions…", max_entries=2)
def _cached_store(data_dir: str, content_dir: str, fingerprint: str) -> Store:
    store = build.open_or_build(data_dir, content_dir)  # built in a child process, reused across processes
    for problem in store.problems:
        log.warning("%s", problem)
    return store


def _run_through_app_navigation() -> None:
    """Make a deep link opened first on a fresh server go through app.py's navigation.

    Until st.navigation has run once, Streamlit treats a ``pages/`` folder as the
    old multipage layout and runs the linked page file alone (no menu, no layout).
    Switching that off and rerunning sends the same URL through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def get_store() -> Store:
    """The reader's uploaded store when they uploaded a leaderboard (pages/data.py), else the shared one."""
    _run_through_app_navigation()
    uploaded = st.session_state.get(UPLOADED_STORE_KEY)
    if uploaded is not None:
        return uploaded
    return bundled_store()


def bundled_store() -> Store:
    """The shared store, rebuilt when a file in ``data/`` or ``content/`` changes."""
    data_dir, content_dir = config.data_dir(), config.content_dir()
    return _cached_store(str(data_dir), str(content_dir), config.fingerprint(data_dir, content_dir))


HAND_BACK_ABOVE_MB = 300  # a server this big (about 100,000 models) returns freed memory after every page run


def hand_back_memory() -> None:
    """After a page run: in a big process, give the memory the run freed back to the system.

    Costs about 5 ms, so only above HAND_BACK_ABOVE_MB (the bundled data's server stays near 250 MB).
    """
    try:
        with open("/proc/self/statm") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux
        return
    if resident > HAND_BACK_ABOVE_MB:
        from superficial.store import release_memory

        release_memory(collect=False)


def show_problems(problems: list[Problem], title: str = "Problems found in the data and content") -> None:
    """An expander listing each problem as file:line: reason, errors first."""
    if not problems:
        return
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    label = f"{title}: {len(errors)} skipped, {len(warnings)} notes"
    with st.expander(label, icon=":material/report:" if errors else ":material/info:"):
        for problem in errors:
            st.markdown(f"- :red[**skipped**] `{problem}`")
        for problem in warnings:
            st.markdown(f"- :gray[note] `{problem}`")


# --- sidebar filters shared by the benchmark pages (explore, efficiency, timeline) -------------------
# Each widget's key is its URL key (filters.URL_KEYS) and is bound to the URL, so a copied link
# reproduces the view and the filters follow the reader from page to page.

def _apply_size_preset() -> None:
    """Preset pill clicked: move the size slider (presets hide undisclosed sizes; none clears both)."""
    from superficial.filters import Filters

    chosen = Filters().with_preset(st.session_state.get("size_preset"))
    st.session_state["size"] = chosen.size
    st.session_state["unknown"] = chosen.include_unknown


def _size_moved() -> None:
    """Size slider moved: a narrowed range hides undisclosed sizes, the full range shows them again."""
    from superficial.filters import SIZE_LABELS

    st.session_state["unknown"] = tuple(st.session_state["size"]) == (SIZE_LABELS[0], SIZE_LABELS[-1])


def _reset_filters(months: list[str]) -> None:
    from superficial.filters import SIZE_LABELS

    st.session_state.update({
        "size": (SIZE_LABELS[0], SIZE_LABELS[-1]), "params": "total", "unknown": True, "org": [], "arch": [],
        "weights": None, "license": [],
    })
    if months:
        st.session_state["released"] = (months[0], months[-1])


def filter_sidebar(store: Store) -> "Filters":
    """Draw the model filters in the sidebar, bound to the URL, with how many models are left."""
    queries = cached_queries  # the same options on every rerun: cached per store build
    from superficial.filters import ARCHITECTURES, PRESETS, SIZE_LABELS, Filters, months_between

    options = queries.filter_options(store)
    months = months_between(options["first_release"], options["last_release"])
    with st.sidebar:
        st.subheader("Filter models", anchor=False)
        size = st.select_slider(
            "Parameters (billions, log scale)", options=SIZE_LABELS, value=(SIZE_LABELS[0], SIZE_LABELS[-1]),
            key="size", bind="query-params", on_change=_size_moved,
            help="Keeps models with more than the lower and at most the upper size; 0B and ∞ are no limit. "
                 "Narrowing it hides models of undisclosed size (turn them back on below).")
        current = Filters(size=tuple(size))
        st.session_state["size_preset"] = current.preset
        st.pills("Size presets", list(PRESETS), key="size_preset", on_change=_apply_size_preset,
                 label_visibility="collapsed")
        basis = st.radio("Size MoE models by their … parameters", ("total", "active"), key="params",
                         bind="query-params", horizontal=True,
                         help="Mixture-of-experts models use only some parameters per token (the active ones).")
        unknown = st.toggle("Include models of undisclosed size", value=True, key="unknown", bind="query-params")
        orgs = st.multiselect("Organization", options["orgs"], key="org", bind="query-params",
                              placeholder="All organizations")
        archs = st.pills("Architecture", ARCHITECTURES, selection_mode="multi", key="arch", bind="query-params",
                         help="'undisclosed': the maker has not said (GPT-4, Claude, Gemini).")
        weights = st.segmented_control("Weights", ("open", "closed"), key="weights", bind="query-params",
                                       help="Pick none for both.")
        licenses = st.multiselect("License", options["licenses"], key="license", bind="query-params",
                                  placeholder="All licenses")
        released = None
        if len(months) > 1:
            chosen = st.select_slider("Released", options=months, value=(months[0], months[-1]), key="released",
                                      bind="query-params",
                                      help="Narrowing the dates leaves out models with no release date.")
            if tuple(chosen) != (months[0], months[-1]):
                released = (chosen[0], chosen[1])
        filters = Filters(size=tuple(size), basis=basis or "total", include_unknown=bool(unknown),
                          orgs=tuple(orgs), archs=tuple(archs or ()), weights=weights,
                          licenses=tuple(licenses), released=released)
        left = queries.filtered_count(store, filters)
        st.markdown(f"**{left['models']:,} of {options['models']:,} models left**"
                    + (f" ({left['unsized']:,} of undisclosed size)" if left["unsized"] else ""))
        if not filters.is_default():
            st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_reset_filters, args=(months,))
    return filters


def benchmark_picker(store: Store, default: str = "MMLU", key_prefix: str = "") -> tuple[dict, str]:
    """Benchmark and setting selectboxes bound to the URL (?benchmark=MMLU&setting=5-shot).

    Returns the benchmark's row (unit, min_value, max_value, …) and the chosen setting; the default
    setting is the one most models were scored in.
    """
    queries = cached_queries  # the same options on every rerun: cached per store build

    table = queries.benchmarks(store)
    table = table[table["scores"] > 0]
    names = table["benchmark"].tolist() or [default]
    cols = st.columns(2)
    benchmark = cols[0].selectbox("Benchmark", names, index=names.index(default) if default in names else 0,
                                  key=f"{key_prefix}benchmark", bind="query-params")
    settings = queries.settings(store, benchmark)
    options = settings["setting"].tolist() or ["—"]
    setting = cols[1].selectbox(
        "Setting", options, index=0, key=f"{key_prefix}setting", bind="query-params",
        help="Scores are compared in one setting only; where a model has several reports for it, the highest is used.")
    info = table[table["benchmark"] == benchmark]
    return (info.iloc[0].to_dict() if not info.empty else {"benchmark": benchmark}), setting


TABLE_ROWS = 500  # rows a table sends to the browser; the CSV download has them all


def score_table(rows: pd.DataFrame, *, value_range: tuple[float, float] | None, file_name: str,
                key: str, selected: list[str] | None = None, total: int | None = None,
                everything: Callable[[], pd.DataFrame] | None = None, columns: list[str] | None = None) -> None:
    """The rows behind a chart as a sortable table (score bars, source links) with a CSV download.

    At most TABLE_ROWS rows are drawn, of `columns` (all by default). When `rows` are the first of `total`
    (a query's LIMIT), the CSV is built from `everything()` only when the reader clicks download. With
    models selected in the chart, only their rows are shown.
    """
    total = len(rows) if total is None else total
    everything = everything or (lambda: rows)
    if selected:  # from every row, not only the first TABLE_ROWS: a selected model may rank lower
        rows = (rows if len(rows) >= total else everything())
        rows = rows[rows["model"].isin(list(selected))]
        st.caption(f"Showing the {len(selected)} model(s) selected in the chart: "
                   f"{', '.join(selected)}. Double-click the chart to clear the selection.")
    elif total > TABLE_ROWS or len(rows) > TABLE_ROWS:
        rows = rows.head(TABLE_ROWS)
        st.caption(f"The first {TABLE_ROWS:,} of {total:,} rows, best first; the CSV download has every row.")
    # Columns picked from the rows shown, not from every row (80,000 of them on every rerun at 100k models).
    rows = (rows[columns] if columns else rows).drop(columns=["total"], errors="ignore")
    lo, hi = value_range if value_range else (float(rows["value"].min() or 0), float(rows["value"].max() or 1))
    config = {
        "model": st.column_config.TextColumn("model", pinned=True),
        "value": st.column_config.ProgressColumn("score", min_value=lo, max_value=hi, format="%g"),
        "source_url": st.column_config.LinkColumn("source", display_text=r"https?://(?:www\.)?([^/]+/?[^/]*)"),
        "params_b": st.column_config.NumberColumn("params (B)", format="%g"),
        "per_billion": st.column_config.NumberColumn("points / B", format="%.2f"),
        "release_date": st.column_config.DateColumn("released"),
        "open_weights": st.column_config.CheckboxColumn("open weights"),
        "on_frontier": st.column_config.CheckboxColumn("on frontier"),
        "reports": st.column_config.NumberColumn("values reported"),
    }
    st.dataframe(rows, hide_index=True, width="stretch", column_config={k: v for k, v in config.items() if k in rows},
                 key=f"{key}_table")
    st.download_button(f"Download CSV ({total:,} rows)",
                       lambda: _csv(everything(), columns), file_name=file_name, mime="text/csv",
                       icon=":material/download:", key=f"{key}_csv")


def _csv(rows: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    return (rows[columns] if columns else rows).drop(columns=["total"], errors="ignore").to_csv(index=False).encode("utf-8")


def paged_table(fetch: Callable[[str | None, int | None, int], pd.DataFrame], *, key: str, search_help: str,
                file_name: str, column_config: dict | None = None, rows_per_page: int = TABLE_ROWS) -> None:
    """A searchable table sent one page at a time, with a CSV download of every matching row.

    ``fetch(search, limit, offset)`` returns the page's rows with a `total` column counting every match
    (the queries.models / queries.scores listings).
    """
    find, pick = st.columns([3, 1], vertical_alignment="bottom")
    search = find.text_input("Search", key=f"{key}_search", placeholder=search_help, icon=":material/search:").strip()
    page = pick.number_input("Page", min_value=1, step=1, key=f"{key}_page")
    rows = fetch(search or None, rows_per_page, (page - 1) * rows_per_page)
    if rows.empty and page > 1:  # past the end (e.g. a new search matched fewer rows): back to the first page
        page = 1
        rows = fetch(search or None, rows_per_page, 0)
    total = int(rows["total"].iloc[0]) if len(rows) else 0
    if total == 0:
        st.info(f"No row matches “{search}”." if search else "This table is empty.", icon=":material/search_off:")
        return
    first = (page - 1) * rows_per_page + 1
    pages = -(-total // rows_per_page)
    st.caption(f"Rows {first:,}–{first + len(rows) - 1:,} of {total:,}"
               + (f" · page {page:,} of {pages:,}" if pages > 1 else "") + (f" · matching “{search}”" if search else ""))
    st.dataframe(rows.drop(columns=["total"]), hide_index=True, width="stretch", column_config=column_config,
                 key=f"{key}_table")
    st.download_button(f"Download CSV ({total:,} rows)",
                       lambda: _csv(fetch(search or None, None, 0)),
                       file_name=file_name, mime="text/csv", icon=":material/download:", key=f"{key}_csv")


def missing_note(count: int, names: list[str], what: str) -> None:
    """'3 models have no MT-Bench score: A, B, C' as a caption (nothing when none are missing)."""
    if not count:
        return
    listed = ", ".join(names[:8]) + (f" and {count - len(names[:8]):,} more" if count > len(names[:8]) else "")
    noun = "model has" if count == 1 else "models have"
    st.caption(f":material/info: {count:,} {noun} no {what} and {'is' if count == 1 else 'are'} "
               f"left out: {listed}.")


def upload_notice() -> None:
    """A sidebar note while the reader's own leaderboard upload is part of the data (call from app.py)."""
    if st.session_state.get(UPLOADED_STORE_KEY) is not None:
        report = st.session_state.get("upload_report")
        name = f" `{report.file}`" if report is not None else ""
        st.sidebar.info(f"Your upload{name} is included in every page (this session only). "
                        "Remove it on the Data page.", icon=":material/upload_file:")


# --- cached query results (issue 7) ----------------------------------------------------------------
# A store is hashed by its cache_key, new at every build: when a file in data/ or content/ changes,
# get_store() builds a new store and every result cached for the old one is simply never asked again
# (and ages out of the bounded cache).

_CACHED: dict = {}


def _store_key(store: Store) -> str:
    return store.cache_key


def _hash_funcs() -> dict:
    """Stores, and views computed from one, are hashed by their key, never by their rows."""
    from superficial.content import Edition
    from superficial.efficiency import EfficiencyView
    from superficial.mentions import Matcher
    from superficial.timeline import TimelineView

    return {
        Store: _store_key, EfficiencyView: lambda view: view.key, TimelineView: lambda view: view.key,
        # An edition comes from the store passed beside it (its key changes with any file): its slug and path
        # name it. The matcher and the cached queries are one object per store and per process.
        Edition: lambda edition: (edition.slug, edition.path), Matcher: id, _Queries: lambda q: q.wrap.__name__,
    }


def cached(fn, *, max_entries: int = 64):
    """``fn`` with its results cached per parameters and store build: ``cached(queries.chart_scores)(store, …)``.

    For functions returning data (DataFrames, dicts, lists): each call gets its own copy.
    """
    wrapper = _CACHED.get(fn)
    if wrapper is None:
        wrapper = _CACHED[fn] = st.cache_data(fn, hash_funcs=_hash_funcs(), max_entries=max_entries,
                                              show_spinner=False)
    return wrapper


def shared(fn, *, max_entries: int = 8):
    """``fn`` with one shared result per parameters and store build, never copied (e.g. a compiled matcher).

    Only for results nobody mutates.
    """
    wrapper = _CACHED.get((fn, "shared"))
    if wrapper is None:
        wrapper = _CACHED[(fn, "shared")] = st.cache_resource(fn, hash_funcs=_hash_funcs(),
                                                              max_entries=max_entries, show_spinner=False)
    return wrapper


class _Queries:
    """``superficial.queries`` with every function wrapped by ``cached`` or ``shared``."""

    def __init__(self, wrap):
        self.wrap = wrap

    def __getattr__(self, name: str):
        from superficial import queries

        value = getattr(queries, name)
        return self.wrap(value) if callable(value) and getattr(value, "__module__", "") == queries.__name__ else value


# ``from superficial.ui import cached_queries as queries``: each call gets its own copy of the result.
cached_queries = _Queries(cached)
# For callers that only read big results (the Editions page's side charts read 80,000-row boards at 100k
# models): one shared result, never copied.
shared_queries = _Queries(shared)
