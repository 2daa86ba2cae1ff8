"""The Efficiency and Timeline views from one SQL query each, against the pandas reference, on fixture,
bundled and synthetic data (the synthetic set big enough for the chart's points to be merged)."""
import numpy as np
import pandas as pd
import pytest

from superficial.benchmarks import efficiency, timeline
from superficial.benchmarks.filters import Filters
from superficial.charts.core import MAX_POINTS
from superficial.charts.timeline import records
from superficial.db import queries
from superficial.db.queries import EFFICIENCY_CELLS, TABLE_ROWS, TIMELINE_CELLS
from superficial.db.store import Store
from tests.benchmarks import pandas_reference
from tools import synthetic

FILTERS = [Filters(), Filters(per_family=True), Filters(basis="active"), Filters(size=("7B", "70B"))]


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Store:
    made = synthetic.write(tmp_path_factory.mktemp("dense"), 8000, 3, seed=11)
    return Store.from_folders(made.data_dir, made.content_dir)


@pytest.fixture(params=["fixture", "bundled", "synthetic"])
def store(request) -> Store:
    return request.getfixturevalue(f"{request.param}_store")


def _cells(xs: pd.Series, ys: pd.Series, cells: tuple[int, int]) -> pd.Series:
    """The grid cell of each point as the query computes it (round half away from zero; all offsets >= 0)."""
    def cell(values: pd.Series, n: int) -> np.ndarray:
        span = (values.max() - values.min()) or 1.0
        return np.floor((values - values.min()) / span * (n - 1) + 0.5)
    return pd.Series(list(zip(cell(xs, cells[0]), cell(ys, cells[1]))), index=xs.index)


def _merged_counts(rest: pd.DataFrame, cells: pd.Series) -> dict[str, int]:
    """{the best model of each cell: how many models the cell holds}, the way the query merges points."""
    ordered = rest.assign(cell=cells).sort_values(["value", "model"], ascending=[False, True], kind="mergesort")
    return ordered.groupby("cell", sort=False).agg(model=("model", "first"), n=("model", "size")).set_index(
        "model")["n"].to_dict()


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "family", "active", "7B-70B"])
def test_efficiency_view_equals_the_pandas_reference(store, filters):
    scores = queries.chart_scores(store, filters, "MMLU", "5-shot", per_family=filters.per_family)
    reference = pandas_reference.with_efficiency(scores)
    frontier = pandas_reference.pareto_frontier(reference).sort_values(["params_b", "model"], kind="mergesort")
    view = efficiency.view(store, filters, "MMLU", "5-shot")

    assert view.total == len(reference)
    assert view.frontier[["model", "params_b", "value"]].values.tolist() == (
        frontier[["model", "params_b", "value"]].values.tolist())
    first = reference.head(TABLE_ROWS)
    assert view.rows["model"].tolist() == first["model"].tolist()
    assert view.rows["per_billion"].tolist() == pytest.approx(first["per_billion"].tolist())
    assert view.rows["on_frontier"].tolist() == first["on_frontier"].tolist()
    pair = pandas_reference.default_pair(reference)
    assert view.pair == pair
    assert view.choices == pandas_reference.pair_choices(reference, frontier, list(pair or ()))
    unsized = scores.loc[scores["params_b"].isna(), "model"]
    assert view.unsized == (len(unsized), unsized.head(efficiency.MISSING_NAMES).tolist())
    assert view.unscored == queries.missing_scores(store, filters, "MMLU", "5-shot", limit=efficiency.MISSING_NAMES,
                                                   per_family=filters.per_family)
    every = efficiency.all_rows(store, filters, "MMLU", "5-shot")
    assert every[["model", "on_frontier"]].values.tolist() == reference[["model", "on_frontier"]].values.tolist()


@pytest.mark.parametrize("filters", FILTERS[:2], ids=["all", "family"])
def test_efficiency_points_count_every_model_once_and_never_merge_the_frontier(store, filters):
    reference = pandas_reference.with_efficiency(
        queries.chart_scores(store, filters, "MMLU", "5-shot", per_family=filters.per_family))
    view = efficiency.view(store, filters, "MMLU", "5-shot")
    points = view.points
    assert points["model"].is_unique and set(points["model"]) <= set(reference["model"])
    assert points["merged"].sum() == len(reference)  # every model stands behind exactly one point
    on_frontier = points[points["model"].isin(view.frontier["model"])]
    assert len(on_frontier) == len(view.frontier) and (on_frontier["merged"] == 1).all()
    rest = reference[~reference["on_frontier"]]
    drawn = points[~points["model"].isin(view.frontier["model"])].set_index("model")["merged"].to_dict()
    if len(reference) <= MAX_POINTS:
        assert drawn == dict.fromkeys(rest["model"], 1)
    else:  # the best model of each cell of the grid, with how many models the cell holds
        sized = reference["params_b"].transform("log10")
        assert drawn == _merged_counts(rest, _cells(sized, reference["value"], EFFICIENCY_CELLS).loc[rest.index])
        assert len(drawn) < len(rest)


