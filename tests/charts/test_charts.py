"""The data behind the benchmark charts (fixture queries, exact rows) and the figures, asserted on their JSON."""
import functools
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from superficial.benchmarks import compare
from superficial.benchmarks.filters import Filters
from superficial.charts.bars import highlight_bars as highlight_bars_spec
from superficial.charts.bars import moe_params as moe_spec
from superficial.charts.bars import per_billion_bars as per_billion_spec
from superficial.charts.bars import score_bars, setting_bars
from superficial.charts.compare import compare_bars
from superficial.charts.core import (
    BAR_LIMIT,
    DENSE_POINTS,
    MAX_POINTS,
    MORE_NOTE,
    WEBGL_POINTS,
    color_map,
    fmt_value,
    unvalidated_figure,
)
from superficial.charts.dense import thin
from superficial.charts.scatter import efficiency_scatter as efficiency_spec
from superficial.charts.scatter import highlight_scatter as highlight_scatter_spec
from superficial.charts.selection import selected_models
from superficial.charts.timeline import EDITION_LINKS, EDITION_MARKS, records
from superficial.charts.timeline import timeline_scatter as timeline_spec
from superficial.db import queries
from tests.benchmarks import pandas_reference


def validated(build_spec):
    """A spec builder whose spec comes back as a Figure that Plotly validated in full."""
    return functools.wraps(build_spec)(lambda *args, **kwargs: go.Figure(build_spec(*args, **kwargs)))


efficiency_scatter = validated(efficiency_spec)
highlight_bars = validated(highlight_bars_spec)
highlight_scatter = validated(highlight_scatter_spec)
moe_params = validated(moe_spec)
per_billion_bars = validated(per_billion_spec)
timeline_scatter = validated(timeline_spec)


# --- queries feeding the charts -----------------------------------------------------------------

def test_like_for_like_scores_pick_the_highest_report(fixture_store):
    rows = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    assert rows[["model", "setting", "value", "source_url", "reports"]].values.tolist() == [
        ["GPT-4", "5-shot", 86.4, "https://arxiv.org/abs/2303.08774", 1],
        ["Gemini Ultra", "5-shot", 83.7, "https://arxiv.org/abs/2312.11805", 1],
        ["Mixtral 8x7B", "5-shot", 70.6, "https://arxiv.org/abs/2401.04088", 1],
        ["Llama 2 70B", "5-shot", 68.9, "https://arxiv.org/abs/2307.09288", 1],
        ["Gemma 7B", "5-shot", 64.3, "https://example.org/gemma", 1],
        # two sources for Mistral 7B 5-shot (60.1 own paper, 62.5 Mixtral paper): the highest, counted
        ["Mistral 7B", "5-shot", 62.5, "https://arxiv.org/abs/2401.04088", 2],
    ]


def test_best_reported_scores_name_their_setting(fixture_store):
    rows = queries.chart_scores(fixture_store, Filters(), "MMLU")
    assert rows[["model", "setting", "value", "reports", "settings"]].head(2).values.tolist() == [
        ["GPT-4", "Medprompt+", 90.1, 3, 3],
        ["Gemini Ultra", "uncertainty-routed CoT@32", 90.04, 2, 2],
    ]


def test_scores_follow_the_filters(fixture_store):
    rows = queries.chart_scores(fixture_store, Filters(orgs=("Mistral AI",), basis="active"), "MMLU", "5-shot")
    assert rows[["model", "params_b", "architecture", "open_weights"]].values.tolist() == [
        ["Mixtral 8x7B", 12.9, "MoE", True], ["Mistral 7B", 7.3, "dense", True]]
    assert queries.chart_scores(fixture_store, Filters(weights="closed"), "MT-Bench", "GPT-4 judge").empty


