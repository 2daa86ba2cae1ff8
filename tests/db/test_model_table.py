"""The in-memory model table: what a named model stands for, as the store's variants query says."""
import datetime as dt

import pytest

from superficial.db import queries
from superficial.db.model_table import model_table


def test_a_model_stands_for_itself_then_its_variants_oldest_first(variants_store):
    table = model_table(variants_store)
    assert table.variants_meant(["GPT-4"]) == {"GPT-4": ["GPT-4", "GPT-4 (0314)", "GPT-4 (0613)"]}
    meant = table.variants_meant(["GPT-4 (0613)", "Nobody", "GPT-3.5 Turbo"], as_of=dt.date(2023, 7, 1))
    assert meant == {"GPT-4 (0613)": ["GPT-4 (0613)"], "Nobody": ["Nobody"],  # unknown: stands for itself
                     "GPT-3.5 Turbo": ["GPT-3.5 Turbo", "GPT-3.5 Turbo (0613)",
                                       "GPT-3.5 Turbo (0314)"]}  # undated last; the 1106 snapshot came later


@pytest.mark.parametrize("as_of", [None, dt.date(2023, 3, 1), dt.date(2023, 7, 1), dt.date(2024, 1, 1)])
def test_what_a_model_stands_for_is_what_the_variants_query_finds(variants_store, as_of):
    names = queries.model_names(variants_store)["name"].tolist()
    family = queries.variants(variants_store, names, as_of=as_of)
    expected = {name: family.loc[family["asked"] == name, "name"].tolist() or [name] for name in names}
    assert model_table(variants_store).variants_meant(names, as_of) == expected
    assert any(len(meant) > 1 for meant in expected.values())  # the data has families to walk down


@pytest.mark.parametrize("after, until", [(dt.date(2023, 3, 1), dt.date(2023, 7, 1)), (dt.date(2022, 1, 1),
                                          dt.date(2024, 6, 1)), (dt.date(2023, 6, 13), dt.date(2023, 6, 13))])
def test_models_released_in_a_span_are_those_the_models_table_dates_there(variants_store, after, until):
    table = model_table(variants_store)
    released = variants_store.query(
        "SELECT name FROM models WHERE release_date > $after AND release_date <= $until ORDER BY release_date, name",
        {"after": after, "until": until})["name"].tolist()
    assert table.released_between(after, until) == released
    assert table.released_after(after) == variants_store.query(
        "SELECT count(*) AS n FROM models WHERE release_date > $after", {"after": after})["n"][0]


def test_undated_models_are_counted_and_never_released_in_a_span(variants_store):
    table = model_table(variants_store)
    undated = variants_store.query("SELECT name FROM models WHERE release_date IS NULL")["name"].tolist()
    assert table.undated == len(undated) > 0
    assert not set(undated) & set(table.released_between(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
