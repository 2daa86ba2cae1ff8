from pathlib import Path

import pytest

from superficial.claims.edition import edition_claims, file_line
from superficial.claims.terms import Vocabulary, vocabulary
from superficial.db.store import Store
from superficial.ingest.catalog import read_catalog
from superficial.ingest.content import ContentLoad, Edition, read_edition
from tests.conftest import FIXTURES

CLAIMS = FIXTURES / "claims"
EDITIONS = ("sizes.md", "scores.md", "comparisons.md", "plain.txt")


def fixture_edition(name: str) -> Edition:
    edition, problems = read_edition(CLAIMS / name)
    assert edition is not None, problems
    return edition


@pytest.fixture(scope="session")
def claims_store() -> Store:
    """The claims fixture data with the claims fixture editions."""
    return Store(read_catalog(CLAIMS / "data"), ContentLoad([fixture_edition(n) for n in EDITIONS], []))


@pytest.fixture(scope="session")
def words(claims_store) -> Vocabulary:
    return vocabulary(claims_store)


@pytest.fixture(scope="session")
def checked(claims_store, words):
    """(file line, check) for every claim of a fixture edition."""

    def run(name: str, as_of_edition: bool = False) -> list:
        edition = fixture_edition(name)
        return [(file_line(edition, c), c) for c in edition_claims(claims_store, edition, as_of_edition, words)]

    return run


def summary(checks: list) -> list[tuple]:
    """(line, kind, models, stated, verdict) of each check: what a test compares."""
    return [(line, c.claim.kind, c.claim.models, c.claim.stated, c.verdict) for line, c in checks]


@pytest.fixture
def fixture_dir() -> Path:
    return CLAIMS
