"""Every query the dashboard runs, each with bound parameters, in one place."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from superficial.db.store import Store

HEADLINE_SQL = """
SELECT
    (SELECT count(*) FROM models)                    AS models,
    (SELECT count(*) FROM scores)                    AS scores,
    (SELECT count(DISTINCT benchmark) FROM scores)   AS benchmarks,
    (SELECT count(*) FROM editions WHERE NOT draft AND is_edition) AS editions,
    (SELECT count(DISTINCT source_url) FROM scores)  AS sources
"""

# One row per edition (its versions listed in `versions`); newsletter editions only unless $every_post.
EDITIONS_SQL = """
SELECT slug, title, number, publish_date, updated_date, description, tags, format, path, is_edition, versions
FROM editions
WHERE ($include_drafts OR NOT draft) AND ($every_post OR is_edition)
ORDER BY publish_date DESC NULLS LAST, number DESC NULLS LAST, slug
"""

# A model is counted by its flagged pick (scored.pick_in_benchmark): no set of distinct names to hold.
BENCHMARKS_SQL = """
SELECT b.benchmark, b.unit, b.min_value, b.max_value, b.higher_is_better, b.description, b.link,
       coalesce(c.scores, 0) AS scores, coalesce(c.models, 0) AS models
FROM benchmarks b
LEFT JOIN (SELECT benchmark, count(*) AS scores, count(*) FILTER (WHERE pick_in_benchmark) AS models
           FROM scored GROUP BY benchmark) c USING (benchmark)
ORDER BY scores DESC, b.benchmark
"""

# The listings of the Data page: optionally only rows containing $search (any case) in a name column,
# and one page of them ($limit rows from $offset); `total` counts every row that matched.
MODELS_SQL = """
SELECT name, variant_of, organization, family, total_params_b, active_params_b, architecture,
       release_date, knowledge_cutoff, open_weights, license, link, count(*) OVER () AS total
FROM models
WHERE $search IS NULL
   OR contains(lower(name), lower($search)) OR contains(lower(organization), lower($search))
   OR contains(lower(coalesce(family, '')), lower($search))
ORDER BY release_date DESC NULLS LAST, name
LIMIT $limit OFFSET $offset
"""

_SCORES_WHERE = """($benchmark IS NULL OR benchmark = $benchmark)
  AND ($setting IS NULL OR setting = $setting)
  AND ($search IS NULL OR contains(lower(model), lower($search)) OR contains(lower(setting), lower($search)))"""

# The total counted by a scan of its own: a window over every match would hold all 500,000 rows of a big store
# to number a page of 500.
SCORES_SQL = f"""
SELECT model, benchmark, setting, value, source_url, note, organization, total_params_b, active_params_b,
       architecture, release_date, open_weights, (SELECT count(*) FROM scored WHERE {_SCORES_WHERE}) AS total
FROM scored
WHERE {_SCORES_WHERE}
ORDER BY benchmark, value DESC, model, setting
LIMIT $limit OFFSET $offset
"""

ALIASES_SQL = """
SELECT alias, model, count(*) OVER () AS total
FROM aliases
WHERE $search IS NULL OR contains(lower(alias), lower($search)) OR contains(lower(model), lower($search))
ORDER BY model, alias
LIMIT $limit OFFSET $offset
"""

MODEL_NAMES_SQL = "SELECT name, family FROM models ORDER BY name"

# list_contains of a bound list becomes an IN filter on the scan, which the word index answers (a semi join
# on the unnested list scanned every term).
MENTION_TERMS_SQL = """
SELECT word, term, kind, target FROM mention_terms
WHERE word = '' OR list_contains($words::VARCHAR[], word)
"""


def headline_figures(store: Store) -> dict[str, int]:
    """Counts shown on the home page: models, scores, benchmarks, editions (published newsletter editions, each
    once however many versions it has), sources."""
    row = store.query(HEADLINE_SQL).iloc[0]
    return {key: int(row[key]) for key in row.index}


def editions(store: Store, include_drafts: bool = False, every_post: bool = False) -> pd.DataFrame:
    """Editions newest first, undated ones last: one row each, however many versions; with ``every_post``,
    a blog's other posts too."""
    return store.query(EDITIONS_SQL, {"include_drafts": include_drafts, "every_post": every_post})


def benchmarks(store: Store) -> pd.DataFrame:
    """Each benchmark with its scale and how many scores and models it has."""
    return store.query(BENCHMARKS_SQL)


