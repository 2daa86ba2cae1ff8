"""What the Editions page shows: finding an edition, and one edition with the live data it discusses."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from superficial import config
from superficial.charts.bars import highlight_bars
from superficial.charts.core import BAR_LIMIT
from superficial.charts.scatter import highlight_scatter
from superficial.db import queries
from superficial.db.store import Store
from superficial.display import edition_byline
from superficial.editions import markdown as render
from superficial.editions.embeds import EmbedChart, embed_chart
from superficial.editions.mentions import Matcher, Mentions
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


# --- finding an edition -------------------------------------------------------------------------

def published(editions: list[Edition]) -> list[Edition]:
    """The editions a reader may open (drafts hidden), in the store's order: newest first."""
    return [e for e in editions if not e.draft]


def edition_label(edition: Edition) -> str:
    """'#5 · 17 December 2023 · Some interesting things … · weekly-digest, AI' for the picker."""
    parts = [edition_byline(edition.number, edition.publish_date, "text" if edition.format == "text" else None),
             " ".join(render.html_text(edition.title).split())]
    tags = [clean_tag(t) for t in edition.tags]
    if any(tags):
        parts.append(", ".join(t for t in tags if t))
    return " · ".join(parts)


@dataclass(frozen=True)
class Listing:
    """The published editions with their picker labels and every tag (read-only: shared by every session)."""

    editions: tuple[Edition, ...]
    labels: Mapping[str, str]  # slug -> edition_label
    tags: tuple[str, ...]


def listing(store: Store) -> Listing:
    """What the edition picker needs, for every published edition of the store."""
    editions = tuple(published(store.editions))
    return Listing(editions, MappingProxyType({e.slug: edition_label(e) for e in editions}),
                   tuple(all_tags(editions)))


def choose(editions: list[Edition], slug: str | None) -> tuple[Edition | None, str | None]:
    """The edition to show for a ``?edition=`` value (the newest when absent), and a note when not found."""
    if not editions:
        return None, None
    if not slug:
        return editions[0], None
    for edition in editions:
        if edition.slug == slug:
            return edition, None
    return editions[0], f"There is no published edition “{slug}”; showing the newest one instead."


def neighbours(editions: list[Edition], slug: str) -> tuple[Edition | None, Edition | None]:
    """(older, newer) editions around ``slug`` in the newest-first list."""
    slugs = [e.slug for e in editions]
    if slug not in slugs:
        return None, None
    i = slugs.index(slug)
    older = editions[i + 1] if i + 1 < len(editions) else None
    newer = editions[i - 1] if i > 0 else None
    return older, newer


def clean_tag(tag: str) -> str:
    """A tag as a reader sees it (any HTML in it reduced to its words)."""
    return " ".join(render.html_text(tag).split())


def all_tags(editions: list[Edition]) -> list[str]:
    """Every tag of the editions, once, alphabetically."""
    return sorted({clean_tag(t) for e in editions for t in e.tags} - {""}, key=str.lower)


@dataclass(frozen=True)
class Match:
    edition: Edition
    snippet: str  # plain text around the first hit, "" when only the title or tags matched


def search(editions: list[Edition], text: str = "", tags: list[str] | tuple[str, ...] = ()) -> list[Match]:
    """Editions having every tag in ``tags`` whose title, description, tags or text hold every word of ``text``.

    A "quoted phrase" is looked for as a whole.
    """
    words = [" ".join((phrase or word).lower().split()) for phrase, word in re.findall(r'"([^"]+)"|(\S+)', text or "")]
    words = [w for w in words if w.strip('"')]
    wanted = {t.lower() for t in tags}
    matches = []
    for edition in editions:
        if wanted and not wanted <= {clean_tag(t).lower() for t in edition.tags}:
            continue
        if not words:
            matches.append(Match(edition, ""))
            continue
        body = render.readable_text(edition.body, edition.format)
        haystack = " ".join(" ".join([edition.title, edition.description, " ".join(edition.tags), body]).split()).lower()
        if all(w in haystack for w in words):
            matches.append(Match(edition, snippet(body, words[0])))
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


@dataclass
class SideChart:
    label: str
    benchmark: str
    setting: str
    figure: dict  # the figure's spec (ui.cache.figure draws it)
    shown: int  # models drawn
    missing: list[str]  # mentioned models with no variant scored here (or of known size, for the scatter)
    drawn_for: dict[str, list[str]] = field(default_factory=dict)  # mentioned model -> its variants drawn


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
    images: dict[str, Path | None]  # image address -> file under content/, None when absent
    cover: Path | None
    side_charts: list[SideChart]
    as_of: dt.date | None  # the date the side charts are limited to, None when not limited
    newer_models: int  # models released after the edition (when it is dated)
    undated_models: int  # models with no release date (kept in the as-of view)
    links: dict[str, bool] = field(default_factory=dict)  # other pages present: "compare", "explore"


