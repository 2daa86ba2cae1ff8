"""The one owner of the DuckDB database: typed tables built from ``data/`` and the content folder."""
from __future__ import annotations

import gc
import shutil
import tempfile
import threading
import warnings
import weakref
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from superficial import config
from superficial.editions.mentions import term_rows
from superficial.editions.versions import EditionIndex, VersionedEdition, index_editions
from superficial.ingest.catalog import Catalog, read_catalog
from superficial.ingest.content import ContentLoad, Edition
from superficial.ingest.problems import Problem
from superficial.ingest.source import ContentSource, load_content

# DuckDB warns that a DB-API result copies its rows into Arrow: the copy is short-lived, the second planning it
# would save is not.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning,
                        module=__name__)

SCHEMA = """
CREATE TABLE benchmarks (
    benchmark        VARCHAR PRIMARY KEY,
    unit             VARCHAR,
    min_value        DOUBLE,
    max_value        DOUBLE,
    higher_is_better BOOLEAN,
    description      VARCHAR,
    link             VARCHAR,
    source_line      INTEGER,
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value < max_value)
);
CREATE TABLE models (
    name             VARCHAR PRIMARY KEY,
    variant_of       VARCHAR,           -- a models.name (REFERENCES below)
    base_model       VARCHAR NOT NULL,  -- the root of the variant_of chain, a models.name
    organization     VARCHAR NOT NULL,
    family           VARCHAR,
    total_params_b   DOUBLE CHECK (total_params_b > 0),
    active_params_b  DOUBLE CHECK (active_params_b > 0),
    architecture     VARCHAR CHECK (architecture IN ('dense', 'MoE', 'SSM')),
    release_date     DATE,
    knowledge_cutoff VARCHAR CHECK (knowledge_cutoff = 'online'
                                    OR regexp_full_match(knowledge_cutoff, '[0-9]{4}-(0[1-9]|1[0-2])')),
    open_weights     BOOLEAN,
    license          VARCHAR,
    link             VARCHAR,
    source_line      INTEGER,
    CHECK (variant_of IS NULL OR variant_of <> name),
    CHECK (active_params_b IS NULL OR total_params_b IS NULL OR active_params_b <= total_params_b)
);
CREATE TABLE scores (
    model       VARCHAR NOT NULL,  -- a models.name (REFERENCES below)
    benchmark   VARCHAR NOT NULL,  -- a benchmarks.benchmark (REFERENCES below)
    setting     VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    source_url  VARCHAR NOT NULL,
    note        VARCHAR,
    source_line INTEGER,
    CHECK (benchmark NOT IN ('MMLU', 'GSM8K', 'HumanEval', 'HellaSwag', 'ARC-Challenge') OR value BETWEEN 0 AND 100),
    CHECK (benchmark <> 'MT-Bench' OR value BETWEEN 0 AND 10)
);
CREATE TABLE aliases (
    alias       VARCHAR PRIMARY KEY,
    model       VARCHAR NOT NULL,  -- a models.name (REFERENCES below)
    source_line INTEGER
);
CREATE TABLE mention_terms (
    word   VARCHAR NOT NULL,  -- the term's rarest word ('' when it has none): what a text's words look up
    term   VARCHAR NOT NULL,
    kind   VARCHAR NOT NULL CHECK (kind IN ('model', 'family')),
    target VARCHAR NOT NULL
);
CREATE TABLE editions (
    slug         VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL,
    number       INTEGER,
    publish_date DATE,
    updated_date DATE,
    description  VARCHAR,
    tags         VARCHAR[],
    draft        BOOLEAN NOT NULL,
    format       VARCHAR NOT NULL,
    path         VARCHAR NOT NULL,
    body         VARCHAR NOT NULL,
    is_edition   BOOLEAN NOT NULL,
    versions     VARCHAR[] NOT NULL
);
"""

