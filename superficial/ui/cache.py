"""The store and query results, cached for every page run."""
from __future__ import annotations

import logging

import streamlit as st

from superficial import config
from superficial.db import build
from superficial.db.store import Store
from superficial.ui.navigation import ensure_app_navigation

log = logging.getLogger("superficial")
UPLOADED_STORE_KEY = "uploaded_store"  # session only: bundled data plus the reader's leaderboard upload


@st.cache_resource(show_spinner="Loading benchmark data and editions…", max_entries=2)
def _cached_store(data_dir: str, content_dir: str, fingerprint: str) -> Store:
    store = build.open_or_build(data_dir, content_dir)  # built in a child process, reused across processes
    for problem in store.problems:
        log.warning("%s", problem)
    return store


def get_store() -> Store:
    """The reader's uploaded store when they uploaded a leaderboard (pages/data.py), else the shared one."""
    ensure_app_navigation()
    uploaded = st.session_state.get(UPLOADED_STORE_KEY)
    if uploaded is not None:
        return uploaded
    return bundled_store()


def bundled_store() -> Store:
    """The shared store, rebuilt when a file in ``data/`` or ``content/`` changes."""
    data_dir, content_dir = config.data_dir(), config.content_dir()
    return _cached_store(str(data_dir), str(content_dir), config.fingerprint(data_dir, content_dir))


# --- cached query results (issue 7) ----------------------------------------------------------------
# A store is hashed by its cache_key, new at every build: when a file in data/ or content/ changes,
# get_store() builds a new store and every result cached for the old one is simply never asked again
# (and ages out of the bounded cache).

_CACHED: dict = {}


def _store_key(store: Store) -> str:
    return store.cache_key


def _hash_funcs() -> dict:
    """Stores, and views computed from one, are hashed by their key, never by their rows."""
    from superficial.benchmarks.efficiency import EfficiencyView
    from superficial.benchmarks.timeline import TimelineView
    from superficial.editions.mentions import Matcher
    from superficial.ingest.content import Edition

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
        from superficial.db import queries

        value = getattr(queries, name)
        return self.wrap(value) if callable(value) and getattr(value, "__module__", "") == queries.__name__ else value


# ``from superficial.ui import cached_queries as queries``: each call gets its own copy of the result.
cached_queries = _Queries(cached)
# For callers that only read big results (the Editions page's side charts read 80,000-row boards at 100k
# models): one shared result, never copied.
shared_queries = _Queries(shared)
