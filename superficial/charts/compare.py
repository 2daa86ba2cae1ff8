"""Models side by side on every benchmark."""
from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from superficial.charts.core import base_layout, color_map, fmt_value
from superficial.display import is_missing


def compare_bars(scores: pd.DataFrame, models: list[str], colors: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars: one panel per benchmark (its own scale), a bar per model in each setting.

    `scores` is queries.model_scores; where a setting has several reports the highest is drawn.
    """
    # One pass over the rows as plain records, not a DataFrame filter per panel and model.
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
        return go.Figure(layout=base_layout(200))
    fig = make_subplots(rows=len(benchmarks), cols=1, vertical_spacing=0.5 / len(benchmarks),
                        subplot_titles=[html.escape(b) for b in benchmarks])
    for i, bench in enumerate(benchmarks, start=1):
        settings = sorted(settings_of[bench])
        for model in models:
            picks = [best.get((model, bench, s)) for s in settings]
            values = [None if p is None else -p[0] for p in picks]
            hover = [[model, s, "" if p is None else html.escape(p[1]),
                      f"highest of {counts[(model, bench, s)]} reports" if counts.get((model, bench, s), 0) > 1 else ""]
                     for s, p in zip(settings, picks)]
            fig.add_trace(go.Bar(
                name=model, legendgroup=model, showlegend=(i == 1), x=settings, y=values,
                text=[fmt_value(v) for v in values], textposition="auto", customdata=hover,
                marker=dict(color=colors.get(model)),
                hovertemplate="<b>%{customdata[0]}</b><br>%{y} · %{customdata[1]}<br>source: %{customdata[2]}"
                              "<br>%{customdata[3]}<extra></extra>",
            ), row=i, col=1)
    fig.update_xaxes(automargin=True)
    return fig.update_layout(base_layout(260 * len(benchmarks) + 60, barmode="group", margin=dict(t=40)))
