from pathlib import Path

import pytest

from superficial.editions import markdown as render
from superficial.editions.markdown import Callout, Code, Embed, Heading, Images, Math, Picture, Text

ROOT = Path(__file__).parent.parent.parent


def kinds(blocks) -> list[str]:
    return [b.kind for b in blocks]


def all_markdown(blocks) -> str:
    """Every string the page would hand to Streamlit for these blocks."""
    out = []
    for block in render.walk(blocks):
        if isinstance(block, Text):
            out.append(block.markdown)
        elif isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Images):
            out.append(block.caption or "")
        elif isinstance(block, Callout):
            out.append(block.title)
    return "\n".join(out)


# --- text ---------------------------------------------------------------------------------------

def test_paragraphs_lists_quotes_and_rules_stay_one_text_block():
    body = "Para with **bold** and [link](https://a.example).\n\n- one\n- two\n\n> quoted\n\n---\n\n1. first"
    blocks = render.parse_markdown(body)
    assert blocks == (Text(body),)


def test_inline_html_is_removed_and_its_text_kept():
    (block,) = render.parse_markdown("Some <span class='x'>red</span> text<br>here <!-- note --> end.")
    assert block.markdown == "Some red text here  end."


def test_inline_iframe_and_img_become_blocks_after_the_text():
    blocks = render.parse_markdown('See <iframe title="T" src="https://e.example/x"></iframe> and <img src="/a.png" alt="A">.')
    assert blocks == (Text("See  and ."), Embed("https://e.example/x", "T", "https://e.example/x"),
                      Images((Picture("/a.png", "A"),)))


def test_html_block_keeps_readable_text_only():
    blocks = render.parse_markdown("<div class='box'>\n<p>Hello &amp; welcome</p>\n<script>alert(1)</script>\n</div>")
    assert blocks == (Text("Hello & welcome"),)


def test_html_comment_and_script_vanish():
    blocks = render.parse_markdown("Before.\n\n<!-- hidden -->\n\n<script>\nalert(1)\n</script>\n\nAfter.")
    assert kinds(blocks) == ["text", "text"]
    assert "hidden" not in all_markdown(blocks) and "alert" not in all_markdown(blocks)


def test_inline_script_and_svg_lose_their_content_but_code_keeps_it():
    (block,) = render.parse_markdown("a <svg><script>alert('x')</script></svg> b <script>evil()</script> `<script>ok</script>`")
    assert block.markdown == "a  b  `<script>ok</script>`"


def test_tag_looking_text_that_is_not_valid_html_is_dropped():
    (block,) = render.parse_markdown("x <img src=x onerror=alert('p')> y <https://a.example> a < b")
    assert block.markdown == "x  y <https://a.example> a < b"


def test_links_to_scripts_are_not_links():
    (block,) = render.parse_markdown("[click](javascript:alert(1)) and [ok](https://a.example)")
    assert "](javascript" not in block.markdown
    assert "[ok](https://a.example)" in block.markdown


def test_dollars_that_are_not_math_are_escaped_and_inline_math_kept():
    (block,) = render.parse_markdown("It cost $5 and $10; energy is $E=mc^2$ and `$code`.")
    assert block.markdown == r"It cost \$5 and \$10; energy is $E=mc^2$ and `$code`."


def test_streamlit_colour_directives_are_escaped():
    (block,) = render.parse_markdown("say :red[boo] now")
    assert block.markdown == r"say \:red[boo] now"


# --- headings -----------------------------------------------------------------------------------

def test_headings_get_unique_anchors_and_a_toc():
    blocks = render.parse_markdown("## 1. Let’s start\n\ntext\n\n### Why?\n\n## Why?\n\n#### deep")
    heads = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.level, h.label, h.anchor) for h in heads] == [
        (2, "1. Let’s start", "1-lets-start"), (3, "Why?", "why"), (2, "Why?", "why-1"), (4, "deep", "deep")]
    assert heads[0].text == r"1\. Let’s start"  # not a list inside the heading
    toc = render.toc_markdown(render.headings(blocks))
    assert toc.splitlines() == [r"- [1\. Let’s start](#1-lets-start)", "    - [Why?](#why)", "- [Why?](#why-1)"]


# --- callouts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("style", render.CALLOUT_KINDS)
def test_each_admonition_becomes_a_callout(style):
    blocks = render.parse_markdown(f":::{style}\n**Hello** there\n:::\nafter")
    assert blocks == (Callout(style, "", (Text("**Hello** there"),)), Text("after"))


def test_callout_titles_and_unknown_containers():
    assert render.parse_markdown(":::tip[Try this]\nx\n:::")[0] == Callout("tip", "Try this", (Text("x"),))
    assert render.parse_markdown("::: caution Mind the gap\nx\n:::")[0].title == "Mind the gap"
    other = render.parse_markdown(":::details\nx\n:::")[0]
    assert (other.style, other.title) == ("other", "Details")
    assert ":::" not in all_markdown(render.parse_markdown(":::details\nx\n:::"))


def test_callout_may_hold_other_blocks():
    (callout,) = render.parse_markdown(":::note\ntext\n\n```py\nx = 1\n```\n:::")
    assert callout.children == (Text("text"), Code("x = 1", "py"))


# --- images -------------------------------------------------------------------------------------

