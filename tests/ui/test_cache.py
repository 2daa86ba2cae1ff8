"""ui.cached: query results cached per parameters and per store build, refreshed when data/ changes."""
import os
import time

import pytest
import streamlit as st

from superficial.db import queries
from superficial.db.store import Store
from superficial.ui import cache as ui
from tests.conftest import FIXTURES

CALLS: list = []


def count_models(store: Store, organization: str | None = None) -> int:
    CALLS.append(organization)
    sql = "SELECT count(*) AS n FROM models WHERE $org IS NULL OR organization = $org"
    return int(store.query(sql, {"org": organization}).n[0])


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    CALLS.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_each_parameter_set_runs_once(fixture_store):
    cached = ui.cached(count_models)
    assert cached is ui.cached(count_models)  # one wrapper per function
    assert cached(fixture_store) == 8
    assert cached(fixture_store) == 8
    assert cached(fixture_store, "Meta") == cached(fixture_store, "Meta")
    assert CALLS == [None, "Meta"]


def test_every_store_build_has_its_own_results(data_copy):
    cached = ui.cached(count_models)
    before = Store.from_folders(data_copy, FIXTURES / "content")
    assert cached(before) == 8
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + "Newcomer,Org,F,7,,dense,2024-01-01,true,MIT,https://a.example\n")
    after = Store.from_folders(data_copy, FIXTURES / "content")
    assert after.cache_key != before.cache_key
    assert cached(after) == 9
    assert cached(before) == 8  # each build keeps answering for itself
    assert CALLS == [None, None]


def test_an_edited_file_refreshes_the_store_and_the_results(data_copy, monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(data_copy))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    first = ui.bundled_store()
    assert ui.bundled_store() is first  # loaded once per process
    assert ui.cached_queries.headline_figures(first)["models"] == 8
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + "Newcomer,Org,F,7,,dense,2024-01-01,true,MIT,https://a.example\n")
    later = time.time() + 5
    os.utime(models, (later, later))  # a clock that did not move between the writes still counts
    second = ui.bundled_store()
    assert second is not first
    assert ui.cached_queries.headline_figures(second)["models"] == 9


def test_cached_queries_wraps_only_query_functions(fixture_store):
    assert ui.cached_queries.EDITIONS_SQL == queries.EDITIONS_SQL
    assert ui.cached_queries.models is ui.cached(queries.models)
    frame = ui.cached_queries.models(fixture_store)
    frame.loc[:, "name"] = "changed"  # a caller changing its copy changes nobody else's
    assert "changed" not in set(ui.cached_queries.models(fixture_store)["name"])
