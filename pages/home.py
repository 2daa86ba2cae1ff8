"""Home: what the dashboard is, the editions newest first, headline figures, the way in."""
import streamlit as st

from superficial import queries
from superficial.display import edition_byline
from superficial.navigation import available_pages
from superficial.ui import get_store, show_problems

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
for row in editions.itertuples():
    with st.container(border=True):
        st.markdown(f"**{row.title}**  \n:gray[{edition_byline(row.number, row.publish_date, row.format)}]")
        if row.description:
            st.markdown(row.description)
        if len(row.tags):
            st.markdown(" ".join(f":blue-badge[{tag}]" for tag in row.tags))
        if has_editions_page:
            st.page_link("pages/editions.py", label="Read this edition", icon=":material/arrow_forward:",
                         query_params={"edition": row.slug})

st.subheader("Pages")
for page in available_pages()[1:]:
    st.page_link(page.file, label=f"**{page.title}** — {page.blurb}", icon=page.icon)

show_problems(store.problems)
