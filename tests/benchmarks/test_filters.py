"""Filters: their SQL parameters and captions, and the models they keep from the fixture data (exact rows)."""
import datetime as dt

import pytest

from superficial.benchmarks.filters import PRESETS, SIZE_LABELS, Filters, months_between
from superficial.db import queries

# --- the numbers and words of a filter ---------------------------------------------------------

def test_defaults_keep_everything():
    f = Filters()
    assert f.min_params is None and f.max_params is None and f.open_weights is None
    assert f.query_params()["orgs"] is None  # no list at all, so the SQL skips the filter
    assert f.is_default() and f.describe() == "No filters: every model"


def test_describe_names_each_active_filter():
    f = Filters(size=("3B", "13B"), basis="active", include_unknown=False, orgs=("Meta", "Mistral AI"),
                archs=("MoE",), weights="open", licenses=("Apache 2.0",), released=("2023-06", "2024-01"))
    assert not f.is_default()
    assert f.describe() == ("Filters: Small 3–13B; MoE by active parameters; known sizes only; Meta, Mistral AI; "
                            "MoE; open weights; Apache 2.0; released 2023-06 to 2024-01")
    assert Filters(size=("70B", "∞")).describe() == "Filters: Large >70B"
    assert Filters(size=("0B", "13B")).describe() == "Filters: ≤13B"


def test_one_row_per_family_is_said_but_filters_no_model():
    family = Filters(per_family=True)
    assert family.is_default() and family.query_params() == Filters().query_params()
    assert family.describe() == "No filters: every model · one row per model family (its best variant)"
    assert not Filters(weights="open", per_family=True).is_default()


def test_numbers_for_the_sql():
    f = Filters(size=("3B", "13B"), weights="closed", released=("2023-06", "2024-02"))
    assert (f.min_params, f.max_params) == (3.0, 13.0)
    assert f.open_weights is False
    assert (f.released_from, f.released_to) == (dt.date(2023, 6, 1), dt.date(2024, 2, 29))
    assert Filters(size=("70B", "∞")).max_params is None


def test_presets_are_bands_that_hide_unknown_sizes():
    assert PRESETS == {"Edge ≤3B": ("0B", "3B"), "Small 3–13B": ("3B", "13B"),
                       "Medium 13–70B": ("13B", "70B"), "Large >70B": ("70B", "∞")}
    small = Filters().with_preset("Small 3–13B")
    assert small.size == ("3B", "13B") and small.include_unknown is False and small.preset == "Small 3–13B"
    assert small.with_preset(None) == Filters()
    assert Filters(size=("3B", "70B")).preset is None
    assert SIZE_LABELS[0] == "0B" and SIZE_LABELS[-1] == "∞"


def test_months_between():
    assert months_between(dt.date(2023, 11, 30), dt.date(2024, 2, 1)) == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert months_between(None, dt.date(2024, 2, 1)) == []


# --- the models each filter keeps (fixture data: 8 models) -----------------------------------

def names(store, filters):
    return queries.filtered_models(store, filters)["name"].tolist()


@pytest.mark.parametrize("filters, expected", [
    (Filters(), ["Llama 2 70B", "Mixtral 8x7B", "Mistral 7B", "Gemma 7B", "Mamba 2.8B", "Phi-2", "GPT-4",
                 "Gemini Ultra"]),
    (Filters().with_preset("Edge ≤3B"), ["Mamba 2.8B", "Phi-2"]),
    (Filters().with_preset("Small 3–13B"), ["Mistral 7B", "Gemma 7B"]),
    (Filters(size=("3B", "13B"), basis="active", include_unknown=False), ["Mixtral 8x7B", "Mistral 7B", "Gemma 7B"]),
    (Filters().with_preset("Medium 13–70B"), ["Llama 2 70B", "Mixtral 8x7B"]),  # 70B is medium (≤ 70B)
    (Filters().with_preset("Large >70B"), []),
    (Filters(size=("70B", "∞")), ["GPT-4", "Gemini Ultra"]),  # unknown sizes kept by the toggle
    (Filters(archs=("undisclosed",)), ["GPT-4", "Gemini Ultra"]),
    (Filters(archs=("SSM", "MoE")), ["Mixtral 8x7B", "Mamba 2.8B"]),
    (Filters(weights="closed"), ["GPT-4", "Gemini Ultra"]),
    (Filters(orgs=("Mistral AI",)), ["Mixtral 8x7B", "Mistral 7B"]),
    (Filters(licenses=("Apache 2.0",)), ["Mixtral 8x7B", "Mistral 7B", "Mamba 2.8B"]),
    (Filters(released=("2023-12", "2023-12")), ["Mixtral 8x7B", "Mamba 2.8B", "Phi-2", "Gemini Ultra"]),
    (Filters(orgs=("Meta",), weights="closed"), []),
])
def test_filtered_models(fixture_store, filters, expected):
    assert names(fixture_store, filters) == expected


def test_params_follow_the_basis(fixture_store):
    active = queries.filtered_models(fixture_store, Filters(basis="active", orgs=("Mistral AI",)))
    assert active[["name", "params_b", "total_params_b"]].values.tolist() == [
        ["Mixtral 8x7B", 12.9, 46.7], ["Mistral 7B", 7.3, 7.3]]


def test_filter_options(fixture_store):
    options = queries.filter_options(fixture_store)
    assert options == {
        "orgs": ["Google", "Meta", "Microsoft", "Mistral AI", "OpenAI", "state-spaces"],
        "licenses": ["Apache 2.0", "Gemma Terms of Use", "Llama 2 Community License", "MIT", "Proprietary"],
        "first_release": dt.date(2023, 3, 14), "last_release": dt.date(2024, 2, 21), "models": 8,
    }
