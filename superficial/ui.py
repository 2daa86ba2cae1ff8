"""Streamlit glue shared by the pages: the cached store and small display helpers."""
from __future__ import annotations

import logging

import streamlit as st

from superficial import config
from superficial.problems import Problem
from superficial.store import Store

log = logging.getLogger("superficial")


@st.cache_resource(show_spinner="Loading benchmark data and editions…", max_entries=2)
def _cached_store(data_dir: str, content_dir: str, fingerprint: tuple) -> Store:
    store = Store.from_folders(data_dir, content_dir)
    for problem in store.problems:
        log.warning("%s", problem)
    return store


def get_store() -> Store:
    """The shared store, rebuilt when a file in ``data/`` or ``content/`` changes."""
    data_dir, content_dir = config.data_dir(), config.content_dir()
    return _cached_store(str(data_dir), str(content_dir), config.fingerprint(data_dir, content_dir))


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
