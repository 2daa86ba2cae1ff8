import re

from streamlit.testing.v1 import AppTest

from superficial.db import queries
from superficial.db.store import Store
from tests.conftest import ROOT


def run_app(**query_params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    return at.run()


def test_home_shows_figures_and_editions(bundled_env):
    at = run_app()
    assert not at.exception
    store = Store.from_folders(ROOT / "data", ROOT / "content")
    figures = queries.headline_figures(store)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Models"] == f"{figures['models']:,}"
    assert metrics["Scores"] == f"{figures['scores']:,}"
    assert metrics["Editions"] == "1"  # the blog post and the newsletter text of #5: one edition
    text = " ".join(m.value for m in at.markdown)
    # An edition's words are Markdown literals (every ASCII punctuation escaped: "\\#5" shows as "#5").
    assert len(re.findall(r"\*\*Some interesting things to start the week \\?#5\*\*", text)) == 1
    assert "#5 · 17 December 2023 · markdown" in text
    assert "date unknown" not in text
    assert ":blue-badge[weekly\\-digest]" in text


def test_home_survives_bad_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "benchmarks.csv").write_text((ROOT / "data" / "benchmarks.csv").read_text())
    (data / "models.csv").write_text(
        "name,organization,family,total_params_b,active_params_b,architecture,release_date,open_weights,license,link\n"
        "Good,Org,F,7,,dense,2023-01-01,true,MIT,https://a.example\n"
        "Bad,Org,F,-1,,dense,2023-01-01,true,MIT,https://a.example\n"
    )
    (data / "scores.csv").write_text("model;benchmark;setting;value;source_url;note\n")
    (data / "aliases.csv").write_text("")
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(data))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(ROOT / "content"))
    at = run_app()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Models"] == "1"
    listed = " ".join(m.value for m in at.markdown)
    assert "models.csv:3: total_params_b must be greater than 0" in listed
    assert "scores.csv:1: missing column(s)" in listed and "';'" in listed
    assert "aliases.csv: empty file" in listed


def test_a_failing_page_is_polite(bundled_env, monkeypatch, caplog):
    from superficial.ui import cache

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure deep in a query")

    monkeypatch.setattr(cache, "headline_figures", broken)
    at = run_app()
    assert not at.exception  # no traceback element
    assert [e.value for e in at.error] == [
        "Sorry — this page ran into a problem and could not be shown. The rest of the dashboard still works."
    ]
    assert "simulated failure" not in " ".join(m.value for m in at.markdown)
    assert any("simulated failure deep in a query" in r.exc_text for r in caplog.records if r.exc_text)


def test_home_lists_latest_editions_as_cards_and_all_in_a_table(tmp_path, monkeypatch):
    for i in range(1, 13):
        (tmp_path / f"week-{i:02d}.md").write_text(
            f'---\ntitle: "Some interesting things #{i}"\npublishDate: "{i} December 2023"\n---\nBody\n')
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(ROOT / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    cards = re.findall(r"\*\*Some interesting things \\?#(\d+)\*\*", " ".join(m.value for m in at.markdown))
    assert cards == ["12", "11", "10", "9", "8", "7", "6", "5"]
    assert at.expander[0].label == "All 12 editions"
    assert at.dataframe[0].value["number"].tolist() == list(range(12, 0, -1))
