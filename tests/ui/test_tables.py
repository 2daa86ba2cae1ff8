"""ui.score_table: the first rows with a count of the rest, every row for a chart selection, the download's size."""
from streamlit.testing.v1 import AppTest


def test_score_table_sends_the_first_rows_and_counts_the_rest():
    at = AppTest.from_string(_source(None), default_timeout=30).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 500
    assert "The first 500 of 1,200 rows, best first; the CSV download has every row." in [c.value for c in at.caption]
    assert [b.label for b in at.get("download_button")] == ["Download CSV (1,200 rows)"]


def test_a_selection_shows_its_models_from_every_row():
    at = AppTest.from_string(_source(["m3", "m1100"]), default_timeout=30).run()
    assert not at.exception
    assert at.dataframe[0].value["model"].tolist() == ["m3", "m1100"]  # m1100 is past the first 500


def test_only_the_chosen_columns_are_shown():
    at = AppTest.from_string(_source(["m1100"], columns=["model", "value"]), default_timeout=30).run()
    assert not at.exception
    assert at.dataframe[0].value.columns.tolist() == ["model", "value"]
    assert at.dataframe[0].value["model"].tolist() == ["m1100"]


def _source(selected, columns=None) -> str:
    return f"""
import pandas as pd
from superficial.ui import tables as ui

rows = pd.DataFrame({{"model": [f"m{{i}}" for i in range(1200)], "value": [float(1200 - i) for i in range(1200)],
                     "note": "n"}})
ui.score_table(rows.head(ui.TABLE_ROWS), value_range=(0, 1200), file_name="x.csv", key="t", total=len(rows),
               everything=lambda: rows, selected={selected!r}, columns={columns!r})
"""
