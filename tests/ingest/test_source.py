"""ingest.source: a plain folder of posts, or an astro-cactus blog checkout read where the author keeps it."""
import os
from pathlib import Path

from superficial import config
from superficial.__main__ import main
from superficial.db import build
from superficial.db.store import Store
from superficial.ingest.content import load_editions
from superficial.ingest.source import content_source, load_content, posts_folder
from tests.conftest import FIXTURES, ROOT

BLOG = FIXTURES / "blog"


def names(load) -> dict[str, bool]:
    return {Path(p.path).name: p.is_edition for p in load.editions}


def test_a_plain_folder_reads_as_before_every_post_an_edition():
    source = content_source(ROOT / "content")
    assert not source.is_blog and source.posts_dir == source.asset_root == ROOT / "content"
    assert source.edition_tag is None
    loaded = load_content(source)
    assert names(loaded) == {"2023-12-17-some-interesting-things-to-start-the-week-5.md": True,
                             "some-interesting-things-to-start-the-week-5.txt": True}
    assert loaded.editions == load_editions(ROOT / "content").editions
    assert loaded.source is source


def test_a_blog_checkout_reads_its_posts_folder_and_flags_the_editions():
    source = content_source(BLOG)
    assert source.is_blog and source.posts_dir == BLOG / "src" / "content" / "post"
    assert source.asset_root == BLOG / "public"
    assert source.edition_tag == "weekly-digest"
    loaded = load_content(source)
    assert names(loaded) == {"2023-12-01-week-1.md": True, "2023-12-12-week-2.md": True,
                             "2024-02-25-week-3.mdx": True, "2023-12-05-notes.md": False}  # no _unpublished.md
    assert loaded.problems == []


def test_the_posts_folder_itself_is_read_as_its_blog():
    source = content_source(BLOG / "src" / "content" / "post")
    assert source.is_blog and source.asset_root == BLOG / "public"
    assert posts_folder(BLOG) == posts_folder(BLOG / "src" / "content" / "post") == BLOG / "src" / "content" / "post"


def test_the_edition_tag_is_a_setting(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_EDITION_TAG", "journal")
    assert names(load_content(config.content_source(BLOG)))["2023-12-05-notes.md"] is True
    assert names(load_content(config.content_source(BLOG)))["2023-12-01-week-1.md"] is False
    monkeypatch.setenv("SUPERFICIAL_EDITION_TAG", "")
    assert all(names(load_content(config.content_source(BLOG))).values())  # no tag: every post


def test_mdx_import_and_export_lines_are_not_text_and_lines_still_count():
    post = next(p for p in load_content(content_source(BLOG)).editions if p.path.endswith(".mdx"))
    assert "import Chart" not in post.body and "export const" not in post.body
    assert 'import notText from "this-stays-code";' in post.body  # inside a code block it is code
    assert "<Chart models={highlight} />" in post.body
    lines = (BLOG / "src/content/post/2024-02-25-week-3.mdx").read_text().split("\n")
    body_lines = post.body.split("\n")
    at = next(i for i, line in enumerate(body_lines) if line.startswith("Gemma 7B"))
    assert lines[post.body_line - 1 + at] == body_lines[at]


def test_body_line_is_where_the_body_starts_in_the_file():
    by_name = {Path(p.path).name: p for p in load_editions(FIXTURES / "content").editions}
    assert by_name["2023-12-10-week-4.md"].body_line == 9  # after the frontmatter and a blank line
    assert by_name["week-5-plain.txt"].body_line == 3  # after the title and description lines


def test_images_of_a_blog_are_under_public_and_relative_ones_beside_the_post():
    source = content_source(BLOG)
    post = next(p for p in load_content(source).editions if p.path.endswith("week-1.md"))
    assert source.image_root("/assets/2023/december/week-1-chart.webp", post) == BLOG / "public"
    assert source.image_root("./cover.webp", post).resolve() == (BLOG / "src" / "content" / "post").resolve()


def test_fingerprint_and_build_key_follow_the_posts_and_the_tag(tmp_path, monkeypatch):
    blog = tmp_path / "blog"
    (blog / "src" / "content" / "post").mkdir(parents=True)
    post = blog / "src" / "content" / "post" / "a.md"
    post.write_text('---\ntitle: "A #1"\ntags: [weekly-digest]\n---\nx\n')
    first = config.fingerprint(FIXTURES / "data", blog)
    key = build.build_key(FIXTURES / "data", blog)
    stat = post.stat()
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert config.fingerprint(FIXTURES / "data", blog) != first
    assert build.build_key(FIXTURES / "data", blog) != key
    key = build.build_key(FIXTURES / "data", blog)
    monkeypatch.setenv("SUPERFICIAL_EDITION_TAG", "journal")
    assert build.build_key(FIXTURES / "data", blog) != key


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_nothing_is_written_into_the_blog(capsys):
    before = snapshot(BLOG)
    store = build.open_or_build(FIXTURES / "data", BLOG)
    assert len(store.editions) == 3
    Store.from_folders(FIXTURES / "data", BLOG)
    main(["check", "--data", str(FIXTURES / "data"), "--content", str(BLOG)])
    capsys.readouterr()
    assert snapshot(BLOG) == before
