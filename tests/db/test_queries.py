import datetime as dt

from superficial.db import queries


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
    assert len(rows) == 5


def test_known_models_by_name_or_alias(fixture_store):
    assert queries.known_models(fixture_store, ["mixtral", "GPT-4,Nobody", " phi-2 "]) == ["GPT-4", "Mixtral 8x7B", "Phi-2"]
    assert queries.known_models(fixture_store, []) == []
