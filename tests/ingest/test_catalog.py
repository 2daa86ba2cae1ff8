import pandas as pd
import pytest

from superficial.ingest.catalog import read_catalog
from tests.conftest import FIXTURES

MODELS_HEADER = "name,organization,family,total_params_b,active_params_b,architecture,release_date,open_weights,license,link\n"
SCORES_HEADER = "model,benchmark,setting,value,source_url,note\n"


def reasons(catalog, filename):
    return {p.line: p.reason for p in catalog.problems if p.file.endswith(filename) and p.severity == "error"}


def test_fixture_data_is_clean():
    catalog = read_catalog(FIXTURES / "data")
    assert catalog.errors == []
    assert len(catalog.models) == 8 and len(catalog.scores) == 12 and len(catalog.aliases) == 5


def test_unknown_values_stay_empty_never_zero():
    catalog = read_catalog(FIXTURES / "data")
    gpt4 = catalog.models.set_index("name").loc["GPT-4"]
    assert pd.isna(gpt4["total_params_b"]) and pd.isna(gpt4["architecture"])
    mixtral = catalog.models.set_index("name").loc["Mixtral 8x7B"]
    assert (mixtral["total_params_b"], mixtral["active_params_b"]) == (46.7, 12.9)


@pytest.mark.parametrize(
    "row, reason",
    [
        ("X,Org,F,0,,dense,2023-01-01,true,MIT,https://a.example", "total_params_b must be greater than 0"),
        ("X,Org,F,-7,,dense,2023-01-01,true,MIT,https://a.example", "total_params_b must be greater than 0"),
        ("X,Org,F,seven,,dense,2023-01-01,true,MIT,https://a.example", "total_params_b 'seven' is not a number"),
        ("X,Org,F,7,,transformer,2023-01-01,true,MIT,https://a.example", "architecture 'transformer' is not one of"),
        ("X,Org,F,7,,dense,17/12/2023,true,MIT,https://a.example", "release_date '17/12/2023' is not a date"),
        ("X,Org,F,7,,dense,2023-01-01,maybe,MIT,https://a.example", "open_weights 'maybe' is not true or false"),
        ("X,,F,7,,dense,2023-01-01,true,MIT,https://a.example", "organization is empty"),
        ("X,Org,F,7,9,MoE,2023-01-01,true,MIT,https://a.example", "active_params_b 9 is larger than total_params_b 7"),
        ("X,Org,F,7,,dense,2023-01-01,true,MIT,javascript:alert(1)", "link 'javascript:alert(1)' is not an http(s) URL"),
        ("X,Org,F,7,,dense", "has 6 fields, the header has 10"),
        ("Phi-2,Org,F,7,,dense,2023-01-01,true,MIT,https://a.example", "duplicate model (first at line 4)"),
    ],
)
def test_bad_model_rows_are_reported_with_line_and_reason(data_copy, row, reason):
    path = data_copy / "models.csv"
    path.write_text(path.read_text() + row + "\n")
    catalog = read_catalog(data_copy)
    bad = reasons(catalog, "models.csv")
    assert list(bad) == [10]
    assert reason in bad[10]
    assert len(catalog.models) == 8  # every good row still loads


@pytest.mark.parametrize(
    "row, reason",
    [
        ("Phi-2,MMLU,5-shot,140,https://a.example,", "MMLU value 140 is outside 0–100"),
        ("Phi-2,MMLU,5-shot,-1,https://a.example,", "MMLU value -1 is outside 0–100"),
        ("Phi-2,MT-Bench,GPT-4 judge,11,https://a.example,", "MT-Bench value 11 is outside 0–10"),
        ("Phi-3,MMLU,5-shot,60,https://a.example,", "unknown model 'Phi-3' (did you mean 'Phi-2'?)"),
        ("Phi-2,MMLU-Pro,5-shot,60,https://a.example,", "unknown benchmark 'MMLU-Pro'"),
        ("Phi-2,MMLU,5-shot,,https://a.example,", "value is empty"),
        ("Phi-2,MMLU,5-shot,56.7,,", "source_url is empty"),
        ("Phi-2,MMLU,,56.7,https://a.example,", "setting is empty"),
        ("GPT-4,MMLU,5-shot,86.4,https://arxiv.org/abs/2303.08774,again", "duplicate score"),
    ],
)
def test_bad_score_rows_are_reported_with_line_and_reason(data_copy, row, reason):
    path = data_copy / "scores.csv"
    path.write_text(path.read_text() + row + "\n")
    catalog = read_catalog(data_copy)
    bad = reasons(catalog, "scores.csv")
    assert list(bad) == [14]
    assert reason in bad[14]
    assert len(catalog.scores) == 12


def test_sources_that_disagree_are_both_kept():
    catalog = read_catalog(FIXTURES / "data")
    mistral = catalog.scores[(catalog.scores.model == "Mistral 7B") & (catalog.scores.benchmark == "MMLU")]
    assert sorted(mistral.value) == [60.1, 62.5]
    assert mistral.source_url.nunique() == 2


def test_whole_file_problems(data_copy):
    (data_copy / "scores.csv").write_text("model;benchmark;setting;value;source_url;note\nPhi-2;MMLU;5-shot;56;https://a;\n")
    (data_copy / "aliases.csv").write_text("")
    (data_copy / "models.csv").write_text("name,organization\nA,B\n")
    catalog = read_catalog(data_copy)
    messages = [str(p) for p in catalog.errors]
    assert any(m.endswith("scores.csv:1: missing column(s): model, benchmark, setting, value, source_url, note "
                          "(the file seems to use ';' as delimiter; use commas); file skipped") for m in messages)
    assert any(m.endswith("aliases.csv: empty file (expected a header row: alias,model)") for m in messages)
    assert any("models.csv:1: missing column(s): family" in m for m in messages)
    assert len(catalog.models) == 0 and len(catalog.scores) == 0


def test_alias_rules(data_copy):
    path = data_copy / "aliases.csv"
    path.write_text(path.read_text() + "mixtral,Mistral 7B\nGPT-4,Gemini Ultra\nGhost,Nobody\n")
    catalog = read_catalog(data_copy)
    bad = reasons(catalog, "aliases.csv")
    assert bad[7] == "duplicate alias (first at line 2)"
    assert bad[8] == "alias 'GPT-4' is the name of another model ('GPT-4')"
    assert bad[9].startswith("alias 'Ghost' points to unknown model 'Nobody'")
    assert len(catalog.aliases) == 5


def test_multiline_quoted_fields_keep_line_numbers(data_copy):
    path = data_copy / "scores.csv"
    path.write_text(path.read_text() + 'Phi-2,MMLU,5-shot,56.7,https://a.example,"two\nlines"\nPhi-2,MMLU,5-shot,999,https://b.example,\n')
    bad = reasons(read_catalog(data_copy), "scores.csv")
    assert list(bad) == [16]
