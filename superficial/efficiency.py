"""Score against size: the Pareto frontier, points per billion parameters, and two models in one sentence."""
from __future__ import annotations

import math

import pandas as pd

from superficial.display import is_missing


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
    rows = rows.sort_values([x, y, "model"], ascending=[True, False, True], kind="mergesort")
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
    return rows.sort_values(["per_billion", "model"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


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


def default_pair(rows: pd.DataFrame, tolerance: float = 0.02) -> tuple[str, str] | None:
    """Two models worth comparing: a small model that (nearly) matches the largest model it can.

    For each frontier model, the largest model scoring at most `tolerance` × the best score above it;
    the pair with the biggest size ratio wins. Without such a pair: best per billion against best overall.
    """
    rows = with_efficiency(rows)
    if len(rows) < 2:
        return None
    slack = tolerance * float(rows["value"].max())
    best: tuple[float, str, str] | None = None
    for _, small in rows[rows["on_frontier"]].sort_values(["params_b", "model"]).iterrows():
        near = rows[(rows["params_b"] > small["params_b"]) & (rows["value"] <= small["value"] + slack)]
        if near.empty:
            continue
        big = near.sort_values(["params_b", "model"], ascending=[False, True]).iloc[0]
        ratio = float(big["params_b"]) / float(small["params_b"])
        if best is None or ratio > best[0]:
            best = (ratio, small["model"], big["model"])
    if best:
        return best[1], best[2]
    small = rows.iloc[0]["model"]
    others = rows[rows["model"] != small].sort_values(["value", "model"], ascending=[False, True])
    return small, others.iloc[0]["model"]


PAIR_CHOICES = 300  # above this many sized models, the A/B pickers list the frontier and the best scores


def pair_choices(rows: pd.DataFrame, frontier: pd.DataFrame, wanted: list[str | None] = (),
                 limit: int = PAIR_CHOICES) -> list[str]:
    """Models for the A/B pickers, smallest first: all of them, or above `limit` the frontier, the `wanted`
    ones (the default pair, the URL's picks) and the best-scoring models up to `limit`."""
    ordered = rows.sort_values(["params_b", "model"], kind="mergesort")
    if len(ordered) <= limit:
        return ordered["model"].tolist()
    keep = set(frontier["model"]) | {w for w in wanted if w}
    best = rows.sort_values(["value", "model"], ascending=[False, True], kind="mergesort")["model"]
    for model in best:
        if len(keep) >= limit:
            break
        keep.add(model)
    return ordered.loc[ordered["model"].isin(keep), "model"].tolist()
