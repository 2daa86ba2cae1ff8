"""Check claims against the data, like for like: the same model (or its variants), benchmark and setting.

A stated number agrees when the data's value rounds to it ("8.3" agrees with 8.32, "2.7 billion" with 2.7);
it agrees when any source agrees, and every matching row is shown. A comparison is checked in each setting
both models have a score in, on the benchmarks the sentence names (else those its paragraph names, else
every benchmark): each such pair holds or not, so the claim agrees, differs, or depends on the setting.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from superficial.claims.model import Check, Claim, Pair, Row
from superficial.claims.terms import normal_setting
from superficial.db import queries
from superficial.db.model_table import PARAM_COLUMNS, ModelTable, model_table
from superficial.db.store import Store

# "Matches" means within this share of the benchmark's scale: 1 point of MMLU, 0.1 of MT-Bench.
MATCH_SHARE = 0.01
# A stated ratio ("25x larger") covers its rounding, and at least this share either side of it.
RATIO_SLACK = 0.05
LISTED = 6  # pairs named on each side of an explanation before "and N more"
# A comparison with "models up to N× larger" is checked against at most this many of them: the largest in
# the range, the strongest test of the claim (in a large catalog a range holds thousands).
RANGE_LIMIT = 100
SCORE_COLUMNS = ("model", "benchmark", "setting", "value", "source_url")  # what add_scores reads


@dataclass(frozen=True)
class Benchmark:
    low: float
    high: float
    higher_is_better: bool

    @property
    def tolerance(self) -> float:
        return MATCH_SHARE * (self.high - self.low)


class Facts:
    """The data claims are checked against, limited to the models released by ``as_of`` (when given; undated
    models are kept).

    ``models``: every model with its columns, or their ``ModelTable`` (a ``variant_of`` column, when the data has
    one, makes a model's variants count as it); ``benchmarks``: benchmark, min_value, max_value,
    higher_is_better; then ``add_scores`` rows (model, benchmark, setting, value, source_url) of at least the
    claims' models and of the models they are compared with (``needed``).
    """

    def __init__(self, models: pd.DataFrame | ModelTable, benchmarks: pd.DataFrame, as_of: dt.date | None = None):
        self.as_of = as_of
        self.table = models if isinstance(models, ModelTable) else ModelTable(models)
        self._later = (self.table.released > np.datetime64(as_of, "ns") if as_of is not None
                       else np.zeros(len(self.table.names), dtype=bool))
        self._identities: dict[str, list[str]] = {}
        self._ranges: dict[tuple, tuple[list[str], int]] = {}
        self.scores: dict[tuple[str, str], list[Row]] = defaultdict(list)
        self.benchmarks = {r.benchmark: Benchmark(float(r.min_value), float(r.max_value),
                                                  True if pd.isna(r.higher_is_better) else bool(r.higher_is_better))
                           for r in benchmarks.itertuples()}

    def add_scores(self, scores: pd.DataFrame | pa.Table) -> Facts:
        # Column lists, not itertuples: a row of Arrow-backed columns costs a Python call per value.
        columns = [scores[c].to_pylist() if isinstance(scores, pa.Table) else scores[c].tolist() for c in SCORE_COLUMNS]
        for model, benchmark, setting, value, source_url in zip(*columns):
            if self.knows(model):
                self.scores[(model, benchmark)].append(Row(model, benchmark, setting, float(value), source_url))
        return self

    def knows(self, model: str) -> bool:
        at = self.table.position.get(model)
        return at is not None and not self._later[at]

    def released_later(self, models) -> list[str]:
        """Those of ``models`` released after the ``as_of`` date."""
        return [m for m in models if (at := self.table.position.get(m)) is not None and self._later[at]]

    def needed(self, claims: tuple[Claim, ...]) -> list[str]:
        """The models whose scores the claims are checked against."""
        wanted = {n for c in claims for m in c.models for n in self.identity(m)}
        for claim in claims:
            if claim.size_ratio is not None:
                wanted |= {n for m in self.size_range(claim)[0] for n in self.identity(m)}
        return sorted(wanted)

    def identity(self, model: str) -> list[str]:
        """The model and its variants, theirs too (snapshots, tunes): the rows a claim about it is checked against."""
        if model not in self._identities:
            found = [model] if self.knows(model) else []
            frontier = found
            while frontier:
                frontier = sorted({v for m in frontier for v in self.table.children.get(m, ())
                                   if self.knows(v) and v not in found}, key=self.table.position.__getitem__)
                found += frontier
            self._identities[model] = found
        return self._identities[model]

    def rows(self, model: str, benchmark: str, leaving_out: str | None = None) -> list[Row]:
        """The model's rows on a benchmark; not those of ``leaving_out`` and its variants when it is one of them
        (Mixtral 8x7B compared with its own Instruct tune)."""
        names = self.identity(model)
        if leaving_out is not None and leaving_out != model and leaving_out in names:
            names = [n for n in names if n not in self.identity(leaving_out)]
        return [row for name in names for row in self.scores.get((name, benchmark), ())]

    def size_rows(self, model: str, basis: str) -> list[Row]:
        values, position = self.table.sizes[basis], self.table.position
        return [Row(name, None, PARAM_COLUMNS[basis], float(values[position[name]]), self.table.links[position[name]])
                for name in self.identity(model) if not np.isnan(values[position[name]])]

    def benchmarks_of(self, model: str) -> list[str]:
        names = set(self.identity(model))
        return list(dict.fromkeys(b for (m, b) in self.scores if m in names))

    def size_range(self, claim: Claim) -> tuple[list[str], int]:
        """The models a "models up to N× larger" claim is compared with, smallest first, and how many models its
        range holds: other models (a variant counts as the model it is a variant of) over the low and up to the
        high ratio of its model's total size, the stated ratio with its slack; the RANGE_LIMIT largest of them."""
        key = (claim.models[0], claim.size_ratio, claim.decimals)
        if key not in self._ranges:
            own = self.size_rows(claim.models[0], "total")
            low, high = claim.size_ratio
            high += max(0.5 * 10 ** -claim.decimals, RATIO_SLACK * high)
            sizes, names = self.table.sizes["total"], self.table.names
            inside = np.zeros(len(sizes), dtype=bool)
            if own:  # an unknown size (NaN) is in no range
                inside = ((sizes > low * own[0].value) & (sizes <= high * own[0].value) & ~self.table.is_variant
                          & ~self._later)
                inside[[self.table.position[n] for n in self.identity(claim.models[0])]] = False
            at = np.flatnonzero(inside)
            largest = at[np.argsort(sizes[at], kind="stable")[-RANGE_LIMIT:]]
            chosen = sorted(largest, key=lambda i: (sizes[i], names[i]))
            self._ranges[key] = ([names[i] for i in chosen], len(at))
        return self._ranges[key]


def _within(value: float, stated: float, decimals: int) -> bool:
    """Whether ``value`` rounds to ``stated`` at the stated decimals."""
    return abs(value - stated) <= 0.5 * 10 ** -decimals + 1e-9


def _fmt(value: float) -> str:
    return f"{value:g}"


def _released_later(claim: Claim, facts: Facts) -> Check | None:
    later = facts.released_later(claim.models)
    if not later:
        return None
    return Check(claim, "not-in-data", explanation=f"{', '.join(later)} released after {facts.as_of:%-d %B %Y}")


def check_params(claim: Claim, facts: Facts) -> Check:
    model, basis = claim.models[0], claim.basis or "total"
    rows = tuple(facts.size_rows(model, basis))
    if not rows:
        return Check(claim, "not-in-data", explanation=f"the data has no {basis} parameter count for {model}")
    stated = f"stated {_fmt(claim.value)} billion {basis} parameters"
    data = ", ".join(f"{_fmt(r.value)} ({r.model}, {source_name(r.source_url)})" for r in rows)
    if any(_within(r.value, claim.value, claim.decimals) for r in rows):
        return Check(claim, "agrees", rows, explanation=f"{stated}; the data has {data}")
    return Check(claim, "differs", rows, explanation=f"{stated}; the data has {data}")


def _meets(value: float, bound: str, stated: float, decimals: int) -> bool:
    if bound == "=":
        return _within(value, stated, decimals)
    return {">": value > stated, ">=": value >= stated, "<": value < stated, "<=": value <= stated}[bound]


def source_name(url: str | None) -> str:
    """A source address, short: "arxiv.org/abs/2312.11805", "huggingface.co/…/chatbot-arena-leaderboard"."""
    if not url:
        return "no source"
    parts = urlsplit(url)
    path = parts.path.strip("/").split("/")
    shown = "/".join(path) if len(path) <= 2 else f"{path[0]}/…/{path[-1]}"
    return f"{parts.netloc.removeprefix('www.')}/{shown}".rstrip("/")


def _row_text(row: Row, model: str) -> str:
    variant = f"{row.model}, " if row.model != model else ""
    return f"{_fmt(row.value)} ({variant}{row.setting}, {source_name(row.source_url)})"


def check_score(claim: Claim, facts: Facts) -> Check:
    model, benchmark = claim.models[0], claim.benchmarks[0]
    every = facts.rows(model, benchmark)
    rows = tuple(r for r in every if claim.setting is None or normal_setting(r.setting) == normal_setting(claim.setting))
    bound = "" if claim.bound == "=" else f"{claim.bound} "
    stated = f"stated {bound}{_fmt(claim.value)} on {benchmark}" + (f" ({claim.setting})" if claim.setting else "")
    if not rows:
        others = f"; it has {', '.join(_row_text(r, model) for r in every)}" if every else ""
        where = f" in {claim.setting}" if claim.setting else ""
        return Check(claim, "not-in-data", explanation=f"the data has no {benchmark} score{where} for {model}{others}")
    data = ", ".join(_row_text(r, model) for r in rows)
    verdict = "agrees" if any(_meets(r.value, claim.bound, claim.value, claim.decimals) for r in rows) else "differs"
    return Check(claim, verdict, rows, explanation=f"{stated}; the data has {data}")


def _holds(relation: str, mine: float, theirs: float, benchmark: Benchmark) -> bool:
    sign = 1 if benchmark.higher_is_better else -1
    gap, tolerance = sign * (mine - theirs), benchmark.tolerance
    return {"better": gap > 0, "at_least": gap >= -tolerance, "matches": abs(gap) <= tolerance,
            "worse": gap < 0, "not_better": gap <= 0}[relation]


def like_for_like(claim: Claim, facts: Facts, other: str, benchmarks: list[str]) -> list[Pair]:
    """The pairs of the claim's model and ``other`` in each setting both have a score in: from the same source
    where one source has both, else every pair of their sources."""
    pairs = []
    for benchmark in benchmarks:
        scale = facts.benchmarks.get(benchmark)
        if scale is None:
            continue
        mine, theirs = defaultdict(list), defaultdict(list)
        for row in facts.rows(claim.models[0], benchmark, leaving_out=other):
            mine[normal_setting(row.setting)].append(row)
        for row in facts.rows(other, benchmark, leaving_out=claim.models[0]):
            theirs[normal_setting(row.setting)].append(row)
        wanted = normal_setting(claim.setting) if claim.setting else None
        for setting in mine:
            if setting not in theirs or wanted not in (None, setting):
                continue
            shared = [(a, b) for a, b in itertools.product(mine[setting], theirs[setting]) if a.source_url == b.source_url]
            for a, b in shared or itertools.product(mine[setting], theirs[setting]):
                pairs.append(Pair(benchmark, a.setting, a, b, _holds(claim.relation, a.value, b.value, scale)))
    return pairs


def _pair_label(pair: Pair, benchmarks: set[str]) -> str:
    where = " ".join([pair.benchmark] * (len(benchmarks) > 1) + [pair.setting])
    return f"{where}: {_fmt(pair.subject.value)} vs {_fmt(pair.other.value)}"


def _listed(items: list[str]) -> str:
    more = f", and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return ", ".join(items[:LISTED]) + more


def _pairs_explanation(pairs: list[Pair]) -> str:
    """ "true under CoT@32: 90.04 vs 87.29; false under 5-shot: 83.7 vs 86.4" (the benchmark named when several)."""
    benchmarks = {p.benchmark for p in pairs}
    true = [_pair_label(p, benchmarks) for p in pairs if p.holds]
    false = [_pair_label(p, benchmarks) for p in pairs if not p.holds]
    return "; ".join(f"{word} under {_listed(items)}" for word, items in (("true", true), ("false", false)) if items)


def _group_explanation(pairs: list[Pair]) -> str:
    """For a size range: the models it holds against, fails against, or depends on the setting for."""
    by_model: dict[str, list[bool]] = defaultdict(list)
    for pair in pairs:
        by_model[pair.other.model].append(pair.holds)
    sides = {"true against": [m for m, h in by_model.items() if all(h)],
             "false against": [m for m, h in by_model.items() if not any(h)],
             "depends on the setting against": [m for m, h in by_model.items() if any(h) and not all(h)]}
    parts = [f"{side} {_listed(models)}" for side, models in sides.items() if models]
    return "; ".join(parts) + f" ({len(pairs)} like-for-like pairs, {sum(p.holds for p in pairs)} true)"


def _ratio_holds(ratio: float, stated: float, decimals: int) -> bool:
    return _within(ratio, stated, decimals) or abs(ratio - stated) <= RATIO_SLACK * stated


def check_size_comparison(claim: Claim, facts: Facts) -> Check:
    model, other = claim.models[0], claim.models[1]
    mine, theirs = facts.size_rows(model, "total"), facts.size_rows(other, "total")
    if not mine or not theirs:
        missing = [m for m, rows in ((model, mine), (other, theirs)) if not rows]
        return Check(claim, "not-in-data", explanation=f"the data has no parameter count for {', '.join(missing)}")
    a, b = mine[0], theirs[0]
    ratio = a.value / b.value if claim.relation == "larger" else b.value / a.value
    verdict = "agrees" if _ratio_holds(ratio, claim.value, claim.decimals) else "differs"
    explanation = (f"stated {_fmt(claim.value)}x {claim.relation}; the data has {_fmt(a.value)} billion ({model}) and "
                   f"{_fmt(b.value)} billion ({other}): {ratio:.3g}x")
    return Check(claim, verdict, (a, b), explanation=explanation)


def check_comparison(claim: Claim, facts: Facts) -> Check:
    if claim.relation in ("larger", "smaller"):
        return check_size_comparison(claim, facts)
    model = claim.models[0]
    in_range = 0
    if claim.size_ratio is not None:
        if not facts.size_rows(model, "total"):
            return Check(claim, "not-in-data", explanation=f"the data has no parameter count for {model}")
        others, in_range = facts.size_range(claim)
    else:
        others = [m for m in claim.models[1:] if facts.knows(m)]
    pairs = []
    for other in others:
        benchmarks = list(claim.benchmarks) or [b for b in facts.benchmarks_of(model) if b in facts.benchmarks_of(other)]
        pairs += like_for_like(claim, facts, other, benchmarks)
    rows = tuple(dict.fromkeys(r for p in pairs for r in (p.subject, p.other)))
    if not pairs:
        scope = " on " + ", ".join(claim.benchmarks) if claim.benchmarks else ""
        who = ", ".join(others) if others else "no model in that size range"
        return Check(claim, "not-in-data",
                     explanation=f"no setting{scope} in which the data has scores of both {model} and {who}")
    holding = sum(p.holds for p in pairs)
    verdict = "agrees" if holding == len(pairs) else "differs" if holding == 0 else "depends"
    explain = _pairs_explanation if claim.size_ratio is None and len(others) == 1 else _group_explanation
    limited = f"; against the {len(others)} largest of the {in_range} models in that range" if in_range > len(
        others) else ""
    return Check(claim, verdict, rows, tuple(pairs), explain(pairs) + limited)


CHECKS = {"params": check_params, "score": check_score, "comparison": check_comparison}


def check(claim: Claim, facts: Facts) -> Check:
    """The verdict on one claim, with the rows it rests on."""
    return _released_later(claim, facts) or CHECKS[claim.kind](claim, facts)


def check_claims(claims: tuple[Claim, ...], facts: Facts) -> tuple[Check, ...]:
    return tuple(check(claim, facts) for claim in claims)


def facts_for(store: Store, claims: tuple[Claim, ...], as_of: dt.date | None = None,
              benchmarks: pd.DataFrame | None = None, models: ModelTable | None = None) -> Facts:
    """The store's data the claims need: every model's facts, and the scores of the claims' models, their
    variants and the models of any size range they compare with. ``benchmarks`` is
    ``queries.benchmarks(store)`` and ``models`` a ``model_table(store)`` when the caller has them."""
    facts = Facts(models or model_table(store), queries.benchmarks(store) if benchmarks is None else benchmarks, as_of)
    wanted = facts.needed(claims) if claims else []
    ids = facts.table.scored_ids(wanted)
    return facts.add_scores(queries.claim_scores(store, ids)) if ids else facts
