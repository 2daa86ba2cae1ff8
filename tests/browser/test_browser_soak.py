"""Twenty readers at once, clicking through pages for a minute: no exception anywhere."""
from __future__ import annotations

import asyncio
import random
import time

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from superficial.ui.navigation import available_pages
from tools.browser import CHROMIUM, CHROMIUM_ARGS, READY, AppServer, run_in_thread

PRESETS = ["Edge ≤3B", "Small 3–13B", "Medium 13–70B", "Large >70B"]
FILTER_PAGES = {"explore", "efficiency", "timeline"}
SESSIONS = 20
SECONDS = 60
SOAK_DEADLINE = 300  # seconds; a soak takes about 70, and one past this fails naming where it waits


async def reader(browser, base_url: str, seed: int, deadline: float, paths: list[str], report: dict) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda e: report["page_errors"].append(str(e)))
    try:
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            await page.goto(f"{base_url}/{path}", timeout=60_000)
            await page.wait_for_selector(READY, timeout=60_000)
            report["views"] += 1
            if await page.locator("[data-testid='stException']").count():
                report["exceptions"].append(path)
            # Do what a reader would: change the size filter where there is one, then follow a menu link.
            try:
                presets = page.get_by_role("radio", name=rng.choice(PRESETS))
                if path.split("?")[0] in FILTER_PAGES:
                    await presets.first.wait_for(timeout=30_000)
                    await presets.first.click(timeout=30_000)
                    await page.wait_for_timeout(200)
                    await page.wait_for_selector(READY, timeout=60_000)
                    report["filter_changes"] += 1
                links = page.locator("[data-testid='stSidebarNav'] a")
                count = await links.count()
                if count:
                    await links.nth(rng.randrange(count)).click(timeout=30_000)
                    await page.wait_for_timeout(200)
                    await page.wait_for_selector(READY, timeout=60_000)
                    report["views"] += 1
            except PlaywrightTimeout:
                # Slow under this load is not broken; what the page shows is checked below all the same.
                report["slow"] += 1
            if await page.locator("[role='dialog']").count():  # e.g. "Page not found", "Connection error"
                report["dialogs"].append(await page.locator("[role='dialog']").first.inner_text())
            if await page.locator("[data-testid='stException']").count():
                report["exceptions"].append(f"{path} -> click")
    finally:
        await context.close()


async def soak(base_url: str, paths: list[str]) -> dict:
    from playwright.async_api import async_playwright

    report = {"views": 0, "filter_changes": 0, "slow": 0, "exceptions": [], "page_errors": [], "dialogs": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        deadline = time.monotonic() + SECONDS
        await asyncio.gather(*(reader(browser, base_url, i, deadline, paths, report) for i in range(SESSIONS)))
        await browser.close()
    return report


@pytest.fixture
def own_server():
    """A server of its own: the session's shared one carries every earlier browser test's sessions."""
    with AppServer() as server:
        yield server


def test_twenty_concurrent_readers_for_a_minute(own_server):
    app_server = own_server
    # The default page lives at "/", not at its url_path.
    paths = ["" if i == 0 else p.url_path for i, p in enumerate(available_pages())]
    paths += ["editions?edition=2023-12-17-some-interesting-things-to-start-the-week-5",
              "explore?size=0B&size=13B&unknown=false", "efficiency?size=0B&size=3B",
              "compare?models=Phi-2,Mixtral+8x7B,GPT-4",
              "sql?q=SELECT+model%2C+value+FROM+scores+LIMIT+5"]
    report = run_in_thread(soak(app_server.url, paths), SOAK_DEADLINE)
    print(f"soak: {report['views']} page views and {report['filter_changes']} filter changes by {SESSIONS} "
          f"sessions in {SECONDS}s; {report['slow']} clicks waited over 30 s")
    assert report["exceptions"] == []
    assert report["page_errors"] == []
    assert report["dialogs"] == []  # e.g. Streamlit's "connection error" modal
    assert report["views"] >= SESSIONS * 2
    assert report["filter_changes"] >= 1
    assert "Traceback" not in app_server.server_log()
