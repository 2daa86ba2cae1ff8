"""Notes shown on several pages: problems found, models left out, no model left."""
from __future__ import annotations

import streamlit as st

from superficial.db.store import Store
from superficial.ingest.problems import Problem
from superficial.ui import cache


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


def warn_skipped(problems: list[Problem]) -> None:
    """A warning that rows or files were skipped, when any were (the list is in show_problems)."""
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        st.warning(f"{errors} row(s) or file(s) were skipped; everything else is loaded. See the list below.")


def missing_note(count: int, names: list[str], what: str, *, families: bool = False) -> None:
    """'3 models have no MT-Bench score: A, B, C' (or '3 model families …') as a caption (nothing when none are
    missing)."""
    if not count:
        return
    listed = ", ".join(names[:8]) + (f" and {count - len(names[:8]):,} more" if count > len(names[:8]) else "")
    noun = ("model family has" if count == 1 else "model families have") if families else (
        "model has" if count == 1 else "models have")
    st.caption(f":material/info: {count:,} {noun} no {what} and {'is' if count == 1 else 'are'} "
               f"left out: {listed}.")


def stop_if_no_models(store: Store, filters) -> None:
    """Say so and stop the page when the filters leave no model."""
    if cache.filtered_count(store, filters)["models"] == 0:
        st.info("No model matches these filters. Widen the size range or clear a filter in the sidebar.",
                icon=":material/filter_alt_off:")
        st.stop()
