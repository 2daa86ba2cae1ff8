"""Efficiency: score against size, the Pareto frontier, points per billion, two models in one sentence."""
import streamlit as st

from superficial.benchmarks import efficiency
from superficial.charts.selection import selected_models
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import missing_note, stop_if_no_models
from superficial.ui.sidebar import benchmark_picker, filter_sidebar
from superficial.ui.tables import score_table

store = get_store()
filters = filter_sidebar(store)

st.title("Efficiency")
st.caption(filters.describe())
benchmark, setting, value_range = benchmark_picker(store)

stop_if_no_models(store, filters)

view = cache.efficiency_view(store, filters, benchmark, setting)
missing_note(*view.unscored, f"{benchmark} score ({setting})", families=filters.per_family)
missing_note(*view.unsized, "disclosed size")
if view.total == 0:
    st.info(f"None of the filtered models has both a disclosed size and a {benchmark} score ({setting}).",
            icon=":material/search_off:")
    st.stop()

st.subheader("Two models in one sentence", anchor=False)
picked, picker = (), None
if view.pair is None:
    st.info("Only one model is left with a size and this score; widen the filters to compare two.",
            icon=":material/info:")
else:
    picker = cache.efficiency_picker(store, filters, benchmark, setting,
                                     (st.query_params.get("a"), st.query_params.get("b")), _view=view)
    names = picker.names
    cols = st.columns(2)
    a = cols[0].selectbox("Model A", names, index=names.index(view.pair[0]), key="a", bind="query-params")
    b = cols[1].selectbox("Model B", names, index=names.index(view.pair[1]), key="b", bind="query-params")
    picked = (a, b)
    st.markdown(f"#### {efficiency.sentence(picker, a, b, f'{benchmark} ({setting})')}")

st.subheader(f"{benchmark} ({setting}) against size", anchor=False)
event = st.plotly_chart(cache.figure(cache.efficiency_figure(store, filters, benchmark, setting, highlight=picked, _view=view,
                                                            _picker=picker)),
                        theme="streamlit", on_select="rerun", selection_mode=("points", "box", "lasso"),
                        key="chart_efficiency", config={"displayModeBar": False})
st.caption(f"Dotted line: the Pareto frontier — {len(view.frontier)} models no smaller model beats "
           f"({', '.join(view.frontier['model'])}). Filled points: open weights; bigger points: on the frontier; "
           "hover any point for its name and source.")
score_table(view.rows, columns=["model", "params_b", "value", "per_billion", "on_frontier", "setting", "source_url",
                                "organization", "reports", *(["base_model", "variants"] if filters.per_family else [])],
            value_range=value_range, file_name=f"efficiency-{benchmark.lower()}.csv", key="efficiency",
            selected=selected_models(event), total=view.total,
            everything=lambda: efficiency.all_rows(store, filters, benchmark, setting),
            pick=lambda names: efficiency.selected_rows(store, filters, benchmark, setting, view, names))

st.subheader("Points per billion parameters", anchor=False)
st.plotly_chart(cache.figure(view.per_billion), theme="streamlit", key="chart_per_billion",
                config={"displayModeBar": False})
st.caption("Score divided by size: small models lead by construction, so read it beside the frontier above.")

st.subheader("Mixture of experts: total against active parameters", anchor=False)
moe = cache.moe_figure(store, filters)
if moe is None:
    st.info("No mixture-of-experts model among the filtered ones.", icon=":material/info:")
else:
    st.plotly_chart(cache.figure(moe), theme="streamlit", key="chart_moe", config={"displayModeBar": False})
    st.caption("Each MoE model stores all its parameters but uses only the active ones for each token. "
               "Switch “Size MoE models by” in the sidebar to place them by active parameters.")
