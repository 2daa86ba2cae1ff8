"""The Explore page's tabs: which setting each benchmark is compared in, the rows, the notes and the bars."""
import pandas as pd

from superficial.benchmarks import explore
from superficial.benchmarks.filters import Filters
from superficial.charts.core import color_map
from superficial.db import queries


def test_like_for_like_compares_mmlu_in_the_chosen_setting_and_mt_bench_in_its_usual_one(fixture_store):
    mmlu, mt_bench = explore.view(fixture_store, Filters(), "5-shot")
    assert (mmlu.benchmark, mmlu.setting, mt_bench.benchmark, mt_bench.setting) == (
        "MMLU", "5-shot", "MT-Bench", "GPT-4 judge")
    assert mmlu.rows["model"].tolist() == ["GPT-4", "Gemini Ultra", "Mixtral 8x7B", "Llama 2 70B", "Gemma 7B",
                                           "Mistral 7B"]
    assert mmlu.scored == 6 and mmlu.missing == (2, ["Mamba 2.8B", "Phi-2"])
    assert mmlu.what == "MMLU score (5-shot)" and mmlu.heading == "**MMLU · 5-shot** — 6 models"
    assert mmlu.value_range == (0.0, 100.0) and mmlu.unit == "% correct"
    assert mt_bench.missing[0] == 7


def test_best_reported_takes_each_models_best_on_both(fixture_store):
    tabs = explore.view(fixture_store, Filters(), None)
    assert [t.setting for t in tabs] == [None, None]
    assert tabs[0].rows["setting"].iloc[0] == "Medprompt+"
    assert tabs[0].what == "MMLU score"
    assert tabs[0].heading == "**MMLU · each model's best reported setting** — 6 models"


def test_prebuilt_benchmarks_and_settings_give_the_same_tabs(fixture_store):
    alone = explore.view(fixture_store, Filters(orgs=("Mistral AI",)), "5-shot", ["Mistral 7B"])
    given = explore.view(fixture_store, Filters(orgs=("Mistral AI",)), "5-shot", ["Mistral 7B"],
                         benchmarks=queries.benchmarks(fixture_store), default_settings={"MT-Bench": "GPT-4 judge"})
    for a, b in zip(alone, given):
        pd.testing.assert_frame_equal(a.rows, b.rows)
        assert (a.setting, a.value_range, a.missing) == (b.setting, b.value_range, b.missing)


def test_no_score_leaves_the_tab_empty(fixture_store):
    mt_bench = explore.view(fixture_store, Filters(weights="closed"), "5-shot")[1]
    assert mt_bench.rows.empty and mt_bench.scored == 0


def test_setting_choices_preselect_five_shot():
    assert explore.setting_choices(pd.DataFrame({"setting": ["0-shot", "5-shot"]})) == (["0-shot", "5-shot"], 1)
    assert explore.setting_choices(pd.DataFrame({"setting": ["0-shot"]})) == (["0-shot"], 0)
    assert explore.setting_choices(pd.DataFrame({"setting": []})) == (["5-shot"], 0)


def test_figure_colours_by_organization_or_architecture(fixture_store):
    tab = explore.view(fixture_store, Filters(), None, ["Mistral 7B"])[0]
    colors = color_map(queries.filter_options(fixture_store)["orgs"])
    by_org = explore.figure(tab, color_by="organization", org_colors=colors).to_dict()
    openai = next(t for t in by_org["data"] if t["name"] == "OpenAI")
    assert openai["marker"]["color"] == colors["OpenAI"] and openai["text"] == ["Medprompt+"]  # the setting, named
    mistral = next(t for t in by_org["data"] if t["name"] == "Mistral AI")
    assert dict(zip(mistral["y"], mistral["marker"]["line"]["width"])) == {"Mixtral 8x7B": 0, "Mistral 7B": 3}
    by_arch = explore.figure(tab, color_by="architecture", org_colors=colors).to_dict()
    assert [t["name"] for t in by_arch["data"]][:3] == ["undisclosed", "MoE", "dense"]
    assert all("color" not in t["marker"] for t in by_arch["data"] if t["name"] != "values")


def test_a_bar_per_family_outlines_the_variant_standing_for_a_model_asked_for(bundled_store):
    per_model = explore.view(bundled_store, Filters(), "5-shot", ["GPT-4 (0314)"])[1]
    per_family = explore.view(bundled_store, Filters(per_family=True), "5-shot", ["GPT-4 (0314)"])[1]
    assert per_model.outlined == ("GPT-4 (0314)",) and not per_model.per_family
    gpt4 = per_family.rows[per_family.rows["base_model"] == "GPT-4"]
    assert per_family.outlined == tuple(gpt4["model"]) and len(gpt4) == 1 and gpt4["variants"].iloc[0] == 2
    assert per_family.rows["base_model"].is_unique and per_family.scored < per_model.scored
    assert per_family.heading.endswith(f"— {per_family.scored} model families, each its best variant")
    bars = explore.figure(per_family, color_by="organization", org_colors={}).to_dict()
    openai = next(t for t in bars["data"] if t["name"] == "OpenAI")
    widths = dict(zip(openai["y"], openai["marker"]["line"]["width"]))
    assert widths[gpt4["model"].iloc[0]] == 3 and sum(w > 0 for w in widths.values()) == 1


def test_a_tab_alone_is_the_views_tab(fixture_store):
    for setting in ("5-shot", None):
        for whole in explore.view(fixture_store, Filters(), setting, ["Mistral 7B"]):
            alone = explore.tab(fixture_store, Filters(), whole.benchmark, setting, ["Mistral 7B"])
            pd.testing.assert_frame_equal(alone.rows, whole.rows)
            assert (alone.setting, alone.missing, alone.outlined) == (whole.setting, whole.missing, whole.outlined)
