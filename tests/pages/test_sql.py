import json

import pytest
from streamlit.testing.v1 import AppTest

from superficial.db import sql_console
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def fixture_env(monkeypatch):
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(FIXTURES / "data"))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))


def sql_page(q: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if q is not None:
        at.query_params["q"] = q
    at.switch_page("pages/sql.py")
    return at.run()


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_query_from_url_runs_with_table_chart_and_download(fixture_env):
    at = sql_page("SELECT model, value FROM scores WHERE benchmark = 'MMLU' AND model = 'GPT-4' ORDER BY value")
    assert not at.exception
    assert at.text_area(key="q").value.startswith("SELECT model, value FROM scores")
    frame = at.dataframe[0].value
    assert frame["value"].tolist() == [86.4, 87.29, 90.1]
    assert "3 rows" in " ".join(c.value for c in at.caption)
    spec = figure(at)
    assert spec["data"][0]["type"] == "bar"
    assert spec["data"][0]["x"] == ["GPT-4", "GPT-4", "GPT-4"]
    assert at.get("download_button")[0].proto.label == "Download CSV"


def test_hostile_query_from_url_is_refused(fixture_env):
    at = sql_page("SELECT * FROM read_csv('/etc/passwd')")
    assert not at.exception
    assert len(at.error) == 1 and "read_csv() is not allowed" in at.error[0].value
    assert not at.get("plotly_chart")
    assert len(at.dataframe) == 1  # only the schema table in the expander


def test_example_button_fills_the_editor_and_runs(fixture_env):
    at = sql_page()
    assert not at.error and len(at.dataframe) == 1  # nothing run yet: only the schema table
    label, sql = sql_console.EXAMPLES[3]  # models per organization
    at.button(key="example_3").click().run()
    assert at.text_area(key="q").value == sql
    assert at.query_params["q"] == [sql] or at.query_params["q"] == sql
    result = at.dataframe[0].value
    assert result.set_index("organization").loc["Mistral AI", "models"] == 2


def test_schema_documents_every_column(fixture_env):
    at = sql_page()
    schema = at.dataframe[-1].value
    assert {"models", "scores", "aliases", "benchmarks", "editions", "scored", "mention_terms"} == set(schema["table"])
    row = schema[(schema["table"] == "models") & (schema["column"] == "total_params_b")].iloc[0]
    assert row["type"] == "DOUBLE" and row["unit"] == "billions of parameters"
