"""Models side by side on every benchmark."""
from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from superficial.charts.core import base_layout, color_map, fmt_value, unvalidated_figure
from superficial.display import is_missing


def _stacked_axes(titles: list[str], spacing: float) -> tuple[dict, list[dict]]:
    """Layout axes for one panel per title stacked top to bottom (as make_subplots(rows=n) lays them out)."""
    n = len(titles)
    height = (1 - spacing * (n - 1)) / n
    axes, annotations = {}, []
    for i, title in enumerate(titles):
        top = 1 - i * (height + spacing)
        suffix = "" if i == 0 else str(i + 1)
        axes[f"xaxis{suffix}"] = dict(anchor=f"y{suffix}", domain=[0.0, 1.0], automargin=True)
        axes[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", domain=[max(0.0, top - height), top])
        annotations.append(dict(text=html.escape(title), x=0.5, y=top, xref="paper", yref="paper", xanchor="center",
                                yanchor="bottom", showarrow=False, font=dict(size=16)))
    return axes, annotations


def compare_bars(scores: pd.DataFrame, models: list[str], colors: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars: one panel per benchmark (its own scale), a bar per model in each setting.

    `scores` is queries.model_scores; where a setting has several reports the highest is drawn.
    """
    # One pass over the rows as plain records, and a plain-dict figure: make_subplots and Plotly's validation
    # cost ten times the rest on every change of the picked models.
    best: dict[tuple[str, str, str], tuple[float, str]] = {}  # (-value, source): the highest, then first source
    counts: dict[tuple[str, str, str], int] = {}
    settings_of: dict[str, set[str]] = {}
    for row in scores[["model", "benchmark", "setting", "value", "source_url"]].to_dict("records"):
        key = (row["model"], row["benchmark"], row["setting"])
        counts[key] = counts.get(key, 0) + 1
        settings_of.setdefault(row["benchmark"], set()).add(row["setting"])
        pick = (-float(row["value"]), "" if is_missing(row["source_url"]) else str(row["source_url"]))
        if key not in best or pick < best[key]:
            best[key] = pick
    colors = colors or color_map(models)  # one colour per model in every panel
    benchmarks = sorted(settings_of)
    if not benchmarks:
        return unvalidated_figure([], base_layout(200))
    axes, titles = _stacked_axes(benchmarks, 0.5 / len(benchmarks))
    data = []
    for i, bench in enumerate(benchmarks, start=1):
        settings = sorted(settings_of[bench])
        for model in models:
            picks = [best.get((model, bench, s)) for s in settings]
            values = [None if p is None else -p[0] for p in picks]
            hover = [[model, s, "" if p is None else html.escape(p[1]),
                      f"highest of {counts[(model, bench, s)]} reports" if counts.get((model, bench, s), 0) > 1 else ""]
                     for s, p in zip(settings, picks)]
            data.append(dict(
                type="bar", name=model, legendgroup=model, showlegend=(i == 1), x=settings, y=values,
                text=[fmt_value(v) for v in values], textposition="auto", customdata=hover,
                marker=dict(color=colors.get(model)), xaxis="x" if i == 1 else f"x{i}", yaxis="y" if i == 1 else f"y{i}",
                hovertemplate="<b>%{customdata[0]}</b><br>%{y} · %{customdata[1]}<br>source: %{customdata[2]}"
                              "<br>%{customdata[3]}<extra></extra>",
            ))
    layout = base_layout(260 * len(benchmarks) + 60, barmode="group", margin=dict(t=40), annotations=titles, **axes)
    return unvalidated_figure(data, layout)
