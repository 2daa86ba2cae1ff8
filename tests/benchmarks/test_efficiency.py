"""Pareto frontier, points per billion and the two-model sentence."""
import pandas as pd
import pytest

from superficial.benchmarks import efficiency
from superficial.benchmarks.filters import Filters
from superficial.db import queries
from tests.benchmarks import pandas_reference


def frame(rows):
    return pd.DataFrame(rows, columns=["model", "params_b", "value"])


def test_frontier_keeps_models_no_smaller_model_beats():
    rows = frame([
        ("tiny", 1.0, 40.0), ("small", 3.0, 55.0), ("worse-small", 3.0, 50.0), ("mid", 7.0, 54.0),
        ("big", 70.0, 70.0), ("bigger-same", 180.0, 70.0), ("unknown", None, 90.0),
    ])
    assert pandas_reference.pareto_frontier(rows)["model"].tolist() == ["tiny", "small", "big"]


def test_frontier_of_nothing_is_empty():
    assert pandas_reference.pareto_frontier(frame([("unknown", None, 90.0)])).empty


def test_frontier_on_fixture_mmlu(fixture_store):
    scores = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    frontier = pandas_reference.pareto_frontier(scores)
    assert frontier[["model", "params_b", "value"]].values.tolist() == [["Gemma 7B", 7.0, 64.3],
                                                                         ["Mixtral 8x7B", 46.7, 70.6]]
    # sized by active parameters, Mixtral (12.9B) stays on it and Gemma too
    active = queries.chart_scores(fixture_store, Filters(basis="active"), "MMLU", "5-shot")
    assert pandas_reference.pareto_frontier(active)["params_b"].tolist() == [7.0, 12.9]


def test_points_per_billion_ranking(fixture_store):
    rows = pandas_reference.with_efficiency(queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot"))
    assert rows["model"].tolist() == ["Gemma 7B", "Mistral 7B", "Mixtral 8x7B", "Llama 2 70B"]
    assert rows["per_billion"].round(3).tolist() == [9.186, 8.562, 1.512, 0.984]
    assert rows["on_frontier"].tolist() == [True, False, True, False]


@pytest.mark.parametrize("a, b, sentence", [
    (("Phi-2", 2.7, 56.7), ("Llama 2 70B", 70.0, 68.9),
     "Llama 2 70B is 26× larger than Phi-2 and scores 12.2 points more on MMLU."),
    (("Llama 2 70B", 70.0, 68.9), ("Phi-2", 2.7, 56.7),  # order does not matter: the larger is named first
     "Llama 2 70B is 26× larger than Phi-2 and scores 12.2 points more on MMLU."),
    (("Mistral 7B", 7.3, 62.5), ("Mixtral 8x7B", 46.7, 60.0),
     "Mixtral 8x7B is 6.4× larger than Mistral 7B and scores 2.5 points less on MMLU."),
    (("A", 7.0, 60.0), ("B", 14.0, 61.0), "B is 2.0× larger than A and scores 1 point more on MMLU."),
    (("A", 7.0, 60.0), ("B", 7.3, 60.0), "B is about the same size as A and scores the same on MMLU."),
    (("A", 7.0, 60.0), ("B", None, 70.0), "B: size undisclosed, so no size comparison."),
])
def test_size_sentence(a, b, sentence):
    row = lambda t: {"model": t[0], "params_b": t[1], "value": t[2]}  # noqa: E731
    assert efficiency.size_sentence(row(a), row(b), "MMLU") == sentence


def test_default_pair_finds_a_small_model_matching_a_big_one():
    rows = frame([("Phi", 3.8, 69.0), ("Falcon", 180.0, 68.5), ("Llama", 70.0, 69.5), ("Big", 100.0, 80.0)])
    assert pandas_reference.default_pair(rows) == ("Phi", "Falcon")
    # nobody near: best per billion against best overall
    assert pandas_reference.default_pair(frame([("S", 1.0, 30.0), ("L", 70.0, 80.0)])) == ("S", "L")
    assert pandas_reference.default_pair(frame([("S", 1.0, 30.0)])) is None


def test_view_names_models_left_out_and_compares_two_by_name(fixture_store):
    view = efficiency.view(fixture_store, Filters(), "MMLU", "5-shot")
    assert view.unscored == (2, ["Mamba 2.8B", "Phi-2"])  # no MMLU 5-shot score
    assert view.unsized == (2, ["GPT-4", "Gemini Ultra"])  # a score, but no disclosed size
    picker = efficiency.picker(fixture_store, Filters(), "MMLU", "5-shot", view, ["Gemma 7B", None, "Nobody"])
    assert picker.names == view.choices
    assert efficiency.sentence(picker, "Mistral 7B", "Mixtral 8x7B", "MMLU (5-shot)") == (
        "Mixtral 8x7B is 6.4× larger than Mistral 7B and scores 8.1 points more on MMLU (5-shot).")


def test_size_axis_follows_how_moe_models_are_sized(fixture_store):
    assert efficiency.size_axis_title("total") == "billions of total parameters (log scale)"
    active = efficiency.view(fixture_store, Filters(basis="active"), "MMLU", "5-shot")
    chart = efficiency.scatter(active, benchmark="MMLU", basis="active")
    assert chart["layout"]["xaxis"]["title"]["text"] == (
        "billions of active parameters for MoE, total otherwise (log scale)")


def test_moe_chart_only_with_moe_models(fixture_store):
    chart = efficiency.moe_chart(fixture_store, Filters())
    assert chart["data"][1]["y"] == ["Mixtral 8x7B"]
    assert efficiency.moe_chart(fixture_store, Filters(orgs=("Meta",))) is None
