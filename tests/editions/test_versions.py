"""editions.versions: the files of one edition are one edition with versions; a shared number is reported."""
import datetime as dt

import pytest

from superficial.editions.versions import index_editions, same_title
from superficial.ingest.content import load_editions
from superficial.ingest.source import content_source, load_content
from tests.conftest import FIXTURES, ROOT

BLOG_SLUG = "2023-12-17-some-interesting-things-to-start-the-week-5"
TEXT_SLUG = "some-interesting-things-to-start-the-week-5"


def test_the_bundled_blog_post_and_newsletter_text_are_one_edition():
    index = index_editions(load_editions(ROOT / "content").editions)
    assert len(index.editions) == 1 and index.problems == ()
    edition = index.editions[0]
    assert [v.label for v in edition.versions] == ["Blog post", "Newsletter text"]
    assert [v.slug for v in edition.versions] == [BLOG_SLUG, TEXT_SLUG]
    assert edition.slug == BLOG_SLUG and edition.default.format == "markdown"
    blog, text = (v.edition for v in edition.versions)
    assert blog.body != text.body  # both bodies kept
    assert text.publish_date == blog.publish_date == dt.date(2023, 12, 17)  # no longer "date unknown"
    assert text.tags == blog.tags == ("weekly-digest", "AI", "technology", "machine-learning")
    assert text.inherited_from == BLOG_SLUG and blog.inherited_from is None
    assert text.description.startswith("Small Language Models")  # its own second line


def test_any_version_slug_finds_the_edition_and_that_version():
    index = index_editions(load_editions(ROOT / "content").editions)
    edition, version = index.find(TEXT_SLUG)
    assert edition is index.editions[0] and version.label == "Newsletter text"
    assert index.find(BLOG_SLUG)[1].label == "Blog post"
    assert index.find("no-such-edition") is None and index.find(None) is None


@pytest.mark.parametrize("a, b, same", [
    ("Some interesting things to start the week #5", "Some Interesting Things to Start the Week! #5", True),
    ("Some interesting things to start the week #5", "Some intresting things to start the week #5", True),
    ("Some interesting things to start the week #5", "Some interesting things to start this week #5", True),
    ("Some interesting things to start the week #5", "Some interesting things to end this week #5", False),
    ("Some interesting things to end this week #2", "Lebaran 2020 dan Peran Neurafarm #2", False),
    ("AI &amp; energy #7", "AI & energy #7", True),
])
def test_near_same_titles(a, b, same):
    assert same_title(a, b) is same


def post(folder, name, title, date=None, tags=("weekly-digest",), draft=False, body="Text."):
    lines = ["---", f'title: "{title}"', f"tags: [{', '.join(tags)}]", f"draft: {str(draft).lower()}"]
    lines += [f'publishDate: "{date}"'] if date else []
    (folder / name).write_text("\n".join([*lines, "---", body, ""]))


def test_a_number_shared_by_two_different_editions_is_reported_and_both_stay(tmp_path):
    post(tmp_path, "a.md", "Some interesting things to start the week #3", "3 December 2023")
    post(tmp_path, "b.md", "Papers I liked #3", "3 March 2024")
    index = index_editions(load_editions(tmp_path).editions)
    assert [e.slug for e in index.editions] == ["b", "a"]
    assert all(len(e.versions) == 1 for e in index.editions)
    [problem] = index.problems
    assert problem.severity == "warning" and problem.file.endswith("b.md")
    assert "a.md" in problem.reason and "#3" in problem.reason and "3 December 2023" in problem.reason
    assert index.find("a") and index.find("b")


def test_a_renamed_title_on_the_same_day_is_still_one_edition(tmp_path):
    post(tmp_path, "a.md", "Some interesting things to start the week #3", "3 December 2023")
    post(tmp_path, "b.md", "Three papers and a chart #3", "3 December 2023")
    index = index_editions(load_editions(tmp_path).editions)
    assert len(index.editions) == 1 and len(index.editions[0].versions) == 2 and index.problems == ()
    assert [v.label for v in index.editions[0].versions] == ["Blog post", "Blog post (b.md)"]


def test_a_draft_is_never_a_version_of_a_published_edition(tmp_path):
    post(tmp_path, "a.md", "Week #3", "3 December 2023")
    post(tmp_path, "a-draft.md", "Week #3", "3 December 2023", draft=True)
    index = index_editions(load_editions(tmp_path).editions)
    assert len(index.editions) == 2 and index.problems == ()
    assert [e.slug for e in index.listed()] == ["a"]
    assert {e.slug for e in index.listed(include_drafts=True)} == {"a", "a-draft"}


def test_a_plain_text_with_no_dated_sibling_is_reported(tmp_path):
    (tmp_path / "alone.txt").write_text("Some interesting things #9\nA description.\nText.\n")
    index = index_editions(load_editions(tmp_path).editions)
    [problem] = index.problems
    assert problem.reason.startswith("plain-text edition has no publish date")
    assert index.editions[0].publish_date is None


def test_listed_editions_and_every_post_of_a_blog():
    index = index_editions(load_content(content_source(FIXTURES / "blog")).editions)
    assert [e.number for e in index.listed()] == [3, 2, 1]
    assert [e.title for e in index.listed(every_post=True)][2] == "Notes from a conference"
    assert len(index.listed(every_post=True)) == 4


def test_the_fixture_pair_and_the_other_editions():
    index = index_editions(load_editions(FIXTURES / "content").editions)
    assert [(e.number, len(e.versions)) for e in index.listed()] == [(5, 2), (4, 1)]
    assert index.find("week-5-plain")[0].slug == "2023-12-17-week-5"
