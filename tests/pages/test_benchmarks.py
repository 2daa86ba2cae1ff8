"""AppTests of the benchmark pages (explore, efficiency, compare, timeline) on the fixture data, opened by URL."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from superficial.benchmarks.filters import Filters
from superficial.db import queries
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def fixture_env(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))


def open_page(page: str, **query_params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def models_left(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "models left" in m.value)


# --- explore ------------------------------------------------------------------------------------

def test_explore_reads_filters_from_the_url(fixture_env, fixture_store):
    at = open_page("pages/explore.py", size=["3B", "13B"], unknown="false")
    expected = queries.filtered_models(fixture_store, Filters(size=("3B", "13B"), include_unknown=False))
    assert models_left(at) == f"**{len(expected)} of 8 models left**" == "**2 of 8 models left**"
    assert at.select_slider(key="size").value == ("3B", "13B")
    assert at.toggle(key="unknown").value is False
    [mmlu] = figures(at)  # only the open tab is drawn
    assert [(t["name"], t["y"], t["x"]) for t in mmlu["data"]] == [("Google", ["Gemma 7B"], [64.3]),
                                                                    ("Mistral AI", ["Mistral 7B"], [62.5])]
    # no MT-Bench score among them: a message, not an empty axis
    at = open_page("pages/explore.py", size=["3B", "13B"], unknown="false", tab="MT-Bench")
    assert figures(at) == []
    assert "None of the filtered models has a MT-Bench score (GPT-4 judge)" in texts(at.info)


def test_explore_draws_only_the_open_tab_named_in_the_url(fixture_env):
    at = open_page("pages/explore.py")
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench"] and "tab" not in at.query_params
    assert [f["layout"]["xaxis"]["title"]["text"] for f in figures(at)] == ["MMLU (% correct)"]
    assert [t.key for t in at.get("plotly_chart")] == ["chart_MMLU"]
    at = open_page("pages/explore.py", tab="MT-Bench")
    assert at.query_params["tab"] == "MT-Bench"
    assert [c.key for c in at.get("plotly_chart")] == ["chart_MT-Bench"]
    assert any(m.value.startswith("**MT-Bench · GPT-4 judge**") for m in at.markdown)
    assert not any(m.value.startswith("**MMLU") for m in at.markdown)
    at = open_page("pages/explore.py", tab="HellaSwag")  # not a tab: the first one, and the URL cleaned
    assert [c.key for c in at.get("plotly_chart")] == ["chart_MMLU"] and "tab" not in at.query_params


def test_explore_counts_models_left_out_and_lists_every_value(fixture_env):
    at = open_page("pages/explore.py")
    assert models_left(at).startswith("**8 of 8 models left**")
    captions = texts(at.caption)
    assert "2 models have no MMLU score (5-shot) and are left out: Mamba 2.8B, Phi-2." in captions
    mmlu_table = at.dataframe[0].value
    assert len(mmlu_table) == 10  # every MMLU value of every setting and source
    assert mmlu_table["value"].iloc[0] == 90.1
    assert len(at.get("download_button")) == 1
    assert "7 models have no MT-Bench score (GPT-4 judge)" in texts(open_page("pages/explore.py", tab="MT-Bench").caption)


def test_explore_best_reported_labels_settings(fixture_env):
    at = open_page("pages/explore.py", mode="best reported", color="architecture", org=["OpenAI", "Google"])
    mmlu = figures(at)[0]
    assert mmlu["data"][0]["name"] == "undisclosed"
    assert mmlu["data"][0]["text"] == ["Medprompt+", "uncertainty-routed CoT@32"]
    assert (mmlu["data"][1]["name"], mmlu["data"][1]["text"]) == ("dense", ["5-shot"])
    assert mmlu["data"][-1]["text"] == ["90.1", "90.04", "64.3"]  # the values beside the bars


@pytest.mark.parametrize("page", ["pages/explore.py", "pages/efficiency.py", "pages/timeline.py"])
def test_filters_that_exclude_everything_say_so(fixture_env, page):
    at = open_page(page, size=["0B", "1B"], unknown="false")
    assert "**0 of 8 models left**" in models_left(at)
    assert "No model matches these filters. Widen the size range or clear a filter in the sidebar." in texts(at.info)
    assert figures(at) == [] and len(at.dataframe) == 0


def test_moving_the_size_slider_hides_unknown_sizes(fixture_env):
    at = open_page("pages/explore.py")
    at.select_slider(key="size").set_value(("3B", "13B")).run()
    assert models_left(at) == "**2 of 8 models left**"
    assert at.toggle(key="unknown").value is False
    assert at.query_params["unknown"] == "false"


# --- efficiency ---------------------------------------------------------------------------------

def test_efficiency_sentence_and_frontier(fixture_env):
    at = open_page("pages/efficiency.py", a="Mistral 7B", b="Mixtral 8x7B")
    assert ("#### Mixtral 8x7B is 6.4× larger than Mistral 7B and scores 8.1 points more on MMLU (5-shot)."
            in texts(at.markdown))
    scatter = figures(at)[0]
    assert scatter["data"][0]["name"] == "Pareto frontier"
    assert (scatter["data"][0]["x"], scatter["data"][0]["y"]) == ([7.0, 46.7], [64.3, 70.6])
    assert "2 models have no disclosed size and are left out: GPT-4, Gemini Ultra." in texts(at.caption)
    table = at.dataframe[0].value
    assert table["model"].tolist() == ["Gemma 7B", "Mistral 7B", "Mixtral 8x7B", "Llama 2 70B"]
    assert table["on_frontier"].tolist() == [True, False, True, False]


def test_efficiency_default_pair_and_active_parameters(fixture_env):
    at = open_page("pages/efficiency.py", params="active")
    assert ("#### Llama 2 70B is 5.4× larger than Mixtral 8x7B and scores 1.7 points less on MMLU (5-shot)."
            in texts(at.markdown))
    assert figures(at)[0]["data"][0]["x"] == [7.0, 12.9]
    moe = figures(at)[-1]
    assert moe["data"][1]["x"] == [12.9] and moe["data"][2]["x"] == [46.7]


def test_efficiency_with_one_model_left(fixture_env):
    at = open_page("pages/efficiency.py", benchmark="MT-Bench")
    assert at.selectbox(key="setting").value == "GPT-4 judge"
    assert "Only one model is left" in texts(at.info)
    assert figures(at)[0]["data"][1]["text"] == ["Mixtral 8x7B"]


# --- compare ------------------------------------------------------------------------------------

def test_compare_from_the_url(fixture_env):
    at = open_page("pages/compare.py", models="Mistral 7B,Mixtral 8x7B")
    assert at.multiselect(key="compare_models").value == ["Mistral 7B", "Mixtral 8x7B"]
    facts, side, sources = (d.value for d in at.dataframe)
    assert facts["name"].tolist() == ["Mistral 7B", "Mixtral 8x7B"]
    assert side.fillna(-1).values.tolist() == [["MMLU", "5-shot", 62.5, 70.6], ["MT-Bench", "GPT-4 judge", -1, 8.3]]
    assert sources["source_url"].tolist()[:2] == ["https://arxiv.org/abs/2401.04088",
                                                  "https://arxiv.org/abs/2310.06825"]
    bars = figures(at)[0]
    assert [(t["name"], t["x"], t["y"]) for t in bars["data"][:2]] == [("Mistral 7B", ["5-shot"], [62.5]),
                                                                       ("Mixtral 8x7B", ["5-shot"], [70.6])]
    assert at.query_params["models"] == "Mistral 7B,Mixtral 8x7B"


def test_compare_picking_models_writes_the_url(fixture_env):
    at = open_page("pages/compare.py", models="Nope,phi-2")
    assert "Not in the data, so left out: Nope." in texts(at.warning)
    assert "Pick two to six models" in texts(at.info)
    at.multiselect(key="compare_models").select("GPT-4").run()
    assert at.query_params["models"] == "Phi-2,GPT-4"
    assert len(figures(at)) == 1


# --- timeline -----------------------------------------------------------------------------------

def test_timeline_marks_editions(fixture_env):
    at = open_page("pages/timeline.py", org=["Mistral AI", "Meta"])
    chart = figures(at)[0]
    assert sorted(x for t in chart["data"] if t.get("yaxis") != "y2" for x in t["x"]) == [
        "2023-07-18", "2023-09-27", "2023-12-11"]
    assert [t["x"] for t in chart["data"] if t["name"] == "editions"] == [["2023-12-10", "2023-12-17"]]
    assert "edition=2023-12-17-week-5" in chart["layout"]["annotations"][0]["text"]
    links = [(link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    assert links == [("editions", "edition=2023-12-17-week-5"), ("editions", "edition=2023-12-10-week-4")]
    assert at.dataframe[0].value["model"].tolist() == ["Mixtral 8x7B", "Llama 2 70B", "Mistral 7B"]


def test_compare_without_a_link_shows_the_newsletters_question(bundled_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.multiselect(key="compare_models").value == ["Phi-2", "Llama 2 70B", "Mixtral 8x7B"]
    assert at.query_params["models"] == "Phi-2,Llama 2 70B,Mixtral 8x7B"


def test_explore_outlines_models_from_an_edition_link(bundled_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["models"] = "Phi-2"
    at.run()
    at.switch_page("pages/explore.py").run()
    assert not at.exception
    assert any("Outlined: Phi-2" in c.value for c in at.caption)
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    outlined = {y for trace in figure["data"] if "line" in trace.get("marker", {})
                for y, w in zip(trace["y"], trace["marker"]["line"]["width"]) if w}
    assert outlined == {"Phi-2"}


# --- variants: each snapshot a bar of its own, or one bar per family ------------------------------

SNAPSHOTS = ("GPT-4 (0314)", "GPT-4 (0613)")


def bars(figure: dict) -> dict[str, float]:
    """{bar label: value} of a score-bars figure (the values trace of "best reported" mode left out)."""
    return {y: x for trace in figure["data"] if trace["name"] != "values" for y, x in zip(trace["y"], trace["x"])}


def hovers(figure: dict) -> dict[str, list]:
    return {row[0]: row for trace in figure["data"] if trace["name"] != "values" for row in trace["customdata"]}


def mt_bench_values(store, models) -> dict[str, float]:
    """The highest MT-Bench value of each model in the benchmark's usual setting, from the store."""
    rows = queries.scores(store, "MT-Bench", queries.default_setting(store, "MT-Bench"))
    return rows[rows["model"].isin(models)].groupby("model")["value"].max().to_dict()


