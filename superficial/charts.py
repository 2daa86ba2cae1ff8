"""Plotly figures for the pages: pure functions of DataFrames, no Streamlit.

Figures set no template or background, so ``st.plotly_chart(theme="streamlit")`` colours them for
the light or dark theme; legends sit above the plot and margins are small, for a phone's width.
Each point or bar carries its model name as ``customdata[0]``, which ``selected_models`` reads back
from a chart selection.

Figures are written as plain dicts (traces and layout) and wrapped unvalidated by ``figure``: Plotly's
property validation cost 60 ms per bar chart on every rerun, ten times the rest of the build. The tests
validate every builder's output in full instead (tests/test_charts.py).
"""
from __future__ import annotations

import html
from typing import Iterable, Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from superficial.display import is_missing, params_label
from superficial.frames import sort_rows

CLOSED_PATTERN = "/"  # bars of models whose weights are not open are hatched
ROW_HEIGHT = 26
LABEL_ALL_UP_TO = 15  # scatter plots name every point up to this many, else only the frontier and picks
BAR_LIMIT = 40  # bar charts draw at most this many models (plus highlighted ones) and say how many more
DENSE_POINTS = 1000  # above this many points scatters use WebGL (Scattergl) and a short hover
MORE_NOTE = "and-more"  # name of the "… and N more models" annotation
MAX_LEGEND = 20  # dense scatters with more colour groups draw one trace coloured point by point (no legend wall)
MAX_POINTS = 5000  # above this many points scatters draw one point per small cell of the plot (plus named ones)
# Mid-tone colours readable on light and dark backgrounds, enough for every organization.
PALETTE = [*px.colors.qualitative.Plotly, *px.colors.qualitative.D3, *px.colors.qualitative.Vivid]


HIGHLIGHT_OUTLINE = "#111827"


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


# --- figures as plain dicts ----------------------------------------------------------------------

