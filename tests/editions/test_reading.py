import datetime as dt

import pandas as pd
import pytest

from superficial.benchmarks import compare
from superficial.charts.core import HIGHLIGHT_LABEL
from superficial.db.model_table import model_table
from superficial.db.store import Store
from superficial.editions import reading
from tests.conftest import FIXTURES, ROOT

WEEK5 = "2023-12-17-some-interesting-things-to-start-the-week-5"


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(ROOT / "data", ROOT / "content")


def test_the_listing_has_each_edition_once_drafts_hidden_newest_first(fixture_store):
    listing = reading.listing(fixture_store)
    assert [e.slug for e in listing.editions] == ["2023-12-17-week-5", "2023-12-10-week-4"]
    assert [v.label for v in listing.editions[0].versions] == ["Blog post", "Newsletter text"]
    assert list(listing.labels) == ["2023-12-17-week-5", "2023-12-10-week-4"]
    assert (listing.every_post, listing.other_posts) == (False, 0)


def test_every_post_widens_the_listing_of_a_blog():
    blog = Store.from_folders(FIXTURES / "data", FIXTURES / "blog")
    assert [e.number for e in reading.listing(blog).editions] == [3, 2, 1]
    everything = reading.listing(blog, every_post=True)
    assert everything.other_posts == 1 and len(everything.editions) == 4
    assert "2023-12-05-notes" in everything.labels


def test_choose_an_edition_and_its_version(fixture_store):
    listing = reading.listing(fixture_store)
    index = fixture_store.index
    newest = reading.choose(listing, index, None)
    assert (newest.edition.slug, newest.version.label, newest.note) == ("2023-12-17-week-5", "Blog post", None)
    # an old link names the newsletter text by its own slug
    plain = reading.choose(listing, index, "week-5-plain")
    assert (plain.edition.slug, plain.version.slug, plain.note) == ("2023-12-17-week-5", "week-5-plain", None)
    named = reading.choose(listing, index, "2023-12-17-week-5", "newsletter-text")
    assert named.version.slug == "week-5-plain" and named.version.name == "newsletter-text"
    assert reading.choose(listing, index, "2023-12-17-week-5", "no-such-version").version.label == "Blog post"
    assert reading.choose(listing, index, "2023-12-10-week-4", "newsletter-text").version.slug == "2023-12-10-week-4"
    draft = reading.choose(listing, index, "draft")
    assert draft.edition is listing.editions[0] and "draft" in draft.note


def test_a_link_to_another_post_says_how_to_read_it():
    blog = Store.from_folders(FIXTURES / "data", FIXTURES / "blog")
    chosen = reading.choose(reading.listing(blog), blog.index, "2023-12-05-notes")
    assert chosen.edition.number == 3 and "Every post" in chosen.note
    assert reading.choose(reading.listing(blog, every_post=True), blog.index, "2023-12-05-notes").note is None


def test_labels_carry_number_date_title_and_tags(fixture_store):
    week4 = fixture_store.index.find("2023-12-10-week-4")[0]
    assert reading.edition_label(week4) == "#4 · 10 December 2023 · Some interesting things to start the week #4 · weekly-digest, AI"
    assert "plain text" not in reading.edition_label(fixture_store.index.find("week-5-plain")[0])  # one of two


def test_search_by_text_and_tags_lists_each_edition_once(fixture_store):
    editions = reading.listing(fixture_store).editions
    found = reading.search(editions, '"MORE text"')
    assert [m.edition.slug for m in found] == ["2023-12-10-week-4"]
    assert "More text" in found[0].snippet
    assert len(reading.search(editions, "punch above")) == 2  # #5 once, though both its versions say it
    assert len(reading.search(editions, "more text")) == 2  # words, anywhere
    assert [m.edition.slug for m in reading.search(editions, "punch", ["AI"])] == ["2023-12-17-week-5",
                                                                                   "2023-12-10-week-4"]
    assert reading.search(editions, "no such words anywhere") == []
    assert reading.search(editions, "substack") == []  # link targets are not text


def test_search_finds_words_only_one_version_has(tmp_path):
    (tmp_path / "2023-12-01-a.md").write_text('---\ntitle: "Things #1"\npublishDate: 2023-12-01\n---\nBlog words.\n')
    (tmp_path / "a.txt").write_text("Things #1\nThe newsletter text\nNewsletter-only aardvark.\n")
    store = Store.from_folders(FIXTURES / "data", tmp_path)
    editions = reading.listing(store).editions
    assert len(editions) == 1
    (match,) = reading.search(editions, "aardvark")
    assert match.version.slug == "a" and "aardvark" in match.snippet
    (match,) = reading.search(editions, "blog words")
    assert match.version.slug == "2023-12-01-a"


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
    meant = model_table(store).variants_meant(["GPT-4"], dt.date(2023, 5, 1))
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
    view = reading.edition_view(other, other.editions[0])
    assert view.images == {"/assets//2023/a.webp": (tmp_path / "assets" / "2023" / "a.webp").resolve(),
                           "/assets/2023/gone.webp": None}


def test_edition_view_with_a_shared_matcher_and_boards_is_the_same(store):
    plain = reading.edition_view(store, store.edition(WEEK5))
    fast = reading.edition_view(store, store.edition(WEEK5), names=reading.matcher(store),
                                boards=reading.side_boards(store))
    assert fast.mentioned["name"].tolist() == plain.mentioned["name"].tolist()
    assert fast.mentions == plain.mentions
    assert [chart_models(c.figure) for c in fast.side_charts] == [chart_models(c.figure) for c in plain.side_charts]


