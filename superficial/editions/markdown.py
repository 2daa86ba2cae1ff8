"""Turn an edition's body into display blocks: HTML, headings, callouts, images, embeds, code, math.

Markdown is parsed once, with markdown-it-py, and everything shown is generated from its syntax tree:
running text is rendered to HTML by markdown-it's renderer and cleaned by nh3 (an allowlist of tags
with no images, media or styles, and links only to http, https, mailto or this page), so nothing in
it can run a script or load a file from another host. Images are lifted out of the text into image
blocks, drawn from local files or shown as a placeholder with a link; iframes and other media become
embed blocks; code fences and display math become blocks of their own.
"""
from __future__ import annotations

import functools
import html
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import nh3
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify, unique_slug
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

CALLOUT_KINDS = ("note", "tip", "important", "caution", "warning", "sidenote")
MARK_STYLES = ("agrees", "differs", "depends", "not-in-data")  # a claim mark's classes (ui/edition.css)
TOC_MAX_LEVEL = 3
PLACEHOLDER = "Image not shown here"


# --- blocks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Html:
    """Cleaned HTML generated from the edition's tokens, ready for ``st.html``."""

    html: str
    kind: str = field(default="html", init=False)


@dataclass(frozen=True)
class Heading:
    level: int
    html: str  # the whole heading element, with its anchor as id
    label: str  # plain text, for the table of contents
    anchor: str
    kind: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Callout:
    """An admonition (``:::note`` …); ``style`` is one of CALLOUT_KINDS or "other", ``title`` cleaned HTML."""

    style: str
    title: str
    children: tuple
    kind: str = field(default="callout", init=False)


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str = ""
    title: str = ""
    link: str | None = None  # the web address the image links to (http or https only)


@dataclass(frozen=True)
class Images:
    """One or more images shown together, with the caption line written under them (cleaned HTML)."""

    pictures: tuple[Picture, ...]
    caption: str | None = None
    kind: str = field(default="images", init=False)


@dataclass(frozen=True)
class Embed:
    """An iframe or other embedded media; ``key`` identifies it (e.g. "datawrapper:RuhKp"), ``src`` is its address."""

    src: str
    title: str
    key: str
    kind: str = field(default="embed", init=False)


@dataclass(frozen=True)
class Code:
    code: str
    language: str | None = None
    kind: str = field(default="code", init=False)


@dataclass(frozen=True)
class Math:
    latex: str
    kind: str = field(default="math", init=False)


Block = Html | Heading | Callout | Images | Embed | Code | Math


@dataclass(frozen=True)
class Mark:
    """A small marker drawn after a sentence of the text, linking to ``#target`` on the page (a claim's check)."""

    run: int  # the run of the text the sentence is in (as ``text_lines`` counts them)
    sentence: str  # the sentence's words, as ``text_lines`` gives them
    target: str  # the anchor it links to: "claim-3"
    label: str  # what it shows: "✓3"
    style: str  # a class of MARK_STYLES
    title: str = ""  # its tooltip


# --- addresses ----------------------------------------------------------------------------------

def is_remote(src: str | None) -> bool:
    return bool(src) and src.lower().startswith(("https://", "http://"))


@functools.lru_cache(maxsize=1)
def _web_addresses() -> LinkifyIt:
    return LinkifyIt()  # with fuzzy links: "www.example.com" and "bit.ly/x" are web addresses


def safe_href(url: str | None) -> str | None:
    """``url`` when a reader may follow it (http, https, mailto, or an anchor on this page), else None.

    A link written without its scheme (``www.example.com``, ``bit.ly/x``) is the web address linkify reads in it.
    """
    if not url:
        return None
    if url.startswith("#"):
        return url
    if not urlsplit(url).scheme and (found := _web_addresses().match(url)) and len(found) == 1 \
            and (found[0].index, found[0].last_index) == (0, len(url)):
        url = found[0].url
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    if parts.scheme.lower() == "mailto" and parts.path:
        return url
    return None


