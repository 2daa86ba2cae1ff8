"""Bar charts: scores ranked, per-billion efficiency, MoE parameters, settings side by side, highlighted models."""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from superficial.charts.core import (
    BAR_LIMIT,
    CLOSED_PATTERN,
    HIGHLIGHT_LABEL,
    HIGHLIGHT_OUTLINE,
    OTHER_COLOR,
    ROW_HEIGHT,
    SCORE_HOVER,
    base_layout,
    fmt_value,
    hover_rows,
    merge,
    more_note,
    record_groups,
    top_rows,
    unvalidated_figure,
)
from superficial.db.frames import sort_rows
from superficial.display import is_missing


def score_bars(scores: pd.DataFrame, *, benchmark: str, color_by: str = "organization",
               label_setting: bool = False, value_range: tuple[float, float] | None = None,
               unit: str | None = None, colors: Mapping[str, str] | None = None,
               highlight: Iterable[str] = (), more: int = 0) -> go.Figure:
    """Horizontal bars of one score per model, best at the top, coloured by a column, closed weights hatched.

    Models in `highlight` (a link from an edition: ?models=…) get a dark outline.

    `scores` has one row per model (queries.top_chart_scores, with `more` models left out of it). With
    `label_setting` each bar's text names the setting it comes from ("best reported" mode, where settings differ).
    """
    # Plain dicts, built on every run of the Explore page: with a trace per organization, Plotly's
    # property-by-property validation would cost several times the build itself.
    frame = sort_rows(scores, ["value", "model"], [False, True])
    wanted = set(highlight)
    frame, hidden = top_rows(frame, wanted)
    data = []
    for key, group in record_groups(frame, color_by):
        # The value beside the bar; in "best reported" mode the setting inside it, from its start.
        models = [r["model"] for r in group]
        values = [r["value"] for r in group]
        data.append(dict(
            type="bar", name=key, orientation="h", x=values, y=models,
            text=[r["setting"] for r in group] if label_setting else [fmt_value(v) for v in values],
            textposition="inside" if label_setting else "outside", insidetextanchor="start", cliponaxis=False,
            customdata=hover_rows(group), hovertemplate=SCORE_HOVER,
            marker=dict(**({"color": colors[key]} if colors and key in colors else {}),
                        line=dict(color=HIGHLIGHT_OUTLINE, width=[3 if m in wanted else 0 for m in models]),
                        pattern=dict(shape=["" if r["open_weights"] is True else CLOSED_PATTERN for r in group],
                                     fillmode="overlay", solidity=0.25)),
        ))
    if label_setting and not frame.empty:
        data.append(dict(
            type="bar", name="values", orientation="h", x=frame["value"].tolist(), y=frame["model"].tolist(),
            text=[fmt_value(v) for v in frame["value"]], textposition="outside", cliponaxis=False,
            marker=dict(color="rgba(0,0,0,0)"), hoverinfo="skip", showlegend=False,
            customdata=[[m] for m in frame["model"]],
        ))
    # The benchmark's own scale, with room on the right for the values written beside the bars.
    fixed = value_range and all(v is not None and not is_missing(v) for v in value_range)
    layout = base_layout(
        max(220, ROW_HEIGHT * len(frame) + 110), barmode="overlay",
        yaxis=dict(categoryorder="array", categoryarray=frame["model"].tolist()[::-1], automargin=True),
        xaxis=dict(title=dict(text=f"{benchmark} ({unit})" if unit else benchmark), rangemode="tozero",
                   **(dict(range=[value_range[0], value_range[1] * 1.08]) if fixed else {})))
    return unvalidated_figure(data, more_note(layout, hidden + more, len(frame)))


def moe_params(models: pd.DataFrame, more: int = 0) -> dict:
    """For each mixture-of-experts model (the BAR_LIMIT largest) a line from active to total parameters (log axis),
    as a figure spec.

    `more`: MoE models already left out of `models` (queries.moe_models' LIMIT), counted in the note.
    """
    frame = models[models["active_params_b"].notna() & models["total_params_b"].notna()]
    frame = frame.sort_values(["total_params_b", "name"], kind="mergesort")
    hidden = max(0, len(frame) - BAR_LIMIT) + more
    frame = frame.tail(BAR_LIMIT)  # the largest ones
    xs, ys = [], []
    for name, active, total in zip(frame["name"], frame["active_params_b"], frame["total_params_b"]):
        xs += [active, total, None]
        ys += [name, name, None]
    # Plain dicts, as for the dense scatters: the efficiency page draws it again on every filter change.
    traces = [dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(width=3), showlegend=False, hoverinfo="skip")]
    for column, label, symbol in (("active_params_b", "active per token", "circle"),
                                  ("total_params_b", "total", "diamond")):
        traces.append(dict(
            type="scatter", name=label, x=frame[column].tolist(), y=frame["name"].tolist(), mode="markers+text",
            text=[f"{v:g}B" for v in frame[column]], textposition="top center", marker=dict(size=11, symbol=symbol),
            customdata=[[m] for m in frame["name"]],
            hovertemplate="<b>%{y}</b><br>%{x:g}B " + label + "<extra></extra>",
        ))
    layout = base_layout(max(200, 50 * len(frame) + 100), xaxis=dict(type="log", title=dict(text="parameters (billions)")),
                         yaxis=dict(automargin=True))
    return {"data": traces, "layout": more_note(layout, hidden, len(frame), " (the largest shown)")}


