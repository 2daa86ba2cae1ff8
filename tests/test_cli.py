import subprocess
import sys

from superficial.__main__ import main
from tests.conftest import FIXTURES, ROOT


def test_check_passes_on_bundled_data(capsys):
    assert main(["check", "--data", str(ROOT / "data"), "--content", str(ROOT / "content")]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "1 edition in 2 files" in out


def test_check_reports_file_line_reason_and_fails(data_copy, capsys):
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + "Big,Org,F,0,,dense,2023-01-01,true,MIT,https://a.example\n")
    assert main(["check", "--data", str(data_copy), "--content", str(FIXTURES / "content")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.endswith("models.csv:10: total_params_b must be greater than 0, got 0 (leave it empty when unknown)")
               for line in lines)
    # The fixture editions' "Gemini Ultra beats/dethroned GPT-4" differ from the fixture data (5-shot: 83.7 vs 86.4).
    assert sum("claim differs from the data" in line for line in lines) == 2
    # The mojibake repair, seven names the fixture data lacks, the two differing claims.
    assert lines[-1].endswith("1 error(s), 10 warning(s)")


def test_check_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "superficial", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked:" in result.stdout


def test_check_lists_each_editions_unknown_model_names(capsys):
    assert main(["check", "--data", str(FIXTURES / "data"), "--content", str(FIXTURES / "blog")]) == 0
    lines = capsys.readouterr().out.splitlines()
    post = "tests/fixtures/blog/src/content/post/"
    assert [line.split(post)[-1] for line in lines] == [  # newest edition first; the "notes" post is no edition
        "2024-02-25-week-3.mdx:12: unknown model name 'Gemma-9' (warning)",
        "2023-12-01-week-1.md:13: unknown model name 'GPT-5 Turbo' (warning)",
        "2023-12-01-week-1.md:13: unknown model name 'Zephyr 9B Instruct v0.3' (warning)",
        "2023-12-01-week-1.md:12: claim differs from the data: “matches GPT-4” (Mixtral 8x7B vs GPT-4): "
        "false under 5-shot: 70.6 vs 86.4 (warning)",
        "checked: 8 models, 12 scores, 5 aliases, 7 benchmarks, 3 editions in 3 files and 1 other post, 1 claim; "
        "0 error(s), 4 warning(s)",
    ]
    assert main(["check", "--strict", "--data", str(FIXTURES / "data"), "--content", str(FIXTURES / "blog")]) == 1


def test_check_is_quiet_on_the_bundled_editions(capsys):
    assert main(["check", "--data", str(ROOT / "data"), "--content", str(ROOT / "content")]) == 0
    assert "unknown model name" not in capsys.readouterr().out


def test_check_reports_a_number_shared_by_two_editions_naming_both_files(tmp_path, capsys):
    (tmp_path / "a.md").write_text('---\ntitle: "Things to start the week #3"\npublishDate: 2023-12-03\n---\nx\n')
    (tmp_path / "b.md").write_text('---\ntitle: "Papers I liked #3"\npublishDate: 2024-03-03\n---\ny\n')
    assert main(["check", "--data", str(ROOT / "data"), "--content", str(tmp_path)]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if "#3" in line]
    assert "b.md: edition number #3 is also that of " in line and "a.md" in line and line.endswith("(warning)")


def test_editions_lists_the_versions_of_each_edition(capsys):
    assert main(["editions", "--content", str(FIXTURES / "content")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["#6 · 24 December 2023 · Unfinished thoughts #6 (draft)",
                       "    Blog post: tests/fixtures/content/draft.md",
                       "#5 · 17 December 2023 · Some interesting things to start the week #5"]
    assert out[3:5] == ["    Blog post: tests/fixtures/content/2023-12-17-week-5.md",
                        "    Newsletter text: tests/fixtures/content/week-5-plain.txt"]
    assert main(["editions", "--all", "--content", str(FIXTURES / "blog")]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert listed[2] == "5 December 2023 · Notes from a conference (not an edition)" and len(listed) == 4
