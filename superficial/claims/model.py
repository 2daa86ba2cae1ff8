"""What a claim is, the data rows it is checked against, and the outcome of the check."""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("params", "score", "comparison")
VERDICTS = ("agrees", "differs", "depends", "not-in-data")


@dataclass(frozen=True)
class Claim:
    """One statement of a sentence about a model the data knows: its size, a score, or a comparison."""

    line: int  # 1-based line of the edition's body where the sentence's paragraph (list item, cell) starts
    sentence: str
    kind: str  # one of KINDS
    models: tuple[str, ...]  # the model the claim is about, then the models it is compared with
    stated: str  # the words that state it: "2.7 billion-parameter", "8.3 on MT-Bench", "dethroned GPT-4"
    value: float | None = None  # billions of parameters, the score, or the size ratio ("25x" → 25)
    decimals: int = 0  # digits after the point in the stated number: the rounding it is checked within
    basis: str | None = None  # params: "total" or "active"
    bound: str = "="  # score: "=", or ">" / ">=" / "<" / "<=" for "over 90%", "at least", "under", "up to"
    benchmarks: tuple[str, ...] = ()  # named in the sentence, or (scope "context") in its paragraph
    scope: str = "named"  # comparisons: "named", "context" (the paragraph's benchmarks), "all" (every one)
    setting: str | None = None  # the setting the sentence names ("5-shot", "CoT@32"), None when it names none
    # comparisons: "better", "at_least", "matches", "worse", "not_better" on a benchmark, or "larger", "smaller"
    relation: str | None = None
    size_ratio: tuple[float, float] | None = None  # "models up to 25x larger": the others' size range, as ratios
    run: int = 0  # which run of the edition's text (paragraph, heading, list item, cell) holds the sentence

    @property
    def benchmark(self) -> str | None:
        """The benchmarks the claim names, as one label ("MMLU", "MMLU, GSM8K"), None when it names none."""
        return ", ".join(self.benchmarks) or None


@dataclass(frozen=True)
class Row:
    """One value of the data: a score, or a parameter count (``benchmark`` None, ``setting`` the column)."""

    model: str
    benchmark: str | None
    setting: str
    value: float
    source_url: str | None


@dataclass(frozen=True)
class Pair:
    """A like-for-like comparison: the claim's model and another in one benchmark and setting."""

    benchmark: str
    setting: str
    subject: Row
    other: Row
    holds: bool  # whether the claim's relation holds between the two values


@dataclass(frozen=True)
class Check:
    """A claim with its verdict (one of VERDICTS), the rows it was checked against and why."""

    claim: Claim
    verdict: str
    rows: tuple[Row, ...] = ()
    pairs: tuple[Pair, ...] = ()
    explanation: str = ""

    @property
    def models(self) -> tuple[str, ...]:
        """The models whose rows were used, the claim's first: what a chart of the check highlights."""
        return tuple(dict.fromkeys(r.model for r in self.rows))

    @property
    def settings(self) -> tuple[str, ...]:
        """The benchmark settings compared or matched, in order."""
        return tuple(dict.fromkeys(r.setting for r in self.rows if r.benchmark is not None))
