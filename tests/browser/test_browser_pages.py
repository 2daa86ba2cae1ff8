"""Every page in a real browser: loads, draws its charts, filters change charts and the URL."""
from __future__ import annotations

import pytest

from superficial.ui.navigation import available_pages
from tests.browser.conftest import assert_no_exception, open_page
from tools.browser import wait_ready

EDITION = "2023-12-17-some-interesting-things-to-start-the-week-5"
CHART_PAGES = {"editions", "explore", "efficiency", "compare", "timeline"}
# The edition's text is st.html, whose component Streamlit loads on first use: wait for it before reading the text.
EDITION_TEXT = "[data-testid='stMain'] [data-testid='stHtml'] h1"

PLOT_DATA = """els => els.map(el => (el.data || []).map(t => ({
    name: t.name || null, type: t.type || null,
    x: Array.from(t.x || []).map(String), y: Array.from(t.y || []).map(String)})))"""


def plotted(page) -> list[list[dict]]:
    """The data of every Plotly chart drawn on the page, as the browser holds it."""
    page.wait_for_timeout(500)
    return page.eval_on_selector_all(".js-plotly-plot", PLOT_DATA)


def point_count(page) -> int:
    return sum(max(len(t["x"]), len(t["y"])) for chart in plotted(page) for t in chart)


@pytest.mark.parametrize("info", available_pages(), ids=lambda p: p.url_path)
def test_page_loads_and_draws(page, app_server, info):
    open_page(page, app_server, "" if info.url_path == "home" else info.url_path)
    assert_no_exception(page)
    page.wait_for_selector("[data-testid='stMain'] h1")  # an edition's title is st.html, drawn once its component loads
    if info.url_path in CHART_PAGES:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        assert point_count(page) > 0
    assert page.watch.page_errors == [] and page.watch.dialogs == []
    assert page.watch.foreign_requests == []


def test_size_filter_changes_chart_and_url(page, app_server):
    open_page(page, app_server, "explore")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    before = point_count(page)
    page.get_by_role("radio", name="Edge ≤3B").click()
    page.wait_for_function("() => location.search.includes('size=')", timeout=30_000)
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    after = point_count(page)
    assert "size=0B" in page.url and "size=3B" in page.url
    assert 0 < after < before
    names = {y for chart in plotted(page) for t in chart for y in t["y"]}
    assert "Phi-2" in names and "GPT-4" not in names
    assert_no_exception(page)


def test_filtered_link_reproduces_the_view(page, app_server):
    open_page(page, app_server, "explore?size=0B&size=3B&unknown=false")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    names = {y for chart in plotted(page) for t in chart for y in t["y"]}
    assert "Phi-2" in names and "Mixtral 8x7B" not in names


def test_a_tab_click_draws_its_chart_and_names_it_in_the_url(page, app_server):
    open_page(page, app_server, "explore")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert len(plotted(page)) == 1  # only the open tab is drawn
    page.get_by_role("tab", name="MT-Bench").click()
    page.wait_for_function("() => location.search.includes('tab=MT-Bench')", timeout=30_000)
    wait_ready(page)
    page.wait_for_selector("[data-testid='stMain'] :text('MT-Bench · GPT-4 judge')")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert {"GPT-4 (0314)", "GPT-4 (0613)"} <= {y for chart in plotted(page) for t in chart for y in t["y"]}
    assert_no_exception(page)


def test_edition_opens_from_its_link_with_the_live_chart(page, app_server):
    open_page(page, app_server, f"editions?edition={EDITION}")
    assert_no_exception(page)
    page.wait_for_selector(EDITION_TEXT)
    main = page.locator("[data-testid='stMain']")
    text = main.inner_text()
    assert "Some interesting things to start the week #5" in text
    assert "can’t take it slow" in text and "‚Äô" not in text and ":::" not in text
    assert "<iframe" not in text and "<script" not in text
    assert page.locator("[data-testid='stMain'] iframe[src*='datawrapper']").count() == 0
    page.wait_for_selector(".js-plotly-plot .main-svg")
    charts = plotted(page)
    gemini_chart = [c for c in charts if {t["name"] for t in c} >= {"Gemini Ultra", "GPT-4"}]
    assert gemini_chart, "the Datawrapper embed should be a live chart of Gemini Ultra vs GPT-4"
    settings = {x for t in gemini_chart[0] for x in t["x"]}
    assert {"5-shot", "CoT@32", "uncertainty-routed CoT@32", "Medprompt+"} <= settings
    assert page.watch.foreign_requests == []


def test_contents_link_scrolls_to_its_heading(page, app_server):
    from playwright.sync_api import expect

    open_page(page, app_server, f"editions?edition={EDITION}")
    page.wait_for_selector(EDITION_TEXT)
    heading = page.locator("[data-testid='stMain'] h3#and-what-is-mamba")
    expect(heading).not_to_be_in_viewport()
    page.locator("[data-testid='stSidebar'] a[href='#and-what-is-mamba']").click()
    expect(heading).to_be_in_viewport()
    assert page.url.endswith(f"edition={EDITION}#and-what-is-mamba")
    assert_no_exception(page)


def bar_names(page) -> list[set[str]]:
    """The names on the bars of each chart of the page."""
    return [{y for t in chart for y in t["y"]} for chart in plotted(page)]


def test_family_switch_changes_chart_and_url(page, app_server):
    snapshots = {"GPT-4 (0314)", "GPT-4 (0613)"}
    open_page(page, app_server, "explore?tab=MT-Bench")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    before = bar_names(page)
    assert any(snapshots <= names for names in before)  # MT-Bench: a bar per snapshot
    page.get_by_text("One row per model family").click()
    page.wait_for_function("() => location.search.includes('family=true')", timeout=30_000)
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    after = bar_names(page)
    assert len(after) == len(before)
    for names_before, names_after in zip(before, after):  # at most one bar for the family, named after a snapshot
        assert names_after != names_before and len(snapshots & names_after) <= 1
        if snapshots <= names_before:  # MT-Bench (fewer than 40 bars): fewer bars
            assert len(names_after) < len(names_before) and len(snapshots & names_after) == 1
    assert_no_exception(page)
    page.reload()
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert bar_names(page) == after  # the link keeps the view
