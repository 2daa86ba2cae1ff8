"""Efficiency: score against size, the Pareto frontier, points per billion, two models in one sentence."""
import streamlit as st

from superficial.benchmarks import efficiency
from superficial.charts.bars import moe_params, per_billion_bars
from superficial.charts.core import BAR_LIMIT, color_map
from superficial.charts.selection import selected_models
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import missing_note
from superficial.ui.sidebar import benchmark_picker, filter_sidebar
from superficial.ui.tables import score_table

store = get_store()
filters = filter_sidebar(store)

st.title("Efficiency")
st.caption(filters.describe())
info, setting = benchmark_picker(store)
benchmark = info["benchmark"]
value_range = (info.get("min_value"), info.get("max_value"))

if cache.filtered_count(store, filters)["models"] == 0:
    st.info("No model matches these filters. Widen the size range or clear a filter in the sidebar.",
            icon=":material/filter_alt_off:")
    st.stop()

data = cache.efficiency_view(store, filters, benchmark, setting)
rows, frontier = data.rows, data.frontier
missing_note(*cache.missing_scores(store, filters, benchmark, setting, limit=8), f"{benchmark} score ({setting})")
missing_note(*data.unsized, "disclosed size")
if rows.empty:
    st.info(f"None of the filtered models has both a disclosed size and a {benchmark} score ({setting}).",
            icon=":material/search_off:")
    st.stop()

sized_by = "active parameters for MoE, total otherwise" if filters.basis == "active" else "total parameters"

st.subheader("Two models in one sentence", anchor=False)
pair = data.pair
a = b = None
if pair is None:
    st.info("Only one model is left with a size and this score; widen the filters to compare two.",
            icon=":material/info:")
else:
    names = efficiency.choices_with(data, [st.query_params.get("a"), st.query_params.get("b")])
    cols = st.columns(2)
    a = cols[0].selectbox("Model A", names, index=names.index(pair[0]), key="a", bind="query-params")
    b = cols[1].selectbox("Model B", names, index=names.index(pair[1]), key="b", bind="query-params")
    by_name = rows[rows["model"].isin([a, b])].set_index("model", drop=False)
    st.markdown(f"#### {efficiency.size_sentence(by_name.loc[a], by_name.loc[b], f'{benchmark} ({setting})')}")

st.subheader(f"{benchmark} ({setting}) against size", anchor=False)
event = st.plotly_chart(
    cache.figure(cache.efficiency_figure(
        store, filters, benchmark, setting, x_title=f"billions of {sized_by} (log scale)",
        highlight=tuple(m for m in (a, b) if m), colors=color_map(cache.filter_options(store)["orgs"]))),
    theme="streamlit", on_select="rerun", selection_mode=("points", "box", "lasso"), key="chart_efficiency",
    config={"displayModeBar": False})
st.caption(f"Dotted line: the Pareto frontier — {len(frontier)} models no smaller model beats "
           f"({', '.join(frontier['model'])}). Filled points: open weights; bigger points: on the frontier; "
           "hover any point for its name and source.")
score_table(rows, columns=["model", "params_b", "value", "per_billion", "on_frontier", "setting", "source_url",
                           "organization", "reports"],
            value_range=value_range, file_name=f"efficiency-{benchmark.lower()}.csv", key="efficiency",
            selected=selected_models(event))

st.subheader("Points per billion parameters", anchor=False)
st.plotly_chart(per_billion_bars(rows, benchmark=benchmark), theme="streamlit", key="chart_per_billion",
                config={"displayModeBar": False})
st.caption("Score divided by size: small models lead by construction, so read it beside the frontier above.")

st.subheader("Mixture of experts: total against active parameters", anchor=False)
moe = cache.moe_models(store, filters, limit=BAR_LIMIT)
if moe.empty:
    st.info("No mixture-of-experts model among the filtered ones.", icon=":material/info:")
else:
    st.plotly_chart(moe_params(moe, more=int(moe["total"].iloc[0]) - len(moe)), theme="streamlit",
                    key="chart_moe", config={"displayModeBar": False})
    st.caption("Each MoE model stores all its parameters but uses only the active ones for each token. "
               "Switch “Size MoE models by” in the sidebar to place them by active parameters.")
