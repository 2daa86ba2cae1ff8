"""Browser tests: the app on a loopback port, driven by Debian's Chromium through Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest

from tools.browser import CHROMIUM, AppServer, launch_chromium, wait_ready


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_server():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs Debian's chromium")
    with AppServer() as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that it should not: dialogs, errors, requests to other hosts."""

    def __init__(self, page, allowed_host: str):
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

        def on_request(request):
            url = request.url
            if not (url.startswith(allowed_host) or url.startswith(("data:", "blob:", "about:"))):
                self.foreign_requests.append(url)

        page.on("request", on_request)


@pytest.fixture
def page(browser, app_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.watch = PageWatch(page, app_server.url)
    yield page
    context.close()


def open_page(page, app_server, path: str = "") -> None:
    page.goto(f"{app_server.url}/{path}")
    wait_ready(page)


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.locator("[data-testid='stException']").first.inner_text()