def figure(data: list[dict], layout: dict) -> go.Figure:
    """Wrap traces and layout in a Figure without Plotly's per-property validation (tests validate instead)."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def merge(target: dict, updates: Mapping) -> dict:
    """Update a layout dict in place the way ``fig.update_layout`` does: nested dicts are merged, not replaced."""
    for key, value in updates.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def base_layout(height: int, legend_title: str | None = None, **updates) -> dict:
    """Height, small margins, legend above the plot, left-aligned hover, no drag-zoom; ``updates`` merged in."""
    layout = dict(
        height=height,
        margin=dict(l=0, r=8, t=8, b=0),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0,
                    **(dict(title=dict(text=legend_title)) if legend_title else {})),
        hoverlabel=dict(align="left"),
        dragmode=False,
    )
    return merge(layout, updates)


def _as_list(values) -> list:
    """A column as a JSON-ready list (None for missing values)."""
    return [None if is_missing(v) else v for v in values]


def _reports_note(reports: object, settings: object) -> str:
    reports = 1 if is_missing(reports) else int(reports or 1)
    if reports <= 1:
        return "single report"
    settings = 1 if is_missing(settings) else int(settings or 1)
    where = f"{settings} settings" if settings > 1 else "this setting"
    return f"highest of {reports} values reported for {where}"


def _record_groups(frame: pd.DataFrame, color_by: str) -> list[tuple[str, list[dict]]]:
    """Rows as dicts split by the colour column, in order of first appearance (plain Python: charts of up to
    DENSE_POINTS rows are built far faster from records than from a DataFrame per group)."""
    groups: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        key = row.get(color_by)
        groups.setdefault("not stated" if is_missing(key) else str(key), []).append(row)
    return list(groups.items())


def _hover_rows(rows: list[dict]) -> list[list[str]]:
    """customdata per row: model, setting, source, how it was picked, weights and size, note."""
    return [[row["model"], row["setting"], html.escape(str(row["source_url"])),
             _reports_note(row.get("reports"), row.get("settings")),
             f'{weights_label(row.get("open_weights"))} · {params_label(row.get("total_params_b"), row.get("active_params_b"))}',
             "" if is_missing(row.get("note")) else html.escape(str(row["note"]))]
            for row in rows]


def _column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame else [None] * len(frame)


def _dense_hover_rows(frame: pd.DataFrame, color_by: str, with_setting: bool) -> list[list[str]]:
    """Short customdata for dense scatters: model, group · weights · size, and the setting when they differ
    (the table has the rest; every byte here is sent once per point)."""
    sizes = [params_label(t, a) for t, a in zip(_column(frame, "total_params_b"), _column(frame, "active_params_b"))]
    groups = frame[color_by].fillna("not stated").astype(str)
    facts = [f"{html.escape(g)} · {weights_label(w)} · {size}" for g, w, size in zip(groups, frame["open_weights"], sizes)]
    if with_setting:
        return [[m, f, s] for m, f, s in zip(frame["model"], facts, frame["setting"])]
    return [[m, f] for m, f in zip(frame["model"], facts)]


def _symbols(open_weights) -> list[str]:
    return ["circle" if ow is True else "circle-open" for ow in open_weights]


SETTING = "{setting}"  # where a dense scatter's hovertemplate names the setting


def _dense_traces(frame: pd.DataFrame, xs, *, color_by: str, colors: Mapping[str, str] | None,
                  sizes, hovertemplate: str) -> list[dict]:
    """WebGL markers: one trace per colour group, or above MAX_LEGEND groups one trace coloured point by point.

    ``xs(rows)`` and ``sizes(rows)`` give the x values and marker sizes of some rows. ``hovertemplate`` has
    the model as customdata[0], the group, weights and size as customdata[1], and SETTING where the
    setting goes: written once when every point shares it, else read per point.
    """
    settings = frame["setting"].unique()
    shared_setting = len(settings) == 1
    hovertemplate = hovertemplate.replace(SETTING, html.escape(str(settings[0])) if shared_setting else "%{customdata[2]}")
    keys = frame[color_by].fillna("not stated").astype(str)
    if keys.nunique() > MAX_LEGEND:  # (counted before splitting: hundreds of groups are slow to split)
        palette = {**color_map(keys), **(colors or {})}
        parts = [(f"models (coloured by {color_by})", frame, [palette[k] for k in keys])]
    else:
        parts = [(key, group, (colors or {}).get(key)) for key, group in frame.groupby(keys, sort=False)]
    # Symbols by number (0 circle, 100 circle-open): a few bytes a point instead of a word.
    return [dict(type="scattergl", name=name, x=xs(rows), y=rows["value"].tolist(), mode="markers",
                 marker=dict(size=sizes(rows), color=color, symbol=[0 if ow is True else 100 for ow in rows["open_weights"]]),
                 customdata=_dense_hover_rows(rows, color_by, not shared_setting), hovertemplate=hovertemplate)
            for name, rows, color in parts]


def _name_labels(name: str, xs: list, rows: pd.DataFrame) -> dict:
    """A trace of model names written above some points of a dense scatter (whose markers carry no text)."""
    return dict(type="scatter", name=name, x=xs, y=rows["value"].tolist(), mode="text", text=rows["model"].tolist(),
                textposition="top center", textfont=dict(size=10), hoverinfo="skip", showlegend=False,
                customdata=[[m] for m in rows["model"]])


def _scatter_type(n_points: int) -> str:
    """WebGL above DENSE_POINTS points (SVG slows to a crawl), SVG below."""
    return "scattergl" if n_points > DENSE_POINTS else "scatter"


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


def merged_note(layout: dict, merged: int, total: int) -> dict:
    """Say under a thinned scatter how many overlapping points were merged."""
    if merged > 0:
        layout.setdefault("annotations", []).append(
            _note(f"{total - merged:,} of {total:,} points drawn: overlapping points merged (every one is in the CSV below)"))
        merge(layout, dict(margin=dict(b=66)))
    return layout


SCORE_HOVER = (
    "<b>%{customdata[0]}</b><br>%{x} · %{customdata[1]}<br>%{customdata[4]}<br>"
    "source: %{customdata[2]}<br>%{customdata[3]}<br>%{customdata[5]}<extra></extra>"
)


def score_bars(scores: pd.DataFrame, *, benchmark: str, color_by: str = "organization",
               label_setting: bool = False, value_range: tuple[float, float] | None = None,
               unit: str | None = None, colors: Mapping[str, str] | None = None,
               highlight: Iterable[str] = (), more: int = 0) -> go.Figure:
    """Horizontal bars of one score per model, best at the top, coloured by a column, closed weights hatched.

    Models in `highlight` (a link from an edition: ?models=…) get a dark outline.

    `scores` has one row per model (queries.chart_scores or its top rows, queries.top_chart_scores, with
    `more` models left out of it). With `label_setting` each bar's text names the setting it comes from
    ("best reported" mode, where settings differ).
    """
    frame = sort_rows(scores, ["value", "model"], [False, True])
    wanted = set(highlight)
    frame, hidden = top_rows(frame, wanted)
    data = []
    for key, group in _record_groups(frame, color_by):
        # The value beside the bar; in "best reported" mode the setting inside it, from its start.
        models = [r["model"] for r in group]
        values = [r["value"] for r in group]
        data.append(dict(
            type="bar", name=key, orientation="h", x=values, y=models,
            text=[r["setting"] for r in group] if label_setting else [fmt_value(v) for v in values],
            textposition="inside" if label_setting else "outside", insidetextanchor="start", cliponaxis=False,
            customdata=_hover_rows(group), hovertemplate=SCORE_HOVER,
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
    return figure(data, more_note(layout, hidden + more, len(frame)))


def efficiency_scatter(rows: pd.DataFrame, frontier: pd.DataFrame, *, benchmark: str, x_title: str,
                       color_by: str = "organization", highlight: Iterable[str] = (),
                       colors: Mapping[str, str] | None = None) -> go.Figure:
    """Score against parameters on a log axis, the Pareto frontier as a step line, points labelled.

    `rows` are sized scores (efficiency.sized), `frontier` the frontier rows, smallest first.
    Up to LABEL_ALL_UP_TO points all are named; beyond, the frontier and highlighted ones (the rest on hover).
    Highlighted models get a ring.
    """
    highlight = list(highlight)
    named = set(rows["model"]) if len(rows) <= LABEL_ALL_UP_TO else set(frontier["model"]) | set(highlight)
    dense = len(rows) > DENSE_POINTS
    total = len(rows)
    rows, merged = thin(rows, "params_b", "value", named | set(frontier["model"]), log_x=True)
    rows = sort_rows(rows, ["params_b", "model"])
    data = [dict(
        type="scatter", name="Pareto frontier", x=frontier["params_b"].tolist(), y=frontier["value"].tolist(),
        mode="lines", line=dict(shape="hv", width=2, dash="dot"), customdata=[[m] for m in frontier["model"]],
        hoverinfo="skip",
    )]
    on_frontier = set(frontier["model"])
    if dense:  # WebGL, names only on the frontier and picks (a trace of its own), hover without sources
        data += _dense_traces(rows, lambda r: r["params_b"].tolist(), color_by=color_by, colors=colors,
                              sizes=lambda r: [12 if m in on_frontier else 6 for m in r["model"]],
                              hovertemplate=("<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y} · "
                                             f"{SETTING}<br>%{{customdata[1]}}<extra></extra>"))
        labelled = rows[rows["model"].isin(named)]
        data.append(_name_labels("named", labelled["params_b"].tolist(), labelled))
    else:
        for key, group in _record_groups(rows, color_by):
            models = [r["model"] for r in group]
            data.append(dict(
                type="scatter", name=key, x=[r["params_b"] for r in group], y=[r["value"] for r in group],
                mode="markers+text", text=[m if m in named else "" for m in models], textposition="top center",
                textfont=dict(size=10),
                marker=dict(size=[12 if m in on_frontier else 8 for m in models],
                            **({"color": colors[key]} if colors and key in colors else {}),
                            symbol=_symbols(r["open_weights"] for r in group), line=dict(width=2)),
                customdata=_hover_rows(group),
                hovertemplate=("<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y} · %{customdata[1]}<br>"
                               "%{customdata[4]}<br>source: %{customdata[2]}<br>%{customdata[3]}<extra></extra>"),
            ))
    marked = rows[rows["model"].isin(highlight)]
    if not marked.empty:
        data.append(dict(
            type="scatter", name="compared", x=marked["params_b"].tolist(), y=marked["value"].tolist(),
            mode="markers", marker=dict(size=20, symbol="circle-open", line=dict(width=2)), hoverinfo="skip",
            customdata=[[m] for m in marked["model"]], showlegend=False,
        ))
    layout = base_layout(480, xaxis=dict(type="log", title=dict(text=x_title)), yaxis=dict(title=dict(text=benchmark)))
    return figure(data, merged_note(layout, merged, total))


def moe_params(models: pd.DataFrame, more: int = 0) -> go.Figure:
    """For each mixture-of-experts model (the BAR_LIMIT largest) a line from active to total parameters (log axis).

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
    data = [dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(width=3), showlegend=False, hoverinfo="skip")]
    for column, label, symbol in (("active_params_b", "active per token", "circle"),
                                  ("total_params_b", "total", "diamond")):
        data.append(dict(
            type="scatter", name=label, x=frame[column].tolist(), y=frame["name"].tolist(), mode="markers+text",
            text=[f"{v:g}B" for v in frame[column]], textposition="top center", marker=dict(size=11, symbol=symbol),
            customdata=[[m] for m in frame["name"]],
            hovertemplate="<b>%{y}</b><br>%{x:g}B " + label + "<extra></extra>",
        ))
    layout = base_layout(max(200, 50 * len(frame) + 100), xaxis=dict(type="log", title=dict(text="parameters (billions)")),
                         yaxis=dict(automargin=True))
    return figure(data, more_note(layout, hidden, len(frame), " (the largest shown)"))


