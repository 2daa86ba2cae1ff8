"""Editions: read an edition beside live charts of the models it discusses."""
import streamlit as st

from superficial.display import long_date, params_label
from superficial.editions import markdown as render
from superficial.editions import reading
from superficial.ui import blocks, cache
from superficial.ui.cache import get_store
from superficial.ui.notices import show_problems
from superficial.ui.url_state import set_url, url_number, url_segmented_control, url_selectbox, url_toggle

PAGE = "pages/editions.py"


store = get_store()
listing = cache.listing(store)
skipped = store.content.skipped

if not listing.editions and not listing.other_posts:
    st.title("Editions")
    st.info("No editions to read yet: add a Markdown or text file to `content/`.")
    show_problems(store.content.problems, "Problems found reading content/")
    st.stop()

columns = st.columns([4, 3, 2, 2] if listing.other_posts else [4, 3, 2], vertical_alignment="bottom")
pick, find, tag = columns[:3]
if listing.other_posts and url_toggle(columns[3], "Every post", url_key="posts", on_value="all",
                                      help=f"List the blog's {listing.other_posts} other posts too, which are "
                                      "not newsletter editions."):
    listing = cache.listing(store, every_post=True)
keep_posts = {"posts": "all"} if listing.every_post else {}

asked = reading.choose(listing, store.index, st.query_params.get("edition"), st.query_params.get("version"))
if asked is None:
    st.info("No newsletter edition here yet: turn on “Every post” to read the other posts.")
    st.stop()
labels = listing.labels
chosen = url_selectbox(pick, "Edition", list(labels), url_key="edition", default=asked.edition.slug,
                       format_func=labels.get, help="Type to filter by title, number, date or tag.")
choice = asked if chosen == asked.edition.slug else reading.choose(listing, store.index, chosen,
                                                                   st.query_params.get("version"))
edition = choice.edition
text = find.text_input("Search the editions' text", placeholder="e.g. Medprompt", icon=":material/search:")
tags = tag.multiselect("Tags", listing.tags, placeholder="Any tag")
if asked.note:
    st.warning(asked.note, icon=":material/search_off:")
if text.strip() or tags:
    matches = reading.search(listing.editions, text, tags)
    with st.container(border=True):
        st.markdown(f"**{len(matches)}** edition{'s' if len(matches) != 1 else ''} match")
        for match in matches:
            label = labels[match.edition.slug] + (f" · {match.version.label}" if len(match.edition.versions) > 1 else "")
            st.page_link(PAGE, label=render.literal_markdown(label), icon=":material/article:",
                         query_params={"edition": match.edition.slug, "version": match.version.name, **keep_posts})
            if match.snippet:
                blocks.draw_snippet(match.snippet)
if skipped:
    st.caption(f":material/report: {len(skipped)} file(s) in `content/` could not be read and are not listed; "
               "see the list at the bottom of the page.")

text_col, side_col = st.columns([3, 2], gap="large")
version = choice.version
if len(edition.versions) > 1:
    names = {v.name: render.literal_markdown(v.label) for v in edition.versions}
    version = edition.named(url_segmented_control(
        text_col, "Version", list(names), url_key="version", default=version.name, format_func=names.get,
        help="The blog post and the newsletter's plain text of this edition: each has its own text."))
elif "version" in st.query_params:
    del st.query_params["version"]
keep_version = {"version": version.name} if version is not edition.versions[0] else {}

with side_col:
    dated = version.edition.publish_date is not None
    as_of = st.toggle("As of the edition", value=False, disabled=not dated,
                      help="Limit the charts to the models released on or before the edition's publish date."
                      if dated else "This edition has no publish date, so there is no week to go back to.")

view = cache.edition_view(store, version.slug, as_of)

with st.sidebar:
    blocks.draw_toc(view)

with text_col:
    blocks.draw_masthead(version.edition, view)
    blocks.draw(view.blocks, view)
    st.divider()
    if view.previous is not None:
        st.page_link(PAGE, label=f"Previous edition: {view.previous.label}", icon=":material/arrow_back:",
                     query_params={"edition": view.previous.slug, **keep_version})
    if view.next is not None:
        st.page_link(PAGE, label=f"Next edition: {view.next.label}", icon=":material/arrow_forward:",
                     query_params={"edition": view.next.slug, **keep_version})

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
    with st.container(height=320 if len(view.mentioned) > 6 else "content", key="mentioned-models"):
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

    claims = cache.claims_panel(store, version.slug, as_of)
    asked_claim = url_number("claim", scope=version.slug)
    st.subheader(f"Claims ({len(claims.cards)})", anchor=False,
                 help="Every size, score and comparison the text states about a model in the data, checked like "
                 "for like: the same benchmark and setting. The marks in the text link here.")
    st.caption(render.literal_markdown(claims.summary))
    with st.container(height=440 if len(claims.cards) > 2 else "content", key="claims-panel"):
        for card in claims.cards:  # none: the caption says so
            with st.container(border=True, key=f"claim-card-{card.number}"):
                st.html(card.html)
                chosen = card.number == asked_claim
                st.button("Shown in the charts" if chosen else "Show in the charts", key=f"show-claim-{card.number}",
                          icon=":material/bar_chart:", type="primary" if chosen else "secondary", disabled=chosen,
                          on_click=set_url, args=("claim", str(card.number)))

    shown = cache.shown_claim(store, version.slug, as_of, asked_claim) if asked_claim else None
    charts = view.side_charts
    if shown is not None:
        with st.container(border=True, key="shown-claim"):
            st.html(render.quote_html(f"Claim {shown.number}", shown.sentence))
            st.caption(render.literal_markdown(shown.note))
            st.button("Back to the edition's charts", key="hide-claim", icon=":material/close:",
                      on_click=set_url, args=("claim", None))
        charts = [*shown.charts, *charts]
    tabs = st.tabs([chart.label for chart in charts])
    for tab, chart in zip(tabs, charts):
        with tab:
            st.plotly_chart(cache.figure(chart.figure), key=f"side-{chart.label}", config={"displayModeBar": False})
            st.caption(chart.caption)

    if view.since is not None:
        since = view.since
        st.subheader("Since the previous edition", anchor=False)
        between = f"after {long_date(since.after)} ({since.previous.label}) and by {long_date(since.until)}"
        st.caption(f"**{since.total:,}** models in the data were released {between}." if since.total
                   else f"No model in the data was released {between}.")
        for name in since.models:
            st.page_link("pages/compare.py", label=render.literal_markdown(name), query_params={"models": name},
                         icon=":material/compare_arrows:", help=f"{name} on the Compare page")
        if since.more:
            st.caption(f"and {since.more:,} more")
        if len(since.models) > 1:
            st.page_link("pages/compare.py", label="Compare them side by side", query_params={"models": since.compare},
                         icon=":material/table_chart:")

show_problems(store.content.problems, "Problems found reading content/")
