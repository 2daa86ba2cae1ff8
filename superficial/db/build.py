"""The bundled store built once, in a child process, and kept on disk under a key of its files and code.

The server process then only opens a finished DuckDB file read-only: it never holds the rows read from
the CSV files (hundreds of MB at 100,000 models), and a new process reuses the build instead of reading
the files again.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from functools import cache
from pathlib import Path

from superficial import config
from superficial.db.store import Store, without_rows, write_database
from superficial.editions.versions import index_editions
from superficial.ingest.catalog import read_catalog
from superficial.ingest.source import load_content

log = logging.getLogger("superficial")

FORMAT = 2  # of a build folder's files
DIGEST_CHUNK = 1 << 20
KEEP = 3  # builds kept in the cache folder, the most recently opened
CHILD_TIMEOUT = 900  # seconds
STALE_WORK = 3600  # seconds after which a work folder is left over from a killed build
DATABASE, META = "store.duckdb", "meta.pickle"
# Every module that decides what a build holds: reading the files (ingest), grouping the posts into editions
# (editions/versions.py), the terms editions name models by (editions/mentions.py) and writing the database (db).
SOURCES = ("ingest", "db", "editions/versions.py", "editions/mentions.py")
LIBRARIES = ("duckdb", "pandas", "numpy", "PyYAML", "python-frontmatter")
BUILD_NAME = re.compile(r"[0-9a-f]{32}")
WORK_NAME = re.compile(r"\.(tmp|trash)-[0-9a-f]{32}-")


class BuildFailed(RuntimeError):
    """A build that could not be made or opened."""


def cache_dir() -> Path:
    """``SUPERFICIAL_CACHE_DIR``, else ``$XDG_CACHE_HOME/superficial``, else ``~/.cache/superficial``."""
    if os.environ.get("SUPERFICIAL_CACHE_DIR"):
        return Path(os.environ["SUPERFICIAL_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "superficial"


@cache
def _library_versions() -> tuple:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    return (sys.version, *versions)


def code_version() -> str:
    """Hash of what decides a build's result: the source of the modules that make it and the libraries' versions."""
    digest = hashlib.sha256(repr((FORMAT, _library_versions())).encode())
    package = Path(__file__).parent.parent
    paths = [package / name for name in SOURCES]
    for source in sorted(p for path in paths for p in (path.rglob("*.py") if path.is_dir() else [path])):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def build_key(data_dir: Path | str, content_dir: Path | str) -> str:
    """Name of the build of these folders as their files are now, with the edition tag set now, by this code.

    The folders as given and the working directory are part of it: problems and editions name their
    files relative to the working directory.
    """
    folders = [Path(data_dir), Path(content_dir)]
    parts = ([str(f) for f in folders], [str(f.resolve()) for f in folders], os.getcwd(),
             config.fingerprint(*folders), config.edition_tag(), code_version())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def open_or_build(data_dir: Path | str, content_dir: Path | str) -> Store:
    """The store of these folders: a finished build from the cache, else one built now in a child process.

    Builds in this process instead, with a warning, when the cache folder or the child fails.
    """
    try:
        return _open_or_build(Path(data_dir), Path(content_dir))
    except Exception as err:  # the app never fails because of the cache
        log.warning("store cache not used (%s); building the store in this process", err)
        return Store.from_folders(data_dir, content_dir)


def _open_or_build(data_dir: Path, content_dir: Path) -> Store:
    root = cache_dir()
    key = build_key(data_dir, content_dir)
    store = open_build(root / key, key)
    if store is None:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(root, os.W_OK | os.X_OK):
            raise BuildFailed(f"cache folder {root} is not writable")
        started = time.monotonic()
        run_child(data_dir, content_dir, key)
        store = open_build(root / key, key)
        if store is None:
            raise BuildFailed(f"the new build {root / key} does not open")
        log.info("built the store in a child process in %.1f s: %s", time.monotonic() - started, root / key)
    prune(root)
    return store


def run_child(data_dir: Path, content_dir: Path, key: str) -> None:
    """Build the store of these folders into the cache folder in a new Python process."""
    done = subprocess.run([sys.executable, "-m", "superficial.db.build", str(data_dir), str(content_dir), key],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=CHILD_TIMEOUT)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise BuildFailed(f"the build process exited with {done.returncode}: {last[0]}")


def build(data_dir: Path | str, content_dir: Path | str, key: str | None = None) -> Path:
    """Read the folders, write their database and metadata, and move them into the cache folder as one.

    With ``key``, fails when the files are no longer those the key names (edited since it was computed).
    """
    root = cache_dir()
    key = key or build_key(data_dir, content_dir)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix=f".tmp-{key}-", dir=root))
    try:
        catalog, content = read_catalog(data_dir), load_content(config.content_source(content_dir))
        if build_key(data_dir, content_dir) != key:
            raise BuildFailed("the files changed since the build was asked for")
        write_database(work / DATABASE, catalog, content)
        counts = {"benchmarks": len(catalog.benchmarks), "models": len(catalog.models), "scores": len(catalog.scores),
                  "aliases": len(catalog.aliases), "editions": len(index_editions(content.editions).editions)}
        meta = {"format": FORMAT, "key": key, "catalog": without_rows(catalog), "content": content,
                "counts": counts, "digest": _digest(work / DATABASE)}
        with open(work / META, "wb") as file:
            pickle.dump(meta, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.rename(work, root / key)  # atomic: a build folder is complete or absent
        except OSError:
            if not (root / key).is_dir():
                raise  # else another process finished the same build first: theirs is as good
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return root / key


def open_build(folder: Path, key: str) -> Store | None:
    """The store of a finished build, or None when there is none or it is damaged (then it is removed)."""
    if not folder.is_dir():
        return None
    try:
        with open(folder / META, "rb") as file:
            meta = pickle.load(file)  # our own files, in our own cache folder
        if meta["format"] != FORMAT or meta["key"] != key:
            raise BuildFailed("metadata of another build")
        if _digest(folder / DATABASE) != meta["digest"]:
            raise BuildFailed("database file changed since it was built")
        store = Store.open(folder / DATABASE, meta["catalog"], meta["content"])
        counts = store.query("SELECT " + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in meta["counts"]))
        if counts.iloc[0].to_dict() != meta["counts"]:
            raise BuildFailed("row counts differ from the metadata")
    except Exception as err:
        log.warning("cached store build %s is damaged (%s); building it again", folder, err)
        _remove(folder)
        return None
    with contextlib.suppress(OSError):
        os.utime(folder)  # most recently used: kept by prune
    return store


def prune(root: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used builds, and work folders left by killed builds."""
    builds = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if BUILD_NAME.fullmatch(entry.name) and entry.is_dir():
                builds.append((entry.stat().st_mtime, entry))
            elif WORK_NAME.match(entry.name) and time.time() - entry.stat().st_mtime > STALE_WORK:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:  # removed meanwhile by another process
            continue
    for _, old in sorted(builds, reverse=True)[keep:]:
        _remove(old)


def _remove(folder: Path) -> None:
    """Take a build folder away at once (renamed first), then delete it; open databases stay readable."""
    trash = folder.with_name(f".trash-{folder.name}-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(folder, trash)
    except OSError:
        return  # gone already, or not ours to remove
    shutil.rmtree(trash, ignore_errors=True)


def _digest(path: Path) -> int:
    """A checksum of the database file, against damage (not tampering: the cache folder is the user's own). CRC-32
    reads 83 MB (100,000 models) in a quarter of SHA-256's time, on every server start."""
    checksum = 0
    with open(path, "rb") as file:
        while chunk := file.read(DIGEST_CHUNK):
            checksum = zlib.crc32(chunk, checksum)
    return checksum


if __name__ == "__main__":  # the child: python -m superficial.db.build DATA CONTENT [KEY]
    print(build(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
