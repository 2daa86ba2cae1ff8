import json
import re
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from superficial.db import queries
from superficial.db.store import Store
from superficial.editions.markdown import html_text
from superficial.editions.reading_time import reading_time
from tests.conftest import FIXTURES, ROOT
from tests.editions.test_markdown import Elements, assert_loads_nothing

WEEK5 = "2023-12-17-some-interesting-things-to-start-the-week-5"
PLAIN = "some-interesting-things-to-start-the-week-5"
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "text", "code", "latex",
                 "info", "success", "warning", "error")
GEMINI_TITLE = "Gemini surpasses GPT-4 on MMLU tasks with carefully crafted prompts"


def open_editions(**query_params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.switch_page("pages/editions.py")
    return at.run()


def html_bodies(at: AppTest) -> list[str]:
    """The HTML of every st.html element (styles left aside), in page order."""
    return [e.proto.body for e in at.get("html") if not e.proto.body.startswith("<style>")]


def descendants(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from descendants(child)


def rendered_text(at: AppTest) -> str:
    """Every string drawn as Markdown, text or HTML, anywhere on the page."""
    parts = []
    for kind in TEXT_ELEMENTS:
        parts.extend(str(element.value) for element in getattr(at, kind))
    parts.extend(link.proto.label for link in at.get("page_link"))
    parts.extend(html_text(body) for body in html_bodies(at))
    return "\n".join(parts)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.fixture(scope="module")
def bundled_store() -> Store:
    return Store.from_folders(ROOT / "data", ROOT / "content")


@pytest.mark.parametrize("slug", [WEEK5, PLAIN])
def test_each_bundled_edition_renders_clean(bundled_env, slug):
    at = open_editions(edition=slug)
    assert not at.exception
    text = rendered_text(at)
    for bad in ("‚Äô", ":::", "<iframe", "<script", "\uf8ff"):
        assert bad not in text, bad
    assert "can’t" in text and "💾" in text
    assert "Sorry — this page ran into a problem" not in text
    assert at.query_params["edition"] == WEEK5  # an old link to the newsletter text names its edition now
    assert at.query_params.get("version") == (None if slug == WEEK5 else "newsletter-text")


def test_mentioned_models_are_listed(bundled_env):
    named = set()
    for slug in (WEEK5, PLAIN):
        at = open_editions(edition=slug)
        named |= {line.strip("*") for line in rendered_text(at).splitlines()}
    assert {"GPT-4", "Gemini Ultra", "Mixtral 8x7B", "Phi-2", "Mamba 2.8B"} <= named
    assert "Gemini Pro" not in named


def test_datawrapper_embed_becomes_a_live_duckdb_chart(bundled_env, bundled_store):
    at = open_editions(edition=WEEK5)
    (spec,) = [f for f in figures(at) if GEMINI_TITLE in json.dumps(f.get("layout", {}).get("title", {}))]
    expected = queries.setting_scores(bundled_store, "MMLU", ["Gemini Ultra", "GPT-4"],
                                      ["5-shot", "CoT@32", "uncertainty-routed CoT@32", "Medprompt+"])
    traces = {t["name"]: dict(zip(t["x"], t["y"])) for t in spec["data"]}
    assert set(traces) == {"Gemini Ultra", "GPT-4"}
    for trace in traces.values():
        assert list(trace) == ["5-shot", "CoT@32", "uncertainty-routed CoT@32", "Medprompt+"]
    for row in expected.itertuples():
        assert traces[row.model][row.setting] == pytest.approx(row.value)
    originals = [attrs["href"] for body in html_bodies(at) if "Live chart" in body
                 for tag, attrs in Elements(body).tags if tag == "a"]
    assert originals == ["https://datawrapper.dwcdn.net/RuhKp/6/"]


def test_side_charts_highlight_and_as_of_toggle(bundled_env):
    at = open_editions(edition=WEEK5)
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]
    mmlu = next(f for f in figures(at) if "MMLU 5-shot" in json.dumps(f["layout"].get("xaxis", {})))
    highlighted = next(t for t in mmlu["data"] if t["name"] == "named in this edition")
    assert {"GPT-4 (0314)", "Gemini Ultra", "Mixtral 8x7B"} <= set(highlighted["y"])  # "GPT-4" means its snapshots
    all_bars = {m for t in mmlu["data"] for m in t["y"]}
    assert "Claude 3 Opus" in all_bars  # released March 2024

    toggle = at.toggle[0]
    assert toggle.label == "As of the edition" and not toggle.disabled
    at = toggle.set_value(True).run()
    assert not at.exception
    mmlu = next(f for f in figures(at) if "MMLU 5-shot" in json.dumps(f["layout"].get("xaxis", {})))
    assert "Claude 3 Opus" not in {m for t in mmlu["data"] for m in t["y"]}
    assert "models have appeared since" in rendered_text(at)


def test_undated_edition_disables_the_toggle(bundled_env, tmp_path, monkeypatch):
    (tmp_path / "alone.txt").write_text("Some interesting things #9\nNo blog post of this one.\nGPT-4 again.\n")
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(tmp_path))  # the bundled text takes its blog post's date
    at = open_editions(edition="alone")
    assert at.toggle[0].disabled
    assert "no publish date" in rendered_text(at)


