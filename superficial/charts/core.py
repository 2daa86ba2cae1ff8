"""Shared pieces of the Plotly figures: colours, layout, hover text, the "and N more" notes."""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from superficial.display import is_missing, params_label

BAR_LIMIT = 40  # bar charts draw at most this many models (plus highlighted ones) and say how many more
ROW_HEIGHT = 26  # pixels per bar of a horizontal bar chart
CLOSED_PATTERN = "/"  # bars of models whose weights are not open are hatched
LABEL_ALL_UP_TO = 15  # scatter plots name every point up to this many, else only the frontier and picks
DENSE_POINTS = 1000  # above this many models scatters get a short hover and names only on notable points
WEBGL_POINTS = 2000  # above this many points drawn, WebGL (Scattergl); SVG draws fewer faster, GPU or not
MAX_POINTS = 5000  # above this many points scatters draw one point per small cell of the plot (plus named ones)
MAX_LEGEND = 20  # dense scatters with more colour groups draw one trace coloured point by point (no legend wall)
MORE_NOTE = "and-more"  # name of the "… and N more models" annotation

# Mid-tone colours readable on light and dark backgrounds, enough for every organization.
PALETTE = [*qualitative.Plotly, *qualitative.D3, *qualitative.Vivid]
HIGHLIGHT_OUTLINE = "#111827"
OTHER_COLOR = "rgba(140, 140, 140, 0.45)"
HIGHLIGHT_LABEL = "named in this edition"

SCORE_HOVER = (
    "<b>%{customdata[0]}</b><br>%{x} · %{customdata[1]}<br>%{customdata[4]}<br>"
    "source: %{customdata[2]}<br>%{customdata[3]}<br>%{customdata[5]}<extra></extra>"
)


def color_map(categories: Iterable[str]) -> dict[str, str]:
    """A fixed colour per category (e.g. every organization), so colours agree across charts and filters."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(categories))}


def fmt_value(value: object) -> str:
    """86.4 -> '86.4', 8.3 -> '8.3', 1249.0 -> '1249', 90.04 -> '90.04'."""
    if is_missing(value):
        return ""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def weights_label(value: object) -> str:
    if is_missing(value):
        return "weights: not stated"
    return "open weights" if bool(value) else "closed weights"


def unvalidated_figure(data: list[dict], layout: dict) -> go.Figure:
    """Wrap plain-dict traces and layout in a Figure without Plotly's per-property validation.

    Only for the builders whose validation would cost more than building them: the dense scatters and
    the Explore page's score bars. tests/charts validates their output in full instead.
    """
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def merge(target: dict, updates: Mapping) -> dict:
    """Update a layout dict in place the way ``fig.update_layout`` does: nested dicts are merged, not replaced."""
    for key, value in updates.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def base_layout(height: int, **updates) -> dict:
    """Height, small margins, legend above the plot, left-aligned hover, no drag-zoom; ``updates`` merged in."""
    layout = dict(
        height=height,
        margin=dict(l=0, r=8, t=8, b=0),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        hoverlabel=dict(align="left"),
        dragmode=False,
    )
    return merge(layout, updates)


def _reports_note(reports: object, settings: object) -> str:
    reports = 1 if is_missing(reports) else int(reports or 1)
    if reports <= 1:
        return "single report"
    settings = 1 if is_missing(settings) else int(settings or 1)
    where = f"{settings} settings" if settings > 1 else "this setting"
    return f"highest of {reports} values reported for {where}"


def _picked_note(row: Mapping) -> str:
    """How the row's value was picked; for a family's row (queries' per_family form) of which variants."""
    reports = _reports_note(row.get("reports"), row.get("settings"))
    variants = row.get("variants")
    if is_missing(variants) or int(variants) <= 1:
        return reports
    return f"best of {int(variants)} variants of {html.escape(str(row['base_model']))} · {reports}"


def record_groups(frame: pd.DataFrame, color_by: str) -> list[tuple[str, list[dict]]]:
    """Rows as dicts split by the colour column, in order of first appearance.

    Plain records, not a DataFrame per group: a chart's few hundred rows are read once, not filtered per group.
    """
    groups: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        key = row.get(color_by)
        groups.setdefault("not stated" if is_missing(key) else str(key), []).append(row)
    return list(groups.items())


def merged_text(merged: object) -> str:
    """A merged point's hover line: how many more models it stands for ("" for a single model)."""
    n = 1 if merged is None or merged != merged else int(merged)
    return "" if n <= 1 else f"<br>and {n - 1:,} more model{'s' if n > 2 else ''} nearby (merged)"


def hover_rows(rows: list[dict]) -> list[list[str]]:
    """customdata per row: model, setting, source, how it was picked (of which variants), weights and size (and how
    many models a merged point stands for), note."""
    return [[row["model"], row["setting"], html.escape(str(row["source_url"])), _picked_note(row),
             f'{weights_label(row.get("open_weights"))} · {params_label(row.get("total_params_b"), row.get("active_params_b"))}'
             f'{merged_text(row.get("merged"))}',
             "" if is_missing(row.get("note")) else html.escape(str(row["note"]))]
            for row in rows]


def column(frame: pd.DataFrame, name: str) -> list:
    """A column as a list, or Nones when the frame lacks it."""
    return frame[name].tolist() if name in frame else [None] * len(frame)


def top_rows(frame: pd.DataFrame, keep: Iterable[str] = (), limit: int = BAR_LIMIT) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows of a ranked frame plus any rows of ``keep`` models below them, and how many are left out."""
    if len(frame) <= limit:
        return frame, 0
    kept = frame["model"].isin(set(keep))
    kept.iloc[:limit] = True
    return frame[kept], int((~kept).sum())


def _note(text: str) -> dict:
    return dict(name=MORE_NOTE, text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                yshift=-46, showarrow=False, font=dict(size=12))


def more_note(layout: dict, hidden: int, shown: int, where: str = " (see the table below)") -> dict:
    """Write "40 shown · and N more models (see the table below)" under a chart that leaves models out."""
    if hidden > 0:
        layout.setdefault("annotations", []).append(_note(f"{shown} shown · and {hidden:,} more models{where}"))
        merge(layout, dict(margin=dict(b=66)))
    return layout


def merged_note(layout: dict, merged: int, total: int) -> dict:
    """Say under a thinned scatter how many overlapping points were merged."""
    if merged > 0:
        layout.setdefault("annotations", []).append(
            _note(f"{total - merged:,} of {total:,} points drawn: overlapping points merged (every one is in the CSV below)"))
        merge(layout, dict(margin=dict(b=66)))
    return layout
