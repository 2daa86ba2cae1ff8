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


# --- benchmark pages (explore, efficiency, compare, timeline): filtered models and their scores ----
# Every query below starts from the same fixed CTE and takes the bound parameters of
# ``Filters.query_params()``: $basis, $min_params, $max_params, $include_unknown, $orgs, $archs,
# $open_weights, $licenses, $released_from, $released_to (None = no limit on that filter).

_FILTERED_CTE = """
WITH sized AS (
    SELECT m.name, m.organization, m.family, m.total_params_b, m.active_params_b, m.architecture,
           m.release_date, m.open_weights, m.license, m.link,
           CASE WHEN $basis = 'active' THEN coalesce(m.active_params_b, m.total_params_b)
                ELSE m.total_params_b END AS params_b
    FROM models m
),
filtered AS (
    SELECT * FROM sized
    WHERE (CASE WHEN params_b IS NULL THEN $include_unknown
                ELSE ($min_params IS NULL OR params_b > $min_params)
                 AND ($max_params IS NULL OR params_b <= $max_params) END)
      AND ($orgs IS NULL OR list_contains($orgs::VARCHAR[], organization))
      AND ($archs IS NULL OR list_contains($archs::VARCHAR[], coalesce(architecture, 'undisclosed')))
      AND ($open_weights IS NULL OR open_weights = $open_weights)
      AND ($licenses IS NULL OR list_contains($licenses::VARCHAR[], coalesce(license, 'not stated')))
      AND ($released_from IS NULL OR release_date >= $released_from)
      AND ($released_to IS NULL OR release_date <= $released_to)
)
"""

FILTERED_MODELS_SQL = _FILTERED_CTE + """
SELECT name, organization, params_b, total_params_b, active_params_b, architecture, release_date,
       open_weights, license, link
FROM filtered
ORDER BY params_b DESC NULLS LAST, name
"""

FILTER_OPTIONS_SQL = """
SELECT
    (SELECT list(organization ORDER BY organization) FROM (SELECT DISTINCT organization FROM models)) AS orgs,
    (SELECT list(license ORDER BY license)
       FROM (SELECT DISTINCT coalesce(license, 'not stated') AS license FROM models)) AS licenses,
    (SELECT min(release_date) FROM models) AS first_release,
    (SELECT max(release_date) FROM models) AS last_release,
    (SELECT count(*) FROM models) AS models
"""

# One row per filtered model that has a score: the highest value reported for the setting (or, with
# $setting NULL, across every setting), ties broken by setting then source. `reports` counts the values
# it was picked from.
CHART_SCORES_SQL = _FILTERED_CTE + """
, ranked AS (
    SELECT s.model, s.setting, s.value, s.source_url, s.note,
           count(*) OVER (PARTITION BY s.model) AS reports,
           count(DISTINCT s.setting) OVER (PARTITION BY s.model) AS settings,
           row_number() OVER (PARTITION BY s.model
                              ORDER BY CASE WHEN b.higher_is_better IS FALSE THEN s.value ELSE -s.value END,
                                       s.setting, s.source_url) AS pick
    FROM scores s
    JOIN filtered f ON f.name = s.model
    JOIN benchmarks b ON b.benchmark = s.benchmark
    WHERE s.benchmark = $benchmark AND ($setting IS NULL OR s.setting = $setting)
)
SELECT r.model, $benchmark AS benchmark, r.setting, r.value, r.source_url, r.note, r.reports, r.settings,
       f.organization, coalesce(f.architecture, 'undisclosed') AS architecture, f.open_weights,
       f.params_b, f.total_params_b, f.active_params_b, f.release_date, f.license
FROM ranked r JOIN filtered f ON f.name = r.model
WHERE r.pick = 1
ORDER BY r.value DESC, r.model
"""

