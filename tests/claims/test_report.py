"""The command line: ``claims FILE...`` in text and JSON lines, and the warnings of ``check``."""
import json
import shutil

from superficial.__main__ import main
from tests.claims.conftest import CLAIMS


def run(capsys, *args):
    code = main(list(map(str, args)))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_jsonl_has_one_object_a_claim_with_the_rows_used(capsys):
    code, out, _ = run(capsys, "claims", CLAIMS / "plain.txt", CLAIMS / "sizes.md", "--format", "jsonl",
                       "--data", CLAIMS / "data")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 12
    first = records[0]
    assert first["file"].endswith("tests/fixtures/claims/plain.txt") and first["line"] == 4
    assert {k: first[k] for k in ("text", "kind", "models", "benchmark", "stated", "verdict", "data")} == {
        "text": "Phi-2, a 2.7 billion-parameter model, is small.", "kind": "params", "models": ["Phi-2"],
        "benchmark": None, "stated": "2.7 billion-parameter", "verdict": "agrees",
        "data": [{"model": "Phi-2", "benchmark": None, "setting": "total_params_b", "value": 2.7,
                  "source_url": "https://example.org/phi-2"}]}
    dethroned = records[1]
    assert (dethroned["kind"], dethroned["models"], dethroned["benchmark"], dethroned["verdict"]) == (
        "comparison", ["Gemini Ultra", "GPT-4"], "MMLU", "depends")
    assert [(r["model"], r["setting"], r["value"]) for r in dethroned["data"]] == [
        ("Gemini Ultra", "5-shot", 83.7), ("GPT-4", "5-shot", 86.4), ("Gemini Ultra", "CoT@32", 85.0),
        ("GPT-4", "CoT@32", 87.29), ("Gemini Ultra", "uncertainty-routed CoT@32", 90.04),
        ("GPT-4", "uncertainty-routed CoT@32", 87.3)]
    assert [(r["line"], r["verdict"]) for r in records[2:5]] == [(6, "agrees"), (8, "agrees"), (8, "differs")]


def test_text_names_the_file_line_verdict_sentence_and_rows(capsys):
    code, out, _ = run(capsys, "claims", CLAIMS / "plain.txt", "--data", CLAIMS / "data")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].endswith("plain.txt:4: params agrees: “2.7 billion-parameter” (Phi-2) — stated 2.7 billion total "
                             "parameters; the data has 2.7 (Phi-2, example.org/phi-2)")
    assert lines[1] == "    sentence: Phi-2, a 2.7 billion-parameter model, is small."
    assert lines[2] == "    data: Phi-2 · parameters · total_params_b · 2.7 · https://example.org/phi-2"
    assert lines[-1] == "2 claims in 1 edition(s): 1 params, 1 comparison; 1 agrees, 1 depends"


def test_as_of_edition_leaves_out_later_models(capsys):
    def compared(*flags):
        _, out, _ = run(capsys, "claims", CLAIMS / "comparisons.md", "--format", "jsonl", "--data", CLAIMS / "data",
                        *flags)
        group = [json.loads(line) for line in out.splitlines()][6]
        return {r["model"] for r in group["data"]}

    assert "Gemma 7B" in compared() and "Gemma 7B" not in compared("--as-of-edition")


def test_a_file_that_is_no_edition_is_reported_and_the_others_still_printed(capsys, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    code, out, err = run(capsys, "claims", empty, tmp_path / "missing.md", CLAIMS / "plain.txt", "--data",
                         CLAIMS / "data")
    assert code == 1
    assert "empty.md: empty file" in err and "missing.md: cannot read file" in err
    assert out.splitlines()[-1] == "2 claims in 1 edition(s): 1 params, 1 comparison; 1 agrees, 1 depends"


def test_check_warns_of_each_claim_that_differs_as_file_line(capsys, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CLAIMS / "sizes.md", content)
    code, out, _ = run(capsys, "check", "--data", CLAIMS / "data", "--content", content)
    warnings = [line for line in out.splitlines() if "claim differs" in line]
    assert code == 0
    assert [w.split("content/")[1] for w in warnings] == [
        "sizes.md:8: claim differs from the data: “3.5B” (Gemini Nano-2): stated 3.5 billion total parameters; "
        "the data has 3.25 (Gemini Nano-2, arxiv.org/abs/2312.11805) (warning)",
        "sizes.md:16: claim differs from the data: “65 billion-parameter” (Llama 2 70B): stated 65 billion total "
        "parameters; the data has 70 (Llama 2 70B, arxiv.org/abs/2307.09288) (warning)"]
    assert out.splitlines()[-1].endswith("1 edition in 1 file, 10 claims; 0 error(s), 2 warning(s)")
    assert main(["check", "--data", str(CLAIMS / "data"), "--content", str(content), "--strict"]) == 1


def test_claims_not_checked_when_the_store_cannot_be_built_is_said_not_raised(capsys, monkeypatch):
    from superficial import __main__ as cli

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(cli, "Store", broken)
    code, out, _ = run(capsys, "check", "--data", CLAIMS / "data", "--content", CLAIMS / "missing")
    assert code == 0
    assert any(line.endswith("claims/data: claims not checked: OSError: disk full (warning)") for line in out.splitlines())