def test_explore_draws_each_snapshot_as_a_bar_of_its_own(bundled_env, bundled_store):
    expected = mt_bench_values(bundled_store, SNAPSHOTS)
    assert len(expected) == 2 and len(set(expected.values())) == 2  # two snapshots, two different values
    at = open_page("pages/explore.py", tab="MT-Bench")
    assert at.toggle(key="family").value is False and "family" not in at.query_params
    [mt_bench] = figures(at)
    drawn = bars(mt_bench)
    assert {m: drawn[m] for m in SNAPSHOTS} == expected
    assert {m: hovers(mt_bench)[m][0] for m in SNAPSHOTS} == {m: m for m in SNAPSHOTS}  # the hover names it in full
    assert len(drawn) == len(queries.chart_scores(bundled_store, Filters(), "MT-Bench", "GPT-4 judge"))


def test_family_switch_draws_one_bar_per_family_named_after_its_best_variant(bundled_env, bundled_store):
    families = queries.chart_scores(bundled_store, Filters(per_family=True), "MT-Bench", "GPT-4 judge",
                                    per_family=True)
    snapshots = mt_bench_values(bundled_store, SNAPSHOTS)
    best = max(snapshots, key=snapshots.get)
    at = open_page("pages/explore.py", family="true", tab="MT-Bench")
    assert at.toggle(key="family").value is True
    [mt_bench] = figures(at)
    drawn = bars(mt_bench)
    assert set(drawn) == set(families["model"]) and len(drawn) == families["base_model"].nunique()
    assert drawn[best] == snapshots[best] and not set(SNAPSHOTS) - {best} & set(drawn)
    assert "best of 2 variants of GPT-4" in hovers(mt_bench)[best][3]
    assert f"— {len(families)} model families, each its best variant" in texts(at.markdown)
    assert "one row per model family" in texts(at.caption)
    left_out, _ = queries.missing_scores(bundled_store, Filters(), "MT-Bench", "GPT-4 judge", per_family=True)
    assert f"{left_out} model families have no MT-Bench score (GPT-4 judge) and are left out" in texts(at.caption)


