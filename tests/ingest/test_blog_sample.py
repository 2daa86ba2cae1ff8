"""The real slice of the author's blog (../shared/blog-sample: editions #1, #2 and #7, two other posts and their
images), read where it is; skipped where that folder does not exist."""
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from superficial.__main__ import main
from superficial.db import queries
from superficial.db.store import Store
from superficial.editions.markdown import asset_path
from tests.conftest import ROOT

BLOG_SAMPLE = ROOT.parent / "shared" / "blog-sample"
pytestmark = pytest.mark.skipif(not (BLOG_SAMPLE / "src" / "content" / "post").is_dir(),
                                reason=f"no blog sample at {BLOG_SAMPLE}")


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(ROOT / "data", BLOG_SAMPLE)


def test_three_editions_by_default_five_posts_with_every_post(store):
    assert [e.number for e in store.index.listed()] == [7, 2, 1]
    assert len(store.index.listed(every_post=True)) == 5
    assert queries.editions(store)["number"].tolist() == [7, 2, 1]
    assert len(queries.editions(store, every_post=True)) == 5
    assert queries.headline_figures(store)["editions"] == 3
    assert [e.number for e in store.editions] == [7, 2, 1]


def image_addresses(body: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(body)
    return [child.attrs["src"] for token in tokens if token.type == "inline"
            for child in token.children or [] if child.type == "image"]


def test_every_image_of_every_post_is_a_file_under_public(store):
    public = (BLOG_SAMPLE / "public").resolve()
    found = 0
    for edition in store.index.listed(every_post=True):
        post = edition.default
        for src in image_addresses(post.body):
            path = asset_path(src, store.source.image_root(src, post))
            assert path is not None and path.is_file() and path.is_relative_to(public), (post.path, src)
            found += 1
    assert found == 41  # 3 + 11 + 10 in the editions, 10 + 7 in the other posts


def test_check_finds_no_problem_and_no_unknown_model_name(capsys):
    assert main(["check", "--data", str(ROOT / "data"), "--content", str(BLOG_SAMPLE)]) == 0
    [summary] = capsys.readouterr().out.splitlines()  # nothing but the summary
    assert summary.endswith("3 editions in 3 files and 2 other posts, 0 claims; 0 error(s), 0 warning(s)")


def test_nothing_is_written_into_the_blog_sample(store):
    files = {p: p.stat().st_mtime_ns for p in BLOG_SAMPLE.rglob("*")}
    Store.from_folders(ROOT / "data", BLOG_SAMPLE)
    assert {p: p.stat().st_mtime_ns for p in BLOG_SAMPLE.rglob("*")} == files
    assert not any(Path(p).name.endswith((".duckdb", ".pickle")) for p in files)
