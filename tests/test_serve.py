"""python -m superficial.serve: streamlit run with the first page's imports warmed in a thread."""
import subprocess
import sys
import threading

from streamlit.web import cli

from superficial import serve
from tests.conftest import ROOT


def test_serve_runs_streamlit_with_the_arguments_given_and_warms_the_imports(monkeypatch):
    seen = {}

    def fake_main(prog_name):
        seen["argv"], seen["prog"] = list(sys.argv), prog_name
        seen["warming"] = [t for t in threading.enumerate() if t.name == "warm-imports"]

    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    serve.main(["app.py", "--server.port", "8599"])
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "8599"] and seen["prog"] == "streamlit"
    for thread in seen["warming"]:
        thread.join(timeout=60)


def test_warming_imports_what_a_page_needs_in_a_fresh_interpreter():
    code = ("import sys; from superficial.serve import warm_imports; warm_imports(); "
            "print(all(m in sys.modules for m in ('pandas', 'duckdb', 'plotly.graph_objects', 'superficial.ui.cache')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr[-2000:]
