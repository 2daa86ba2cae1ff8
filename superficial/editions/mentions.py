"""Find the models an edition names, through the alias table.

Matching is case-insensitive and on whole names: "Mixtral" finds Mixtral 8x7B (an alias), "Phi-2"
is not "Phi-1", "Phi-1.5" is not "Phi-1", "GPT-4 Turbo" is not "GPT-4". A family name said alone
("Gemini") is a family mention, kept apart from the models.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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


@dataclass(frozen=True)
class Span:
    """Where a text names a model or a family: ``text[start:end]``; ``kind`` is "model" or "family"."""

    start: int
    end: int
    kind: str
    target: str  # the model's canonical name, or the family


_PIECES = re.compile(r"[\s\-]+")  # spaces and hyphens separate a term's pieces
_WORDS = re.compile(r"\w+")


def _term_pattern(term: str) -> str:
    """A term as a regex: spaces and hyphens interchangeable, any run of whitespace allowed."""
    pieces = re.split(r"[\s\-]+", term.strip())
    return r"[\s\-]+".join(re.escape(p) for p in pieces if p)


class Matcher:
    """Terms (model names, aliases, family names) compiled into one longest-first regex.

    Read-only once built (its tables are mapping proxies and tuples): one matcher serves every session.
    """

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
        self.terms: Mapping[str, tuple[str, str]] = MappingProxyType(terms)
        # Candidates first, so find() compiles the alternation of a few terms, not of every model (slow
        # at thousands). Each maximal run of word characters in a term is bounded by non-word characters
        # inside it, by its separators or by the match's boundaries, so in a text that names the term
        # every such word is a whole word of the text. Each term is filed under its rarest word; find()
        # looks up the text's words (hundreds) and keeps the terms whose words are all in the text.
        # Only the terms are kept, not their words (a big share of the matcher at many models).
        frequency = Counter(w for term in terms for w in set(_WORDS.findall(term.casefold())))
        by_word: dict[str, list[str]] = {}
        loose: list[str] = []  # terms without a word character
        for term in terms:
            words = _WORDS.findall(term.casefold())
            if words:
                by_word.setdefault(min(words, key=lambda w: (frequency[w], w)), []).append(term)
            else:
                loose.append(term)
        self._by_word: Mapping[str, tuple[str, ...]] = MappingProxyType({w: tuple(t) for w, t in by_word.items()})
        self._loose = tuple(loose)

    def _regex(self, text: str) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
        """The longest-first alternation of the terms whose words are all words of ``text`` (case-folded)."""
        folded = text.casefold()
        words = set(_WORDS.findall(folded))
        candidates = {t for word in words for t in self._by_word.get(word, ())}
        found = [t for t in candidates if all(w in words for w in _WORDS.findall(t.casefold()))]
        found += [t for t in self._loose if all(p in folded for p in _PIECES.split(t.casefold()) if p)]
        ordered = sorted(found, key=lambda t: (-len(t), t))
        index = {f"t{i}": self.terms[term] for i, term in enumerate(ordered)}
        body = "|".join(f"(?P<t{i}>{_term_pattern(term)})" for i, term in enumerate(ordered)) or r"(?!x)x"
        return re.compile(f"{_LEFT}(?:{body}){_RIGHT}", re.IGNORECASE), index

    def spans(self, text: str) -> list[Span]:
        """Each name of a model or family in ``text``, in order (the longest name where names overlap)."""
        regex, index = self._regex(text or "")
        return [Span(match.start(), match.end(), *index[match.lastgroup]) for match in regex.finditer(text or "")]

    def find(self, text: str) -> Mentions:
        """The models and families named in ``text``."""
        counts: dict[str, int] = {}
        family_counts: dict[str, int] = {}
        for span in self.spans(text):
            bucket = counts if span.kind == "model" else family_counts
            bucket[span.target] = bucket.get(span.target, 0) + 1
        return Mentions(list(counts), list(family_counts), counts, family_counts)


def find_mentions(text: str, models: pd.DataFrame, aliases: pd.DataFrame) -> Mentions:
    """The models and families named in ``text`` (models: name, family; aliases: alias, model)."""
    return Matcher(models, aliases).find(text)