def test_missing_scores_are_named(fixture_store):
    assert queries.missing_scores(fixture_store, Filters(), "MMLU", "5-shot") == (2, ["Mamba 2.8B", "Phi-2"])
    assert queries.missing_scores(fixture_store, Filters(), "MMLU") == (2, ["Mamba 2.8B", "Phi-2"])
    assert queries.missing_scores(fixture_store, Filters(archs=("undisclosed",)), "MMLU", "CoT@32") == (1, ["Gemini Ultra"])
    count, names = queries.missing_scores(fixture_store, Filters(), "MT-Bench")
    assert count == len(names) == 7
    assert queries.missing_scores(fixture_store, Filters(), "MT-Bench", limit=3) == (7, names[:3])  # counted past the limit
    assert queries.missing_scores(fixture_store, Filters(orgs=("Nobody",)), "MMLU") == (0, [])


def test_top_chart_scores_are_the_best_of_chart_scores_plus_kept_models(fixture_store):
    every = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    top = queries.top_chart_scores(fixture_store, Filters(), "MMLU", "5-shot", limit=2, keep=["Mistral 7B"])
    assert top["model"].tolist() == ["GPT-4", "Gemini Ultra", "Mistral 7B"]
    assert set(top["total"]) == {len(every)}
    pd.testing.assert_frame_equal(top.drop(columns="total").reset_index(drop=True),
                                  every[every["model"].isin(top["model"])].reset_index(drop=True))


def test_counts_and_limited_rows_agree_with_the_full_queries(fixture_store):
    for filters in (Filters(), Filters(size=("7B", "70B")), Filters(weights="open", basis="active")):
        every = queries.filtered_models(fixture_store, filters)
        assert queries.filtered_count(fixture_store, filters) == {
            "models": len(every), "unsized": int(every["params_b"].isna().sum())}
        rows = queries.benchmark_rows(fixture_store, filters, "MMLU")
        first = queries.benchmark_rows(fixture_store, filters, "MMLU", limit=2)
        assert (first.drop(columns="total").to_json(orient="values")  # (None and NaN are both null)
                == rows.drop(columns="total").head(2).to_json(orient="values"))
        assert set(first["total"]) <= {len(rows)}
    moe = queries.moe_models(fixture_store, Filters(), limit=1)
    assert moe["name"].tolist() == ["Mixtral 8x7B"] and moe["total"].tolist() == [1]


def test_benchmark_rows_keep_every_setting_and_source(fixture_store):
    rows = queries.benchmark_rows(fixture_store, Filters(orgs=("Mistral AI",)), "MMLU")
    assert rows[["model", "value", "source_url"]].values.tolist() == [
        ["Mixtral 8x7B", 70.6, "https://arxiv.org/abs/2401.04088"],
        ["Mistral 7B", 62.5, "https://arxiv.org/abs/2401.04088"],
        ["Mistral 7B", 60.1, "https://arxiv.org/abs/2310.06825"],
    ]


def test_settings_most_shared_first(fixture_store):
    assert queries.settings(fixture_store, "MMLU")["setting"].tolist() == [
        "5-shot", "CoT@32", "Medprompt+", "uncertainty-routed CoT@32"]
    assert queries.default_setting(fixture_store, "MT-Bench") == "GPT-4 judge"
    assert queries.default_setting(fixture_store, "Arena Elo") is None


def test_model_scores_and_side_by_side(fixture_store):
    names = ["Mistral 7B", "Mixtral 8x7B"]
    scores = queries.model_scores(fixture_store, names)
    assert scores[["model", "benchmark", "setting", "value"]].values.tolist() == [
        ["Mistral 7B", "MMLU", "5-shot", 62.5], ["Mistral 7B", "MMLU", "5-shot", 60.1],
        ["Mixtral 8x7B", "MMLU", "5-shot", 70.6], ["Mixtral 8x7B", "MT-Bench", "GPT-4 judge", 8.3]]
    table = compare.side_by_side(scores, names)
    assert table.columns.tolist() == ["benchmark", "setting", "Mistral 7B", "Mixtral 8x7B"]
    assert table.fillna(-1).values.tolist() == [["MMLU", "5-shot", 62.5, 70.6], ["MT-Bench", "GPT-4 judge", -1, 8.3]]
    assert queries.model_facts(fixture_store, names[::-1])["name"].tolist() == names[::-1]