# Built from the tables above once they are loaded: each score with its model's facts, a number per
# model and one per family (the models sharing a base_model), so the benchmark pages filter, rank and
# group every score without joining on names. Each model's pick is flagged: its best value in each setting
# of a benchmark, and across the benchmark's settings (the highest, the lowest where lower is better; ties
# to the first setting, then source), with how many values and settings it was picked from, so a page
# reads one row per model instead of grouping them. Sorted by benchmark and setting, so a page reads only
# its benchmark's blocks.
DERIVED = """
CREATE TABLE scored AS
WITH ranked AS (
    SELECT s.*, CASE WHEN b.higher_is_better IS FALSE THEN s.value ELSE -s.value END AS rank,
           b.higher_is_better
    FROM scores s JOIN benchmarks b ON b.benchmark = s.benchmark
)
SELECT dense_rank() OVER (ORDER BY s.model) AS model_id, s.model, s.benchmark, s.setting, s.value,
       s.source_url, s.note, s.higher_is_better, m.variant_of, m.base_model,
       dense_rank() OVER (ORDER BY m.base_model) AS base_model_id, m.organization, m.total_params_b,
       m.active_params_b, m.architecture, m.release_date, m.open_weights, m.license,
       row_number() OVER (PARTITION BY s.model, s.benchmark, s.setting
                          ORDER BY s.rank, s.source_url, s.source_line) = 1 AS pick_in_setting,
       row_number() OVER (PARTITION BY s.model, s.benchmark
                          ORDER BY s.rank, s.setting, s.source_url, s.source_line) = 1 AS pick_in_benchmark,
       count(*) OVER (PARTITION BY s.model, s.benchmark, s.setting) AS setting_reports,
       count(*) OVER (PARTITION BY s.model, s.benchmark) AS benchmark_reports,
       count(DISTINCT s.setting) OVER (PARTITION BY s.model, s.benchmark) AS benchmark_settings
FROM ranked s JOIN models m ON m.name = s.model
ORDER BY s.benchmark, s.setting, s.model;
CREATE INDEX scores_by_model ON scores (model);  -- the Compare page reads a few models' scores, not a scan
CREATE INDEX mention_terms_by_word ON mention_terms (word);  -- a text looks up its few hundred words
"""

# Foreign keys, checked once over whole tables after loading rather than by DuckDB row by row as rows
# arrive: (table, column, target table, target key).
REFERENCES = (
    ("scores", "model", "models", "name"),
    ("scores", "benchmark", "benchmarks", "benchmark"),
    ("aliases", "model", "models", "name"),
    ("models", "variant_of", "models", "name"),
    ("models", "base_model", "models", "name"),
)

READ_ONLY_CONFIG = {
    "access_mode": "READ_ONLY",
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "memory_limit": "512MB",
    "threads": 2,
    "allocator_background_threads": True,  # memory a query freed goes back to the system, not kept for the next
    "lock_configuration": True,
}


def editions_frame(editions: tuple[VersionedEdition, ...] | list[VersionedEdition]) -> pd.DataFrame:
    """One row per edition (its default version's facts, every version's slug), in the editions table's order."""
    return pd.DataFrame(
        [
            {
                "slug": d.slug, "title": d.title, "number": d.number, "publish_date": d.publish_date,
                "updated_date": d.updated_date, "description": d.description, "tags": list(d.tags),
                "draft": d.draft, "format": d.format, "path": d.path, "body": d.body,
                "is_edition": d.is_edition, "versions": [v.slug for v in e.versions],
            }
            for e in editions
            for d in [e.default]
        ],
        columns=["slug", "title", "number", "publish_date", "updated_date", "description",
                 "tags", "draft", "format", "path", "body", "is_edition", "versions"],
    )


def release_memory(collect: bool = True) -> None:
    """Return freed memory to the operating system (Arrow's pool and glibc's heap keep it otherwise)."""
    if collect:
        gc.collect()  # DataFrames hold reference cycles
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except Exception:  # no pyarrow, or a pool that cannot release
        pass
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except Exception:  # not glibc
        pass


def write_database(path: Path | str, catalog: Catalog, content: ContentLoad) -> None:
    """Write the tables of a catalog and the editions to a new DuckDB file (raises on a violated constraint)."""
    with duckdb.connect(str(path)) as builder:
        builder.execute("SET enable_progress_bar = false")
        builder.execute(SCHEMA)
        _load(builder, catalog, content)
        builder.execute("CHECKPOINT")  # everything in the file itself, no write-ahead log left