def per_billion_bars(rows: pd.DataFrame, *, benchmark: str, top: int = 15) -> go.Figure:
    """The models with the most points per billion parameters, best at the top."""
    frame = sort_rows(rows, ["per_billion", "model"], [False, True]).head(top)
    data = [dict(
        type="bar", orientation="h", x=frame["per_billion"].round(2).tolist(), y=frame["model"].tolist(),
        text=[f"{v:.1f}" for v in frame["per_billion"]], textposition="auto",
        customdata=[[m, fmt_value(v), f"{p:g}"] for m, v, p in zip(frame["model"], frame["value"], frame["params_b"])],
        hovertemplate="<b>%{customdata[0]}</b><br>%{x:.2f} points per billion<br>"
                      "%{customdata[1]} points at %{customdata[2]}B<extra></extra>",
        showlegend=False,
    )]
    layout = base_layout(max(200, ROW_HEIGHT * len(frame) + 90),
                         yaxis=dict(categoryorder="array", categoryarray=frame["model"].tolist()[::-1], automargin=True),
                         xaxis=dict(title=dict(text=f"{benchmark} points per billion parameters")))
    return figure(data, layout)


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
    # One pass over the rows as plain records (pandas filtering per panel and model took 0.2 s).
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
        return figure([], base_layout(200))
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
    return figure(data, layout)


