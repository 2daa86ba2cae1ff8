import datetime as dt

import pandas as pd
import pytest

from superficial.benchmarks.filters import Filters
from superficial.db import queries
from superficial.db.store import Store


def test_headline_figures(fixture_store):
    assert queries.headline_figures(fixture_store) == {
        "models": 8, "scores": 12, "benchmarks": 3, "editions": 2, "sources": 8,  # #5 in two versions counts once
    }


def test_editions_newest_first_drafts_hidden_one_row_per_edition(fixture_store):
    rows = queries.editions(fixture_store)
    assert rows.title.tolist() == [
        "Some interesting things to start the week #5",
        "Some interesting things to start the week #4",
    ]
    assert rows.publish_date.iloc[0].date() == dt.date(2023, 12, 17)
    assert [list(v) for v in rows.versions] == [["2023-12-17-week-5", "week-5-plain"], ["2023-12-10-week-4"]]
    assert rows.format.tolist() == ["markdown", "markdown"]  # the blog post is the default version
    with_drafts = queries.editions(fixture_store, include_drafts=True)
    assert with_drafts.title.iloc[0] == "Unfinished thoughts #6"


def test_scores_for_one_benchmark_and_setting(fixture_store):
    rows = queries.scores(fixture_store, benchmark="MMLU", setting="5-shot")
    assert list(zip(rows.model, rows.value)) == [
        ("GPT-4", 86.4), ("Gemini Ultra", 83.7), ("Mixtral 8x7B", 70.6), ("Llama 2 70B", 68.9),
        ("Gemma 7B", 64.3), ("Mistral 7B", 62.5), ("Mistral 7B", 60.1),
    ]


def test_benchmarks_counts(fixture_store):
    rows = queries.benchmarks(fixture_store).set_index("benchmark")
    assert rows.loc["MMLU", "scores"] == 10 and rows.loc["MMLU", "models"] == 6
    assert rows.loc["MT-Bench", "scores"] == 1
    assert rows.loc["GSM8K", "scores"] == 0


def test_aliases(fixture_store):
    rows = queries.aliases(fixture_store)
    assert dict(zip(rows.alias, rows.model))["Mistral-small"] == "Mixtral 8x7B"
    assert len(rows) == 5 and (rows.total == 5).all()
    found = queries.aliases(fixture_store, search="mistral-S", limit=1)
    assert list(found.alias) == ["Mistral-small"] and (found.total == 1).all()
    assert len(queries.aliases(fixture_store, limit=2, offset=4)) == 1


def test_known_models_by_name_or_alias(fixture_store):
    assert queries.known_models(fixture_store, ["mixtral", "GPT-4,Nobody", " phi-2 "]) == ["GPT-4", "Mixtral 8x7B", "Phi-2"]
    assert queries.known_models(fixture_store, []) == []


# --- variants and families ---------------------------------------------------------------------------

def test_variants_of_a_model_and_as_of_a_date(variants_store):
    rows = queries.variants(variants_store, "GPT-4")
    assert rows[["asked", "name", "variant_of", "is_asked"]].fillna("").values.tolist() == [
        ["GPT-4", "GPT-4", "", True], ["GPT-4", "GPT-4 (0314)", "GPT-4", False],
        ["GPT-4", "GPT-4 (0613)", "GPT-4", False]]
    # a snapshot stands for itself; several names at once keep their order; unknown names give nothing
    many = queries.variants(variants_store, ["GPT-4 (0613)", "Nobody", "GPT-3.5 Turbo"], as_of=dt.date(2023, 7, 1))
    assert list(zip(many["asked"], many["name"])) == [
        ("GPT-4 (0613)", "GPT-4 (0613)"), ("GPT-3.5 Turbo", "GPT-3.5 Turbo"),
        ("GPT-3.5 Turbo", "GPT-3.5 Turbo (0613)"),  # released June 2023
        ("GPT-3.5 Turbo", "GPT-3.5 Turbo (0314)")]  # undated: kept; the 1106 snapshot came later
    assert (many["base_model"] == ["GPT-4", "GPT-3.5 Turbo", "GPT-3.5 Turbo", "GPT-3.5 Turbo"]).all()


