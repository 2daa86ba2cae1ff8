"""Where the bundled data and content live; overridable for tests and benchmarks."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("SUPERFICIAL_DATA_DIR", ROOT / "data"))


def content_dir() -> Path:
    return Path(os.environ.get("SUPERFICIAL_CONTENT_DIR", ROOT / "content"))


def fingerprint(*folders: Path) -> tuple:
    """Names, sizes and modification times of the files in the folders: changes when any is edited."""
    entries = []
    for folder in folders:
        if not folder.is_dir():
            entries.append((str(folder), None))
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
