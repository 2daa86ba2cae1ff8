"""Read and validate the CSV files in ``data/``: every bad row is reported, every good row kept."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from superficial.problems import Problem, display_path

ARCHITECTURES = ("dense", "MoE", "SSM")
TRUE_WORDS = {"true", "yes", "1", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "n", "f"}

MODEL_COLUMNS = [
    "name", "organization", "family", "total_params_b", "active_params_b",
    "architecture", "release_date", "open_weights", "license", "link",
]
SCORE_COLUMNS = ["model", "benchmark", "setting", "value", "source_url", "note"]
ALIAS_COLUMNS = ["alias", "model"]
BENCHMARK_COLUMNS = ["benchmark", "unit", "min_value", "max_value", "higher_is_better", "description", "link"]
FILES = {
    "benchmarks": ("benchmarks.csv", BENCHMARK_COLUMNS),
    "models": ("models.csv", MODEL_COLUMNS),
    "scores": ("scores.csv", SCORE_COLUMNS),
    "aliases": ("aliases.csv", ALIAS_COLUMNS),
}


class BadValue(ValueError):
    """A field that does not hold what its column needs."""


# --- field readers: text in, typed value out, BadValue with a reason otherwise -------------

def text(value: str) -> str | None:
    return value.strip() or None


def required(value: str) -> str:
    value = value.strip()
    if not value:
        raise BadValue("is empty")
    return value


def number(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        result = float(value.replace("_", ""))
    except ValueError:
        raise BadValue(f"{value!r} is not a number") from None
    if not math.isfinite(result):
        raise BadValue(f"{value!r} is not a finite number")
    return result


def positive(value: str) -> float | None:
    result = number(value)
    if result is not None and result <= 0:
        raise BadValue(f"must be greater than 0, got {value.strip()} (leave it empty when unknown)")
    return result


def iso_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{value!r} is not a date as YYYY-MM-DD") from None


def boolean(value: str) -> bool | None:
    word = value.strip().lower()
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(f"{value.strip()!r} is not true or false")


def architecture(value: str) -> str | None:
    word = value.strip()
    if not word:
        return None  # undisclosed (GPT-4, Claude): unknown stays empty
    for arch in ARCHITECTURES:
        if word.lower() == arch.lower():
            return arch
    raise BadValue(f"{word!r} is not one of {', '.join(ARCHITECTURES)}")


def url(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not value.lower().startswith(("https://", "http://")):
        raise BadValue(f"{value!r} is not an http(s) URL")
    return value


def required_url(value: str) -> str:
    result = url(value)
    if result is None:
        raise BadValue("is empty (every score needs its source)")
    return result


FIELD_READERS: dict[str, dict[str, Callable[[str], object]]] = {
    "benchmarks": {
        "benchmark": required, "unit": text, "min_value": number, "max_value": number,
        "higher_is_better": boolean, "description": text, "link": url,
    },
    "models": {
        "name": required, "organization": required, "family": text, "total_params_b": positive,
        "active_params_b": positive, "architecture": architecture, "release_date": iso_date,
        "open_weights": boolean, "license": text, "link": url,
    },
    "scores": {
        "model": required, "benchmark": required, "setting": required, "value": number,
        "source_url": required_url, "note": text,
    },
    "aliases": {"alias": required, "model": required},
}


@dataclass
class Table:
    """Rows read from one CSV: typed values plus the line each came from."""

    name: str
    file: str
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        columns = FILES[self.name][1]
        frame = pd.DataFrame(self.rows, columns=columns)
        frame["source_line"] = pd.Series(self.lines, dtype="int64")
        return frame


@dataclass
class Catalog:
    """All validated tables and the problems met while reading them."""

    benchmarks: pd.DataFrame
    models: pd.DataFrame
    scores: pd.DataFrame
    aliases: pd.DataFrame
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def read_rows(source: str | bytes, file: str, columns: list[str], problems: list[Problem]) -> Iterable[tuple[int, dict]]:
    """Yield (line, raw row dict) for each well-formed CSV record; report malformed ones."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            problems.append(Problem(file, source[: err.start].count(b"\n") + 1, "not UTF-8 text"))
            return
    if not source.strip():
        problems.append(Problem(file, 0, "empty file (expected a header row: " + ",".join(columns) + ")"))
        return
    reader = csv.reader(io.StringIO(source, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        problems.append(Problem(file, 1, f"unreadable header: {err}"))
        return
    missing = [c for c in columns if c not in header]
    if missing:
        hint = ""
        joined = ",".join(header)
        for delimiter in (";", "\t", "|"):
            if delimiter in joined:
                hint = f" (the file seems to use {delimiter!r} as delimiter; use commas)"
                break
        problems.append(Problem(file, 1, f"missing column(s): {', '.join(missing)}{hint}; file skipped"))
        return
    extra = [h for h in header if h not in columns]
    if extra:
        problems.append(Problem(file, 1, f"unknown column(s) ignored: {', '.join(extra)}", "warning"))
    last_line = 1
    while True:
        start = last_line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(file, reader.line_num, f"malformed CSV: {err}"))
            break
        last_line = reader.line_num
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(file, start, f"has {len(record)} fields, the header has {len(header)}"))
            continue
        yield start, dict(zip(header, record))