def models(store: Store, search: str | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Models newest first, optionally those whose name, organization or family contains `search`, one page."""
    return store.query(MODELS_SQL, {"search": search or None, "limit": limit, "offset": offset})


def scores(store: Store, benchmark: str | None = None, setting: str | None = None, search: str | None = None,
           limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Scores joined to their model's facts, optionally for one benchmark and setting or matching `search`
    (model or setting), one page: by benchmark, best first."""
    return store.query(SCORES_SQL, {"benchmark": benchmark, "setting": setting, "search": search or None,
                                    "limit": limit, "offset": offset})


def model_names(store: Store) -> pd.DataFrame:
    """Every model's name and family (what the mention matcher needs, not every column)."""
    return store.query(MODEL_NAMES_SQL)


def mention_terms(store: Store, words: list[str]) -> pd.DataFrame:
    """The mention terms filed under any of ``words`` (a text's words, case-folded), and those under no word."""
    return store.query(MENTION_TERMS_SQL, {"words": list(words)})


def aliases(store: Store, search: str | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Aliases by model, optionally those whose alias or model contains `search`, one page."""
    return store.query(ALIASES_SQL, {"search": search or None, "limit": limit, "offset": offset})


# --- benchmark pages (explore, efficiency, compare, timeline): filtered models and their scores ----
# Every query below starts from the same fixed CTE and takes the bound parameters of
# ``Filters.query_params()``: $basis, $min_params, $max_params, $include_unknown, $orgs, $archs,
# $open_weights, $licenses, $released_from, $released_to (None = no limit on that filter).

_PARAMS_B = "CASE WHEN $basis = 'active' THEN coalesce(active_params_b, total_params_b) ELSE total_params_b END"

# The filters as one WHERE clause over any row with the models' columns: models itself, or scored (each
# score with its model's facts, built so the score queries below need no join).
_FILTER_WHERE = f"""
    (CASE WHEN ({_PARAMS_B}) IS NULL THEN $include_unknown
          ELSE ($min_params IS NULL OR ({_PARAMS_B}) > $min_params)
           AND ($max_params IS NULL OR ({_PARAMS_B}) <= $max_params) END)
    AND ($orgs IS NULL OR list_contains($orgs::VARCHAR[], organization))
    AND ($archs IS NULL OR list_contains($archs::VARCHAR[], coalesce(architecture, 'undisclosed')))
    AND ($open_weights IS NULL OR open_weights = $open_weights)
    AND ($licenses IS NULL OR list_contains($licenses::VARCHAR[], coalesce(license, 'not stated')))
    AND ($released_from IS NULL OR release_date >= $released_from)
    AND ($released_to IS NULL OR release_date <= $released_to)
"""

_FILTERED_CTE = f"""
WITH filtered AS (
    SELECT name, base_model, organization, family, total_params_b, active_params_b, architecture, release_date,
           open_weights, license, link, {_PARAMS_B} AS params_b
    FROM models
    WHERE {_FILTER_WHERE}
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

FILTERED_COUNT_SQL = _FILTERED_CTE + """
SELECT count(*) AS models, count(*) FILTER (WHERE params_b IS NULL) AS unsized
FROM filtered
"""

# One pick per filtered model that has a score: the highest value reported for the setting (or, with
# $setting NULL, across every setting; the lowest where lower is better), ties broken by setting,
# source, then model. `reports` counts the values it was picked from, `settings` their settings. Read from `scored`
# (each score with its model's facts), so there is no join on names; a model's rows all pass or all fail
# the filters, which only look at the model's facts. The family form picks one per family of variants
# (models sharing a base_model) instead, names the variant picked and counts the family's `variants`.
_SCORE_ROWS = "benchmark = $benchmark AND ($setting IS NULL OR setting = $setting)"
_PICK = f"""
SELECT s.model AS model, s.benchmark AS benchmark, s.setting AS setting, s.value AS value,
       s.source_url AS source_url, s.note AS note, reports, settings, s.organization AS organization,
       coalesce(s.architecture, 'undisclosed') AS architecture, s.open_weights AS open_weights,
       CASE WHEN $basis = 'active' THEN coalesce(s.active_params_b, s.total_params_b)
            ELSE s.total_params_b END AS params_b,
       s.total_params_b AS total_params_b, s.active_params_b AS active_params_b,
       s.release_date AS release_date, s.license AS license__ID____FAMILY_COLUMNS__
FROM (
    -- The picked row's rowid, not the row: a struct of every column per score costs several times more.
    SELECT arg_min(rowid, {{'rank': CASE WHEN higher_is_better IS FALSE THEN value ELSE -value END,
                            'setting': setting, 'source': source_url, 'model': model}}) AS pick_row,
           count(*) AS reports, __SETTINGS__ AS settings__FAMILY_COUNT__
    FROM scored
    WHERE {_SCORE_ROWS} AND __ROWS__
    GROUP BY __GROUP__
) picked JOIN scored s ON s.rowid = picked.pick_row
"""


def _picks(rows: str, per_family: bool, one_setting: bool = False, with_id: bool = False) -> str:
    """_PICK over the scored rows matching `rows`, one pick per model or per family.

    `one_setting`: for queries run with a $setting, whose picks' values are all of that one setting (so
    `settings` is 1 without counting distinct settings, a second aggregation over every row). `with_id`: with
    the picked model's `model_id` (numbered in the names' order), a cheaper key than its name.
    """
    return (_PICK.replace("__ROWS__", rows).replace("__GROUP__", "base_model_id" if per_family else "model_id")
            .replace("__ID__", ", s.model_id AS model_id" if with_id else "")
            .replace("__SETTINGS__", "1" if one_setting else "count(DISTINCT setting)")
            .replace("__FAMILY_COLUMNS__", ", s.base_model AS base_model, variants" if per_family else "")
            .replace("__FAMILY_COUNT__", ", count(DISTINCT model_id) AS variants" if per_family else ""))


CHART_SCORES_SQL, FAMILY_CHART_SCORES_SQL = (_picks(_FILTER_WHERE, per_family) + """
ORDER BY value DESC, model
""" for per_family in (False, True))

# The same picks, only the best $limit plus the $keep models (or their families) wherever they rank;
# `total` counts them all. Ranked by a plain aggregate and a top-N (the ids follow the names' order), so
# the picking runs on the shown rows only, not on every model's.
_TOP_PICKS = f"""
WITH best AS MATERIALIZED (
    SELECT __GROUP__ AS id,
           CASE WHEN bool_and(higher_is_better IS FALSE) THEN min(value) ELSE max(value) END AS value
    FROM scored
    WHERE {_SCORE_ROWS} AND {_FILTER_WHERE}
    GROUP BY __GROUP__
),
shown AS (
    (SELECT id FROM best ORDER BY value DESC, id LIMIT $limit)
    UNION
    (SELECT id FROM best
     WHERE id IN (SELECT __GROUP__ FROM scored WHERE list_contains($keep::VARCHAR[], model)))
)
SELECT *, (SELECT count(*) FROM best) AS total
FROM (__PICKS__)
ORDER BY value DESC, model
"""
TOP_FAMILY_CHART_SCORES_SQL = _TOP_PICKS.replace("__GROUP__", "base_model_id").replace(
    "__PICKS__", _picks("base_model_id IN (SELECT id FROM shown)", True))

# The same per model, from the picks flagged in `scored`: one row per model, no grouping.
TOP_CHART_SCORES_SQL = f"""
WITH picks AS MATERIALIZED (
    SELECT * FROM scored
    WHERE benchmark = $benchmark
      AND CASE WHEN $setting IS NULL THEN pick_in_benchmark ELSE setting = $setting AND pick_in_setting END
      AND {_FILTER_WHERE}
)
SELECT model, benchmark, setting, value, source_url, note,
       CASE WHEN $setting IS NULL THEN benchmark_reports ELSE setting_reports END AS reports,
       CASE WHEN $setting IS NULL THEN benchmark_settings ELSE 1 END AS settings, organization,
       coalesce(architecture, 'undisclosed') AS architecture, open_weights, {_PARAMS_B} AS params_b, total_params_b,
       active_params_b, release_date, license, (SELECT count(*) FROM picks) AS total
FROM ((SELECT * FROM picks ORDER BY value DESC, model LIMIT $limit)
      UNION (SELECT * FROM picks WHERE list_contains($keep::VARCHAR[], model)))
ORDER BY value DESC, model
"""

# The largest $limit mixture-of-experts models among the filtered ones; `total` counts them all.
MOE_MODELS_SQL = _FILTERED_CTE + """
SELECT name, total_params_b, active_params_b, count(*) OVER () AS total
FROM filtered
WHERE active_params_b IS NOT NULL AND total_params_b IS NOT NULL
ORDER BY total_params_b DESC, name
LIMIT $limit
"""

# Every value reported for the benchmark by the filtered models: every setting, every source (the
# first $limit of them, best first, when a limit is given; `total` counts them all, apart: a count over
# every row would keep them all to the end of the query).
BENCHMARK_ROWS_SQL = f"""
SELECT model, setting, value, source_url, note, organization, {_PARAMS_B} AS params_b, release_date,
       (SELECT count(*) FROM scored WHERE benchmark = $benchmark AND {_FILTER_WHERE}) AS total
FROM scored
WHERE benchmark = $benchmark AND {_FILTER_WHERE}
ORDER BY value DESC, model, setting, source_url
LIMIT $limit
"""

# The filtered models with no score on the benchmark (in the setting): how many, and the first $limit names.
MISSING_SCORES_SQL = _FILTERED_CTE + """,
missing AS (
    SELECT f.name
    FROM filtered f ANTI JOIN (SELECT model FROM scored
                               WHERE benchmark = $benchmark AND ($setting IS NULL OR setting = $setting)) s
         ON f.name = s.model
)
-- The count as a scalar, not a window over every missing name: only the first $limit are sorted and returned.
SELECT name, (SELECT count(*) FROM missing) AS total
FROM missing
ORDER BY name
LIMIT $limit
"""

# The first $limit of them, looked for among the first $among filtered models by name only (their scores read
# by name, not every score of the benchmark): missing_scores falls back on the query above when too few are found.
FIRST_MISSING_SQL = _FILTERED_CTE + """,
candidates AS MATERIALIZED (SELECT name FROM filtered ORDER BY name LIMIT $among)
SELECT name
FROM candidates
WHERE name NOT IN (SELECT model FROM scored
                   WHERE benchmark = $benchmark AND ($setting IS NULL OR setting = $setting)
                     AND model IN (SELECT name FROM candidates))
ORDER BY name
LIMIT $limit
"""

# The same for families of variants: the filtered models' families none of whose filtered models has a
# score, named by their base_model.
MISSING_FAMILY_SCORES_SQL = _FILTERED_CTE + f"""
SELECT base_model AS name, count(*) OVER () AS total
FROM (SELECT DISTINCT base_model FROM filtered)
WHERE base_model NOT IN (SELECT base_model FROM scored WHERE {_SCORE_ROWS} AND {_FILTER_WHERE})
ORDER BY name
LIMIT $limit
"""

SETTINGS_SQL = """
SELECT setting, count(*) AS scores, count(*) FILTER (WHERE pick_in_setting) AS models
FROM scored
WHERE benchmark = $benchmark
GROUP BY setting
ORDER BY models DESC, scores DESC, setting
"""

# Every score of the named models, with each model's facts (for the compare page): joined from the names, so
# only their scores are read, not every score tested against the list.
MODEL_SCORES_SQL = """
SELECT s.model, s.benchmark, s.setting, s.value, s.source_url, s.note,
       b.unit, b.min_value, b.max_value
FROM (SELECT unnest($names::VARCHAR[]) AS model) picked JOIN scores s USING (model) JOIN benchmarks b USING (benchmark)
ORDER BY s.benchmark, s.setting, list_position($names::VARCHAR[], s.model), s.value DESC, s.source_url
"""

MODEL_FACTS_SQL = """
SELECT name, variant_of, organization, total_params_b, active_params_b,
       coalesce(architecture, 'undisclosed') AS architecture, release_date, knowledge_cutoff, open_weights, license,
       link
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


def filtered_count(store: Store, filters) -> dict[str, int]:
    """How many models the filters keep, and how many of those have an undisclosed size."""
    row = store.query(FILTERED_COUNT_SQL, filters.query_params()).iloc[0]
    return {"models": int(row["models"]), "unsized": int(row["unsized"])}


def chart_scores(store: Store, filters, benchmark: str, setting: str | None = None, *,
                 per_family: bool = False) -> pd.DataFrame:
    """One score per filtered model: the highest for `setting`, or with no setting each model's best.

    With `per_family`, one per family of variants: its best variant (`model`), with `base_model` and how
    many of the family's `variants` were scored.
    """
    return store.query(FAMILY_CHART_SCORES_SQL if per_family else CHART_SCORES_SQL,
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting})


def top_chart_scores(store: Store, filters, benchmark: str, setting: str | None = None, *, limit: int = 40,
                     keep: list[str] | tuple[str, ...] = (), per_family: bool = False) -> pd.DataFrame:
    """chart_scores' best `limit` rows plus the `keep` models (or, `per_family`, their families); column
    `total` counts every filtered model (or family) scored."""
    return store.query(TOP_FAMILY_CHART_SCORES_SQL if per_family else TOP_CHART_SCORES_SQL,
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting, "limit": limit,
                        "keep": list(keep)})


def moe_models(store: Store, filters, limit: int = 40) -> pd.DataFrame:
    """The largest `limit` mixture-of-experts models the filters keep (column `total` counts them all)."""
    return store.query(MOE_MODELS_SQL, {**filters.query_params(), "limit": limit})


def benchmark_rows(store: Store, filters, benchmark: str, limit: int | None = None) -> pd.DataFrame:
    """Every reported value of the filtered models on one benchmark (all settings and sources), best first.

    With a `limit`, only the first rows; column `total` counts them all.
    """
    return store.query(BENCHMARK_ROWS_SQL, {**filters.query_params(), "benchmark": benchmark, "limit": limit})


def missing_scores(store: Store, filters, benchmark: str, setting: str | None = None,
                   limit: int | None = None, *, per_family: bool = False,
                   counts: tuple[int, int] | None = None) -> tuple[int, list[str]]:
    """How many filtered models have no score on the benchmark (in that setting, if given), and their names
    (the first `limit`, alphabetically). With `per_family`, the families none of whose models has one.

    ``counts``: how many models the filters keep and how many of them have a score, when known already
    (filtered_count, top_chart_scores' `total`); then only the first names are looked for.
    """
    params = {**filters.query_params(), "benchmark": benchmark, "setting": setting, "limit": limit}
    if counts is not None and not per_family and limit is not None:
        kept, scored = counts
        missing = kept - scored
        if missing <= 0:
            return 0, []
        # Among the first models by name, as many as hold about twice `limit` missing ones at the overall rate.
        among = -(-2 * limit * kept // missing)
        if among < kept // 4:
            names = store.query(FIRST_MISSING_SQL, {**params, "among": among})["name"].tolist()
            if len(names) >= min(limit, missing):
                return missing, names
    frame = store.query(MISSING_FAMILY_SCORES_SQL if per_family else MISSING_SCORES_SQL, params)
    return (int(frame["total"].iloc[0]) if not frame.empty else 0), frame["name"].tolist()


# --- the dense pages (efficiency, timeline): what their charts and tables show, merged in SQL ---------
# At tens of thousands of models the pages draw a few thousand points, not every pick: rows that would
# fall in the same cell of a grid over the plot are merged into their best one (value, then name), which
# carries `merged`, how many models it stands for. Models that are named on the chart (the frontier, the
# records) are never merged. Every part comes back from one query with a `part` column.

# A point's hover facts after its group: weights and size (display.weights_label and params_label).
_HOVER_FACTS = """
    CASE WHEN open_weights IS NULL THEN 'weights: not stated'
         WHEN open_weights THEN 'open weights' ELSE 'closed weights' END
    || ' · ' || CASE WHEN total_params_b IS NULL THEN 'size undisclosed'
                     ELSE printf('%gB', total_params_b)
                          || coalesce(printf(' total / %gB active', active_params_b), '') END
"""

# The cell of a grid of $cells_x × $cells_y over the plot; every pick has a cell of its own up to $max_points.
_CELL = """
    CASE WHEN g.n <= $max_points THEN p.model_id END AS own,
    round((__X__ - g.x0) / coalesce(nullif(g.x1 - g.x0, 0), 1) * ($cells_x - 1)) AS cx,
    round((p.value - g.y0) / coalesce(nullif(g.y1 - g.y0, 0), 1) * ($cells_y - 1)) AS cy
"""

# The points a dense chart draws: `__ROWS__` merged one per grid cell into the cell's best, with how many it
# stands for; the rows of `__KEPT__` (the frontier, the records) are never merged.
_MERGED = """cells AS (
    SELECT p.model_id, p.value, __CELL__
    FROM __ROWS__ p, grid g
    WHERE p.model_id NOT IN (SELECT model_id FROM __KEPT__)
),
points AS (
    SELECT p.*, merged
    FROM (SELECT arg_min(model_id, {'v': -value, 'm': model_id}) AS model_id, count(*) AS merged
          FROM cells GROUP BY cx, cy, own) JOIN __ROWS__ p USING (model_id)
)"""

_SIZED_FRONTIER = """
WITH picks AS (__PICKS__),
sized AS MATERIALIZED (
    SELECT *, value / params_b AS per_billion FROM picks WHERE params_b > 0
),
-- Each size's best (and lowest) score: only the best of a size can be on the frontier, and a size has a model
-- scoring at most some value when its lowest does. A few thousand sizes, not every row.
sizes AS MATERIALIZED (
    SELECT params_b, max(value) AS best, arg_min(model_id, {'v': -value, 'm': model_id}) AS best_id, min(value) AS low
    FROM sized
    GROUP BY params_b
),
-- Smallest first: a size's best is on the frontier when it beats every smaller size's best.
frontier AS MATERIALIZED (
    SELECT best_id AS model_id, params_b, best AS value
    FROM (SELECT *, max(best) OVER (ORDER BY params_b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS best_before
          FROM sizes)
    WHERE best_before IS NULL OR best > best_before
)
"""
_EFFICIENCY = _SIZED_FRONTIER + """,
grid AS (
    SELECT count(*) AS n, 0.02 * max(value) AS slack, min(log10(params_b)) AS x0, max(log10(params_b)) AS x1,
           min(value) AS y0, max(value) AS y1
    FROM sized
),
-- For each frontier model, the largest size with a model scoring at most slack above it (the default pair of
-- two models in one sentence); the pair with the biggest ratio of sizes, its large model the first name of that size.
near AS (
    SELECT f.model_id AS small, f.params_b AS small_params, f.value + (SELECT slack FROM grid) AS ceiling,
           max(s.params_b) AS largest
    FROM frontier f JOIN sizes s ON s.params_b > f.params_b AND s.low <= f.value + (SELECT slack FROM grid)
    GROUP BY f.model_id, f.params_b, f.value
),
pair AS (
    SELECT small, (SELECT min(r.model_id) FROM sized r WHERE r.params_b = n.largest AND r.value <= n.ceiling) AS big
    FROM (SELECT * FROM near ORDER BY largest / small_params DESC, small_params, small LIMIT 1) n
),
__MERGED__
SELECT * EXCLUDE (model_id), model_id IN (SELECT model_id FROM frontier) AS on_frontier, __HOVER__ AS hover_facts,
       (SELECT n FROM grid) AS total
FROM (
    (SELECT 'frontier' AS part, *, 1 AS merged FROM sized WHERE model_id IN (SELECT model_id FROM frontier))
    UNION ALL BY NAME
    (SELECT 'table' AS part, *, 1 AS merged FROM sized ORDER BY per_billion DESC, model LIMIT $table_rows)
    UNION ALL BY NAME
    (SELECT 'best' AS part, *, 1 AS merged FROM sized ORDER BY value DESC, model LIMIT $choices)
    UNION ALL BY NAME
    (SELECT CASE WHEN model_id = (SELECT small FROM pair) THEN 'pair_a' ELSE 'pair_b' END AS part, *, 1 AS merged
     FROM sized WHERE model_id IN (SELECT small FROM pair UNION ALL SELECT big FROM pair))
    UNION ALL BY NAME
    (SELECT 'point' AS part, * FROM points)
    UNION ALL BY NAME
    (SELECT 'unsized' AS part, *, count(*) OVER () AS merged FROM picks WHERE params_b IS NULL
     ORDER BY value DESC, model LIMIT $unsized_names)
    UNION ALL BY NAME
    __UNSCORED__
)
"""
# The filtered models (or families) with no pick: the first $unscored_names by name, `merged` counting them all
# (queries.missing_scores, from the picks already made).
_UNSCORED = """(
    WITH unscored AS MATERIALIZED (
        SELECT name FROM (SELECT name FROM models WHERE __FILTER__)
        WHERE name NOT IN (SELECT model FROM picks))
    SELECT 'unscored' AS part, name AS model, (SELECT count(*) FROM unscored) AS merged
    FROM unscored ORDER BY name LIMIT $unscored_names)"""
_FAMILY_UNSCORED = """(
    WITH unscored AS MATERIALIZED (
        SELECT DISTINCT base_model AS name FROM models WHERE __FILTER__
        AND base_model NOT IN (SELECT base_model FROM picks))
    SELECT 'unscored' AS part, name AS model, (SELECT count(*) FROM unscored) AS merged
    FROM unscored ORDER BY name LIMIT $unscored_names)"""


# One pick per filtered model, with its model_id, read from the picks flagged in `scored` (as
# TOP_CHART_SCORES_SQL): no grouping of every score.
_FLAGGED_PICKS = f"""
SELECT model, benchmark, setting, value, source_url, note,
       CASE WHEN $setting IS NULL THEN benchmark_reports ELSE setting_reports END AS reports,
       CASE WHEN $setting IS NULL THEN benchmark_settings ELSE 1 END AS settings, organization,
       coalesce(architecture, 'undisclosed') AS architecture, open_weights, {_PARAMS_B} AS params_b, total_params_b,
       active_params_b, release_date, license, model_id
FROM scored
WHERE benchmark = $benchmark
  AND CASE WHEN $setting IS NULL THEN pick_in_benchmark ELSE setting = $setting AND pick_in_setting END
  AND {_FILTER_WHERE}
"""


def _dense_sql(template: str, x: str, rows: str, kept: str, per_family: bool, one_setting: bool) -> str:
    """A dense page's query: `template` over the picks (flagged per model; per family, grouped), its grid's x
    axis `x`, its points merged from `rows` but for `kept`, its parts and their hovers."""
    unscored = (_FAMILY_UNSCORED if per_family else _UNSCORED).replace("__FILTER__", _FILTER_WHERE)
    picks = _picks(_FILTER_WHERE, per_family, one_setting, with_id=True) if per_family else _FLAGGED_PICKS
    return (template.replace("__PICKS__", picks).replace("__MERGED__", _MERGED.replace("__ROWS__", rows)
                                                                       .replace("__KEPT__", kept))
            .replace("__HOVER__", _HOVER_FACTS).replace("__CELL__", _CELL.replace("__X__", x))
            .replace("__UNSCORED__", unscored))


# Keyed by (per_family, one_setting).
EFFICIENCY_SQL = {(per_family, one_setting):
                  _dense_sql(_EFFICIENCY, "log10(p.params_b)", "sized", "frontier", per_family, one_setting)
                  for per_family in (False, True) for one_setting in (False, True)}

# Every sized pick with its points per billion and whether it is on the frontier, best per billion first.
EFFICIENCY_ROWS_SQL, FAMILY_EFFICIENCY_ROWS_SQL = (_SIZED_FRONTIER.replace("__PICKS__", _picks(_FILTER_WHERE, per_family,
                                                                                             with_id=True))
                                                   + """
SELECT * EXCLUDE (model_id), model_id IN (SELECT model_id FROM frontier) AS on_frontier
FROM sized
ORDER BY per_billion DESC, model
""" for per_family in (False, True))

# chart_scores' rows of the named models (a selection in a chart, a link's models): only their scores (or their
# families') are picked from.
NAMED_PICKS_SQL, FAMILY_NAMED_PICKS_SQL = (f"""
SELECT *
FROM ({_picks(_FILTER_WHERE + " AND " + rows, per_family)})
WHERE list_contains($names::VARCHAR[], model)
ORDER BY value DESC, model
""" for rows, per_family in (
    ("list_contains($names::VARCHAR[], model)", False),
    ("base_model_id IN (SELECT base_model_id FROM scored WHERE list_contains($names::VARCHAR[], model))", True)))

_TIMELINE = """
WITH picks AS MATERIALIZED (__PICKS__),
dated AS (SELECT * FROM picks WHERE release_date IS NOT NULL),
grid AS (
    SELECT count(*) AS n, min(epoch(release_date)) AS x0, max(epoch(release_date)) AS x1,
           min(value) AS y0, max(value) AS y1
    FROM dated
),
-- The best of each day, then the days whose best beats every earlier day's: the state of the art over time,
-- overall and among open weights (charts.timeline.records).
day_best AS (
    SELECT release_date, max(value) AS best, arg_min(model_id, {'v': -value, 'm': model_id}) AS model_id
    FROM dated GROUP BY release_date
),
open_day_best AS (
    SELECT release_date, max(value) AS best, arg_min(model_id, {'v': -value, 'm': model_id}) AS model_id
    FROM dated WHERE open_weights GROUP BY release_date
),
records AS MATERIALIZED (
    SELECT model_id FROM (
        SELECT model_id, best, max(best) OVER (ORDER BY release_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
        FROM day_best)
    WHERE before IS NULL OR best > before
    UNION
    SELECT model_id FROM (
        SELECT model_id, best, max(best) OVER (ORDER BY release_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
        FROM open_day_best)
    WHERE before IS NULL OR best > before
),
__MERGED__
SELECT * EXCLUDE (model_id), __HOVER__ AS hover_facts, (SELECT count(*) FROM picks) AS total,
       (SELECT n FROM grid) AS dated
FROM (
    (SELECT 'record' AS part, *, 1 AS merged FROM dated WHERE model_id IN (SELECT model_id FROM records))
    UNION ALL BY NAME
    (SELECT 'point' AS part, * FROM points)
    UNION ALL BY NAME
    (SELECT 'table' AS part, *, 1 AS merged FROM picks ORDER BY value DESC, model LIMIT $table_rows)
    UNION ALL BY NAME
    (SELECT 'undated' AS part, *, count(*) OVER () AS merged FROM picks WHERE release_date IS NULL
     ORDER BY value DESC, model LIMIT $undated_names)
    UNION ALL BY NAME
    __UNSCORED__
)
"""
TIMELINE_SQL = {(per_family, one_setting):
                _dense_sql(_TIMELINE, "epoch(p.release_date)", "dated", "records", per_family, one_setting)
                for per_family in (False, True) for one_setting in (False, True)}

# Grids of the dense charts: cells across × up.
EFFICIENCY_CELLS = (100, 60)
TIMELINE_CELLS = (32, 18)
TABLE_ROWS = 500  # rows a table sends to the browser; the CSV download has them all


EFFICIENCY_PARTS = ("frontier", "table", "best", "pair_a", "pair_b", "point", "unsized", "unscored")
TIMELINE_PARTS = ("record", "point", "table", "undated", "unscored")


def _parts(table: pa.Table, parts: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """A dense page's rows split by their `part`: converted to pandas once, ordered by part (keeping each part's
    order) with one take per column, then sliced (a selection per part took every column once per part)."""
    frame = table.to_pandas(date_as_object=False)
    part = frame.pop("part").to_numpy(dtype=object)
    order = np.argsort(part, kind="stable")
    frame, part = frame.take(order).reset_index(drop=True), part[order]
    return {name: frame.iloc[np.searchsorted(part, name, "left"):np.searchsorted(part, name, "right")]
            .reset_index(drop=True) for name in parts}


def efficiency_view(store: Store, filters, benchmark: str, setting: str | None, *, table_rows: int,
                    choices: int, unsized_names: int, unscored_names: int, max_points: int,
                    per_family: bool = False) -> dict[str, pd.DataFrame]:
    """The efficiency page's rows in one query, by part (EFFICIENCY_PARTS): 'frontier' (every frontier row),
    'table' (the first `table_rows` by points per billion), 'best' (the first `choices` by score),
    'pair_a' and 'pair_b' (a small model matching a large one, when there is such a pair), 'point'
    (the chart's points besides the frontier: above `max_points` merged per cell, `merged` counting the
    models each stands for) and 'unsized' (the first `unsized_names` picks of undisclosed size, `merged`
    counting them all) and 'unscored' (the first `unscored_names` filtered models, or families, with no pick,
    `merged` counting them all). `total` counts the sized picks."""
    return _parts(store.query_table(EFFICIENCY_SQL[per_family, setting is not None],
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting,
                        "table_rows": table_rows, "choices": choices, "unsized_names": unsized_names,
                        "unscored_names": unscored_names,
                        "max_points": max_points,
                        "cells_x": EFFICIENCY_CELLS[0], "cells_y": EFFICIENCY_CELLS[1]}), EFFICIENCY_PARTS)


def efficiency_rows(store: Store, filters, benchmark: str, setting: str | None, *,
                    per_family: bool = False) -> pd.DataFrame:
    """Every sized pick with `per_billion` and `on_frontier`, best per billion first (the efficiency table in full)."""
    return store.query(FAMILY_EFFICIENCY_ROWS_SQL if per_family else EFFICIENCY_ROWS_SQL,
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting})


def named_picks(store: Store, filters, benchmark: str, setting: str | None, names: list[str], *,
                per_family: bool = False) -> pd.DataFrame:
    """chart_scores' rows of the named models only (with `per_family`, of those naming their family's pick)."""
    return store.query(FAMILY_NAMED_PICKS_SQL if per_family else NAMED_PICKS_SQL,
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting, "names": list(names)})


def timeline_view(store: Store, filters, benchmark: str, setting: str | None, *, table_rows: int,
                  undated_names: int, unscored_names: int, max_points: int,
                  per_family: bool = False) -> dict[str, pd.DataFrame]:
    """The timeline page's rows in one query, by part (TIMELINE_PARTS): 'record' (the best score yet at release,
    overall or among open weights, never merged), 'point' (the other dated picks, merged per cell of the
    grid above `max_points`), 'table' (the first `table_rows` picks by score) and 'undated' (the first
    `undated_names` picks with no release date, `merged` counting them all) and 'unscored' (as in
    efficiency_view). `total` counts every pick,
    `dated` those with a release date."""
    return _parts(store.query_table(TIMELINE_SQL[per_family, setting is not None],
                       {**filters.query_params(), "benchmark": benchmark, "setting": setting,
                        "table_rows": table_rows, "undated_names": undated_names, "max_points": max_points,
                        "unscored_names": unscored_names,
                        "cells_x": TIMELINE_CELLS[0], "cells_y": TIMELINE_CELLS[1]}), TIMELINE_PARTS)


def settings(store: Store, benchmark: str) -> pd.DataFrame:
    """The settings a benchmark was run in, the one most models share first."""
    return store.query(SETTINGS_SQL, {"benchmark": benchmark})


def model_scores(store: Store, names: list[str]) -> pd.DataFrame:
    """Every score of the named models, by benchmark and setting, models in the order given."""
    return store.query(MODEL_SCORES_SQL, {"names": list(names)})


def model_facts(store: Store, names: list[str]) -> pd.DataFrame:
    """Variant, size, organization, architecture, release, cutoff and license of the named models, in order."""
    return store.query(MODEL_FACTS_SQL, {"names": list(names)})


# Each named model with the models whose variant_of chain leads to it (for a base model, its whole family).
_MEANT = """
WITH RECURSIVE meant(asked, name) AS (
    SELECT asked, asked FROM (SELECT unnest($names::VARCHAR[]) AS asked) WHERE asked IN (SELECT name FROM models)
    UNION
    SELECT meant.asked, m.name FROM models m JOIN meant ON m.variant_of = meant.name
)
"""

# The named models and their variants released by $as_of (undated ones kept): for each name asked, the
# model itself first, then its variants oldest first.
VARIANTS_SQL = _MEANT + """
SELECT meant.asked, m.name, m.variant_of, m.base_model, m.organization, m.release_date, m.knowledge_cutoff,
       m.name = meant.asked AS is_asked
FROM meant JOIN models m ON m.name = meant.name
WHERE $as_of IS NULL OR m.release_date IS NULL OR m.release_date <= $as_of
ORDER BY list_position($names::VARCHAR[], meant.asked), is_asked DESC, m.release_date NULLS LAST, m.name
"""


def variants(store: Store, model: str | list[str], as_of=None) -> pd.DataFrame:
    """A model (or each model of a list) and its variants: the models whose variant_of chain leads to it,
    so a base model's whole family. `asked` names the model each row answers, `base_model` the family's
    root; ``as_of`` leaves out what was released after that date. Unknown names give no rows."""
    names = [model] if isinstance(model, str) else list(model)
    return store.query(VARIANTS_SQL, {"names": names, "as_of": as_of})


# --- Editions page -------------------------------------------------------------------------------

SETTING_SCORES_SQL = """
SELECT s.model, s.setting, s.value, s.source_url, s.note
FROM scores s
WHERE s.benchmark = $benchmark
  AND list_contains($models::VARCHAR[], s.model)
  AND list_contains($settings::VARCHAR[], s.setting)
QUALIFY row_number() OVER (PARTITION BY s.model, s.setting ORDER BY s.source_line) = 1
ORDER BY list_position($models::VARCHAR[], s.model), list_position($settings::VARCHAR[], s.setting)
"""

VARIANT_SETTING_SCORES_SQL = _MEANT + """
SELECT meant.asked AS model, s.model AS variant, s.setting, s.value, s.source_url, s.note
FROM meant JOIN scores s ON s.model = meant.name
WHERE s.benchmark = $benchmark AND list_contains($settings::VARCHAR[], s.setting)
QUALIFY row_number() OVER (PARTITION BY meant.asked, s.setting ORDER BY s.model = meant.asked DESC, s.source_line) = 1
ORDER BY list_position($names::VARCHAR[], meant.asked), list_position($settings::VARCHAR[], s.setting)
"""

# Only the columns the side charts draw: at 100,000 models the board is 80,000 rows. The family form
# has one row per family of variants: its best variant, the family's base_model and its scored `variants`.
# Each model's pick in the setting is flagged at build: one row a model, no grouping.
BENCHMARK_LEADERBOARD_SQL = """
SELECT model, total_params_b, value, source_url
FROM scored
WHERE benchmark = $benchmark AND setting = $setting AND pick_in_setting
  AND ($as_of IS NULL OR release_date IS NULL OR release_date <= $as_of)
ORDER BY value DESC, model_id
"""

FAMILY_LEADERBOARD_SQL = """
SELECT best.model AS model, best.total_params_b AS total_params_b, best.value AS value,
       best.source_url AS source_url, best.base_model AS base_model, variants
FROM (
    SELECT arg_min({'model': model, 'total_params_b': total_params_b, 'value': value, 'source_url': source_url,
                    'base_model': base_model}, {'rank': -value, 'model': model}) AS best,
           count(DISTINCT model_id) AS variants
    FROM scored
    WHERE benchmark = $benchmark AND setting = $setting
      AND ($as_of IS NULL OR release_date IS NULL OR release_date <= $as_of)
    GROUP BY base_model_id
)
ORDER BY value DESC, model
"""

def setting_scores(store: Store, benchmark: str, models: list[str], settings: list[str], *,
                   with_variants: bool = False) -> pd.DataFrame:
    """One score per model and setting on a benchmark (first listed source), in the given orders.

    ``with_variants``: a model's score may come from one of its variants (its own first), named in `variant`.
    """
    if with_variants:
        return store.query(VARIANT_SETTING_SCORES_SQL, {"benchmark": benchmark, "names": list(models),
                                                        "settings": list(settings)})
    return store.query(SETTING_SCORES_SQL, {"benchmark": benchmark, "models": list(models),
                                            "settings": list(settings)})


def benchmark_leaderboard(store: Store, benchmark: str, setting: str, as_of=None, *,
                          per_family: bool = False) -> pa.Table:
    """Each model's best score on a benchmark in one setting, best first; ``as_of`` drops later models.

    With `per_family`, each family's best variant (named in `model`), its `base_model` and `variants`.
    """
    return store.query_table(FAMILY_LEADERBOARD_SQL if per_family else BENCHMARK_LEADERBOARD_SQL,
                             {"benchmark": benchmark, "setting": setting, "as_of": as_of})


def default_setting(store: Store, benchmark: str) -> str | None:
    """The setting most models were scored in on a benchmark (None when it has no scores)."""
    frame = settings(store, benchmark)
    return None if frame.empty else str(frame["setting"].iloc[0])


# --- Schema documentation (Data and SQL pages) -----------------------------------------------------

COLUMN_TYPES_SQL = """
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position
"""


def schema(store: Store) -> pd.DataFrame:
    """Every column of every table: its type from the database, its meaning and unit from schema_doc."""
    from superficial.db.schema import schema_frame

    types = {(r.table_name, r.column_name): r.data_type for r in store.query(COLUMN_TYPES_SQL).itertuples()}
    return schema_frame(types)


KNOWN_MODELS_SQL = """
SELECT DISTINCT m.name
FROM models m LEFT JOIN aliases a ON a.model = m.name
WHERE list_contains($names, lower(m.name)) OR list_contains($names, lower(a.alias))
ORDER BY m.name
"""


def _names_in(values: list[str]) -> list[str]:
    """The lowercased names a ?models= value may mean: each value whole (a name may hold a comma) and its
    comma-separated parts."""
    return sorted({n.strip().lower() for raw in values for n in (str(raw), *str(raw).split(",")) if n.strip()})


def known_models(store: Store, names: list[str]) -> list[str]:
    """The canonical names of the models named (by name or alias, any case; 'A,B' strings too); unknown names
    are dropped."""
    wanted = _names_in(names)
    if not wanted:
        return []
    return store.query(KNOWN_MODELS_SQL, {"names": wanted})["name"].tolist()


# --- Compare page's model picker at any size ------------------------------------------------------

# Each model under its name and each alias, lowercased; a model matches when every search term is in
# one of them. Rank: the whole text is a name or alias, then a name or alias starting with it, then
# the rest; within each, the models with the most scores, then the newest.
FIND_MODELS_SQL = """
WITH labels AS (
    SELECT name, lower(name) AS label FROM models
    UNION ALL
    SELECT model, lower(alias) FROM aliases
),
matched AS (
    SELECT name, min(CASE WHEN label = $text THEN 0 WHEN starts_with(label, $text) THEN 1 ELSE 2 END) AS rank
    FROM labels
    WHERE len(list_filter($terms::VARCHAR[], lambda t: NOT contains(label, t))) = 0
    GROUP BY name
),
counted AS (
    SELECT model, count(*) AS scores FROM scores GROUP BY model
)
SELECT mt.name, coalesce(c.scores, 0) AS scores, count(*) OVER () AS matches
FROM matched mt JOIN models m ON m.name = mt.name LEFT JOIN counted c ON c.model = mt.name
ORDER BY mt.rank, scores DESC, m.release_date DESC NULLS LAST, lower(mt.name), mt.name
LIMIT $limit
"""

MODEL_LOOKUP_SQL = """
SELECT key, name FROM (
    SELECT lower(name) AS key, name, 0 AS by_alias FROM models WHERE list_contains($names::VARCHAR[], lower(name))
    UNION ALL
    SELECT lower(alias), model, 1 FROM aliases WHERE list_contains($names::VARCHAR[], lower(alias))
)
QUALIFY row_number() OVER (PARTITION BY key ORDER BY by_alias, name) = 1
"""


def find_models(store: Store, text: str = "", limit: int = 50) -> pd.DataFrame:
    """Models whose name or an alias contains every word of ``text`` (any case), best first, at most ``limit``.

    Columns: name, scores (how many the model has), matches (how many models match in all). An empty
    text matches every model, those with the most scores first.
    """
    text = " ".join(str(text or "").lower().split())
    return store.query(FIND_MODELS_SQL, {"text": text, "terms": text.split(), "limit": int(limit)})


def model_lookup(store: Store, names: list[str]) -> dict[str, str]:
    """{lowercased name or alias: canonical name} for the names given ('A,B' strings too, and each string
    whole) that are models."""
    wanted = _names_in(names)
    if not wanted:
        return {}
    frame = store.query(MODEL_LOOKUP_SQL, {"names": wanted})
    return dict(zip(frame["key"], frame["name"]))


# --- Claims: what an edition's sentences are checked against --------------------------------------

BENCHMARK_SETTINGS_SQL = "SELECT DISTINCT benchmark, setting FROM scores ORDER BY benchmark, setting"

# Every column, so the models' identity columns (such as which model a snapshot is a variant of) come
# along whatever the data has.
CLAIM_MODELS_SQL = """
SELECT m.name, m.variant_of, m.total_params_b, m.active_params_b, m.release_date, m.link, ids.model_id
FROM models m LEFT JOIN (SELECT DISTINCT model, model_id FROM scored) ids ON ids.model = m.name
ORDER BY m.name
"""

# By scored.model_id: matching a hundred integers over every score row is a third of matching names.
CLAIM_SCORES_SQL = """
SELECT model, benchmark, setting, value, source_url
FROM scored
WHERE model_id IN (SELECT unnest($model_ids::BIGINT[]))
ORDER BY benchmark, setting, model, value DESC, source_url
"""


def benchmark_settings(store: Store) -> pd.DataFrame:
    """Each benchmark with each setting it has scores in."""
    return store.query(BENCHMARK_SETTINGS_SQL)


def claim_models(store: Store) -> pa.Table:
    """Every model with what a claim is checked by: the model it is a variant of, its sizes, release date and link,
    and the `model_id` of its scores (null when it has none)."""
    return store.query_table(CLAIM_MODELS_SQL)


def claim_scores(store: Store, model_ids: list[int]) -> pa.Table:
    """Every score of the models of these ``model_id``s (claim_models'): model, benchmark, setting, value, source_url."""
    return store.query_table(CLAIM_SCORES_SQL, {"model_ids": list(model_ids)})
