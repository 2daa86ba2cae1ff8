"""Undo the UTF-8-read-as-Mac-Roman damage ("can‚Äôt" -> "can’t", "\uf8ffüíæ" -> "💾")."""
from __future__ import annotations

import re

_CODEC = "mac_roman"
# UTF-8 multi-byte sequences turn into runs of non-ASCII characters when misread,
# so a damaged piece is always a run of characters outside ASCII.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Telltales of the damage; clean text in any language almost never contains these pairs.
_MARKERS = ("‚Ä", "√", "Ã", "Â", "\uf8ff", "üí", "Ô∏", "ü§", "üë", "üê")


def looks_damaged(text: str) -> bool:
    """Whether the text carries the marks of a UTF-8 text decoded as Mac Roman."""
    return any(marker in text for marker in _MARKERS)


def _round_trip(text: str) -> str | None:
    try:
        return text.encode(_CODEC).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Return the repaired text and whether anything was changed.

    The whole text is sent back through the wrong codec when that round trip is
    lossless; otherwise (a text partly damaged, partly clean) each run of
    non-ASCII characters is tried alone. Clean text never round-trips, because
    genuine non-ASCII characters do not re-encode to valid UTF-8.
    """
    if not looks_damaged(text):
        return text, False
    whole = _round_trip(text)
    if whole is not None:
        return whole, whole != text

    def fix(match: re.Match[str]) -> str:
        fixed = _round_trip(match.group(0))
        return fixed if fixed is not None else match.group(0)

    repaired = _NON_ASCII_RUN.sub(fix, text)
    return repaired, repaired != text
