"""What the Editions page shows: finding an edition, and one edition with the live data it discusses."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from superficial import config
from superficial.benchmarks import compare
from superficial.charts.bars import highlight_bars
from superficial.charts.core import BAR_LIMIT, HIGHLIGHT_LABEL
from superficial.charts.scatter import highlight_scatter, thin_sized
from superficial.db import queries
from superficial.db.model_table import ModelTable, model_table
from superficial.db.store import Store
from superficial.display import edition_byline, long_date
from superficial.editions import markdown as render
from superficial.editions.embeds import EmbedChart, embed_chart
from superficial.editions.mentions import Matcher, Mentions, StoredTerms
from superficial.editions.neighbours import Editions, previous_and_next, since_previous
from superficial.editions.reading_time import ReadingTime, reading_time
from superficial.editions.versions import EditionIndex, Version, VersionedEdition
from superficial.ingest.content import Edition
from superficial.ui.navigation import available_pages

# The side charts: tab label, benchmark, setting, kind ("bars" ranks the models, "scatter" plots
# the score against size).
SIDE_CHARTS = (
    ("MMLU", "MMLU", "5-shot", "bars"),
    ("MT-Bench", "MT-Bench", "GPT-4 judge", "bars"),
    ("Parameter efficiency", "MMLU", "5-shot", "scatter"),
)
SNIPPET_CHARS = 90
SINCE_SHOWN = 8  # models listed under "Since the previous edition"; the rest counted


# --- finding an edition -------------------------------------------------------------------------

def edition_label(edition: VersionedEdition) -> str:
    """'#5 · 17 December 2023 · Some interesting things … · weekly-digest, AI' for the picker."""
    only_text = len(edition.versions) == 1 and edition.default.format == "text"
    parts = [edition_byline(edition.number, edition.publish_date, "text" if only_text else None),
             " ".join(render.html_text(edition.title).split())]
    tags = [clean_tag(t) for t in edition.default.tags]
    if any(tags):
        parts.append(", ".join(t for t in tags if t))
    return " · ".join(parts)


@dataclass(frozen=True)
class Listing:
    """The published editions (or posts) with their picker labels and every tag (read-only: shared by every
    session)."""

    editions: tuple[VersionedEdition, ...]
    labels: Mapping[str, str]  # edition slug -> edition_label
    tags: tuple[str, ...]
    every_post: bool  # the blog's other posts are listed too
    other_posts: int  # posts of the blog that are no newsletter edition (listed or not)


def listing(store: Store, every_post: bool = False) -> Listing:
    """What the edition picker needs: every published newsletter edition (with ``every_post``, every post)."""
    editions = store.index.listed(every_post=every_post)
    other_posts = len(store.index.listed(every_post=True)) - len(store.index.listed())
    return Listing(editions, MappingProxyType({e.slug: edition_label(e) for e in editions}),
                   tuple(all_tags(editions)), every_post, other_posts)


@dataclass(frozen=True)
class Choice:
    """The edition and version a visit shows, and a note when the link named something else."""

    edition: VersionedEdition
    version: Version
    note: str | None = None


def choose(listing: Listing, index: EditionIndex, slug: str | None, version: str | None = None) -> Choice | None:
    """What to show for ``?edition=`` (the slug of an edition or of any of its versions; the newest when absent)
    and ``?version=`` (a ``Version.name``; else the version the slug names, else the blog post)."""
    if not listing.editions:
        return None
    found = index.find(slug) if slug else None
    listed = found is not None and found[0].slug in listing.labels
    if listed:
        edition, named = found
    else:
        edition, named = listing.editions[0], None
    note = None
    if slug and not listed:
        if found is not None and not found[0].is_edition and not found[0].draft:
            note = (f"“{render.html_text(found[0].title)}” is a post, not a newsletter edition: turn on "
                    "“Every post” to read it. Showing the newest edition instead.")
        else:
            note = f"There is no published edition “{slug}”; showing the newest one instead."
    return Choice(edition, edition.named(version) or named or edition.versions[0], note)


@functools.lru_cache(maxsize=1024)  # the same few tags on every edition
def clean_tag(tag: str) -> str:
    """A tag as a reader sees it (any HTML in it reduced to its words)."""
    return " ".join(render.html_text(tag).split())


def all_tags(editions: Sequence[VersionedEdition]) -> list[str]:
    """Every tag of the editions, once, alphabetically."""
    return sorted({clean_tag(t) for e in editions for t in e.default.tags} - {""}, key=str.lower)


@dataclass(frozen=True)
class Match:
    edition: VersionedEdition
    version: Version  # the first version holding every word
    snippet: str  # plain text around the first hit, "" when only the title or tags matched


def search(editions: Sequence[VersionedEdition], text: str = "",
           tags: list[str] | tuple[str, ...] = ()) -> list[Match]:
    """Editions having every tag in ``tags`` of which a version's title, description, tags or text hold every
    word of ``text``. A "quoted phrase" is looked for as a whole.
    """
    words = [" ".join((phrase or word).lower().split()) for phrase, word in re.findall(r'"([^"]+)"|(\S+)', text or "")]
    words = [w for w in words if w.strip('"')]
    wanted = {t.lower() for t in tags}
    matches = []
    for edition in editions:
        if wanted and not wanted <= {clean_tag(t).lower() for t in edition.default.tags}:
            continue
        if not words:
            matches.append(Match(edition, edition.versions[0], ""))
            continue
        for version in edition.versions:
            post = version.edition
            body = render.readable_text(post.body, post.format)
            haystack = " ".join(" ".join([post.title, post.description, " ".join(post.tags), body]).split()).lower()
            if all(w in haystack for w in words):
                matches.append(Match(edition, version, snippet(body, words[0])))
                break
    return matches


def snippet(text: str, word: str, width: int = SNIPPET_CHARS) -> str:
    """The words around the first occurrence of ``word`` in ``text``, on one line."""
    flat = re.sub(r"\s+", " ", text)
    at = flat.lower().find(word.lower())
    if at < 0:
        return ""
    start, end = max(0, at - width // 2), min(len(flat), at + len(word) + width // 2)
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


# --- one edition ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SideBoard:
    """Every model's best score on one side chart's benchmark and setting, best first (read-only Arrow)."""

    label: str
    benchmark: str
    setting: str
    kind: str  # "bars" ranks the models, "scatter" plots the score against size
    unit: str | None
    rows: pa.Table  # model, value, source_url, total_params_b (queries.benchmark_leaderboard)
    points: pa.Table | None = None  # a scatter's points of known size, thinned (charts.scatter.thin_sized)
    sized: int = 0  # how many models of known size the points stand for


@dataclass
class SideChart:
    label: str  # the tab's label, Markdown (its words from the data escaped)
    benchmark: str
    setting: str
    figure: dict  # the figure's spec (ui.cache.figure draws it)
    shown: int  # models drawn
    missing: list[str]  # mentioned models with no variant scored here (or of known size, for the scatter)
    drawn_for: dict[str, list[str]] = field(default_factory=dict)  # mentioned model -> its variants drawn
    caption: str = ""  # side_chart_caption, for st.caption


@dataclass(frozen=True)
class EditionLink:
    """Another edition as a link names it: ``?edition=slug``, and its number and title for the label."""

    slug: str
    label: str  # '#4 · Some interesting things …', escaped for a Markdown label


@dataclass(frozen=True)
class SincePrevious:
    """The models released since the previous edition, the first few by name."""

    previous: EditionLink
    after: dt.date
    until: dt.date
    models: tuple[str, ...]  # the first SINCE_SHOWN released, oldest first
    more: int  # released too, not listed
    compare: str  # ?models= of the Compare page for the first of them (as many as it takes)

    @property
    def total(self) -> int:
        return len(self.models) + self.more


@dataclass
class EditionView:
    """Everything the page draws for one edition."""

    edition: Edition
    byline: str
    blocks: tuple
    toc: list[render.Heading]
    mentions: Mentions
    mentioned: pd.DataFrame  # facts of the mentioned models, in order of first mention
    embeds: dict[str, EmbedChart]  # embed key -> live chart
    images: dict[str, Path | None]  # image address -> its file (ContentSource.image_root), None when absent
    cover: Path | None
    side_charts: list[SideChart]
    as_of: dt.date | None  # the date the side charts are limited to, None when not limited
    newer_models: int  # models released after the edition (when it is dated)
    undated_models: int  # models with no release date (kept in the as-of view)
    reading_time: ReadingTime
    previous: EditionLink | None = None  # the newsletter editions just before and after, by date
    next: EditionLink | None = None
    since: SincePrevious | None = None  # what came out since the previous edition
    links: dict[str, bool] = field(default_factory=dict)  # other pages present: "compare", "explore"


def _pictures(blocks) -> list[render.Picture]:
    return [p for b in render.walk(blocks) if isinstance(b, render.Images) for p in b.pictures]


def side_boards(store: Store, as_of: dt.date | None = None) -> tuple[SideBoard, ...]:
    """The boards the side charts draw from; ``as_of`` leaves out models released after it."""
    table = queries.benchmarks(store)
    units = dict(zip(table["benchmark"], table["unit"]))
    return tuple(side_board(label, benchmark, setting, kind, units.get(benchmark),
                            queries.benchmark_leaderboard(store, benchmark, setting, as_of))
                 for label, benchmark, setting, kind in SIDE_CHARTS)


def side_board(label: str, benchmark: str, setting: str, kind: str, unit: str | None, rows: pa.Table) -> SideBoard:
    """A board of a leaderboard's rows; a scatter's also with the points every edition's chart of it shares."""
    if kind != "scatter":
        return SideBoard(label, benchmark, setting, kind, unit, rows)
    points, sized = thin_sized(rows.select(["model", "total_params_b", "value"]).to_pandas())  # what it draws
    return SideBoard(label, benchmark, setting, kind, unit, rows, pa.Table.from_pandas(points, preserve_index=False),
                     sized)