def image_name(src: str) -> str:
    """The file name of an image address, for a placeholder."""
    return PurePosixPath(urlsplit(src).path).name or src


def asset_path(src: str, root: Path | str) -> Path | None:
    """The file under ``root`` an image address points to (``/assets/a//b.webp``), if it exists."""
    if not src or urlsplit(src).scheme or src.startswith("//"):
        return None
    parts = [p for p in PurePosixPath(unquote(urlsplit(src).path)).parts if p not in ("/", ".", "")]
    if not parts or ".." in parts:
        return None
    base = Path(root).resolve()
    try:
        resolved = base.joinpath(*parts).resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(base) or not resolved.is_file():
        return None
    return resolved


# --- cleaning HTML ----------------------------------------------------------------------------

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
# Elements whose content is code, markup or a fallback, not words for a reader: dropped with their content.
DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "noscript", "template", "textarea", "xmp", "iframe",
                        "object", "select", "title", "head"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"}, "abbr": {"title"}, "li": {"id"}, "ol": {"start"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# The classes our render rules and the footnote, math and container plugins write (styled by ui/edition.css).
ALLOWED_CLASSES = {
    "a": {"footnote-backref"}, "div": {"math", "block", "callout"}, "hr": {"footnotes-sep"},
    "li": {"footnote-item"}, "ol": {"footnotes-list"}, "section": {"footnotes"}, "span": {"math", "inline"},
    "sup": {"footnote-ref", "claim-mark", *MARK_STYLES},
    "td": {"align-left", "align-center", "align-right"}, "th": {"align-left", "align-center", "align-right"},
}
LINK_REL = "noopener noreferrer nofollow"


@functools.lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES, tag_attribute_values={"a": {"target": {"_blank"}}},
        url_schemes={"http", "https", "mailto"}, link_rel=LINK_REL,
        # The only relative address kept is an anchor on this page (a footnote, a heading).
        url_relative=lambda url: url if url.startswith("#") else None,
    )


def clean(fragment: str) -> str:
    """HTML reduced to the allowlist: no scripts, styles, handlers, images, media, or links to other schemes."""
    return _cleaner().clean(fragment)


def _markup_text(fragment: str) -> str:
    """The text a browser would show for an HTML fragment, HTML-escaped (tags and comments gone)."""
    return nh3.clean(fragment, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)


def html_text(fragment: str) -> str:
    """The readable text of an HTML fragment: tags, comments, scripts and styles removed."""
    fragment = fragment or ""
    if "<" not in fragment and "&" not in fragment:  # no tag, no entity: the text is itself (most titles)
        return fragment.strip()
    return html.unescape(_markup_text(fragment)).strip()


_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}


def literal_markdown(text: str) -> str:
    """Text for a Streamlit label that parses Markdown (``st.page_link``): every ASCII punctuation escaped.

    CommonMark lets any ASCII punctuation be backslash-escaped, so the label shows these words and can form
    no image, link, emphasis, HTML or Streamlit directive (Streamlit's GitHub extensions still make a bare
    web address a link, never anything that loads).
    """
    return " ".join((text or "").split()).translate(_MARKDOWN_ESCAPES)


# --- the parser -------------------------------------------------------------------------------

def _any_container(params: str, *args) -> bool:
    return True


def _visible_text(text: str) -> str:
    """A text token as HTML; text that a browser would read as a tag (``<img src=x onerror=f('a')>``, which
    CommonMark does not count as HTML) is reduced to its words like raw HTML is."""
    if "<" in text and ">" in text:
        return _markup_text(text.replace("&", "&amp;"))
    return escapeHtml(text)


def _render_text(self, tokens, idx, options, env) -> str:
    return _visible_text(tokens[idx].content)


def _render_image(self, tokens, idx, options, env) -> str:
    return ""  # images are lifted out of the text into Images blocks


def _render_link_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    href = safe_href(str(token.attrGet("href") or ""))
    if href is None:
        token.attrs.pop("href", None)
    else:
        token.attrSet("href", href)
        if not href.startswith("#"):
            token.attrSet("target", "_blank")
    return self.renderToken(tokens, idx, options, env)


