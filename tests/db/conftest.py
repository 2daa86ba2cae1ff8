"""Stores the db tests share."""
import shutil

import pytest

from superficial.db.store import Store
from superficial.ingest.leaderboard import import_file
from tests.conftest import FIXTURES


@pytest.fixture(scope="package")
def variants_store(tmp_path_factory):
    """The variants fixture data after importing the LMSYS table of 2023-12-06 (both GPT-4 snapshots rated)."""
    data = tmp_path_factory.mktemp("variants") / "data"
    shutil.copytree(FIXTURES / "lmsys" / "data", data)
    assert import_file(FIXTURES / "lmsys" / "real" / "leaderboard_table_20231206.csv", data).ok
    return Store.from_folders(data, FIXTURES / "content")