def test_table_of_contents_links_to_heading_anchors(bundled_env):
    at = open_editions(edition=WEEK5)
    (toc,) = [e.proto.body for e in at.sidebar.get("html") if 'class="toc"' in e.proto.body]
    links = [attrs["href"] for tag, attrs in Elements(toc).tags if tag == "a"]
    assert links[0] == "#1-lets-start-small-and-why-is-it-the-next-big-thing-instead"
    ids = [attrs["id"] for body in html_bodies(at) for tag, attrs in Elements(body).tags if tag in ("h2", "h3")]
    assert [f"#{i}" for i in ids] == links


def test_no_edition_in_url_opens_the_newest_and_unknown_says_so(bundled_env):
    at = open_editions()
    assert at.query_params["edition"] == WEEK5
    at = open_editions(edition="no-such-edition")
    assert any("no-such-edition" in w.value for w in at.warning)
    assert at.query_params["edition"] == WEEK5


def test_search_lists_matching_editions(bundled_env):
    at = open_editions(edition=WEEK5)
    at = at.text_input[0].input("Medprompt").run()
    text = rendered_text(at)
    assert "1** edition match" in text
    assert "Medprompt" in text  # the snippet


def test_drafts_hidden_and_unreadable_files_listed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    for name in ("2023-12-10-week-4.md", "draft.md"):
        (content / name).write_text((FIXTURES / "content" / name).read_text())
    (content / "broken.md").write_text('---\ntitle: "x\npublishDate: [\n---\nbody')
    (content / "binary.md").write_bytes(b"\x00\x01\x02")
    (content / "empty.md").write_text("")
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(content))
    at = open_editions(edition="draft")
    assert not at.exception
    assert at.query_params["edition"] == "2023-12-10-week-4"
    assert at.selectbox[0].options == ["#4 · 10 December 2023 · Some interesting things to start the week #4 · weekly-digest, AI"]
    text = rendered_text(at)
    assert "Not yet." not in text
    assert "3 file(s)" in text
    assert "broken.md" in text and "binary file" in text and "empty file" in text


def test_hostile_edition_reaches_streamlit_as_clean_html_and_escaped_text(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "hostile"))
    at = open_editions()
    assert not at.exception
    bodies = html_bodies(at)
    assert_loads_nothing("\n".join(bodies))
    # Nothing of the edition goes to an element that parses Markdown: no Markdown image or link syntax there.
    markdown = [str(e.value) for k in ("title", "header", "subheader", "markdown", "caption", "info") for e in getattr(at, k)]
    markdown += [link.proto.label for link in at.get("page_link")]
    for bad in ("](", "<script", "<img", "onerror", "tracker.example"):
        assert not [m for m in markdown if bad in m], bad
    text = rendered_text(at)
    assert "Readable sentence one" in text and "Readable sentence two" in text
    assert "Hostile things to read" in text and "t16 callout text" in text


def test_asset_images_shown_and_missing_ones_get_a_quiet_placeholder(tmp_path, monkeypatch):
    from PIL import Image

    content = tmp_path / "content"
    (content / "assets" / "2023").mkdir(parents=True)
    Image.new("RGB", (4, 4), "red").save(content / "assets" / "2023" / "here.png")
    (content / "e.md").write_text('---\ntitle: "Pictures #1"\npublishDate: 2023-12-01\n---\n'
                                  '![a red square](/assets//2023/here.png "Red")\n_Caption for red_\n\n'
                                  '![](/assets/2023/gone.webp)\n_Caption for gone_\n')
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(content))
    at = open_editions()
    assert not at.exception
    assert len(at.get("image")) == 1
    shown = [html_text(body) for body in html_bodies(at)]
    assert "Caption for red" in shown and "Caption for gone" in shown
    assert any("Image not shown here" in c and "gone.webp" in c for c in shown)
    assert not any("Image not shown here" in c and "red square" in c for c in shown)


