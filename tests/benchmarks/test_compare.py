"""The Compare page: its model picker (search by name or alias), deep links, and a small page at any size."""
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from superficial.benchmarks import compare
from superficial.db import queries
from superficial.db.store import Store
from tests.conftest import FIXTURES, ROOT
from tools import synthetic

MANY = 5_000  # models in the synthetic data: beyond compare.OFFER_ALL_UP_TO, quick to build


# --- queries ---------------------------------------------------------------------------------------

def test_find_models_by_substring_of_a_name_or_an_alias(fixture_store):
    assert queries.find_models(fixture_store, "MI")["name"].tolist() == ["Mixtral 8x7B", "Mistral 7B", "Gemini Ultra"]
    found = queries.find_models(fixture_store, "small")  # only an alias says so: Mistral-small
    assert found["name"].tolist() == ["Mixtral 8x7B"] and found["matches"].tolist() == [1]
    assert queries.find_models(fixture_store, " gpt4 ")["name"].tolist() == ["GPT-4"]
    assert queries.find_models(fixture_store, "ultra 1.0")["name"].tolist() == ["Gemini Ultra"]  # every word, any order
    assert queries.find_models(fixture_store, "nobody").empty


def test_find_models_ranks_exact_then_prefix_then_most_scores(fixture_store):
    found = queries.find_models(fixture_store, "mixtral")
    assert found["name"].tolist() == ["Mixtral 8x7B"]
    assert queries.find_models(fixture_store, "m")["name"].tolist()[:3] == ["Mixtral 8x7B", "Mistral 7B", "Mamba 2.8B"]
    everything = queries.find_models(fixture_store)
    assert everything["matches"].iat[0] == len(everything) == 8
    assert everything["scores"].is_monotonic_decreasing and everything["name"].iat[0] == "GPT-4"


def test_find_models_respects_the_limit_and_counts_every_match(fixture_store):
    found = queries.find_models(fixture_store, "", limit=3)
    assert len(found) == 3 and found["matches"].tolist() == [8, 8, 8]
    text = "%' OR 1=1 --"  # bound, never spliced into the SQL
    assert queries.find_models(fixture_store, text).empty


def test_model_lookup_by_name_or_alias_any_case(fixture_store):
    lookup = queries.model_lookup(fixture_store, ["phi-2,MIXTRAL", " gpt4 ", "Nobody"])
    assert lookup == {"phi-2": "Phi-2", "mixtral": "Mixtral 8x7B", "gpt4": "GPT-4"}
    assert queries.model_lookup(fixture_store, []) == {}


# --- compare (no Streamlit) ------------------------------------------------------------------------

def test_parse_models_with_a_lookup_keeps_order_and_reports_unknown_names():
    lookup = {"phi-2": "Phi-2", "mixtral": "Mixtral 8x7B", "mixtral 8x7b": "Mixtral 8x7B", "gpt-4": "GPT-4"}
    assert compare.parse_models(["Mixtral,phi-2", "Nope", "mixtral 8x7b"], lookup) == \
        (["Mixtral 8x7B", "Phi-2"], ["Nope"])
    seven = {f"m{i}": f"M{i}" for i in range(7)}
    assert compare.parse_models([",".join(seven)], seven)[0] == [f"M{i}" for i in range(6)]
    assert compare.default_models({"phi-2": "Phi-2", "mixtral 8x7b": "Mixtral 8x7B"}) == ["Phi-2", "Mixtral 8x7B"]


def test_model_options_keep_the_picked_models():
    found = pd.DataFrame({"name": ["b", "A", "c"], "scores": [3, 2, 1], "matches": [9, 9, 9]})
    assert compare.model_options(["z"], found, offer_all=True) == ["A", "b", "c", "z"]
    assert compare.model_options(["z", "c"], found, offer_all=False) == ["z", "c", "b", "A"]


def test_picker_lists_every_model_up_to_a_few_hundred():
    popular = pd.DataFrame({"name": ["b", "A"], "scores": [3, 2], "matches": [2, 2]})
    picker = compare.picker(popular, None, "", ["A"])
    assert picker == compare.Picker(searchable=False, options=("A", "b"), note=None)


