"""Score against size: the Pareto frontier, points per billion parameters, and two models in one sentence."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from superficial.charts.bars import moe_params, per_billion_bars
from superficial.charts.core import BAR_LIMIT, MAX_POINTS
from superficial.charts.scatter import efficiency_scatter
from superficial.db import queries
from superficial.db.frames import sort_rows
from superficial.db.queries import TABLE_ROWS
from superficial.db.store import Store
from superficial.display import is_missing

MISSING_NAMES = 8  # models named in a "left out" note
PAIR_CHOICES = 300  # above this many sized models, the A/B pickers list the frontier and the best scores


def _times(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def _points(diff: float) -> str:
    text = f"{abs(diff):.2f}".rstrip("0").rstrip(".")
    return f"{text} point" + ("" if text == "1" else "s")


def size_sentence(a: dict | pd.Series, b: dict | pd.Series, benchmark: str, x: str = "params_b",
                  y: str = "value") -> str:
    """'Llama 2 70B is 26× larger than Phi-2 and scores 12.2 points more on MMLU.' (larger model first)."""
    if any(is_missing(m.get(x)) for m in (a, b)):
        missing = [m["model"] for m in (a, b) if is_missing(m.get(x))]
        return f"{' and '.join(missing)}: size undisclosed, so no size comparison."
    if b[x] < a[x]:
        a, b = b, a
    diff = float(b[y]) - float(a[y])
    if diff > 0:
        scores = f"scores {_points(diff)} more"
    elif diff < 0:
        scores = f"scores {_points(diff)} less"
    else:
        scores = "scores the same"
    if float(b[x]) / float(a[x]) < 1.1:
        same = "the same size as" if math.isclose(float(a[x]), float(b[x])) else "about the same size as"
        return f"{b['model']} is {same} {a['model']} and {scores} on {benchmark}."
    return f"{b['model']} is {_times(float(b[x]) / float(a[x]))} larger than {a['model']} and {scores} on {benchmark}."


@dataclass(frozen=True)
class EfficiencyView:
    """Everything the efficiency page draws for one set of filters, benchmark and setting."""

    rows: pd.DataFrame  # the table's first TABLE_ROWS sized scores (a model's or a family's), best per billion first
    total: int  # sized scores in all (the table's rows, the CSV's)
    frontier: pd.DataFrame  # smallest first
    points: pd.DataFrame  # the chart's points, the frontier's too: `merged` counts the models each stands for
    pair: tuple[str, str] | None  # the default "two models in one sentence"
    choices: list[str]  # models offered in the A/B pickers, smallest first
    choice_rows: pd.DataFrame  # the rows of the choices, smallest first
    unscored: tuple[int, list[str]]  # filtered models (or families) with no score here: how many, the first names
    unsized: tuple[int, list[str]]  # scored models of undisclosed size: how many, the first names
    per_billion: dict  # the points-per-billion bars' spec (ui.cache.figure draws it)


@dataclass(frozen=True)
class Picker:
    """The A/B pickers' models and their rows, smallest first."""

    names: list[str]
    rows: pd.DataFrame


def _pair(total: int, parts: dict[str, pd.DataFrame]) -> tuple[str, str] | None:
    """Two models worth comparing: a small model that (nearly) matches the largest model it can.

    The query found, for each frontier model, the largest model scoring at most 2% of the best score above
    it, and kept the pair with the biggest ratio of sizes. Without such a pair: best per billion against best
    overall.
    """
    if total < 2:
        return None
    if len(parts["pair_a"]) and len(parts["pair_b"]):
        return parts["pair_a"]["model"].iloc[0], parts["pair_b"]["model"].iloc[0]
    small = parts["table"]["model"].iloc[0]
    return small, parts["best"].loc[parts["best"]["model"] != small, "model"].iloc[0]


def _choices(total: int, parts: dict[str, pd.DataFrame], pair: tuple[str, str] | None,
             limit: int = PAIR_CHOICES) -> pd.DataFrame:
    """The rows of the models for the A/B pickers, smallest first: all of them up to `limit`, else the frontier,
    the pair and the best scores up to `limit`."""
    best = parts["best"]
    if total <= limit:
        return sort_rows(best, ["params_b", "model"])
    keep = set(parts["frontier"]["model"]) | set(pair or ())
    for model in best["model"]:  # best first
        if len(keep) >= limit:
            break
        keep.add(model)
    rows = pd.concat([parts["frontier"], parts["pair_a"], parts["pair_b"], best]).drop_duplicates("model")
    return sort_rows(rows[rows["model"].isin(keep)], ["params_b", "model"])


