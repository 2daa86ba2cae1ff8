"""Every query the dashboard runs, each with bound parameters, in one place."""
from __future__ import annotations

import pandas as pd

from superficial.store import Store

HEADLINE_SQL = """
SELECT
    (SELECT count(*) FROM models)                    AS models,
    (SELECT count(*) FROM scores)                    AS scores,
    (SELECT count(DISTINCT benchmark) FROM scores)   AS benchmarks,
    (SELECT count(*) FROM editions WHERE NOT draft)  AS editions,
    (SELECT count(DISTINCT source_url) FROM scores)  AS sources
"""

EDITIONS_SQL = """
SELECT slug, title, number, publish_date, updated_date, description, tags, format, path
FROM editions
WHERE $include_drafts OR NOT draft
ORDER BY publish_date DESC NULLS LAST, number DESC NULLS LAST, slug
"""

BENCHMARKS_SQL = """
SELECT b.benchmark, b.unit, b.min_value, b.max_value, b.higher_is_better, b.description, b.link,
       count(s.value) AS scores, count(DISTINCT s.model) AS models
FROM benchmarks b LEFT JOIN scores s USING (benchmark)
GROUP BY ALL
ORDER BY scores DESC, b.benchmark
"""

MODELS_SQL = """
SELECT name, organization, family, total_params_b, active_params_b, architecture,
       release_date, open_weights, license, link
FROM models
ORDER BY release_date DESC NULLS LAST, name
"""

SCORES_SQL = """
SELECT s.model, s.benchmark, s.setting, s.value, s.source_url, s.note,
       m.organization, m.total_params_b, m.active_params_b, m.architecture, m.release_date, m.open_weights
FROM scores s JOIN models m ON m.name = s.model
WHERE ($benchmark IS NULL OR s.benchmark = $benchmark)
  AND ($setting IS NULL OR s.setting = $setting)
ORDER BY s.benchmark, s.value DESC, s.model, s.setting
"""

ALIASES_SQL = "SELECT alias, model FROM aliases ORDER BY model, alias"


def headline_figures(store: Store) -> dict[str, int]:
    """Counts shown on the home page: models, scores, benchmarks, editions, sources."""
    row = store.query(HEADLINE_SQL).iloc[0]
    return {key: int(row[key]) for key in row.index}


def editions(store: Store, include_drafts: bool = False) -> pd.DataFrame:
    """Editions newest first; undated ones last."""
    return store.query(EDITIONS_SQL, {"include_drafts": include_drafts})


def benchmarks(store: Store) -> pd.DataFrame:
    """Each benchmark with its scale and how many scores and models it has."""
    return store.query(BENCHMARKS_SQL)


def models(store: Store) -> pd.DataFrame:
    return store.query(MODELS_SQL)


def scores(store: Store, benchmark: str | None = None, setting: str | None = None) -> pd.DataFrame:
    """Scores joined to their model's facts, optionally for one benchmark and setting."""
    return store.query(SCORES_SQL, {"benchmark": benchmark, "setting": setting})


def aliases(store: Store) -> pd.DataFrame:
    return store.query(ALIASES_SQL)
