"""An edition among the others: the previous and next newsletter editions, and what was released in between."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from superficial.db.model_table import ModelTable
from superficial.editions.versions import EditionIndex, VersionedEdition

Editions = EditionIndex | Sequence[VersionedEdition]  # an index keeps its date order; a list is sorted each time


def _index(editions: Editions) -> EditionIndex:
    return editions if isinstance(editions, EditionIndex) else EditionIndex(tuple(editions))


def previous_and_next(editions: Editions,
                      edition: VersionedEdition) -> tuple[VersionedEdition | None, VersionedEdition | None]:
    """The newsletter editions just before and just after ``edition`` by date (None at either end, and for a post
    that is no dated newsletter edition)."""
    index = _index(editions)
    at = index.date_position.get(edition.slug)
    if at is None:
        return None, None
    ordered = index.in_date_order
    return (ordered[at - 1] if at > 0 else None, ordered[at + 1] if at + 1 < len(ordered) else None)


@dataclass(frozen=True)
class SincePrevious:
    """The models released after the previous edition's date, up to and including this edition's."""

    previous: VersionedEdition
    after: dt.date  # the previous edition's date (not included)
    until: dt.date  # this edition's date (included)
    models: list[str]  # ModelTable.released_between, oldest release first (the first ``limit``)
    total: int  # released in all


def since_previous(models: ModelTable, editions: Editions, edition: VersionedEdition,
                   limit: int | None = None) -> SincePrevious | None:
    """What came out between the previous newsletter edition and this one, the first ``limit`` models (None for
    the first edition, or an undated one); ``models`` is the store's ``model_table``."""
    previous, _ = previous_and_next(editions, edition)
    if previous is None:
        return None
    released = models.released_between(previous.publish_date, edition.publish_date)
    return SincePrevious(previous, previous.publish_date, edition.publish_date, released[:limit], len(released))