def records(scores: pd.DataFrame) -> pd.DataFrame:
    """The rows that beat every score released before them (the state of the art over time), oldest first."""
    frame = sort_rows(scores[scores["release_date"].notna()], ["release_date", "value"], [True, False])
    keep, best = [], float("-inf")
    for index, value in zip(frame.index, frame["value"]):
        if value > best:
            keep.append(index)
            best = value
    return frame.loc[keep]


EDITION_LINKS = 12  # the newest dated editions get a labelled link on the timeline; the rest a hover line


def _days(values) -> list[str]:
    return pd.to_datetime(pd.Series(values)).dt.strftime("%Y-%m-%d").tolist()


def timeline_scatter(scores: pd.DataFrame, editions: pd.DataFrame, *, benchmark: str,
                     color_by: str = "organization", edition_href: str = "editions?edition={slug}",
                     colors: Mapping[str, str] | None = None, edition_links: int = EDITION_LINKS) -> go.Figure:
    """Release date against score; each dated edition a dashed line, the newest ``edition_links`` labelled with a link.

    Up to LABEL_ALL_UP_TO points all are named, beyond that the records (best score yet at release),
    overall and among open-weight models. Every edition line is one trace (hover: its title), so a
    thousand editions cost kilobytes, not a shape and a label each.
    """
    frame = sort_rows(scores[scores["release_date"].notna()], ["release_date", "model"])
    named = set(frame["model"]) if len(frame) <= LABEL_ALL_UP_TO else (
        set(records(frame)["model"]) | set(records(frame[frame["open_weights"] == True])["model"]))  # noqa: E712
    dense = len(frame) > DENSE_POINTS
    total = len(frame)
    frame, merged = thin(frame, "release_date", "value", named)
    data = []
    if dense:  # WebGL, names only on the records (a trace of its own), hover without sources
        data += _dense_traces(frame, lambda r: _days(r["release_date"]), color_by=color_by, colors=colors,
                              sizes=lambda r: 7,
                              hovertemplate=("<b>%{customdata[0]}</b><br>released %{x|%d %b %Y}<br>%{y} · "
                                             f"{SETTING}<br>%{{customdata[1]}}<extra></extra>"))
        labelled = frame[frame["model"].isin(named)]
        data.append(_name_labels("records", _days(labelled["release_date"]), labelled))
    else:
        for key, group in _record_groups(frame, color_by):
            models = [r["model"] for r in group]
            data.append(dict(
                type="scatter", name=key, x=_days([r["release_date"] for r in group]),
                y=[r["value"] for r in group], mode="markers+text", text=[m if m in named else "" for m in models],
                textposition="top center", textfont=dict(size=10),
                marker=dict(size=10, **({"color": colors[key]} if colors and key in colors else {}),
                            symbol=_symbols(r["open_weights"] for r in group), line=dict(width=2)),
                customdata=_hover_rows(group),
                hovertemplate=("<b>%{customdata[0]}</b><br>released %{x|%d %b %Y}<br>%{y} · %{customdata[1]}<br>"
                               "%{customdata[4]}<br>source: %{customdata[2]}<br>%{customdata[3]}<extra></extra>"),
            ))
    dated = editions[editions["publish_date"].notna()] if not editions.empty else editions
    annotations = []
    if not dated.empty:
        days = _days(dated["publish_date"])
        labels = [f"#{int(n)}" if not is_missing(n) else str(t) for n, t in zip(dated["number"], dated["title"])]
        newest = sorted(zip(days, labels, dated["title"], dated["slug"]), reverse=True)[:edition_links]
        xs, ys = [], []
        for day, *_ in newest:
            xs += [day, day, None]
            ys += [0, 1, None]
        # The newest editions as dashed lines with a link each, every edition as a marker along the top with
        # its title on hover (a line per edition turned a thousand of them into a grey wall). Both on a
        # hidden 0–1 axis over the plot, so they span its height whatever the scores' range.
        data.append(dict(type="scatter", name="edition lines", x=xs, y=ys, yaxis="y2", mode="lines",
                         line=dict(dash="dash", width=1, color="rgba(128,128,128,0.6)"), hoverinfo="skip",
                         showlegend=False))
        data.append(dict(type="scatter", name="editions", x=days, y=[1] * len(days), yaxis="y2", mode="markers",
                         marker=dict(symbol="triangle-down", size=8, color="rgba(128,128,128,0.8)"),
                         customdata=[f"{label} · {html.escape(str(title))}" for label, title in zip(labels, dated["title"])],
                         hovertemplate="%{customdata}<br>published %{x|%d %b %Y}<extra></extra>", showlegend=False))
        for day, label, title, slug in newest:
            href = edition_href.format(slug=slug)
            annotations.append(dict(x=day, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                                    text=f'<a href="{html.escape(href)}" target="_self">{html.escape(str(label))}</a>',
                                    hovertext=html.escape(str(title)), name=f"edition {slug}"))
    layout = base_layout(480, annotations=annotations, margin=dict(t=28), legend=dict(y=1.08),
                         xaxis=dict(type="date", title=dict(text="release date")),
                         yaxis=dict(title=dict(text=benchmark)),
                         yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True))
    return figure(data, merged_note(layout, merged, total))


