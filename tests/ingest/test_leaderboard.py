import datetime as dt
import shutil

import pandas as pd
import pytest

from superficial.__main__ import main
from superficial.ingest import leaderboard as importer
from superficial.ingest.catalog import read_catalog
from superficial.ingest.leaderboard import LMSYS_URL, UNKNOWN_ORGANIZATION, import_file, parse_leaderboard
from tests.conftest import FIXTURES, ROOT

# Excerpts of LMSYS leaderboard tables, rows copied unchanged and in their order (a few rows left out so
# that snapshots such as gpt-4-0314 and gpt-4-0613 sit on adjacent lines), and a data folder of the
# models they name, taken from data/ (variants as rows).
TABLES = FIXTURES / "lmsys" / "real"
JUL_2023 = TABLES / "leaderboard_table_20230717.csv"  # 2023 layout, one "GPT-4" for both snapshots
DEC_2023 = TABLES / "leaderboard_table_20231206.csv"  # 2023 layout, snapshots apart
JAN_2024 = TABLES / "leaderboard_table_20240109.csv"  # key, Organization; no Elo
MAY_2024 = TABLES / "leaderboard_table_20240527.csv"  # + Knowledge cutoff date; CRLF line endings
MAY_2025 = TABLES / "leaderboard_table_20250505.csv"  # a key listed twice, two keys under one name
IN_DATE_ORDER = [JUL_2023, DEC_2023, JAN_2024, MAY_2024, MAY_2025]
VARIANTS_DATA = FIXTURES / "lmsys" / "data"

