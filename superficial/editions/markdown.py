"""Turn an edition's body into display blocks: text, headings, callouts, images, embeds, code, math.

Markdown is parsed once with markdown-it-py; the top-level tokens' line maps cut the source into
blocks. Text blocks keep their Markdown source (shown by ``st.markdown`` without HTML) with every
piece of raw HTML removed and only its readable text kept.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

CALLOUT_KINDS = ("note", "tip", "important", "caution", "warning", "sidenote")
TOC_MAX_LEVEL = 3


# --- blocks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """Markdown with no raw HTML, ready for ``st.markdown``."""

    markdown: str
    kind: str = field(default="text", init=False)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # Markdown for the heading line
    label: str  # plain text, for the table of contents
    anchor: str
    kind: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Callout:
    """An admonition (``:::note`` …); ``style`` is one of CALLOUT_KINDS or "other"."""

    style: str
    title: str
    children: tuple
    kind: str = field(default="callout", init=False)


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str = ""
    title: str = ""
    link: str | None = None


@dataclass(frozen=True)
class Images:
    """One or more images shown together, with the caption line written under them."""

    pictures: tuple[Picture, ...]
    caption: str | None = None  # Markdown
    kind: str = field(default="images", init=False)


@dataclass(frozen=True)
class Embed:
    """An iframe embed; ``key`` identifies it (e.g. "datawrapper:RuhKp"), ``src`` is its address."""

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


Block = Text | Heading | Callout | Images | Embed | Code | Math


# --- the parser -------------------------------------------------------------------------------

def _any_container(params: str, *args) -> bool:
    return True


@functools.lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark + tables + strikethrough, front matter, ``$``/``$$`` math and ``:::`` containers."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    front_matter_plugin(md)
    # Pandoc rules: "$5 and $10" is not math.
    dollarmath_plugin(md, allow_digits=False, allow_space=False, double_inline=True)
    container_plugin(md, "callout", validate=_any_container)
    return md


_CONTAINER_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)?\s*(?:\[(.*)\])?\s*(.*)$")


def callout_style(info: str) -> tuple[str, str]:
    """(style, title) from a container's opening line: ``note[Title]``, ``tip My title``."""
    match = _CONTAINER_INFO.match(info or "")
    name = (match.group(1) or "").lower() if match else ""
    title = ((match.group(2) or match.group(3) or "").strip()) if match else ""
    if name == "danger":
        name = "warning"
    style = name if name in CALLOUT_KINDS else "other"
    if style == "other" and name and not title:
        title = name.capitalize()
    return style, title


# --- HTML: never rendered, only its readable text and its embeds/images kept -------------------

