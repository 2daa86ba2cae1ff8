"""ui.cache: results cached per store build and parameters, a copy per caller; shared values read-only."""
import os
import time

import plotly.graph_objects as go
import plotly.tools
import pyarrow as pa
import pytest
import streamlit as st

from superficial.benchmarks import efficiency, explore
from superficial.benchmarks.filters import Filters
from superficial.db import queries
from superficial.db.store import Store
from superficial.ui import cache
from tests.conftest import FIXTURES

NEWCOMER = "Newcomer,Org,F,7,,dense,2024-01-01,true,MIT,https://a.example\n"


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def queries_run(monkeypatch) -> list[str]:
    """The SQL of every query that reaches the database."""
    ran: list[str] = []
    original = Store.query_table

    def counting(self, sql, params=None):
        ran.append(sql)
        return original(self, sql, params)

    monkeypatch.setattr(Store, "query_table", counting)
    return ran


def test_each_parameter_set_reaches_the_database_once(fixture_store, queries_run):
    first = cache.settings(fixture_store, "MMLU")
    again = cache.settings(fixture_store, "MMLU")
    assert first.equals(again) and len(queries_run) == 1
    cache.settings(fixture_store, "MT-Bench")
    assert len(queries_run) == 2


def test_every_store_build_has_its_own_results(data_copy):
    before = Store.from_folders(data_copy, FIXTURES / "content")
    assert cache.headline_figures(before)["models"] == 8
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + NEWCOMER)
    after = Store.from_folders(data_copy, FIXTURES / "content")
    assert cache.headline_figures(after)["models"] == 9
    assert cache.headline_figures(before)["models"] == 8  # each build keeps answering for itself


def test_an_edited_file_refreshes_the_store_and_the_results(data_copy, monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(data_copy))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    clock = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    first = cache.bundled_store()
    assert cache.bundled_store() is first  # loaded once per process
    assert cache.headline_figures(first)["models"] == 8
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + NEWCOMER)
    later = time.time() + 5
    os.utime(models, (later, later))  # a clock that did not move between the writes still counts
    clock[0] += cache.FOLDERS_CHECKED_EVERY / 2
    assert cache.bundled_store() is first  # the folders are listed at most once a second
    clock[0] += cache.FOLDERS_CHECKED_EVERY
    second = cache.bundled_store()
    assert second is not first
    assert cache.headline_figures(second)["models"] == 9


def test_the_folders_are_listed_at_most_once_a_second(monkeypatch, tmp_path):
    listed = []
    monkeypatch.setattr(cache.config, "fingerprint", lambda *folders: listed.append(folders) or str(len(listed)))
    clock = [50.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    data, content, other = tmp_path / "data", tmp_path / "content", tmp_path / "other"
    first = cache._folders_fingerprint(data, content)
    clock[0] += 0.5
    assert cache._folders_fingerprint(data, content) == first and len(listed) == 1
    assert cache._folders_fingerprint(other, content) != first  # other folders: listed at once
    clock[0] += 1.0
    assert cache._folders_fingerprint(other, content) == "3" and len(listed) == 3


def test_a_caller_changing_its_result_changes_nobody_elses(fixture_store):
    frame = cache.models(fixture_store)
    frame.loc[:, "name"] = "changed"
    assert "changed" not in set(cache.models(fixture_store)["name"])
    view = cache.edition_view(fixture_store, "2023-12-17-week-5", False)
    view.mentioned["mentions"] = 0
    view.side_charts[0].figure["data"].clear()
    again = cache.edition_view(fixture_store, "2023-12-17-week-5", False)
    assert again.mentioned["mentions"].min() >= 1 and again.side_charts[0].figure["data"]


def test_shared_values_cannot_be_changed(fixture_store):
    matcher = cache.mention_matcher(fixture_store)
    assert matcher is cache.mention_matcher(fixture_store)
    assert list(vars(matcher)) == ["_lookup", "_within"]  # no terms held: a text looks its own up in the store
    text = "GPT-4 and Phi-2"
    assert matcher.within(text) is matcher.within(text)  # the page's text, then its claims': one lookup
    assert set(matcher.within(text).terms) == {"gpt-4", "phi-2", "gpt", "phi"}  # what the text may name (families too)
    with pytest.raises(TypeError):
        matcher.within("GPT-4").terms["gpt-4"] = ("model", "Someone else")  # type: ignore[index]
    models = cache.model_table(fixture_store)
    assert models is cache.model_table(fixture_store)
    with pytest.raises(ValueError):
        models.sizes["total"][0] = 1.0
    with pytest.raises(TypeError):
        cache.claim_vocabulary(fixture_store).settings["MMLU"] = []  # type: ignore[index]
    listing = cache.listing(fixture_store)
    assert isinstance(listing.editions, tuple)
    with pytest.raises(TypeError):
        listing.labels["x"] = "y"  # type: ignore[index]
    boards = cache.side_boards(fixture_store, None)
    assert boards is cache.side_boards(fixture_store, None)
    assert all(isinstance(board.rows, pa.Table) for board in boards)  # Arrow tables have no setters


def test_a_figure_spec_draws_without_validating_again(fixture_store):
    view = cache.edition_view(fixture_store, "2023-12-17-week-5", False)
    spec = view.side_charts[0].figure
    figure = cache.figure(spec)
    assert figure.to_dict() is spec  # what st.plotly_chart sends: the spec itself, not a copy
    sent = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)  # as st.plotly_chart does
    assert sent is spec and list(go.Figure(sent).data[0].y) == spec["data"][0]["y"]  # a valid figure


