"""The model filters and benchmark picker shared by the benchmark pages, bound to the URL."""
from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from superficial.benchmarks.filters import ARCHITECTURES, PRESETS, SIZE_LABELS, Filters, months_between
from superficial.db.store import Store
from superficial.ui import cache

# --- sidebar filters shared by the benchmark pages (explore, efficiency, timeline) -------------------
# Each widget (the family switch too) is bound to the URL under its key, so a copied link reproduces the
# view and the filters follow the reader from page to page.

def _apply_size_preset() -> None:
    """Preset pill clicked: move the size slider (presets hide undisclosed sizes; none clears both)."""
    chosen = Filters().with_preset(st.session_state.get("size_preset"))
    st.session_state["size"] = chosen.size
    st.session_state["unknown"] = chosen.include_unknown


def _size_moved() -> None:
    """Size slider moved: a narrowed range hides undisclosed sizes, the full range shows them again."""
    st.session_state["unknown"] = tuple(st.session_state["size"]) == (SIZE_LABELS[0], SIZE_LABELS[-1])


def _reset_filters(months: list[str]) -> None:
    st.session_state.update({
        "size": (SIZE_LABELS[0], SIZE_LABELS[-1]), "params": "total", "unknown": True, "org": [], "arch": [],
        "weights": None, "license": [],
    })
    if months:
        st.session_state["released"] = (months[0], months[-1])


def filter_sidebar(store: Store) -> Filters:
    """Draw the family switch and the model filters in the sidebar, bound to the URL, with how many models are left."""
    options = cache.filter_options(store)
    months = months_between(options["first_release"], options["last_release"])
    with st.sidebar:
        per_family = st.toggle(
            "One row per model family", value=False, key="family", bind="query-params",
            help="Snapshots and tunes of one model (GPT-4 (0314) and (0613), Llama 2 70B and its Chat) are "
                 "models of their own. On: each family is one bar or point, its best-scoring variant, named.")
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
                          licenses=tuple(licenses), released=released, per_family=bool(per_family))
        left = cache.filtered_count(store, filters)
        st.markdown(f"**{left['models']:,} of {options['models']:,} models left**"
                    + (f" ({left['unsized']:,} of undisclosed size)" if left["unsized"] else ""))
        if not filters.is_default():
            st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_reset_filters, args=(months,))
    return filters


class BenchmarkPick(NamedTuple):
    """The benchmark and setting a reader picked, and the benchmark's scale."""

    benchmark: str
    setting: str
    value_range: tuple[float | None, float | None]


def benchmark_picker(store: Store, default: str = "MMLU") -> BenchmarkPick:
    """Benchmark and setting selectboxes bound to the URL (?benchmark=MMLU&setting=5-shot).

    The default setting is the one most models were scored in.
    """
    scales = cache.benchmark_scales(store)
    names = list(scales) or [default]
    cols = st.columns(2)
    benchmark = cols[0].selectbox("Benchmark", names, index=names.index(default) if default in names else 0,
                                  key="benchmark", bind="query-params")
    options = list(cache.setting_names(store, benchmark)) or ["—"]
    setting = cols[1].selectbox(
        "Setting", options, index=0, key="setting", bind="query-params",
        help="Scores are compared in one setting only; where a model has several reports for it, the highest is used.")
    return BenchmarkPick(benchmark, setting, scales.get(benchmark, (None, None)))
