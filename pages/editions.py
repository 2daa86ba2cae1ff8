"""Editions: read an edition beside live charts of the models it discusses."""
import streamlit as st

from superficial.display import long_date, params_label
from superficial.editions import markdown as render
from superficial.editions import reading
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import show_problems
from superficial.ui.url_state import url_selectbox

CALLOUTS = {  # style -> (Streamlit callout, icon)
    "note": (st.info, ":material/info:"),
    "tip": (st.success, ":material/lightbulb:"),
    "important": (st.info, ":material/priority_high:"),
    "caution": (st.warning, ":material/warning:"),
    "warning": (st.error, ":material/report:"),
    "sidenote": (st.info, ":material/sticky_note_2:"),
}
PAGE = "pages/editions.py"


def draw_images(block: render.Images, view: reading.EditionView) -> None:
    for picture in block.pictures:
        path = view.images.get(picture.src)
        if path is not None:
            link = picture.link if picture.link and render.is_remote(picture.link) else None
            st.image(str(path), alt=picture.alt or picture.title or None, link=link)
        else:  # missing, or hosted elsewhere: never loaded from another site, never a broken image
            name = render.escape_text(picture.alt or picture.title or render.image_name(picture.src))
            where = f"[{name}](<{picture.src}>)" if render.is_remote(picture.src) else name
            with st.container(border=True):
                st.caption(f":material/image: Image not shown here · {where}")
    if block.caption:
        st.caption(block.caption)


def draw_embed(block: render.Embed, view: reading.EditionView) -> None:
    chart = view.embeds.get(block.key)
    original = f"[original]({'<' + block.src + '>'})" if render.is_remote(block.src) else ""
    if chart is not None:
        st.plotly_chart(cache.figure(chart.figure), key=f"embed-{block.key}", config={"displayModeBar": False})
        st.caption(f":material/bar_chart: Live chart: {chart.caption} See the {original}.")
        with st.expander("The numbers behind this chart"):
            st.dataframe(chart.data, hide_index=True, width="stretch",
                         column_config={"source_url": st.column_config.LinkColumn("source")})
    elif original:
        title = render.escape_text(block.title or render.image_name(block.src))
        st.markdown(f":material/open_in_new: [{title}](<{block.src}>) — embedded content, not shown here")


def draw_callout(block: render.Callout, view: reading.EditionView) -> None:
    show, icon = CALLOUTS.get(block.style, (None, ":material/label:"))
    if show is not None and all(isinstance(child, render.Text) for child in block.children):
        show("\n\n".join(child.markdown for child in block.children), icon=icon, title=block.title or None)
        return
    with st.container(border=True):
        if block.title:
            st.markdown(f"{icon} **{block.title}**")
        draw(block.children, view)


def draw(blocks, view: reading.EditionView) -> None:
    for block in blocks:
        if isinstance(block, render.Text):
            st.markdown(block.markdown)
        elif isinstance(block, render.Heading):
            if block.level <= 2:
                st.header(block.text, anchor=block.anchor)
            elif block.level == 3:
                st.subheader(block.text, anchor=block.anchor)
            else:
                st.markdown(f"**{block.text}**")
        elif isinstance(block, render.Callout):
            draw_callout(block, view)
        elif isinstance(block, render.Images):
            draw_images(block, view)
        elif isinstance(block, render.Embed):
            draw_embed(block, view)
        elif isinstance(block, render.Code):
            st.code(block.code, language=block.language)
        elif isinstance(block, render.Math):
            st.latex(block.latex)


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
            st.page_link(PAGE, label=labels[match.edition.slug], query_params={"edition": match.edition.slug},
                         icon=":material/article:")
            if match.snippet:
                st.caption(render.escape_text(match.snippet))
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
    if view.toc:
        st.markdown("**Contents**")
        st.markdown(render.toc_markdown(view.toc))

with text_col:
    st.title(render.inline_text(edition.title), anchor=False)
    st.caption(view.byline + (f" · updated {long_date(edition.updated_date)}" if edition.updated_date else ""))
    tag_labels = [render.inline_text(t) for t in edition.tags]
    if any(tag_labels):
        st.markdown(" ".join(f":blue-badge[{t}]" for t in tag_labels if t))
    if render.inline_text(edition.description):
        st.markdown(f"*{render.inline_text(edition.description)}*")
    if view.cover is not None:
        st.image(str(view.cover))
    draw(view.blocks, view)
    st.divider()
    older, newer = reading.neighbours(editions, edition.slug)
    left, right = st.columns(2)
    if older is not None:
        left.page_link(PAGE, label=f"Older: {render.html_text(older.title)}", query_params={"edition": older.slug},
                       icon=":material/arrow_back:")
    if newer is not None:
        right.page_link(PAGE, label=f"Newer: {render.html_text(newer.title)}", query_params={"edition": newer.slug},
                        icon=":material/arrow_forward:")

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
                    st.markdown(f"**{render.escape_text(row.name)}**")
                if view.links.get("explore"):
                    st.page_link("pages/explore.py", label="Explore", query_params={"models": row.name},
                                 icon=":material/leaderboard:", help=f"{row.name} among all models")
            st.caption(render.escape_text(facts))
    if view.mentions.families:
        st.caption("Families named without a specific member: "
                   + ", ".join(render.escape_text(f) for f in view.mentions.families) + ".")

    tabs = st.tabs([chart.label for chart in view.side_charts])
    for tab, chart in zip(tabs, view.side_charts):
        with tab:
            st.plotly_chart(cache.figure(chart.figure), key=f"side-{chart.label}", config={"displayModeBar": False})
            note = f"{chart.benchmark} · {chart.setting} · {chart.shown} models; named in this edition in colour."
            if chart.missing:
                note += " No value here for " + ", ".join(render.escape_text(m) for m in chart.missing) + "."
            st.caption(note)

show_problems(store.content.problems, "Problems found reading content/")
