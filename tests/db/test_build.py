"""superficial.build: the store built in a child process, kept on disk by fingerprint, reused, rebuilt."""
import logging
import os
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pytest

from superficial.benchmarks.filters import Filters
from superficial.db import build, queries
from superficial.db.store import Store
from tests.conftest import FIXTURES

CONTENT = FIXTURES / "content"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of this test only."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUPERFICIAL_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def children(monkeypatch) -> list:
    """The child builds started, as (data, content) pairs; they still run."""
    started = []
    run_child = build.run_child

    def counting(data_dir, content_dir, key):
        started.append((data_dir, content_dir))
        run_child(data_dir, content_dir, key)

    monkeypatch.setattr(build, "run_child", counting)
    return started


@pytest.fixture
def data_with_problems(data_copy):
    """The fixture data plus two bad score rows."""
    scores = data_copy / "scores.csv"
    scores.write_text(scores.read_text() + "Nobody,MMLU,5-shot,50,https://a.example,\n"
                      "Phi-2,MMLU,5-shot,140,https://a.example,\n")
    return data_copy


def add_model(data_dir, name="Newcomer"):
    models = data_dir / "models.csv"
    models.write_text(models.read_text() + f"{name},Org,F,7,,dense,2024-01-01,true,MIT,https://a.example\n")
    later = time.time() + 5
    os.utime(models, (later, later))  # a clock that did not move between the writes still counts


def build_folders(cache):
    return sorted(p for p in cache.iterdir() if build.BUILD_NAME.fullmatch(p.name))


def test_a_second_open_reuses_the_build(cache, children, data_copy, caplog):
    caplog.set_level(logging.INFO, "superficial")
    first = build.open_or_build(data_copy, CONTENT)
    [folder] = build_folders(cache)
    database = (folder / build.DATABASE).stat()
    assert len(children) == 1
    assert "built the store in a child process" in caplog.text

    caplog.clear()
    second = build.open_or_build(data_copy, CONTENT)
    assert len(children) == 1  # no second child
    assert "built the store" not in caplog.text
    assert build_folders(cache) == [folder]
    again = (folder / build.DATABASE).stat()
    assert (again.st_ino, again.st_mtime_ns) == (database.st_ino, database.st_mtime_ns)
    assert second is not first and second.path == first.path  # the same build file: cached results stay valid
    assert queries.headline_figures(second) == queries.headline_figures(first)


def test_a_build_gives_what_building_in_process_gives(cache, children, data_with_problems):
    built = build.open_or_build(data_with_problems, CONTENT)
    here = Store.from_folders(data_with_problems, CONTENT)
    assert children  # really built elsewhere

    assert built.problems == here.problems and any(p.severity == "error" for p in built.problems)
    assert built.content.skipped == here.content.skipped
    assert built.editions == here.editions
    assert [e.extra for e in built.editions] == [e.extra for e in here.editions]
    for edition in here.editions:
        assert built.edition(edition.slug) == edition
    assert built.edition("no-such-edition") is None
    for name in ("benchmarks", "models", "scores", "aliases"):
        mine, theirs = getattr(built.catalog, name), getattr(here.catalog, name)
        assert mine.empty and mine.dtypes.to_dict() == theirs.dtypes.to_dict()
    assert built.catalog.problems == here.catalog.problems
    for run in (queries.headline_figures, queries.editions, queries.benchmarks, queries.models, queries.aliases,
                lambda s: queries.scores(s, "MMLU", "5-shot"), lambda s: queries.filter_options(s),
                lambda s: queries.filtered_models(s, Filters()), queries.schema,
                lambda s: queries.chart_scores(s, Filters(), "MMLU")):
        mine, theirs = run(built), run(here)
        if isinstance(mine, pd.DataFrame):
            pd.testing.assert_frame_equal(mine, theirs)
        else:
            assert mine == theirs


def test_a_built_store_is_read_only(cache, children, data_copy):
    build.build(data_copy, CONTENT)  # here, quicker than a child
    store = build.open_or_build(data_copy, CONTENT)
    assert not children
    with pytest.raises(duckdb.Error, match="read-only"):
        store.query("DELETE FROM models")
    with pytest.raises(duckdb.Error):
        store.query("SELECT * FROM read_csv('/etc/passwd')")


def test_an_edited_file_makes_a_new_build(cache, children, data_copy):
    build.build(data_copy, CONTENT)  # here, quicker than a child
    assert queries.headline_figures(build.open_or_build(data_copy, CONTENT))["models"] == 8
    assert not children
    add_model(data_copy)
    assert queries.headline_figures(build.open_or_build(data_copy, CONTENT))["models"] == 9
    assert len(children) == 1
    assert len(build_folders(cache)) == 2


def test_a_changed_build_key_code_or_folder_makes_a_new_key(data_copy, monkeypatch, tmp_path):
    key = build.build_key(data_copy, CONTENT)
    assert build.build_key(data_copy, CONTENT) == key
    monkeypatch.setattr(build, "_library_versions", lambda: ("another duckdb",))
    assert build.build_key(data_copy, CONTENT) != key
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)  # problems name files relative to the working directory
    assert build.build_key(data_copy, CONTENT) != key