# The model of the data each row with a value is (by name in the 2023 layout, by key later): the truth
# the import is checked against. New models are named by the file (or by key or checkpoint when taken).
EXPECTED = {
    JUL_2023: {
        "GPT-4": "GPT-4", "Claude-2": "Claude 2", "GPT-3.5-turbo": "GPT-3.5 Turbo", "Claude-v1": "Claude-v1",
        "Claude-instant-v1": "Claude Instant 1", "Vicuna-33B": "Vicuna-33B v1.3",
        "WizardLM-13B-v1.1": "WizardLM-13B-v1.1", "PaLM-Chat-Bison-001": "PaLM-Chat-Bison-001",
        "Vicuna-13B": "vicuna-13b-v1.3", "Vicuna-7B": "vicuna-7b-v1.3",  # linked to v1.3, not the data's v1.5
    },
    DEC_2023: {
        "WizardLM-30B": "WizardLM-30B", "GPT-4-Turbo": "GPT-4 Turbo", "GPT-4-0314": "GPT-4 (0314)",
        "GPT-4-0613": "GPT-4 (0613)", "Claude-2.0": "Claude 2", "Calude-2.1": "Claude 2.1",
        "GPT-3.5-turbo-0613": "GPT-3.5 Turbo (0613)", "GPT-3.5-turbo-0314": "GPT-3.5 Turbo (0314)",
        "yi-34b-chat": "Yi-34B-Chat", "pplx-70b-online": "pplx-70b-online",
        "GPT-3.5-Turbo-1106": "GPT-3.5 Turbo (1106)", "Llama-2-70b-chat": "Llama 2 70B Chat",
        "Vicuna-13B": "Vicuna-13B v1.5", "PaLM-Chat-Bison-001": "PaLM-Chat-Bison-001",
    },
    JAN_2024: {
        "wizardlm-30b": "WizardLM-30B", "gpt-4-turbo": "GPT-4 Turbo", "gpt-4-0314": "GPT-4 (0314)",
        "gpt-4-0613": "GPT-4 (0613)", "claude-2.0": "Claude 2", "claude-2.1": "Claude 2.1",
        "gpt-3.5-turbo-0613": "GPT-3.5 Turbo (0613)", "mixtral-8x7b-instruct-v0.1": "Mixtral 8x7B Instruct",
        "gpt-3.5-turbo-0314": "GPT-3.5 Turbo (0314)", "yi-34b-chat": "Yi-34B-Chat", "gemini-pro": "Gemini Pro",
        "gemini-pro-dev-api": "Gemini Pro (Dev API)", "gpt-3.5-turbo-1106": "GPT-3.5 Turbo (1106)",
        "llama-2-70b-chat": "Llama 2 70B Chat", "vicuna-13b": "Vicuna-13B v1.5",
        "palm-2": "PaLM-Chat-Bison-001",  # its key reads like an alias of PaLM 2; its name says which model
        "mistral-medium": "Mistral Medium", "llama2-70b-steerlm-chat": "Llama2-70B-SteerLM-Chat",
    },
    MAY_2024: {
        "wizardlm-30b": "WizardLM-30B", "gpt-4-1106-preview": "GPT-4 Turbo", "gpt-4-0314": "GPT-4 (0314)",
        "gpt-4-0613": "GPT-4 (0613)", "claude-2.0": "Claude 2", "gpt-3.5-turbo-0613": "GPT-3.5 Turbo (0613)",
        "gpt-3.5-turbo-0314": "GPT-3.5 Turbo (0314)", "gemini-pro": "Gemini Pro",
        "gemini-pro-dev-api": "Gemini Pro (Dev API)", "gpt-3.5-turbo-1106": "GPT-3.5 Turbo (1106)",
        "vicuna-13b": "Vicuna-13B v1.5", "palm-2": "PaLM-Chat-Bison-001", "gemma-7b-it": "Gemma 7B IT",
        "gemma-2b-it": "Gemma 2B IT", "dbrx-instruct-preview": "DBRX-Instruct-Preview",
        "mixtral-8x22b-instruct-v0.1": "Mixtral 8x22B Instruct", "llama-3-70b-instruct": "Llama 3 70B Instruct",
        "llama-3-8b-instruct": "Llama 3 8B Instruct", "phi-3-mini-128k-instruct": "Phi-3-mini 128K",
        "gpt-4o-2024-05-13": "GPT-4o-2024-05-13", "phi-3-mini-4k-instruct": "Phi-3-mini",
    },
    MAY_2025: {
        "gpt-4-1106-preview": "GPT-4 Turbo", "gpt-4-0314": "GPT-4 (0314)", "gpt-4-0613": "GPT-4 (0613)",
        "yi-34b-chat": "Yi-34B-Chat", "gemini-pro": "Gemini Pro", "gemini-pro-dev-api": "Gemini Pro (Dev API)",
        "gemini-1.5-pro-api-0514": "Gemini-1.5-Pro-001",
        "gemini-1.5-pro-001": "Gemini-1.5-Pro-001 (gemini-1.5-pro-001)",  # same name, another key
        "llama-3.1-405b-instruct-fp8": "Meta-Llama-3.1-405B-Instruct-fp8",
        "llama-3.1-405b-instruct-bf16": "Meta-Llama-3.1-405B-Instruct-bf16",
        "llama-3.1-405b-instruct": "llama-3.1-405b-instruct",
    },
}


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def scores_of(data, model):
    scores = read_catalog(data).scores
    return scores[scores["model"] == model]


def board_values(board) -> list[tuple[str, str, str, float]]:
    """(row key or name, benchmark, setting, value) for every value of a parsed table."""
    elo = f"Chatbot Arena (leaderboard {board.date.isoformat()})"
    return [(row.key or row.model, benchmark, setting, value) for row in board.rows
            for benchmark, setting, value in (("MT-Bench", "GPT-4 judge", row.mt_bench), ("Arena Elo", elo, row.elo),
                                              ("MMLU", "5-shot", row.mmlu_percent)) if value is not None]


@pytest.fixture
def variants_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(VARIANTS_DATA, target)
    return target


# --- parsing the three layouts --------------------------------------------------------------------

def test_parse_2023_layout():
    board = parse_leaderboard(DEC_2023.read_bytes(), DEC_2023.name)
    assert not board.problems
    assert board.layout == "2023"
    assert board.date == dt.date(2023, 12, 6)
    gpt4 = [(r.line, r.model, r.mt_bench, r.elo, r.mmlu_percent) for r in board.rows if r.model.startswith("GPT-4-0")]
    assert gpt4 == [(4, "GPT-4-0314", 8.96, 1201, 86.4), (5, "GPT-4-0613", 9.18, 1152, None)]
    assert all(r.key is None and r.organization is None and r.knowledge_cutoff is None for r in board.rows)
    yi = next(r for r in board.rows if r.model == "yi-34b-chat")
    assert yi.mt_bench is None and yi.mmlu_percent is None and yi.elo == 1102


