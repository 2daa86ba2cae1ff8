"""An edition's text as sentences, each with the line of the paragraph it is in."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import sentencex

from superficial.editions import markdown as render


@dataclass(frozen=True)
class Sentence:
    line: int  # 1-based line of the body where its run (paragraph, heading, list item, table cell) starts
    run: int  # which run of the edition it is in, counted from 0
    text: str


@functools.lru_cache(maxsize=64)
def sentences(body: str, fmt: str) -> tuple[Sentence, ...]:
    """The sentences of an edition body, in reading order, from the words of its token tree."""
    out = []
    for run, (line, words) in enumerate(render.text_lines(body, fmt)):
        for text in sentencex.segment("en", words):
            if text.strip():
                out.append(Sentence(line, run, text.strip()))
    return tuple(out)