def side_charts(boards: tuple[SideBoard, ...], meant: dict[str, list[str]],
                label: str = HIGHLIGHT_LABEL) -> list[SideChart]:
    """The side charts of the boards, each named model's variants (``ModelTable.variants_meant``) in colour
    (``label`` in the legend)."""
    coloured = list(dict.fromkeys(name for names in meant.values() for name in names))
    wanted = pa.array(coloured, type=pa.string())
    out = []
    for board in boards:
        named_rows = board.rows.filter(pc.is_in(board.rows["model"], value_set=wanted))
        if board.kind == "scatter":
            # The shared points, and the named models' rows however the points were thinned.
            frame = pd.concat([board.points.to_pandas(), named_rows.to_pandas()[board.points.column_names]])
            figure = highlight_scatter(frame.drop_duplicates("model"), coloured, label=label, total=board.sized,
                                       benchmark=f"{board.benchmark} ({board.setting})")
            drawn = board.sized
            found = set(named_rows.filter(pc.is_valid(named_rows["total_params_b"]))["model"].to_pylist())
        else:
            # The board is ranked already: the chart gets its top rows and the named ones below them, not every row.
            top = board.rows.slice(0, BAR_LIMIT)
            below = named_rows.filter(pc.invert(pc.is_in(named_rows["model"], value_set=top["model"].combine_chunks())))
            shown = pa.concat_tables([top, below]).to_pandas()
            figure = highlight_bars(shown, coloured, benchmark=f"{board.benchmark} {board.setting}",
                                    unit=board.unit, more=board.rows.num_rows - len(shown), label=label)
            drawn = board.rows.num_rows
            found = set(named_rows["model"].to_pylist())
        drawn_for = {m: [v for v in names if v in found] for m, names in meant.items()}
        out.append(SideChart(board.label, board.benchmark, board.setting, figure, drawn,
                             [m for m in meant if not drawn_for[m]],
                             {m: names for m, names in drawn_for.items() if names and names != [m]}))
    return out


