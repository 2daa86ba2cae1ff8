"""Find the models an edition names, through the alias table.

Matching is case-insensitive and on whole names: "Mixtral" finds Mixtral 8x7B (an alias), "Phi-2"
is not "Phi-1", "Phi-1.5" is not "Phi-1", "GPT-4 Turbo" is not "GPT-4". A family name said alone
("Gemini") is a family mention, kept apart from the models.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

# Not preceded by a letter/digit (or "x-"/"x." glued to one); not followed by one, nor by a version
# continuation such as ".5" or "-2".
_LEFT = r"(?<!\w)(?<!\w[.\-])"
_RIGHT = r"(?!\w)(?![.\-]\d)"


@dataclass(frozen=True)
class Mentions:
    """Models and families named in a text, each in order of first mention, with counts."""

    models: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    family_counts: dict[str, int] = field(default_factory=dict)


def _term_pattern(term: str) -> str:
    """A term as a regex: spaces and hyphens interchangeable, any run of whitespace allowed."""
    pieces = re.split(r"[\s\-]+", term.strip())
    return r"[\s\-]+".join(re.escape(p) for p in pieces if p)


class Matcher:
    """Terms (model names, aliases, family names) compiled into one longest-first regex."""

    def __init__(self, models: pd.DataFrame, aliases: pd.DataFrame):
        terms: dict[str, tuple[str, str]] = {}
        for family in models.get("family", pd.Series(dtype=object)).dropna().unique():
            if str(family).strip():
                terms[str(family).strip().lower()] = ("family", str(family).strip())
        # Models and aliases win over a family of the same spelling ("Mamba", "DBRX").
        for row in aliases.itertuples():
            terms[str(row.alias).strip().lower()] = ("model", row.model)
        for name in models["name"]:
            terms[str(name).strip().lower()] = ("model", name)
        self.terms = terms
        ordered = sorted(terms, key=lambda t: (-len(t), t))
        self._index = {}
        alternatives = []
        for i, term in enumerate(ordered):
            self._index[f"t{i}"] = terms[term]
            alternatives.append(f"(?P<t{i}>{_term_pattern(term)})")
        body = "|".join(alternatives) or r"(?!x)x"
        self._regex = re.compile(f"{_LEFT}(?:{body}){_RIGHT}", re.IGNORECASE)

    def find(self, text: str) -> Mentions:
        """The models and families named in ``text``."""
        counts: dict[str, int] = {}
        family_counts: dict[str, int] = {}
        for match in self._regex.finditer(text or ""):
            kind, target = self._index[match.lastgroup]
            bucket = counts if kind == "model" else family_counts
            bucket[target] = bucket.get(target, 0) + 1
        return Mentions(list(counts), list(family_counts), counts, family_counts)


def find_mentions(text: str, models: pd.DataFrame, aliases: pd.DataFrame) -> Mentions:
    """The models and families named in ``text`` (models: name, family; aliases: alias, model)."""
    return Matcher(models, aliases).find(text)
