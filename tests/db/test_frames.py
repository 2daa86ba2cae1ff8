"""frames.sort_rows agrees with pandas' stable sort, missing values last, on big and small frames."""
import numpy as np
import pandas as pd
import pytest

from superficial.db.frames import sort_rows


@pytest.mark.parametrize("n", [50, 5_000])
def test_sort_rows_matches_pandas_stable_sort(n):
    rng = np.random.default_rng(n)
    values = rng.integers(0, 20, n).astype(float)
    values[rng.random(n) < 0.1] = np.nan
    frame = pd.DataFrame({
        "value": values,
        "model": pd.array([f"m{i % 97}" if i % 13 else None for i in range(n)], dtype="str"),
        "day": pd.to_datetime(rng.integers(0, 50, n), unit="D").where(rng.random(n) > 0.1),
        "row": range(n),
    })
    for by, ascending in ((["value", "model"], [False, True]), (["day", "value"], [True, False]), (["model"], True)):
        expected = frame.sort_values(by, ascending=ascending, kind="mergesort", na_position="last")
        got = sort_rows(frame, by, ascending)
        assert got["row"].tolist() == expected["row"].tolist(), (by, ascending)
