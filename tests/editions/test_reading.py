import datetime as dt

import pandas as pd
import pytest

from superficial.charts.core import HIGHLIGHT_LABEL
from superficial.db.store import Store
from superficial.editions import reading
from tests.conftest import ROOT

WEEK5 = "2023-12-17-some-interesting-things-to-start-the-week-5"


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(ROOT / "data", ROOT / "content")


def test_drafts_are_hidden_and_newest_comes_first(fixture_store):
    editions = reading.published(fixture_store.editions)
    # #5's newsletter text follows its blog post, with its date
    assert [e.slug for e in editions] == ["2023-12-17-week-5", "week-5-plain", "2023-12-10-week-4"]
    assert "draft" not in {e.slug for e in editions}


def test_choose_and_neighbours(fixture_store):
    editions = reading.published(fixture_store.editions)
    assert reading.choose(editions, None) == (editions[0], None)
    assert reading.choose(editions, "2023-12-10-week-4")[0].slug == "2023-12-10-week-4"
    chosen, note = reading.choose(editions, "draft")
    assert chosen is editions[0] and "draft" in note
    older, newer = reading.neighbours(editions, "2023-12-10-week-4")
    assert (older, newer.slug) == (None, "week-5-plain")
    assert reading.neighbours(editions, "2023-12-17-week-5")[1] is None


def test_labels_carry_number_date_title_and_tags(fixture_store):
    week4 = fixture_store.edition("2023-12-10-week-4")
    assert reading.edition_label(week4) == "#4 · 10 December 2023 · Some interesting things to start the week #4 · weekly-digest, AI"
    assert "plain text" in reading.edition_label(fixture_store.edition("week-5-plain"))


def test_search_by_text_and_tags(fixture_store):
    editions = reading.published(fixture_store.editions)
    found = reading.search(editions, '"MORE text"')
    assert [m.edition.slug for m in found] == ["2023-12-10-week-4"]
    assert "More text" in found[0].snippet
    assert len(reading.search(editions, "punch above")) == 3
    assert len(reading.search(editions, "more text")) == 3  # words, anywhere
    assert [m.edition.slug for m in reading.search(editions, "punch", ["AI"])] == [  # the text has its post's tags
        "2023-12-17-week-5", "week-5-plain", "2023-12-10-week-4"]
    assert reading.search(editions, "no such words anywhere") == []
    assert reading.search(editions, "substack") == []  # link targets are not text


def chart_models(spec: dict) -> dict[str, list[str]]:
    return {t["name"]: list(t["y"] if t.get("orientation") == "h" else t.get("text") or []) for t in spec["data"]}


def test_edition_view_highlights_the_mentioned_models(store):
    view = reading.edition_view(store, store.edition(WEEK5))
    assert {"GPT-4", "Gemini Ultra", "Mixtral 8x7B", "Phi-2", "Mamba 2.8B"} <= set(view.mentioned["name"])
    assert "Gemini" in view.mentions.families
    mmlu = next(c for c in view.side_charts if c.label == "MMLU")
    drawn = chart_models(mmlu.figure)
    # "GPT-4" in the text means its snapshots: the one with an MMLU 5-shot score is coloured, and named
    assert {"GPT-4 (0314)", "Gemini Ultra", "Mixtral 8x7B"} <= set(drawn[HIGHLIGHT_LABEL])
    assert not {"GPT-4 (0314)", "GPT-4 (0613)"} & set(drawn["other models"])
    assert mmlu.drawn_for["GPT-4"] == ["GPT-4 (0314)"] and "GPT-4" not in mmlu.missing
    assert "Mamba 2.8B" in mmlu.missing  # no MMLU 5-shot score on record
    mt_bench = next(c for c in view.side_charts if c.label == "MT-Bench")
    assert mt_bench.drawn_for["GPT-4"] == ["GPT-4 (0314)", "GPT-4 (0613)"]
    assert mt_bench.drawn_for["Mixtral 8x7B"] == ["Mixtral 8x7B Instruct"]
    assert list(view.embeds) == ["datawrapper:RuhKp"]
    assert [h.label for h in view.toc][:2] == ["1. Let’s start small, and why is it the next big thing instead",
                                               "2. Mixtrals of Experts and Mamba’s State-Space Models"]
    assert all(path is None for path in view.images.values())  # no content/assets bundled


def test_a_named_model_means_the_variants_released_by_the_edition(store):
    meant = reading.meant_variants(store, ["GPT-4"], dt.date(2023, 5, 1))
    (mt_bench,) = [c for c in reading.side_charts(reading.side_boards(store), meant) if c.label == "MT-Bench"]
    assert mt_bench.drawn_for == {"GPT-4": ["GPT-4 (0314)"]}  # the 0613 snapshot came out in June 2023
    assert "GPT-4 (0613)" in chart_models(mt_bench.figure)["other models"]


def test_as_of_the_edition_leaves_out_later_models(store):
    edition = store.edition(WEEK5)
    now = reading.edition_view(store, edition)
    then = reading.edition_view(store, edition, as_of_edition=True)
    assert now.as_of is None and then.as_of == dt.date(2023, 12, 17)
    models = store.query("SELECT name, release_date FROM models")
    later = set(models.loc[pd.to_datetime(models["release_date"]) > pd.Timestamp("2023-12-17"), "name"])
    assert then.newer_models == len(later) > 0
    for chart_now, chart_then in zip(now.side_charts, then.side_charts):
        names_then = {n for names in chart_models(chart_then.figure).values() for n in names}
        assert not names_then & later
        assert chart_then.shown < chart_now.shown or chart_now.label == "MT-Bench"
    mmlu_now = {n for names in chart_models(now.side_charts[0].figure).values() for n in names}
    assert mmlu_now & later  # the live view does include them


def test_undated_edition_cannot_go_back_in_time(tmp_path):
    (tmp_path / "alone.txt").write_text("Some interesting things #9\nNo blog post of this one.\nGPT-4 again.\n")
    store = Store.from_folders(ROOT / "data", tmp_path)
    plain = store.editions[0]
    assert plain.publish_date is None  # the bundled newsletter text takes the date of its blog post
    view = reading.edition_view(store, plain, as_of_edition=True)
    assert view.as_of is None and view.newer_models == 0


def test_images_found_in_content_assets(tmp_path, store):
    (tmp_path / "assets" / "2023").mkdir(parents=True)
    (tmp_path / "assets" / "2023" / "a.webp").write_bytes(b"RIFF")
    (tmp_path / "e.md").write_text('---\ntitle: "T #1"\npublishDate: 2023-12-01\n---\n'
                                   '![x](/assets//2023/a.webp "t")\n_cap_\n\n![](/assets/2023/gone.webp)\n')
    other = Store.from_folders(ROOT / "data", tmp_path)
    view = reading.edition_view(other, other.editions[0], content_dir=tmp_path)
    assert view.images == {"/assets//2023/a.webp": (tmp_path / "assets" / "2023" / "a.webp").resolve(),
                           "/assets/2023/gone.webp": None}


def test_edition_view_with_a_shared_matcher_and_boards_is_the_same(store):
    plain = reading.edition_view(store, store.edition(WEEK5))
    fast = reading.edition_view(store, store.edition(WEEK5), names=reading.matcher(store),
                                boards=reading.side_boards(store))
    assert fast.mentioned["name"].tolist() == plain.mentioned["name"].tolist()
    assert fast.mentions == plain.mentions
    assert [chart_models(c.figure) for c in fast.side_charts] == [chart_models(c.figure) for c in plain.side_charts]
