
import pytest

from superficial.db import queries
from superficial.db.store import Store
from superficial.editions import embeds
from superficial.editions.markdown import Embed
from tests.conftest import ROOT

GEMINI_EMBED = Embed("https://datawrapper.dwcdn.net/RuhKp/6/",
                     "Gemini surpasses GPT-4 on MMLU tasks with carefully crafted prompts", "datawrapper:RuhKp")
SETTINGS = ["5-shot", "CoT@32", "uncertainty-routed CoT@32", "Medprompt+"]


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(ROOT / "data", ROOT / "content")


def test_registry_matches_by_key_then_by_title():
    assert embeds.find_spec(GEMINI_EMBED).recipe == "settings_comparison"
    by_title = Embed("https://elsewhere.example/", "  gemini SURPASSES gpt-4 on MMLU tasks with carefully crafted prompts",
                     "https://elsewhere.example/")
    assert embeds.find_spec(by_title) is not None
    assert embeds.find_spec(Embed("https://datawrapper.dwcdn.net/Other/1/", "Other", "datawrapper:Other")) is None


def test_gemini_embed_is_drawn_from_duckdb(store):
    chart = embeds.embed_chart(store, GEMINI_EMBED)
    expected = queries.setting_scores(store, "MMLU", ["Gemini Ultra", "GPT-4"], SETTINGS, with_variants=True)
    assert len(expected) >= 7
    spec = chart.figure
    assert [t["name"] for t in spec["data"]] == ["Gemini Ultra", "GPT-4"]
    for trace in spec["data"]:
        assert trace["x"] == SETTINGS
        rows = expected[expected["model"] == trace["name"]].set_index("setting")["value"]
        for setting, value in zip(trace["x"], trace["y"]):
            if setting in rows.index:
                assert value == pytest.approx(rows[setting])
            else:
                assert value is None
    gpt4 = dict(zip(spec["data"][1]["x"], spec["data"][1]["y"]))
    assert gpt4["Medprompt+"] == pytest.approx(90.10) and gpt4["5-shot"] == pytest.approx(86.4)
    assert chart.original == "https://datawrapper.dwcdn.net/RuhKp/6/"
    assert "Gemini Ultra Medprompt+" in chart.caption  # the one value the data lacks is named
    # the chart's "GPT-4" mixes snapshots, and says which value is whose
    assert "GPT-4 5-shot from GPT-4 (0314)" in chart.caption
    assert "GPT-4 CoT@32, uncertainty-routed CoT@32 from GPT-4 (0613)" in chart.caption


def test_embed_without_data_gets_no_chart(store):
    assert embeds.embed_chart(store, Embed("https://youtube.com/embed/x", "A video", "https://youtube.com/embed/x")) is None
    registry = (embeds.EmbedSpec(("k",), (), "settings_comparison",
                                 (("benchmark", "MMLU"), ("models", ("Nobody",)), ("settings", ("5-shot",)))),)
    assert embeds.embed_chart(store, Embed("s", "", "k"), registry) is None