def test_an_explore_tab_reuses_what_no_filter_changes(fixture_store, queries_run):
    cache.explore_tab(fixture_store, Filters(), "5-shot", (), "MMLU")
    before = len(queries_run)
    tab = cache.explore_tab(fixture_store, Filters(orgs=("Mistral AI",)), "5-shot", (), "MMLU")
    new = queries_run[before:]
    assert queries.BENCHMARKS_SQL not in new and queries.SETTINGS_SQL not in new  # cached across filters
    # the models kept, and the top scores of the one tab asked for (both kept models have one: none is missing)
    assert new == [queries.FILTERED_COUNT_SQL, queries.TOP_CHART_SCORES_SQL]
    assert tab.rows["model"].tolist() == ["Mixtral 8x7B", "Mistral 7B"]


def test_an_explore_figure_is_built_once_per_parameters(fixture_store, monkeypatch):
    built = []
    original = explore.figure
    monkeypatch.setattr(explore, "figure", lambda *a, **k: built.append(a) or original(*a, **k))
    tab = cache.explore_tab(fixture_store, Filters(), "5-shot", (), "MMLU")
    first = cache.explore_figure(fixture_store, Filters(), "5-shot", (), "MMLU", color_by="organization", _tab=tab)
    again = cache.explore_figure(fixture_store, Filters(), "5-shot", (), "MMLU", color_by="organization", _tab=tab)
    assert len(built) == 1 and first == again
    assert first == explore.figure(tab, color_by="organization", org_colors=cache.org_colors(fixture_store)).to_dict()
    cache.explore_figure(fixture_store, Filters(), "5-shot", (), "MMLU", color_by="architecture", _tab=tab)
    assert len(built) == 3  # another colouring is another figure (and the comparison above built one)


def test_small_figures_are_built_once_per_parameters(fixture_store, monkeypatch):
    built = []
    original = efficiency.moe_chart
    monkeypatch.setattr(efficiency, "moe_chart", lambda *a: built.append(a) or original(*a))
    first = cache.moe_figure(fixture_store, Filters())
    again = cache.moe_figure(fixture_store, Filters())
    assert len(built) == 1 and first == again
    assert go.Figure(first).data[1].y == ("Mixtral 8x7B",)
    assert cache.moe_figure(fixture_store, Filters(orgs=("Meta",))) is None  # no MoE model: no chart
    assert len(built) == 2
    bars = go.Figure(cache.efficiency_view(fixture_store, Filters(), "MMLU", "5-shot").per_billion)
    assert bars.data[0].y == ("Gemma 7B", "Mistral 7B", "Mixtral 8x7B", "Llama 2 70B")  # drawn from the view's spec


def test_the_compare_picker_reuses_the_popular_models(fixture_store, queries_run):
    cache.compare_picker(fixture_store, "", ())
    before = len(queries_run)
    picker = cache.compare_picker(fixture_store, "", ("Phi-2",))
    assert len(queries_run) == before  # the same listing, another pick: no query
    assert not picker.searchable and "Phi-2" in picker.options and len(picker.options) == 8


def test_the_store_is_left_out_of_later_collections(monkeypatch):
    import gc

    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    try:
        store = cache.bundled_store()
        assert gc.get_freeze_count() > 0 and not any(o is store for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_benchmark_picker_offers_the_benchmarks_with_scores_and_their_scales(fixture_store, queries_run):
    scales = cache.benchmark_scales(fixture_store)
    assert scales == {"MMLU": (0.0, 100.0), "HellaSwag": (0.0, 100.0), "MT-Bench": (0.0, 10.0)}  # none unscored
    assert cache.setting_names(fixture_store, "MMLU")[0] == queries.default_setting(fixture_store, "MMLU")
    assert set(cache.setting_names(fixture_store, "MMLU")) == set(queries.settings(fixture_store, "MMLU")["setting"])
    ran = len(queries_run)
    cache.benchmark_scales(fixture_store), cache.setting_names(fixture_store, "MMLU")
    assert len(queries_run) == ran  # cached: no query again