@pytest.mark.parametrize("damage", ["truncated database", "garbage database", "garbage metadata"])
def test_a_damaged_build_is_rebuilt(cache, children, data_copy, caplog, damage):
    folder = build.build(data_copy, CONTENT)  # here, quicker than a child
    database, meta = folder / build.DATABASE, folder / build.META
    if damage == "truncated database":
        os.truncate(database, database.stat().st_size // 2)
    elif damage == "garbage database":
        with open(database, "r+b") as file:
            file.seek(database.stat().st_size // 2)
            file.write(b"\xff" * 4096)
    else:
        meta.write_bytes(b"not a pickle")
    store = build.open_or_build(data_copy, CONTENT)
    assert "is damaged" in caplog.text
    assert len(children) == 1
    assert queries.headline_figures(store)["models"] == 8
    assert build_folders(cache) == [folder]
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no work or trash folder left


@pytest.mark.parametrize("child", [
    "import sys; sys.exit('boom')",  # fails
    "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",  # killed
    "pass",  # says it built, wrote nothing
])
def test_a_failing_child_falls_back_to_building_in_process(cache, data_with_problems, monkeypatch, caplog, child):
    run = subprocess.run

    def fake_child(command, **kwargs):
        return run([sys.executable, "-c", child], **kwargs)

    monkeypatch.setattr(build.subprocess, "run", fake_child)
    store = build.open_or_build(data_with_problems, CONTENT)
    assert "building the store in this process" in caplog.text
    here = Store.from_folders(data_with_problems, CONTENT)
    assert store.problems == here.problems and store.editions == here.editions
    pd.testing.assert_frame_equal(queries.models(store), queries.models(here))
    assert not build_folders(cache)


def test_an_unusable_cache_folder_falls_back_to_building_in_process(tmp_path, monkeypatch, data_copy, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SUPERFICIAL_CACHE_DIR", str(blocker / "cache"))  # cannot be a folder
    store = build.open_or_build(data_copy, CONTENT)
    assert "building the store in this process" in caplog.text
    assert queries.headline_figures(store)["models"] == 8


def test_the_cache_folder_comes_from_the_environment(monkeypatch, tmp_path, data_copy):
    monkeypatch.setenv("SUPERFICIAL_CACHE_DIR", str(tmp_path / "mine"))
    assert build.cache_dir() == tmp_path / "mine"
    build.build(data_copy, CONTENT)
    assert len(build_folders(tmp_path / "mine")) == 1
    monkeypatch.delenv("SUPERFICIAL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert build.cache_dir() == tmp_path / "xdg" / "superficial"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert build.cache_dir() == tmp_path / "home" / ".cache" / "superficial"


def test_the_session_never_writes_to_the_home_cache(store_cache_dir):
    assert build.cache_dir() == store_cache_dir


def test_prune_keeps_the_most_recently_used_builds(tmp_path):
    now = time.time()
    builds = []
    for age in range(5):
        folder = tmp_path / f"{age:032x}"
        folder.mkdir()
        os.utime(folder, (now - age * 60, now - age * 60))
        builds.append(folder)
    stale, fresh = tmp_path / f".tmp-{0:032x}-abc", tmp_path / f".tmp-{1:032x}-abc"
    stale.mkdir(), fresh.mkdir()
    os.utime(stale, (now - 2 * build.STALE_WORK, now - 2 * build.STALE_WORK))
    other = tmp_path / "not-a-build"
    other.mkdir()
    build.prune(tmp_path, keep=3)
    assert sorted(tmp_path.iterdir()) == sorted([*builds[:3], fresh, other])


def test_only_the_newest_builds_are_kept(cache, data_copy):
    for n in range(build.KEEP + 1):
        add_model(data_copy, f"Newcomer {n}")
        build.build(data_copy, CONTENT)  # here, quicker than a child
    newest = build.open_or_build(data_copy, CONTENT)  # opens the newest, then prunes
    assert len(build_folders(cache)) == build.KEEP
    assert queries.headline_figures(newest)["models"] == 8 + build.KEEP + 1


def test_two_processes_building_at_once_share_one_build(cache, data_copy):
    key = build.build_key(data_copy, CONTENT)
    command = [sys.executable, "-m", "superficial.db.build", str(data_copy), str(CONTENT), key]
    builders = [subprocess.Popen(command, cwd=os.getcwd())
                for _ in range(2)]
    assert [b.wait(timeout=120) for b in builders] == [0, 0]
    assert build_folders(cache) == [cache / key]
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]
    store = build.open_build(cache / key, key)
    assert store is not None and queries.headline_figures(store)["models"] == 8


def test_a_build_of_files_edited_meanwhile_is_not_kept(cache, data_copy):
    key = build.build_key(data_copy, CONTENT)
    add_model(data_copy)
    with pytest.raises(build.BuildFailed, match="changed"):
        build.build(data_copy, CONTENT, key)
    assert not list(cache.iterdir())
