"""Models by release date against their score, editions along the top."""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from superficial.charts.core import (
    DENSE_POINTS,
    LABEL_ALL_UP_TO,
    base_layout,
    hover_rows,
    merged_note,
    record_groups,
)
from superficial.charts.dense import SETTING, dense_traces, name_labels, symbols, thin
from superficial.db.frames import sort_rows
from superficial.display import is_missing, long_date

EDITION_LINKS = 12  # the newest dated editions get a labelled link on the timeline; the rest a hover line
EDITION_MARKS = 150  # at most this many triangles along the top: editions closer together share one
EDITIONS_NAMED = 4  # a shared triangle's hover names this many of its editions


def _days(values) -> list[str]:
    return pd.to_datetime(pd.Series(values)).dt.strftime("%Y-%m-%d").tolist()


def edition_marks(days: pd.Series, labels: list[str], titles: list[str], start: pd.Timestamp, end: pd.Timestamp,
                  marks: int = EDITION_MARKS) -> tuple[list[str], list[str]]:
    """The triangles along the top: editions within 1/``marks`` of the axis of each other share one (at the
    first one's date), its hover naming them. Returns the days and hover texts."""
    when = pd.to_datetime(pd.Series(days)).reset_index(drop=True)
    width = max((end - start) / marks, pd.Timedelta(days=1))
    cells = ((when - start) // width).clip(upper=marks - 1).tolist()
    order = when.sort_values(kind="mergesort").index.tolist()
    groups: dict[int, list[int]] = {}  # cell -> editions in it, oldest first
    for i in order:
        groups.setdefault(cells[i], []).append(i)
    xs, texts = [], []
    for members in groups.values():
        named = [f"{html.escape(str(labels[i]))} · {html.escape(str(titles[i]))}" for i in members[:EDITIONS_NAMED]]
        first, last = when[members[0]], when[members[-1]]
        if len(members) == 1:
            text = f"{named[0]}<br>published {long_date(first)}"
        else:
            more = len(members) - len(named)
            text = (f"{len(members)} editions, published {long_date(first)} – {long_date(last)}<br>"
                    + "<br>".join(named) + (f"<br>and {more} more" if more else ""))
        xs.append(first.strftime("%Y-%m-%d"))
        texts.append(text)
    return xs, texts


def records(scores: pd.DataFrame) -> pd.DataFrame:
    """The rows that beat every score released before them (the state of the art over time), oldest first."""
    frame = sort_rows(scores[scores["release_date"].notna()], ["release_date", "value"], [True, False])
    keep, best = [], float("-inf")
    for index, value in zip(frame.index, frame["value"]):
        if value > best:
            keep.append(index)
            best = value
    return frame.loc[keep]


def timeline_scatter(scores: pd.DataFrame, editions: pd.DataFrame, *, benchmark: str,
                     color_by: str = "organization", edition_href: str = "editions?edition={slug}",
                     colors: Mapping[str, str] | None = None, edition_links: int = EDITION_LINKS,
                     records_named: Iterable[str] | None = None) -> dict:
    """Release date against score; each dated edition a dashed line, the newest ``edition_links`` labelled with a link.

    Up to LABEL_ALL_UP_TO points all are named, beyond that the records (best score yet at release),
    overall and among open-weight models: ``records_named`` when the caller found them, else found here.
    Scores with a `merged` column are already merged (queries.timeline_view: each stands for `merged`
    models); others are merged here above MAX_POINTS. Every edition line is one trace (hover: its title),
    so a thousand editions cost kilobytes, not a shape and a label each. Returns a figure spec.
    """
    # Plain dicts: at tens of thousands of points Plotly's validation would cost more than building the figure.
    frame = sort_rows(scores[scores["release_date"].notna()], ["release_date", "model"])
    total = int(frame["merged"].sum()) if "merged" in frame else len(frame)
    if total <= LABEL_ALL_UP_TO:
        named = set(frame["model"])
    elif records_named is not None:
        named = set(records_named)
    else:
        named = set(records(frame)["model"]) | set(records(frame[frame["open_weights"] == True])["model"])  # noqa: E712
    if "merged" in frame:
        merged = total - len(frame)
    else:
        frame, merged = thin(frame, "release_date", "value", named)
    dense = total > DENSE_POINTS
    data = []
    if dense:  # WebGL, names only on the records (a trace of its own), hover without sources
        data += dense_traces(frame, lambda r: _days(r["release_date"]), color_by=color_by, colors=colors,
                              sizes=lambda r: 7,
                              hovertemplate=("<b>%{customdata[0]}</b><br>released %{x|%d %b %Y}<br>%{y} · "
                                             f"{SETTING}<br>%{{customdata[1]}}<extra></extra>"))
        labelled = frame[[m in named for m in frame["model"].tolist()]]
        data.append(name_labels("records", _days(labelled["release_date"]), labelled))
    else:
        for key, group in record_groups(frame, color_by):
            models = [r["model"] for r in group]
            data.append(dict(
                type="scatter", name=key, x=_days([r["release_date"] for r in group]),
                y=[r["value"] for r in group], mode="markers+text", text=[m if m in named else "" for m in models],
                textposition="top center", textfont=dict(size=10),
                marker=dict(size=10, **({"color": colors[key]} if colors and key in colors else {}),
                            symbol=symbols(r["open_weights"] for r in group), line=dict(width=2)),
                customdata=hover_rows(group),
                hovertemplate=("<b>%{customdata[0]}</b><br>released %{x|%d %b %Y}<br>%{y} · %{customdata[1]}<br>"
                               "%{customdata[4]}<br>source: %{customdata[2]}<br>%{customdata[3]}<extra></extra>"),
            ))
    dated = editions[editions["publish_date"].notna()] if not editions.empty else editions
    annotations = []
    if not dated.empty:
        days = _days(dated["publish_date"])
        titles = dated["title"].tolist()  # (lists: an Arrow-backed column yields its values one slow call each)
        labels = [f"#{int(n)}" if not is_missing(n) else str(t) for n, t in zip(dated["number"].tolist(), titles)]
        newest = sorted(zip(days, labels, titles, dated["slug"].tolist()), reverse=True)[:edition_links]
        xs, ys = [], []
        for day, *_ in newest:
            xs += [day, day, None]
            ys += [0, 1, None]
        # The newest editions as dashed lines with a link each, every edition in a marker along the top with
        # its title on hover (a line per edition turned a thousand of them into a grey wall, and a marker each
        # into a slow one). Both on a hidden 0–1 axis over the plot, so they span its height whatever the scores' range.
        data.append(dict(type="scatter", name="edition lines", x=xs, y=ys, yaxis="y2", mode="lines",
                         line=dict(dash="dash", width=1, color="rgba(128,128,128,0.6)"), hoverinfo="skip",
                         showlegend=False))
        span = pd.to_datetime(pd.concat([frame["release_date"], dated["publish_date"]], ignore_index=True))
        mark_days, hovers = edition_marks(dated["publish_date"], labels, titles, span.min(), span.max())
        data.append(dict(type="scatter", name="editions", x=mark_days, y=[1] * len(mark_days), yaxis="y2",
                         mode="markers", marker=dict(symbol="triangle-down", size=8, color="rgba(128,128,128,0.8)"),
                         customdata=hovers, hovertemplate="%{customdata}<extra></extra>", showlegend=False))
        for day, label, title, slug in newest:
            href = edition_href.format(slug=slug)
            annotations.append(dict(x=day, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                                    text=f'<a href="{html.escape(href)}" target="_self">{html.escape(str(label))}</a>',
                                    hovertext=html.escape(str(title)), name=f"edition {slug}"))
    layout = base_layout(480, annotations=annotations, margin=dict(t=28), legend=dict(y=1.08),
                         xaxis=dict(type="date", title=dict(text="release date")),
                         yaxis=dict(title=dict(text=benchmark)),
                         yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True))
    return {"data": data, "layout": merged_note(layout, merged, total)}

