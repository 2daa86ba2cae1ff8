"""Score against size: the efficiency frontier and the Editions page's highlighted scatter."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from superficial.charts.core import (
    DENSE_POINTS,
    HIGHLIGHT_LABEL,
    LABEL_ALL_UP_TO,
    OTHER_COLOR,
    base_layout,
    hover_rows,
    merged_note,
    record_groups,
)
from superficial.charts.dense import SETTING, dense_traces, name_labels, scatter_type, symbols, thin
from superficial.db.frames import sort_rows


def efficiency_scatter(rows: pd.DataFrame, frontier: pd.DataFrame, *, benchmark: str, x_title: str,
                       color_by: str = "organization", highlight: Iterable[str] = (),
                       colors: Mapping[str, str] | None = None, marked: pd.DataFrame | None = None) -> dict:
    """Score against parameters on a log axis, the Pareto frontier as a step line, points labelled: a figure spec.

    `rows` are sized scores (queries.efficiency_view's points), `frontier` the frontier rows, smallest first. Rows with a
    `merged` column are already merged (queries.efficiency_view: each stands for `merged` models); others
    are merged here above MAX_POINTS. Up to LABEL_ALL_UP_TO points all are named; beyond, the frontier and
    highlighted ones (the rest on hover). Highlighted models get a ring, at their row in `marked` (by
    default looked up in `rows`).
    """
    # Plain dicts: at tens of thousands of points Plotly's validation would cost more than building the figure.
    highlight = list(highlight)
    if "merged" in rows:
        total = int(rows["merged"].sum())
        merged = total - len(rows)
    else:
        total = len(rows)
    named = set(rows["model"]) if total <= LABEL_ALL_UP_TO else set(frontier["model"]) | set(highlight)
    if marked is None:
        marked = rows[rows["model"].isin(highlight)]
    if "merged" not in rows:
        rows, merged = thin(rows, "params_b", "value", named | set(frontier["model"]), log_x=True)
    dense = total > DENSE_POINTS
    rows = sort_rows(rows, ["params_b", "model"])
    data = [dict(
        type="scatter", name="Pareto frontier", x=frontier["params_b"].tolist(), y=frontier["value"].tolist(),
        mode="lines", line=dict(shape="hv", width=2, dash="dot"), customdata=[[m] for m in frontier["model"]],
        hoverinfo="skip",
    )]
    on_frontier = set(frontier["model"])
    if dense:  # WebGL, names only on the frontier and picks (a trace of its own), hover without sources
        data += dense_traces(rows, lambda r: r["params_b"].tolist(), color_by=color_by, colors=colors,
                              sizes=lambda r: [12 if m in on_frontier else 6 for m in r["model"].tolist()],
                              hovertemplate=("<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y} · "
                                             f"{SETTING}<br>%{{customdata[1]}}<extra></extra>"))
        drawn = set(rows["model"].tolist())
        labelled = pd.concat([rows[[m in named for m in rows["model"].tolist()]],
                              marked[[m not in drawn for m in marked["model"].tolist()]]])
        data.append(name_labels("named", labelled["params_b"].tolist(), labelled))
    else:
        for key, group in record_groups(rows, color_by):
            models = [r["model"] for r in group]
            data.append(dict(
                type="scatter", name=key, x=[r["params_b"] for r in group], y=[r["value"] for r in group],
                mode="markers+text", text=[m if m in named else "" for m in models], textposition="top center",
                textfont=dict(size=10),
                marker=dict(size=[12 if m in on_frontier else 8 for m in models],
                            **({"color": colors[key]} if colors and key in colors else {}),
                            symbol=symbols(r["open_weights"] for r in group), line=dict(width=2)),
                customdata=hover_rows(group),
                hovertemplate=("<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y} · %{customdata[1]}<br>"
                               "%{customdata[4]}<br>source: %{customdata[2]}<br>%{customdata[3]}<extra></extra>"),
            ))
    if not marked.empty:
        data.append(dict(
            type="scatter", name="compared", x=marked["params_b"].tolist(), y=marked["value"].tolist(),
            mode="markers", marker=dict(size=20, symbol="circle-open", line=dict(width=2)), hoverinfo="skip",
            customdata=[[m] for m in marked["model"]], showlegend=False,
        ))
    layout = base_layout(480, xaxis=dict(type="log", title=dict(text=x_title)), yaxis=dict(title=dict(text=benchmark)))
    return {"data": data, "layout": merged_note(layout, merged, total)}


def thin_sized(board: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A board's models of known size, smallest first, thinned as ``highlight_scatter`` draws them; and how many
    there are: the background every highlighted scatter of the board can share."""
    frame = board[board["total_params_b"].notna()].sort_values("total_params_b", kind="mergesort")
    return thin(frame, "total_params_b", "value", (), log_x=True)[0], len(frame)


def highlight_scatter(board: pd.DataFrame, highlight: Iterable[str], *, benchmark: str,
                      label: str = HIGHLIGHT_LABEL, total: int | None = None) -> dict:
    """Score against total parameters (log axis); the highlighted models in colour and labelled: a spec.

    Models of undisclosed size are left out (the caller says which). ``total``: how many sized models the board
    stands for when it is thinned already (``thin_sized``), for the note on the points merged.
    """
    # Plain dicts, as for the efficiency scatter: the board has a point for every sized model.
    marked = set(highlight)
    # Smallest first; equal sizes keep the board's order (no sort on names, the slow part of a big board).
    frame = board[board["total_params_b"].notna()].sort_values("total_params_b", kind="mergesort")
    total = max(total or 0, len(frame))
    frame, _ = thin(frame, "total_params_b", "value", marked, log_x=True)
    scatter = scatter_type(len(frame))
    merged = total - len(frame)
    data = []
    for name, rows, color, labelled in (("other models", frame[~frame["model"].isin(marked)], OTHER_COLOR, False),
                                        (label, frame[frame["model"].isin(marked)], None, True)):
        if rows.empty:
            continue
        data.append(dict(
            type="scatter" if labelled else scatter, name=name, x=rows["total_params_b"].tolist(),
            y=rows["value"].tolist(), mode="markers+text" if labelled else "markers",
            **(dict(text=rows["model"].tolist()) if labelled else {}), textposition="top center", textfont=dict(size=10),
            marker=dict(size=11 if labelled else 7, color=color) if color else dict(size=11),
            customdata=[[m] for m in rows["model"].tolist()],  # (a list: an Arrow-backed column yields one slow call each)
            hovertemplate="<b>%{customdata[0]}</b><br>%{x:g}B parameters · %{y}<extra></extra>",
        ))
    layout = base_layout(360, xaxis=dict(type="log", title=dict(text="total parameters (billions, log scale)")),
                         yaxis=dict(title=dict(text=benchmark)))
    return {"data": data, "layout": merged_note(layout, merged, total)}

