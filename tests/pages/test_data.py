import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from superficial.ui.cache import UPLOADED_STORE_KEY
from tests.conftest import FIXTURES, ROOT

BOARD = FIXTURES / "lmsys" / "leaderboard_table_20240109.csv"


@pytest.fixture
def fixture_env(monkeypatch, tmp_path):
    """The app on a copy of the fixture data, so the test can also check nothing is written."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(data))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(FIXTURES / "content"))
    return data


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def data_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/data.py")
    return at.run()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, content, "text/csv"))
    return at.run()


def test_upload_joins_every_page_for_the_session_only(fixture_env):
    before = snapshot(fixture_env)
    at = data_page()
    assert not at.exception
    assert len(at.dataframe[0].value) == 8  # fixture models
    at = upload(at, BOARD.name, BOARD.read_bytes())
    assert not at.exception
    assert at.session_state[UPLOADED_STORE_KEY] is not None
    models = at.dataframe[0].value
    assert "NV-Llama2-70B-SteerLM-Chat" in models["name"].tolist()
    assert len(models) == 8 + 4
    assert "added 4 model(s) and 8 score(s)" in at.success[0].value
    report = at.dataframe[-1].value
    assert report.set_index("in file").loc["Dolphin-2.2.1-Mistral-7B", "outcome"] == "skipped"
    assert at.date_input(key="upload_date").value.isoformat() == "2024-01-09"
    # the other pages see the upload too: the home page counts the new models
    at.switch_page("pages/home.py").run()
    assert {m.label: m.value for m in at.metric}["Models"] == "12"
    # and the SQL console queries it
    at.query_params["q"] = "SELECT value FROM scores WHERE model = 'NV-Llama2-70B-SteerLM-Chat' ORDER BY value"
    at.switch_page("pages/sql.py").run()
    assert at.dataframe[0].value["value"].tolist() == [7.54, 68.5]
    assert snapshot(fixture_env) == before  # never written to disk


def test_bad_upload_changes_nothing_and_says_why(fixture_env):
    at = upload(data_page(), "leaderboard_table_20240109.csv",
                b"key,Model,MT-bench (score),MMLU,License,Organization,Link\nx,X,7,71.5,MIT,Org,https://x.org\n")
    assert not at.exception
    assert UPLOADED_STORE_KEY not in at.session_state
    assert "Nothing was added" in at.error[0].value and "MMLU 71.5 is not a fraction" in at.error[0].value
    assert len(at.dataframe[0].value) == 8


def test_remove_upload_goes_back_to_the_bundled_data(fixture_env):
    at = upload(data_page(), BOARD.name, BOARD.read_bytes())
    assert len(at.dataframe[0].value) == 12
    next(b for b in at.button if b.label == "Remove my upload").click().run()
    assert UPLOADED_STORE_KEY not in at.session_state
    assert len(at.dataframe[0].value) == 8


def test_upload_without_a_date_asks_for_one(fixture_env):
    at = upload(data_page(), "my_board.csv", BOARD.read_bytes())
    assert "cannot tell the leaderboard date" in at.error[0].value
    at.date_input(key="upload_date").set_value("2024-01-09").run()
    assert not at.error
    assert len(at.dataframe[0].value) == 12


@pytest.fixture(scope="module")
def many_models(tmp_path_factory):
    from tools import synthetic

    return synthetic.write(tmp_path_factory.mktemp("many"), 1_200, n_editions=3, seed=1)


def test_big_tables_are_sent_a_page_at_a_time_and_searchable(monkeypatch, many_models):
    from superficial.ui.tables import TABLE_ROWS

    monkeypatch.setenv("SUPERFICIAL_DATA_DIR", str(many_models.data_dir))
    monkeypatch.setenv("SUPERFICIAL_CONTENT_DIR", str(many_models.content_dir))
    at = data_page()
    assert not at.exception
    models = at.dataframe[0].value
    assert len(models) == TABLE_ROWS and "total" not in models
    captions = [c.value for c in at.caption]
    assert "Rows 1–500 of 1,200 · page 1 of 3" in captions
    assert any(b.label == "Download CSV (1,200 rows)" for b in at.get("download_button"))

    at.number_input(key="models_page").set_value(3).run()
    last = at.dataframe[0].value
    assert len(last) == 200 and "Rows 1,001–1,200 of 1,200 · page 3 of 3" in [c.value for c in at.caption]
    assert set(last["name"]).isdisjoint(models["name"])

    name = str(models["name"].iloc[0])
    at.text_input(key="models_search").set_value(name.lower()).run()  # any case; page 3 is past the end now
    found = at.dataframe[0].value
    assert name in found["name"].tolist() and len(found) < 50
    assert all(name.lower() in n.lower() or name.lower() in o.lower() or name.lower() in str(f).lower()
               for n, o, f in zip(found["name"], found["organization"], found["family"]))

    scores = at.dataframe[1].value
    assert len(scores) == TABLE_ROWS
    aliases = at.dataframe[3].value
    every = len(pd.read_csv(many_models.data_dir / "aliases.csv"))
    assert len(aliases) == min(every, TABLE_ROWS) and list(aliases.columns) == ["alias", "model"]
    alias = str(aliases["alias"].iloc[-1])
    at.text_input(key="aliases_search").set_value(alias.upper()).run()
    assert alias in at.dataframe[3].value["alias"].tolist()
