"""Where the bundled data and content live; overridable for tests and benchmarks."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("SUPERFICIAL_DATA_DIR", ROOT / "data"))


def content_dir() -> Path:
    return Path(os.environ.get("SUPERFICIAL_CONTENT_DIR", ROOT / "content"))


def fingerprint(*folders: Path) -> str:
    """A digest of the names, sizes and modification times of the files in the folders: changes when any is edited.

    A short string, not the entries themselves: it is hashed again on every page run (st.cache_resource's
    key), so it stays the same size whatever the number of files.
    """
    digest = hashlib.sha256()
    for folder in folders:
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
