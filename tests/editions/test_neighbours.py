"""editions.neighbours: previous and next newsletter editions by date, and the models released in between."""
import datetime as dt

import pytest

from superficial.db.model_table import model_table
from superficial.db.store import Store
from superficial.editions.neighbours import previous_and_next, since_previous
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def blog_store() -> Store:
    return Store.from_folders(FIXTURES / "data", FIXTURES / "blog")


def by_number(store, number):
    return next(e for e in store.index.editions if e.number == number)


def test_previous_and_next_skip_posts_that_are_no_editions(blog_store):
    everything = blog_store.index.listed(every_post=True)
    one, two, three = (by_number(blog_store, n) for n in (1, 2, 3))
    assert previous_and_next(everything, one) == (None, two)  # the 5 December notes are no edition
    assert previous_and_next(everything, two) == (one, three)
    assert previous_and_next(everything, three) == (two, None)
    notes = next(e for e in everything if not e.is_edition)
    assert previous_and_next(everything, notes) == (None, None)


def test_an_undated_edition_has_no_neighbours(tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "A #1"\npublishDate: 2023-12-01\n---\nx\n')
    (tmp_path / "b.txt").write_text("B #2\nno date\nx\n")
    index = Store.from_folders(FIXTURES / "data", tmp_path).index
    undated = index.find("b")[0]
    assert previous_and_next(index.editions, undated) == (None, None)
    assert previous_and_next(index.editions, index.find("a")[0]) == (None, None)


def test_models_released_between_excludes_the_start_and_includes_the_end(blog_store):
    models = model_table(blog_store)
    assert models.released_between(dt.date(2023, 12, 1), dt.date(2023, 12, 12)) == [
        "Gemini Ultra", "Mixtral 8x7B", "Phi-2"]  # not Mamba 2.8B of 1 December
    assert models.released_between(dt.date(2023, 12, 12), dt.date(2023, 12, 12)) == []


def test_since_the_previous_edition(blog_store):
    editions, models = blog_store.index.editions, model_table(blog_store)
    since = since_previous(models, editions, by_number(blog_store, 2))
    assert since.previous is by_number(blog_store, 1)
    assert (since.after, since.until) == (dt.date(2023, 12, 1), dt.date(2023, 12, 12))
    assert since.models == ["Gemini Ultra", "Mixtral 8x7B", "Phi-2"]
    assert since_previous(models, editions, by_number(blog_store, 3)).models == ["Gemma 7B"]
    assert since_previous(models, editions, by_number(blog_store, 1)) is None  # the first edition


def test_since_previous_lists_the_first_models_and_counts_them_all(blog_store):
    editions, models = blog_store.index.editions, model_table(blog_store)
    every = since_previous(models, editions, by_number(blog_store, 2))
    first = since_previous(models, editions, by_number(blog_store, 2), limit=2)
    assert first.models == every.models[:2]
    assert first.total == every.total == len(every.models) == 3
