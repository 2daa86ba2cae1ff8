"""A fresh server, deep links as its very first requests: every page runs inside app.py's navigation.

Streamlit treats ``pages/`` as its legacy multipage layout until ``st.navigation`` first runs, and
``superficial.ui.navigation`` works around that; these tests fail if a Streamlit upgrade breaks it.
"""
from __future__ import annotations

import pytest

from superficial.ui.navigation import available_pages
from tools.browser import ROOT, AppServer, wait_ready

EDITION = "2023-12-17-some-interesting-things-to-start-the-week-5"
DEEP_LINKS = {f"editions?edition={EDITION}": "Some interesting things", "compare": "Compare",
              "timeline?benchmark=MT-Bench": "Timeline"}


class ReadmeServer(AppServer):
    """The dashboard started with the README's command (scripts/run.sh)."""

    def __init__(self):
        super().__init__()
        self.env.update(HOST="127.0.0.1", PORT=str(self.port))

    def command(self) -> list[str]:
        return ["bash", str(ROOT / "scripts" / "run.sh")]


@pytest.mark.parametrize("server_kind", [AppServer, ReadmeServer], ids=["streamlit-run-app", "readme-command"])
def test_deep_links_first_on_a_fresh_server_get_the_apps_menu(browser, server_kind):
    menu = [p.title for p in available_pages()]
    with server_kind() as server:
        contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in DEEP_LINKS]
        try:
            pages = [context.new_page() for context in contexts]
            for page, path in zip(pages, DEEP_LINKS, strict=True):  # all at once, before any has run
                page.goto(f"{server.url}/{path}", wait_until="commit")
            for page, (path, title) in zip(pages, DEEP_LINKS.items(), strict=True):
                wait_ready(page)
                page.wait_for_selector("[data-testid='stSidebarNav']", timeout=30_000)
                links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
                assert [link.strip().splitlines()[-1] for link in links] == menu, path  # (icon name, then label)
                body = page.locator("[data-testid='stApp']").inner_text()
                assert "Page not found" not in body, path
                assert title in page.locator("[data-testid='stMain'] h1").first.inner_text(), path
        finally:
            for context in contexts:
                context.close()
        assert "Traceback" not in server.server_log()
