import shutil
from pathlib import Path

import pytest

from superficial.db import build
from superficial.db.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session", autouse=True)
def store_cache_dir(tmp_path_factory) -> Path:
    """Store builds (superficial.build) go to a folder of this test session, never to ~/.cache."""
    folder = tmp_path_factory.mktemp("store-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUPERFICIAL_CACHE_DIR", str(folder))  # inherited by the app servers of the browser tests
        yield folder


@pytest.fixture(scope="session")
def fixture_store() -> Store:
    return Store.from_folders(FIXTURES / "data", FIXTURES / "content")


@pytest.fixture(scope="session")
def bundled_store(store_cache_dir) -> Store:
    """The store of the bundled data and content, built as the app builds it (and shared with its AppTests)."""
    return build.open_or_build(ROOT / "data", ROOT / "content")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the fixture data folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.fixture
def bundled_env(monkeypatch):
    """Point the app at the bundled data and content (the default), explicitly."""
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(ROOT / "content"))
