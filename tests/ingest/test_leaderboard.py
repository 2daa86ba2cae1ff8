import datetime as dt
import shutil

import pandas as pd
import pytest

from superficial.__main__ import main
from superficial.ingest import leaderboard as importer
from superficial.ingest.catalog import read_catalog
from superficial.ingest.leaderboard import LMSYS_URL, UNKNOWN_ORGANIZATION, import_file, parse_leaderboard
from tests.conftest import FIXTURES

LMSYS = FIXTURES / "lmsys"
BOARD_2023 = LMSYS / "leaderboard_table_20231206.csv"
BOARD_2024_01 = LMSYS / "leaderboard_table_20240109.csv"
BOARD_2024_02 = LMSYS / "leaderboard_table_20240215.csv"


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def scores_of(data, model):
    scores = read_catalog(data).scores
    return scores[scores["model"] == model]


# --- parsing the three layouts --------------------------------------------------------------------

def test_parse_2023_layout():
    board = parse_leaderboard(BOARD_2023.read_bytes(), BOARD_2023.name)
    assert not board.problems
    assert board.layout == "2023"
    assert board.date == dt.date(2023, 12, 6)
    first = board.rows[0]
    assert (first.line, first.model, first.mt_bench, first.elo, first.mmlu_percent) == (2, "gpt-4", 8.96, 1201, 86.4)
    assert first.key is None and first.organization is None
    yi = next(r for r in board.rows if r.model == "yi-34b-chat")
    assert yi.mt_bench is None and yi.mmlu_percent is None and yi.elo == 1102


def test_parse_2024_layouts():
    jan = parse_leaderboard(BOARD_2024_01.read_bytes(), BOARD_2024_01.name)
    feb = parse_leaderboard(BOARD_2024_02.read_bytes(), BOARD_2024_02.name)  # CRLF line endings
    assert not jan.problems and not feb.problems
    assert (jan.layout, feb.layout) == ("2024-01", "2024-02+")
    steer = next(r for r in jan.rows if r.key == "llama2-70b-steerlm-chat")
    assert (steer.model, steer.organization, steer.elo) == ("NV-Llama2-70B-SteerLM-Chat", "Nvidia", None)
    qwen = feb.rows[0]
    assert (qwen.model, qwen.mt_bench, qwen.mmlu_percent, qwen.license) == ("Qwen1.5-72B-Chat", 8.61, 77.5,
                                                                           "Qianwen LICENSE")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\xff\xfe M\x00o\x00", "not UTF-8"),
    (b"Model;MT-bench (score);MMLU;License;Link\nA;7;0.5;MIT;https://a\n", "missing column(s)"),
    (b"Model,MT-bench (score),MMLU,License,Link\nA,seven,0.5,MIT,https://a\n", "'seven' is not a number"),
    (b"Model,MT-bench (score),MMLU,License,Link\nA,7,86.4,MIT,https://a\n", "MMLU 86.4 is not a fraction"),
    (b"Model,MT-bench (score),MMLU,License,Link\nA,11,0.5,MIT,https://a\n", "outside 0–10"),
    (b"Model,MT-bench (score),MMLU,License,Link\nA,7,0.5,MIT\n", "has 4 fields, the header has 5"),
    (b"Model,MT-bench (score),MMLU,License,Link\n,7,0.5,MIT,https://a\n", "Model is empty"),
    (b"Model,MT-bench (score),MMLU,License,Link\n", "no model rows"),
])
def test_malformed_files_are_reported(content, reason):
    board = parse_leaderboard(content, "leaderboard_table_20231206.csv")
    assert any(reason in p.reason for p in board.problems), board.problems


def test_date_comes_from_the_name_or_is_given():
    content = BOARD_2023.read_bytes()
    assert "cannot tell the leaderboard date" in parse_leaderboard(content, "board.csv").problems[0].reason
    assert parse_leaderboard(content, "board.csv", dt.date(2023, 12, 20)).date == dt.date(2023, 12, 20)
    assert importer.date_from_name("leaderboard_table_20240422-2.csv") == dt.date(2024, 4, 22)
    assert importer.date_from_name("leaderboard_table_20231340.csv") is None


# --- merging into a data folder (always a tmp copy of tests/fixtures/data) --------------------------

