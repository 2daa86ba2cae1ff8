"""Editions: read an edition beside live charts of the models it discusses."""
import streamlit as st

from superficial.display import long_date, params_label
from superficial.editions import markdown as render
from superficial.editions import reading
from superficial.ui import blocks, cache
from superficial.ui.cache import get_store
from superficial.ui.notices import show_problems
from superficial.ui.url_state import url_selectbox

PAGE = "pages/editions.py"


store = get_store()
listing = cache.listing(store)
editions = listing.editions
skipped = store.content.skipped

if not editions:
    st.title("Editions")
    st.info("No editions to read yet: add a Markdown or text file to `content/`.")
    show_problems(store.content.problems, "Problems found reading content/")
    st.stop()

edition, not_found = reading.choose(editions, st.query_params.get("edition"))
labels = listing.labels
slugs = list(labels)

pick, find, tag = st.columns([4, 3, 2], vertical_alignment="bottom")
chosen = url_selectbox(pick, "Edition", slugs, url_key="edition", default=edition.slug, format_func=labels.get,
                       help="Type to filter by title, number, date or tag.")
text = find.text_input("Search the editions' text", placeholder="e.g. Medprompt", icon=":material/search:")
tags = tag.multiselect("Tags", listing.tags, placeholder="Any tag")
edition = next(e for e in editions if e.slug == chosen)
if not_found:
    st.warning(not_found, icon=":material/search_off:")
if text.strip() or tags:
    matches = reading.search(editions, text, tags)
    with st.container(border=True):
        st.markdown(f"**{len(matches)}** edition{'s' if len(matches) != 1 else ''} match")
        for match in matches:
            st.page_link(PAGE, label=render.literal_markdown(labels[match.edition.slug]),
                         query_params={"edition": match.edition.slug}, icon=":material/article:")
            if match.snippet:
                blocks.draw_snippet(match.snippet)
if skipped:
    st.caption(f":material/report: {len(skipped)} file(s) in `content/` could not be read and are not listed; "
               "see the list at the bottom of the page.")

text_col, side_col = st.columns([3, 2], gap="large")
with side_col:
    dated = edition.publish_date is not None
    as_of = st.toggle("As of the edition", value=False, disabled=not dated,
                      help="Limit the charts to the models released on or before the edition's publish date."
                      if dated else "This edition has no publish date, so there is no week to go back to.")

view = cache.edition_view(store, edition.slug, as_of)

with st.sidebar:
    blocks.draw_toc(view)

with text_col:
    blocks.draw_masthead(edition, view)
    blocks.draw(view.blocks, view)
    st.divider()
    older, newer = reading.neighbours(editions, edition.slug)
    left, right = st.columns(2)
    if older is not None:
        left.page_link(PAGE, label=f"Older: {render.literal_markdown(render.html_text(older.title))}",
                       query_params={"edition": older.slug}, icon=":material/arrow_back:")
    if newer is not None:
        right.page_link(PAGE, label=f"Newer: {render.literal_markdown(render.html_text(newer.title))}",
                        query_params={"edition": newer.slug}, icon=":material/arrow_forward:")

with side_col:
    if not dated:
        st.caption("This edition has no publish date, so the charts show every model.")
    elif view.as_of is not None:
        st.caption(f"The leaderboard as readers saw it on {long_date(view.as_of)}: "
                   f"**{view.newer_models}** models have appeared since"
                   + (f" ({view.undated_models} models with no release date on record are kept)."
                      if view.undated_models else "."))
    else:
        st.caption(f"{view.newer_models} of the models below appeared after this edition.")

    st.subheader(f"Models mentioned ({len(view.mentioned)})", anchor=False)
    if view.mentioned.empty:
        st.caption("This edition names none of the models in the data.")
    with st.container(height=320 if len(view.mentioned) > 6 else "content"):
        for row in view.mentioned.itertuples():
            facts = f"{row.organization} · {params_label(row.total_params_b, row.active_params_b)} · " \
                    f"released {long_date(row.release_date)} · named {row.mentions}×"
            with st.container(horizontal=True, gap="small", vertical_alignment="center"):
                if view.links.get("compare"):
                    st.page_link("pages/compare.py", label=row.name, query_params={"models": row.name},
                                 icon=":material/compare_arrows:", help=f"Compare {row.name} with other models")
                else:
                    st.markdown(f"**{render.literal_markdown(row.name)}**")
                if view.links.get("explore"):
                    st.page_link("pages/explore.py", label="Explore", query_params={"models": row.name},
                                 icon=":material/leaderboard:", help=f"{row.name} among all models")
            st.caption(render.literal_markdown(facts))
    if view.mentions.families:
        st.caption("Families named without a specific member: "
                   + ", ".join(render.literal_markdown(f) for f in view.mentions.families) + ".")

    tabs = st.tabs([chart.label for chart in view.side_charts])
    for tab, chart in zip(tabs, view.side_charts):
        with tab:
            st.plotly_chart(cache.figure(chart.figure), key=f"side-{chart.label}", config={"displayModeBar": False})
            note = f"{chart.benchmark} · {chart.setting} · {chart.shown} models; named in this edition in colour."
            if chart.missing:
                note += " No value here for " + ", ".join(render.literal_markdown(m) for m in chart.missing) + "."
            st.caption(note)

show_problems(store.content.problems, "Problems found reading content/")