def test_parse_2024_layouts():
    jan = parse_leaderboard(JAN_2024.read_bytes(), JAN_2024.name)
    may = parse_leaderboard(MAY_2024.read_bytes(), MAY_2024.name)  # CRLF line endings
    assert not jan.problems and not may.problems
    assert (jan.layout, may.layout) == ("2024-01", "2024-02+")
    steer = next(r for r in jan.rows if r.key == "llama2-70b-steerlm-chat")
    assert (steer.model, steer.organization, steer.elo, steer.knowledge_cutoff) == (
        "Llama2-70B-SteerLM-Chat", "Nvidia", None, None)
    cutoffs = {r.key: r.knowledge_cutoff for r in may.rows}
    assert cutoffs["gpt-4-0314"] == "2021-09" and cutoffs["gemma-7b-it"] == "2024-02"
    assert cutoffs["bard-jan-24-gemini-pro"] == "online" and cutoffs["claude-2.0"] is None  # "Online", "-"
    gemma = next(r for r in may.rows if r.key == "gemma-2b-it")
    assert (gemma.model, gemma.mt_bench, gemma.mmlu_percent, gemma.license) == ("Gemma-2B-it", None, 42.3,
                                                                                "Gemma license")


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
    (b"key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link\n"
     b"a,A,7,0.5,April 2023,MIT,Org,https://a\n", "Knowledge cutoff date 'April 2023' is not a month"),
    (b"key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link\n"
     b"a,A,7,0.5,2023/13,MIT,Org,https://a\n", "Knowledge cutoff date '2023/13' is not a month"),
])
def test_malformed_files_are_reported(content, reason):
    board = parse_leaderboard(content, "leaderboard_table_20231206.csv")
    assert any(reason in p.reason for p in board.problems), board.problems


def test_date_comes_from_the_name_or_is_given():
    content = DEC_2023.read_bytes()
    assert "cannot tell the leaderboard date" in parse_leaderboard(content, "board.csv").problems[0].reason
    assert parse_leaderboard(content, "board.csv", dt.date(2023, 12, 20)).date == dt.date(2023, 12, 20)
    assert importer.date_from_name("leaderboard_table_20240422-2.csv") == dt.date(2024, 4, 22)
    assert importer.date_from_name("leaderboard_table_20231340.csv") is None


# --- every value of every table lands on its own model ----------------------------------------------

def test_every_value_of_each_table_is_stored_on_its_model(variants_data):
    for table in IN_DATE_ORDER:
        report = import_file(table, variants_data)
        assert report.ok, report.lines()
        board = parse_leaderboard(table.read_bytes(), table.name)
        scores = read_catalog(variants_data).scores
        stored = set(zip(scores["model"], scores["benchmark"], scores["setting"], scores["value"].round(6)))
        values = board_values(board)
        assert {name for name, *_ in values} == set(EXPECTED[table]), table.name  # the mapping covers the table
        for name, benchmark, setting, value in values:
            model = EXPECTED[table][name]
            assert (model, benchmark, setting, round(value, 6)) in stored, (table.name, name, benchmark, value)
        assert not report.skipped, report.skipped  # nothing left out because another row came first
    catalog = read_catalog(variants_data)
    assert not catalog.errors
    # the snapshots of one table are apart: GPT-4's Elo ratings, each under its leaderboard date
    elo = catalog.scores[catalog.scores["benchmark"] == "Arena Elo"].set_index(["model", "setting"])["value"]
    assert elo["GPT-4", "Chatbot Arena (leaderboard 2023-07-17)"] == 1211  # LMSYS then merged both snapshots
    assert elo["GPT-4 (0314)", "Chatbot Arena (leaderboard 2023-12-06)"] == 1201
    assert elo["GPT-4 (0613)", "Chatbot Arena (leaderboard 2023-12-06)"] == 1152
    assert ("GPT-4", "Chatbot Arena (leaderboard 2023-12-06)") not in elo.index
    mt = catalog.scores[catalog.scores["benchmark"] == "MT-Bench"].groupby("model")["value"].apply(sorted)
    assert (mt["GPT-4 (0314)"], mt["GPT-4 (0613)"], mt["GPT-4"]) == ([8.96], [9.18], [8.99])
    assert (mt["GPT-3.5 Turbo (0314)"], mt["GPT-3.5 Turbo (0613)"], mt["GPT-3.5 Turbo (1106)"]) == ([7.94], [8.39],
                                                                                                   [8.32])


