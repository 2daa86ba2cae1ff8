"""The dashboard's pages, in menu order: one list used by the menu and the home page's links."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

FAVICON = str(Path(__file__).with_name("favicon.png"))  # the browser tab's icon


@dataclass(frozen=True)
class PageInfo:
    file: str
    title: str
    icon: str
    url_path: str
    blurb: str


PAGES = [
    PageInfo("pages/home.py", "Home", ":material/home:", "home", "What this is, the editions, the figures."),
    PageInfo("pages/editions.py", "Editions", ":material/article:", "editions",
             "Read each edition beside live charts of the models it discusses."),
    PageInfo("pages/explore.py", "Explore", ":material/leaderboard:", "explore",
             "MMLU and MT-Bench for the models you filter, like for like."),
    PageInfo("pages/efficiency.py", "Efficiency", ":material/speed:", "efficiency",
             "Score against size: the Pareto frontier, points per billion parameters."),
    PageInfo("pages/compare.py", "Compare", ":material/compare_arrows:", "compare",
             "Two to six models side by side on every benchmark, each number sourced."),
    PageInfo("pages/timeline.py", "Timeline", ":material/timeline:", "timeline",
             "Models by release date against their score, editions on the axis."),
    PageInfo("pages/data.py", "Data", ":material/table:", "data",
             "The tables, their schema and sources, problems found, your own upload."),
    PageInfo("pages/sql.py", "SQL", ":material/terminal:", "sql", "A read-only SQL console over the tables."),
]


def available_pages() -> list[PageInfo]:
    """The pages in menu order."""
    return list(PAGES)


# Streamlit treats a ``pages/`` folder beside the entry point as the legacy multipage layout until
# ``st.navigation`` has run once in the process: before that, a deep link runs the page file alone,
# with no menu and none of app.py. A page that finds app.py did not run turns the legacy layout off
# and reruns, which sends the same URL through app.py's navigation. Tested in
# tests/browser/test_browser_navigation.py, so a Streamlit upgrade that changes this fails CI.
_THROUGH_APP = "_ran_through_app_navigation"


def app_navigation(pages: list) -> Any:
    """app.py's ``st.navigation(pages)``, marking the session as run through it."""
    st.session_state[_THROUGH_APP] = True
    return st.navigation(pages)


def ensure_app_navigation() -> None:
    """Rerun through app.py when Streamlit ran this page file alone (a fresh server's legacy layout)."""
    if not st.session_state.get(_THROUGH_APP):
        PagesManager.uses_pages_directory = False
        st.rerun()