def view(store: Store, filters, benchmark: str, setting: str | None) -> EfficiencyView:
    """Query what the efficiency page draws (one query for the table's first rows, frontier, pair and points)."""
    parts = queries.efficiency_view(store, filters, benchmark, setting, table_rows=TABLE_ROWS, choices=PAIR_CHOICES,
                                    unsized_names=MISSING_NAMES, unscored_names=MISSING_NAMES, max_points=MAX_POINTS,
                                    per_family=filters.per_family)
    total = next((int(rows["total"].iloc[0]) for rows in parts.values() if len(rows)), 0)
    unsized, unscored = parts["unsized"], parts["unscored"]
    frontier = sort_rows(parts["frontier"], ["params_b", "model"])
    pair = _pair(total, parts)
    choice_rows = _choices(total, parts, pair)
    rows = parts["table"]
    return EfficiencyView(rows=rows, total=total, frontier=frontier,
                          points=pd.concat([frontier, parts["point"]], ignore_index=True), pair=pair,
                          choices=choice_rows["model"].tolist(), choice_rows=choice_rows,
                          unscored=(int(unscored["merged"].iloc[0]) if len(unscored) else 0, unscored["model"].tolist()),
                          unsized=(int(unsized["merged"].iloc[0]) if len(unsized) else 0, unsized["model"].tolist()),
                          per_billion=per_billion_bars(rows, benchmark=benchmark))


def all_rows(store: Store, filters, benchmark: str, setting: str | None) -> pd.DataFrame:
    """Every row of the view's table (for the CSV download and a selection), best per billion first."""
    return queries.efficiency_rows(store, filters, benchmark, setting, per_family=filters.per_family)


def _named(store: Store, filters, benchmark: str, setting: str | None, names: list[str]) -> pd.DataFrame:
    """The sized rows of the named models, with `per_billion`."""
    found = queries.named_picks(store, filters, benchmark, setting, names, per_family=filters.per_family)
    found = found[found["params_b"] > 0]
    return found.assign(per_billion=found["value"] / found["params_b"])


def picker(store: Store, filters, benchmark: str, setting: str | None, data: EfficiencyView,
           wanted: list[str | None]) -> Picker:
    """The view's picker choices plus the `wanted` models (a link's ?a= and ?b=) that are sized scores here."""
    extra = [w for w in dict.fromkeys(wanted) if w and w not in data.choices]
    rows = data.choice_rows
    if extra:
        rows = sort_rows(pd.concat([rows, _named(store, filters, benchmark, setting, extra)]), ["params_b", "model"])
    return Picker(names=rows["model"].tolist(), rows=rows)


def selected_rows(store: Store, filters, benchmark: str, setting: str | None, data: EfficiencyView,
                  names: list[str]) -> pd.DataFrame:
    """The table's rows of the models selected in the chart, best per billion first."""
    rows = _named(store, filters, benchmark, setting, names)
    rows = rows.assign(on_frontier=rows["model"].isin(data.frontier["model"]))
    return sort_rows(rows, ["per_billion", "model"], [False, True])


def sentence(pick: Picker, a: str, b: str, benchmark: str) -> str:
    """size_sentence for two models of the picker, by name."""
    first, second = ({column: pick.rows[column].iat[pick.names.index(name)] for column in ("model", "params_b", "value")}
                     for name in (a, b))  # the three values it reads, not two rows of every column
    return size_sentence(first, second, benchmark)


def size_axis_title(basis: str) -> str:
    """The x axis of the score-against-size chart, for the filters' way of sizing MoE models."""
    sized_by = "active parameters for MoE, total otherwise" if basis == "active" else "total parameters"
    return f"billions of {sized_by} (log scale)"


def scatter(data: EfficiencyView, *, benchmark: str, basis: str, highlight: tuple[str, ...] = (),
            colors: dict[str, str] | None = None, marked: pd.DataFrame | None = None) -> dict:
    """The score-against-size chart of a view as a figure spec; `marked` has the rows of the `highlight` models."""
    if marked is None:
        marked = data.choice_rows[data.choice_rows["model"].isin(highlight)]
    return efficiency_scatter(data.points, data.frontier, benchmark=benchmark, x_title=size_axis_title(basis),
                              highlight=list(highlight), colors=colors, marked=marked)


def moe_chart(store: Store, filters) -> dict | None:
    """Total against active parameters of the largest filtered mixture-of-experts models as a figure spec; None
    when there is none."""
    moe = queries.moe_models(store, filters, limit=BAR_LIMIT)
    if moe.empty:
        return None
    return moe_params(moe, more=int(moe["total"].iloc[0]) - len(moe))