def mark_html(mark: Mark) -> str:
    """A claim's marker: a superscript link to its check on this page."""
    title = f' title="{html.escape(mark.title)}"' if mark.title else ""
    return (f'<sup class="claim-mark {html.escape(mark.style)}"><a href="#{html.escape(mark.target)}"{title}>'
            f"{html.escape(mark.label)}</a></sup>")


def _render_mark(self, tokens, idx, options, env) -> str:
    return mark_html(tokens[idx].meta["mark"])


def _render_cell_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    style = str(token.attrs.pop("style", "") or "")  # markdown-it writes text-align:<side> for aligned columns
    if style.startswith("text-align:"):
        token.attrSet("class", "align-" + style.removeprefix("text-align:"))
    return self.renderToken(tokens, idx, options, env)


def _may_hold_address(text: str) -> bool:
    """linkify-it's pretest of a paragraph, for what is linked here: addresses with a scheme ("https:", "//") and
    e-mail addresses. Its own also looks for bare domains (fuzzy_link is off), a regex that cost half a parse."""
    return ":" in text or "/" in text or "@" in text


@functools.lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark + tables, strikethrough, bare links, front matter, ``$`` math, ``:::`` containers, footnotes, heading ids."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "strikethrough", "linkify"])
    # Bare addresses with a scheme (https://…) and e-mail addresses become links, as GitHub's Markdown does;
    # a bare domain ("Mistral.ai") stays a word.
    md.linkify.set({"fuzzy_link": False})
    md.linkify.pretest = _may_hold_address
    front_matter_plugin(md)
    # Pandoc rules: "$5 and $10" is not math.
    dollarmath_plugin(md, allow_digits=False, allow_space=False, double_inline=True)
    container_plugin(md, "callout", validate=_any_container)
    footnote_plugin(md)
    anchors_plugin(md, min_level=1, max_level=6)
    # Every address is parsed as written; whether it may be followed or loaded is decided when rendering.
    md.validateLink = lambda url: True
    md.add_render_rule("text", _render_text)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("claim_mark", _render_mark)
    md.add_render_rule("th_open", _render_cell_open)
    md.add_render_rule("td_open", _render_cell_open)
    return md


def _render(tokens: list[Token], env: dict) -> str:
    md = markdown_parser()
    return clean(md.renderer.render(tokens, md.options, env)).strip()


def _render_inline(tokens: list[Token], env: dict) -> str:
    md = markdown_parser()
    return clean(md.renderer.renderInline(tokens, md.options, env)).strip()


_CONTAINER_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)?\s*(?:\[(.*)\])?\s*(.*)$")


def callout_style(info: str) -> tuple[str, str]:
    """(style, title Markdown) from a container's opening line: ``note[Title]``, ``tip My title``."""
    match = _CONTAINER_INFO.match(info or "")
    name = (match.group(1) or "").lower() if match else ""
    title = ((match.group(2) or match.group(3) or "").strip()) if match else ""
    if name == "danger":
        name = "warning"
    style = name if name in CALLOUT_KINDS else "other"
    if style == "other" and name and not title:
        title = name.capitalize()
    return style, title


# LaTeX commands that link or load (KaTeX draws them only when trusted): math using one is shown as code.
_LINKING_LATEX = {"href", "url", "includegraphics", "htmlClass", "htmlId", "htmlStyle", "htmlData"}
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)")


def math_block(latex: str) -> Math | Code:
    """Display math for ``st.latex``, or the LaTeX as code when it uses a command that links or loads."""
    if set(_LATEX_COMMAND.findall(latex)) & _LINKING_LATEX:
        return Code(latex, "latex")
    return Math(latex)


# --- raw HTML: its embeds and images ----------------------------------------------------------

# Elements that would load or play something from their address: shown as a link instead.
_EMBEDDING = {"iframe": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}