def test_image_with_caption_line_below():
    blocks = render.parse_markdown("![](/assets/a.webp)\n_Source: [X](https://x.example)_")
    assert blocks == (Images((Picture("/assets/a.webp"),), "Source: [X](https://x.example)"),)


def test_image_title_and_alt_and_several_images_share_a_caption():
    body = '![a chart](/assets//2023/a.webp "The title")\n![](/assets/b.webp)\n*Above: A, below: B*'
    (block,) = render.parse_markdown(body)
    assert block.pictures == (Picture("/assets//2023/a.webp", "a chart", "The title"), Picture("/assets/b.webp"))
    assert block.caption == "Above: A, below: B"


def test_image_without_caption_and_image_inside_text():
    assert render.parse_markdown("![](/assets/a.webp)") == (Images((Picture("/assets/a.webp"),)),)
    blocks = render.parse_markdown("See ![pic](/assets/a.webp) here.")
    assert blocks == (Text("See  here."), Images((Picture("/assets/a.webp", "pic"),)))


def test_asset_paths(tmp_path):
    (tmp_path / "assets" / "2023").mkdir(parents=True)
    image = tmp_path / "assets" / "2023" / "a.webp"
    image.write_bytes(b"RIFF")
    assert render.asset_path("/assets/2023/a.webp", tmp_path) == image.resolve()
    assert render.asset_path("/assets//2023//a.webp", tmp_path) == image.resolve()
    assert render.asset_path("assets/2023/a.webp?v=1", tmp_path) == image.resolve()
    assert render.asset_path("/assets/2023/missing.webp", tmp_path) is None
    assert render.asset_path("/assets/../../etc/passwd", tmp_path) is None
    assert render.asset_path("https://x.example/a.webp", tmp_path) is None
    assert render.asset_path("javascript:alert(1)", tmp_path) is None


# --- embeds, code, math, front matter ------------------------------------------------------------

def test_datawrapper_iframe_becomes_an_embed_and_its_script_disappears():
    body = ('<iframe title="A chart" id="datawrapper-chart-RuhKp" src="https://datawrapper.dwcdn.net/RuhKp/6/">'
            '</iframe><script type="text/javascript">!function(){window.x=1}();\n</script>\n\nAfter.')
    blocks = render.parse_markdown(body)
    assert blocks == (Embed("https://datawrapper.dwcdn.net/RuhKp/6/", "A chart", "datawrapper:RuhKp"), Text("After."))


def test_other_iframe_is_keyed_by_address():
    (embed,) = render.parse_markdown('<iframe src="https://www.youtube.com/embed/xyz"></iframe>')
    assert embed.key == "https://www.youtube.com/embed/xyz" and embed.title == ""


def test_code_fence_and_indented_code():
    blocks = render.parse_markdown("```python\nprint('<b>')\n```\n\n    indented\n")
    assert blocks == (Code("print('<b>')", "python"), Code("indented", None))


def test_display_math():
    assert render.parse_markdown("$$\nE = mc^2\n$$") == (Math("E = mc^2"),)
    assert render.parse_markdown("$$\n\\href{javascript:x}{y}\n$$") == (Math("{y}"),)


def test_front_matter_in_the_body_is_not_shown():
    assert render.parse_markdown("---\ntitle: x\n---\nHello") == (Text("Hello"),)


# --- plain text ---------------------------------------------------------------------------------

def test_plain_text_lines_are_escaped_paragraphs_and_numbered_lines_headings():
    body = ("Intro with *stars* and #hash and $5.\n"
            "1. Let’s start small, and why\n"
            "Body line.\n"
            "2. We are running out of data\n"
            "Steps:\n1. one\n2. two\n")
    blocks = render.parse_text(body)
    assert kinds(blocks) == ["text", "heading", "text", "heading", "text"]
    assert blocks[0].markdown == r"Intro with \*stars\* and \#hash and \$5."
    assert blocks[1].label == "1. Let’s start small, and why" and blocks[1].anchor == "1-lets-start-small-and-why"
    assert blocks[3].label == "2. We are running out of data"
    assert blocks[4].markdown == "Steps:\n\n1\\. one\n\n2\\. two"  # a list, not headings


# --- the bundled editions -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    from superficial.ingest.content import load_editions
    return load_editions(ROOT / "content").editions


def test_bundled_editions_render_without_leftovers(bundled):
    for edition in bundled:
        blocks = render.parse(edition.body, edition.format)
        text = all_markdown(blocks)
        for bad in ("‚Äô", ":::", "<iframe", "<script"):
            assert bad not in text, (edition.slug, bad)
        assert "can’t" in text and "💾" in text


def test_bundled_markdown_edition_has_every_block_kind(bundled):
    edition = next(e for e in bundled if e.format == "markdown")
    blocks = render.parse(edition.body, edition.format)
    assert {"text", "heading", "callout", "images", "embed"} <= set(kinds(render.walk(blocks)))
    embeds = [b for b in blocks if isinstance(b, Embed)]
    assert [e.key for e in embeds] == ["datawrapper:RuhKp"]
    captions = [b.caption for b in blocks if isinstance(b, Images) and b.caption]
    assert "Image Source: DALL-E" in captions


def test_readable_text_skips_link_targets_and_keeps_embed_titles():
    text = render.readable_text('[Mixtral](https://x.example/phi-2) <iframe title="GPT-4 chart" src="s"></iframe>',
                                "markdown")
    assert "Mixtral" in text and "GPT-4 chart" in text and "phi-2" not in text
