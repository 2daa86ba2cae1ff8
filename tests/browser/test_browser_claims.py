"""Claims in a real browser: a mark in the text scrolls to its check; "Show in the charts" changes the URL and chart."""
from __future__ import annotations

from tests.browser.conftest import assert_no_exception, open_page
from tests.browser.test_browser_pages import EDITION, EDITION_TEXT, plotted

PLAIN_TEXT = f"editions?edition={EDITION}&version=newsletter-text"


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + 20 <= page.viewport_size["height"]


def test_a_mark_in_the_text_scrolls_to_its_check(page, app_server):
    open_page(page, app_server, PLAIN_TEXT)
    page.wait_for_selector(EDITION_TEXT)
    page.wait_for_selector("#claim-3")
    assert page.locator("sup.claim-mark").all_inner_texts() == ["✓1", "≈2", "≈3"]
    assert not in_view(page, "#claim-3")
    page.locator("sup.claim-mark a[href='#claim-3']").click()
    page.wait_for_timeout(800)
    assert in_view(page, "#claim-3")
    assert "“dethroned GPT-4”" in page.locator("#claim-3").inner_text()
    assert_no_exception(page)
    assert page.watch.page_errors == [] and page.watch.foreign_requests == []


def test_show_in_the_charts_writes_the_url_and_draws_the_claims_models(page, app_server):
    open_page(page, app_server, PLAIN_TEXT)
    page.wait_for_selector("#claim-3")
    page.locator(".st-key-show-claim-3 button").click()
    page.wait_for_function("() => location.search.includes('claim=3')", timeout=15_000)
    page.wait_for_selector(".st-key-shown-claim")
    tabs = page.locator("[data-testid='stTab']").all_inner_texts()
    assert tabs[0] == "MMLU · uncertainty-routed CoT@32 · holds" and tabs[1].endswith("· fails")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0")
    charts = [c for c in plotted(page) if any(t["name"] == "Gemini Ultra" for t in c)]
    assert [(t["name"], t["y"], t["x"]) for t in charts[0]] == [("Gemini Ultra", ["Gemini Ultra"], ["90.04"]),
                                                               ("other models", ["GPT-4 (0613)"], ["87.3"])]

    page.locator(".st-key-hide-claim button").click()
    page.wait_for_function("() => !location.search.includes('claim=')", timeout=15_000)
    page.wait_for_function("() => !document.querySelector('.st-key-shown-claim')", timeout=15_000)
    assert page.locator("[data-testid='stTab']").all_inner_texts()[:1] == ["MMLU"]
    assert_no_exception(page)
    assert page.watch.page_errors == [] and page.watch.foreign_requests == []