def test_chart_scores_one_per_model_or_one_per_family(variants_store):
    filters = Filters()
    per_model = queries.chart_scores(variants_store, filters, "Arena Elo")
    assert {"GPT-4 (0314)", "GPT-4 (0613)"} <= set(per_model["model"]) and "base_model" not in per_model
    per_family = queries.chart_scores(variants_store, filters, "Arena Elo", per_family=True).set_index("base_model")
    assert (per_family.loc["GPT-4", "model"], per_family.loc["GPT-4", "value"], per_family.loc["GPT-4", "variants"]) \
        == ("GPT-4 (0314)", 1201, 2)
    assert (per_family.loc["GPT-3.5 Turbo", "model"], per_family.loc["GPT-3.5 Turbo", "variants"]) == (
        "GPT-3.5 Turbo (0613)", 3)
    base = variants_store.query("SELECT name, base_model FROM models").set_index("name")["base_model"]
    assert per_family.index.is_unique and len(per_family) == per_model["model"].map(base).nunique()


def test_top_chart_scores_per_family_keeps_the_families_asked_for(variants_store):
    top = queries.top_chart_scores(variants_store, Filters(), "Arena Elo", limit=2, per_family=True,
                                   keep=["GPT-3.5 Turbo (1106)"])
    assert top["model"].tolist() == ["GPT-4 Turbo", "GPT-4 (0314)", "GPT-3.5 Turbo (0613)"]  # its family's best
    assert top["total"].iloc[0] == len(queries.chart_scores(variants_store, Filters(), "Arena Elo", per_family=True))
    per_model = queries.top_chart_scores(variants_store, Filters(), "Arena Elo", limit=2, keep=["GPT-3.5 Turbo (1106)"])
    assert per_model["model"].tolist() == ["GPT-4 Turbo", "GPT-4 (0314)", "GPT-3.5 Turbo (1106)"]


def test_missing_scores_per_family_leave_out_only_families_with_no_score(variants_store):
    _, models = queries.missing_scores(variants_store, Filters(), "Arena Elo")
    count, families = queries.missing_scores(variants_store, Filters(), "Arena Elo", per_family=True)
    assert "GPT-4" in models and "GPT-4" not in families  # its snapshots are rated
    assert count == len(families) and families == sorted(families)
    scored = set(queries.chart_scores(variants_store, Filters(), "Arena Elo", per_family=True)["base_model"])
    every = set(variants_store.query("SELECT base_model FROM models")["base_model"])
    assert set(families) == every - scored
    assert queries.missing_scores(variants_store, Filters(), "Arena Elo", limit=1, per_family=True) == (
        count, families[:1])


def test_benchmark_leaderboard_per_family(variants_store):
    board = queries.benchmark_leaderboard(variants_store, "MT-Bench", "GPT-4 judge", per_family=True).to_pandas()
    gpt4 = board.set_index("base_model").loc["GPT-4"]
    assert (gpt4["model"], gpt4["value"], gpt4["variants"]) == ("GPT-4 (0613)", 9.18, 2)
    assert board["value"].is_monotonic_decreasing and board["base_model"].is_unique
    before_june = queries.benchmark_leaderboard(variants_store, "MT-Bench", "GPT-4 judge", dt.date(2023, 5, 1),
                                                per_family=True).to_pandas().set_index("base_model")
    assert before_june.loc["GPT-4", "model"] == "GPT-4 (0314)"  # 0613 was not out yet


def test_setting_scores_may_come_from_a_variant(variants_store):
    plain = queries.setting_scores(variants_store, "MMLU", ["GPT-4"], ["5-shot"])
    assert plain.empty  # the root has no 5-shot MMLU of its own
    found = queries.setting_scores(variants_store, "MMLU", ["GPT-4", "Phi-3-mini"], ["5-shot"], with_variants=True)
    assert found[["model", "variant", "value"]].values.tolist() == [["GPT-4", "GPT-4 (0314)", 86.4],
                                                                    ["Phi-3-mini", "Phi-3-mini", 68.8]]


def test_model_facts_and_listing_show_variant_and_cutoff(variants_store):
    facts = queries.model_facts(variants_store, ["GPT-4 (0613)", "Gemma 7B"])
    assert facts[["name", "variant_of", "knowledge_cutoff"]].fillna("").values.tolist() == [
        ["GPT-4 (0613)", "GPT-4", "2021-09"], ["Gemma 7B", "", ""]]
    listed = queries.models(variants_store, search="gemma")
    assert set(listed["name"]) == {"Gemma 2B", "Gemma 2B IT", "Gemma 7B", "Gemma 7B IT"}
    assert listed.set_index("name").loc["Gemma 7B IT", "variant_of"] == "Gemma 7B"


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    from tools import synthetic

    made = synthetic.write(tmp_path_factory.mktemp("synthetic"), n_models=400, n_editions=3, seed=5)
    return Store.from_folders(made.data_dir, made.content_dir)