def side_chart_caption(chart: SideChart, meant_at: dt.date | None) -> str:
    """What a side chart shows, which variants stand for a model the edition names, and who has no value there
    (escaped for ``st.caption``)."""
    note = f"{chart.benchmark} · {chart.setting} · {chart.shown} models; named in this edition in colour."
    if chart.drawn_for:
        drawn = "; ".join(f"{name}: drawn as {', '.join(variants)}" for name, variants in chart.drawn_for.items())
        out_by = f"out by {long_date(meant_at)}" if meant_at else "on record"
        note += f" {drawn} — the variants {out_by}."
    if chart.missing:
        note += " No value here for " + ", ".join(chart.missing) + "."
    return render.literal_markdown(note)


def edition_link(edition: VersionedEdition) -> EditionLink:
    """The link label of an edition: its title, with its number in front when the title does not end with it."""
    title = " ".join(render.html_text(edition.title).split())
    numbered = edition.number is None or title.endswith(f"#{edition.number}")
    return EditionLink(edition.slug, render.literal_markdown(title if numbered else f"#{edition.number} · {title}"))


def since_the_previous(models: ModelTable, editions: Editions,
                       edition: VersionedEdition) -> SincePrevious | None:
    """The models released between the previous newsletter edition and this one, the first few by name
    (``models``: the store's ``model_table``)."""
    since = since_previous(models, editions, edition, limit=SINCE_SHOWN)
    if since is None:
        return None
    names = tuple(since.models)
    return SincePrevious(edition_link(since.previous), since.after, since.until, names,
                         since.total - len(names), compare.models_param(list(names[:compare.MAX_MODELS])))


