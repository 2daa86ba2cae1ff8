"""A read-only SQL console over the store: one allowed statement, a time limit, a row cap.

Defence in depth, as Datasette has it: the statement is checked here (one statement, a read-only
kind, no file, network or settings words), and the store's connection is itself read-only with
external access disabled and its configuration locked (see ``store.READ_ONLY_CONFIG``).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from superficial.db.store import Store

TIME_LIMIT_S = 2.0
MAX_ROWS = 1000
MAX_SQL_CHARS = 20_000
TABLES = ("models", "scores", "aliases", "benchmarks", "editions")

ALLOWED_TYPES = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
LEADING_WORDS = {"select", "with", "values", "describe", "show", "summarize", "explain", "from", "pivot",
                 "unpivot", "("}
# Words that change the database, its settings or reach files and the network.
FORBIDDEN_WORDS = {
    "copy", "attach", "detach", "install", "load", "force", "set", "reset", "pragma", "export", "import",
    "call", "create", "insert", "update", "delete", "drop", "alter", "truncate", "checkpoint", "vacuum",
    "use", "begin", "commit", "rollback", "abort", "transaction", "prepare", "execute", "deallocate",
    "merge", "upsert", "grant", "revoke", "secret",
}
# Table functions harmless over this database; every other table function is refused.
ALLOWED_TABLE_FUNCTIONS = {
    "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree",
    "duckdb_tables", "duckdb_columns", "duckdb_constraints", "duckdb_views", "duckdb_schemas",
    "duckdb_types", "duckdb_keywords", "duckdb_functions", "duckdb_indexes", "pragma_table_info",
}
# Scalar functions that reach outside the database (not all exist in every DuckDB build).
FORBIDDEN_FUNCTIONS = {"getenv", "current_setting", "read_text", "read_blob", "glob", "query", "query_table",
                       "json_execute_serialized_sql", "load_aws_credentials", "which_secret"}

EXAMPLES: list[tuple[str, str]] = [
    ("Best MMLU per model", """SELECT model, max(value) AS best_mmlu, count(*) AS reports
FROM scores
WHERE benchmark = 'MMLU'
GROUP BY model
ORDER BY best_mmlu DESC"""),
    ("MMLU points per billion parameters", """SELECT s.model, m.total_params_b, s.value AS mmlu_5shot,
       round(s.value / m.total_params_b, 2) AS points_per_b
FROM scores s JOIN models m ON m.name = s.model
WHERE s.benchmark = 'MMLU' AND s.setting = '5-shot' AND m.total_params_b IS NOT NULL
ORDER BY points_per_b DESC"""),
    ("Arena Elo, every leaderboard", """SELECT model, setting, value AS elo
FROM scores
WHERE benchmark = 'Arena Elo'
ORDER BY elo DESC"""),
    ("Models per organization", """SELECT organization, count(*) AS models,
       count(*) FILTER (WHERE open_weights) AS open_weights
FROM models
GROUP BY organization
ORDER BY models DESC"""),
    ("Scores per source", """SELECT source_url, count(*) AS scores, count(DISTINCT model) AS models
FROM scores
GROUP BY source_url
ORDER BY scores DESC"""),
    ("Names of one model", """SELECT alias FROM aliases WHERE model = 'GPT-4' ORDER BY alias"""),
    ("Editions", """SELECT title, publish_date, tags FROM editions WHERE NOT draft ORDER BY publish_date DESC"""),
    ("Describe the scores table", "DESCRIBE scores"),
]


class TimeLimitExceeded(Exception):
    """The query ran past its time limit and was interrupted."""


@dataclass
class ConsoleResult:
    """What running one console query gave: rows, or why there are none."""

    sql: str
    frame: pd.DataFrame | None = None
    total_rows: int | None = None  # None when counting every row would have taken too long
    error: str | None = None
    refused: bool = False  # the statement was not run at all
    timed_out: bool = False  # interrupted at the time limit
    elapsed_s: float = 0.0
    max_rows: int = MAX_ROWS

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def truncated(self) -> bool:
        return self.frame is not None and (self.total_rows is None or self.total_rows > len(self.frame))

    def summary(self) -> str:
        """'3 rows', 'first 1,000 of 12,345 rows' or 'first 1,000 rows (more not counted)'."""
        if self.frame is None:
            return ""
        shown = len(self.frame)
        if self.total_rows is None:
            return f"first {shown:,} rows (there are more; counting them all took over the time limit)"
        if self.total_rows > shown:
            return f"first {shown:,} of {self.total_rows:,} rows"
        return f"{shown:,} row" + ("" if shown == 1 else "s")


def _function_names(kinds: tuple[str, ...]) -> set[str]:
    with duckdb.connect() as con:
        rows = con.execute("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN "
                           "(SELECT unnest($kinds))", {"kinds": list(kinds)}).fetchall()
    return {name.lower() for (name,) in rows}


_TABLE_FUNCTIONS = _function_names(("table", "table_macro", "pragma"))
REFUSED_FUNCTIONS = (_TABLE_FUNCTIONS - ALLOWED_TABLE_FUNCTIONS) | FORBIDDEN_FUNCTIONS | {
    "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json", "read_json_auto", "read_ndjson",
    "read_duckdb", "sniff_csv", "delta_scan", "iceberg_scan", "sqlite_scan", "postgres_scan", "mysql_scan",
}


def _tokens(sql: str) -> list[tuple[str, duckdb.token_type]]:
    """(text, type) of each token, from DuckDB's own tokenizer."""
    spans = duckdb.tokenize(sql)
    tokens = []
    for i, (start, kind) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(sql)
        tokens.append((sql[start:end].strip(), kind))
    return tokens


