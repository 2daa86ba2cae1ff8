import html
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from superficial.editions import markdown as render
from superficial.editions.markdown import Callout, Code, Embed, Heading, Html, Images, Math, Picture
from superficial.ingest.content import load_editions

ROOT = Path(__file__).parent.parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "2023-12-31-hostile.md"
BLOG = ROOT.parent / "shared" / "blog-sample"
BLOG_POSTS = sorted((BLOG / "src" / "content" / "post").glob("*.md")) if BLOG.is_dir() else []


def kinds(blocks) -> list[str]:
    return [b.kind for b in blocks]


def page_html(blocks) -> str:
    """Every piece of HTML the page hands to Streamlit for these blocks, with no image found locally."""
    out = []
    for block in render.walk(blocks):
        if isinstance(block, Html | Heading):
            out.append(block.html)
        elif isinstance(block, Callout):
            out.append(render.callout_title_html(block))
        elif isinstance(block, Images):
            out.extend(render.placeholder_html(p) for p in block.pictures)
            out.append(render.caption_html(block.caption or ""))
        elif isinstance(block, Embed):
            out.append(render.embed_link_html(block))
            out.append(render.live_chart_html("a live chart", block))
    out.append(render.toc_html(render.headings(blocks)))
    return "\n".join(out)


def text_of(blocks) -> str:
    return html.unescape(render.html_text(page_html(blocks)))


