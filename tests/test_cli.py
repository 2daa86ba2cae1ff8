import subprocess
import sys

from superficial.__main__ import main
from tests.conftest import FIXTURES, ROOT


def test_check_passes_on_bundled_data(capsys):
    assert main(["check", "--data", str(ROOT / "data"), "--content", str(ROOT / "content")]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "2 editions" in out


def test_check_reports_file_line_reason_and_fails(data_copy, capsys):
    models = data_copy / "models.csv"
    models.write_text(models.read_text() + "Big,Org,F,0,,dense,2023-01-01,true,MIT,https://a.example\n")
    assert main(["check", "--data", str(data_copy), "--content", str(FIXTURES / "content")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.endswith("models.csv:10: total_params_b must be greater than 0, got 0 (leave it empty when unknown)")
               for line in lines)
    # The fixture editions' "Gemini Ultra beats/dethroned GPT-4" differ from the fixture data (5-shot: 83.7 vs 86.4).
    assert sum("claim differs from the data" in line for line in lines) == 2
    assert lines[-1].endswith("1 error(s), 4 warning(s)")


def test_check_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "superficial", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked:" in result.stdout