def test_turning_the_family_switch_on_and_off(bundled_env):
    # The browser writes a click into the URL (tests/browser checks ?family=true); here the charts follow the switch.
    at = open_page("pages/explore.py", tab="MT-Bench")
    [per_model] = map(bars, figures(at))
    at.toggle(key="family").set_value(True).run()
    [per_family] = map(bars, figures(at))
    assert set(per_family) < set(per_model) and set(SNAPSHOTS) - set(per_family)
    at.toggle(key="family").set_value(False).run()
    assert [bars(f) for f in figures(at)] == [per_model]


def test_timeline_colour_switch_redraws_the_chart_only(fixture_env):
    at = open_page("pages/timeline.py")
    assert {t["name"] for t in figures(at)[0]["data"]} >= {"Mistral AI", "Meta"}
    at.radio(key="color").set_value("architecture").run()
    assert not at.exception
    assert {t["name"] for t in figures(at)[0]["data"]} >= {"dense", "MoE"}
    assert len(at.dataframe[0].value) == 6 and at.get("download_button")


@pytest.mark.parametrize("page", ["pages/efficiency.py", "pages/timeline.py"])
def test_family_switch_on_efficiency_and_timeline(bundled_env, bundled_store, page):
    def expected(per_family: bool) -> list[str]:
        rows = queries.chart_scores(bundled_store, Filters(), "MMLU", "5-shot", per_family=per_family)
        return sorted(rows.loc[rows["params_b"].notna(), "model"] if page == "pages/efficiency.py" else rows["model"])

    per_model = open_page(page).dataframe[0].value
    assert sorted(per_model["model"]) == expected(False) and "base_model" not in per_model
    at = open_page(page, family="true")
    table = at.dataframe[0].value
    assert sorted(table["model"]) == expected(True) and len(table) < len(per_model)
    assert table["base_model"].is_unique and (table["variants"] >= 1).all()
    assert "one row per model family" in texts(at.caption)


def test_compare_two_snapshots_side_by_side(bundled_env, bundled_store):
    at = open_page("pages/compare.py", models=",".join(SNAPSHOTS))
    picker = at.multiselect(key="compare_models")
    assert picker.value == list(SNAPSHOTS) and set(SNAPSHOTS) <= set(picker.options)
    facts, side, sources = (d.value for d in at.dataframe)
    stored = queries.model_facts(bundled_store, list(SNAPSHOTS))
    assert facts[["name", "variant_of", "knowledge_cutoff"]].values.tolist() == \
        stored[["name", "variant_of", "knowledge_cutoff"]].values.tolist()
    assert facts["variant_of"].tolist() == ["GPT-4", "GPT-4"]
    mt_bench = side[side["benchmark"] == "MT-Bench"].iloc[0]
    assert {m: mt_bench[m] for m in SNAPSHOTS} == mt_bench_values(bundled_store, SNAPSHOTS)
    assert {t["name"] for t in figures(at)[0]["data"]} == set(SNAPSHOTS)
    assert set(sources["model"]) == set(SNAPSHOTS)
    assert at.query_params["models"] == ",".join(SNAPSHOTS)
