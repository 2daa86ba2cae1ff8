"""Run the dashboard on a loopback port and open it in Debian's Chromium (tests, screenshots, benchmarks)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A Streamlit server of the dashboard running in a child process."""

    def __init__(self, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"superficial-app-{self.port}.log"
        self.env = {**os.environ, "ARROW_DEFAULT_MEMORY_POOL": "system", **(env or {})}  # as scripts/run.sh

    def command(self) -> list[str]:
        """How the server is started; the options every server here shares come last."""
        return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), *self.options()]

    def options(self) -> list[str]:
        return ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]

    def __enter__(self) -> AppServer:
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited early: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("app did not become healthy in 60 s")

    def server_log(self) -> str:
        return self.log_path.read_text()

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()




def launch_chromium(playwright):
    """Debian's Chromium, headless, never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running, twice, so a quick rerun is not mistaken for the end."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