def statement_text(sql: str) -> str:
    """The statement without the trailing ';' and comments, ready to be wrapped in a LIMIT."""
    spans = duckdb.tokenize(sql)
    meaningful = [i for i, (_, kind) in enumerate(spans) if kind != duckdb.token_type.comment]
    if not meaningful:
        return sql
    last = meaningful[-1]
    start = spans[last][0]
    end = spans[last + 1][0] if last + 1 < len(spans) else len(sql)
    token = sql[start:end].rstrip()
    if token == ";":
        return sql[:start].rstrip()
    return sql[:start + len(token)]


def _word(text: str) -> str:
    return text.strip().strip('"').lower()


def refusal(sql: str) -> str | None:
    """Why the console will not run this SQL, or None when it may."""
    if not sql.strip():
        return "Write a query first."
    if len(sql) > MAX_SQL_CHARS:
        return f"Refused: the query is {len(sql):,} characters long; the limit is {MAX_SQL_CHARS:,}."
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        return f"Could not parse the query: {err}"
    if len(statements) != 1:
        return (f"Refused: one statement at a time, please (found {len(statements)}). "
                "Remove the ';' that starts a second statement.")
    statement = statements[0]
    allowed = "SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
    tokens = [(text, kind) for text, kind in _tokens(sql) if kind != duckdb.token_type.comment]
    if statement.type not in ALLOWED_TYPES:
        first = tokens[0][0].upper() if tokens else statement.type.name
        return (f"Refused: {first} statements are not allowed; this console is read-only "
                f"and runs {allowed} queries only.")
    if not tokens or _word(tokens[0][0]) not in LEADING_WORDS:
        first = tokens[0][0] if tokens else ""
        return f"Refused: a query here starts with {allowed}, not {first!r}."
    for i, (text, kind) in enumerate(tokens):
        if kind not in (duckdb.token_type.keyword, duckdb.token_type.identifier):
            if (kind == duckdb.token_type.string_const and i > 0
                    and _word(tokens[i - 1][0]) in {"from", "join"}):
                return (f"Refused: reading a file by name ({text}) is not allowed; query the tables "
                        f"{', '.join(TABLES)}.")
            continue
        word = _word(text)
        calls = i + 1 < len(tokens) and tokens[i + 1][0].startswith("(")
        if word in FORBIDDEN_WORDS:
            return (f"Refused: {word.upper()} is not allowed; this console is read-only, with no access to "
                    "files, the network or settings.")
        if word in REFUSED_FUNCTIONS and calls:
            return (f"Refused: {word}() is not allowed here; it reaches files, the network, settings or other "
                    f"statements. Query the tables {', '.join(TABLES)}.")
    return None


@contextmanager
def time_limit(cursor: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[None]:
    """Interrupt whatever the cursor runs once ``seconds`` have passed (raises TimeLimitExceeded)."""
    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        cursor.interrupt()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except duckdb.InterruptException:
        raise TimeLimitExceeded(f"stopped after {seconds:g} s") from None
    finally:
        timer.cancel()
    if fired.is_set():  # the interrupt landed just as the query finished
        raise TimeLimitExceeded(f"stopped after {seconds:g} s")


def run(store: Store, sql: str, time_limit_s: float = TIME_LIMIT_S, max_rows: int = MAX_ROWS) -> ConsoleResult:
    """Check and run one read-only query: at most ``max_rows`` rows, interrupted after ``time_limit_s``."""
    result = ConsoleResult(sql=sql, max_rows=max_rows)
    reason = refusal(sql)
    if reason:
        result.error, result.refused = reason, True
        return result
    started = time.monotonic()
    cursor = store.cursor()
    try:
        try:
            with time_limit(cursor, time_limit_s):
                relation = cursor.sql(statement_text(sql))
                frame = relation.limit(max_rows + 1).df() if relation is not None else pd.DataFrame()
        except TimeLimitExceeded:
            result.timed_out = True
            result.error = (f"Stopped: the query ran longer than {time_limit_s:g} s and was interrupted. "
                            "Add a filter or a LIMIT, or avoid large cross joins.")
            return result
        if len(frame) <= max_rows:
            result.frame, result.total_rows = frame, len(frame)
            return result
        result.frame = frame.head(max_rows)
        remaining = time_limit_s - (time.monotonic() - started)
        if remaining > 0.05:
            try:
                with time_limit(cursor, remaining):
                    result.total_rows = int(relation.count("*").fetchall()[0][0])
            except TimeLimitExceeded:
                result.total_rows = None
        return result
    except duckdb.OutOfMemoryException:
        result.error = "Stopped: the query needed more memory than the console allows. Aggregate or filter first."
        return result
    except duckdb.Error as err:
        result.error = f"The query failed: {err}"
        return result
    finally:
        result.elapsed_s = time.monotonic() - started
        cursor.close()


def quick_chart(frame: pd.DataFrame | None, max_bars: int = MAX_ROWS) -> go.Figure | None:
    """A bar chart of the first text column against the first numeric column, or None when there is none."""
    if frame is None or frame.empty:
        return None
    text_col = next((c for c in frame.columns
                     if pd.api.types.is_string_dtype(frame[c]) and frame[c].map(lambda v: isinstance(v, str)).any()),
                    None)
    number_col = next((c for c in frame.columns
                       if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])),
                      None)
    if text_col is None or number_col is None:
        return None
    data = frame[[text_col, number_col]].dropna().head(max_bars)
    if data.empty:
        return None
    fig = px.bar(data, x=text_col, y=number_col, title=f"{number_col} by {text_col}")
    fig.update_layout(xaxis_title=str(text_col), yaxis_title=str(number_col), margin={"t": 50})
    return fig


def to_csv(frame: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV for download."""
    return frame.to_csv(index=False).encode("utf-8")
