"""Read posts: Markdown (or MDX) with YAML frontmatter, or plain text with the title and description first."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import frontmatter
import yaml
from markdown_it import MarkdownIt

from superficial.ingest.problems import Problem, display_path
from superficial.ingest.repair import repair_mojibake

if TYPE_CHECKING:
    from superficial.ingest.source import ContentSource

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx"}
TEXT_SUFFIXES = {".txt"}
MAX_BYTES = 20 * 1024 * 1024
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y-%m-%d", "%Y/%m/%d")
_EDITION_NUMBER = re.compile(r"#\s*(\d+)\s*$")
_FRONTMATTER_START = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FRONTMATTER_FENCE = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # python-frontmatter's own delimiter
# MDX's top-level ESM statements: a paragraph that starts with "import " or "export " (up to a blank line).
_ESM_START = re.compile(r"(?:import|export)\s")


@dataclass(frozen=True)
class Edition:
    """One post file: a newsletter edition (or one version of one), or another post of a blog."""

    slug: str
    path: str
    title: str
    description: str
    body: str
    format: str  # "markdown" or "text"
    publish_date: dt.date | None = None
    updated_date: dt.date | None = None
    number: int | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    cover_image: str | None = None
    og_image: str | None = None
    repaired: bool = False
    is_edition: bool = True  # a newsletter edition (in a blog: tagged as one), not another post
    body_line: int = 1  # line of the file where the body starts
    inherited_from: str | None = None  # slug of the version whose date and tags this one took
    extra: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass
class ContentLoad:
    """What loading a content folder gave: every post read (each flagged ``is_edition``) and every problem met."""

    editions: list[Edition]
    problems: list[Problem]
    source: ContentSource | None = None  # where the posts were read, when loaded through one

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def parse_date(value: object) -> dt.date | None:
    """Read a frontmatter date: "17 December 2023", "2 Dec 2023", ISO, or a YAML date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"unreadable date {text!r} (expected e.g. '17 December 2023' or 2023-12-17)") from None


def edition_number(title: str) -> int | None:
    """The edition number from a title ending in "#N"."""
    match = _EDITION_NUMBER.search(title)
    return int(match.group(1)) if match else None


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "edition"


def _as_tags(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple, set)):
        items = [str(v) for v in value if v is not None]
    else:
        items = [str(value)]
    return tuple(t.strip() for t in items if str(t).strip())


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on"}
    return bool(value)


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dict):  # astro-cactus coverImage: {src, alt}
        value = value.get("src") or ""
    return str(value) or None


def decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    """Bytes to text, or the reason the file cannot be read as an edition."""
    if not raw.strip():
        return None, Problem(name, 0, "empty file")
    if len(raw) > MAX_BYTES:
        return None, Problem(name, 0, f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit")
    if b"\x00" in raw:
        return None, Problem(name, 0, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, Problem(name, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _yaml_error_line(err: yaml.YAMLError) -> int:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    # +2: the opening '---' is line 1 and the YAML mark is 0-based.
    return mark.line + 2 if mark is not None else 1


def without_esm(body: str) -> str:
    """An MDX body with its top-level ``import``/``export`` statements blanked (lines kept, so line numbers hold)."""
    lines = body.split("\n")
    tokens = MarkdownIt("commonmark").parse(body)
    for token in tokens:
        if token.type == "paragraph_open" and token.level == 0 and token.map:
            start, end = token.map
            if _ESM_START.match(lines[start]):
                lines[start:end] = [""] * (end - start)
    return "\n".join(lines)


def _body_line(text: str, body: str, after: int = 0) -> int:
    """The 1-based line of ``text`` where ``body`` (a part of it at or after offset ``after``) starts."""
    at = text.find(body, after) if body else -1
    return text.count("\n", 0, at if at >= 0 else after) + 1


def parse_edition(text: str, name: str, slug: str, mdx: bool = False) -> tuple[Edition | None, list[Problem]]:
    """Parse one post's text; returns None with an error problem when it cannot be used.

    With ``mdx``, top-level ``import``/``export`` statements are not part of the body.
    """
    problems: list[Problem] = []
    text, repaired = repair_mojibake(text)
    if repaired:
        problems.append(Problem(name, 0, "repaired text damaged by a Mac Roman mis-decode", "warning"))
    if _FRONTMATTER_START.match(text):
        try:
            post = frontmatter.loads(text)
        except yaml.YAMLError as err:
            reason = str(getattr(err, "problem", None) or err).strip()
            return None, [*problems, Problem(name, _yaml_error_line(err), f"broken YAML frontmatter: {reason}")]
        except Exception as err:  # frontmatter raises plain errors for odd delimiters
            return None, [*problems, Problem(name, 1, f"unreadable frontmatter: {err}")]
        meta = post.metadata
        if not isinstance(meta, dict):
            return None, [*problems, Problem(name, 2, "frontmatter is not a mapping of keys to values")]
        closing = next(itertools.islice(_FRONTMATTER_FENCE.finditer(text), 1, None), None)
        body_line = _body_line(text, post.content, closing.end() if closing else 0)
        body = without_esm(post.content) if mdx else post.content
        return _edition_from_frontmatter(meta, body, name, slug, repaired, problems, body_line)
    return _edition_from_text(text, name, slug, repaired, problems)


def _edition_from_frontmatter(meta, body, name, slug, repaired, problems, body_line):
    title = str(meta.get("title") or "").strip()
    if not title:
        title = slug.replace("-", " ").capitalize()
        problems.append(Problem(name, 2, "frontmatter has no title; using the file name", "warning"))
    dates = {}
    for key in ("publishDate", "updatedDate"):
        try:
            dates[key] = parse_date(meta.get(key))
        except ValueError as err:
            dates[key] = None
            problems.append(Problem(name, _key_line(body, meta, key), f"{key}: {err}", "warning"))
    if dates["publishDate"] is None and "publishDate" not in meta:
        problems.append(Problem(name, 0, "no publishDate in frontmatter", "warning"))
    known = {"title", "description", "publishDate", "updatedDate", "tags", "draft", "coverImage", "ogImage"}
    edition = Edition(
        slug=slug,
        path=name,
        title=title,
        description=str(meta.get("description") or "").strip(),
        body=body,
        format="markdown",
        publish_date=dates["publishDate"],
        updated_date=dates["updatedDate"],
        number=edition_number(title),
        tags=_as_tags(meta.get("tags")),
        draft=_as_bool(meta.get("draft", False)),
        cover_image=_optional_str(meta.get("coverImage")),
        og_image=_optional_str(meta.get("ogImage")),
        repaired=repaired,
        body_line=body_line,
        extra={k: v for k, v in meta.items() if k not in known},
    )
    return edition, problems


def _key_line(body: str, meta: dict, key: str) -> int:
    # The frontmatter is gone from the body; keys are usually one a line, in order.
    return list(meta).index(key) + 2 if key in meta else 0


def _edition_from_text(text, name, slug, repaired, problems):
    lines = text.split("\n")
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    title_at = non_empty[0]
    title = lines[title_at].strip().lstrip("#").strip()
    description, body_from = "", title_at + 1
    if len(non_empty) > 1:
        description = lines[non_empty[1]].strip()
        body_from = non_empty[1] + 1
    body = "\n".join(lines[body_from:])
    # No date in a plain text: it takes its blog post's (editions.versions), or is reported there.
    edition = Edition(
        slug=slug,
        path=name,
        title=title,
        description=description,
        body=body.strip("\n"),
        format="text",
        number=edition_number(title),
        repaired=repaired,
        body_line=body_from + 1 + len(body) - len(body.lstrip("\n")),
    )
    return edition, problems


def edition_files(content_dir: Path, suffixes: frozenset[str] | set[str] = MARKDOWN_SUFFIXES | TEXT_SUFFIXES,
                  hidden: tuple[str, ...] = (".",)) -> list[Path]:
    """The files in ``content_dir`` that may be posts: those with one of ``suffixes``, none whose name starts
    with one of ``hidden``."""
    if not content_dir.is_dir():
        return []
    return sorted(
        p for p in content_dir.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(hidden)
    )


def sort_key(edition: Edition):
    """Newest first; undated editions last; then by number, newest first."""
    return (
        edition.publish_date is None,
        -(edition.publish_date.toordinal() if edition.publish_date else 0),
        -(edition.number or 0),
        edition.slug,
    )


def load_editions(content_dir: Path | str) -> ContentLoad:
    """Read every post in a plain folder (each an edition); a file that cannot be read is reported and skipped."""
    return load_files(edition_files(Path(content_dir)))


def read_edition(path: Path | str, slug: str | None = None) -> tuple[Edition | None, list[Problem]]:
    """One post file (any path), or None with the problem that keeps it from being read."""
    path = Path(path)
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(name, 0, f"cannot read file: {err.strerror or err}")]
    text, problem = decode(raw, name)
    if problem:
        return None, [problem]
    try:
        return parse_edition(text, name, slug or slugify(path.stem), mdx=path.suffix.lower() == ".mdx")
    except Exception as err:  # last line of defence: one bad file never hides the others
        return None, [Problem(name, 0, f"could not be parsed: {type(err).__name__}: {err}")]


def load_files(paths: list[Path]) -> ContentLoad:
    """Read the posts in ``paths``; a file that cannot be read is reported and skipped."""
    editions: list[Edition] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for path in paths:
        slug = slugify(path.stem)
        candidate, n = slug, 2
        while candidate in seen:
            candidate, n = f"{slug}-{n}", n + 1
        seen.add(candidate)
        edition, found = read_edition(path, candidate)
        problems.extend(found)
        if edition is not None:
            editions.append(edition)
    editions.sort(key=sort_key)
    return ContentLoad(editions, problems)
