"""Find the models an edition names, through the alias table.

Matching is case-insensitive and on whole names: "Mixtral" finds Mixtral 8x7B (an alias), "Phi-2"
is not "Phi-1", "Phi-1.5" is not "Phi-1", "GPT-4 Turbo" is not "GPT-4". A family name said alone
("Gemini") is a family mention, kept apart from the models.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping
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


@functools.lru_cache(maxsize=2048)
def _alternation(ordered: tuple[str, ...]) -> re.Pattern:
    """One group per term, in order (longest first): a text's sentences mostly name the same few terms, so the
    same alternation is asked for again and again (re's own cache of 512 patterns churned through them)."""
    body = "|".join(f"(?P<t{i}>{_term_pattern(term)})" for i, term in enumerate(ordered)) or r"(?!x)x"
    return re.compile(f"{_LEFT}(?:{body}){_RIGHT}", re.IGNORECASE)


def _term_pattern(term: str) -> str:
    """A term as a regex: spaces and hyphens interchangeable, any run of whitespace allowed."""
    pieces = re.split(r"[\s\-]+", term.strip())
    return r"[\s\-]+".join(re.escape(p) for p in pieces if p)


TERM_COLUMNS = ["word", "term", "kind", "target"]


def term_rows(models: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Every term (model name, alias, family name; lower case) with what it names, filed under its rarest word.

    Each maximal run of word characters in a term is bounded by non-word characters inside it, by its
    separators or by the match's boundaries, so in a text that names the term every such word is a whole word
    of the text: a text's candidates are the terms filed under its words ("" for a term without a word
    character, a candidate of every text).
    """
    terms: dict[str, tuple[str, str]] = {}
    for family in models.get("family", pd.Series(dtype=object)).dropna().unique():
        if str(family).strip():
            terms[str(family).strip().lower()] = ("family", str(family).strip())
    # Models and aliases win over a family of the same spelling ("Mamba", "DBRX").
    for row in aliases.itertuples():
        terms[str(row.alias).strip().lower()] = ("model", row.model)
    for name in models["name"]:
        terms[str(name).strip().lower()] = ("model", name)
    words = {term: _WORDS.findall(term.casefold()) for term in terms}
    frequency = Counter(w for found in words.values() for w in set(found))
    rows = [(min(words[term], key=lambda w: (frequency[w], w)) if words[term] else "", term, kind, target)
            for term, (kind, target) in terms.items()]
    return pd.DataFrame(rows, columns=TERM_COLUMNS)


class Matcher:
    """Terms (model names, aliases, family names) compiled, per text, into one longest-first regex.

    Read-only once built (its tables are mapping proxies and tuples): one matcher serves every session.
    """

    def __init__(self, models: pd.DataFrame, aliases: pd.DataFrame):
        self._index(term_rows(models, aliases))

    @classmethod
    def from_rows(cls, rows: pd.DataFrame | Mapping[str, list], narrowed: bool = False) -> Matcher:
        """A matcher of ``term_rows`` (or some of them; ``narrowed``: those one text may name, see ``within``)."""
        matcher = cls.__new__(cls)
        matcher._index(rows, narrowed)
        return matcher

    def _index(self, rows: pd.DataFrame | Mapping[str, list], narrowed: bool = False) -> None:
        self.terms: Mapping[str, tuple[str, str]] = MappingProxyType(
            {term: (kind, target) for term, kind, target in zip(rows["term"], rows["kind"], rows["target"])})
        # Candidates first, so spans() compiles the alternation of a few terms, not of every model (slow at
        # thousands): the text's words (hundreds) are looked up, and the terms whose words are all in the
        # text kept. Only the terms are kept, not their words (a big share of the matcher at many models).
        by_word: dict[str, list[str]] = {}
        for word, term in zip(rows["word"], rows["term"]):
            by_word.setdefault(word, []).append(term)
        self._loose = tuple(by_word.pop("", ()))  # terms without a word character
        self._by_word: Mapping[str, tuple[str, ...]] = MappingProxyType({w: tuple(t) for w, t in by_word.items()})
        # Narrowed to one text's candidates (``within``): any part of it is matched with the alternation of them
        # all, the same matches as its own candidates' (a term it names is one of them, and the order is the
        # same), compiled once for the text and every sentence of it.
        self._narrowed = narrowed

    def _candidates(self, text: str) -> list[str]:
        """The terms whose words are all words of ``text`` (case-folded)."""
        folded = text.casefold()
        words = set(_WORDS.findall(folded))
        candidates = {t for word in words for t in self._by_word.get(word, ())}
        found = [t for t in candidates if all(w in words for w in _WORDS.findall(t.casefold()))]
        return found + [t for t in self._loose if all(p in folded for p in _PIECES.split(t.casefold()) if p)]

    def within(self, text: str) -> Matcher:
        """A matcher of only the terms ``text`` may name: what it and its sentences are then matched with."""
        found = self._candidates(text or "")
        return Matcher.from_rows({"word": [min(_WORDS.findall(t.casefold()), default="") for t in found], "term": found,
                                  "kind": [self.terms[t][0] for t in found], "target": [self.terms[t][1] for t in found]},
                                 narrowed=True)

    def _regex(self, text: str) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
        """The longest-first alternation of the terms whose words are all words of ``text`` (of a narrowed
        matcher's terms)."""
        ordered = tuple(sorted(self.terms if self._narrowed else self._candidates(text), key=lambda t: (-len(t), t)))
        return _alternation(ordered), {f"t{i}": self.terms[term] for i, term in enumerate(ordered)}

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


class StoredTerms:
    """The terms of a table of ``term_rows`` looked up by each text's words (the store's ``mention_terms``):
    nothing is loaded up front, however many models there are."""

    def __init__(self, lookup: Callable[[list[str]], pd.DataFrame]):
        self._lookup = lookup  # the rows filed under any of the words, and those filed under ""
        # An edition's text is looked up by the page and again by its claims: the last few are kept (read-only).
        self._within = functools.lru_cache(maxsize=16)(self._narrowed)

    def _narrowed(self, text: str) -> Matcher:
        words = sorted(set(_WORDS.findall(text.casefold())))
        return Matcher.from_rows(self._lookup(words)).within(text)

    def within(self, text: str) -> Matcher:
        return self._within(text or "")

    def spans(self, text: str) -> list[Span]:
        return self.within(text).spans(text)

    def find(self, text: str) -> Mentions:
        return self.within(text).find(text)


def find_mentions(text: str, models: pd.DataFrame, aliases: pd.DataFrame) -> Mentions:
    """The models and families named in ``text`` (models: name, family; aliases: alias, model)."""
    return Matcher(models, aliases).find(text)
