"""Problems found in input files, reported as ``file:line: reason``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem with an input file; ``line`` is 1-based, 0 when it concerns the whole file."""

    file: str
    line: int
    reason: str
    severity: str = "error"  # "error" drops the row or file; "warning" keeps it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


def display_path(path: Path | str) -> str:
    """Path relative to the working directory when possible, for short messages."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
