"""Explore: MMLU and MT-Bench for the filtered models, like for like or each model's best report."""
import streamlit as st

from superficial.benchmarks import explore
from superficial.charts.selection import selected_models
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import missing_note, stop_if_no_models
from superficial.ui.sidebar import filter_sidebar
from superficial.ui.tables import query_table

store = get_store()
filters = filter_sidebar(store)

st.title("Explore")
st.caption(filters.describe())

mmlu_settings, preselected = explore.setting_choices(cache.settings(store, "MMLU"))
cols = st.columns([2, 2, 2])
mode = cols[0].radio("MMLU settings", explore.MODES, key="mode", bind="query-params",
                     help="Like for like: every bar in one setting. Best reported: each model's highest score, "
                          "whatever the setting — written on the bar.")
like_for_like = mode == "like for like"
setting = cols[1].selectbox("MMLU setting", mmlu_settings, index=preselected, key="setting", bind="query-params",
                            disabled=not like_for_like)
color_by = cols[2].radio("Colour by", ("organization", "architecture"), key="color", bind="query-params")
highlight = tuple(cache.known_models(store, st.query_params.get_all("models")))
if highlight:
    st.caption("Outlined: " + ", ".join(highlight) + " (from the link you followed).")

stop_if_no_models(store, filters)

compared = setting if like_for_like else None


@st.fragment
def benchmark_tab(benchmark: str) -> None:
    """One benchmark's heading, bars and table; selecting bars reruns only this."""
    tab = cache.explore_tab(store, filters, compared, highlight, benchmark)
    if tab.rows.empty:
        st.info(f"None of the filtered models has a {tab.what}. Try “best reported” or widen the filters.",
                icon=":material/search_off:")
        return
    st.markdown(tab.heading)
    missing_note(*tab.missing, tab.what, families=filters.per_family)
    figure = cache.explore_figure(store, filters, compared, highlight, benchmark, color_by=color_by, _tab=tab)
    event = st.plotly_chart(cache.figure(figure), theme="streamlit", on_select="rerun",
                            selection_mode=("points", "box"), key=f"chart_{benchmark}",
                            config={"displayModeBar": False})
    st.caption("Hatched bars: closed weights. Where a model has several values for a setting (different "
               "sources), the highest is drawn and the hover says so; the table lists every value."
               + (" A family's bar is its best variant, named; the hover says of how many." if filters.per_family
                  else ""))
    query_table(lambda limit: cache.benchmark_rows(store, filters, benchmark, limit=limit),
                value_range=tab.value_range, file_name=f"{benchmark.lower()}-filtered.csv",
                key=benchmark, selected=selected_models(event))


# Only the open tab is queried and drawn; ?tab= is the link to it.
for container, benchmark in zip(st.tabs(explore.BENCHMARKS, key="tab", bind="query-params"), explore.BENCHMARKS):
    if container.open:
        with container:
            benchmark_tab(benchmark)