def test_parse_models_param():
    known = {"phi-2": "Phi-2", "llama 2 70b": "Llama 2 70B", "gpt-4": "GPT-4"}
    assert compare.parse_models(["phi-2,Llama 2 70B, Nope"], known) == (["Phi-2", "Llama 2 70B"], ["Nope"])
    assert compare.parse_models(["Phi-2", "GPT-4"], known) == (["Phi-2", "GPT-4"], [])  # repeated keys too
    assert compare.parse_models([], known) == ([], [])
    assert compare.parse_models([",".join(list(known.values()) * 3)], known)[0] == list(known.values())
    assert compare.models_param(["Phi-2", "GPT-4"]) == "Phi-2,GPT-4"


# --- figures ------------------------------------------------------------------------------------

@pytest.fixture
def mmlu(fixture_store):
    return queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")


def test_score_bars_sorted_coloured_and_hatched(mmlu):
    fig = score_bars(mmlu, benchmark="MMLU", value_range=(0, 100), unit="% correct").to_plotly_json()
    traces = {t["name"]: t for t in fig["data"]}
    assert list(traces) == ["OpenAI", "Google", "Mistral AI", "Meta"]  # legend follows the ranking
    assert traces["Mistral AI"]["y"] == ["Mixtral 8x7B", "Mistral 7B"]
    assert traces["Mistral AI"]["x"] == [70.6, 62.5]
    assert traces["Mistral AI"]["text"] == ["70.6", "62.5"]
    assert traces["Mistral AI"]["marker"]["pattern"]["shape"] == ["", ""]  # open weights
    assert traces["OpenAI"]["marker"]["pattern"]["shape"] == ["/"]  # closed: hatched
    # best at the top: the category order is the ranking reversed
    assert fig["layout"]["yaxis"]["categoryarray"] == ["Mistral 7B", "Gemma 7B", "Llama 2 70B", "Mixtral 8x7B",
                                                       "Gemini Ultra", "GPT-4"]
    assert fig["layout"]["xaxis"]["range"] == [0, 108.0]
    hover = traces["Mistral AI"]["customdata"][1]
    assert hover[:4] == ["Mistral 7B", "5-shot", "https://arxiv.org/abs/2401.04088",
                         "highest of 2 values reported for this setting"]
    assert hover[4] == "open weights · 7.3B"
    # no template or background of its own: Streamlit's light or dark theme decides
    plain = score_bars(mmlu, benchmark="MMLU")
    assert plain.layout.template == go.Figure().layout.template
    assert plain.layout.plot_bgcolor is None and plain.layout.paper_bgcolor is None


def test_score_bars_best_reported_label_the_setting(fixture_store):
    rows = queries.chart_scores(fixture_store, Filters(archs=("undisclosed",)), "MMLU")
    fig = score_bars(rows, benchmark="MMLU", label_setting=True, value_range=(0, 100),
                            colors={"OpenAI": "#123456"}).to_plotly_json()
    assert fig["data"][0]["text"] == ["Medprompt+"] and fig["data"][0]["marker"]["color"] == "#123456"
    assert fig["data"][1]["text"] == ["uncertainty-routed CoT@32"]
    values = fig["data"][-1]
    assert values["name"] == "values" and values["text"] == ["90.1", "90.04"] and values["showlegend"] is False


def test_score_bars_by_architecture(mmlu):
    fig = score_bars(mmlu, benchmark="MMLU", color_by="architecture")
    assert [t.name for t in fig.data] == ["undisclosed", "MoE", "dense"]