class _MediaScan(HTMLParser):
    """Collect the embeds and images of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Embed | Picture] = []

    def handle_starttag(self, tag, attrs):
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag in _EMBEDDING and values.get(_EMBEDDING[tag]):
            src = values[_EMBEDDING[tag]]
            self.blocks.append(Embed(src=src, title=values.get("title", ""), key=embed_key(src, values.get("id", ""))))
        elif tag == "img" and (values.get("src") or values.get("srcset")):
            src = values.get("src") or values["srcset"].split(",")[0].split()[0]
            self.blocks.append(Picture(src=src, alt=values.get("alt", ""), title=values.get("title", "")))


def _html_media(fragment: str) -> list[Embed | Picture]:
    scan = _MediaScan()
    try:
        scan.feed(fragment)
        scan.close()
    except AssertionError:  # the standard library's parser asserts on a bogus "<![" declaration
        pass  # what it read before is kept
    return scan.blocks


_DATAWRAPPER = re.compile(r"datawrapper\.dwcdn\.net/([A-Za-z0-9]+)")
_DATAWRAPPER_ID = re.compile(r"datawrapper-chart-([A-Za-z0-9]+)$")


def embed_key(src: str, element_id: str = "") -> str:
    """A stable key for an embed: "datawrapper:<id>" for Datawrapper charts, else the address."""
    match = _DATAWRAPPER.search(src) or _DATAWRAPPER_ID.match(element_id or "")
    if match:
        return f"datawrapper:{match.group(1)}"
    return src


# --- from the tree to blocks --------------------------------------------------------------------

def _picture(node: SyntaxTreeNode) -> Picture:
    link = node.parent.attrs.get("href") if node.parent is not None and node.parent.type == "link" else None
    href = safe_href(str(link)) if link else None
    return Picture(src=str(node.attrs.get("src", "")).strip(), alt=node.content or "",
                   title=str(node.attrs.get("title") or ""), link=href if is_remote(href) else None)


def _lifted(node: SyntaxTreeNode) -> list[Block]:
    """The images and embeds inside a node (Markdown images and raw HTML), to show after its text."""
    media: list[Embed | Picture] = []
    for sub in node.walk():
        if sub.type == "image":
            media.append(_picture(sub))
        elif sub.type in ("html_inline", "html_block"):
            media.extend(_html_media(sub.content))
    blocks: list[Block] = []
    for item in media:
        if isinstance(item, Embed):
            blocks.append(item)
        elif blocks and isinstance(blocks[-1], Images):
            blocks[-1] = Images((*blocks[-1].pictures, item))
        else:
            blocks.append(Images((item,)))
    return blocks


def _inline_children(node: SyntaxTreeNode) -> list[Token]:
    inline = next((sub for sub in node.walk() if sub.type == "inline"), None)
    return list(inline.token.children or []) if inline is not None and inline.token is not None else []


def _media_words(fragment: str) -> list[str]:
    """The titles of the embeds and the alt texts of the images in an HTML fragment."""
    return [m.title if isinstance(m, Embed) else m.alt for m in _html_media(fragment)]


def _inline_words(tokens: list[Token]) -> str:
    """The words a reader sees in inline tokens: text, code, math and image alt text; raw HTML reduced to words,
    with the titles of its embeds and the alt texts of its images."""
    parts, media = [], []
    for tok in tokens:
        if tok.type == "text":
            parts.append(_visible_text(tok.content))
        elif tok.type in ("code_inline", "image") or tok.type.startswith("math_inline"):
            parts.append(escapeHtml(tok.content))
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif tok.type == "html_inline":
            parts.append(tok.content)
            media.extend(_media_words(tok.content))
    return " ".join([*html_text("".join(parts)).split(), *media])


def _image_rows(tokens: list[Token]) -> list[list[Token]]:
    rows: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type in ("softbreak", "hardbreak"):
            rows.append([])
        elif not (tok.type == "text" and not tok.content.strip()):
            rows[-1].append(tok)
    return rows


def _only_images(row: list[Token]) -> bool:
    """A line made only of images, each possibly wrapped in a link."""
    return any(t.type == "image" for t in row) and all(t.type in ("image", "link_open", "link_close") for t in row)


def _caption_tokens(row: list[Token]) -> list[Token] | None:
    """The inside of a line that is one emphasis (``_Source: …_``), else None."""
    if len(row) < 2 or row[0].type != "em_open" or row[-1].type != "em_close":
        return None
    depth = 0
    for index, tok in enumerate(row):
        depth += tok.nesting if tok.type in ("em_open", "em_close") else 0
        if depth == 0 and index < len(row) - 1:
            return None  # "_a_ b _c_": two emphases, not one
    return row[1:-1]


def _image_paragraph(node: SyntaxTreeNode, env: dict) -> Images | None:
    """A paragraph of image lines, optionally followed by one italic caption line."""
    rows = _image_rows(_inline_children(node))
    count = 0
    while count < len(rows) and _only_images(rows[count]):
        count += 1
    rest = rows[count:]
    if not count or len(rest) > 1:
        return None
    caption = _caption_tokens(rest[0]) if rest else None
    if rest and caption is None:
        return None
    pictures = tuple(_picture(sub) for sub in node.walk() if sub.type == "image")
    return Images(pictures, (_render_inline(caption, env) or None) if caption else None)


def _callout(node: SyntaxTreeNode, env: dict) -> Callout:
    """A container as a callout; its title is inline Markdown, and an image in it is shown first inside."""
    style, title = callout_style(node.info)
    inline = SyntaxTreeNode(markdown_parser().parseInline(title, env)) if title else None
    children = _node_blocks(node.children, env)
    if inline is not None:
        children = [*_lifted(inline), *children]
    return Callout(style, _render_inline(_inline_children(inline), env) if inline else "", tuple(children))


def _heading(node: SyntaxTreeNode, env: dict) -> Heading:
    anchor = str(node.attrs.get("id", ""))
    level = int(node.tag[1:])
    inner = _render_inline(_inline_children(node), env)
    return Heading(level, f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>',
                   _inline_words(_inline_children(node)), anchor)


def _node_blocks(nodes: list[SyntaxTreeNode], env: dict) -> list[Block]:
    blocks: list[Block] = []
    pending: list[Token] = []

    def flush() -> None:
        text = _render(pending, env) if pending else ""
        if html_text(text) or any(tok.type == "hr" for tok in pending):  # not only tags that were cleaned away
            blocks.append(Html(text))
        pending.clear()

    for node in nodes:
        kind = node.type
        if kind == "front_matter":
            continue
        if kind.startswith("container_"):
            flush()
            blocks.append(_callout(node, env))
        elif kind in ("fence", "code_block"):
            flush()
            blocks.append(Code(node.content.rstrip("\n"), (node.info or "").strip().split(" ")[0] or None))
        elif kind.startswith("math_block"):
            flush()
            blocks.append(math_block(node.content.strip()))
        elif kind == "heading":
            flush()
            blocks.append(_heading(node, env))
            blocks.extend(_lifted(node))
        elif kind == "paragraph" and (images := _image_paragraph(node, env)) is not None:
            flush()
            blocks.append(images)
        else:
            pending.extend(node.to_tokens())
            media = _lifted(node)
            if media:  # shown right after the paragraph, list or table they are in
                flush()
                blocks.extend(media)
    flush()
    return blocks


def _tree(body: str, marks: tuple[Mark, ...] = ()) -> tuple[SyntaxTreeNode, dict]:
    env: dict = {}
    tokens = markdown_parser().parse(body, env)
    if marks:
        _place_marks(tokens, marks)
    return SyntaxTreeNode(tokens), env


# --- marks after sentences ------------------------------------------------------------------------

_RUN_OPENERS = ("paragraph_open", "heading_open", "th_open", "td_open")


def _piece(tok: Token) -> str:
    """The words an inline token shows, as ``_inline_words`` reads them."""
    if tok.type == "text":
        return html_text(_visible_text(tok.content)) if "<" in tok.content else tok.content
    if tok.type in ("code_inline", "image") or tok.type.startswith("math_inline"):
        return tok.content
    if tok.type in ("softbreak", "hardbreak"):
        return " "
    if tok.type == "html_inline":
        return html_text(tok.content)
    return ""


def _sentence_ends(children: list[Token], sentences: list[str]) -> list[tuple[int, int | None]]:
    """Where each sentence ends among inline tokens: (token, characters of its text) or (token, None: after it).

    The tokens' words are joined with white space folded, as the sentences were cut from them; a sentence
    not found there (its words changed by unescaping) ends the run.
    """
    flat: list[str] = []
    where: list[tuple[int, int]] = []
    for index, tok in enumerate(children):
        for offset, char in enumerate(_piece(tok)):
            if char.isspace():
                if flat and flat[-1] != " ":
                    flat.append(" ")
                    where.append((index, offset))
            else:
                flat.append(char)
                where.append((index, offset))
    text, cursor, ends = "".join(flat), 0, []
    for sentence in sentences:
        wanted = " ".join(sentence.split())
        at = text.find(wanted, cursor) if wanted else -1
        if at < 0:
            ends.append((len(children) - 1, None))
            continue
        cursor = at  # the next mark may be of the same sentence
        index, offset = where[at + len(wanted) - 1]
        depth = sum(t.nesting for t in children[:index + 1])
        if children[index].type != "text" or "<" in children[index].content or depth > 0:
            # Inside a link or emphasis: the mark goes after the element that holds the sentence's end.
            while depth > 0 and index + 1 < len(children):
                index += 1
                depth += children[index].nesting
            ends.append((index, None))
        else:
            ends.append((index, offset + 1))
    return ends


def _mark_token(mark: Mark) -> Token:
    token = Token("claim_mark", "", 0)
    token.meta = {"mark": mark}
    return token


def _with_marks(children: list[Token], marks: list[Mark]) -> list[Token]:
    """Inline tokens with each mark after its sentence's end (a text token split there)."""
    at: dict[int, list[tuple[int | None, Mark]]] = {}
    for (index, offset), mark in zip(_sentence_ends(children, [m.sentence for m in marks]), marks):
        at.setdefault(index, []).append((offset, mark))
    out: list[Token] = []
    for index, tok in enumerate(children):
        here = at.get(index, [])
        splits = sorted({offset for offset, _ in here if offset is not None and offset < len(tok.content)})
        start = 0
        for offset in splits:
            out.append(_text_part(tok, start, offset))
            out += [_mark_token(m) for o, m in here if o == offset]
            start = offset
        out.append(_text_part(tok, start, None) if splits else tok)
        out += [_mark_token(m) for o, m in here if o is None or o >= len(tok.content)]
    return out