def test_a_second_run_of_the_sequence_adds_nothing(variants_data):
    for table in IN_DATE_ORDER:
        assert import_file(table, variants_data).written
    first = snapshot(variants_data)
    for table in IN_DATE_ORDER:
        report = import_file(table, variants_data)
        assert report.ok and report.written == [] and report.scores_added == 0 and not report.models_added
        assert not report.skipped
    assert snapshot(variants_data) == first


def test_existing_lines_are_never_rewritten(variants_data):
    before = snapshot(variants_data)
    assert import_file(DEC_2023, variants_data).ok
    after = snapshot(variants_data)
    for name in ("models.csv", "scores.csv"):
        assert after[name].startswith(before[name]) and after[name] != before[name]
    assert after["benchmarks.csv"] == before["benchmarks.csv"]


def test_values_the_data_has_are_not_stored_twice(variants_data):
    report = import_file(DEC_2023, variants_data)
    outcome = {r.name_in_file: r for r in report.rows}
    # the GPT-4 report's 5-shot 86.4 is GPT-4 (0314)'s: the table's equal value is not a second row
    assert outcome["GPT-4-0314"].unchanged == ["MMLU 86.4 (from https://arxiv.org/abs/2303.08774)"]
    assert (scores_of(variants_data, "GPT-4 (0314)")["benchmark"] == "MMLU").sum() == 1
    url = f"{LMSYS_URL}/blob/main/leaderboard_table_20231206.csv"
    elo = scores_of(variants_data, "GPT-4 (0613)").set_index("benchmark").loc["Arena Elo"]
    assert (elo["setting"], elo["value"], elo["source_url"]) == ("Chatbot Arena (leaderboard 2023-12-06)", 1152, url)
    assert elo["note"] == "LMSYS leaderboard_table_20231206.csv row 'GPT-4-0613'"


def test_a_name_the_data_knows_as_a_variants_alias_goes_to_that_variant(variants_data):
    report = import_file(MAY_2024, variants_data)
    matched = {r.name_in_file: r.model for r in report.models_matched}
    assert matched["Gemma-7B-it"] == "Gemma 7B IT" and matched["Phi-3-Mini-128k-Instruct"] == "Phi-3-mini 128K"
    assert matched["Mixtral-8x22b-Instruct-v0.1"] == "Mixtral 8x22B Instruct"
    assert scores_of(variants_data, "Gemma 7B")["value"].tolist() == []  # the base model gets nothing
    assert scores_of(variants_data, "Gemma 7B IT")["value"].tolist() == [64.3]


def test_another_checkpoint_under_a_known_name_is_a_model_of_its_own(variants_data):
    report = import_file(JUL_2023, variants_data)
    vicuna = next(r for r in report.rows if r.name_in_file == "Vicuna-13B")
    assert vicuna.new_model and vicuna.model == "vicuna-13b-v1.3"
    assert any("links https://huggingface.co/lmsys/vicuna-13b-v1.3" in h for h in vicuna.hints)
    new = read_catalog(variants_data).models.set_index("name").loc["vicuna-13b-v1.3"]
    assert new["link"] == "https://huggingface.co/lmsys/vicuna-13b-v1.3"
    assert scores_of(variants_data, "Vicuna-13B v1.5").empty


def test_two_keys_under_one_name_and_a_key_listed_twice(variants_data):
    report = import_file(MAY_2025, variants_data)
    assert report.ok
    added = [r.model for r in report.models_added]
    assert added == ["Gemini-1.5-Pro-001", "Gemini-1.5-Pro-001 (gemini-1.5-pro-001)",
                     "Meta-Llama-3.1-405B-Instruct-fp8", "Meta-Llama-3.1-405B-Instruct-bf16",
                     "llama-3.1-405b-instruct"]
    yi = [r for r in report.rows if r.name_in_file == "Yi-34B-Chat"]
    assert len(yi) == 2 and yi[0].added == ["MMLU 73.5"] and yi[1].unchanged == ["MMLU 73.5"]
    aliases = dict(zip(*[read_catalog(variants_data).aliases[c] for c in ("alias", "model")]))
    assert aliases["gemini-1.5-pro-api-0514"] == "Gemini-1.5-Pro-001"