def test_efficiency_scatter_draws_the_frontier(fixture_store):
    scores = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    rows = pandas_reference.with_efficiency(scores)
    fig = efficiency_scatter(rows, pandas_reference.pareto_frontier(rows), benchmark="MMLU",
                                    x_title="params", highlight=["Gemma 7B", "Llama 2 70B"]).to_plotly_json()
    frontier = fig["data"][0]
    assert frontier["name"] == "Pareto frontier"
    assert (frontier["x"], frontier["y"]) == ([7.0, 46.7], [64.3, 70.6])
    assert frontier["line"]["shape"] == "hv"
    points = {t["name"]: t for t in fig["data"][1:-1]}
    assert points["Mistral AI"]["text"] == ["Mistral 7B", "Mixtral 8x7B"]  # every point named (few points)
    assert points["Mistral AI"]["marker"]["size"] == [8, 12]  # Mixtral is on the frontier
    assert fig["data"][-1]["x"] == [70.0, 7.0] or sorted(fig["data"][-1]["x"]) == [7.0, 70.0]
    assert fig["layout"]["xaxis"]["type"] == "log"


def test_efficiency_scatter_names_only_frontier_when_crowded():
    rows = pd.DataFrame({"model": [f"m{i}" for i in range(20)], "params_b": [float(i + 1) for i in range(20)],
                         "value": [float(50 - i) for i in range(20)], "setting": "5-shot", "source_url": "https://x",
                         "note": None, "organization": "Org", "open_weights": True, "total_params_b": 1.0,
                         "active_params_b": None, "reports": 1, "settings": 1})
    fig = efficiency_scatter(rows, pandas_reference.pareto_frontier(rows), benchmark="MMLU", x_title="p",
                                    highlight=["m19"])
    assert [t for t in fig.data[1].text if t] == ["m0", "m19"]