def _text_part(tok: Token, start: int, end: int | None) -> Token:
    part = Token("text", "", 0)
    part.content = tok.content[start:end]
    return part


def _place_marks(tokens: list[Token], marks: tuple[Mark, ...]) -> None:
    """Put each mark into the inline tokens of its run, counting runs as ``text_lines`` does."""
    by_run: dict[int, list[Mark]] = {}
    for mark in marks:
        by_run.setdefault(mark.run, []).append(mark)
    run = -1
    for index, tok in enumerate(tokens):
        if tok.type == "inline" and index and tokens[index - 1].type in _RUN_OPENERS:
            if not _inline_words(tok.children or []).strip():
                continue
            run += 1
            if run in by_run:
                tok.children = _with_marks(tok.children or [], by_run[run])
        elif tok.type == "html_block" and " ".join([*_media_words(tok.content), *html_text(tok.content).split()]).strip():
            run += 1  # raw HTML's words are a run, but carry no mark


def parse_markdown(body: str, marks: tuple[Mark, ...] = ()) -> tuple[Block, ...]:
    """Blocks of a Markdown edition, each of ``marks`` after its sentence."""
    tree, env = _tree(body, marks)
    return tuple(_node_blocks(tree.children, env))


_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
TEXT_HEADING_MAX = 80