def test_models_without_a_score_are_recorded_only_when_asked(variants_data):
    report = import_file(MAY_2024, variants_data)
    unscored = ["Bard (Gemini Pro)", "pplx-70b-online", "GPT-4-0125-preview", "GPT-3.5-Turbo-0125",
                "GPT-4-Turbo-2024-04-09"]
    assert [r.name_in_file for r in report.not_recorded] == unscored
    assert all("--with-unscored" in r.skipped[0] for r in report.not_recorded)
    assert "Bard (Gemini Pro)" not in read_catalog(variants_data).models["name"].tolist()

    report = import_file(MAY_2024, variants_data, with_unscored=True)
    assert [r.model for r in report.models_added] == unscored
    assert report.scores_added == 0
    models = read_catalog(variants_data).models.set_index("name")
    bard = models.loc["Bard (Gemini Pro)"]
    assert (bard["organization"], bard["license"], bool(bard["open_weights"]), bard["knowledge_cutoff"],
            bard["link"]) == ("Google", "Proprietary", False, "online", "https://bard.google.com/")
    assert models.loc["GPT-4-Turbo-2024-04-09", "knowledge_cutoff"] == "2023-12"


def test_knowledge_cutoff_of_new_models_is_kept_and_known_ones_get_a_note(variants_data):
    report = import_file(MAY_2024, variants_data)
    models = read_catalog(variants_data).models.set_index("name")
    assert models.loc["GPT-4o-2024-05-13", "knowledge_cutoff"] == "2023-10"
    notes = {r.name_in_file: r.hints for r in report.rows}
    assert notes["GPT-4-1106-preview"] == ["the file gives knowledge cutoff 2023-04; models.csv has none"]
    assert notes["Llama-3-70b-Instruct"] == []  # the data has the same 2023-12


def test_later_layouts_match_earlier_imports_and_add_aliases(variants_data):
    import_file(DEC_2023, variants_data)
    report = import_file(JAN_2024, variants_data)
    assert report.ok
    catalog = read_catalog(variants_data)
    assert catalog.models["name"].tolist().count("WizardLM-30B") == 1
    wizard = next(r for r in report.rows if r.name_in_file == "WizardLM-30B")
    assert "Microsoft" in wizard.hints[0]  # the 2023 file had no organization; the report says what this one gives
    steer = catalog.models.set_index("name").loc["Llama2-70B-SteerLM-Chat"]
    assert steer["organization"] == "Nvidia"
    assert report.aliases_added == []  # its key is its name, but for case
    palm = next(r for r in report.rows if r.name_in_file == "PaLM-Chat-Bison-001")
    assert palm.model == "PaLM-Chat-Bison-001" and "PaLM 2" in palm.hints[0]


def test_data_that_merges_two_models_of_a_table_stops_the_import(variants_data):
    """The old aliases.csv put both GPT-4 snapshots on one row: the import says so and changes nothing."""
    aliases = variants_data / "aliases.csv"
    aliases.write_text(aliases.read_text().replace("gpt-4-0613,GPT-4 (0613)", "gpt-4-0613,GPT-4 (0314)"))
    before = snapshot(variants_data)
    report = import_file(DEC_2023, variants_data)
    assert not report.ok and report.written == []
    (problem,) = report.problems
    assert (problem.file, problem.line) == ("leaderboard_table_20231206.csv", 5)
    assert problem.reason.startswith("'GPT-4-0613' and line 4 'GPT-4-0314' are two models of this table, but the data "
                                     "makes both GPT-4 (0314) (aliases.csv maps 'GPT-4-0613', 'GPT-4-0314' to it)")
    assert "data/ left unchanged" in report.lines()[-1]
    assert snapshot(variants_data) == before


