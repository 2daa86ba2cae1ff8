"""bench/run.py's report: the issue's targets judged on a run's results, the bundled data, the memory over a visit."""
from bench import run
from superficial.ui.navigation import available_pages

PAGES = available_pages()


def result(**browser) -> dict:
    """A run's results at one size: every target page measured, the browser pass as given."""
    pages = {"explore": {"filter": 0.08}, "efficiency": {"filter": 0.12}, "compare": {"filter": 0.05},
             "timeline": {"filter": 0.09, "charts": [200 * 1024], "charts_after": [310 * 1024]},
             "editions": {"filter": 0.07, "first": 0.4}, "home": {"first": 0.1}}
    return {"label": "100,000", "pages": pages, "browser": browser}


def by_name(targets: list[run.Target]) -> dict[str, run.Target]:
    return {t.name: t for t in targets}


def test_targets_are_the_issues_and_judged_against_their_limits():
    b = {"pages": {"timeline": 1.2}, "floor_warm": 1.0, "cold": 4.0, "floor_cold": 2.5, "cold_page": "Compare",
         "hwm": 480.0, "rss": 450.0}
    found = by_name(run.targets(result(**b), PAGES, timeout=45, browser_timeout=30))
    assert list(found) == [
        "filter change, server time: Editions", "filter change, server time: Explore",
        "filter change, server time: Efficiency", "filter change, server time: Compare",
        "filter change, server time: Timeline", "Editions, first view of an edition", "Timeline, largest chart",
        "Timeline, first chart in Chromium vs the floor", "cold start to first chart, store build cached",
        "server peak RSS over a visit of every page"]
    assert found["filter change, server time: Explore"].met is True
    assert found["filter change, server time: Efficiency"] == run.Target(
        "filter change, server time: Efficiency", "≤ 0.1 s", "0.12 s", False)
    assert found["Editions, first view of an edition"].met is True
    assert found["Timeline, largest chart"].measured == "310 KB" and found["Timeline, largest chart"].met is False
    assert found["Timeline, first chart in Chromium vs the floor"].measured.startswith("1.2×")
    assert found["Timeline, first chart in Chromium vs the floor"].met is True
    cold = found["cold start to first chart, store build cached"]
    assert cold.measured == "1.6× (4.00 s vs 2.50 s, Compare)" and cold.met is False
    assert found["server peak RSS over a visit of every page"].met is True


def test_without_a_browser_pass_the_browser_targets_are_not_measured():
    found = by_name(run.targets(result(), PAGES, timeout=45, browser_timeout=30))
    assert found["server peak RSS over a visit of every page"].met is None
    assert found["cold start to first chart, store build cached"].measured == "—"
    table = "\n".join(run.targets_table("100,000", list(found.values()), 1.5, 2.25))
    assert "load average (1 min) 1.5 at the start of the run, 2.2 at the end of the run" in table
    assert "| filter change, server time: Efficiency | ≤ 0.1 s | 0.12 s | ❌ |" in table
    assert "| filter change, server time: Explore | ≤ 0.1 s | 0.08 s | ✅ |" in table
    assert "| server peak RSS over a visit of every page | ≤ 500 MB | — | — |" in table
    assert "Missed: filter change, server time: Efficiency; Timeline, largest chart." in table
    assert "Not measured in this run: Timeline, first chart in Chromium vs the floor;" in table


def test_a_page_over_the_timeout_misses_its_target():
    r = result()
    r["pages"]["compare"] = {"timeout": True, "error": "timeout"}
    found = by_name(run.targets(r, PAGES, timeout=45, browser_timeout=30))
    assert found["filter change, server time: Compare"] == run.Target(
        "filter change, server time: Compare", "≤ 0.1 s", "> 45 s", False)


def test_only_the_pages_measured_are_judged():
    explore_only = [p for p in PAGES if p.url_path == "explore"]
    found = run.targets(result(), explore_only, timeout=45, browser_timeout=30)
    assert [t.name for t in found] == ["filter change, server time: Explore",
                                       "cold start to first chart, store build cached",
                                       "server peak RSS over a visit of every page"]


def test_bundled_section_lists_every_page_with_a_filter_change():
    bundled = {"pages": {"explore": {"filter": 0.03}, "compare": {"filter": 0.11}, "home": {"first": 0.1},
                         "timeline": {"timeout": True}},
               "load_avg_start": 1.0, "load_avg_end": 1.25}
    rows = run.bundled_rows(bundled, PAGES)
    assert [(t.name, t.measured, t.met) for t in rows] == [
        ("Explore", "0.03 s", True), ("Compare", "0.11 s", False), ("Timeline", "—", False)]
    text = "\n".join(run.bundled_section(bundled, PAGES))
    assert text.startswith("## Bundled data stays as fast")
    assert "| Compare | ≤ 0.1 s | 0.11 s | ❌ |" in text and "1.0 at the start of the run" in text


def test_visits_section_lists_memory_after_each_page_in_order():
    visits = [{"page": "Home", "charts": 0, "chart": 0.9, "rss": 210.4, "hwm": 211.0},
              {"page": "Explore", "charts": 1, "chart": 1.234, "rss": 300.0, "hwm": 310.6}]
    lines = run.visits_section({"visits": visits}, "100,000")
    assert lines[0] == "## Server memory over a visit of every page (100,000 models)"
    assert lines[-3:-1] == ["| Home | no chart | 210 | 211 |", "| Explore | 1.23 | 300 | 311 |"]
    assert run.visits_section({}, "100,000") == []


def test_load_text():
    assert run.load_text(3.0, None) == "load average (1 min) 3.0 at the start of the run"
    assert run.load_text(None, None) == "load average not measured"


def test_browser_timings_are_medians_of_their_samples_and_a_timed_out_visit_leaves_no_median():
    assert run._spread([3.1, 2.4, 2.6]) == (2.6, [3.1, 2.4, 2.6])
    assert run._spread([3.1, None, 2.6]) == (None, [3.1, 2.6])  # a visit that never drew: no figure to judge
    b = {"samples": {"timeline": [4.02, 3.83, 4.64], "cold": [5.0]}}
    assert run.samples_text(b, "timeline") == "[4.02, 3.83, 4.64] "
    assert run.samples_text(b, "cold") == "" and run.samples_text(b, "floor_warm") == ""
