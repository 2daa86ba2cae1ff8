"""Names in an edition that look like model names but are not in the data, for the author to add or alias.

A name looks like a model's when a capitalised word carries a size or a version:

- a parameter count after it, maybe with a small number between: "Mistral 7B", "Yi-34B", "Llama 2 70B";
- a one-digit version glued by a hyphen to an acronym or to a word of the data's model names: "GPT-5",
  "Nano-2", "Phi-1.5" (not "Top-5", nor two digits: "COVID-19", "CIFAR-10", "x86-64");

then any further sizes, ``v`` versions and usual qualifiers: "Mistral 7B Instruct v0.2", "GPT-4 Turbo".
A number after a space is no version ("Windows 11", "iPhone 15", "Llama 2"), a bare size is no name
("a 2.7B model"), and lowercase words never start one ("top-5"). A name is known when the mention
matcher finds a model, alias or family spanning all of it in the edition's text.
"""
from __future__ import annotations

import re

import pandas as pd

from superficial.editions.markdown import readable_text
from superficial.editions.mentions import Matcher
from superficial.ingest.content import Edition
from superficial.ingest.problems import Problem

QUALIFIERS = ("Instruct", "Chat", "Turbo", "Base", "Preview", "Pro", "Ultra", "Nano", "Mini", "Small", "Medium",
              "Large", "Code", "Coder", "Vision", "Plus", "Max", "Lite", "Flash", "Opus", "Sonnet", "Haiku",
              "Instant", "Beta", "Alpha", "DPO", "SFT", "RLHF")
_NAME = r"[A-Z][A-Za-z0-9]*(?:\.\d+)?"  # Mistral, GPT, PaLM, Qwen1.5
_SIZE = r"\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?[Bb]"  # 7B, 1.3B, 8x7B, 70b
_SEP = r"[ \-]"
CANDIDATE = re.compile(
    rf"(?<![\w$€£¥/.\-@#])"  # a word of its own: not inside a word, an address, a price or a tag
    rf"(?P<name>{_NAME})"
    rf"(?:(?P<version>-\d(?:\.\d+)?[A-Za-z]?)"  # GPT-4, Phi-1.5, GPT-4V
    rf"|(?:{_SEP}\d{{1,2}}(?:\.\d)?)?{_SEP}{_SIZE})"  # Mistral 7B, Llama 2 70B, Yi-34B
    rf"(?:{_SEP}(?:{_SIZE}|v\d+(?:\.\d+)*|{'|'.join(QUALIFIERS)}))*"  # 70B, v0.2, Instruct, Turbo
    rf"(?!\w)(?![.\-]\d)"  # the whole of it: not "GPT-4-0613", not "COVID-19"
)
_ACRONYM = re.compile(r"[A-Z].*[A-Z]")  # two capitals: GPT, PaLM
_MARKUP = r"[\s\-*_~`]+"  # what may stand between a name's pieces in the source: spaces, emphasis, a line break
_WORDS = re.compile(r"[^\W\d_]+")


class ModelNameCheck:
    """The models, aliases and families of the data, to tell which model-like names of a text they do not know."""

    def __init__(self, models: pd.DataFrame, aliases: pd.DataFrame):
        self.matcher = Matcher(models, aliases)
        self.words = frozenset(word.casefold() for term in self.matcher.terms for word in _WORDS.findall(term))

    def _looks_like_a_model(self, match: re.Match[str]) -> bool:
        name = match.group("name")
        return not match.group("version") or bool(_ACRONYM.match(name)) or name.casefold() in self.words

    def unknown_names(self, text: str) -> list[str]:
        """The names in ``text`` that look like model names and are no model, alias or family, once each."""
        known = self.matcher.spans(text)
        found: dict[str, None] = {}
        for match in CANDIDATE.finditer(text):
            if self._looks_like_a_model(match) and not any(span.start <= match.start() and match.end() <= span.end
                                                           for span in known):
                found.setdefault(match.group(), None)
        return list(found)

    def problems(self, post: Edition) -> list[Problem]:
        """A warning ``unknown model name 'X'`` at its line for each such name of a post."""
        return [Problem(post.path, source_line(post, name), f"unknown model name '{name}'", "warning")
                for name in self.unknown_names(readable_text(post.body, post.format))]


def source_line(post: Edition, name: str) -> int:
    """The line of the post's file where ``name`` first appears (0 when it cannot be found)."""
    pattern = _MARKUP.join(re.escape(piece) for piece in re.split(_SEP, name))
    at = re.search(rf"(?<![\w/]){pattern}(?!\w)(?![.\-]\d)", post.body)
    return post.body_line + post.body.count("\n", 0, at.start()) if at else 0