def named_counts(at: AppTest) -> dict[str, int]:
    """Each mentioned model's "named N×" count, as the side panel shows it."""
    (panel,) = [node for node in descendants(at.main) if str(getattr(node.proto, "id", "")).endswith("-mentioned-models")]
    inside = list(descendants(panel))
    names = [n.proto.label for n in inside if n.type == "page_link" and n.proto.page.endswith("compare")]
    counts = [int(m.group(1)) for n in inside if n.type == "caption"
              if (m := re.search(r"· named (\d+)×", str(n.value)))]
    assert len(names) == len(counts)
    return dict(zip(names, counts, strict=True))


def test_counts_stay_right_when_switching_editions_back_and_forth(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    week5, week4 = "2023-12-17-week-5", "2023-12-10-week-4"
    at = open_editions(edition=week5)
    first = named_counts(at)
    assert first["GPT-4"] > 1
    picker = next(box for box in at.selectbox if box.label == "Edition")
    picker.set_value(week4).run()
    assert named_counts(at)["GPT-4"] == 1
    picker = next(box for box in at.selectbox if box.label == "Edition")
    picker.set_value(week5).run()
    assert not at.exception
    assert named_counts(at) == first



def test_every_block_kind_is_drawn_with_its_streamlit_element(tmp_path, monkeypatch):
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (4, 4), "blue").save(tmp_path / "assets" / "blue.png")
    (tmp_path / "e.md").write_text(
        '---\ntitle: "Blocks #1"\npublishDate: 2023-12-01\ntags: ["one"]\n---\n'
        "Some **text**.\n\n## A heading\n\n:::tip[A *tip*]\nInside.\n\n```py\nx = 1\n```\n:::\n\n"
        "![blue](/assets/blue.png)\n_A caption_\n\n![far](https://t.example/far.png)\n\n"
        '<iframe src="https://www.youtube.com/embed/xyz" title="A video"></iframe>\n\n$$\nE = mc^2\n$$\n')
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(tmp_path))
    at = open_editions()
    assert not at.exception
    bodies = html_bodies(at)
    assert any("<h1>Blocks #1</h1>" in b for b in bodies) and any('<span class="tag">one</span>' in b for b in bodies)
    assert "<p>Some <strong>text</strong>.</p>" in bodies
    assert '<h2 id="a-heading">A heading</h2>' in bodies
    (callout,) = [node for node in descendants(at.main) if str(getattr(node.proto, "id", "")).endswith("-callout-tip-0")]
    inside = list(descendants(callout))
    assert '<p class="callout-title">A <em>tip</em></p>' in [n.proto.body for n in inside if n.type == "html"]
    assert [n.value for n in inside if n.type == "code"] == ["x = 1"]
    assert [c.value for c in at.code] == ["x = 1"] and [m.value for m in at.latex] == ["$$\nE = mc^2\n$$"]
    assert len(at.get("image")) == 1 and '<p class="caption">A caption</p>' in bodies
    assert any("Image not shown here" in b and 'href="https://t.example/far.png"' in b for b in bodies)
    assert any("embedded content, not shown here" in b and "youtube.com/embed/xyz" in b for b in bodies)


def byline(at: AppTest) -> str:
    (masthead,) = [b for b in html_bodies(at) if 'class="byline"' in b]
    return html_text(masthead.split('class="byline">', 1)[1].split("</p>", 1)[0])


def links(at: AppTest, page: str) -> list[tuple[str, dict[str, list[str]]]]:
    """(label, query) of every link to a page, Markdown escapes taken off the label."""
    return [(re.sub(r"\\(.)", r"\1", link.proto.label), parse_qs(link.proto.query_string))
            for link in at.get("page_link") if link.proto.page.endswith(page)]


def test_one_edition_in_two_versions_switched_in_the_url(bundled_env):
    at = open_editions(edition=WEEK5)
    assert [o for o in at.selectbox[0].options] == [at.selectbox[0].format_func(WEEK5)]  # #5 listed once
    (switch,) = at.get("segmented_control")
    assert switch.options == ["Blog post", "Newsletter text"] and switch.value == "blog-post"
    assert "version" not in at.query_params  # the blog post, by default
    assert byline(at).startswith("#5 · 17 December 2023 · markdown · ")
    assert "This post is also published" in rendered_text(at)

    switch.set_value("newsletter-text").run()
    assert not at.exception
    assert at.query_params["edition"] == WEEK5 and at.query_params["version"] == "newsletter-text"
    assert byline(at).startswith("#5 · 17 December 2023 · plain text · ")  # the date of its blog post
    text = rendered_text(at)
    assert "This post is also published" not in text and "can’t" in text

    at.get("segmented_control")[0].set_value("blog-post").run()
    assert "version" not in at.query_params and byline(at).startswith("#5 · 17 December 2023 · markdown")

    at = open_editions(edition=WEEK5, version="newsletter-text")  # the link of that view
    assert at.get("segmented_control")[0].value == "newsletter-text"
    assert byline(at).startswith("#5 · 17 December 2023 · plain text")