def _pictures(blocks) -> list[render.Picture]:
    return [p for b in render.walk(blocks) if isinstance(b, render.Images) for p in b.pictures]


def side_boards(store: Store, as_of: dt.date | None = None) -> tuple[SideBoard, ...]:
    """The boards the side charts draw from; ``as_of`` leaves out models released after it."""
    table = queries.benchmarks(store)
    units = dict(zip(table["benchmark"], table["unit"]))
    return tuple(SideBoard(label, benchmark, setting, kind, units.get(benchmark),
                           queries.benchmark_leaderboard(store, benchmark, setting, as_of))
                 for label, benchmark, setting, kind in SIDE_CHARTS)


def meant_variants(store: Store, named: list[str], meant_at: dt.date | None) -> dict[str, list[str]]:
    """Each model named and the variants it stands for: a "GPT-4" in the text means the snapshots out by then."""
    family = queries.variants(store, list(named), as_of=meant_at)
    return {m: family.loc[family["asked"] == m, "name"].tolist() or [m] for m in named}


def side_charts(boards: tuple[SideBoard, ...], meant: dict[str, list[str]]) -> list[SideChart]:
    """The side charts of the boards, each named model's variants (``meant_variants``) in colour."""
    coloured = list(dict.fromkeys(name for names in meant.values() for name in names))
    wanted = pa.array(coloured, type=pa.string())
    out = []
    for board in boards:
        named_rows = board.rows.filter(pc.is_in(board.rows["model"], value_set=wanted))
        if board.kind == "scatter":
            frame = board.rows.to_pandas()
            figure = highlight_scatter(frame, coloured, benchmark=f"{board.benchmark} ({board.setting})")
            drawn = int(frame["total_params_b"].notna().sum())
            found = set(named_rows.filter(pc.is_valid(named_rows["total_params_b"]))["model"].to_pylist())
        else:
            # The board is ranked already: the chart gets its top rows and the named ones, not every row.
            top = board.rows.slice(0, BAR_LIMIT)
            shown = pa.concat_tables([top, named_rows]).to_pandas().drop_duplicates("model")
            shown = shown.sort_values("value", ascending=False, kind="mergesort")
            figure = highlight_bars(shown, coloured, benchmark=f"{board.benchmark} {board.setting}",
                                    unit=board.unit, more=board.rows.num_rows - len(shown))
            drawn = board.rows.num_rows
            found = set(named_rows["model"].to_pylist())
        drawn_for = {m: [v for v in names if v in found] for m, names in meant.items()}
        out.append(SideChart(board.label, board.benchmark, board.setting, figure.to_dict(), drawn,
                             [m for m in meant if not drawn_for[m]],
                             {m: names for m, names in drawn_for.items() if names and names != [m]}))
    return out


def matcher(store: Store) -> Matcher:
    """The mention matcher for every model, alias and family in the store (build once per store, reuse)."""
    return Matcher(queries.model_names(store), queries.aliases(store))


def edition_view(store: Store, edition: Edition, as_of_edition: bool = False, content_dir: Path | None = None,
                 names: Matcher | None = None, boards: tuple[SideBoard, ...] | None = None) -> EditionView:
    """Blocks, contents, mentioned models and side charts of one edition.

    ``names`` is a prebuilt ``matcher(store)`` and ``boards`` prebuilt ``side_boards`` for the edition's view,
    both the same for many editions.
    """
    content_dir = content_dir or config.content_dir()
    blocks = render.parse(edition.body, edition.format)
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
    images = {p.src: render.asset_path(p.src, content_dir) for p in _pictures(blocks)}
    cover = render.asset_path(edition.cover_image, content_dir) if edition.cover_image else None
    as_of = edition.publish_date if (as_of_edition and edition.publish_date) else None
    counts = (queries.models_released_after(store, edition.publish_date) if edition.publish_date
              else {"after": 0, "undated": 0})
    pages = {p.url_path for p in available_pages()}
    return EditionView(
        edition=edition,
        byline=edition_byline(edition.number, edition.publish_date, edition.format),
        blocks=blocks,
        toc=render.headings(blocks),
        mentions=mentions,
        mentioned=mentioned,
        embeds=embeds,
        images=images,
        cover=cover,
        side_charts=side_charts(boards if boards is not None else side_boards(store, as_of),
                                meant_variants(store, mentions.models, edition.publish_date)),
        as_of=as_of,
        newer_models=counts["after"],
        undated_models=counts["undated"],
        links={"compare": "compare" in pages, "explore": "explore" in pages},
    )
