"""The app pointed at the real slice of the author's blog (../shared/blog-sample: editions #1, #2 and #7, two
other posts and their images), read where it is; skipped where that folder does not exist."""
import pytest

from superficial.charts.core import HIGHLIGHT_LABEL
from superficial.db import queries
from superficial.db.store import Store
from tests.conftest import ROOT
from tests.ingest.test_blog_sample import BLOG_SAMPLE, image_addresses
from tests.pages.test_editions import figures, html_bodies, open_editions
from tests.pages.test_home import run_app

pytestmark = pytest.mark.skipif(not (BLOG_SAMPLE / "src" / "content" / "post").is_dir(),
                                reason=f"no blog sample at {BLOG_SAMPLE}")


@pytest.fixture(autouse=True)
def blog_env(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(BLOG_SAMPLE))


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_folders(ROOT / "data", BLOG_SAMPLE)


def test_three_editions_listed_by_default_five_posts_with_every_post():
    at = open_editions()
    assert not at.exception
    assert [o.split(" · ")[0] for o in at.selectbox[0].options] == ["#7", "#2", "#1"]
    next(t for t in at.toggle if t.label == "Every post").set_value(True).run()
    assert len(at.selectbox[0].options) == 5 and at.query_params["posts"] == "all"


@pytest.mark.parametrize("at", range(5))
def test_every_image_of_every_post_is_shown(store, at):
    post = store.index.listed(every_post=True)[at]
    page = open_editions(edition=post.slug, posts="all")
    assert not page.exception and page.query_params["edition"] == post.slug
    assert not [b for b in html_bodies(page) if "Image not shown here" in b]
    assert len(page.get("image")) == len(image_addresses(post.default.body)) > 0


@pytest.mark.parametrize("number", [7, 2, 1])
def test_each_edition_draws_its_side_charts_with_the_named_models_in_colour(store, number):
    edition = next(e for e in store.index.listed() if e.number == number)
    at = open_editions(edition=edition.slug)
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]
    charts = figures(at)
    assert len(charts) == 3
    mentioned = [link.proto.label for link in at.get("page_link")
                 if link.proto.page.endswith("compare") and link.proto.help.startswith("Compare ")]
    assert mentioned
    meant = set(queries.variants(store, mentioned, as_of=edition.publish_date)["name"]) | set(mentioned)
    coloured = {m for chart in charts for trace in chart["data"]  # the bar charts: a bar per model
                if trace["name"] == HIGHLIGHT_LABEL and trace.get("orientation") == "h" for m in trace["y"]}
    assert coloured and coloured <= meant


def test_home_counts_and_lists_the_three_editions():
    at = run_app()
    assert {m.label: m.value for m in at.metric}["Editions"] == "3"
    cards = [link for link in at.get("page_link") if link.proto.label == "Read this edition"]
    assert len(cards) == 3
