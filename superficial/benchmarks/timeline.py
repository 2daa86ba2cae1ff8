"""The timeline page's data: each filtered model's score by release date, and the editions to mark."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from superficial.charts.timeline import timeline_scatter
from superficial.db import queries


@dataclass(frozen=True)
class TimelineView:
    """Everything the timeline page draws for one set of filters, benchmark and setting."""

    scores: pd.DataFrame  # one pick per filtered model (queries.chart_scores), best first
    undated: tuple[int, list[str]]  # scored models with no release date: how many, the first eight names
    editions: pd.DataFrame  # published editions, newest first

    @property
    def dated(self) -> int:
        return int(self.scores["release_date"].notna().sum())


def view(store, filters, benchmark: str, setting: str | None) -> TimelineView:
    """Query what the timeline page draws."""
    scores = queries.chart_scores(store, filters, benchmark, setting)
    undated = scores.loc[scores["release_date"].isna(), "model"]
    return TimelineView(scores=scores, undated=(len(undated), undated.head(8).tolist()),
                        editions=queries.editions(store))


def scatter(data: TimelineView, *, benchmark: str, color_by: str = "organization",
            colors: dict[str, str] | None = None):
    """The release-date chart of a view."""
    return timeline_scatter(data.scores, data.editions, benchmark=benchmark, color_by=color_by, colors=colors)