def test_the_bundled_aliases_never_put_two_models_of_a_table_on_one_row():
    """Each distinct LMSYS key (or name) of every table is its own model of data/."""
    catalog = read_catalog(ROOT / "data")
    for table in IN_DATE_ORDER:
        board = parse_leaderboard(table.read_bytes(), table.name)
        plan = importer.plan_import(board, catalog, with_unscored=True)
        assert plan.report.ok, plan.report.problems
        model_of = {}
        for row, outcome in zip(board.rows, plan.report.rows):
            model_of.setdefault(row.key or row.model, set()).add(outcome.model)
        assert all(len(models) == 1 for models in model_of.values())
        firsts = [models.pop() for models in model_of.values()]
        assert len(firsts) == len(set(firsts)), table.name  # no two keys on one model


def test_an_older_models_file_without_the_cutoff_column_says_what_it_cannot_record(data_copy):
    report = import_file(MAY_2024, data_copy)
    assert report.ok and report.written
    assert "models.csv has no column knowledge_cutoff: those values are not recorded" in report.notes
    assert not read_catalog(data_copy).errors


def test_crlf_data_files_keep_their_line_endings(variants_data):
    for path in variants_data.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = snapshot(variants_data)
    assert import_file(DEC_2023, variants_data).ok
    after = (variants_data / "scores.csv").read_bytes()
    assert after.startswith(before["scores.csv"])
    assert after.count(b"\n") == after.count(b"\r\n")
    assert not read_catalog(variants_data).errors


@pytest.mark.parametrize("bad_line", [
    "Broken-Model,eight,1000,0.5,MIT,https://example.org\n",
    "Broken-Model,7.1,1000,71.5,MIT,https://example.org\n",
    "Broken-Model,7.1,1000\n",
    'Broken-Model,"7.1,1000,0.5,MIT,https://example.org\n',
])
def test_malformed_file_leaves_data_byte_identical(variants_data, tmp_path, bad_line):
    bad = tmp_path / "leaderboard_table_20231207.csv"
    bad.write_text(DEC_2023.read_text() + bad_line)  # good rows first, the bad one last
    before = snapshot(variants_data)
    report = import_file(bad, variants_data)
    assert not report.ok
    assert snapshot(variants_data) == before
    assert not report.written
    assert "data/ left unchanged" in report.lines()[-1]


def test_merge_that_would_not_validate_changes_nothing(variants_data, tmp_path, monkeypatch):
    """The final check goes through catalog.read_catalog: a row it rejects stops the whole import."""
    board = tmp_path / "leaderboard_table_20231206.csv"
    shutil.copy(DEC_2023, board)
    monkeypatch.setattr(importer, "UNKNOWN_ORGANIZATION", "")  # organization is required by the catalog
    before = snapshot(variants_data)
    report = import_file(board, variants_data)
    assert not report.ok
    assert any("organization is empty" in p.reason for p in report.problems)
    assert snapshot(variants_data) == before


def test_dry_run_writes_nothing(variants_data):
    before = snapshot(variants_data)
    report = import_file(DEC_2023, variants_data, dry_run=True)
    assert report.ok and report.scores_added == 30 and report.written == []
    assert snapshot(variants_data) == before
    assert report.lines()[-1] == "dry run: nothing written"


def test_no_temporary_files_are_left(variants_data):
    import_file(DEC_2023, variants_data)
    assert sorted(p.name for p in variants_data.iterdir()) == ["aliases.csv", "benchmarks.csv", "models.csv",
                                                               "scores.csv"]


def test_session_catalog_does_not_touch_the_folder(variants_data):
    before = snapshot(variants_data)
    catalog, report = importer.session_catalog(variants_data, JAN_2024.read_bytes(), JAN_2024.name)
    assert report.ok and catalog is not None and not catalog.errors
    assert "Llama2-70B-SteerLM-Chat" in catalog.models["name"].tolist()
    note = catalog.scores[catalog.scores["model"] == "Llama2-70B-SteerLM-Chat"]["note"].iloc[0]
    assert note.startswith("uploaded in this session: leaderboard_table_20240109.csv")
    dev_api = catalog.scores[catalog.scores["model"] == "Gemini Pro (Dev API)"]
    assert dev_api["value"].tolist() == [71.8]
    assert snapshot(variants_data) == before

    bad, report = importer.session_catalog(variants_data, b"not,a,leaderboard\n1,2,3\n", "mine.csv")
    assert bad is None and not report.ok


