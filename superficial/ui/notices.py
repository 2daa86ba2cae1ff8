"""Notes shown on several pages: problems found, models left out, the reader's upload."""
from __future__ import annotations

import streamlit as st

from superficial.ingest.problems import Problem
from superficial.ui.cache import UPLOADED_STORE_KEY


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