def test_picker_searches_beyond_that():
    many = compare.OFFER_ALL_UP_TO + 1
    popular = pd.DataFrame({"name": [f"m{i}" for i in range(many)], "scores": 1, "matches": many})
    blank = compare.picker(popular, None, "  ", ["x"])
    assert blank.searchable and blank.options == ("x", *[f"m{i}" for i in range(compare.SEARCH_LIMIT)])
    assert blank.note.startswith(f"The list offers the {compare.SEARCH_LIMIT} models with the most scores")
    found = pd.DataFrame({"name": ["m7"], "scores": [1], "matches": [1]})
    search = compare.picker(popular, found, "m7", ["x"])
    assert search.options == ("x", "m7") and search.note == "1 model matches “m7”: it is in the list."


def test_a_visit_starts_from_the_link_or_the_example(fixture_store):
    assert compare.start(fixture_store, ["gemma 7b,Nope", "phi-2"]) == (["Gemma 7B", "Phi-2"], ["Nope"])
    assert compare.start(fixture_store, []) == (["Phi-2", "Llama 2 70B", "Mixtral 8x7B"], [])
    assert compare.example(fixture_store) == ["Phi-2", "Llama 2 70B", "Mixtral 8x7B"]


def test_a_name_holding_a_comma_survives_the_link(data_copy):
    with open(data_copy / "models.csv", "a", encoding="utf-8") as models:
        models.write('"Acme, Inc. 7B",Acme,Acme,7,,dense,2024-01-01,true,MIT,https://example.org/acme\n')
    store = Store.from_folders(data_copy, FIXTURES / "content")
    picked = ["Acme, Inc. 7B", "Phi-2"]
    param = compare.models_param(picked)
    assert param == picked  # a key per model: a comma-joined value would split the name
    assert compare.start(store, param) == (picked, [])
    assert compare.start(store, ["Acme, Inc. 7B"]) == (["Acme, Inc. 7B"], [])  # a link naming one model
    assert compare.start(store, ["Phi-2,Acme"]) == (["Phi-2"], ["Acme"])
    assert queries.known_models(store, ["Acme, Inc. 7B"]) == ["Acme, Inc. 7B"]
    assert compare.models_param(["GPT-4 (0314)", "GPT-4 (0613)"]) == "GPT-4 (0314),GPT-4 (0613)"


def test_view_of_the_picked_models(fixture_store):
    view = compare.view(fixture_store, ["Mixtral 8x7B", "Mistral 7B"])
    assert view.facts["name"].tolist() == ["Mixtral 8x7B", "Mistral 7B"]
    assert view.scores[["model", "value"]].values.tolist()[:3] == [["Mixtral 8x7B", 70.6], ["Mistral 7B", 62.5],
                                                                  ["Mistral 7B", 60.1]]  # in the order picked
    assert view.side_by_side.columns.tolist() == ["benchmark", "setting", "Mixtral 8x7B", "Mistral 7B"]
    assert compare.view(fixture_store, ["Nobody"]).side_by_side.empty


def test_search_note():
    found = pd.DataFrame({"name": ["a", "b"], "scores": [1, 1], "matches": [1234, 1234]})
    assert compare.search_note("", found, 5000).startswith("The list offers the 2 models with the most scores")
    assert "1,234 models match “llama”" in compare.search_note(" llama ", found, 5000)
    one = found.head(1).assign(matches=1)
    assert compare.search_note("x", one, 5000) == "1 model matches “x”: it is in the list."
    assert compare.search_note("x", found.assign(matches=2), 5000) == "2 models match “x”, all in the list."
    assert compare.search_note("x", found.head(0), 5000) == "No model name or alias contains “x”."


# --- the page --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def many_models(tmp_path_factory):
    """A synthetic data folder with MANY models, and its store."""
    made = synthetic.write(tmp_path_factory.mktemp("many"), MANY, n_editions=5, seed=0)
    return made, Store.from_folders(made.data_dir, made.content_dir)


@pytest.fixture
def many_env(monkeypatch, many_models):
    made, _ = many_models
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(made.data_dir))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(made.content_dir))


@pytest.fixture
def fixture_env(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))


