import hashlib

import pytest

from superficial.db import sql_console
from superficial.db.sql_console import quick_chart, refusal, run
from superficial.db.store import Store
from tests.conftest import FIXTURES

TABLES = ("models", "scores", "aliases", "benchmarks", "editions")


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(FIXTURES / "data", FIXTURES / "content")


def checksums(store: Store) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row, per table."""
    sums = {}
    for table in TABLES:
        frame = store.query(f"SELECT * FROM {table}")
        text = frame.sort_values(list(frame.columns[:2])).to_csv(index=False)
        sums[table] = (len(frame), hashlib.sha256(text.encode()).hexdigest())
    return sums


def file_bytes() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((FIXTURES / "data").iterdir())}


HOSTILE = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM \"read_csv\"('/etc/passwd')",
    "SELECT * FROM main.read_text('/etc/passwd')",
    "SELECT * FROM read_parquet('https://example.org/x.parquet')",
    "SELECT * FROM read_json('/etc/passwd')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM models JOIN '/etc/passwd' ON true",
    "COPY models TO '/tmp/stolen.csv'",
    "COPY (SELECT * FROM models) TO '/tmp/stolen.csv' (FORMAT csv)",
    "ATTACH '/tmp/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 64",
    "SET memory_limit = '100GB'",
    "RESET memory_limit",
    "PRAGMA table_info('models')",
    "EXPORT DATABASE '/tmp/export'",
    "IMPORT DATABASE '/tmp/export'",
    "CALL checkpoint()",
    "CREATE TABLE stolen AS SELECT * FROM models",
    "CREATE VIEW v AS SELECT 1",
    "INSERT INTO models (name, organization) VALUES ('Evil', 'Evil')",
    "UPDATE scores SET value = 100",
    "DELETE FROM scores",
    "DROP TABLE scores",
    "ALTER TABLE models ADD COLUMN x INT",
    "TRUNCATE scores",
    "SELECT 1; DROP TABLE scores",
    "SELECT 1; SELECT 2",
    "SELECT 1 /* harmless */; DELETE FROM scores",
    "SELECT 1; --\nDROP TABLE models",
    "SELECT * FROM models;\nATTACH ':memory:' AS x",
    "EXPLAIN COPY models TO '/tmp/x.csv'",
    "WITH x AS (SELECT 1) INSERT INTO models SELECT * FROM models",
    "SELECT * FROM query('SELECT 1')",
    "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM duckdb_secrets()",
    "SELECT current_setting('memory_limit')",
    "BEGIN TRANSACTION",
    "VACUUM",
    "USE memory",
    "DETACH store",
]


@pytest.mark.parametrize("sql", HOSTILE)
def test_hostile_query_is_refused_and_changes_nothing(store, sql):
    before, files = checksums(store), file_bytes()
    result = run(store, sql)
    assert result.refused, f"not refused: {sql!r} gave {result.frame!r}"
    assert result.frame is None
    assert result.error.startswith(("Refused", "Could not parse"))
    assert checksums(store) == before
    assert file_bytes() == files


def test_refusal_names_what_is_refused():
    assert "read_csv()" in refusal("SELECT * FROM read_csv('/etc/passwd')")
    assert "COPY" in refusal("COPY models TO 'x.csv'")
    assert "one statement at a time" in refusal("SELECT 1; DROP TABLE scores")
    assert "(found 2)" in refusal("SELECT 1; SELECT 2")
    assert "INSTALL" in refusal("INSTALL httpfs")


def test_engine_still_refuses_what_slips_past_the_checks(store, monkeypatch):
    """Defence in depth: with the statement checks switched off, the read-only connection holds."""
    monkeypatch.setattr(sql_console, "refusal", lambda sql: None)
    before = checksums(store)
    for sql in ["SELECT * FROM read_csv('/etc/passwd')", "COPY models TO '/tmp/superficial-stolen.csv'",
                "CREATE TABLE t (a INT)", "DELETE FROM scores", "SET threads = 64", "INSTALL httpfs"]:
        result = run(store, sql)
        assert not result.ok and not result.refused, sql
    assert checksums(store) == before


@pytest.mark.parametrize("sql", [
    "SELECT model, value FROM scores WHERE benchmark = 'MMLU' ORDER BY value DESC",
    "WITH best AS (SELECT model, max(value) AS v FROM scores GROUP BY model) SELECT * FROM best",
    "VALUES (1, 'a'), (2, 'b')",
    "DESCRIBE scores",
    "SHOW TABLES",
    "SUMMARIZE models",
    "EXPLAIN SELECT * FROM models",
    "FROM models",
    "SELECT 1 AS one; -- a trailing comment with DROP TABLE scores in it",
    "SELECT 1 AS one /* ; DROP TABLE scores */",
    "SELECT name FROM models WHERE name <> 'copy' OR license = 'drop'",
    "SELECT 1 AS one -- trailing line comment",
    "SELECT 1 AS one;\n-- a comment on the next line\n",
    "SELECT count(*) FROM range(10)",
])
def test_read_only_queries_run(store, sql):
    before = checksums(store)
    result = run(store, sql)
    assert result.ok, result.error
    assert result.frame is not None and len(result.frame) > 0
    assert checksums(store) == before


def test_query_returns_the_rows(store):
    result = run(store, "SELECT model, value FROM scores WHERE benchmark = 'MMLU' AND model = 'GPT-4' "
                        "ORDER BY value")
    assert result.frame["value"].tolist() == [86.4, 87.29, 90.1]
    assert result.summary() == "3 rows"
    assert not result.truncated


def test_comment_smuggling_runs_only_the_first_statement(store):
    result = run(store, "SELECT count(*) AS n FROM scores /* ; DROP TABLE scores */")
    assert result.ok and int(result.frame["n"][0]) == 12
    assert int(store.query("SELECT count(*) AS n FROM scores")["n"][0]) == 12


def test_rows_are_capped_with_the_total(store):
    result = run(store, "SELECT range AS i FROM range(2500)", max_rows=1000)
    assert len(result.frame) == 1000
    assert result.total_rows == 2500
    assert result.truncated
    assert result.summary() == "first 1,000 of 2,500 rows"


def test_slow_query_is_cut_at_the_limit(store):
    result = run(store, "SELECT count(*) FROM range(1000000000000)", time_limit_s=0.5)
    assert not result.ok and not result.refused and result.timed_out
    assert "Stopped" in result.error and "0.5 s" in result.error
    # the store still answers afterwards
    assert run(store, "SELECT 1 AS one").frame["one"].tolist() == [1]


def test_big_cross_join_is_cut_at_the_default_limit(store):
    result = run(store, "SELECT sum(a.range * b.range) FROM range(1000000) a CROSS JOIN range(1000000) b")
    assert result.timed_out and f"longer than {sql_console.TIME_LIMIT_S:g} s" in result.error


def test_endless_rows_show_the_first_ones(store):
    result = run(store, "SELECT range AS i FROM range(1000000000000)", time_limit_s=1.0)
    assert result.ok
    assert len(result.frame) == 1000
    assert result.total_rows is None
    assert "there are more" in result.summary()


def test_sql_errors_are_messages(store):
    result = run(store, "SELECT nope FROM models")
    assert not result.ok and not result.refused and not result.timed_out
    assert "nope" in result.error
    assert refusal("SELEC 1").startswith("Could not parse")
    assert refusal("   ") == "Write a query first."


def test_examples_all_run(store):
    for label, sql in sql_console.EXAMPLES:
        result = run(store, sql)
        assert result.ok, (label, result.error)


def test_quick_chart_is_first_text_by_first_number(store):
    frame = run(store, "SELECT benchmark, setting, value, model FROM scores WHERE model = 'GPT-4' "
                       "ORDER BY value").frame
    fig = quick_chart(frame)
    assert fig.data[0].type == "bar"
    assert list(fig.data[0].x) == ["MMLU", "MMLU", "MMLU"]
    assert list(fig.data[0].y) == [86.4, 87.29, 90.1]
    assert fig.layout.yaxis.title.text == "value"


def test_quick_chart_needs_text_and_number(store):
    assert quick_chart(run(store, "SELECT range AS i FROM range(5)").frame) is None
    assert quick_chart(run(store, "SELECT name FROM models").frame) is None
    assert quick_chart(run(store, "SELECT name FROM models WHERE false").frame) is None
    assert quick_chart(None) is None
