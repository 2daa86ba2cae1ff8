"""One edition's claims, found and checked: what the Editions page and the command line show."""
from __future__ import annotations

from superficial.claims.check import ModelTable, check_claims, facts_for
from superficial.claims.extract import find_claims
from superficial.claims.model import Check
from superficial.claims.terms import Vocabulary, vocabulary
from superficial.db.store import Store
from superficial.editions.markdown import readable_text
from superficial.ingest.content import Edition


def edition_claims(store: Store, edition: Edition, as_of_edition: bool = False, words: Vocabulary | None = None,
                   models: ModelTable | None = None) -> tuple[Check, ...]:
    """Every claim of an edition with its check, in reading order.

    ``as_of_edition``: count only the models released by the edition's date (and their scores: the data
    dates no score, so a score counts from its model's release). ``words``: a prebuilt ``vocabulary(store)``;
    ``models``: a prebuilt ``check.model_table(store)``.
    """
    words = (words or vocabulary(store)).within(readable_text(edition.body, edition.format))
    claims = find_claims(edition.body, edition.format, words)
    if not claims:
        return ()
    as_of = edition.publish_date if as_of_edition else None
    return check_claims(claims, facts_for(store, claims, as_of, words.table, models))


def file_line(edition: Edition, check: Check) -> int:
    """The line of the edition's file the claim's sentence is on (its paragraph's first line)."""
    return edition.body_line + check.claim.line - 1
