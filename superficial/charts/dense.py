"""Scatters of many points: short hovers, points merged on a grid, WebGL when there are still many."""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from superficial.charts.core import (
    MAX_LEGEND,
    MAX_POINTS,
    WEBGL_POINTS,
    color_map,
    column,
    merged_text,
    weights_label,
)
from superficial.display import params_label


def _dense_hover_rows(frame: pd.DataFrame, color_by: str, with_setting: bool) -> list[list[str]]:
    """Short customdata for dense scatters: model, group · weights · size, and the setting when they differ
    (the table has the rest; every byte here is sent once per point).

    A frame from the dense pages' queries brings weights and size as `hover_facts` and each point's `merged` count.
    """
    # Lists, not Series, iterated below: an Arrow-backed string column yields its values one slow call each.
    groups = frame[color_by].fillna("not stated").astype(str).tolist()
    if "hover_facts" in frame:
        tails = frame["hover_facts"].tolist()
    else:
        tails = [f"{weights_label(w)} · {params_label(t, a)}" for w, t, a in
                 zip(frame["open_weights"].tolist(), column(frame, "total_params_b"), column(frame, "active_params_b"))]
    merged = column(frame, "merged")
    facts = [f"{html.escape(g)} · {tail}{merged_text(n)}" for g, tail, n in zip(groups, tails, merged)]
    if with_setting:
        return [[m, f, s] for m, f, s in zip(frame["model"].tolist(), facts, frame["setting"].tolist())]
    return [[m, f] for m, f in zip(frame["model"].tolist(), facts)]


def symbols(open_weights) -> list[str]:
    return ["circle" if ow is True else "circle-open" for ow in open_weights]


SETTING = "{setting}"  # where a dense scatter's hovertemplate names the setting


def dense_traces(frame: pd.DataFrame, xs, *, color_by: str, colors: Mapping[str, str] | None,
                  sizes, hovertemplate: str) -> list[dict]:
    """Markers, WebGL when many (scatter_type): one trace per colour group, or above MAX_LEGEND groups one
    trace coloured point by point.

    ``xs(rows)`` and ``sizes(rows)`` give the x values and marker sizes of some rows. ``hovertemplate`` has
    the model as customdata[0], the group, weights and size as customdata[1], and SETTING where the
    setting goes: written once when every point shares it, else read per point.
    """
    settings = frame["setting"].unique()
    shared_setting = len(settings) == 1
    hovertemplate = hovertemplate.replace(SETTING, html.escape(str(settings[0])) if shared_setting else "%{customdata[2]}")
    keys = frame[color_by].fillna("not stated").astype(str)
    if keys.nunique() > MAX_LEGEND:  # (counted before splitting: hundreds of groups are slow to split)
        palette = {**color_map(keys.unique().tolist()), **(colors or {})}
        parts = [(f"models (coloured by {color_by})", frame, [palette[k] for k in keys.tolist()])]
    else:
        parts = [(key, group, (colors or {}).get(key)) for key, group in frame.groupby(keys, sort=False)]
    # Symbols by number (0 circle, 100 circle-open): a few bytes a point instead of a word.
    kind = scatter_type(len(frame))
    return [dict(type=kind, name=name, x=xs(rows), y=rows["value"].tolist(), mode="markers",
                 marker=dict(size=sizes(rows), color=color, symbol=[0 if ow is True else 100 for ow in rows["open_weights"].tolist()]),
                 customdata=_dense_hover_rows(rows, color_by, not shared_setting), hovertemplate=hovertemplate)
            for name, rows, color in parts]


def name_labels(name: str, xs: list, rows: pd.DataFrame) -> dict:
    """A trace of model names written above some points of a dense scatter (whose markers carry no text)."""
    return dict(type="scatter", name=name, x=xs, y=rows["value"].tolist(), mode="text", text=rows["model"].tolist(),
                textposition="top center", textfont=dict(size=10), hoverinfo="skip", showlegend=False,
                customdata=[[m] for m in rows["model"].tolist()])


def scatter_type(n_points: int) -> str:
    """The trace type for ``n_points`` points drawn: WebGL above WEBGL_POINTS (SVG slows to a crawl), SVG below."""
    return "scattergl" if n_points > WEBGL_POINTS else "scatter"


def thin(frame: pd.DataFrame, x: str, y: str, keep: Iterable[str] = (), *, log_x: bool = False,
         cells: tuple[int, int] = (100, 60)) -> tuple[pd.DataFrame, int]:
    """Above MAX_POINTS rows, one row per cell of a ``cells`` grid over the plot plus the ``keep`` models; and how many were left out.

    Points that would be drawn on top of each other are merged; the table beside the chart keeps every row.
    """
    if len(frame) <= MAX_POINTS:
        return frame, 0
    xs = frame[x]
    xs = (pd.to_datetime(xs).astype("int64") if not pd.api.types.is_numeric_dtype(xs) else xs).astype(float)
    if log_x:
        xs = xs.clip(lower=1e-9).transform("log10")
    ys = frame[y].astype(float)

    def cell(values: pd.Series, n: int) -> pd.Series:
        low, high = values.min(), values.max()
        return ((values - low) / ((high - low) or 1.0) * (n - 1)).round()

    kept = ~(cell(xs, cells[0]) * cells[1] + cell(ys, cells[1])).duplicated() | frame["model"].isin(set(keep))
    return frame[kept], int((~kept).sum())

