"""The fast reading of plain CSV files gives exactly what csv.reader gives (catalog._plain_records)."""
import pandas as pd
import pytest

from superficial.ingest import catalog
from superficial.ingest.catalog import read_catalog
from tools import synthetic


def both_ways(data_dir, name: str, text: str):
    """The catalog read with ``text`` as the file (plain: fast path) and with CRLF endings (csv.reader)."""
    plain = read_catalog(data_dir, overrides={name: text.encode()})
    careful = read_catalog(data_dir, overrides={name: text.replace("\n", "\r\n").encode()})
    return plain, careful


def same(a, b):
    assert [(p.line, p.reason, p.severity) for p in a.problems] == [(p.line, p.reason, p.severity) for p in b.problems]
    for table in ("benchmarks", "models", "scores", "aliases"):
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return synthetic.write(tmp_path_factory.mktemp("synthetic"), 30, 1, seed=5).data_dir


def test_a_clean_plain_file_takes_the_fast_path_and_reads_the_same(data_dir):
    text = (data_dir / "scores.csv").read_text()
    assert catalog._plain_records(text, 6) is not None
    assert catalog._plain_records(text.replace("\n", "\r\n"), 6) is None
    assert catalog._plain_records('"quoted",x\n', 2) is None
    plain, careful = both_ways(data_dir, "scores", text)
    assert plain.problems == [] and len(plain.scores) == 150
    same(plain, careful)


@pytest.mark.parametrize("damage", [
    lambda lines: lines[:3] + [""] + lines[3:],                          # blank line
    lambda lines: lines[:3] + [" , ,\t, , ,"] + lines[3:],               # a line of blanks
    lambda lines: lines[:2] + [lines[2] + ",extra"] + lines[3:],         # a field too many
    lambda lines: lines[:2] + [lines[2].rsplit(",", 1)[0]] + lines[3:],  # a field short
    lambda lines: lines[:2] + [lines[2].rsplit(",", 1)[0], lines[3] + ",x"] + lines[4:],  # one short, one long
    lambda lines: lines[:4] + [lines[4].replace(",MMLU,", ",MMLU-Pro,")] + lines[5:],
    lambda lines: lines[:4] + [lines[4].replace("https://", "ftp://", 1)] + lines[5:],
    lambda lines: lines + [lines[1]],                                    # duplicate score
    lambda lines: lines + ["Ghost,MMLU,5-shot,50,https://a.example,"],   # unknown model
    lambda lines: lines + ["  ,MMLU,5-shot,50,https://a.example,"],      # empty model
    lambda lines: [lines[0] + ",comment"] + [line + ",c" for line in lines[1:]],  # unknown column
    lambda lines: [lines[0]] + [line + " " for line in lines[1:]],       # trailing spaces
])
def test_damaged_scores_give_the_same_problems_and_rows(data_dir, damage):
    lines = (data_dir / "scores.csv").read_text().rstrip("\n").split("\n")
    plain, careful = both_ways(data_dir, "scores", "\n".join(damage(lines)) + "\n")
    same(plain, careful)


@pytest.mark.parametrize("value", ["seven", "0", "-1", "nan", "inf", "1_000", "", "١٢"])
def test_bad_model_sizes_read_the_same(data_dir, value):
    lines = (data_dir / "models.csv").read_text().split("\n")
    cells = lines[5].split(",")
    cells[lines[0].split(",").index("total_params_b")] = value
    lines[5] = ",".join(cells)
    plain, careful = both_ways(data_dir, "models", "\n".join(lines))
    same(plain, careful)
    assert (value in ("", "1_000", "١٢")) == (not plain.errors)