def test_import_2023_file(data_copy):
    before = snapshot(data_copy)
    report = import_file(BOARD_2023, data_copy)
    assert report.ok, report.problems
    after = snapshot(data_copy)
    # existing lines are never rewritten: each changed file starts with its old bytes
    for name in ("models.csv", "scores.csv"):
        assert after[name].startswith(before[name]) and after[name] != before[name]
    assert after["benchmarks.csv"] == before["benchmarks.csv"]

    catalog = read_catalog(data_copy)
    assert not catalog.errors
    names = catalog.models["name"].tolist()
    # matched case-insensitively by name (gpt-4) and by alias (MIXTRAL -> Mixtral -> Mixtral 8x7B): not duplicated
    assert "gpt-4" not in names and "MIXTRAL" not in names and "GPT4" not in names
    assert names.count("GPT-4") == 1
    # new models, honest about what the file does not say
    wizard = catalog.models[catalog.models["name"] == "WizardLM-30B"].iloc[0]
    assert wizard["organization"] == UNKNOWN_ORGANIZATION
    assert pd.isna(wizard["architecture"]) and pd.isna(wizard["release_date"]) and pd.isna(wizard["total_params_b"])
    assert wizard["license"] == "Non-commercial" and bool(wizard["open_weights"]) is True
    assert "pplx-70b-online" not in names  # a new model with no values is not added

    gpt4 = scores_of(data_copy, "GPT-4")
    url = f"{LMSYS_URL}/blob/main/leaderboard_table_20231206.csv"
    mt = gpt4[(gpt4["benchmark"] == "MT-Bench")].iloc[0]
    assert (mt["setting"], mt["value"], mt["source_url"]) == ("GPT-4 judge", 8.96, url)
    assert mt["note"] == "LMSYS leaderboard_table_20231206.csv row 'gpt-4'"
    elo = gpt4[gpt4["benchmark"] == "Arena Elo"].iloc[0]
    assert (elo["setting"], elo["value"]) == ("Chatbot Arena (leaderboard 2023-12-06)", 1201)
    # GPT4 (line 8) is GPT-4 too: the first row of the file wins, the second is reported
    assert 9.18 not in gpt4["value"].tolist()
    # the same 5-shot MMLU 86.4 is already sourced to the GPT-4 report: not duplicated
    assert (gpt4["benchmark"] == "MMLU").sum() == 3
    wizard_mmlu = scores_of(data_copy, "WizardLM-30B").set_index("benchmark")
    assert wizard_mmlu.loc["MMLU", "value"] == 58.7 and wizard_mmlu.loc["MMLU", "setting"] == "5-shot"
    assert "(0.587;" in wizard_mmlu.loc["MMLU", "note"]

    assert [r.model for r in report.models_added] == ["WizardLM-30B", "Llama-2-70b-chat", "yi-34b-chat"]
    assert {r.name_in_file: r.model for r in report.models_matched} == {
        "gpt-4": "GPT-4", "MIXTRAL": "Mixtral 8x7B", "GPT4": "GPT-4"}
    reasons = {row.name_in_file: reason for row, reason in report.skipped}
    assert "is also GPT-4 and comes first" in reasons["GPT4"]
    assert "without any MT-bench, Arena Elo or MMLU value" in reasons["pplx-70b-online"]
    assert "already in the data, from https://arxiv.org/abs/2303.08774" in reasons["gpt-4"]
    assert report.scores_added == 9


def test_import_twice_changes_nothing(data_copy):
    for board in (BOARD_2023, BOARD_2024_01, BOARD_2024_02):
        assert import_file(board, data_copy).written
    first = snapshot(data_copy)
    for board in (BOARD_2023, BOARD_2024_01, BOARD_2024_02):
        report = import_file(board, data_copy)
        assert report.ok and report.written == [] and report.scores_added == 0 and not report.models_added
    assert snapshot(data_copy) == first


def test_later_layouts_match_earlier_imports_and_add_aliases(data_copy):
    import_file(BOARD_2023, data_copy)
    report = import_file(BOARD_2024_01, data_copy)
    assert report.ok
    catalog = read_catalog(data_copy)
    assert catalog.models["name"].tolist().count("WizardLM-30B") == 1
    matched = {r.name_in_file: r.model for r in report.models_matched}
    assert matched["GPT-4-0314"] == "GPT-4"  # matched through its key 'gpt4', an alias
    wizard = next(r for r in report.rows if r.name_in_file == "WizardLM-30B")
    assert "Microsoft" in wizard.hint  # the 2023 file had no organization; the report says what this one gives
    # the same MT-bench value from the next leaderboard file is not stored twice
    assert (scores_of(data_copy, "WizardLM-30B")["benchmark"] == "MT-Bench").sum() == 1
    steer = catalog.models[catalog.models["name"] == "NV-Llama2-70B-SteerLM-Chat"].iloc[0]
    assert steer["organization"] == "Nvidia"
    aliases = dict(zip(catalog.aliases["alias"], catalog.aliases["model"]))
    assert aliases["llama2-70b-steerlm-chat"] == "NV-Llama2-70B-SteerLM-Chat"
    assert import_file(BOARD_2024_02, data_copy).ok
    assert not read_catalog(data_copy).errors


