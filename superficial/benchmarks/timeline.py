"""The timeline page's data: each filtered model's score by release date, and the editions to mark."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from superficial.charts.core import MAX_POINTS
from superficial.charts.timeline import EDITION_LINKS, timeline_scatter
from superficial.db import queries
from superficial.db.queries import TABLE_ROWS
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

    scores: pd.DataFrame  # the table's first TABLE_ROWS picks per filtered model or family (queries.chart_scores), best first
    total: int  # picks in all (the table's rows, the CSV's)
    points: pd.DataFrame  # the chart's dated points: `merged` counts the models each stands for
    records: tuple[str, ...]  # models with the best score yet at their release, overall or among open weights
    dated: int  # picks with a release date: the points of the chart, merged or not
    unscored: tuple[int, list[str]]  # filtered models (or families) with no score here: how many, the first names
    undated: tuple[int, list[str]]  # scored models with no release date: how many, the first names
    editions: pd.DataFrame  # dated editions, newest first: slug, number, title, publish_date
    edition_links: tuple[EditionLink, ...]  # the newest dated editions, the ones the chart labels
    dated_editions: int


def edition_links(editions: pd.DataFrame, limit: int = EDITION_LINKS) -> tuple[EditionLink, ...]:
    """The newest ``limit`` dated editions of queries.editions (newest first) as links."""
    dated = editions[editions["publish_date"].notna()].head(limit)
    # page_link labels parse Markdown: the title escaped, so an image in it stays text and never loads.
    return tuple(EditionLink(row.slug, f"{shown_text(row.title)} · {row.publish_date:%d %b %Y}")
                 for row in dated.itertuples())


def view(store: Store, filters, benchmark: str, setting: str | None) -> TimelineView:
    """Query what the timeline page draws (one query for the table's first rows, the records and the points)."""
    parts = queries.timeline_view(store, filters, benchmark, setting, table_rows=TABLE_ROWS,
                                  undated_names=MISSING_NAMES, unscored_names=MISSING_NAMES, max_points=MAX_POINTS,
                                  per_family=filters.per_family)
    record, point, table, undated, unscored = (parts[p] for p in queries.TIMELINE_PARTS)
    first = next((rows for rows in parts.values() if len(rows)), None)
    editions = queries.editions(store)
    return TimelineView(scores=table.drop(columns=["merged", "hover_facts", "total", "dated"]),
                        total=int(first["total"].iloc[0]) if first is not None else 0,
                        points=pd.concat([record, point], ignore_index=True),
                        records=tuple(record["model"]), dated=int(first["dated"].iloc[0]) if first is not None else 0,
                        unscored=(int(unscored["merged"].iloc[0]) if len(unscored) else 0, unscored["model"].tolist()),
                        undated=(int(undated["merged"].iloc[0]) if len(undated) else 0, undated["model"].tolist()),
                        # (only what the chart reads: the view is copied out of the cache on every run)
                        editions=editions.loc[editions["publish_date"].notna(), ["slug", "number", "title", "publish_date"]],
                        edition_links=edition_links(editions),
                        dated_editions=int(editions["publish_date"].notna().sum()))


def all_scores(store: Store, filters, benchmark: str, setting: str | None) -> pd.DataFrame:
    """Every row of the view's table (for the CSV download and a selection), best first."""
    return queries.chart_scores(store, filters, benchmark, setting, per_family=filters.per_family)


def selected_rows(store: Store, filters, benchmark: str, setting: str | None, names: list[str]) -> pd.DataFrame:
    """The table's rows of the models selected in the chart, best first."""
    return queries.named_picks(store, filters, benchmark, setting, names, per_family=filters.per_family)


def scatter(data: TimelineView, *, benchmark: str, color_by: str = "organization",
            org_colors: dict[str, str] | None = None) -> dict:
    """The release-date chart of a view as a figure spec, coloured by organization (in ``org_colors``) or architecture."""
    return timeline_scatter(data.points, data.editions, benchmark=benchmark, color_by=color_by,
                            colors=org_colors if color_by == "organization" else None, records_named=data.records)