def _load(con: duckdb.DuckDBPyConnection, catalog: Catalog, content: ContentLoad) -> None:
    # Insertion order matters: references need their targets first.
    frames = [
        ("benchmarks", catalog.benchmarks),
        ("models", catalog.models),
        ("aliases", catalog.aliases),
        ("scores", catalog.scores),
        ("mention_terms", term_rows(catalog.models, catalog.aliases)),
        ("editions", editions_frame(index_editions(content.editions).editions)),
    ]
    for table, frame in frames:
        con.register("incoming", frame)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
        con.unregister("incoming")
    for table, column, target, key in REFERENCES:
        orphan = con.execute(f"SELECT {column} FROM {table} WHERE {column} NOT IN (SELECT {key} FROM {target}) "
                             "LIMIT 1").fetchone()
        if orphan:
            raise duckdb.ConstraintException(
                f"Constraint Error: {table}.{column} {orphan[0]!r} is not a {target}.{key} (foreign key violated)")
    con.execute(DERIVED)


def without_rows(catalog: Catalog) -> Catalog:
    """The catalog's problems and its tables' columns and types, with no rows."""
    return Catalog(*(pd.DataFrame({c: pd.Series([], dtype=t) for c, t in frame.dtypes.items()})
                     for frame in (catalog.benchmarks, catalog.models, catalog.scores, catalog.aliases)),
                   catalog.problems)  # (an empty slice would keep the rows' buffers alive)


class Store:
    """Benchmark tables and editions in one DuckDB database, opened read-only once built.

    ``catalog`` keeps the problems found reading ``data/`` (and the tables' columns, no rows: query them).
    """

    def __init__(self, catalog: Catalog, content: ContentLoad):
        directory = tempfile.mkdtemp(prefix="superficial-")
        weakref.finalize(self, shutil.rmtree, directory, True)
        path = Path(directory) / "store.duckdb"
        write_database(path, catalog, content)
        # The rows now live in the database: keep the catalog's problems and columns, not a second copy of
        # its rows.
        self._attach(path, without_rows(catalog), content)

    @classmethod
    def open(cls, path: Path | str, catalog: Catalog, content: ContentLoad) -> Store:
        """A store on a database file written earlier by ``write_database`` (opened read-only, never removed)."""
        store = cls.__new__(cls)
        store._attach(Path(path), catalog, content)
        return store

    def _attach(self, path: Path, catalog: Catalog, content: ContentLoad) -> None:
        self.path = path
        self.catalog = catalog
        self.content = content
        self.index: EditionIndex = index_editions(content.editions)
        self._connection = duckdb.connect(str(path), config=READ_ONLY_CONFIG)
        self._lock = threading.Lock()

    @classmethod
    def from_folders(cls, data_dir: Path | str, content_dir: Path | str) -> Store:
        """The store of a data folder and a content folder (plain, or a blog checkout: see ingest.source)."""
        store = cls(read_catalog(data_dir), load_content(config.content_source(content_dir)))
        release_memory()  # the rows read from the files are garbage now
        return store

    @property
    def source(self) -> ContentSource | None:
        """Where the posts were read: its ``asset_root`` is the folder a ``/assets/…`` image address is under."""
        return self.content.source

    @property
    def problems(self) -> list[Problem]:
        return [*self.catalog.problems, *self.content.problems, *self.index.problems]

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor on the shared read-only connection (one per query, safe across threads)."""
        with self._lock:
            return self._connection.cursor()

    def query_table(self, sql: str, params: dict | list | None = None) -> pa.Table:
        """Run one read-only query with bound parameters and return its rows as an Arrow table."""
        cursor = self.cursor()
        try:
            # execute() plans the query once; a relation (cursor.sql) would bind it, then plan it again to run it.
            return cursor.execute(sql, params).to_arrow_table()
        finally:
            cursor.close()

    def query(self, sql: str, params: dict | list | None = None) -> pd.DataFrame:
        """Run one read-only query with bound parameters and return its rows."""
        # Through Arrow: DuckDB's own DataFrame conversion is slower for many rows of text.
        return self.query_table(sql, params).to_pandas(date_as_object=False)

    def edition(self, slug: str) -> Edition | None:
        """The post of any version of an edition, by its slug (a version with its edition's date and tags)."""
        found = self.index.find(slug)
        return found[1].edition if found else None

    @property
    def editions(self) -> list[Edition]:
        """Every version of every newsletter edition (drafts too), newest edition first, each with its edition's
        date and tags. ``index`` has them as editions with versions."""
        return [v.edition for e in self.index.editions if e.is_edition for v in e.versions]