def test_crlf_data_files_keep_their_line_endings(data_copy):
    for path in data_copy.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = snapshot(data_copy)
    assert import_file(BOARD_2023, data_copy).ok
    after = (data_copy / "scores.csv").read_bytes()
    assert after.startswith(before["scores.csv"])
    assert after.count(b"\n") == after.count(b"\r\n")
    assert not read_catalog(data_copy).errors


@pytest.mark.parametrize("bad_line", [
    "Broken-Model,eight,1000,0.5,MIT,https://example.org\n",
    "Broken-Model,7.1,1000,71.5,MIT,https://example.org\n",
    "Broken-Model,7.1,1000\n",
    'Broken-Model,"7.1,1000,0.5,MIT,https://example.org\n',
])
def test_malformed_file_leaves_data_byte_identical(data_copy, tmp_path, bad_line):
    bad = tmp_path / "leaderboard_table_20231207.csv"
    bad.write_text(BOARD_2023.read_text() + bad_line)  # good rows first, the bad one last
    before = snapshot(data_copy)
    report = import_file(bad, data_copy)
    assert not report.ok
    assert snapshot(data_copy) == before
    assert not report.written
    assert "data/ left unchanged" in report.lines()[-1]


def test_merge_that_would_not_validate_changes_nothing(data_copy, tmp_path, monkeypatch):
    """The final check goes through catalog.read_catalog: a row it rejects stops the whole import."""
    board = tmp_path / "leaderboard_table_20231206.csv"
    shutil.copy(BOARD_2023, board)
    monkeypatch.setattr(importer, "UNKNOWN_ORGANIZATION", "")  # organization is required by the catalog
    before = snapshot(data_copy)
    report = import_file(board, data_copy)
    assert not report.ok
    assert any("organization is empty" in p.reason for p in report.problems)
    assert snapshot(data_copy) == before


def test_dry_run_writes_nothing(data_copy):
    before = snapshot(data_copy)
    report = import_file(BOARD_2023, data_copy, dry_run=True)
    assert report.ok and report.scores_added == 9 and report.written == []
    assert snapshot(data_copy) == before
    assert report.lines()[-1] == "dry run: nothing written"


def test_no_temporary_files_are_left(data_copy):
    import_file(BOARD_2023, data_copy)
    assert sorted(p.name for p in data_copy.iterdir()) == ["aliases.csv", "benchmarks.csv", "models.csv",
                                                          "scores.csv"]


def test_session_catalog_does_not_touch_the_folder(data_copy):
    before = snapshot(data_copy)
    catalog, report = importer.session_catalog(data_copy, BOARD_2024_01.read_bytes(), BOARD_2024_01.name)
    assert report.ok and catalog is not None and not catalog.errors
    assert "NV-Llama2-70B-SteerLM-Chat" in catalog.models["name"].tolist()
    note = catalog.scores[catalog.scores["model"] == "NV-Llama2-70B-SteerLM-Chat"]["note"].iloc[0]
    assert note.startswith("uploaded in this session: leaderboard_table_20240109.csv")
    assert snapshot(data_copy) == before

    bad, report = importer.session_catalog(data_copy, b"not,a,leaderboard\n1,2,3\n", "mine.csv")
    assert bad is None and not report.ok


# --- command line ---------------------------------------------------------------------------------

def test_cli_import_reports_and_exits(data_copy, capsys):
    assert main(["import", str(BOARD_2023), "--data", str(data_copy), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "leaderboard_table_20231206.csv: layout 2023, leaderboard of 2023-12-06, 7 row(s)" in out
    assert "line 3: 'WizardLM-30B' added as a new model: added MT-Bench 7.01, MMLU 58.7" in out
    assert "line 4: 'MIXTRAL' = Mixtral 8x7B (known model)" in out
    assert "line 7: 'pplx-70b-online' skipped" in out
    assert "dry run: nothing written" in out

    bad = data_copy.parent / "leaderboard_table_20231207.csv"
    bad.write_text("Model,MT-bench (score),MMLU,License,Link\nX,ten,0.5,MIT,https://x\n")
    assert main(["import", str(bad), "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "leaderboard_table_20231207.csv:2: MT-bench (score) 'ten' is not a number or '-'" in out


def test_cli_import_date_option(data_copy, tmp_path, capsys):
    board = tmp_path / "my_board.csv"
    shutil.copy(BOARD_2023, board)
    assert main(["import", str(board), "--data", str(data_copy)]) == 1
    assert "cannot tell the leaderboard date" in capsys.readouterr().out
    assert main(["import", str(board), "--data", str(data_copy), "--date", "2023-12-20"]) == 0
    scores = read_catalog(data_copy).scores
    assert "Chatbot Arena (leaderboard 2023-12-20)" in scores["setting"].tolist()
    assert LMSYS_URL in scores["source_url"].tolist()  # no LMSYS file name: the leaderboard's own URL
