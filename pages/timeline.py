"""Timeline: the filtered models by release date against their score, each edition marked on the axis."""
import streamlit as st

from superficial.benchmarks import timeline
from superficial.charts.selection import selected_models
from superficial.charts.timeline import EDITION_LINKS
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import missing_note, stop_if_no_models
from superficial.ui.sidebar import benchmark_picker, filter_sidebar
from superficial.ui.tables import score_table

store = get_store()
filters = filter_sidebar(store)

st.title("Timeline")
st.caption(filters.describe())
benchmark, setting, value_range = benchmark_picker(store)

stop_if_no_models(store, filters)

view = cache.timeline_view(store, filters, benchmark, setting)
missing_note(*view.unscored, f"{benchmark} score ({setting})", families=filters.per_family)
missing_note(*view.undated, "release date")
if view.dated == 0:
    st.info(f"None of the filtered models has both a release date and a {benchmark} score ({setting}).",
            icon=":material/search_off:")
    st.stop()


@st.fragment
def chart_and_table() -> None:
    """The colour switch, the chart and the table: switching colours or selecting points reruns only these."""
    color_by = st.radio("Colour by", ("organization", "architecture"), key="color", bind="query-params",
                        horizontal=True)
    spec = cache.timeline_figure(store, filters, benchmark, setting, color_by=color_by, _view=view)
    event = st.plotly_chart(cache.figure(spec),
                            theme="streamlit", on_select="rerun", selection_mode=("points", "box", "lasso"),
                            key="chart_timeline", config={"displayModeBar": False})
    st.caption(f"Triangles along the top: newsletter editions (hover for the title); the newest {EDITION_LINKS} "
               "also have a dashed line and their number: click it to read the edition. Filled points: open weights.")

    if view.edition_links:
        cols = st.columns(min(len(view.edition_links), 3))
        for i, link in enumerate(view.edition_links):
            cols[i % len(cols)].page_link("pages/editions.py", label=link.label, icon=":material/article:",
                                          query_params={"edition": link.slug})
        if view.dated_editions > len(view.edition_links):
            st.page_link("pages/editions.py", label=f"All {view.dated_editions:,} editions",
                         icon=":material/library_books:")

    score_table(view.scores, columns=["model", "release_date", "value", "setting", "source_url", "organization",
                                      "params_b", "reports", *(["base_model", "variants"] if filters.per_family else [])],
                value_range=value_range, key="timeline", file_name=f"timeline-{benchmark.lower()}.csv",
                selected=selected_models(event), total=view.total,
                everything=lambda: timeline.all_scores(store, filters, benchmark, setting),
                pick=lambda names: timeline.selected_rows(store, filters, benchmark, setting, names))


chart_and_table()