def _text_heading(lines: list[str], index: int) -> bool:
    """A short numbered line whose neighbours are not numbered (so not a list item)."""
    match = _NUMBERED.match(lines[index])
    if not match or len(match.group(2)) > TEXT_HEADING_MAX or match.group(2).rstrip().endswith((".", ":", ";", ",")):
        return False
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if 0 <= j < len(lines) and _NUMBERED.match(lines[j]):
            return False
    return True


def _linked_text(line: str) -> str:
    """A line of plain text as HTML, its web addresses as links (found by the parser's linkify)."""
    out, last = [], 0
    for match in markdown_parser().linkify.match(line) or []:
        if href := safe_href(match.url):
            out += [html.escape(line[last:match.index]), link_html(href, html.escape(match.text))]
            last = match.last_index
    out.append(html.escape(line[last:]))
    return "".join(out)


def _marked_line(line: str, marks: list[Mark]) -> str:
    """A line of plain text as HTML with each mark after its sentence (the line's end when not found)."""
    out, last, cursor = [], 0, 0
    for mark in marks:
        wanted = mark.sentence.strip()
        at = line.find(wanted, cursor) if wanted else -1
        end = len(line) if at < 0 else at + len(wanted)
        cursor = max(at, cursor)  # the next mark may be of the same sentence
        out += [_linked_text(line[last:end]), mark_html(mark)]
        last = end
    out.append(_linked_text(line[last:]))
    return "".join(out)