# Every value reported for the benchmark by the filtered models: every setting, every source.
BENCHMARK_ROWS_SQL = _FILTERED_CTE + """
SELECT s.model, s.setting, s.value, s.source_url, s.note, f.organization, f.params_b, f.release_date
FROM scores s JOIN filtered f ON f.name = s.model
WHERE s.benchmark = $benchmark
ORDER BY s.value DESC, s.model, s.setting, s.source_url
"""

MISSING_SCORES_SQL = _FILTERED_CTE + """
SELECT f.name
FROM filtered f
WHERE NOT EXISTS (SELECT 1 FROM scores s
                  WHERE s.model = f.name AND s.benchmark = $benchmark
                    AND ($setting IS NULL OR s.setting = $setting))
ORDER BY f.name
"""

SETTINGS_SQL = """
SELECT setting, count(*) AS scores, count(DISTINCT model) AS models
FROM scores
WHERE benchmark = $benchmark
GROUP BY setting
ORDER BY models DESC, scores DESC, setting
"""

# Every score of the named models, with each model's facts (for the compare page).
MODEL_SCORES_SQL = """
SELECT s.model, s.benchmark, s.setting, s.value, s.source_url, s.note,
       b.unit, b.min_value, b.max_value
FROM scores s JOIN benchmarks b USING (benchmark)
WHERE list_contains($names::VARCHAR[], s.model)
ORDER BY s.benchmark, s.setting, list_position($names::VARCHAR[], s.model), s.value DESC, s.source_url
"""

MODEL_FACTS_SQL = """
SELECT name, organization, total_params_b, active_params_b, coalesce(architecture, 'undisclosed') AS architecture,
       release_date, open_weights, license, link
FROM models
WHERE list_contains($names::VARCHAR[], name)
ORDER BY list_position($names::VARCHAR[], name)
"""


def filtered_models(store: Store, filters) -> pd.DataFrame:
    """The models the filters keep, largest first, with `params_b` sized as the filters say."""
    return store.query(FILTERED_MODELS_SQL, filters.query_params())


def filter_options(store: Store) -> dict:
    """Choices for the filter widgets: organizations, licenses, first and last release, model count."""
    row = store.query(FILTER_OPTIONS_SQL).iloc[0]
    return {
        "orgs": [str(o) for o in (row["orgs"] if row["orgs"] is not None else [])],
        "licenses": [str(v) for v in (row["licenses"] if row["licenses"] is not None else [])],
        "first_release": None if pd.isna(row["first_release"]) else pd.Timestamp(row["first_release"]).date(),
        "last_release": None if pd.isna(row["last_release"]) else pd.Timestamp(row["last_release"]).date(),
        "models": int(row["models"]),
    }


def chart_scores(store: Store, filters, benchmark: str, setting: str | None = None) -> pd.DataFrame:
    """One score per filtered model: the highest for `setting`, or with no setting each model's best."""
    return store.query(CHART_SCORES_SQL, {**filters.query_params(), "benchmark": benchmark, "setting": setting})


def benchmark_rows(store: Store, filters, benchmark: str) -> pd.DataFrame:
    """Every reported value of the filtered models on one benchmark (all settings and sources)."""
    return store.query(BENCHMARK_ROWS_SQL, {**filters.query_params(), "benchmark": benchmark})


def missing_scores(store: Store, filters, benchmark: str, setting: str | None = None) -> list[str]:
    """Names of the filtered models with no score on the benchmark (in that setting, if given)."""
    frame = store.query(MISSING_SCORES_SQL, {**filters.query_params(), "benchmark": benchmark, "setting": setting})
    return frame["name"].tolist()


def settings(store: Store, benchmark: str) -> pd.DataFrame:
    """The settings a benchmark was run in, the one most models share first."""
    return store.query(SETTINGS_SQL, {"benchmark": benchmark})


def model_scores(store: Store, names: list[str]) -> pd.DataFrame:
    """Every score of the named models, by benchmark and setting, models in the order given."""
    return store.query(MODEL_SCORES_SQL, {"names": list(names)})