def test_an_edition_of_one_version_has_no_switch(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    at = open_editions(edition="2023-12-10-week-4", version="newsletter-text")
    assert not at.get("segmented_control")
    assert "version" not in at.query_params


def test_reading_time_in_the_byline(bundled_env, bundled_store):
    at = open_editions(edition=WEEK5)
    minutes = reading_time(bundled_store.edition(WEEK5)).minutes
    assert minutes > 4 and byline(at).endswith(f" · {minutes} min read")


def test_side_chart_caption_names_the_variants_drawn_for_a_model(bundled_env):
    at = open_editions(edition=WEEK5)
    captions = [str(c.value).replace("\\", "") for c in at.caption]
    (mt_bench,) = [c for c in captions if c.startswith("MT-Bench · GPT-4 judge")]
    assert "GPT-4: drawn as GPT-4 (0314), GPT-4 (0613)" in mt_bench
    assert "— the variants out by 17 December 2023." in mt_bench


@pytest.fixture
def blog_env(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "blog"))


def test_every_post_toggle_widens_the_picker_and_lives_in_the_url(blog_env):
    at = open_editions()
    assert len(at.selectbox[0].options) == 3 and "posts" not in at.query_params
    every = next(t for t in at.toggle if t.label == "Every post")
    assert not every.value
    every.set_value(True).run()
    assert not at.exception
    assert at.query_params["posts"] == "all"
    options = at.selectbox[0].options
    assert len(options) == 4 and any("Notes from a conference" in o for o in options)
    next(t for t in at.toggle if t.label == "Every post").set_value(False).run()
    assert "posts" not in at.query_params and len(at.selectbox[0].options) == 3

    at = open_editions(posts="all", edition="2023-12-05-notes")  # the link to another post
    assert next(t for t in at.toggle if t.label == "Every post").value
    assert at.query_params["edition"] == "2023-12-05-notes" and not at.warning
    assert not [label for label, _ in links(at, "editions") if "edition:" in label]  # no edition around a post
    at = open_editions(edition="2023-12-05-notes")  # the same link without ?posts=all
    assert any("Every post" in w.value for w in at.warning)


def test_a_plain_folder_has_no_every_post_toggle(bundled_env):
    assert "Every post" not in [t.label for t in open_editions().toggle]


def test_previous_and_next_editions_by_date(blog_env, fixture_blog):
    one, two, three = (next(e for e in fixture_blog.index.editions if e.number == n) for n in (1, 2, 3))
    at = open_editions(edition=two.slug)
    nav = [(label, query["edition"]) for label, query in links(at, "editions") if "edition:" in label]
    assert nav == [("Previous edition: Some interesting things to start the week #1", [one.slug]),
                   ("Next edition: Some interesting things to start the week #3", [three.slug])]
    at = open_editions(edition=one.slug)  # the 5 December notes between #1 and #2 are no edition
    assert [q["edition"] for label, q in links(at, "editions") if "edition:" in label] == [[two.slug]]


def test_since_the_previous_edition_links_to_compare(blog_env, fixture_blog):
    two = next(e for e in fixture_blog.index.editions if e.number == 2)
    at = open_editions(edition=two.slug)
    assert "Since the previous edition" in [s.value for s in at.subheader]
    captions = [str(c.value).replace("\\", "") for c in at.caption]
    assert "**3** models in the data were released after 1 December 2023 (Some interesting things to start the " \
           "week #1) and by 12 December 2023." in captions
    compare = links(at, "compare")
    assert ("Gemini Ultra", {"models": ["Gemini Ultra"]}) in compare and ("Phi-2", {"models": ["Phi-2"]}) in compare
    assert ("Compare them side by side", {"models": ["Gemini Ultra,Mixtral 8x7B,Phi-2"]}) in compare
    first = open_editions(edition=next(e for e in fixture_blog.index.editions if e.number == 1).slug)
    assert "Since the previous edition" not in [s.value for s in first.subheader]


@pytest.fixture(scope="module")
def fixture_blog() -> Store:
    return Store.from_folders(FIXTURES / "data", FIXTURES / "blog")


def test_blog_images_are_shown_from_public(blog_env, fixture_blog):
    one = next(e for e in fixture_blog.index.editions if e.number == 1)
    at = open_editions(edition=one.slug)
    assert len(at.get("image")) == 1
    placeholders = [b for b in html_bodies(at) if "Image not shown here" in b]
    assert len(placeholders) == 1 and "Gone" in html_text(placeholders[0])  # the image that is missing