def matcher(store: Store) -> StoredTerms:
    """The mention matcher for every model, alias and family in the store, looked up in its ``mention_terms``."""
    return StoredTerms(functools.partial(queries.mention_terms, store))


def edition_view(store: Store, edition: Edition, as_of_edition: bool = False, names: Matcher | StoredTerms | None = None,
                 boards: tuple[SideBoard, ...] | None = None, marks: tuple[render.Mark, ...] = (),
                 models: ModelTable | None = None) -> EditionView:
    """Blocks, contents, mentioned models, side charts and neighbours of one edition (one version's post).

    ``names`` is a prebuilt ``matcher(store)``, ``boards`` prebuilt ``side_boards`` for the edition's view and
    ``models`` a prebuilt ``model_table(store)``, all the same for many editions; ``marks`` go after their
    sentences in the text (its claims' marks). A model named means its variants out by the edition's date.
    """
    source = store.source or config.content_source()
    blocks = render.parse(edition.body, edition.format, marks)
    names = names or matcher(store)
    mentions = names.find(render.readable_text(edition.body, edition.format))
    mentioned = queries.model_facts(store, mentions.models)  # in order of first mention
    mentioned["mentions"] = [mentions.counts[m] for m in mentioned["name"]]
    embeds = {}
    for block in render.walk(blocks):
        if isinstance(block, render.Embed) and block.key not in embeds:
            chart = embed_chart(store, block)
            if chart is not None:
                embeds[block.key] = chart
    images = {p.src: render.asset_path(p.src, source.image_root(p.src, edition)) for p in _pictures(blocks)}
    cover = (render.asset_path(edition.cover_image, source.image_root(edition.cover_image, edition))
             if edition.cover_image else None)
    as_of = edition.publish_date if (as_of_edition and edition.publish_date) else None
    models = models or model_table(store)
    charts = side_charts(boards if boards is not None else side_boards(store, as_of),
                         models.variants_meant(mentions.models, edition.publish_date))
    found = store.index.find(edition.slug)
    previous = following = since = None
    if found is not None:
        previous, following = previous_and_next(store.index, found[0])
        since = since_the_previous(models, store.index, found[0])
    pages = {p.url_path for p in available_pages()}
    minutes = reading_time(edition)
    return EditionView(
        edition=edition,
        byline=f"{edition_byline(edition.number, edition.publish_date, edition.format)} · {minutes.minutes} min read",
        blocks=blocks,
        toc=render.headings(blocks),
        mentions=mentions,
        mentioned=mentioned,
        embeds=embeds,
        images=images,
        cover=cover,
        side_charts=[dataclasses.replace(c, caption=side_chart_caption(c, edition.publish_date)) for c in charts],
        as_of=as_of,
        newer_models=models.released_after(edition.publish_date) if edition.publish_date else 0,
        undated_models=models.undated if edition.publish_date else 0,
        reading_time=minutes,
        previous=edition_link(previous) if previous else None,
        next=edition_link(following) if following else None,
        since=since,
        links={"compare": "compare" in pages, "explore": "explore" in pages},
    )