def read_table(name: str, source: str | bytes, file: str, problems: list[Problem]) -> Table:
    """Type every field of one CSV; a row with a bad field is reported and left out."""
    columns = FILES[name][1]
    readers = FIELD_READERS[name]
    table = Table(name, file)
    for line, raw in read_rows(source, file, columns, problems):
        row, bad = {}, []
        for column in columns:
            try:
                row[column] = readers[column](raw[column])
            except BadValue as err:
                bad.append(f"{column} {err}")
        if bad:
            problems.append(Problem(file, line, "; ".join(bad)))
            continue
        table.rows.append(row)
        table.lines.append(line)
    return table


def _keep(table: Table, keep: Callable[[dict, int], str | None], problems: list[Problem]) -> None:
    """Drop the rows for which ``keep`` gives a reason, reporting each."""
    rows, lines = [], []
    for row, line in zip(table.rows, table.lines):
        reason = keep(row, line)
        if reason:
            problems.append(Problem(table.file, line, reason))
        else:
            rows.append(row)
            lines.append(line)
    table.rows, table.lines = rows, lines


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_tables(benchmarks: Table, models: Table, scores: Table, aliases: Table, problems: list[Problem]) -> None:
    """Cross-row rules: unique keys, ranges, and references between the tables."""
    def unique(kind: str, key_of: Callable[[dict], object]) -> Callable[[dict, int], str | None]:
        seen: dict = {}

        def rule(row: dict, line: int) -> str | None:
            key = key_of(row)
            if key in seen:
                return f"duplicate {kind} (first at line {seen[key]})"
            seen[key] = line
            return None

        return rule

    _keep(benchmarks, unique("benchmark", lambda r: r["benchmark"].lower()), problems)

    def bench_range(row: dict, line: int) -> str | None:
        low, high = row["min_value"], row["max_value"]
        if low is not None and high is not None and low >= high:
            return f"min_value {low:g} is not below max_value {high:g}"
        return None

    _keep(benchmarks, bench_range, problems)
    scales = {b["benchmark"]: b for b in benchmarks.rows}

    _keep(models, unique("model", lambda r: r["name"].lower()), problems)

    def moe_sizes(row: dict, line: int) -> str | None:
        total, active = row["total_params_b"], row["active_params_b"]
        if total is not None and active is not None and active > total:
            return f"active_params_b {active:g} is larger than total_params_b {total:g}"
        return None

    _keep(models, moe_sizes, problems)
    model_names = {m["name"] for m in models.rows}
    by_lower = {n.lower(): n for n in model_names}

    def alias_rule(row: dict, line: int) -> str | None:
        if row["model"] not in model_names:
            return f"alias {row['alias']!r} points to unknown model {row['model']!r}{_suggest(row['model'], model_names)}"
        other = by_lower.get(row["alias"].lower())
        if other is not None and other != row["model"]:
            return f"alias {row['alias']!r} is the name of another model ({other!r})"
        return None

    _keep(aliases, alias_rule, problems)
    _keep(aliases, unique("alias", lambda r: r["alias"].lower()), problems)

    def score_rule(row: dict, line: int) -> str | None:
        if row["model"] not in model_names:
            return f"unknown model {row['model']!r}{_suggest(row['model'], model_names)}"
        scale = scales.get(row["benchmark"])
        if scale is None:
            return f"unknown benchmark {row['benchmark']!r} (known: {', '.join(sorted(scales))})"
        value = row["value"]
        if value is None:
            return "value is empty (leave out a score that is not known)"
        low, high = scale["min_value"], scale["max_value"]
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{row['benchmark']} value {value:g} is outside {low:g}–{high:g}"
        return None

    _keep(scores, score_rule, problems)
    _keep(scores, unique("score (same model, benchmark, setting and source)",
                         lambda r: (r["model"], r["benchmark"], r["setting"], r["source_url"])), problems)


def read_catalog(data_dir: Path | str, overrides: dict[str, bytes] | None = None) -> Catalog:
    """Read the four CSV files of a data folder; ``overrides`` replaces a file's content by name."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables = {}
    for name, (filename, _) in FILES.items():
        path = data_dir / filename
        file = display_path(path)
        if overrides and name in overrides:
            source: str | bytes = overrides[name]
        elif path.is_file():
            source = path.read_bytes()
        else:
            problems.append(Problem(file, 0, "file not found"))
            tables[name] = Table(name, file)
            continue
        tables[name] = read_table(name, source, file, problems)
    check_tables(tables["benchmarks"], tables["models"], tables["scores"], tables["aliases"], problems)
    return Catalog(
        benchmarks=tables["benchmarks"].frame(),
        models=tables["models"].frame(),
        scores=tables["scores"].frame(),
        aliases=tables["aliases"].frame(),
        problems=problems,
    )