def parse_text(body: str, marks: tuple[Mark, ...] = ()) -> tuple[Block, ...]:
    """Blocks of a plain-text edition: each line an escaped paragraph, short numbered lines as headings; each of
    ``marks`` after its sentence."""
    lines = body.split("\n")
    by_run: dict[int, list[Mark]] = {}
    for mark in marks:
        by_run.setdefault(mark.run, []).append(mark)
    slugs: set[str] = set()
    blocks: list[Block] = []
    paragraph: list[str] = []
    run = -1

    def flush() -> None:
        if paragraph:
            blocks.append(Html("\n".join(f"<p>{line}</p>" for line in paragraph)))
            paragraph.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            continue
        run += 1  # every line with words is a run of text_lines
        if _text_heading(lines, index):
            flush()
            label = line.strip()
            anchor = unique_slug(slugify(label), slugs)
            blocks.append(Heading(2, f'<h2 id="{html.escape(anchor)}">{html.escape(label)}</h2>', label, anchor))
        else:
            paragraph.append(_marked_line(line.strip(), by_run.get(run, [])))
    flush()
    return tuple(blocks)


@functools.lru_cache(maxsize=64)
def parse(body: str, fmt: str, marks: tuple[Mark, ...] = ()) -> tuple[Block, ...]:
    """Blocks of an edition body in its format ("markdown" or "text"), each of ``marks`` after its sentence."""
    return parse_text(body, marks) if fmt == "text" else parse_markdown(body, marks)


# --- what else is read from the tree -----------------------------------------------------------

def walk(blocks) -> list[Block]:
    """Every block, callouts' children included, in reading order."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Callout):
            out.extend(walk(block.children))
    return out


def headings(blocks, max_level: int = TOC_MAX_LEVEL) -> list[Heading]:
    """The headings for a table of contents."""
    return [b for b in walk(blocks) if isinstance(b, Heading) and b.level <= max_level]


# Nodes whose words are one run of text; a run's line is that of the node or its nearest mapped ancestor.
_RUNS = ("paragraph", "heading", "th", "td")


def _line(node: SyntaxTreeNode) -> int:
    while node.map is None and node.parent is not None and not node.parent.is_root:
        node = node.parent
    return (node.map[0] if node.map else 0) + 1


def _runs(body: str) -> Iterator[tuple[int, str]]:
    tree, _ = _tree(body)
    for node in tree.walk():
        if node.type in _RUNS:
            words = _inline_words(_inline_children(node))
        elif node.type == "html_block":
            words = " ".join([*_media_words(node.content), *html_text(node.content).split()])
        else:
            continue
        if words.strip():
            yield _line(node), " ".join(words.split())


@functools.lru_cache(maxsize=64)
def text_lines(body: str, fmt: str) -> tuple[tuple[int, str], ...]:
    """The edition's text as (1-based line in the body, words) runs: one a paragraph, heading, list item or table cell."""
    if fmt == "text":
        return tuple((number, line.strip()) for number, line in enumerate(body.split("\n"), 1) if line.strip())
    return tuple(_runs(body))