class _HtmlScan(HTMLParser):
    """Collect iframes and images from an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.iframes: list[dict[str, str]] = []
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "iframe":
            self.iframes.append(values)
        elif tag == "img":
            self.images.append(values)


# Elements whose content is code or markup, not words for a reader: dropped with their content.
_DROPPED_CONTENT = {"script", "style", "svg", "math", "noscript", "template", "textarea", "xmp", "iframe",
                    "object", "select", "title"}


def html_text(fragment: str) -> str:
    """The readable text of an HTML fragment: tags, comments, scripts and styles removed."""
    return html.unescape(nh3.clean(fragment, tags=set(), clean_content_tags=_DROPPED_CONTENT)).strip()


def inline_text(text: str) -> str:
    """Text that may hold HTML (a title, a tag), as Markdown showing only its readable words."""
    return escape_text(" ".join(html_text(text or "").split()))


_DATAWRAPPER = re.compile(r"datawrapper\.dwcdn\.net/([A-Za-z0-9]+)")


def embed_key(src: str, element_id: str = "") -> str:
    """A stable key for an embed: "datawrapper:<id>" for Datawrapper charts, else the address."""
    match = _DATAWRAPPER.search(src) or re.match(r"datawrapper-chart-([A-Za-z0-9]+)$", element_id or "")
    if match:
        return f"datawrapper:{match.group(1)}"
    return src


def _html_blocks(fragment: str) -> list[Block]:
    """Blocks for a raw HTML block: its embeds, its images, then its readable text."""
    blocks = _html_media(fragment)
    text = html_text(fragment)
    if text:
        blocks.append(Text(escape_text(text)))
    return blocks


def _html_media(fragment: str) -> list[Block]:
    """The embeds (iframes) and images (img) of an HTML fragment."""
    scan = _HtmlScan()
    try:
        scan.feed(fragment)
        scan.close()
    except Exception:  # HTMLParser is lenient; this is only a guard
        pass
    blocks: list[Block] = []
    for frame in scan.iframes:
        src = frame.get("src", "").strip()
        if src:
            blocks.append(Embed(src=src, title=frame.get("title", "").strip(), key=embed_key(src, frame.get("id", ""))))
    pictures = tuple(Picture(src=i["src"].strip(), alt=i.get("alt", "").strip(), title=i.get("title", "").strip())
                     for i in scan.images if i.get("src", "").strip())
    if pictures:
        blocks.append(Images(pictures))
    return blocks


# --- escaping for Streamlit's Markdown ---------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~$!])")
_LINE_START = re.compile(r"^(\s*)([+\-=>]|\d+(?=[.)]))")
_ST_DIRECTIVE = re.compile(r":(?=[a-z][a-z-]*\[|material/|streamlit:)")


def escape_text(text: str) -> str:
    """Escape plain text so that ``st.markdown`` shows it as written (no accidental Markdown)."""
    out = []
    for line in text.split("\n"):
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = _ST_DIRECTIVE.sub(r"\\:", line)
        match = _LINE_START.match(line)
        if match:
            indent, lead = match.groups()
            if lead.isdigit():  # "1. " would start a list: escape the dot
                rest = line[len(indent) + len(lead):]
                line = f"{indent}{lead}\\{rest}"
            else:
                line = f"{indent}\\{line[len(indent):]}"
        out.append(line)
    return "\n".join(out)


_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


def _outside_code(source: str, fix) -> str:
    """Apply ``fix`` to the parts of ``source`` outside inline code spans."""
    pieces, last = [], 0
    for match in _CODE_SPAN.finditer(source):
        pieces.append(fix(source[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(fix(source[last:]))
    return "".join(pieces)


# What is left looking like a tag once real HTML tokens are gone (e.g. "<img src=x onerror=f('a')>",
# not valid HTML for CommonMark): removed. Autolinks (<https://…>, <a@b.c>) are kept.
_TAG_LIKE = re.compile(r"<(?![a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>|[^<>\s@]+@[^<>\s@]+>)[A-Za-z/!?][^<>]*>")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_latex(latex: str) -> str:
    """LaTeX without the commands that link or load (\\href, \\url, \\includegraphics)."""
    latex = re.sub(r"\\href\s*\{[^}]*\}", "", latex)
    latex = re.sub(r"\\url\s*\{[^}]*\}", "", latex)
    return re.sub(r"\\includegraphics\s*(\[[^\]]*\])?\s*\{[^}]*\}", "", latex)


def _unsafe_target(target: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


def _break_unsafe_links(part: str) -> str:
    """Turn ``[text](javascript:…)`` into plain text: Streamlit never gets a link to a script."""
    def fix(match: re.Match[str]) -> str:
        return "]\\(" + match.group(0)[2:] if _unsafe_target(match.group(1)) else match.group(0)

    return _LINK_TARGET.sub(fix, part)


def _streamlit_safe(source: str, math: list[str]) -> str:
    """Escape ``$`` that is not math and Streamlit's ``:color[...]`` directives; drop tag-like text."""
    def fix(part: str) -> str:
        part = _TAG_LIKE.sub("", part)
        part = _break_unsafe_links(part)
        part = re.sub(r"(?<!\\)\$", r"\\$", part)
        part = _ST_DIRECTIVE.sub(r"\\:", part)
        for latex in math:  # put real inline math back: Streamlit draws $...$ with KaTeX
            clean = safe_latex(latex)
            part = part.replace(f"\\$\\${latex}\\$\\$", f"$${clean}$$").replace(f"\\${latex}\\$", f"${clean}$")
        return part

    return _outside_code(source, fix)


# --- from tokens to blocks ---------------------------------------------------------------------

