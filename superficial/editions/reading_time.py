"""How long an edition takes to read."""
from __future__ import annotations

import math
from dataclasses import dataclass

from superficial.editions.markdown import readable_text
from superficial.ingest.content import Edition

# Silent reading of non-fiction by adults, in English: 238 words a minute (Brysbaert, "How many words do we
# read per minute?", Journal of Memory and Language, 2019).
WORDS_PER_MINUTE = 238


@dataclass(frozen=True)
class ReadingTime:
    words: int
    minutes: int  # rounded up, at least 1


def reading_time(post: Edition) -> ReadingTime:
    """The words a reader sees in a post (no link targets, markup or code) and the minutes they take."""
    words = len(readable_text(post.body, post.format).split())
    return ReadingTime(words, max(1, math.ceil(words / WORDS_PER_MINUTE)))
