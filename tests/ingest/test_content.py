import datetime as dt

import pytest

from superficial.ingest.content import edition_number, load_editions, parse_date, parse_edition, read_edition, slugify
from tests.conftest import FIXTURES, ROOT


@pytest.mark.parametrize(
    "value, expected",
    [
        ("17 December 2023", dt.date(2023, 12, 17)),
        ("2 December 2023", dt.date(2023, 12, 2)),
        ("2 Dec 2023", dt.date(2023, 12, 2)),
        ("2023-12-17", dt.date(2023, 12, 17)),
        (dt.date(2023, 12, 11), dt.date(2023, 12, 11)),
        ("December 17, 2023", dt.date(2023, 12, 17)),
        ("2023-12-17T09:00:00Z", dt.date(2023, 12, 17)),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_rejects_nonsense():
    with pytest.raises(ValueError, match="unreadable date"):
        parse_date("next Tuesday")


@pytest.mark.parametrize(
    "title, number",
    [("Some interesting things to start the week #5", 5), ("Things #12 ", 12), ("No number", None), ("#3 first", None)],
)
def test_edition_number(title, number):
    assert edition_number(title) == number


def test_bundled_editions_both_load_and_share_a_title():
    loaded = load_editions(ROOT / "content")
    assert [e.format for e in loaded.editions] == ["markdown", "text"]
    titles = {e.title for e in loaded.editions}
    assert titles == {"Some interesting things to start the week #5"}
    assert len({e.slug for e in loaded.editions}) == 2
    assert loaded.skipped == []


def test_markdown_edition_fields():
    loaded = load_editions(FIXTURES / "content")
    by_path = {e.path.rsplit("/", 1)[-1]: e for e in loaded.editions}
    md = by_path["2023-12-17-week-5.md"]
    assert md.title == "Some interesting things to start the week #5"
    assert md.number == 5
    assert md.publish_date == dt.date(2023, 12, 17)
    assert md.tags == ("weekly-digest", "AI", "technology", "machine-learning")
    assert md.description.startswith("Small Language Models, Data exhaustion")
    assert md.repaired
    assert "can’t take it slow" in md.body and "💾" in md.body and "‚Äô" not in md.body
    week4 = by_path["2023-12-10-week-4.md"]
    assert week4.updated_date == dt.date(2023, 12, 11)
    assert week4.number == 4
    assert "---" in week4.body  # a rule inside the body is body, not frontmatter
    assert by_path["draft.md"].draft


def test_plain_text_edition_fields():
    loaded = load_editions(FIXTURES / "content")
    text = next(e for e in loaded.editions if e.format == "text")
    assert text.title == "Some interesting things to start the week #5"
    assert text.description.startswith("Small Language Models, Data exhaustion")
    assert text.body.startswith("I thought December was going to be a slow down month")
    assert text.publish_date is None and text.number == 5 and not text.repaired


def test_editions_sorted_newest_first_undated_last():
    loaded = load_editions(FIXTURES / "content")
    dates = [e.publish_date for e in loaded.editions]
    assert dates == [dt.date(2023, 12, 24), dt.date(2023, 12, 17), dt.date(2023, 12, 10), None]


def test_broken_files_are_reported_and_others_still_load(tmp_path):
    (tmp_path / "good.md").write_text('---\ntitle: "Good #1"\npublishDate: "2 December 2023"\n---\nHello\n')
    (tmp_path / "broken-yaml.md").write_text('---\ntitle: "Bad\npublishDate: [\n---\nbody\n')
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 title\n".encode("latin-1"))
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")  # not an edition file at all
    loaded = load_editions(tmp_path)
    assert [e.title for e in loaded.editions] == ["Good #1"]
    reasons = {p.file.rsplit("/", 1)[-1]: (p.line, p.reason) for p in loaded.skipped}
    assert set(reasons) == {"broken-yaml.md", "empty.md", "binary.md", "latin1.txt"}
    assert reasons["broken-yaml.md"][1].startswith("broken YAML frontmatter")
    assert reasons["broken-yaml.md"][0] >= 2
    assert reasons["empty.md"] == (0, "empty file")
    assert "binary" in reasons["binary.md"][1]
    assert reasons["latin1.txt"][0] == 1 and "not UTF-8" in reasons["latin1.txt"][1]


def test_astro_cactus_frontmatter_any_order_and_optional_keys():
    text = (
        "---\ndraft: false\ncoverImage:\n  src: ./cover.png\n  alt: A cover\nogImage: /og.png\n"
        'tags: [a, b]\nupdatedDate: "3 January 2024"\ndescription: d\npublishDate: 2 December 2023\n'
        'title: "Some interesting things to read #3"\n---\n# Heading\n\n$$\na^2\n$$\n'
    )
    edition, problems = parse_edition(text, "x.md", "x")
    assert edition is not None and not [p for p in problems if p.severity == "error"]
    assert edition.number == 3 and edition.tags == ("a", "b")
    assert edition.publish_date == dt.date(2023, 12, 2) and edition.updated_date == dt.date(2024, 1, 3)
    assert edition.cover_image == "./cover.png" and edition.og_image == "/og.png" and not edition.draft


def test_slugs_are_unique_even_for_same_stem(tmp_path):
    (tmp_path / "week.md").write_text('---\ntitle: "A #1"\n---\nx\n')
    (tmp_path / "week.txt").write_text("B #2\nd\nbody\n")
    slugs = sorted(e.slug for e in load_editions(tmp_path).editions)
    assert slugs == ["week", "week-2"]
    assert slugify("Some Things: #5!") == "some-things-5"


def test_body_line_is_the_files_line_the_body_starts_on(tmp_path):
    markdown, _ = parse_edition("---\ntitle: T\n---\n\n\nBody here.\n\nMore.\n", "a.md", "a")
    assert markdown.body == "Body here.\n\nMore." and markdown.body_line == 6
    text, _ = parse_edition("Title #3\n\nA description.\n\n\nFirst line.\nSecond.\n", "b.txt", "b")
    assert text.body.split("\n")[0] == "First line." and text.body_line == 6
    # a body whose first words also stand in the frontmatter is still found where it starts
    echo, _ = parse_edition("---\ntitle: Hello\n---\nHello\n", "c.md", "c")
    assert echo.body_line == 4


def test_read_edition_reads_any_path_or_says_why_not(tmp_path):
    edition, problems = read_edition(ROOT / "content" / "some-interesting-things-to-start-the-week-5.txt")
    assert edition.format == "text" and edition.body_line == 3
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not text")
    edition, problems = read_edition(tmp_path / "bad.md")
    assert edition is None and problems[0].reason.startswith("not UTF-8 text")
    edition, problems = read_edition(tmp_path / "gone.md")
    assert edition is None and problems[0].reason.startswith("cannot read file")
