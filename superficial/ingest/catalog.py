"""Read and validate the CSV files in ``data/``: every bad row is reported, every good row kept."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from superficial.ingest.problems import Problem, display_path

ARCHITECTURES = ("dense", "MoE", "SSM")
TRUE_WORDS = {"true", "yes", "1", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "n", "f"}

MODEL_COLUMNS = [
    "name", "variant_of", "organization", "family", "total_params_b", "active_params_b",
    "architecture", "release_date", "knowledge_cutoff", "open_weights", "license", "link",
]
SCORE_COLUMNS = ["model", "benchmark", "setting", "value", "source_url", "note"]
ALIAS_COLUMNS = ["alias", "model"]
BENCHMARK_COLUMNS = ["benchmark", "unit", "min_value", "max_value", "higher_is_better", "description", "link"]
# Columns added after the first data folders were written: a file without them reads as if they were empty.
OPTIONAL_COLUMNS = {"variant_of", "knowledge_cutoff"}
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


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
ONLINE = "online"


def month(value: str) -> str | None:
    """A knowledge cutoff: a month as YYYY-MM, or "online" for a model that reads the live web."""
    word = value.strip()
    if not word:
        return None
    if word.lower() == ONLINE:
        return ONLINE
    if not _MONTH.fullmatch(word):
        raise BadValue(f"{word!r} is not a month as YYYY-MM (or {ONLINE!r})")
    return word


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
        "name": required, "variant_of": text, "organization": required, "family": text,
        "total_params_b": positive, "active_params_b": positive, "architecture": architecture,
        "release_date": iso_date, "knowledge_cutoff": month, "open_weights": boolean, "license": text, "link": url,
    },
    "scores": {
        "model": required, "benchmark": required, "setting": required, "value": number,
        "source_url": required_url, "note": text,
    },
    "aliases": {"alias": required, "model": required},
}


def read_column(reader: Callable[[str], object], values, column: str, bad: dict[int, list[str]]) -> list:
    """Type one column of raw strings; the reason a value is bad goes to ``bad[row]`` as "column reason".

    Each distinct value is read once (a large file repeats most of them) and the results spread back.
    """
    codes, uniques = pd.factorize(pd.Series(values, dtype=object) if isinstance(values, list) else values)
    results, reasons = [], {}
    for code, value in enumerate(uniques.tolist()):
        try:
            results.append(reader(value))
        except BadValue as err:
            results.append(None)
            reasons[code] = f"{column} {err}"
    typed = np.empty(len(results), dtype=object)
    typed[:] = results
    for row in np.flatnonzero(np.isin(codes, list(reasons))) if reasons else ():
        bad.setdefault(int(row), []).append(reasons[codes[row]])
    return typed[codes].tolist()


@dataclass
class Table:
    """Rows read from one CSV, column by column: typed values plus the line each row came from."""

    name: str
    file: str
    columns: dict[str, list] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for column in FILES[self.name][1]:
            self.columns.setdefault(column, [])

    def __len__(self) -> int:
        return len(self.lines)

    def row(self, i: int) -> dict:
        return {column: values[i] for column, values in self.columns.items()}

    @property
    def rows(self) -> list[dict]:
        return [self.row(i) for i in range(len(self))]

    def drop(self, positions: Iterable[int]) -> None:
        """Leave out the rows at these positions."""
        gone = set(positions)
        if not gone:
            return
        keep = [i for i in range(len(self)) if i not in gone]
        self.columns = {column: [values[i] for i in keep] for column, values in self.columns.items()}
        self.lines = [self.lines[i] for i in keep]

    def frame(self) -> pd.DataFrame:
        columns = FILES[self.name][1]
        if not self.lines:
            frame = pd.DataFrame([], columns=columns)
        else:
            frame = pd.DataFrame({column: self.columns[column] for column in columns}, columns=columns)
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
    header, fields, lines = read_records(source, file, columns, problems)
    for line, record in zip(lines, zip(*fields)):
        yield line, dict(zip(header, record))


def read_records(source: str | bytes, file: str, columns: list[str],
                 problems: list[Problem]) -> tuple[list[str], list, list[int]]:
    """The header, the fields of the well-formed CSV records column by column (one sequence per header
    position), and the line each record starts on; malformed records are reported."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            problems.append(Problem(file, source[: err.start].count(b"\n") + 1, "not UTF-8 text"))
            return [], [], []
    if not source.strip():
        problems.append(Problem(file, 0, "empty file (expected a header row: " + ",".join(columns) + ")"))
        return [], [], []
    reader = csv.reader(io.StringIO(source, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        problems.append(Problem(file, 1, f"unreadable header: {err}"))
        return [], [], []
    missing = [c for c in columns if c not in header and c not in OPTIONAL_COLUMNS]
    if missing:
        hint = ""
        joined = ",".join(header)
        for delimiter in (";", "\t", "|"):
            if delimiter in joined:
                hint = f" (the file seems to use {delimiter!r} as delimiter; use commas)"
                break
        problems.append(Problem(file, 1, f"missing column(s): {', '.join(missing)}{hint}; file skipped"))
        return header, [], []
    extra = [h for h in header if h not in columns]
    if extra:
        problems.append(Problem(file, 1, f"unknown column(s) ignored: {', '.join(extra)}", "warning"))
    plain = _plain_records(source, len(header))
    if plain is not None:
        return header, *plain
    records: list[list[str]] = []
    lines: list[int] = []
    for start, record in csv_records(reader, len(header), file, problems):
        records.append(record)
        lines.append(start)
    return header, [[r[i] for r in records] for i in range(len(header))], lines


def _plain_records(source: str, width: int) -> tuple[list[pd.Series], list[int]] | None:
    """The fields of a plain file read at C speed, or None when csv.reader must read it.

    Plain: no quote, carriage return or NUL, every line after the header holds exactly ``width - 1``
    commas, no field near the csv field size limit, no line blank or looking blank. Then each line is
    one record, its fields are what lies between the commas, and this gives what csv.reader gives.
    """
    if width < 2 or any(c in source for c in ('"', "\r", "\x00")):
        return None
    body = source[source.index("\n") + 1:] if "\n" in source else ""
    if not body:
        return [pd.Series([], dtype=object) for _ in range(width)], []
    count = body.count("\n") + (0 if body.endswith("\n") else 1)
    if body.count(",") != count * (width - 1):
        return None
    try:  # a line with more fields than the first is an error, one with fewer is padded
        frame = pd.read_csv(io.BytesIO(body.encode("utf-8")), sep=",", header=None, dtype=object, quoting=csv.QUOTE_NONE,
                            na_filter=False, skip_blank_lines=False, index_col=False, engine="c", encoding="utf-8")
        if frame.shape != (count, width):
            return None
        fields = [frame[i] for i in frame.columns]
        lengths = [list(map(len, f.tolist())) for f in fields]  # TypeError: a padded NaN
    except (ValueError, TypeError, pd.errors.ParserError):
        return None
    # Every character is in a field, a comma or a newline: so no line has fewer commas (padding), and
    # none was dropped or changed.
    if (sum(map(sum, lengths)) + body.count(",") + body.count("\n") != len(body)
            or max(map(max, lengths)) >= csv.field_size_limit() - 1
            or not all(v.strip() for v in fields[0].unique().tolist())):
        return None
    return fields, list(range(2, count + 2))


def read_table(name: str, source: str | bytes, file: str, problems: list[Problem]) -> Table:
    """Type every field of one CSV; a row with a bad field is reported and left out."""
    columns = FILES[name][1]
    readers = FIELD_READERS[name]
    found: list[Problem] = []
    header, fields, lines = read_records(source, file, columns, found)
    position = {h: i for i, h in enumerate(header)}  # a repeated column: the last one counts
    bad: dict[int, list[str]] = {}
    typed = {column: read_column(readers[column], fields[position[column]] if column in position else
                                 [""] * len(lines), column, bad)
             for column in columns} if lines else {}
    found += [Problem(file, lines[row], "; ".join(bad[row])) for row in sorted(bad)]
    found.sort(key=lambda p: p.line)  # stable: the order of reading row by row
    problems.extend(found)
    table = Table(name, file, typed, lines)
    table.drop(bad)
    return table


def _keep(table: Table, keep: Callable[[dict, int], str | None], problems: list[Problem],
          suspects: Iterable[int] | None = None) -> None:
    """Drop the rows for which ``keep`` gives a reason, reporting each.

    With ``suspects`` (row positions, in order) only those rows are asked: every other row is known good.
    """
    dropped = []
    for i in range(len(table)) if suspects is None else suspects:
        reason = keep(table.row(i), table.lines[i])
        if reason:
            problems.append(Problem(table.file, table.lines[i], reason))
            dropped.append(i)
    table.drop(dropped)


def _keep_unique(table: Table, kind: str, key_columns: list[list], problems: list[Problem]) -> None:
    """Drop each row whose key (the values of ``key_columns``) an earlier row has, reporting where the first one is."""
    keys = list(zip(*key_columns)) if len(key_columns) > 1 else key_columns[0]
    if len(set(keys)) == len(keys):
        return
    first: dict = {}
    dropped = []
    for i, (key, line) in enumerate(zip(keys, table.lines)):
        if key in first:
            problems.append(Problem(table.file, line, f"duplicate {kind} (first at line {first[key]})"))
            dropped.append(i)
        else:
            first[key] = line
    table.drop(dropped)


def csv_records(reader, width: int, file: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) for each non-blank record of ``width`` fields; malformed ones are reported."""
    last_line = 1
    while True:
        start = last_line + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            problems.append(Problem(file, reader.line_num, f"malformed CSV: {err}"))
            return
        last_line = reader.line_num
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != width:
            problems.append(Problem(file, start, f"has {len(record)} fields, the header has {width}"))
            continue
        yield start, record


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_tables(benchmarks: Table, models: Table, scores: Table, aliases: Table, problems: list[Problem]) -> None:
    """Cross-row rules: unique keys, ranges, and references between the tables."""
    _keep_unique(benchmarks, "benchmark", [[b.lower() for b in benchmarks.columns["benchmark"]]], problems)

    def bench_range(row: dict, line: int) -> str | None:
        low, high = row["min_value"], row["max_value"]
        if low is not None and high is not None and low >= high:
            return f"min_value {low:g} is not below max_value {high:g}"
        return None

    _keep(benchmarks, bench_range, problems)
    scales = {b["benchmark"]: b for b in benchmarks.rows}

    _keep_unique(models, "model", [[n.lower() for n in models.columns["name"]]], problems)

    def moe_sizes(row: dict, line: int) -> str | None:
        total, active = row["total_params_b"], row["active_params_b"]
        if total is not None and active is not None and active > total:
            return f"active_params_b {active:g} is larger than total_params_b {total:g}"
        return None

    _keep(models, moe_sizes, problems, suspects=[
        i for i, (total, active) in enumerate(zip(models.columns["total_params_b"], models.columns["active_params_b"]))
        if total is not None and active is not None and active > total])
    _keep_variant_chains(models, aliases, problems)
    model_names = set(models.columns["name"])
    by_lower = {n.lower(): n for n in model_names}

    def alias_rule(row: dict, line: int) -> str | None:
        if row["model"] not in model_names:
            return f"alias {row['alias']!r} points to unknown model {row['model']!r}{_suggest(row['model'], model_names)}"
        other = by_lower.get(row["alias"].lower())
        if other is not None and other != row["model"]:
            return f"alias {row['alias']!r} is the name of another model ({other!r})"
        return None

    _keep(aliases, alias_rule, problems)
    _keep_unique(aliases, "alias", [[a.lower() for a in aliases.columns["alias"]]], problems)

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

    _keep(scores, score_rule, problems, suspects=_score_suspects(scores, model_names, scales))
    _keep_unique(scores, "score (same model, benchmark, setting and source)",
                 [scores.columns[c] for c in ("model", "benchmark", "setting", "source_url")], problems)


def _keep_variant_chains(models: Table, aliases: Table, problems: list[Problem]) -> None:
    """Drop each model whose variant_of names no model of the file, or closes a loop; report why.

    Repeated until stable: a variant of a model left out is left out too, and says which line that was.
    """
    alias_of = {a.lower(): m for a, m in zip(aliases.columns["alias"], aliases.columns["model"])}
    left_out: dict[str, int] = {}
    while True:
        names, parents = models.columns["name"], models.columns["variant_of"]
        if not any(parents):
            return
        index = pd.Index(names)
        parent_at = index.get_indexer(pd.Series(parents, dtype=object))  # -1: none, or not a model here
        has_parent = np.fromiter((p is not None for p in parents), dtype=bool, count=len(parents))
        reasons: dict[int, str] = {}
        by_lower = None
        for i in np.flatnonzero(has_parent & (parent_at < 0)).tolist():
            parent = parents[i]
            by_lower = by_lower or {n.lower(): n for n in names}
            if parent in left_out:
                reasons[i] = f"variant_of {parent!r} is a model left out (line {left_out[parent]})"
            elif parent.lower() in by_lower:
                reasons[i] = f"variant_of {parent!r} is not a model in models.csv (did you mean {by_lower[parent.lower()]!r}?)"
            elif parent.lower() in alias_of:
                reasons[i] = (f"variant_of {parent!r} is an alias of {alias_of[parent.lower()]!r}; "
                              "variant_of needs the model's name")
            else:
                reasons[i] = f"variant_of {parent!r} is not a model in models.csv{_suggest(parent, set(names))}"
        # A model whose chain reaches a base model is fine; what is left after following every chain to
        # the end sits on a loop, or leads into one.
        rooted = ~has_parent
        while True:
            step = ~rooted & (parent_at >= 0)
            step[step] = rooted[parent_at[step]]
            if not step.any():
                break
            rooted |= step
        for start in np.flatnonzero(~rooted & (parent_at >= 0)).tolist():
            path: list[int] = []
            node = start
            while node >= 0 and not rooted[node] and node not in path:
                path.append(node)
                node = parent_at[node]
            if node in path:
                loop = [names[i] for i in path[path.index(node):]]
                for at, member in enumerate(loop):
                    reasons[index.get_loc(member)] = (
                        "variant_of names the model itself" if len(loop) == 1 else
                        "variant_of goes round in a loop: " + " → ".join(loop[at:] + loop[:at + 1]))
            rooted[path] = True  # walked once: a loop reported, or a row that leads into one (next round)
        if not reasons:
            return
        for i in sorted(reasons):
            problems.append(Problem(models.file, models.lines[i], reasons[i]))
            left_out[names[i]] = models.lines[i]
        models.drop(reasons)


def base_models(models: pd.DataFrame) -> list[str]:
    """For each model, the root of its variant_of chain: the model itself when it is no variant.

    The chains must be valid (as check_tables leaves them).
    """
    names = models["name"].to_numpy(dtype=object)
    at = pd.Index(names).get_indexer(models["variant_of"].astype(object))
    root = np.where(at >= 0, at, np.arange(len(names)))
    while True:  # each step halves every remaining path
        further = root[root]
        if (further == root).all():
            return names[root].tolist()
        root = further


def _score_suspects(scores: Table, model_names: set[str], scales: dict[str, dict]) -> list[int]:
    """Positions of the score rows that may break a rule (unknown model or benchmark, empty or out of range)."""
    nan = float("nan")
    bounds = {b: (nan if s["min_value"] is None else s["min_value"], nan if s["max_value"] is None else s["max_value"])
              for b, s in scales.items()}
    known = np.fromiter((m in model_names and b in bounds for m, b in zip(scores.columns["model"], scores.columns["benchmark"])),
                        dtype=bool, count=len(scores))
    value = np.array(scores.columns["value"], dtype=float)  # None -> NaN
    low, high = (np.fromiter((bounds.get(b, (nan, nan))[i] for b in scores.columns["benchmark"]), dtype=float,
                             count=len(scores)) for i in (0, 1))
    ok = known & ~np.isnan(value) & ~(value < low) & ~(value > high)
    return np.flatnonzero(~ok).tolist()


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
    models = tables["models"].frame()
    models.insert(MODEL_COLUMNS.index("variant_of") + 1, "base_model", base_models(models))
    return Catalog(
        benchmarks=tables["benchmarks"].frame(),
        models=models,
        scores=tables["scores"].frame(),
        aliases=tables["aliases"].frame(),
        problems=problems,
    )
