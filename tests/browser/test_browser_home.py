from tests.browser.conftest import assert_no_exception, open_page


def test_home_page_in_chromium(page, app_server, tmp_path):
    open_page(page, app_server)
    assert_no_exception(page)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Superficial Intelligence" in body
    assert body.count("Some interesting things to start the week #5") == 1  # one edition in two versions
    assert "17 December 2023" in body
    metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert len(metrics) == 4 and all(m.strip() for m in metrics)
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    assert page.watch.page_errors == [] and page.watch.dialogs == []