def test_the_synthetic_store_merges_points(synthetic_store):
    view = efficiency.view(synthetic_store, Filters(), "MMLU", "5-shot")
    assert view.total > MAX_POINTS and len(view.points) <= EFFICIENCY_CELLS[0] * EFFICIENCY_CELLS[1] + len(view.frontier)
    spec = efficiency.scatter(view, benchmark="MMLU", basis="total", highlight=view.pair)
    note = [a["text"] for a in spec["layout"]["annotations"]][0]
    assert note.startswith(f"{len(view.points):,} of {view.total:,} points drawn")
    hovers = [c[1] for t in spec["data"] if t["mode"] == "markers" for c in t.get("customdata", []) if len(c) > 1]
    assert any("more models nearby (merged)" in h for h in hovers)
    assert [t for t in spec["data"] if t["name"] == "compared"][0]["customdata"] == [[m] for m in view.pair]


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "family", "active", "7B-70B"])
def test_timeline_view_keeps_every_record_and_counts_every_model_once(store, filters):
    scores = queries.chart_scores(store, filters, "MMLU", "5-shot", per_family=filters.per_family)
    dated = scores[scores["release_date"].notna()]
    expected = set(records(dated)["model"]) | set(records(dated[dated["open_weights"] == True])["model"])  # noqa: E712
    view = timeline.view(store, filters, "MMLU", "5-shot")

    assert set(view.records) == expected
    assert view.total == len(scores) and view.dated == len(dated)
    assert view.scores[["model", "value"]].values.tolist() == scores.head(TABLE_ROWS)[["model", "value"]].values.tolist()
    undated = scores.loc[scores["release_date"].isna(), "model"]
    assert view.undated == (len(undated), undated.head(timeline.MISSING_NAMES).tolist())
    assert view.unscored == queries.missing_scores(store, filters, "MMLU", "5-shot", limit=timeline.MISSING_NAMES,
                                                   per_family=filters.per_family)
    points = view.points
    assert points["model"].is_unique and points["merged"].sum() == len(dated)
    kept = points[points["model"].isin(expected)]
    assert len(kept) == len(expected) and (kept["merged"] == 1).all()  # the running best is never merged
    rest = dated[~dated["model"].isin(expected)]
    drawn = points[~points["model"].isin(expected)].set_index("model")["merged"].to_dict()
    if len(dated) <= MAX_POINTS:
        assert drawn == dict.fromkeys(rest["model"], 1)
    else:
        days = dated["release_date"].dt.as_unit("s").astype("int64")
        assert drawn == _merged_counts(rest, _cells(days.astype(float), dated["value"], TIMELINE_CELLS).loc[rest.index])
        assert len(drawn) <= TIMELINE_CELLS[0] * TIMELINE_CELLS[1]
    assert timeline.all_scores(store, filters, "MMLU", "5-shot")["model"].tolist() == scores["model"].tolist()


def test_timeline_chart_names_the_records_and_says_how_many_points_it_merged(synthetic_store):
    view = timeline.view(synthetic_store, Filters(), "MMLU", "5-shot")
    spec = timeline.scatter(view, benchmark="MMLU")
    names = [t for t in spec["data"] if t["name"] == "records"][0]["text"]
    assert sorted(names) == sorted(view.records)
    notes = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "and-more"]
    assert notes == [f"{len(view.points):,} of {view.dated:,} points drawn: overlapping points merged "
                     "(every one is in the CSV below)"]


@pytest.mark.parametrize("filters", FILTERS[:2], ids=["all", "family"])
def test_a_linked_model_outside_the_choices_joins_the_pickers(synthetic_store, filters):
    view = efficiency.view(synthetic_store, filters, "MMLU", "5-shot")
    every = efficiency.all_rows(synthetic_store, filters, "MMLU", "5-shot")
    outside = every.loc[~every["model"].isin(view.choices), "model"].iloc[-1]
    picker = efficiency.picker(synthetic_store, filters, "MMLU", "5-shot", view, [outside, "Nobody", None])
    expected = every[every["model"].isin([*view.choices, outside])].sort_values(["params_b", "model"], kind="mergesort")
    assert picker.names == expected["model"].tolist()
    row = every[every["model"] == outside].iloc[0]
    assert picker.rows.set_index("model").loc[outside, "value"] == row["value"]
    assert efficiency.sentence(picker, view.pair[0], outside, "MMLU").endswith(" on MMLU.")


@pytest.mark.parametrize("filters", FILTERS[:2], ids=["all", "family"])
def test_the_rows_of_models_selected_in_a_chart_are_queried_alone(synthetic_store, filters):
    view = efficiency.view(synthetic_store, filters, "MMLU", "5-shot")
    every = efficiency.all_rows(synthetic_store, filters, "MMLU", "5-shot")
    names = [every["model"].iloc[-1], view.frontier["model"].iloc[0], every["model"].iloc[3], "Nobody"]
    picked = efficiency.selected_rows(synthetic_store, filters, "MMLU", "5-shot", view, names)
    expected = every[every["model"].isin(names)]
    assert picked[["model", "per_billion", "on_frontier"]].values.tolist() == (
        expected[["model", "per_billion", "on_frontier"]].values.tolist())
    scores = timeline.all_scores(synthetic_store, filters, "MMLU", "5-shot")
    names = [scores["model"].iloc[-1], scores["model"].iloc[0], "Nobody"]
    assert timeline.selected_rows(synthetic_store, filters, "MMLU", "5-shot", names).equals(
        scores[scores["model"].isin(names)].reset_index(drop=True))