def open_compare(**query_params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    return at


def element_bytes(node) -> int:
    """Bytes of every element under an AppTest node (what the page sends)."""
    proto = getattr(node, "proto", None)
    own = proto.ByteSize() if proto is not None and hasattr(proto, "ByteSize") else 0
    return own + sum(element_bytes(child) for child in getattr(node, "children", {}).values())


def test_a_few_models_are_all_offered_with_no_search(fixture_env):
    at = open_compare(models="phi-2,Unknown")
    assert at.multiselect(key="compare_models").value == ["Phi-2"]
    assert "Not in the data, so left out: Unknown." in [w.value for w in at.warning]
    assert len(at.multiselect(key="compare_models").options) == 8
    assert not at.text_input  # nothing to search for: the list has them all
    at.multiselect(key="compare_models").select("Gemma 7B").run()
    assert at.query_params["models"] == "Phi-2,Gemma 7B"
    assert at.dataframe[0].value["name"].tolist() == ["Phi-2", "Gemma 7B"]


def test_deep_link_by_alias_with_many_models(many_env, many_models):
    _, store = many_models
    alias, model = store.query("SELECT alias, model FROM aliases ORDER BY alias LIMIT 1").iloc[0]
    at = open_compare(models=f"{alias.upper()},Unknown")
    assert at.multiselect(key="compare_models").value == [model]
    assert "Not in the data, so left out: Unknown." in [w.value for w in at.warning]
    assert at.query_params["models"] == model


def test_search_then_pick_with_many_models(many_env, many_models):
    _, store = many_models
    at = open_compare()
    picker = at.multiselect(key="compare_models")
    assert picker.value == []  # the default trio is not in this data
    assert len(picker.options) == compare.SEARCH_LIMIT  # the models with the most scores, not all 5,000
    assert f"find any of the {MANY:,}" in at.caption[0].value

    at.text_input(key="compare_find").input("zor").run()  # a substring of many names
    offered = at.multiselect(key="compare_models").options
    assert len(offered) == compare.SEARCH_LIMIT and all("zor" in name.lower() for name in offered)
    matches = int(queries.find_models(store, "zor")["matches"].iat[0])
    assert matches > compare.SEARCH_LIMIT and f"{matches:,} models match “zor”" in at.caption[0].value
    at.multiselect(key="compare_models").select(offered[0]).run()

    alias, model = store.query("SELECT alias, model FROM aliases WHERE alias LIKE '%-math-%' LIMIT 1").iloc[0]
    wanted = alias.split("-", 1)[1]  # 'math-v0045': only the alias has the hyphens
    assert wanted not in model.lower()
    at.text_input(key="compare_find").input(wanted).run()
    assert at.multiselect(key="compare_models").options == [offered[0], model]  # the pick stays offered
    at.multiselect(key="compare_models").select(model).run()
    assert not at.exception
    assert at.multiselect(key="compare_models").value == [offered[0], model]
    assert at.query_params["models"] == f"{offered[0]},{model}"
    assert at.dataframe[0].value["name"].tolist() == [offered[0], model]


def test_page_stays_small_with_many_models(many_env, many_models):
    _, store = many_models
    names = queries.find_models(store, "", 3)["name"].tolist()
    at = open_compare(models=",".join(names))
    picker = at.multiselect(key="compare_models")
    assert picker.value == names
    assert len(picker.options) <= compare.SEARCH_LIMIT + compare.MAX_MODELS
    assert picker.proto.ByteSize() < 5_000
    assert element_bytes(at.main) + element_bytes(at.sidebar) < 100_000


def test_the_example_button_shows_the_newsletters_question(fixture_env):
    at = open_compare(models="Gemma 7B")
    at.button(key="compare_example").click().run()
    assert at.multiselect(key="compare_models").value == ["Phi-2", "Llama 2 70B", "Mixtral 8x7B"]
    assert at.query_params["models"] == "Phi-2,Llama 2 70B,Mixtral 8x7B"
    assert not at.button  # shown only while fewer than two are picked


def test_no_example_when_its_models_are_not_in_the_data(many_env):
    at = open_compare()
    assert at.multiselect(key="compare_models").value == []
    assert not at.button