def test_moe_and_per_billion(fixture_store):
    models = queries.filtered_models(fixture_store, Filters())
    moe = moe_params(models).to_plotly_json()
    assert moe["data"][0]["x"] == [12.9, 46.7, None] and moe["data"][1]["x"] == [12.9]
    rows = pandas_reference.with_efficiency(queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot"))
    bars = per_billion_bars(rows, benchmark="MMLU", top=2).to_plotly_json()["data"][0]
    assert bars["y"] == ["Gemma 7B", "Mistral 7B"] and bars["text"] == ["9.2", "8.6"]


def test_compare_bars_one_panel_per_benchmark_same_colour_per_model(fixture_store):
    names = ["Mistral 7B", "Mixtral 8x7B"]
    fig = compare_bars(queries.model_scores(fixture_store, names), names).to_plotly_json()
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["MMLU", "MT-Bench"]
    mmlu_mistral, mmlu_mixtral, mt_mistral, mt_mixtral = fig["data"]
    assert (mmlu_mistral["x"], mmlu_mistral["y"]) == (["5-shot"], [62.5])  # the higher of two reports
    assert mmlu_mistral["customdata"][0][3] == "highest of 2 reports"
    assert (mt_mixtral["x"], mt_mixtral["y"]) == (["GPT-4 judge"], [8.3])
    assert mt_mistral["y"] == [None]
    assert mmlu_mistral["marker"]["color"] == mt_mistral["marker"]["color"] != mmlu_mixtral["marker"]["color"]
    assert [t["showlegend"] for t in fig["data"]] == [True, True, False, False]


def test_timeline_marks_each_dated_edition_with_a_link(fixture_store):
    scores = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    fig = timeline_scatter(scores, queries.editions(fixture_store), benchmark="MMLU").to_plotly_json()
    lines = [t for t in fig["data"] if t["name"] == "edition lines"][0]
    assert lines["x"] == ["2023-12-17", "2023-12-17", None, "2023-12-10", "2023-12-10", None]  # undated left out
    assert lines["yaxis"] == "y2" and fig["layout"]["yaxis2"]["range"] == [0, 1]  # full height, any score scale
    marks = [t for t in fig["data"] if t["name"] == "editions"][0]
    assert marks["x"] == ["2023-12-10", "2023-12-17"]  # a week apart: a triangle each, oldest first
    assert marks["customdata"][1].startswith("#5 · ") and marks["customdata"][1].endswith("published 17 December 2023")
    links = [a["text"] for a in fig["layout"]["annotations"]]
    assert links[0] == '<a href="editions?edition=2023-12-17-week-5" target="_self">#5</a>'
    assert "edition=2023-12-10-week-4" in links[1]
    xs = sorted(x for t in fig["data"] if t.get("yaxis") != "y2" for x in t["x"])
    assert xs[0] == "2023-03-14" and len(xs) == 6


def test_timeline_links_only_the_newest_editions_and_stays_small():
    editions = pd.DataFrame({"slug": [f"e{i}" for i in range(1000)], "number": range(1000),
                             "title": [f"Some interesting things #{i}" for i in range(1000)],
                             "publish_date": pd.date_range("2004-01-01", periods=1000, freq="W")})
    fig = timeline_scatter(_many(20), editions, benchmark="MMLU")
    links = [a.text for a in fig.layout.annotations]
    assert len(links) == EDITION_LINKS and "#999" in links[0] and "#988" in links[-1]
    lines = [t for t in fig.data if t.name == "edition lines"][0]
    assert len([x for x in lines.x if x]) == 2 * EDITION_LINKS  # a line for each linked edition
    marks = [t for t in fig.data if t.name == "editions"][0]  # one trace, editions close together share a triangle
    assert 100 < len(marks.x) <= EDITION_MARKS
    shared = [re.match(r"(\d+) editions, published", text) for text in marks.customdata]
    assert sum(int(m.group(1)) if m else 1 for m in shared) == 1000  # every edition in one triangle
    assert marks.customdata[0].startswith("7 editions, published 4 January 2004 – 15 February 2004<br>#0 · ")
    assert marks.customdata[0].endswith("<br>and 3 more")
    assert len(fig.to_json()) < 200_000


def _every_figure(fixture_store):
    """One figure from each builder, on the fixture data and on crowded synthetic rows."""
    mmlu = queries.chart_scores(fixture_store, Filters(), "MMLU", "5-shot")
    sized = pandas_reference.with_efficiency(pandas_reference.sized(mmlu))
    frontier = pandas_reference.pareto_frontier(sized)
    board = queries.benchmark_leaderboard(fixture_store, "MMLU", "5-shot").to_pandas()
    names = ["Mistral 7B", "Mixtral 8x7B"]
    crowded = _many(MAX_POINTS + 10)
    return [
        score_bars(mmlu, benchmark="MMLU", value_range=(0, 100), unit="%", highlight=["GPT-4"], more=3),
        score_bars(queries.chart_scores(fixture_store, Filters(), "MMLU"), benchmark="MMLU", label_setting=True),
        efficiency_scatter(sized, frontier, benchmark="MMLU", x_title="p", highlight=["Phi-2"]),
        efficiency_scatter(crowded, pandas_reference.pareto_frontier(crowded), benchmark="MMLU", x_title="p"),
        moe_params(queries.filtered_models(fixture_store, Filters())),
        per_billion_bars(sized, benchmark="MMLU"),
        compare_bars(queries.model_scores(fixture_store, names), names),
        timeline_scatter(mmlu, queries.editions(fixture_store), benchmark="MMLU"),
        timeline_scatter(crowded, queries.editions(fixture_store), benchmark="MMLU"),
        setting_bars(queries.setting_scores(fixture_store, "MMLU", names, ["5-shot"]), models=names,
                            settings=["5-shot"], benchmark="MMLU", title="Live"),
        highlight_bars(board, ["GPT-4"], benchmark="MMLU", unit="%"),
        highlight_scatter(board, ["GPT-4"], benchmark="MMLU"),
    ]


def test_every_figure_passes_plotlys_full_validation(fixture_store):
    # Some builders skip validation (unvalidated_figure); a wrong property name must still fail here.
    for fig in _every_figure(fixture_store):
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property or value
    with pytest.raises(ValueError):
        go.Figure(unvalidated_figure([{"type": "bar", "colour": "red"}], {}).to_dict())


def test_timeline_labels_records_when_crowded():
    days = pd.date_range("2023-01-01", periods=20, freq="W")
    rows = pd.DataFrame({"model": [f"m{i}" for i in range(20)], "release_date": days,
                         "value": [50, 40, 60] + [30] * 17, "setting": "s", "source_url": "https://x", "note": None,
                         "organization": "Org", "open_weights": [False, True, False] + [True] * 17,
                         "total_params_b": 1.0, "active_params_b": None, "reports": 1, "settings": 1})
    assert records(rows)["model"].tolist() == ["m0", "m2"]
    fig = timeline_scatter(rows, pd.DataFrame(columns=["slug", "publish_date"]), benchmark="MMLU")
    # overall records and open-weight records (m1 is the first open model)
    assert [t for t in fig.data[0].text if t] == ["m0", "m1", "m2"]


def test_selected_models_from_a_chart_event():
    event = {"selection": {"points": [{"customdata": ["Phi-2", "5-shot"]}, {"customdata": ["GPT-4"]},
                                      {"customdata": ["Phi-2"]}, {"x": 1}]}}
    assert selected_models(event) == ["Phi-2", "GPT-4"]
    assert selected_models(None) == [] and selected_models({"selection": {"points": []}}) == []


def test_color_map_is_fixed_per_category():
    colors = color_map(["Meta", "Google", "Meta"])
    assert list(colors) == ["Meta", "Google"] and colors["Meta"] != colors["Google"]
    assert color_map(["Meta"])["Meta"] == colors["Meta"]


def test_fmt_value():
    assert [fmt_value(v) for v in (86.4, 90.04, 1249.0, 8.3, None)] == ["86.4", "90.04", "1249", "8.3", ""]


def test_score_bars_outline_highlighted_models():
    rows = pd.DataFrame({
        "model": ["A", "B"], "value": [70.0, 60.0], "setting": ["5-shot", "5-shot"], "organization": ["X", "X"],
        "architecture": ["dense", "dense"], "open_weights": [True, False], "source_url": ["https://a", "https://b"],
        "total_params_b": [7.0, None], "active_params_b": [None, None], "reports": [1, 1], "note": [None, None],
    })
    fig = score_bars(rows, benchmark="MMLU", highlight=["B"])
    bar = fig.to_plotly_json()["data"][0]
    assert list(bar["y"]) == ["A", "B"]
    assert list(bar["marker"]["line"]["width"]) == [0, 3]


# --- large leaderboards: top-N bars with a note, WebGL scatters -----------------------------------

def _many(n: int) -> pd.DataFrame:
    """n models, m0 best, half open, sizes 1..n billion, released one day apart."""
    return pd.DataFrame({
        "model": [f"m{i}" for i in range(n)], "value": [float(n - i) for i in range(n)], "setting": "5-shot",
        "organization": ["X", "Y"] * (n // 2), "architecture": "dense", "open_weights": [True, False] * (n // 2),
        "source_url": "https://x", "note": None, "total_params_b": [float(i + 1) for i in range(n)],
        "params_b": [float(i + 1) for i in range(n)], "active_params_b": None, "reports": 1, "settings": 1,
        "release_date": pd.date_range("2020-01-01", periods=n, freq="D"),
    })


def _bar_models(fig: dict) -> list[str]:
    return [m for t in fig["data"] if t["type"] == "bar" for m in t["y"]]


def test_score_bars_draw_the_top_n_and_the_highlighted_with_a_note():
    fig = score_bars(_many(500), benchmark="MMLU", highlight=["m450"]).to_plotly_json()
    drawn = _bar_models(fig)
    assert len(drawn) == BAR_LIMIT + 1 and set(drawn) == {f"m{i}" for i in range(BAR_LIMIT)} | {"m450"}
    assert fig["layout"]["yaxis"]["categoryarray"][0] == "m450"  # kept at its place, the bottom
    notes = [a for a in fig["layout"]["annotations"] if a.get("name") == MORE_NOTE]
    assert len(notes) == 1 and "and 459 more models" in notes[0]["text"]
    assert len(fig_json := score_bars(_many(500), benchmark="MMLU").to_json()) < 100_000, len(fig_json)


def test_small_bar_charts_have_no_note():
    fig = score_bars(_many(BAR_LIMIT), benchmark="MMLU").to_plotly_json()
    assert len(_bar_models(fig)) == BAR_LIMIT
    assert not [a for a in fig["layout"].get("annotations", []) if a.get("name") == MORE_NOTE]


def test_highlight_bars_keep_the_named_models_below_the_top():
    board = _many(300)
    fig = highlight_bars(board, ["m299", "m3"], benchmark="MMLU").to_plotly_json()
    named, others = fig["data"]
    assert named["y"] == ["m3", "m299"] and len(others["y"]) == BAR_LIMIT - 1
    assert "and 259 more" in fig["layout"]["annotations"][0]["text"]


def _points(fig: dict, groups=("X", "Y")) -> list[dict]:
    """The marker traces of a dense scatter: one per colour group."""
    return [t for t in fig["data"] if t.get("name") in groups]


def test_dense_scatters_name_only_notable_points_and_draw_them_in_svg():
    rows = _many(DENSE_POINTS + 2)
    frontier = pandas_reference.pareto_frontier(rows)
    eff = efficiency_scatter(rows, frontier, benchmark="MMLU", x_title="p", highlight=["m700"]).to_plotly_json()
    dense = _points(eff)
    assert {t["type"] for t in dense} == {"scatter"}  # up to WEBGL_POINTS drawn: SVG is the quicker
    assert sum(len(t["x"]) for t in dense) == len(rows)
    labels = [t for t in eff["data"] if t.get("name") == "named"][0]["text"]
    assert set(labels) == set(frontier["model"]) | {"m700"}
    assert all(len(t["customdata"][0]) == 2 for t in dense)  # model and facts: no source URL, no repeated setting
    assert all("· 5-shot<br>" in t["hovertemplate"] for t in dense)  # the one setting, written once
    rows.loc[rows.index[:3], "setting"] = "0-shot"  # mixed settings: each point names its own
    mixed = _points(efficiency_scatter(rows, frontier, benchmark="MMLU", x_title="p").to_plotly_json())
    assert {c[2] for t in mixed for c in t["customdata"]} == {"0-shot", "5-shot"}
    assert all("%{customdata[2]}" in t["hovertemplate"] for t in mixed)
    assert {s for t in mixed for s in t["marker"]["symbol"]} == {0, 100}  # circle (open weights), circle-open
    timeline = timeline_scatter(rows, pd.DataFrame(columns=["slug", "publish_date"]),
                                       benchmark="MMLU").to_plotly_json()
    assert {t["type"] for t in _points(timeline)} == {"scatter"}
    assert [t for t in timeline["data"] if t.get("name") == "records"][0]["text"] == ["m0"]  # best first, open too
    side = highlight_scatter(rows, ["m5"], benchmark="MMLU").to_plotly_json()
    assert [t["type"] for t in side["data"]] == ["scatter", "scatter"] and side["data"][1]["text"] == ["m5"]


def test_scatters_of_more_points_than_svg_draws_quickly_use_webgl():
    rows = _many(WEBGL_POINTS + 2)
    frontier = pandas_reference.pareto_frontier(rows)
    eff = efficiency_scatter(rows, frontier, benchmark="MMLU", x_title="p").to_plotly_json()
    assert {t["type"] for t in _points(eff)} == {"scattergl"}
    assert [t["type"] for t in eff["data"] if t.get("name") in ("named", "Pareto frontier")] == ["scatter"] * 2
    timeline = timeline_scatter(rows, pd.DataFrame(columns=["slug", "publish_date"]), benchmark="MMLU")
    assert {t["type"] for t in _points(timeline.to_plotly_json())} == {"scattergl"}
    side = highlight_scatter(rows, ["m5"], benchmark="MMLU").to_plotly_json()
    assert [t["type"] for t in side["data"]] == ["scattergl", "scatter"]
    crowded = _many(4 * MAX_POINTS)  # merged on the grid to fewer points than WEBGL_POINTS: SVG again
    side = highlight_scatter(crowded, ["m5"], benchmark="MMLU").to_plotly_json()
    assert len(side["data"][0]["x"]) <= WEBGL_POINTS and side["data"][0]["type"] == "scatter"


def test_crowded_scatters_merge_overlapping_points_but_keep_named_ones():
    rows = _many(4 * MAX_POINTS)
    rows["params_b"] = rows["total_params_b"] = [float(7 + i % 3) for i in range(len(rows))]  # few sizes: overlaps
    frontier = pandas_reference.pareto_frontier(rows)
    fig = efficiency_scatter(rows, frontier, benchmark="MMLU", x_title="p", highlight=["m19999"])
    data = fig.to_plotly_json()
    drawn = [m[0] for t in _points(data) for m in t["customdata"]]
    assert len(drawn) < MAX_POINTS and {"m19999", *frontier["model"]} <= set(drawn)
    note = [a["text"] for a in data["layout"]["annotations"] if a.get("name") == MORE_NOTE][0]
    assert note.startswith(f"{len(drawn):,} of 20,000 points drawn")
    assert len(fig.to_json()) < 1_000_000
    side = highlight_scatter(rows, ["m19998"], benchmark="MMLU").to_plotly_json()
    assert side["data"][1]["text"] == ["m19998"] and sum(len(t["x"]) for t in side["data"]) < MAX_POINTS
    editions = pd.DataFrame({"slug": ["e1"], "publish_date": [pd.Timestamp("2021-01-01")], "number": [1], "title": ["E"]})
    timeline = timeline_scatter(rows, editions, benchmark="MMLU")
    assert len(timeline.to_json()) < 1_000_000
    texts = [a.text for a in timeline.layout.annotations]
    assert len(texts) == 2 and "#1" in texts[0] and "of 20,000 points drawn" in texts[1]
    small = thin(_many(100), "params_b", "value")
    assert small[1] == 0 and len(small[0]) == 100


def test_moe_chart_draws_the_largest_and_counts_the_rest():
    models = pd.DataFrame({"name": [f"m{i}" for i in range(60)], "total_params_b": [float(i + 10) for i in range(60)],
                           "active_params_b": 2.0})
    fig = moe_params(models).to_plotly_json()
    assert fig["data"][1]["y"] == [f"m{i}" for i in range(20, 60)]
    assert "and 20 more models" in fig["layout"]["annotations"][0]["text"]


def test_dense_scatters_with_many_groups_draw_one_trace_coloured_per_point():
    rows = _many(DENSE_POINTS + 50)
    rows["organization"] = [f"org{i % 30}" for i in range(len(rows))]
    colors = color_map(sorted(set(rows["organization"])))
    fig = timeline_scatter(rows, pd.DataFrame(columns=["slug", "publish_date"]), benchmark="MMLU",
                                  colors=colors).to_plotly_json()
    points = _points(fig, groups=["models (coloured by organization)"])
    assert len(points) == 1 and len(points[0]["x"]) == len(rows)
    assert points[0]["marker"]["color"][:2] == [colors["org0"], colors["org1"]]
    assert points[0]["customdata"][1][1].startswith("org1 · closed weights")
