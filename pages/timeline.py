"""Timeline: the filtered models by release date against their score, each edition marked on the axis."""
import streamlit as st

from superficial.benchmarks import timeline
from superficial.charts.core import color_map
from superficial.charts.selection import selected_models
from superficial.charts.timeline import EDITION_LINKS
from superficial.editions import markdown as render
from superficial.ui.cache import cached_queries as queries  # results cached per parameters and store build
from superficial.ui.cache import get_store, shared
from superficial.ui.navigation import available_pages
from superficial.ui.notices import missing_note
from superficial.ui.sidebar import benchmark_picker, filter_sidebar
from superficial.ui.tables import score_table

store = get_store()
filters = filter_sidebar(store)

st.title("Timeline")
st.caption(filters.describe())
info, setting = benchmark_picker(store)
benchmark = info["benchmark"]
color_by = st.radio("Colour by", ("organization", "architecture"), key="color", bind="query-params", horizontal=True)

if queries.filtered_count(store, filters)["models"] == 0:
    st.info("No model matches these filters. Widen the size range or clear a filter in the sidebar.",
            icon=":material/filter_alt_off:")
    st.stop()

# Computed once per parameters and shared, not copied; the latest kept (80,000 rows at 100k models).
data = shared(timeline.view, max_entries=1)(store, filters, benchmark, setting)
scores, editions = data.scores, data.editions
colors = color_map(queries.filter_options(store)["orgs"]) if color_by == "organization" else None
missing_note(*queries.missing_scores(store, filters, benchmark, setting, limit=8), f"{benchmark} score ({setting})")
missing_note(*data.undated, "release date")
if data.dated == 0:
    st.info(f"None of the filtered models has both a release date and a {benchmark} score ({setting}).",
            icon=":material/search_off:")
    st.stop()

figure = shared(timeline.scatter, max_entries=1)(data, benchmark=f"{benchmark} ({setting})", color_by=color_by,
                                                 colors=colors)
event = st.plotly_chart(figure,
                        theme="streamlit", on_select="rerun", selection_mode=("points", "box", "lasso"),
                        key="chart_timeline", config={"displayModeBar": False})
st.caption(f"Triangles along the top: newsletter editions (hover for the title); the newest {EDITION_LINKS} "
           "also have a dashed line and their number: click it to read the edition. Filled points: open weights.")

dated = editions[editions["publish_date"].notna()]
if not dated.empty:
    has_page = any(p.url_path == "editions" for p in available_pages())
    newest = dated.head(EDITION_LINKS)  # editions() lists the newest first
    cols = st.columns(min(len(newest), 3))
    for i, row in enumerate(newest.itertuples()):
        # page_link labels and Markdown parse the title: escaped, so an image in it is text, never loaded.
        label = f"{render.literal_markdown(render.html_text(row.title))} · {row.publish_date:%d %b %Y}"
        if has_page:
            cols[i % len(cols)].page_link("pages/editions.py", label=label, icon=":material/article:",
                                          query_params={"edition": row.slug})
        else:
            cols[i % len(cols)].markdown(f":material/article: {label}")
    if len(dated) > len(newest) and has_page:
        st.page_link("pages/editions.py", label=f"All {len(dated):,} editions", icon=":material/library_books:")

score_table(scores, columns=["model", "release_date", "value", "setting", "source_url", "organization", "params_b",
                            "reports"],
            value_range=(info.get("min_value"), info.get("max_value")), key="timeline",
            file_name=f"timeline-{benchmark.lower()}.csv", selected=selected_models(event))
