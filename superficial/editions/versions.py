"""One edition in several versions: the files of one edition (its blog post, its newsletter text) kept together.

Two files are the same edition when they carry the same number ``#N`` and either near-same titles or the
same publication date. Near-same: a ``difflib`` ratio of at least ``SAME_TITLE`` between the titles
lowercased, with punctuation and the ``#N`` left out. A typo or one changed word in a title of forty
letters stays above it ("start the week" / "start this week": 0.96); another series' title falls below
("start the week" / "end this week": 0.86). Drafts are only ever versions of drafts. A number shared by
editions that are neither is reported, and each stays an edition of its own.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from superficial.display import long_date
from superficial.ingest.content import Edition, slugify, sort_key
from superficial.ingest.problems import Problem

SAME_TITLE = 0.9
LABELS = {"markdown": "Blog post", "text": "Newsletter text"}
_NUMBER = re.compile(r"#\s*\d+\s*$")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Version:
    """One file of an edition, under the name a reader picks it by."""

    label: str  # "Blog post" or "Newsletter text"
    edition: Edition  # the file's post, with the date and tags of its edition

    @property
    def slug(self) -> str:
        return self.edition.slug

    @property
    def name(self) -> str:
        """The label as a link names it (``?version=newsletter-text``)."""
        return slugify(self.label)


@dataclass(frozen=True)
class VersionedEdition:
    """One edition as the reader knows it: its versions, the default (the blog post) first."""

    versions: tuple[Version, ...]

    @property
    def default(self) -> Edition:
        return self.versions[0].edition

    @property
    def slug(self) -> str:
        """The default version's slug, which names the edition in links."""
        return self.default.slug

    @property
    def title(self) -> str:
        return self.default.title

    @property
    def number(self) -> int | None:
        return self.default.number

    @property
    def publish_date(self) -> dt.date | None:
        return self.default.publish_date

    @property
    def draft(self) -> bool:
        return self.default.draft

    @property
    def is_edition(self) -> bool:
        return self.default.is_edition

    def version(self, slug: str) -> Version | None:
        """The version with this slug, if it is one of this edition's."""
        return next((v for v in self.versions if v.slug == slug), None)

    def named(self, name: str | None) -> Version | None:
        """The version a link names (``Version.name``), if it is one of this edition's."""
        return next((v for v in self.versions if v.name == name), None)


@dataclass(frozen=True)
class EditionIndex:
    """Every post grouped into editions, newest first, with the problems grouping found (read-only)."""

    editions: tuple[VersionedEdition, ...]
    problems: tuple[Problem, ...] = ()
    by_slug: Mapping[str, VersionedEdition] = field(default_factory=dict, repr=False, compare=False)

    def listed(self, every_post: bool = False, include_drafts: bool = False) -> tuple[VersionedEdition, ...]:
        """The newsletter editions (with ``every_post``, every post), drafts left out unless asked for."""
        return tuple(e for e in self.editions
                     if (every_post or e.is_edition) and (include_drafts or not e.draft))

    def find(self, slug: str | None) -> tuple[VersionedEdition, Version] | None:
        """The edition and version that a slug of any of its versions names."""
        edition = self.by_slug.get(slug or "")
        return (edition, edition.version(slug)) if edition is not None else None

    @functools.cached_property
    def in_date_order(self) -> tuple[VersionedEdition, ...]:
        """The published, dated newsletter editions, oldest first (same day: by number); sorted once per index."""
        dated = [e for e in self.editions if e.is_edition and not e.draft and e.publish_date is not None]
        return tuple(sorted(dated, key=lambda e: (e.publish_date, e.number if e.number is not None else -1, e.slug)))

    @functools.cached_property
    def date_position(self) -> Mapping[str, int]:
        """Each dated edition's place in ``in_date_order``, by slug."""
        return MappingProxyType({e.slug: at for at, e in enumerate(self.in_date_order)})


def normalised_title(title: str) -> str:
    """A title as compared: lowercased words, no punctuation or HTML entities, no trailing ``#N``."""
    return " ".join(_WORDS.findall(_NUMBER.sub("", html.unescape(title)).casefold()))


def same_title(a: str, b: str) -> bool:
    """Whether two titles are the same or near-same (see ``SAME_TITLE``)."""
    a, b = normalised_title(a), normalised_title(b)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SAME_TITLE


def same_edition(a: Edition, b: Edition) -> bool:
    """Whether two posts are versions of one edition."""
    if a.number is None or a.number != b.number or a.draft != b.draft:
        return False
    same_day = a.publish_date is not None and a.publish_date == b.publish_date
    return same_day or same_title(a.title, b.title)


def _preference(post: Edition):
    """Blog post before newsletter text, dated before undated, then by file."""
    return (post.format != "markdown", post.publish_date is None, post.path)


def _versions(posts: list[Edition]) -> VersionedEdition:
    """The edition of these posts (the preferred first): each other version takes the date, tags and
    description it lacks from the first."""
    default, *others = posts
    is_edition = any(p.is_edition for p in posts)
    versions = [dataclasses.replace(default, is_edition=is_edition)]
    for post in others:
        lacking = {"publish_date": post.publish_date is None, "tags": not post.tags, "description": not post.description}
        taken = {name: getattr(default, name) for name, lacks in lacking.items() if lacks and getattr(default, name)}
        versions.append(dataclasses.replace(post, is_edition=is_edition, inherited_from=default.slug if taken else None,
                                            **taken))
    labels: list[str] = []
    for post in versions:
        label = LABELS.get(post.format, post.format)
        labels.append(f"{label} ({Path(post.path).name})" if label in labels else label)
    return VersionedEdition(tuple(Version(label, post) for label, post in zip(labels, versions)))


def _shared_number(edition: VersionedEdition, first: VersionedEdition) -> Problem:
    other = first.default
    return Problem(edition.default.path, 0,
                   f"edition number #{edition.number} is also that of {other.path} (“{other.title}”, "
                   f"{long_date(other.publish_date)}), a different edition (another title and date); "
                   "both are listed", "warning")


def index_editions(posts: Iterable[Edition]) -> EditionIndex:
    """Group posts into editions with their versions, newest first, and report numbers shared by two editions."""
    groups: list[list[Edition]] = []
    numbered: dict[tuple[int, bool], list[list[Edition]]] = {}  # (number, draft) -> that number's groups
    for post in sorted(posts, key=_preference):
        if post.number is None:
            groups.append([post])
            continue
        candidates = numbered.setdefault((post.number, post.draft), [])
        group = next((g for g in candidates if any(same_edition(post, member) for member in g)), None)
        if group is None:
            candidates.append([post])
            groups.append(candidates[-1])
        else:
            group.append(post)
    made = {id(g): _versions(g) for g in groups}
    problems = []
    for (_, draft), same_number in numbered.items():
        shared = sorted((made[id(g)] for g in same_number if made[id(g)].is_edition), key=lambda e: sort_key(e.default))
        if not draft:
            problems += [_shared_number(other, shared[-1]) for other in shared[:-1]]  # each naming the oldest
    editions = sorted(made.values(), key=lambda e: sort_key(e.default))
    for edition in editions:
        if edition.is_edition and edition.publish_date is None and edition.default.format == "text":
            problems.append(Problem(edition.default.path, 0, "plain-text edition has no publish date, and no "
                                    "dated version of the same edition", "warning"))
    by_slug = {v.slug: e for e in editions for v in e.versions}
    return EditionIndex(tuple(editions), tuple(problems), MappingProxyType(by_slug))
