"""The timeline page's data: each filtered model's score by release date, and the editions to mark."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from superficial.charts.timeline import EDITION_LINKS, timeline_scatter
from superficial.db import queries
from superficial.db.store import Store
from superficial.display import shown_text

MISSING_NAMES = 8  # models named in a "left out" note


@dataclass(frozen=True)
class EditionLink:
    """A link under the chart to one of the newest editions."""

    slug: str
    label: str  # 'Some interesting things … #5 · 17 Dec 2023'


@dataclass(frozen=True)
class TimelineView:
    """Everything the timeline page draws for one set of filters, benchmark and setting."""

    scores: pd.DataFrame  # one pick per filtered model or family (queries.chart_scores), best first
    unscored: tuple[int, list[str]]  # filtered models (or families) with no score here: how many, the first names
    undated: tuple[int, list[str]]  # scored models with no release date: how many, the first names
    editions: pd.DataFrame  # published editions, newest first
    edition_links: tuple[EditionLink, ...]  # the newest dated editions, the ones the chart labels
    dated_editions: int

    @property
    def dated(self) -> int:
        """Scored models with a release date: the points of the chart."""
        return int(self.scores["release_date"].notna().sum())


def edition_links(editions: pd.DataFrame, limit: int = EDITION_LINKS) -> tuple[EditionLink, ...]:
    """The newest ``limit`` dated editions of queries.editions (newest first) as links."""
    dated = editions[editions["publish_date"].notna()].head(limit)
    # page_link labels parse Markdown: the title escaped, so an image in it stays text and never loads.
    return tuple(EditionLink(row.slug, f"{shown_text(row.title)} · {row.publish_date:%d %b %Y}")
                 for row in dated.itertuples())


def view(store: Store, filters, benchmark: str, setting: str | None) -> TimelineView:
    """Query what the timeline page draws."""
    scores = queries.chart_scores(store, filters, benchmark, setting, per_family=filters.per_family)
    undated = scores.loc[scores["release_date"].isna(), "model"]
    editions = queries.editions(store)
    return TimelineView(scores=scores,
                        unscored=queries.missing_scores(store, filters, benchmark, setting, limit=MISSING_NAMES,
                                                        per_family=filters.per_family),
                        undated=(len(undated), undated.head(MISSING_NAMES).tolist()), editions=editions,
                        edition_links=edition_links(editions),
                        dated_editions=int(editions["publish_date"].notna().sum()))


def scatter(data: TimelineView, *, benchmark: str, color_by: str = "organization",
            org_colors: dict[str, str] | None = None) -> go.Figure:
    """The release-date chart of a view, coloured by organization (in ``org_colors``) or architecture."""
    return timeline_scatter(data.scores, data.editions, benchmark=benchmark, color_by=color_by,
                            colors=org_colors if color_by == "organization" else None)
