"""The names claims are found by: models, aliases and families (the mention matcher), benchmarks and settings."""
from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from superficial.db import queries
from superficial.db.store import Store
from superficial.editions.mentions import Matcher, StoredTerms

# Other spellings of the data's benchmarks in prose (the data names each benchmark once). A name or
# spelling matches in any case with spaces or hyphens, or neither, between its pieces ("MT-bench",
# "MT Bench", "gsm-8k"), except that a spelling here in capitals only matches in capitals ("ARC", never "arc").
BENCHMARK_SPELLINGS = {
    "ARC-Challenge": ("ARC-C", "ARC", "AI2 Reasoning Challenge"),
    "Arena Elo": ("Chatbot Arena Elo", "Chatbot Arena", "Elo"),
}
# Settings a sentence may name that the data may not have ("7-shot"): a claim in one is checked against
# that setting only, so it finds no rows rather than rows of another setting.
SETTING_LIKE = re.compile(r"(?<![\w@])(?:\d+-shot(?: CoT)?|CoT@\d+|maj1?@\d+|pass@\d+)(?![\w@])", re.IGNORECASE)
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                                                   "eight", "nine", "ten"))}
_SHOT_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")[\s-]shot\b", re.IGNORECASE)
_PIECE = re.compile(r"[A-Za-z]+|\d+")
# A benchmark's name is not part of a longer one ("MMLU-Pro", "HumanEval+" are other benchmarks).
_LEFT, _RIGHT = r"(?<![\w-])", r"(?![\w+]|-\w)"


@dataclass(frozen=True)
class Name:
    """Where a sentence names a model, a family or a benchmark: ``text[start:end]``."""

    start: int
    end: int
    kind: str  # "model", "family" or "benchmark"
    target: str  # the canonical model name, the family or the benchmark


def _spelling_pattern(spelling: str, exact_case: bool) -> str:
    pieces = "[\\s\\-]?".join(re.escape(p) for p in _PIECE.findall(spelling))
    return f"(?-i:{pieces})" if exact_case else pieces


def normal_setting(setting: str) -> str:
    """A setting compared like for like: lower case, "five-shot" as "5-shot", spaces and hyphens as one space."""
    text = _SHOT_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()] + "-shot", setting)
    return " ".join(re.split(r"[\s\-_]+", text.lower())).strip()


class Vocabulary:
    """Every model, alias, family and benchmark of a store, and each benchmark's settings, for finding claims."""

    def __init__(self, matcher: Matcher | StoredTerms, benchmarks: pd.DataFrame, settings: pd.DataFrame):
        self.matcher = matcher
        self.table = benchmarks  # each benchmark's scale and direction, for checking
        self.benchmarks = tuple(benchmarks["benchmark"])
        self.limits = MappingProxyType({r.benchmark: (r.min_value, r.max_value) for r in benchmarks.itertuples()})
        spellings = []
        for name in self.benchmarks:
            spellings += [(name, name, False), *((s, name, s.isupper()) for s in BENCHMARK_SPELLINGS.get(name, ()))]
        spellings.sort(key=lambda spelling: -len(spelling[0]))  # the longest spelling first
        self._benchmark_of = {f"b{i}": name for i, (_, name, _) in enumerate(spellings)}
        alternation = "|".join(f"(?P<b{i}>{_spelling_pattern(s, exact)})" for i, (s, _, exact) in enumerate(spellings))
        self._benchmark_regex = re.compile(f"{_LEFT}(?:{alternation or '(?!x)x'}){_RIGHT}", re.IGNORECASE)
        # Settings that say nothing about how a score was measured are never named by a sentence.
        named = settings[~settings["setting"].str.lower().str.startswith("not stated")]
        # Read-only: one vocabulary serves every session.
        self.settings: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {benchmark: tuple(sorted(set(group["setting"]), key=lambda s: (-len(s), s)))
             for benchmark, group in named.groupby("benchmark", sort=False)})

    def within(self, text: str) -> Vocabulary:
        """This vocabulary with only the model names ``text`` may hold: one lookup for a whole edition, not one a
        sentence."""
        narrowed = copy.copy(self)
        narrowed.matcher = self.matcher.within(text)
        return narrowed

    def names(self, text: str) -> list[Name]:
        """The models, families and benchmarks ``text`` names, in order; a benchmark inside a model's name is not one."""
        found = [Name(s.start, s.end, s.kind, s.target) for s in self.matcher.spans(text)]
        for match in self._benchmark_regex.finditer(text):
            if not any(n.start < match.end() and match.start() < n.end for n in found):
                found.append(Name(match.start(), match.end(), "benchmark", self._benchmark_of[match.lastgroup]))
        return sorted(found, key=lambda n: n.start)

    def setting_named(self, text: str, benchmarks: tuple[str, ...] | list[str]) -> str | None:
        """The setting ``text`` names for the benchmarks (any benchmark when none): the data's spelling of it,
        the longest first, or a setting the data does not have ("7-shot"); None when it names none."""
        sentence = f" {normal_setting(text)} "
        for benchmark in benchmarks or self.benchmarks:
            for setting in self.settings.get(benchmark, ()):
                if re.search(rf"(?<![\w@]){re.escape(normal_setting(setting))}(?![\w@+])", sentence):
                    return setting
        match = SETTING_LIKE.search(_SHOT_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()] + "-shot", text))
        return match.group(0) if match else None


def vocabulary(store: Store, names: Matcher | StoredTerms | None = None) -> Vocabulary:
    """The vocabulary of a store (build once per store and reuse); ``names`` a prebuilt mention matcher."""
    names = names or StoredTerms(functools.partial(queries.mention_terms, store))
    return Vocabulary(names, queries.benchmarks(store),
                      queries.benchmark_settings(store))
