"""Run the dashboard: ``python -m superficial.serve [streamlit run options]``.

Same as ``streamlit run app.py``, except that ``pages/`` belongs to app.py's
``st.navigation`` from the very first request. Plain ``streamlit run`` treats
the folder as the old multipage layout until a first script run says otherwise,
so deep links opened by several readers at once on a fresh server could run a
page without the app's menu or land on "Page not found".
"""
from __future__ import annotations

import sys

import pyarrow
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from superficial.config import ROOT


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    # pandas keeps text in Arrow memory; Arrow's default pool (mimalloc) keeps what is freed, the system
    # allocator gives it back: at 100,000 models the server ended at 372 MB instead of 569 after every page.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