def test_report_frame_lists_every_row(variants_data):
    frame = import_file(JAN_2024, variants_data, dry_run=True).frame()
    assert len(frame) == 20
    rows = frame.set_index("in file")
    assert rows.loc["Dolphin-2.2.1-Mistral-7B", "outcome"] == "skipped"
    assert rows.loc["GPT-4-0613", "model"] == "GPT-4 (0613)" and rows.loc["GPT-4-0613", "outcome"] == "known model"
    assert rows.loc["Llama2-70B-SteerLM-Chat", "outcome"] == "new model"
    assert pd.isna(rows.loc["GPT-4-0613", "skipped"]) or rows.loc["GPT-4-0613", "skipped"] == ""


# --- command line ---------------------------------------------------------------------------------

def test_cli_import_reports_and_exits(variants_data, capsys):
    assert main(["import", str(DEC_2023), "--data", str(variants_data), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "leaderboard_table_20231206.csv: layout 2023, leaderboard of 2023-12-06, 14 row(s)" in out
    assert "line 2: 'WizardLM-30B' added as a new model: added MT-Bench 7.01, MMLU 58.7" in out
    assert "line 4: 'GPT-4-0314' = GPT-4 (0314) (known model): added MT-Bench 8.96, Arena Elo 1201" in out
    assert "line 5: 'GPT-4-0613' = GPT-4 (0613) (known model): added MT-Bench 9.18, Arena Elo 1152" in out
    assert "dry run: nothing written" in out

    bad = variants_data.parent / "leaderboard_table_20231207.csv"
    bad.write_text("Model,MT-bench (score),MMLU,License,Link\nX,ten,0.5,MIT,https://x\n")
    assert main(["import", str(bad), "--data", str(variants_data)]) == 1
    out = capsys.readouterr().out
    assert "leaderboard_table_20231207.csv:2: MT-bench (score) 'ten' is not a number or '-'" in out


def test_cli_import_with_unscored(variants_data, capsys):
    assert main(["import", str(JAN_2024), "--data", str(variants_data), "--dry-run"]) == 0
    assert "'Dolphin-2.2.1-Mistral-7B' skipped: no MT-bench, Arena Elo or MMLU value" in capsys.readouterr().out
    assert main(["import", str(JAN_2024), "--data", str(variants_data), "--with-unscored"]) == 0
    assert "'Dolphin-2.2.1-Mistral-7B' added as a new model: nothing added" in capsys.readouterr().out
    dolphin = read_catalog(variants_data).models.set_index("name").loc["Dolphin-2.2.1-Mistral-7B"]
    assert dolphin["organization"] == "Cognitive Computations" and bool(dolphin["open_weights"])


def test_cli_import_date_option(variants_data, tmp_path, capsys):
    board = tmp_path / "my_board.csv"
    shutil.copy(DEC_2023, board)
    assert main(["import", str(board), "--data", str(variants_data)]) == 1
    assert "cannot tell the leaderboard date" in capsys.readouterr().out
    assert main(["import", str(board), "--data", str(variants_data), "--date", "2023-12-20"]) == 0
    scores = read_catalog(variants_data).scores
    assert "Chatbot Arena (leaderboard 2023-12-20)" in scores["setting"].tolist()
    assert LMSYS_URL in scores["source_url"].tolist()  # no LMSYS file name: the leaderboard's own URL


def test_new_models_are_honest_about_what_the_file_does_not_say(variants_data):
    import_file(DEC_2023, variants_data)
    wizard = read_catalog(variants_data).models.set_index("name").loc["WizardLM-30B"]
    assert wizard["organization"] == UNKNOWN_ORGANIZATION
    assert pd.isna(wizard["architecture"]) and pd.isna(wizard["release_date"]) and pd.isna(wizard["total_params_b"])
    assert pd.isna(wizard["variant_of"]) and wizard["base_model"] == "WizardLM-30B"
    assert wizard["license"] == "Non-commercial" and bool(wizard["open_weights"]) is True
    mmlu = scores_of(variants_data, "WizardLM-30B").set_index("benchmark")
    assert mmlu.loc["MMLU", "value"] == 58.7 and mmlu.loc["MMLU", "setting"] == "5-shot"
    assert "(0.587;" in mmlu.loc["MMLU", "note"]