@functools.lru_cache(maxsize=64)
def readable_text(body: str, fmt: str) -> str:
    """The words a reader sees (no link targets, tags or code), for search and model mentions."""
    return "\n".join(words for _, words in text_lines(body, fmt))


# --- HTML the page shows around the blocks: its own markup, with the edition's words escaped ------

def link_html(target: str, text: str) -> str:
    """A link opening in a new tab; ``target`` comes from ``safe_href`` and ``text`` is escaped already."""
    return f'<a href="{html.escape(target)}" target="_blank" rel="{LINK_REL}">{text}</a>'


def _web_address(src: str) -> str | None:
    return safe_href(src) if is_remote(src) else None


def placeholder_html(picture: Picture) -> str:
    """The quiet stand-in for an image not shown: its name, linked to it when it is on the web."""
    name = html.escape(picture.alt or picture.title or image_name(picture.src))
    target = _web_address(picture.src)
    return (f'<div class="image-placeholder"><span class="icon"></span>{PLACEHOLDER} · '
            f'{link_html(target, name) if target else name}</div>')


def caption_html(caption: str) -> str:
    """An image caption (cleaned HTML from the parser) in its caption style."""
    return f'<p class="caption">{caption}</p>'


def embed_link_html(embed: Embed) -> str:
    """A link to embedded content the app does not redraw; "" when its address is not on the web."""
    target = _web_address(embed.src)
    if target is None:
        return ""
    title = html.escape(embed.title or image_name(embed.src))
    return f'<p class="embed-link"><span class="icon"></span>{link_html(target, title)} — embedded content, not shown here</p>'


def live_chart_html(caption: str, embed: Embed) -> str:
    """The caption under a live chart standing in for an embed, with a link to the original."""
    target = _web_address(embed.src)
    original = f" See the {link_html(target, 'original')}." if target else ""
    return f'<p class="caption live-chart"><span class="icon"></span>Live chart: {html.escape(caption)}{original}</p>'


def callout_title_html(callout: Callout) -> str:
    return f'<p class="callout-title">{callout.title}</p>'


def masthead_html(title: str, byline: str, tags, description: str) -> str:
    """The edition's title, byline, tags and description as escaped text (any HTML in them reduced to words)."""
    badges = " ".join(f'<span class="tag">{html.escape(t)}</span>' for t in map(html_text, tags) if t)
    parts = [f"<h1>{html.escape(html_text(title))}</h1>", f'<p class="byline">{html.escape(byline)}</p>']
    if badges:
        parts.append(f'<p class="tags">{badges}</p>')
    if html_text(description):
        parts.append(f'<p class="description">{html.escape(html_text(description))}</p>')
    return '<div class="masthead">' + "".join(parts) + "</div>"


def toc_html(items: list[Heading]) -> str:
    """The table of contents: links to the headings' anchors, indented by level; "" when there are none."""
    if not items:
        return ""
    top = min(h.level for h in items)
    rows = "".join(f'<li class="level-{h.level - top}"><a href="#{html.escape(h.anchor)}">{html.escape(h.label)}</a></li>'
                   for h in items)
    return f'<nav class="toc"><p class="toc-title">Contents</p><ul>{rows}</ul></nav>'


def quote_html(label: str, sentence: str) -> str:
    """A sentence of the edition quoted under a label, as escaped text."""
    return (f'<figure class="quote"><figcaption>{html.escape(label)}</figcaption>'
            f"<blockquote>{html.escape(sentence)}</blockquote></figure>")


def snippet_html(snippet: str) -> str:
    """A search result's words around the hit, as escaped text."""
    return f'<p class="snippet">{html.escape(snippet)}</p>'