_IMAGE_SOURCE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")


def _walk(node: SyntaxTreeNode):
    yield node
    for child in node.children:
        yield from _walk(child)


def _inline_tokens(node: SyntaxTreeNode) -> list[Token]:
    tokens = []
    for sub in _walk(node):
        if sub.type == "inline" and sub.token is not None:
            tokens.extend(sub.token.children or [])
    return tokens


def _plain(tokens: list[Token]) -> str:
    """Readable text of inline tokens."""
    out = []
    for tok in tokens:
        if tok.type in ("text", "code_inline", "math_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "image":
            out.append(tok.content)
        elif tok.children:
            out.append(_plain(tok.children))
    return "".join(out)


def _source(lines: list[str], node: SyntaxTreeNode) -> str:
    if not node.map:
        return ""
    start, end = node.map
    return "\n".join(lines[start:end])


_DROPPED_NAMES = "|".join(sorted(_DROPPED_CONTENT))
_DROPPED_OPEN = re.compile(rf"<\s*({_DROPPED_NAMES})\b", re.I)
_DROPPED_ELEMENT = re.compile(rf"<\s*({_DROPPED_NAMES})\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
_SPACING_TAG = re.compile(r"^<\s*/?\s*(br|p|div|li|hr|tr|td|th|h[1-6])\b", re.I)


def _find_outside_code(source: str, needle: str, start: int) -> int:
    """Index of ``needle`` at or after ``start`` that is not inside an inline code span, or -1."""
    spans = [m.span() for m in _CODE_SPAN.finditer(source)]
    at = source.find(needle, start)
    while at >= 0 and any(a <= at < b for a, b in spans):
        at = source.find(needle, at + 1)
    return at


def _clean_source(source: str, node: SyntaxTreeNode, lines: list[str], base: int) -> tuple[str, list[Block]]:
    """A text block's Markdown with raw HTML and images taken out; returns the images and embeds taken."""
    media: list[Block] = []
    text_lines = source.split("\n")
    # Raw HTML blocks nested in lists or quotes: keep their readable text only.
    for sub in _walk(node):
        if sub is not node and sub.type == "html_block" and sub.map:
            start, end = sub.map[0] - base, sub.map[1] - base
            chunk = "\n".join(text_lines[start:end])
            media.extend(_html_media(sub.content))
            size = end - start
            cleaned = html_text(chunk).split("\n") if chunk.strip() else []
            if len(cleaned) > size:  # keep every word, on as many lines as the HTML took
                cleaned = cleaned[: size - 1] + [" ".join(cleaned[size - 1:])]
            text_lines[start:end] = cleaned + [""] * (size - len(cleaned))
    source = "\n".join(text_lines)
    tokens = _inline_tokens(node)
    html_tokens = [tok for tok in tokens if tok.type == "html_inline" and tok.content]
    for tok in html_tokens:
        media.extend(_html_media(tok.content))
    if any(_DROPPED_OPEN.match(tok.content) for tok in html_tokens):
        source = _outside_code(source, lambda part: _DROPPED_ELEMENT.sub("", part))
    # Inline HTML: tags and comments are removed, the text between them stays.
    position = 0
    for tok in html_tokens:
        at = _find_outside_code(source, tok.content, position)
        if at < 0:
            at = _find_outside_code(source, tok.content, 0)
        if at >= 0:
            gap = " " if _SPACING_TAG.match(tok.content) else ""
            source = source[:at] + gap + source[at + len(tok.content):]
            position = at
    pictures = [_picture(tok) for tok in _flat(tokens) if tok.type == "image"]
    if pictures:
        source = _outside_code(source, lambda part: _IMAGE_SOURCE.sub("", part))
        media.append(Images(tuple(pictures)))
    math = sorted({tok.content for tok in tokens if tok.type.startswith("math_inline")}, key=len, reverse=True)
    return _streamlit_safe(source, math).strip("\n"), media


def _flat(tokens: list[Token]):
    for tok in tokens:
        yield tok
        if tok.children:
            yield from _flat(tok.children)


def _picture(tok: Token, link: str | None = None) -> Picture:
    return Picture(src=str(tok.attrs.get("src", "")).strip(), alt=tok.content or "",
                   title=str(tok.attrs.get("title") or ""), link=link)


def _split_lines(tokens: list[Token]) -> list[list[Token]]:
    rows: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type in ("softbreak", "hardbreak"):
            rows.append([])
        elif not (tok.type == "text" and not tok.content.strip()):
            rows[-1].append(tok)
    return rows


def _image_row(row: list[Token]) -> list[Picture] | None:
    """The images of a line made only of images (each possibly wrapped in a link), else None."""
    pictures, link = [], None
    for tok in row:
        if tok.type == "link_open":
            link = str(tok.attrs.get("href", "")) or None
        elif tok.type == "link_close":
            link = None
        elif tok.type == "image":
            pictures.append(_picture(tok, link))
        else:
            return None
    return pictures or None


def _is_caption_row(row: list[Token]) -> bool:
    return bool(row) and row[0].type == "em_open" and row[-1].type == "em_close"


def _image_paragraph(node: SyntaxTreeNode, lines: list[str]) -> Images | None:
    """A paragraph of image lines, optionally followed by one italic caption line."""
    tokens = _inline_tokens(node)
    rows = _split_lines(tokens)
    pictures: list[Picture] = []
    index = 0
    while index < len(rows):
        found = _image_row(rows[index])
        if found is None:
            break
        pictures.extend(found)
        index += 1
    if not pictures:
        return None
    rest = rows[index:]
    if not rest:
        return Images(tuple(pictures))
    if len(rest) != 1 or not _is_caption_row(rest[0]):
        return None
    caption = None
    if node.map and node.map[1] - node.map[0] == len(rows):
        line = lines[node.map[0] + index].strip()
        if len(line) >= 2 and line[0] in "_*" and line[-1] == line[0]:
            inner = line[1:-1]
            caption_tokens = rest[0]
            math = [t.content for t in caption_tokens if t.type.startswith("math_inline")]
            caption = _streamlit_safe(_strip_inline_html(inner, caption_tokens), math).strip()
    if caption is None:
        caption = escape_text(_plain(rest[0]).strip())
    return Images(tuple(pictures), caption or None)


def _strip_inline_html(source: str, tokens: list[Token]) -> str:
    for tok in _flat(tokens):
        if tok.type == "html_inline" and tok.content:
            source = source.replace(tok.content, "", 1)
    return source


class _Anchors:
    """GitHub-style heading anchors, unique within one edition."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, label: str) -> str:
        text = unicodedata.normalize("NFKD", label.lower())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        slug = re.sub(r"[^\w\- ]+", "", text).strip().replace(" ", "-")
        slug = re.sub(r"-{2,}", "-", slug).strip("-") or "section"
        count = self.seen.get(slug, 0)
        self.seen[slug] = count + 1
        return slug if count == 0 else f"{slug}-{count}"


def _heading_markdown(source_line: str) -> str:
    """The text of an ATX or setext heading line, with a leading "1." kept from becoming a list."""
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", source_line.split("\n")[0])
    text = re.sub(r"\s+#+\s*$", "", text).strip()
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _node_blocks(nodes: list[SyntaxTreeNode], lines: list[str], anchors: _Anchors) -> list[Block]:
    blocks: list[Block] = []
    pending: list[SyntaxTreeNode] = []

    def flush() -> None:
        if not pending:
            return
        parts: list[str] = []
        extracted: list[Block] = []
        for node in pending:
            source, media = _clean_source(_source(lines, node), node, lines, node.map[0] if node.map else 0)
            if source.strip():
                parts.append(source)
            extracted.extend(media)
        text = "\n\n".join(parts).strip("\n")
        if text.strip():
            blocks.append(Text(text))
        blocks.extend(extracted)
        pending.clear()

    for node in nodes:
        kind = node.type
        if kind == "front_matter":
            continue
        if kind.startswith("container_"):
            flush()
            style, title = callout_style(node.info)
            blocks.append(Callout(style, title, tuple(_node_blocks(node.children, lines, anchors))))
        elif kind in ("fence", "code_block"):
            flush()
            language = (node.info or "").strip().split(" ")[0] or None
            blocks.append(Code(node.content.rstrip("\n"), language))
        elif kind.startswith("math_block"):
            flush()
            blocks.append(Math(safe_latex(node.content.strip())))
        elif kind == "html_block":
            flush()
            blocks.extend(_html_blocks(node.content))
        elif kind == "heading":
            flush()
            tokens = _inline_tokens(node)
            label = _plain(tokens).strip()
            source = _source(lines, node)
            text = _heading_markdown(source) if source.lstrip().startswith("#") else source.split("\n")[0].strip()
            text = _streamlit_safe(_strip_inline_html(text, tokens), [])
            blocks.append(Heading(int(node.tag[1:]), text, label, anchors(label)))
        elif kind == "paragraph" and (images := _image_paragraph(node, lines)) is not None:
            flush()
            blocks.append(images)
        else:
            pending.append(node)
    flush()
    return blocks


def parse_markdown(body: str) -> tuple[Block, ...]:
    """Blocks of a Markdown edition."""
    lines = body.split("\n")
    tree = SyntaxTreeNode(markdown_parser().parse(body))
    return tuple(_node_blocks(tree.children, lines, _Anchors()))


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


def parse_text(body: str) -> tuple[Block, ...]:
    """Blocks of a plain-text edition: each line a paragraph, short numbered lines as headings."""
    lines = body.split("\n")
    anchors = _Anchors()
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Text("\n\n".join(escape_text(line.strip()) for line in paragraph)))
            paragraph.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _text_heading(lines, index):
            flush()
            label = line.strip()
            blocks.append(Heading(2, escape_text(label), label, anchors(label)))
        else:
            paragraph.append(line)
    flush()
    return tuple(blocks)


@functools.lru_cache(maxsize=64)
def parse(body: str, fmt: str) -> tuple[Block, ...]:
    """Blocks of an edition body in its format ("markdown" or "text")."""
    return parse_text(body) if fmt == "text" else parse_markdown(body)


# --- what else is read from the blocks -----------------------------------------------------------

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


def toc_markdown(items: list[Heading]) -> str:
    """A nested Markdown list of links to the headings' anchors."""
    if not items:
        return ""
    top = min(h.level for h in items)
    return "\n".join(
        f"{'    ' * (h.level - top)}- [{escape_text(h.label)}](#{h.anchor})" for h in items
    )


def _media_words(fragment: str) -> list[str]:
    """Iframe titles and image alt texts of an HTML fragment."""
    words = []
    for block in _html_media(fragment):
        if isinstance(block, Embed):
            words.append(block.title)
        elif isinstance(block, Images):
            words.extend(p.alt for p in block.pictures)
    return words


@functools.lru_cache(maxsize=64)
def readable_text(body: str, fmt: str) -> str:
    """The words a reader sees (no link targets, tags or code), for search and model mentions."""
    if fmt == "text":
        return body
    parts: list[str] = []
    for tok in markdown_parser().parse(body):
        if tok.type == "inline":
            parts.append(_plain(tok.children or []))
            for child in tok.children or []:
                if child.type == "html_inline":
                    parts.extend(_media_words(child.content))
        elif tok.type == "html_block":
            parts.extend(_media_words(tok.content))
            parts.append(html_text(tok.content))
    return "\n".join(p for p in parts if p.strip())


# --- images -------------------------------------------------------------------------------------

def is_remote(src: str) -> bool:
    return src.lower().startswith(("https://", "http://"))


def asset_path(src: str, content_dir: Path | str) -> Path | None:
    """The file in ``content/`` an image address points to (``/assets/a//b.webp``), if it exists."""
    if not src or is_remote(src) or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
        return None
    path = unquote(urlsplit(src).path)
    parts = [p for p in PurePosixPath(re.sub(r"/{2,}", "/", path)).parts if p not in ("/", ".", "")]
    if not parts or ".." in parts:
        return None
    root = Path(content_dir).resolve()
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(root) or not resolved.is_file():
        return None
    return resolved


def image_name(src: str) -> str:
    """The file name of an image address, for a placeholder."""
    return PurePosixPath(urlsplit(src).path).name or src
