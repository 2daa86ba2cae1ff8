"""Where the bundled data and content live, and which posts are editions; overridable by environment."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from superficial.ingest import source

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("SUPERFICIAL_DATA_DIR", ROOT / "data"))


def content_dir() -> Path:
    """``SUPERFICIAL_CONTENT_DIR``: a plain folder of posts, or the root of an astro-cactus blog checkout."""
    return Path(os.environ.get("SUPERFICIAL_CONTENT_DIR", ROOT / "content"))


def edition_tag() -> str:
    """``SUPERFICIAL_EDITION_TAG``: the tag of a blog's newsletter editions (empty: every post is one)."""
    return os.environ.get("SUPERFICIAL_EDITION_TAG", source.DEFAULT_EDITION_TAG)


def content_source(folder: Path | str | None = None) -> source.ContentSource:
    """How to read a content folder (by default ``content_dir()``) with the edition tag of the settings."""
    return source.content_source(content_dir() if folder is None else folder, edition_tag())


def fingerprint(*folders: Path) -> str:
    """A digest of the names, sizes and modification times of the files in the folders: changes when any is edited.

    A blog checkout's files are its posts (``src/content/post``). A short string, not the entries themselves:
    it is hashed again on every page run (st.cache_resource's key), so it stays the same size whatever the
    number of files.
    """
    digest = hashlib.sha256()
    for given in folders:
        folder = source.posts_folder(given)
        digest.update(f"{folder}\0".encode())
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:  # missing or unreadable: that state is part of the fingerprint too
            digest.update(b"missing\0")
            continue
        for entry in entries:
            if entry.is_file():
                stat = entry.stat()
                digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