def per_billion_bars(rows: pd.DataFrame, *, benchmark: str, top: int = 15) -> dict:
    """The models with the most points per billion parameters, best at the top: a figure spec."""
    frame = sort_rows(rows, ["per_billion", "model"], [False, True]).head(top)
    bars = dict(
        type="bar", orientation="h", x=frame["per_billion"].round(2).tolist(), y=frame["model"].tolist(),
        text=[f"{v:.1f}" for v in frame["per_billion"]], textposition="auto",
        customdata=[[m, fmt_value(v), f"{p:g}"] for m, v, p in zip(frame["model"], frame["value"], frame["params_b"])],
        hovertemplate="<b>%{customdata[0]}</b><br>%{x:.2f} points per billion<br>"
                      "%{customdata[1]} points at %{customdata[2]}B<extra></extra>",
        showlegend=False,
    )
    layout = base_layout(max(200, ROW_HEIGHT * len(frame) + 90),
                         yaxis=dict(categoryorder="array", categoryarray=frame["model"].tolist()[::-1], automargin=True),
                         xaxis=dict(title=dict(text=f"{benchmark} points per billion parameters")))
    return {"data": [bars], "layout": layout}


def setting_bars(scores: pd.DataFrame, *, models: list[str], settings: list[str], benchmark: str,
                 title: str | None = None) -> go.Figure:
    """Grouped bars: one bar per model in each setting, settings in the given order, missing ones empty.

    `scores` has columns model, setting, value, source_url (queries.setting_scores).
    """
    traces = []
    for model in models:
        rows = scores[scores["model"] == model].drop_duplicates("setting").set_index("setting").reindex(settings)
        values = [None if is_missing(v) else float(v) for v in rows["value"]]
        sources = ["" if is_missing(u) else html.escape(str(u)) for u in rows["source_url"]]
        traces.append(go.Bar(
            name=model, x=list(settings), y=values, text=[fmt_value(v) for v in values],
            textposition="outside", customdata=[[model, s] for s in sources],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x}: %{y}<br>source: %{customdata[1]}<extra></extra>",
        ))
    known = [v for v in scores["value"] if not is_missing(v)]
    low = max(0.0, min(known) - 10) if known else 0.0
    layout = base_layout(400, barmode="group",
                         xaxis=dict(categoryorder="array", categoryarray=list(settings)),
                         yaxis=dict(title=dict(text=benchmark), **(dict(range=[low, max(known) + 3]) if known else {})))
    if title:
        merge(layout, dict(title=dict(text=html.escape(title), x=0, xanchor="left", y=0.98, yref="container",
                                      font=dict(size=15)),
                           margin=dict(t=72), legend=dict(y=1.02)))
    return go.Figure(traces, layout)


def highlight_bars(board: pd.DataFrame, highlight: Iterable[str], *, benchmark: str, unit: str | None = None,
                   more: int = 0, label: str = HIGHLIGHT_LABEL) -> dict:
    """Every model's score as a bar, best at the top; the highlighted models in colour, the rest grey: a spec.

    `board` has one row per model: model, value, source_url (queries.benchmark_leaderboard), or its top rows
    with `more` models left out.
    """
    marked = set(highlight)
    # Lists, not frames: drawn for every edition opened, where a few dozen rows cost more in pandas' calls than in
    # work. Best first, then by name (a missing value last); the first BAR_LIMIT and the marked ones below them.
    def rank(row: tuple) -> tuple:
        missing = is_missing(row[0])
        return missing, 0.0 if missing else -row[0], row[1]

    ranked = sorted(zip(board["value"].tolist(), board["model"].tolist(), board["source_url"].tolist()), key=rank)
    shown = [row for at, row in enumerate(ranked) if at < BAR_LIMIT or row[1] in marked]
    traces = []
    for name, rows, color in ((label, [r for r in shown if r[1] in marked], None),
                              ("other models", [r for r in shown if r[1] not in marked], OTHER_COLOR)):
        if not rows:
            continue
        # Plain dicts: drawn for every edition opened, where validating each property cost more than the chart.
        traces.append(dict(
            type="bar", name=name, orientation="h", x=[r[0] for r in rows], y=[r[1] for r in rows],
            text=[fmt_value(r[0]) for r in rows], textposition="auto",
            **(dict(marker=dict(color=color)) if color else {}),
            customdata=[[r[1], html.escape(str(r[2]))] for r in rows],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x}<br>source: %{customdata[1]}<extra></extra>",
        ))
    layout = base_layout(max(200, 16 * len(shown) + 90), barmode="overlay", uniformtext=dict(minsize=8, mode="hide"),
                         yaxis=dict(categoryorder="array", categoryarray=[r[1] for r in shown][::-1],
                                    automargin=True, tickfont=dict(size=10)),
                         xaxis=dict(title=dict(text=f"{benchmark} ({unit})" if unit else benchmark)))
    return {"data": traces, "layout": more_note(layout, len(ranked) - len(shown) + more, len(shown), "")}