def model_facts(store: Store, names: list[str]) -> pd.DataFrame:
    """Size, organization, architecture, release and license of the named models, in the order given."""
    return store.query(MODEL_FACTS_SQL, {"names": list(names)})


# --- Editions page (issue 3) ----------------------------------------------------------------------

SETTING_SCORES_SQL = """
SELECT s.model, s.setting, s.value, s.source_url, s.note
FROM scores s
WHERE s.benchmark = $benchmark
  AND list_contains($models::VARCHAR[], s.model)
  AND list_contains($settings::VARCHAR[], s.setting)
QUALIFY row_number() OVER (PARTITION BY s.model, s.setting ORDER BY s.source_line) = 1
ORDER BY list_position($models::VARCHAR[], s.model), list_position($settings::VARCHAR[], s.setting)
"""

BENCHMARK_LEADERBOARD_SQL = """
SELECT m.name AS model, m.organization, m.family, m.total_params_b, m.active_params_b,
       m.architecture, m.release_date,
       max(s.value) AS value, arg_max(s.source_url, s.value) AS source_url
FROM scores s JOIN models m ON m.name = s.model
WHERE s.benchmark = $benchmark AND s.setting = $setting
  AND ($as_of IS NULL OR m.release_date IS NULL OR m.release_date <= $as_of)
GROUP BY ALL
ORDER BY value DESC, model
"""

MODELS_RELEASED_AFTER_SQL = """
SELECT count(*) FILTER (WHERE release_date > $as_of) AS after,
       count(*) FILTER (WHERE release_date IS NULL)  AS undated
FROM models
"""


def setting_scores(store: Store, benchmark: str, models: list[str], settings: list[str]) -> pd.DataFrame:
    """One score per model and setting on a benchmark (first listed source), in the given orders."""
    return store.query(SETTING_SCORES_SQL, {"benchmark": benchmark, "models": list(models),
                                            "settings": list(settings)})


def benchmark_leaderboard(store: Store, benchmark: str, setting: str, as_of=None) -> pd.DataFrame:
    """Each model's best score on a benchmark in one setting, best first; ``as_of`` drops later models."""
    return store.query(BENCHMARK_LEADERBOARD_SQL, {"benchmark": benchmark, "setting": setting, "as_of": as_of})


def models_released_after(store: Store, as_of) -> dict[str, int]:
    """How many models were released after a date, and how many have no release date."""
    row = store.query(MODELS_RELEASED_AFTER_SQL, {"as_of": as_of}).iloc[0]
    return {"after": int(row["after"]), "undated": int(row["undated"])}


def default_setting(store: Store, benchmark: str) -> str | None:
    """The setting most models were scored in on a benchmark (None when it has no scores)."""
    frame = settings(store, benchmark)
    return None if frame.empty else str(frame["setting"].iloc[0])


# --- Schema documentation (Data and SQL pages, issue 5) --------------------------------------------

COLUMN_TYPES_SQL = """
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position
"""


def schema(store: Store) -> pd.DataFrame:
    """Every column of every table: its type from the database, its meaning and unit from schema_doc."""
    from superficial.schema_doc import schema_frame

    types = {(r.table_name, r.column_name): r.data_type for r in store.query(COLUMN_TYPES_SQL).itertuples()}
    return schema_frame(types)


KNOWN_MODELS_SQL = """
SELECT DISTINCT m.name
FROM models m LEFT JOIN aliases a ON a.model = m.name
WHERE list_contains($names, lower(m.name)) OR list_contains($names, lower(a.alias))
ORDER BY m.name
"""


def known_models(store: Store, names: list[str]) -> list[str]:
    """The canonical names of the models named (by name or alias, any case); unknown names are dropped."""
    wanted = [n.strip().lower() for raw in names for n in str(raw).split(",") if n.strip()]
    if not wanted:
        return []
    return store.query(KNOWN_MODELS_SQL, {"names": wanted})["name"].tolist()