@pytest.fixture(scope="module")
def blog_store() -> Store:
    return Store.from_folders(FIXTURES / "data", FIXTURES / "blog")


def test_blog_images_are_the_files_under_public(blog_store):
    view = reading.edition_view(blog_store, blog_store.index.listed()[-1].default)  # #1
    public = FIXTURES / "blog" / "public" / "assets" / "2023" / "december"
    assert view.images == {"/assets/2023/december/week-1-chart.webp": (public / "week-1-chart.webp").resolve(),
                           "/assets/2023/december/missing.webp": None}


def test_reading_time_is_in_the_byline(store):
    view = reading.edition_view(store, store.edition(WEEK5))
    assert view.reading_time.words > 1000  # a long edition
    assert view.byline.endswith(f" · {view.reading_time.minutes} min read") and view.reading_time.minutes > 4


def test_previous_next_and_since_the_previous_edition(blog_store):
    one, two, three = (next(e for e in blog_store.index.editions if e.number == n) for n in (1, 2, 3))
    view = reading.edition_view(blog_store, two.default)
    assert (view.previous.slug, view.next.slug) == (one.slug, three.slug)
    assert view.previous.label == r"Some interesting things to start the week \#1"
    since = view.since
    assert (since.previous.slug, since.after, since.until) == (one.slug, dt.date(2023, 12, 1), dt.date(2023, 12, 12))
    assert since.models == ("Gemini Ultra", "Mixtral 8x7B", "Phi-2") and since.more == 0 and since.total == 3
    assert since.compare == "Gemini Ultra,Mixtral 8x7B,Phi-2"
    first = reading.edition_view(blog_store, one.default)
    assert first.previous is None and first.since is None and first.next.slug == two.slug
    notes = blog_store.index.find("2023-12-05-notes")[0]
    other = reading.edition_view(blog_store, notes.default)
    assert (other.previous, other.next, other.since) == (None, None, None)  # no newsletter edition


def test_since_the_previous_edition_lists_a_few_and_counts_the_rest(tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "A #1"\npublishDate: 2023-01-01\n---\nx\n')
    (tmp_path / "b.md").write_text('---\ntitle: "B #2"\npublishDate: 2024-06-01\n---\nx\n')
    wide = Store.from_folders(ROOT / "data", tmp_path)
    since = reading.since_the_previous(model_table(wide), wide.index.editions, wide.index.find("b")[0])
    released = wide.query("SELECT count(*) AS n FROM models WHERE release_date > DATE '2023-01-01' "
                          "AND release_date <= DATE '2024-06-01'")["n"][0]
    assert len(since.models) == reading.SINCE_SHOWN and since.total == released > reading.SINCE_SHOWN
    assert len(since.compare.split(",")) == compare.MAX_MODELS


def test_side_chart_caption_says_which_variants_stand_for_a_named_model(store):
    view = reading.edition_view(store, store.edition(WEEK5))
    mt_bench = next(c for c in view.side_charts if c.label == "MT-Bench")
    caption = mt_bench.caption.replace("\\", "")  # escaped for Markdown
    assert "GPT-4: drawn as GPT-4 (0314), GPT-4 (0613)" in caption
    assert caption.count("the variants out by 17 December 2023") == 1
    undated = reading.SideChart("MMLU", "MMLU", "5-shot", {}, 3, ["Nano-9"], {"GPT-4": ["GPT-4 (0314)"]})
    assert reading.side_chart_caption(undated, None).replace("\\", "") == (
        "MMLU · 5-shot · 3 models; named in this edition in colour. GPT-4: drawn as GPT-4 (0314) — the variants "
        "on record. No value here for Nano-9.")


def test_a_big_scatter_board_shares_its_thinned_points_and_keeps_every_named_model():
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(0)
    n = 20_000
    rows = pa.table({"model": [f"m{i}" for i in range(n)], "value": rng.uniform(20, 90, n).round(2),
                     "source_url": ["https://example.com"] * n,
                     "total_params_b": pa.array(np.where(np.arange(n) % 10 == 0, np.nan, rng.uniform(0.1, 500, n)),
                                                from_pandas=True)})  # every tenth size unknown (null)
    board = reading.side_board("Parameter efficiency", "MMLU", "5-shot", "scatter", "%", rows)
    assert board.sized == n - n // 10 and board.points.num_rows < board.sized
    # A named model the shared points merged away is drawn all the same; one of unknown size is not.
    named = next(m for m in rows["model"].to_pylist()[1:] if m not in set(board.points["model"].to_pylist()))
    (chart,) = reading.side_charts((board,), {named: [named], "m0": ["m0"]})
    traces = {t["name"]: t for t in chart.figure["data"]}
    assert [c[0] for c in traces[HIGHLIGHT_LABEL]["customdata"]] == [named]
    assert chart.missing == ["m0"] and chart.shown == n - n // 10
    drawn = sum(len(t["x"]) for t in chart.figure["data"])
    note = " ".join(a["text"] for a in chart.figure["layout"]["annotations"])
    assert f"{drawn:,} of {n - n // 10:,} points drawn" in note