class Elements(HTMLParser):
    """The start tags and their attributes in an HTML string, as a browser's tokenizer reads them."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def assert_loads_nothing(source: str) -> None:
    """No element or attribute in ``source`` can load a resource, run a script, or link to another scheme."""
    lowered = source.lower()
    for bad in ("<img", "srcset", "poster", "url(", "<script", "<style", "<iframe", "<svg", "<object", "<embed",
                "<video", "<audio", "<source", "<link", "<meta", "<base", "<input", "<form"):
        assert bad not in lowered, bad
    for tag, attrs in Elements(source).tags:
        assert not {"src", "style", "background", "data", "action", "formaction"} & set(attrs), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("https://", "http://", "mailto:", "#")), href


# --- text ---------------------------------------------------------------------------------------

def test_paragraphs_lists_quotes_and_rules_are_one_html_block():
    body = "Para with **bold** and [link](https://a.example).\n\n- one\n- two\n\n> quoted\n\n---\n\n1. first"
    (block,) = render.parse_markdown(body)
    assert block == Html(
        '<p>Para with <strong>bold</strong> and <a href="https://a.example" target="_blank" '
        'rel="noopener noreferrer nofollow">link</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n'
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n<ol>\n<li>first</li>\n</ol>")


def test_inline_html_is_cleaned_and_its_text_kept():
    (block,) = render.parse_markdown("Some <span class='x' onclick='f()'>red</span> text<br>here <!-- note --> end.")
    assert block.html == '<p>Some <span class="">red</span> text<br>here  end.</p>'  # classes not ours are dropped


def test_inline_iframe_and_img_become_blocks_after_the_text():
    blocks = render.parse_markdown('See <iframe title="T" src="https://e.example/x"></iframe> and <img src="/a.png" alt="A">.')
    assert blocks == (Html("<p>See  and .</p>"), Embed("https://e.example/x", "T", "https://e.example/x"),
                      Images((Picture("/a.png", "A"),)))


def test_html_block_keeps_allowed_markup_only():
    blocks = render.parse_markdown("<div class='box' style='color:red'>\n<p>Hello &amp; welcome</p>\n"
                                   "<script>alert(1)</script>\n</div>")
    assert blocks == (Html('<div class="">\n<p>Hello &amp; welcome</p>\n\n</div>'),)


def test_html_comment_and_script_vanish():
    blocks = render.parse_markdown("Before.\n\n<!-- hidden -->\n\n<script>\nalert(1)\n</script>\n\nAfter.")
    assert blocks == (Html("<p>Before.</p>\n\n\n<p>After.</p>"),)


def test_inline_script_and_svg_lose_their_content_but_code_keeps_it():
    (block,) = render.parse_markdown("a <svg><script>alert('x')</script></svg> b <script>evil()</script> `<script>ok</script>`")
    assert block.html == "<p>a  b  <code>&lt;script&gt;ok&lt;/script&gt;</code></p>"


def test_tag_looking_text_that_is_not_valid_html_is_reduced_to_its_words():
    (block,) = render.parse_markdown("x <img src=x onerror=alert('p')> y <https://a.example> a < b")
    assert block.html == ('<p>x  y <a href="https://a.example" target="_blank" rel="noopener noreferrer nofollow">'
                          "https://a.example</a> a &lt; b</p>")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
                                    "jav&#x09;ascript:alert(1)", "/relative/page", "//other.example/x", "file:///etc"])
def test_links_to_other_schemes_and_places_keep_their_text_only(target):
    (block,) = render.parse_markdown(f"[click]({target}) and [ok](https://a.example) and [note](#fn1)")
    links = [attrs for tag, attrs in Elements(block.html).tags if tag == "a"]
    assert [a.get("href") for a in links] == [None, "https://a.example", "#fn1"]
    assert "click" in render.html_text(block.html)


def test_bare_web_and_mail_addresses_become_links_and_bare_domains_stay_words():
    (block,) = render.parse_markdown("See https://arxiv.org/abs/2304.15004. Mail hello@example.com. Mistral.ai is a firm.")
    links = [attrs.get("href") for tag, attrs in Elements(block.html).tags if tag == "a"]
    assert links == ["https://arxiv.org/abs/2304.15004", "mailto:hello@example.com"]
    assert render.html_text(block.html) == "See https://arxiv.org/abs/2304.15004. Mail hello@example.com. Mistral.ai is a firm."


def test_a_link_written_without_its_scheme_goes_to_that_web_address():
    (block,) = render.parse_markdown("[N](www.neurafarm.com) [T](bit.ly/TanyaTANIA) [P](/posts/x) [A](assets/a.png)")
    assert [attrs.get("href") for tag, attrs in Elements(block.html).tags if tag == "a"] == [
        "http://www.neurafarm.com", "http://bit.ly/TanyaTANIA", None, None]


def test_dollars_that_are_not_math_stay_and_inline_math_is_code_styled():
    (block,) = render.parse_markdown("It cost $5 and $10; energy is $E=mc^2$ and `$code`.")
    assert block.html == ('<p>It cost $5 and $10; energy is <span class="math inline">E=mc^2</span> and '
                          "<code>$code</code>.</p>")


def test_streamlit_directives_are_plain_text():
    (block,) = render.parse_markdown("say :red[boo] now :material/home:")
    assert block.html == "<p>say :red[boo] now :material/home:</p>"


def test_tables_keep_their_alignment_as_classes():
    (block,) = render.parse_markdown("| a | b |\n|:-:|--:|\n| 1 | 2 |")
    cells = [attrs.get("class") for tag, attrs in Elements(block.html).tags if tag in ("th", "td")]
    assert cells == ["align-center", "align-right", "align-center", "align-right"]


def test_footnotes_link_within_the_page():
    (block,) = render.parse_markdown("Text[^a].\n\n[^a]: The note.")
    links = [attrs["href"] for tag, attrs in Elements(block.html).tags if tag == "a"]
    assert links == ["#fn1", "#fnref1"]
    assert "The note." in render.html_text(block.html)


# --- headings -----------------------------------------------------------------------------------

def test_headings_get_unique_anchors_from_the_anchors_plugin_and_a_toc():
    blocks = render.parse_markdown("## 1. Let’s start\n\ntext\n\n### Why?\n\n## Why?\n\n#### deep")
    heads = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.level, h.label, h.anchor) for h in heads] == [
        (2, "1. Let’s start", "1-lets-start"), (3, "Why?", "why"), (2, "Why?", "why-1"), (4, "deep", "deep")]
    assert heads[0].html == '<h2 id="1-lets-start">1. Let’s start</h2>'  # not a list inside the heading
    toc = Elements(render.toc_html(render.headings(blocks))).tags
    assert [(attrs.get("class"), attrs.get("href")) for tag, attrs in toc if tag in ("li", "a")] == [
        ("level-0", None), (None, "#1-lets-start"), ("level-1", None), (None, "#why"), ("level-0", None), (None, "#why-1")]


def test_heading_markup_is_rendered_and_an_image_in_it_follows_it():
    blocks = render.parse_markdown("## A *big* `deal` ![pic](https://t.example/h.png)")
    assert blocks == (Heading(2, '<h2 id="a-big-deal-">A <em>big</em> <code>deal</code></h2>', "A big deal pic",
                              "a-big-deal-"),
                      Images((Picture("https://t.example/h.png", "pic"),)))


# --- callouts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("style", render.CALLOUT_KINDS)
def test_each_admonition_becomes_a_callout(style):
    blocks = render.parse_markdown(f":::{style}\n**Hello** there\n:::\nafter")
    assert blocks == (Callout(style, "", (Html("<p><strong>Hello</strong> there</p>"),)), Html("<p>after</p>"))


def test_callout_titles_and_unknown_containers():
    assert render.parse_markdown(":::tip[Try *this*]\nx\n:::")[0] == Callout("tip", "Try <em>this</em>", (Html("<p>x</p>"),))
    assert render.parse_markdown("::: caution Mind the gap\nx\n:::")[0].title == "Mind the gap"
    assert render.parse_markdown(":::danger\nx\n:::")[0].style == "warning"
    other = render.parse_markdown(":::details\nx\n:::")[0]
    assert (other.style, other.title) == ("other", "Details")
    assert ":::" not in text_of(render.parse_markdown(":::details\nx\n:::"))


def test_callout_may_hold_other_blocks_and_an_image_in_its_title_comes_first():
    (callout,) = render.parse_markdown(":::note\ntext\n\n```py\nx = 1\n```\n:::")
    assert callout.children == (Html("<p>text</p>"), Code("x = 1", "py"))
    (callout,) = render.parse_markdown(":::note[Look ![x](https://t.example/c.png)]\ntext\n:::")
    assert callout.title == "Look" and callout.children == (Images((Picture("https://t.example/c.png", "x"),)),
                                                              Html("<p>text</p>"))


# --- images -------------------------------------------------------------------------------------

def test_image_with_caption_line_below():
    blocks = render.parse_markdown("![](/assets/a.webp)\n_Source: [X](https://x.example)_")
    assert blocks == (Images((Picture("/assets/a.webp"),), 'Source: <a href="https://x.example" target="_blank" '
                                                            'rel="noopener noreferrer nofollow">X</a>'),)


def test_image_title_and_alt_and_several_images_share_a_caption():
    body = '![a chart](/assets//2023/a.webp "The title")\n![](/assets/b.webp)\n*Above: A, below: B*'
    (block,) = render.parse_markdown(body)
    assert block.pictures == (Picture("/assets//2023/a.webp", "a chart", "The title"), Picture("/assets/b.webp"))
    assert block.caption == "Above: A, below: B"


def test_a_line_of_two_emphases_is_not_a_caption():
    blocks = render.parse_markdown("![](/assets/a.webp)\n_one_ and _two_")
    assert kinds(blocks) == ["html", "images"]


def test_image_without_caption_and_image_inside_text():
    assert render.parse_markdown("![](/assets/a.webp)") == (Images((Picture("/assets/a.webp"),)),)
    blocks = render.parse_markdown("See ![pic](/assets/a.webp) here.")
    assert blocks == (Html("<p>See  here.</p>"), Images((Picture("/assets/a.webp", "pic"),)))


def test_linked_image_keeps_a_web_link_only():
    (block,) = render.parse_markdown("[![a](/a.png)](https://x.example/big)\n[![b](/b.png)](javascript:alert(1))")
    assert [p.link for p in block.pictures] == ["https://x.example/big", None]


@pytest.mark.parametrize("body", [
    "| a | b |\n|---|---|\n| x ![p](https://t.example/i.png) | y |",
    "- item ![p](https://t.example/i.png)",
    "> quote ![p](https://t.example/i.png)",
    "Text[^1].\n\n[^1]: note ![p](https://t.example/i.png)",
    "![p][r]\n\n[r]: https://t.example/i.png",
    "![p][]\n\n[p]: https://t.example/i.png",
    "![p]\n\n[p]: https://t.example/i.png",
])
def test_images_in_running_text_are_lifted_after_their_block(body):
    blocks = render.parse_markdown(body)
    assert blocks[-1] == Images((Picture("https://t.example/i.png", "p"),))
    assert_loads_nothing(page_html(blocks))


def test_placeholder_links_a_web_image_and_names_any_other():
    web = render.placeholder_html(Picture("https://t.example/a%20b.png?x=1&y=2", "A <chart>"))
    assert render.PLACEHOLDER in web and "A &lt;chart&gt;" in web
    assert [attrs.get("href") for tag, attrs in Elements(web).tags if tag == "a"] == ["https://t.example/a%20b.png?x=1&y=2"]
    for src in ("javascript:alert(1)", "/assets/2023/gone.webp", "//t.example/x.png"):
        local = render.placeholder_html(Picture(src))
        assert "<a" not in local and render.image_name(src) in local


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
    assert render.asset_path("//x.example/assets/2023/a.webp", tmp_path) is None
    assert render.asset_path("javascript:alert(1)", tmp_path) is None


# --- embeds, code, math, front matter ------------------------------------------------------------

def test_datawrapper_iframe_becomes_an_embed_and_its_script_disappears():
    body = ('<iframe title="A chart" id="datawrapper-chart-RuhKp" src="https://datawrapper.dwcdn.net/RuhKp/6/">'
            '</iframe><script type="text/javascript">!function(){window.x=1}();\n</script>\n\nAfter.')
    blocks = render.parse_markdown(body)
    assert blocks == (Embed("https://datawrapper.dwcdn.net/RuhKp/6/", "A chart", "datawrapper:RuhKp"), Html("<p>After.</p>"))


@pytest.mark.parametrize(("fragment", "src"), [
    ('<iframe src="https://www.youtube.com/embed/xyz"></iframe>', "https://www.youtube.com/embed/xyz"),
    ('<video src="https://v.example/a.mp4" poster="https://v.example/p.png"></video>', "https://v.example/a.mp4"),
    ('<audio src="https://v.example/a.mp3"></audio>', "https://v.example/a.mp3"),
    ('<embed src="https://v.example/a.swf">', "https://v.example/a.swf"),
    ('<object data="https://v.example/a.svg"></object>', "https://v.example/a.svg"),
])
def test_other_embedded_media_become_links_keyed_by_address(fragment, src):
    (embed,) = render.parse_markdown(fragment)
    assert embed == Embed(src, "", src)
    assert [attrs["href"] for tag, attrs in Elements(render.embed_link_html(embed)).tags if tag == "a"] == [src]
    assert render.embed_link_html(Embed("javascript:alert(1)", "", "x")) == ""


def test_code_fence_and_indented_code():
    blocks = render.parse_markdown("```python\nprint('<b>')\n```\n\n    indented\n")
    assert blocks == (Code("print('<b>')", "python"), Code("indented", None))


def test_display_math_and_latex_that_links_or_loads_is_shown_as_code():
    assert render.parse_markdown("$$\nE = mc^2\n$$") == (Math("E = mc^2"),)
    for latex in (r"\href{javascript:x}{y}", r"\url{https://t.example}", r"x \includegraphics{https://t.example/a.png}",
                  r"\htmlStyle{background:url(https://t.example)}{x}"):
        assert render.parse_markdown(f"$$\n{latex}\n$$") == (Code(latex, "latex"),)


def test_front_matter_in_the_body_is_not_shown():
    assert render.parse_markdown("---\ntitle: x\n---\nHello") == (Html("<p>Hello</p>"),)


# --- plain text ---------------------------------------------------------------------------------

def test_plain_text_lines_are_escaped_paragraphs_and_numbered_lines_headings():
    body = ("Intro with *stars* and <b>tags</b> and $5.\n"
            "1. Let’s start small, and why\n"
            "Body line.\n"
            "2. We are running out of data\n"
            "Steps:\n1. one\n2. two\n")
    blocks = render.parse_text(body)
    assert kinds(blocks) == ["html", "heading", "html", "heading", "html"]
    assert blocks[0].html == "<p>Intro with *stars* and &lt;b&gt;tags&lt;/b&gt; and $5.</p>"
    assert blocks[1].label == "1. Let’s start small, and why" and blocks[1].anchor == "1-lets-start-small-and-why"
    assert blocks[3].label == "2. We are running out of data"
    assert blocks[4].html == "<p>Steps:</p>\n<p>1. one</p>\n<p>2. two</p>"  # a list, not headings


def test_plain_text_web_addresses_are_links():
    (block,) = render.parse_text("Read https://arxiv.org/abs/2304.15004 <now> or javascript:alert(1)")
    assert block.html == ('<p>Read <a href="https://arxiv.org/abs/2304.15004" target="_blank" '
                          'rel="noopener noreferrer nofollow">https://arxiv.org/abs/2304.15004</a> &lt;now&gt; '
                          "or javascript:alert(1)</p>")


# --- words and lines ----------------------------------------------------------------------------

def test_readable_text_skips_link_targets_code_blocks_and_scripts_and_keeps_titles_and_alt_text():
    body = ('[Mixtral](https://x.example/phi-2) <iframe title="GPT-4 chart" src="s"></iframe> '
            '<script>hidden()</script> ![Phi-2 diagram](/a.png)\n\n```\nLlama code\n```\n\n'
            '<div title="x">Gemini <img alt="Mamba" src="/m.png"></div>')
    text = render.readable_text(body, "markdown")
    assert "Mixtral" in text and "GPT-4 chart" in text and "Phi-2 diagram" in text
    assert "Gemini" in text and "Mamba" in text
    assert "phi-2" not in text and "hidden" not in text and "Llama" not in text


def test_text_lines_give_each_run_its_line_in_the_body():
    body = ("# Title\n\nFirst paragraph\ncontinues here.\n\n- item one\n- item two\n\n"
            "| h1 | h2 |\n|---|---|\n| c1 | c2 |\n\n<div>raw words</div>\n\n:::note\nin a callout\n:::\n")
    assert render.text_lines(body, "markdown") == (
        (1, "Title"), (3, "First paragraph continues here."), (6, "item one"), (7, "item two"),
        (9, "h1"), (9, "h2"), (11, "c1"), (11, "c2"), (13, "raw words"), (16, "in a callout"))
    assert render.text_lines("one\n\ntwo <b>", "text") == ((1, "one"), (3, "two <b>"))



BARE_ADDRESSES = ("# See https://mistral.ai/news/mixtral-of-experts/.\n\nMail ask@example.com or read "
                  "https://arxiv.org/abs/2312.11805, (https://x.ai) and <https://a.b/c>.\n\n"
                  "| link | where |\n|---|---|\n| https://lmsys.org/blog | www.example.com |\n\n"
                  ":::note\nhttp://a.b/c?d=1&e=2 ends here\n:::\n\nWrite to team@example.org today.\n")


def test_bare_addresses_are_words_of_their_runs_and_links_in_the_text():
    runs = list(render._runs(BARE_ADDRESSES))
    assert runs[0] == (1, "See https://mistral.ai/news/mixtral-of-experts/.")
    assert "https://arxiv.org/abs/2312.11805," in runs[1][1]
    assert 'href="https://arxiv.org/abs/2312.11805"' in render.parse(BARE_ADDRESSES, "markdown")[1].html


@pytest.mark.parametrize("path", [HOSTILE, *sorted((ROOT / "content").glob("*.md")), *BLOG_POSTS],
                         ids=lambda p: p.stem)
def test_the_quick_address_pretest_finds_every_link_linkify_it_finds(path):
    from linkify_it import LinkifyIt

    stock = render.markdown_parser.__wrapped__()  # a parser of its own, with linkify-it's own pretest
    stock.linkify.pretest = LinkifyIt.pretest.__get__(stock.linkify)
    for body in (path.read_text(encoding="utf-8", errors="replace"), BARE_ADDRESSES):
        tokens = [t.as_dict() for t in render.markdown_parser().parse(body, {})]
        assert tokens == [t.as_dict() for t in stock.parse(body, {})]
    mail = render.markdown_parser().parse(BARE_ADDRESSES, {})[-2]  # an address with no scheme in its paragraph
    assert mail.content == "Write to team@example.org today."
    assert [t.attrs["href"] for t in mail.children if t.type == "link_open"] == ["mailto:team@example.org"]

# --- escaped text for Streamlit labels ------------------------------------------------------------

@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_literal_markdown_shows_exactly_its_words(text):
    rendered = MarkdownIt("commonmark").renderInline(render.literal_markdown(text))
    assert "<" not in rendered.replace("&lt;", "")  # no element of any kind
    assert html.unescape(rendered) == " ".join(text.split())


def test_edition_css_has_no_angle_brackets():
    # DOMPurify (st.html) drops a style element whose text holds "<" followed by a letter or slash.
    assert "<" not in (ROOT / "superficial" / "ui" / "edition.css").read_text()


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_CONSTRUCTS = {
    "inline image": "![x](https://t.example/a.png)",
    "reference image": "![x][r]\n\n[r]: https://t.example/a.png",
    "collapsed reference image": "![x][]\n\n[x]: https://t.example/a.png",
    "shortcut reference image": "![x]\n\n[x]: https://t.example/a.png",
    "image in a heading": "## Title ![x](https://t.example/a.png)",
    "image in a setext heading": "Title ![x](https://t.example/a.png)\n===",
    "image markdown in a heading's code": "## Title `![x](https://t.example/a.png)`",
    "image in a table": "| a |\n|---|\n| ![x](https://t.example/a.png) |",
    "image in a list": "- ![x](https://t.example/a.png)\n  - ![y][r]\n\n[r]: https://t.example/b.png",
    "image in a quote": "> ![x](https://t.example/a.png)",
    "image in an admonition": ":::note\n![x](https://t.example/a.png)\n:::",
    "image in an admonition title": ":::note[![x](https://t.example/a.png)]\ntext\n:::",
    "image in a footnote": "a[^1]\n\n[^1]: ![x](https://t.example/a.png)",
    "linked image": "[![x](https://t.example/a.png)](https://t.example/b)",
    "image with a script address": "![x](javascript:alert(1))",
    "autolink": "<https://t.example/a> <javascript:alert(1)> <a@t.example>",
    "html img": '<img src="https://t.example/a.png" onerror="alert(1)">',
    "html img inline": 'text <img src="https://t.example/a.png"> text',
    "html img with an entity address": '<img src="&#104;ttps://t.example/a.png">',
    "html srcset": '<img srcset="https://t.example/a.png 1x, https://t.example/b.png 2x">',
    "html picture and source": '<picture><source srcset="https://t.example/a.webp"><img src="https://t.example/a.png"></picture>',
    "html video poster": '<video poster="https://t.example/p.png" src="https://t.example/v.mp4">fallback</video>',
    "html audio": '<audio src="https://t.example/a.mp3" autoplay></audio>',
    "svg image": '<svg><image href="https://t.example/a.png"/></svg>',
    "style attribute with url()": "<div style=\"background:url('https://t.example/a.png')\">x</div>",
    "style element with url() and @import": '<style>@import url("https://t.example/a.css"); p{background:url(https://t.example/a.png)}</style>',
    "link element": '<link rel="stylesheet" href="https://t.example/a.css">',
    "object": '<object data="https://t.example/a.svg">fallback</object>',
    "embed": '<embed src="https://t.example/a.svg">',
    "iframe": '<iframe src="https://t.example/a.html"></iframe>',
    "iframe srcdoc": "<iframe srcdoc=\"<img src='https://t.example/a.png'>\"></iframe>",
    "base": '<base href="https://t.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://t.example/a">',
    "legacy background attribute": '<table background="https://t.example/a.png"><tr><td>x</td></tr></table>',
    "input image": '<input type="image" src="https://t.example/a.png">',
    "form": '<form action="https://t.example/a"><button formaction="https://t.example/b">x</button></form>',
    "event handler": '<b onmouseover="alert(1)">x</b> <details open ontoggle="alert(1)"><summary>s</summary></details>',
    "javascript link": "[x](javascript:alert(1)) <a href=\"jav&#x09;ascript:alert(1)\">y</a>",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "malformed tag in text": "x <img src=x onerror=alert('p')> y",
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "math mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "inline KaTeX \\href": r"$\href{https://t.example/a}{x}$ and $\includegraphics{https://t.example/a.png}$",
    "display KaTeX \\includegraphics": "$$\n\\includegraphics{https://t.example/a.png}\n$$",
    "display KaTeX \\url": "$$\n\\url{https://t.example/a}\n$$",
}


@pytest.mark.parametrize("body", HOSTILE_CONSTRUCTS.values(), ids=HOSTILE_CONSTRUCTS.keys())
def test_no_hostile_construct_reaches_streamlit_as_anything_that_loads(body):
    blocks = render.parse_markdown(body)
    assert_loads_nothing(page_html(blocks))
    for block in render.walk(blocks):
        if isinstance(block, Math):
            assert not {"href", "url", "includegraphics"} & set(render._LATEX_COMMAND.findall(block.latex))


REMOTE_IMAGES = ("inline image", "reference image", "collapsed reference image", "shortcut reference image",
                 "image in a heading", "image in a setext heading", "image in a table", "image in a list",
                 "image in a quote", "image in an admonition", "image in an admonition title", "image in a footnote",
                 "linked image", "html img", "html img inline", "html img with an entity address", "html srcset",
                 "html picture and source")


@pytest.mark.parametrize("name", REMOTE_IMAGES)
def test_a_remote_image_becomes_a_placeholder_linking_to_it(name):
    pictures = [p for b in render.walk(render.parse_markdown(HOSTILE_CONSTRUCTS[name])) if isinstance(b, Images) for p in b.pictures]
    assert "https://t.example/a.png" in [p.src for p in pictures]
    placeholders = "".join(render.placeholder_html(p) for p in pictures)
    assert 'href="https://t.example/a.png"' in placeholders


@pytest.fixture(scope="module")
def hostile():
    (edition,) = load_editions(HOSTILE.parent).editions
    return edition


def test_hostile_fixture_renders_nothing_that_loads_and_keeps_its_words(hostile):
    blocks = render.parse(hostile.body, hostile.format)
    source = page_html(blocks) + render.masthead_html(hostile.title, "byline", hostile.tags, hostile.description)
    assert_loads_nothing(source)
    text = text_of(blocks)
    for words in ("Readable sentence one: Mixtral beats Llama 2 70B.", "Readable sentence two: Phi-2 is small.",
                  "callout text p36", "t12 cell", "t13 list item", "t15 quote", "t16 callout text", "t18 footnote text"):
        assert words in text
    prose = text.replace("<script>alert('p34 in code')</script>", "")  # the code span shows code as code
    for payload in ("<script", "onerror", "<iframe", "alert('p0", "alert('p1"):
        assert payload not in prose, payload
    remote = " ".join(p.src for b in render.walk(blocks) if isinstance(b, Images) for p in b.pictures)
    lifted = (1, 2, 3, 4, 5, 7, 9, 10, 12, 13, 15, 16, 17, 18, 20, 21, 22, 36)  # remote images, each a placeholder
    assert [n for n in lifted if f"https://tracker.example/t{n:02d}-" not in remote] == []


@given(st.text(alphabet="<>![]()*_#:$`|-=\"'&;/\\ \nabimgsrc", max_size=80))
def test_any_text_parses_and_renders_nothing_that_loads(body):
    blocks = render.parse_markdown(body)
    assert_loads_nothing(page_html(blocks))
    assert render.text_lines(body, "markdown") is not None


def test_a_bogus_declaration_in_raw_html_is_not_an_error():
    blocks = render.parse_markdown("<![ bogus\n\n<img src='https://t.example/a.png'> after")
    assert Images((Picture("https://t.example/a.png"),)) in blocks


# --- real editions ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    return load_editions(ROOT / "content").editions


def test_bundled_editions_render_without_leftovers(bundled):
    for edition in bundled:
        blocks = render.parse(edition.body, edition.format)
        assert_loads_nothing(page_html(blocks))
        text = text_of(blocks)
        for bad in ("‚Äô", ":::", "<iframe", "<script", "](", "**"):
            assert bad not in text, (edition.slug, bad)
        assert "can’t" in text and "💾" in text


def test_bundled_markdown_edition_has_every_block_kind(bundled):
    edition = next(e for e in bundled if e.format == "markdown")
    blocks = render.parse(edition.body, edition.format)
    assert {"html", "heading", "callout", "images", "embed"} <= set(kinds(render.walk(blocks)))
    embeds = [b for b in blocks if isinstance(b, Embed)]
    assert [e.key for e in embeds] == ["datawrapper:RuhKp"]
    captions = [b.caption for b in blocks if isinstance(b, Images) and b.caption]
    assert "Image Source: DALL-E" in captions


@pytest.mark.skipif(not BLOG_POSTS, reason="no ../shared/blog-sample beside the project")
@pytest.mark.parametrize("post", BLOG_POSTS, ids=[p.stem for p in BLOG_POSTS])
def test_every_blog_sample_post_renders_and_its_images_are_found(post):
    (edition,) = [e for e in load_editions(post.parent).editions if e.path.endswith(post.name)]
    blocks = render.parse(edition.body, edition.format)
    assert blocks
    assert_loads_nothing(page_html(blocks))
    text = text_of(blocks)
    for bad in (":::", "<iframe", "<script", "](", "$$"):
        assert bad not in text, bad
    pictures = [p for b in render.walk(blocks) if isinstance(b, Images) for p in b.pictures]
    assert pictures
    assert [p.src for p in pictures if render.asset_path(p.src, BLOG / "public") is None] == []
    assert render.text_lines(edition.body, edition.format)


@pytest.mark.parametrize("text", ["Some interesting things to start the week #5", "  Phi-2 > Llama 2 70B?  ",
                                  'Gemini "Ultra" vs GPT-4', "", "a\u00a0b\tc\n"])
def test_text_without_tags_or_entities_is_its_own_readable_text(text):
    assert render.html_text(text) == html.unescape(render._markup_text(text)).strip()
