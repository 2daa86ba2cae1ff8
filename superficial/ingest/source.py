"""Where posts are read from: a plain folder of posts, or an astro-cactus blog checkout as the author keeps it.

A blog is recognised by its ``src/content/post/`` folder (given its root, or that folder itself). Its posts
are the ``.md`` and ``.mdx`` files there (names starting with ``_`` or ``.`` left out, as Astro does), and a
site address such as ``/assets/2023/november/a.webp`` is the file under ``public/``. Its newsletter editions
are the posts tagged with the edition tag; the other posts are read too, flagged ``is_edition=False``.
In a plain folder (like ``content/``) every post is an edition and ``/assets/…`` is under the folder.
Nothing is ever written into either.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from superficial.ingest.content import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, ContentLoad, Edition, edition_files, load_files

BLOG_POSTS = ("src", "content", "post")
BLOG_PUBLIC = "public"
BLOG_SUFFIXES = frozenset({".md", ".mdx"})
PLAIN_SUFFIXES = frozenset(MARKDOWN_SUFFIXES | TEXT_SUFFIXES)
DEFAULT_EDITION_TAG = "weekly-digest"


@dataclass(frozen=True)
class ContentSource:
    """A folder of posts and how to read it."""

    root: Path  # the folder as given
    posts_dir: Path  # where the post files are
    asset_root: Path  # the folder a site address is under: "/assets/a.webp" is asset_root / "assets/a.webp"
    is_blog: bool
    edition_tag: str | None  # posts with this tag are the editions; None: every post is one
    suffixes: frozenset[str]

    def post_files(self) -> list[Path]:
        """The files of the posts, by name."""
        hidden = (".", "_") if self.is_blog else (".",)
        return edition_files(self.posts_dir, self.suffixes, hidden)

    def is_edition(self, post: Edition) -> bool:
        """Whether a post is a newsletter edition (carries the edition tag; any post, without one)."""
        if self.edition_tag is None:
            return True
        return self.edition_tag.casefold() in {tag.strip().casefold() for tag in post.tags}

    def image_root(self, src: str, post: Edition) -> Path:
        """The folder an image address of ``post`` is relative to: the site's root for ``/…``, else the post's."""
        return self.asset_root if src.startswith("/") else Path(post.path).parent


def blog_root(folder: Path | str) -> Path | None:
    """The root of the astro blog that ``folder`` is (or is the posts folder of), else None."""
    folder = Path(folder)
    if folder.joinpath(*BLOG_POSTS).is_dir():
        return folder
    if folder.parts[-len(BLOG_POSTS):] == BLOG_POSTS and folder.is_dir():
        return folder.parents[len(BLOG_POSTS) - 1]
    return None


def posts_folder(folder: Path | str) -> Path:
    """The folder whose files are the posts of ``folder`` (its ``src/content/post`` for a blog)."""
    root = blog_root(folder)
    return root.joinpath(*BLOG_POSTS) if root is not None else Path(folder)


def content_source(folder: Path | str, edition_tag: str | None = DEFAULT_EDITION_TAG) -> ContentSource:
    """How to read ``folder``: as a blog checkout when it is one, else as a plain folder where every post is an
    edition. An empty ``edition_tag`` makes every post of a blog an edition too."""
    folder = Path(folder)
    root = blog_root(folder)
    if root is None:
        return ContentSource(folder, folder, folder, False, None, PLAIN_SUFFIXES)
    return ContentSource(folder, root.joinpath(*BLOG_POSTS), root / BLOG_PUBLIC, True,
                         (edition_tag or "").strip() or None, BLOG_SUFFIXES)


def load_content(source: ContentSource) -> ContentLoad:
    """Every post of a source, each flagged as an edition or not; unreadable files reported and skipped."""
    loaded = load_files(source.post_files())
    posts = [dataclasses.replace(post, is_edition=source.is_edition(post)) for post in loaded.editions]
    return ContentLoad(posts, loaded.problems, source)
