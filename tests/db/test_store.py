import threading

import duckdb
import pytest

from superficial.db.store import Store
from superficial.ingest.catalog import read_catalog
from superficial.ingest.content import load_editions
from tests.conftest import FIXTURES


def test_tables_are_typed(fixture_store):
    types = fixture_store.query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE column_name IN ('total_params_b', 'release_date', 'open_weights', 'value', 'tags', 'publish_date')"
    )
    found = {(r.table_name, r.column_name): r.data_type for r in types.itertuples()}
    assert found[("models", "total_params_b")] == "DOUBLE"
    assert found[("models", "release_date")] == "DATE"
    assert found[("models", "open_weights")] == "BOOLEAN"
    assert found[("scores", "value")] == "DOUBLE"
    assert found[("editions", "tags")] == "VARCHAR[]"
    assert found[("editions", "publish_date")] == "DATE"


def test_rows_loaded(fixture_store):
    counts = fixture_store.query(
        "SELECT (SELECT count(*) FROM models) m, (SELECT count(*) FROM scores) s, "
        "(SELECT count(*) FROM aliases) a, (SELECT count(*) FROM editions) e"
    ).iloc[0].tolist()
    assert counts == [8, 12, 5, 3]  # four files: #5 is one edition in two versions


def test_connection_is_read_only(fixture_store):
    with pytest.raises(duckdb.Error, match="read-only"):
        fixture_store.query("INSERT INTO models (name, organization, architecture) VALUES ('X', 'Y', 'dense')")
    with pytest.raises(duckdb.Error):
        fixture_store.query("SELECT * FROM read_csv('/etc/passwd')")
    assert fixture_store.query("SELECT count(*) AS n FROM models").n[0] == 8


def test_database_constraints_back_up_validation():
    catalog = read_catalog(FIXTURES / "data")
    catalog.scores.loc[0, "value"] = 140.0  # slipped past validation somehow
    with pytest.raises(duckdb.ConstraintException):
        Store(catalog, load_editions(FIXTURES / "content"))
    catalog = read_catalog(FIXTURES / "data")
    catalog.models.loc[0, "total_params_b"] = 0.0
    with pytest.raises(duckdb.ConstraintException):
        Store(catalog, load_editions(FIXTURES / "content"))


def test_bad_rows_reported_and_good_rows_queryable(data_copy):
    scores = data_copy / "scores.csv"
    scores.write_text(scores.read_text() + "Nobody,MMLU,5-shot,50,https://a.example,\nPhi-2,MMLU,5-shot,140,https://a.example,\n")
    store = Store.from_folders(data_copy, FIXTURES / "content")
    assert [(p.line, p.reason) for p in store.problems if p.severity == "error"] == [
        (14, "unknown model 'Nobody'"),
        (15, "MMLU value 140 is outside 0–100"),
    ]
    assert store.query("SELECT count(*) AS n FROM scores").n[0] == 12


def test_fifty_threads_get_correct_results(fixture_store):
    from superficial.db import queries

    checks = [
        (lambda: queries.scores(fixture_store, "MMLU", "5-shot"), queries.scores(fixture_store, "MMLU", "5-shot")),
        (lambda: queries.editions(fixture_store), queries.editions(fixture_store)),
        (lambda: queries.benchmarks(fixture_store), queries.benchmarks(fixture_store)),
        (lambda: queries.models(fixture_store), queries.models(fixture_store)),
    ]
    failures, errors = [], []

    def worker(i):
        try:
            for round_ in range(10):
                run, expected = checks[(i + round_) % len(checks)]
                got = run()
                if not got.equals(expected):
                    failures.append((i, round_))
        except Exception as err:  # collected: an exception in a thread must fail the test
            errors.append(repr(err))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and failures == []


def test_variants_are_stored_with_their_base_model():
    store = Store.from_folders(FIXTURES / "lmsys" / "data", FIXTURES / "content")
    types = store.query("SELECT table_name, column_name, data_type FROM information_schema.columns "
                        "WHERE column_name IN ('variant_of', 'base_model', 'base_model_id', 'knowledge_cutoff')")
    found = {(r.table_name, r.column_name): r.data_type for r in types.itertuples()}
    assert found == {("models", "variant_of"): "VARCHAR", ("models", "base_model"): "VARCHAR",
                     ("models", "knowledge_cutoff"): "VARCHAR", ("scored", "variant_of"): "VARCHAR",
                     ("scored", "base_model"): "VARCHAR", ("scored", "base_model_id"): "BIGINT"}
    rows = store.query("SELECT name, variant_of, base_model, knowledge_cutoff FROM models "
                       "WHERE base_model = 'GPT-4' ORDER BY name")
    assert rows.fillna("").values.tolist() == [["GPT-4", "", "GPT-4", ""],
                                               ["GPT-4 (0314)", "GPT-4", "GPT-4", "2021-09"],
                                               ["GPT-4 (0613)", "GPT-4", "GPT-4", "2021-09"]]
    # one base_model_id per family, shared by every score of its variants
    ids = store.query("SELECT base_model, count(DISTINCT base_model_id) AS ids, count(DISTINCT model) AS models "
                      "FROM scored GROUP BY base_model ORDER BY base_model")
    assert (ids["ids"] == 1).all()
    assert ids.set_index("base_model").loc["Phi-3-mini", "models"] == 2
    assert store.query("SELECT count(DISTINCT base_model_id) = count(DISTINCT base_model) AS ok FROM scored").ok[0]


@pytest.mark.parametrize("column, value", [
    ("variant_of", "Nobody"),  # not a model
    ("variant_of", "GPT-4 (0314)"),  # the row itself (the first row is GPT-4 (0314) below)
    ("base_model", "Nobody"),
    ("knowledge_cutoff", "2023-13"),
])
def test_database_constraints_back_up_variant_validation(column, value):
    catalog = read_catalog(FIXTURES / "lmsys" / "data")
    first = catalog.models.index[catalog.models["name"] == "GPT-4 (0314)"][0]
    catalog.models.loc[first, column] = value  # slipped past validation somehow
    with pytest.raises(duckdb.ConstraintException):
        Store(catalog, load_editions(FIXTURES / "content"))