def selected_models(event: object) -> list[str]:
    """Model names of the points or bars selected in a chart (st.plotly_chart's on_select event)."""
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, Mapping) else getattr(event, "selection", {})
    points = selection.get("points", []) if isinstance(selection, Mapping) else getattr(selection, "points", [])
    names = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, (list, tuple)) and data:
            names.append(str(data[0]))
        elif isinstance(data, str):
            names.append(data)
    return list(dict.fromkeys(names))


# --- Editions page (issue 3): the live version of an embedded chart, and side charts ------------

OTHER_COLOR = "rgba(140, 140, 140, 0.45)"
HIGHLIGHT_LABEL = "named in this edition"


def setting_bars(scores: pd.DataFrame, *, models: list[str], settings: list[str], benchmark: str,
                 title: str | None = None) -> go.Figure:
    """Grouped bars: one bar per model in each setting, settings in the given order, missing ones empty.

    `scores` has columns model, setting, value, source_url (queries.setting_scores).
    """
    data = []
    for model in models:
        rows = scores[scores["model"] == model].drop_duplicates("setting").set_index("setting").reindex(settings)
        values = [None if is_missing(v) else float(v) for v in rows["value"]]
        sources = ["" if is_missing(u) else html.escape(str(u)) for u in rows["source_url"]]
        data.append(dict(
            type="bar", name=model, x=list(settings), y=values, text=[fmt_value(v) for v in values],
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
    return figure(data, layout)


def highlight_bars(board: pd.DataFrame, highlight: Iterable[str], *, benchmark: str, unit: str | None = None,
                   more: int = 0) -> go.Figure:
    """Every model's score as a bar, best at the top; the highlighted models in colour, the rest grey.

    `board` has one row per model: model, value, source_url (queries.benchmark_leaderboard), or its top rows
    with `more` models left out.
    """
    marked = set(highlight)
    frame = board.sort_values(["value", "model"], ascending=[False, True], kind="mergesort")
    frame, hidden = top_rows(frame, marked)
    data = []
    for name, rows, color in ((HIGHLIGHT_LABEL, frame[frame["model"].isin(marked)], None),
                              ("other models", frame[~frame["model"].isin(marked)], OTHER_COLOR)):
        if rows.empty:
            continue
        data.append(dict(
            type="bar", name=name, orientation="h", x=rows["value"].tolist(), y=rows["model"].tolist(),
            text=[fmt_value(v) for v in rows["value"]], textposition="auto",
            **(dict(marker=dict(color=color)) if color else {}),
            customdata=[[m, html.escape(str(u))] for m, u in zip(rows["model"], rows["source_url"])],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x}<br>source: %{customdata[1]}<extra></extra>",
        ))
    layout = base_layout(max(200, 16 * len(frame) + 90), barmode="overlay", uniformtext=dict(minsize=8, mode="hide"),
                         yaxis=dict(categoryorder="array", categoryarray=frame["model"].tolist()[::-1],
                                    automargin=True, tickfont=dict(size=10)),
                         xaxis=dict(title=dict(text=f"{benchmark} ({unit})" if unit else benchmark)))
    return figure(data, more_note(layout, hidden + more, len(frame), ""))


def highlight_scatter(board: pd.DataFrame, highlight: Iterable[str], *, benchmark: str) -> go.Figure:
    """Score against total parameters (log axis); the highlighted models in colour and labelled.

    Models of undisclosed size are left out (the caller says which).
    """
    marked = set(highlight)
    # Smallest first; equal sizes keep the board's order (a sort on names took most of the time at 80,000).
    frame = board[board["total_params_b"].notna()].sort_values("total_params_b", kind="mergesort")
    scatter = _scatter_type(len(frame))
    total = len(frame)
    frame, merged = thin(frame, "total_params_b", "value", marked, log_x=True)
    data = []
    for name, rows, color, labelled in (("other models", frame[~frame["model"].isin(marked)], OTHER_COLOR, False),
                                        (HIGHLIGHT_LABEL, frame[frame["model"].isin(marked)], None, True)):
        if rows.empty:
            continue
        data.append(dict(
            type="scatter" if labelled else scatter, name=name, x=rows["total_params_b"].tolist(),
            y=rows["value"].tolist(), mode="markers+text" if labelled else "markers",
            **(dict(text=rows["model"].tolist()) if labelled else {}), textposition="top center", textfont=dict(size=10),
            marker=dict(size=11 if labelled else 7, color=color) if color else dict(size=11),
            customdata=[[m] for m in rows["model"]],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y}<extra></extra>",
        ))
    layout = base_layout(360, xaxis=dict(type="log", title=dict(text="total parameters (billions, log scale)")),
                         yaxis=dict(title=dict(text=benchmark)))
    return figure(data, merged_note(layout, merged, total))
