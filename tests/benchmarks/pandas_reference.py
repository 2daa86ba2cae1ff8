"""The efficiency page's view as it was computed in pandas, kept as the reference its one SQL query must equal.

queries.efficiency_view computes the frontier, the default pair and the picker's models in DuckDB; the
tests compare it with these functions on the fixture, bundled and synthetic data.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from superficial.benchmarks.efficiency import PAIR_CHOICES
from superficial.db.frames import sort_rows


def sized(scores: pd.DataFrame, x: str = "params_b") -> pd.DataFrame:
    """The rows whose size is known (and positive)."""
    return scores[scores[x].notna() & (scores[x] > 0)].copy()


def pareto_frontier(scores: pd.DataFrame, x: str = "params_b", y: str = "value") -> pd.DataFrame:
    """Rows no other row beats: none is as small or smaller and scores as high or higher (one of them strictly).

    Returned smallest first, so the scores rise along it. Rows of unknown size are ignored.
    """
    rows = sized(scores, x)
    if rows.empty:
        return rows
    # Smallest first; among equal sizes the best first, so only it can join the frontier.
    rows = sort_rows(rows, [x, y, "model"], [True, False, True])
    keep, best = [], -math.inf
    for index, value in zip(rows.index, rows[y]):
        if value > best:
            keep.append(index)
            best = value
    return rows.loc[keep]


def with_efficiency(scores: pd.DataFrame, x: str = "params_b", y: str = "value") -> pd.DataFrame:
    """Sized rows with `per_billion` (score ÷ billions) and `on_frontier`, best per billion first."""
    rows = sized(scores, x)
    rows["per_billion"] = rows[y] / rows[x]
    rows["on_frontier"] = rows.index.isin(pareto_frontier(rows, x, y).index)
    return sort_rows(rows, ["per_billion", "model"], [False, True]).reset_index(drop=True)


def default_pair(rows: pd.DataFrame, tolerance: float = 0.02) -> tuple[str, str] | None:
    """Two models worth comparing: a small model that (nearly) matches the largest model it can.

    For each frontier model, the largest model scoring at most `tolerance` × the best score above it;
    the pair with the biggest size ratio wins. Without such a pair: best per billion against best overall.
    """
    rows = rows if "on_frontier" in rows else with_efficiency(rows)
    if len(rows) < 2:
        return None
    slack = tolerance * float(rows["value"].max())
    # Plain arrays: one vectorized pass per frontier model, not a DataFrame filter and sort each.
    models = rows["model"].to_numpy(dtype=object)
    params = rows["params_b"].to_numpy(dtype=float)
    values = rows["value"].to_numpy(dtype=float)
    best: tuple[float, str, str] | None = None
    frontier = rows[rows["on_frontier"]].sort_values(["params_b", "model"], kind="mergesort")  # (a few rows)
    for small_model, small_params, small_value in zip(frontier["model"], frontier["params_b"], frontier["value"]):
        near = np.flatnonzero((params > small_params) & (values <= small_value + slack))
        if near.size == 0:
            continue
        largest = params[near].max()
        big_model = min(models[near[params[near] == largest]])  # equal sizes: the first name
        ratio = float(largest) / float(small_params)
        if best is None or ratio > best[0]:
            best = (ratio, small_model, big_model)
    if best:
        return best[1], best[2]
    small = rows.iloc[0]["model"]
    others = rows[rows["model"] != small].sort_values(["value", "model"], ascending=[False, True])
    return small, others.iloc[0]["model"]


def pair_choices(rows: pd.DataFrame, frontier: pd.DataFrame, wanted: list[str | None] = (),
                 limit: int = PAIR_CHOICES) -> list[str]:
    """Models for the A/B pickers, smallest first: all of them, or above `limit` the frontier, the `wanted`
    ones (the default pair, the URL's picks) and the best-scoring models up to `limit`."""
    if len(rows) <= limit:
        return sort_rows(rows, ["params_b", "model"])["model"].tolist()
    keep = set(frontier["model"]) | {w for w in wanted if w}
    # Only the best scores need sorting, not every name: a margin for ties at the cut.
    best = rows.nlargest(limit + len(keep), "value", keep="all")
    for model in best.sort_values(["value", "model"], ascending=[False, True], kind="mergesort")["model"]:
        if len(keep) >= limit:
            break
        keep.add(model)
    return rows[rows["model"].isin(keep)].sort_values(["params_b", "model"], kind="mergesort")["model"].tolist()
