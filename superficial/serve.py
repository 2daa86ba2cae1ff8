"""Serve the dashboard: ``python -m superficial.serve app.py [streamlit run options]``, as ``streamlit run``.

Streamlit imports nothing of a script until its first session, so after a start the first reader would wait
for pandas, DuckDB, Plotly and this package to import. Here they import in a thread while the server starts
and the first browser loads Streamlit's own scripts.
"""
from __future__ import annotations

import logging
import sys
import threading

log = logging.getLogger("superficial")


def warm_imports() -> None:
    """Import what every page's first run needs (the module import lock keeps a page waiting, never twice)."""
    try:
        # pandas, Arrow, DuckDB and Plotly come with the queries, views and charts these import.
        import superficial.ui.cache
        import superficial.ui.sidebar
        import superficial.ui.tables  # noqa: F401
    except Exception:  # the page's own import reports it where the reader sees it
        log.exception("warming the imports failed")


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=warm_imports, name="warm-imports", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
