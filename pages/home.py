"""Home: what the dashboard is, the editions newest first, headline figures, the way in."""
import streamlit as st

from superficial.display import edition_byline
from superficial.editions import markdown as render
from superficial.ui.cache import cached_queries as queries  # results cached per parameters and store build
from superficial.ui.cache import get_store
from superficial.ui.navigation import available_pages
from superficial.ui.notices import show_problems

LATEST = 8  # editions shown as cards; the rest in a table

store = get_store()
figures = queries.headline_figures(store)
editions = queries.editions(store)

st.title("Superficial Intelligence")
st.markdown(
    "Read the weekly AI newsletter *Some interesting things to …* beside the live benchmark data it talks "
    "about — MMLU, MT-Bench, parameter efficiency — every number with its primary source and setting."
)

cols = st.columns(4)
cols[0].metric("Models", f"{figures['models']:,}")
cols[1].metric("Scores", f"{figures['scores']:,}", help=f"from {figures['sources']} primary sources")
cols[2].metric("Benchmarks", figures["benchmarks"])
cols[3].metric("Editions", figures["editions"])

st.subheader("Editions")
if editions.empty:
    st.info("No editions yet: add a Markdown or text file to `content/`.")
has_editions_page = any(p.url_path == "editions" for p in available_pages())
for row in editions.head(LATEST).itertuples():
    with st.container(border=True):
        st.markdown(f"**{render.literal_markdown(render.html_text(row.title))}**  \n"
                    f":gray[{edition_byline(row.number, row.publish_date, row.format)}]")
        if render.html_text(row.description):
            st.markdown(render.literal_markdown(render.html_text(row.description)))
        if len(row.tags):
            st.markdown(" ".join(f":blue-badge[{render.literal_markdown(render.html_text(tag))}]" for tag in row.tags))
        if has_editions_page:
            st.page_link("pages/editions.py", label="Read this edition", icon=":material/arrow_forward:",
                         query_params={"edition": row.slug})

if len(editions) > LATEST:
    with st.expander(f"All {len(editions):,} editions"):
        st.dataframe(editions[["number", "publish_date", "title", "tags"]], hide_index=True, width="stretch",
                     column_config={"publish_date": st.column_config.DateColumn("published")})

st.subheader("Pages")
for page in available_pages()[1:]:
    st.page_link(page.file, label=f"**{page.title}** — {page.blurb}", icon=page.icon)

show_problems(store.problems)
