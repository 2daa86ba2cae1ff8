import shutil

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
    assert any("models.csv:1: missing column(s): family, total_params_b" in m for m in messages)
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


# --- variants --------------------------------------------------------------------------------------

VARIANTS_DATA = FIXTURES / "lmsys" / "data"


@pytest.fixture
def variants_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(VARIANTS_DATA, target)
    return target


def test_a_folder_without_the_newer_columns_reads_them_as_empty():
    models = read_catalog(FIXTURES / "data").models  # models.csv as written before variant_of
    assert models["variant_of"].isna().all() and models["knowledge_cutoff"].isna().all()
    assert models["base_model"].tolist() == models["name"].tolist()


def test_each_model_knows_the_root_of_its_variant_chain(variants_copy):
    path = variants_copy / "models.csv"  # a variant of a variant
    path.write_text(path.read_text() + "GPT-4 (0613) via Azure,GPT-4 (0613),Microsoft,GPT,,,,,,false,Proprietary,\n")
    catalog = read_catalog(variants_copy)
    assert catalog.errors == []
    models = catalog.models.set_index("name")
    assert models.loc["GPT-4 (0613)", "variant_of"] == "GPT-4"
    assert models.loc[["GPT-4", "GPT-4 (0314)", "GPT-4 (0613)", "GPT-4 (0613) via Azure"], "base_model"].unique().tolist() == ["GPT-4"]
    assert models.loc["Gemma 7B IT", "base_model"] == "Gemma 7B"
    assert models.loc["GPT-4 Turbo", "base_model"] == "GPT-4 Turbo"  # a model of its own, not a GPT-4 snapshot
    assert models.loc["GPT-4 (0314)", "knowledge_cutoff"] == "2021-09"


ROW = ",Org,F,7,,dense,2023-01-01,{cutoff},true,MIT,https://a.example"


@pytest.mark.parametrize("rows, expected", [
    (["X,Nobody" + ROW], {41: "variant_of 'Nobody' is not a model in models.csv"}),
    (["X,Gemma 8B" + ROW], {41: "variant_of 'Gemma 8B' is not a model in models.csv (did you mean 'Gemma 7B'?)"}),
    (["X,gpt-4 turbo" + ROW], {41: "variant_of 'gpt-4 turbo' is not a model in models.csv (did you mean 'GPT-4 Turbo'?)"}),
    (["X,GPT4" + ROW], {41: "variant_of 'GPT4' is an alias of 'GPT-4'; variant_of needs the model's name"}),
    (["X,X" + ROW], {41: "variant_of names the model itself"}),
    (["A,B" + ROW, "B,A" + ROW], {41: "variant_of goes round in a loop: A → B → A",
                                   42: "variant_of goes round in a loop: B → A → B"}),
    (["A,B" + ROW, "B,C" + ROW, "C,A" + ROW, "D,C" + ROW, "E,D" + ROW],
     {41: "variant_of goes round in a loop: A → B → C → A", 42: "variant_of goes round in a loop: B → C → A → B",
      43: "variant_of goes round in a loop: C → A → B → C", 44: "variant_of 'C' is a model left out (line 43)",
      45: "variant_of 'D' is a model left out (line 44)"}),
])
def test_bad_variant_of_is_reported_and_the_row_left_out(variants_copy, rows, expected):
    path = variants_copy / "models.csv"
    path.write_text(path.read_text() + "".join(r.format(cutoff="") + "\n" for r in rows))
    catalog = read_catalog(variants_copy)
    assert reasons(catalog, "models.csv") == expected
    assert len(catalog.models) == 39  # every good row still loads
    assert not {"X", "A", "B", "C", "D", "E"} & set(catalog.models["name"])


@pytest.mark.parametrize("cutoff, reason", [
    ("2023/4", "knowledge_cutoff '2023/4' is not a month as YYYY-MM (or 'online')"),
    ("2023-13", "knowledge_cutoff '2023-13' is not a month as YYYY-MM (or 'online')"),
    ("April 2023", "knowledge_cutoff 'April 2023' is not a month as YYYY-MM (or 'online')"),
])
def test_bad_knowledge_cutoff_is_reported(variants_copy, cutoff, reason):
    path = variants_copy / "models.csv"
    path.write_text(path.read_text() + "X," + ROW.format(cutoff=cutoff) + "\nY," + ROW.format(cutoff="Online") + "\n")
    catalog = read_catalog(variants_copy)
    assert reasons(catalog, "models.csv") == {41: reason}
    assert catalog.models.set_index("name").loc["Y", "knowledge_cutoff"] == "online"
