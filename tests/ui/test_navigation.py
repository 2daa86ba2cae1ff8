"""ui.navigation: the pages of the menu and the app's own icon."""
from pathlib import Path

from superficial.ui.navigation import FAVICON, available_pages


def test_the_icon_is_the_apps_own_png():
    # An emoji would load Streamlit's emoji catalogue on a process's first page; a Material icon is fetched
    # from another host.
    icon = Path(FAVICON)
    assert icon.read_bytes().startswith(b"\x89PNG") and icon.stat().st_size < 4096
    assert "page_icon=FAVICON" in (Path(__file__).parents[2] / "app.py").read_text()


def test_every_page_file_exists():
    root = Path(__file__).parents[2]
    assert all((root / p.file).is_file() for p in available_pages())