@pytest.mark.parametrize("which", ["fixture_store", "bundled_store", "variants_store", "synthetic_store"])
def test_picks_flagged_at_build_are_the_grouped_picks(request, which):
    """Each model's pick read from the flags of `scored` is the one grouping every score would choose."""
    store = request.getfixturevalue(which)
    compared = ["model", "setting", "value", "source_url", "reports", "settings", "organization", "params_b"]
    pairs = list(store.query("SELECT DISTINCT benchmark, setting FROM scores").itertuples(index=False))
    asked = {(b, s) for b, s in pairs} | {(b, None) for b, _ in pairs}
    for filters in (Filters(), Filters(size=("7B", "70B"), basis="active"), Filters(weights="open")):
        for benchmark, setting in sorted(asked, key=str):
            grouped = queries.chart_scores(store, filters, benchmark, setting)
            flagged = queries.top_chart_scores(store, filters, benchmark, setting, limit=10**6)
            assert len(flagged) == len(grouped) and (flagged["total"] == len(grouped)).all()
            pd.testing.assert_frame_equal(flagged[compared], grouped[compared], check_dtype=False)


@pytest.mark.parametrize("which", ["fixture_store", "variants_store", "synthetic_store"])
def test_missing_models_looked_for_among_the_first_names_are_the_same(request, which, monkeypatch):
    store = request.getfixturevalue(which)
    ran = []
    original = store.query
    monkeypatch.setattr(store, "query", lambda sql, params=None: ran.append(sql) or original(sql, params))
    benchmarks = store.query("SELECT DISTINCT benchmark FROM scores ORDER BY ALL")["benchmark"].tolist()
    for filters in (Filters(), Filters(size=("7B", "70B")), Filters(weights="closed")):
        kept = queries.filtered_count(store, filters)["models"]
        for benchmark in benchmarks:
            setting = queries.default_setting(store, benchmark)
            scored = len(queries.chart_scores(store, filters, benchmark, setting))
            for limit in (1, 8):
                expected = queries.missing_scores(store, filters, benchmark, setting, limit=limit)
                assert queries.missing_scores(store, filters, benchmark, setting, limit=limit,
                                              counts=(kept, scored)) == expected
    if which == "synthetic_store":  # many models: the first names were enough, at least once
        assert queries.FIRST_MISSING_SQL in ran


@pytest.mark.parametrize("which", ["fixture_store", "variants_store", "synthetic_store"])
def test_models_counted_by_their_flagged_pick_are_the_distinct_models(request, which):
    store = request.getfixturevalue(which)
    expected = store.query("SELECT benchmark, count(*) AS scores, count(DISTINCT model) AS models FROM scores "
                           "GROUP BY benchmark").set_index("benchmark")
    counted = queries.benchmarks(store).set_index("benchmark").loc[expected.index, ["scores", "models"]]
    pd.testing.assert_frame_equal(counted, expected, check_dtype=False)
    for benchmark in expected.index:
        settings = queries.settings(store, benchmark).set_index("setting")
        distinct = store.query("SELECT setting, count(DISTINCT model) AS models FROM scores WHERE benchmark = $b "
                               "GROUP BY setting", {"b": benchmark}).set_index("setting")["models"]
        assert settings["models"].to_dict() == distinct.to_dict()


@pytest.mark.parametrize("which", ["bundled_store", "variants_store", "synthetic_store"])
def test_benchmark_leaderboard_is_each_models_best_score_in_the_setting(request, which):
    """The leaderboard read from the flagged picks has each model once, with its highest value in the setting."""
    store = request.getfixturevalue(which)
    for benchmark, setting in store.query("SELECT DISTINCT benchmark, setting FROM scores").itertuples(index=False):
        board = queries.benchmark_leaderboard(store, benchmark, setting).to_pandas()
        best = store.query("SELECT model, max(value) AS value FROM scores WHERE benchmark = $b AND setting = $s "
                           "GROUP BY model", {"b": benchmark, "s": setting})
        assert board["model"].is_unique and list(board["value"]) == sorted(board["value"], reverse=True)
        assert dict(zip(board["model"], board["value"])) == dict(zip(best["model"], best["value"]))
