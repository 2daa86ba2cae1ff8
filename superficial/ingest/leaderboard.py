"""Import an LMSYS Chatbot Arena ``leaderboard_table_YYYYMMDD.csv`` into the data files.

Three historical layouts are read:

- 2023:        Model, MT-bench (score), Arena Elo rating, MMLU, License, Link
- 2024-01-09:  key, Model, MT-bench (score), MMLU, License, Organization, Link
- later 2024:  key, Model, MT-bench (score), MMLU, Knowledge cutoff date, License, Organization, Link

``-`` means no value; MMLU is a fraction and becomes a percent; the knowledge cutoff ("2023/4") becomes a
month ("2023-04"). Each distinct model of a table (its ``key``, or its name in the 2023 layout) is one
model of the data: matched by name, then key, to a model or an alias (case-insensitively), or added as
a new model. Two models of one table that the data would merge stop the import with the alias to split;
a Hugging Face link that differs from the matched model's names another checkpoint, a model of its own.
New rows are appended to the CSV files, existing lines are never rewritten. Everything is validated
through ``catalog.read_catalog`` before any file is replaced, so a malformed file changes nothing, and a
second import of the same file adds nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from superficial.ingest.catalog import FILES, ONLINE, Catalog, csv_records, read_catalog
from superficial.ingest.problems import Problem

LMSYS_URL = "https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard"
UNKNOWN_ORGANIZATION = "unknown (LMSYS import)"
MAX_BYTES = 5 * 1024 * 1024
REQUIRED = ["Model", "MT-bench (score)", "MMLU", "License", "Link"]
OPTIONAL = ["key", "Arena Elo rating", "Organization", "Knowledge cutoff date"]
LAYOUTS = {
    "2023": ["Model", "MT-bench (score)", "Arena Elo rating", "MMLU", "License", "Link"],
    "2024-01": ["key", "Model", "MT-bench (score)", "MMLU", "License", "Organization", "Link"],
    "2024-02+": ["key", "Model", "MT-bench (score)", "MMLU", "Knowledge cutoff date", "License", "Organization",
                 "Link"],
}
_FILE_DATE = re.compile(r"leaderboard_table_(\d{8})")
_CUTOFF = re.compile(r"(\d{4})[/-](\d{1,2})")
_HF_REPO = re.compile(r"https?://(?:www\.)?huggingface\.co/([^/?#]+/[^/?#]+)/?$", re.IGNORECASE)
MISSING = {"", "-", "—", "–", "n/a", "N/A", "nan"}


# --- reading the leaderboard file ------------------------------------------------------------

@dataclass
class BoardRow:
    """One model row of a leaderboard file, values already on the project's scales."""

    line: int
    model: str
    key: str | None
    mt_bench: float | None
    elo: float | None
    mmlu_percent: float | None
    mmlu_raw: str | None
    license: str | None
    organization: str | None
    link: str | None
    knowledge_cutoff: str | None = None


@dataclass
class Leaderboard:
    """A parsed leaderboard file: its rows, date and layout, or the problems that make it unusable."""

    file: str
    date: dt.date | None
    layout: str
    rows: list[BoardRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def date_from_name(name: str) -> dt.date | None:
    """The leaderboard date in a file name like leaderboard_table_20231220.csv."""
    match = _FILE_DATE.search(name)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def _value(cell: str, column: str, line: int, file: str, problems: list[Problem]) -> float | None:
    cell = cell.strip()
    if cell in MISSING:
        return None
    try:
        value = float(cell)
    except ValueError:
        problems.append(Problem(file, line, f"{column} {cell!r} is not a number or '-'"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(file, line, f"{column} {cell!r} is not a finite number"))
        return None
    return value


def _cutoff(cell: str, line: int, file: str, problems: list[Problem]) -> str | None:
    """A knowledge cutoff cell as YYYY-MM, "online", or None for no value ("-", "Unknown")."""
    cell = cell.strip()
    if cell in MISSING or cell.lower() == "unknown":
        return None
    if cell.lower() == ONLINE:
        return ONLINE
    match = _CUTOFF.fullmatch(cell)
    if not match or not 1 <= int(match.group(2)) <= 12:
        problems.append(Problem(file, line, f"Knowledge cutoff date {cell!r} is not a month as YYYY/M, "
                                            "'Online' or 'Unknown'"))
        return None
    return f"{match.group(1)}-{int(match.group(2)):02d}"


def parse_leaderboard(source: bytes | str, file_name: str, date: dt.date | None = None) -> Leaderboard:
    """Read a leaderboard CSV; any problem in it is reported and makes the whole file unusable."""
    name = Path(file_name).name
    board = Leaderboard(file=name, date=date or date_from_name(name), layout="")
    problems = board.problems
    if board.date is None:
        problems.append(Problem(name, 0, "cannot tell the leaderboard date: name the file "
                                         "leaderboard_table_YYYYMMDD.csv or give the date"))
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            problems.append(Problem(name, 0, f"file is {len(source):,} bytes, over the {MAX_BYTES:,}-byte limit"))
            return board
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            problems.append(Problem(name, source[: err.start].count(b"\n") + 1, "not UTF-8 text"))
            return board
    if not source.strip():
        problems.append(Problem(name, 0, "empty file (expected a header row: " + ",".join(LAYOUTS["2023"]) + ")"))
        return board
    reader = csv.reader(io.StringIO(source, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        problems.append(Problem(name, 1, f"unreadable header: {err}"))
        return board
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(Problem(name, 1, f"missing column(s): {', '.join(missing)} — not an LMSYS leaderboard "
                                         f"table (expected e.g. {','.join(LAYOUTS['2023'])})"))
        return board
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        problems.append(Problem(name, 1, f"column(s) appear twice: {', '.join(duplicated)}"))
        return board
    board.layout = next((label for label, columns in LAYOUTS.items() if header == columns), "other")
    board.ignored_columns = [h for h in header if h not in REQUIRED + OPTIONAL]
    for start, record in csv_records(reader, len(header), name, problems):
        raw = dict(zip(header, record))
        model = raw["Model"].strip()
        if not model or model in MISSING:
            problems.append(Problem(name, start, "Model is empty"))
            continue
        mt = _value(raw["MT-bench (score)"], "MT-bench (score)", start, name, problems)
        elo = _value(raw.get("Arena Elo rating", ""), "Arena Elo rating", start, name, problems)
        mmlu = _value(raw["MMLU"], "MMLU", start, name, problems)
        if mt is not None and not 0 <= mt <= 10:
            problems.append(Problem(name, start, f"MT-bench (score) {mt:g} is outside 0–10"))
        if elo is not None and not 0 < elo < 3000:
            problems.append(Problem(name, start, f"Arena Elo rating {elo:g} is outside 0–3000"))
        if mmlu is not None and not 0 <= mmlu <= 1:
            problems.append(Problem(name, start, f"MMLU {mmlu:g} is not a fraction between 0 and 1"))
        link = raw["Link"].strip()
        board.rows.append(BoardRow(
            line=start, model=model, key=(raw.get("key") or "").strip() or None, mt_bench=mt, elo=elo,
            mmlu_percent=None if mmlu is None else round(mmlu * 100, 6),
            mmlu_raw=raw["MMLU"].strip() if mmlu is not None else None,
            license=_text(raw["License"]), organization=_text(raw.get("Organization", "")),
            link=link if link.lower().startswith(("https://", "http://")) else None,
            knowledge_cutoff=_cutoff(raw.get("Knowledge cutoff date", ""), start, name, problems),
        ))
    if not board.rows and not problems:
        problems.append(Problem(name, 0, "no model rows below the header"))
    return board


def _text(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in MISSING else cell


# --- planning the merge ------------------------------------------------------------------------

@dataclass
class RowOutcome:
    """What became of one leaderboard row."""

    line: int
    name_in_file: str
    model: str | None  # the model of the data it is, None when the row was not recorded
    new_model: bool = False
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """"'gpt-4' = GPT-4 (known model): added …; already in the data: …" on one line."""
        if self.model is None:
            return f"{self.name_in_file!r} skipped: {'; '.join(self.skipped)}"
        if self.new_model:
            head = f"{self.model!r} added as a new model"
        elif self.name_in_file == self.model:
            head = f"{self.model} (known model)"
        else:
            head = f"{self.name_in_file!r} = {self.model} (known model)"
        parts = [f"added {', '.join(self.added)}" if self.added else "",
                 f"already in the data: {', '.join(self.unchanged)}" if self.unchanged else ""]
        parts = [p for p in parts if p] or ["nothing added"]
        return f"{head}: {'; '.join(parts)}"


@dataclass
class ImportReport:
    """What an import added, matched and skipped (with reasons), or why it changed nothing."""

    file: str
    date: dt.date | None
    layout: str
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    aliases_added: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def models_added(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.new_model]

    @property
    def models_matched(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.model and not r.new_model]

    @property
    def not_recorded(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.model is None]

    @property
    def scores_added(self) -> int:
        return sum(len(r.added) for r in self.rows)

    @property
    def scores_unchanged(self) -> int:
        return sum(len(r.unchanged) for r in self.rows)

    @property
    def skipped(self) -> list[tuple[RowOutcome, str]]:
        return [(r, reason) for r in self.rows if r.model for reason in r.skipped]

    def summary(self) -> str:
        """One line: added, matched, skipped, not recorded."""
        if not self.ok:
            return f"{self.file}: nothing imported, {len(self.problems)} problem(s)"
        unscored = (f"; {len(self.not_recorded)} model(s) without any score not recorded (--with-unscored "
                    "records them)" if self.not_recorded else "")
        return (f"{self.file}: added {len(self.models_added)} model(s) and {self.scores_added} score(s); "
                f"{len(self.models_matched)} row(s) matched known models; {self.scores_unchanged} score(s) already "
                f"in the data; {len(self.skipped)} value(s) skipped{unscored}")

    def frame(self) -> pd.DataFrame:
        """One row per leaderboard row: what it matched and what became of its values."""
        return pd.DataFrame(
            [{"line": r.line, "in file": r.name_in_file, "model": r.model or "",
              "outcome": "skipped" if r.model is None else ("new model" if r.new_model else "known model"),
              "added": ", ".join(r.added), "already in the data": ", ".join(r.unchanged),
              "skipped": "; ".join(r.skipped), "notes": "; ".join(r.hints)} for r in self.rows],
            columns=["line", "in file", "model", "outcome", "added", "already in the data", "skipped", "notes"])

    def lines(self) -> list[str]:
        """The full report as text lines, row by row in file order, for the command line."""
        if not self.ok:
            return [*(str(p) for p in self.problems), f"{self.summary()}; data/ left unchanged"]
        out = [f"{self.file}: layout {self.layout}, leaderboard of {self.date}, {len(self.rows)} row(s)"]
        if self.ignored_columns:
            out.append(f"  columns ignored: {', '.join(self.ignored_columns)}")
        for row in self.rows:
            out.append(f"  line {row.line}: {row.describe()}")
            out.extend(f"      skipped {reason}" for reason in row.skipped if row.model)
            out.extend(f"      note: {hint}" for hint in row.hints)
        for alias, model in self.aliases_added:
            out.append(f"  added alias {alias!r} for {model}")
        out.extend(f"  note: {note}" for note in self.notes)
        out.append(self.summary())
        if self.dry_run:
            out.append("dry run: nothing written")
        elif self.written:
            out.append("wrote " + ", ".join(self.written))
        else:
            out.append("nothing new: no file changed")
        return out


@dataclass
class Plan:
    """New CSV rows per table (column -> text), and the report that explains them."""

    report: ImportReport
    rows: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {name: [] for name in FILES})

    @property
    def changes(self) -> bool:
        return any(self.rows.values())


def _fmt(value: float) -> str:
    return format(round(value, 6), "g")


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def _hf_repo(link) -> str | None:
    """The owner/name of a Hugging Face model link, lowercased: it names one checkpoint."""
    match = _HF_REPO.match(link.strip()) if isinstance(link, str) else None
    return match.group(1).lower() if match else None


def source_url(file_name: str) -> str:
    """Where a leaderboard file lives in the LMSYS space (its own URL, so each file is its own source)."""
    return f"{LMSYS_URL}/blob/main/{file_name}" if _FILE_DATE.search(file_name) else LMSYS_URL


def _identity(row: BoardRow) -> str:
    """What makes a row one model of its table: its key where the layout has keys, else its name."""
    return (row.key or row.model).lower()


class _Models:
    """The models an import can match (the data's and those it adds) by name, alias and Hugging Face
    link, and the row of the file each one was matched to first."""

    def __init__(self, catalog: Catalog):
        models = catalog.models
        self.in_data = set(models["name"])
        self.lookup: dict[str, str] = {n.lower(): n for n in models["name"]}
        self.alias_of: dict[str, str] = {}
        for alias, model in zip(catalog.aliases["alias"], catalog.aliases["model"]):
            self.lookup.setdefault(alias.lower(), model)
            self.alias_of.setdefault(alias.lower(), model)
        self.link = {n: link for n, link in zip(models["name"], models["link"]) if isinstance(link, str)}
        self.by_repo = {_hf_repo(link): n for n, link in self.link.items() if _hf_repo(link)}
        self.facts = {row["name"]: row for row in models.to_dict("records")}
        self.first_row: dict[str, BoardRow] = {}

    def taken(self, name: str | None) -> bool:
        return not name or name.lower() in self.lookup

    def claim(self, model: str, row: BoardRow) -> None:
        """Note the first row of the file that is this model."""
        self.first_row.setdefault(model, row)

    def add(self, name: str, row: BoardRow) -> None:
        """A new model the import adds for this row."""
        self.lookup[name.lower()] = name
        repo = _hf_repo(row.link)
        if repo:
            self.link[name] = row.link
            self.by_repo.setdefault(repo, name)
        self.claim(name, row)

    def fact(self, model: str, column: str):
        value = self.facts.get(model, {}).get(column)
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else value

    def match(self, row: BoardRow, outcome: RowOutcome, file: str) -> tuple[str | None, Problem | None]:
        """The model a row is (None: a new one), or the problem that stops the import.

        By name first, then by key; a model whose Hugging Face link differs from the row's is another
        checkpoint; a model another row of this file already is can only be this row's model if the data
        says so, and then the data merges two models of the table: a problem.
        """
        # A model added for this row by an earlier import took the first of its names that was free.
        candidates = list(dict.fromkeys(self.lookup[n.lower()] for n in _names(row) if n.lower() in self.lookup))
        repo = _hf_repo(row.link)
        same_checkpoint = []
        for model in candidates:
            theirs = _hf_repo(self.link.get(model))
            if repo and theirs and repo != theirs:
                outcome.hints.append(f"{model} links {self.link[model]}; this row links {row.link}: another checkpoint")
            else:
                same_checkpoint.append(model)
        if repo and not same_checkpoint and repo in self.by_repo:
            same_checkpoint.append(self.by_repo[repo])
        for model in same_checkpoint:
            first = self.first_row.get(model)
            if first is None or _identity(first) == _identity(row):
                by_name, by_key = (self.lookup.get(t.lower()) if t else None for t in (row.model, row.key))
                if by_name and by_key and by_name != by_key:
                    outcome.hints.append(f"its name is {by_name}, its key {row.key!r} {by_key}; imported as {model}")
                return model, None
        if same_checkpoint and same_checkpoint[0] in self.in_data:
            model = same_checkpoint[0]
            first = self.first_row[model]
            via = [t for t in (row.model, row.key, first.model, first.key)
                   if t and self.alias_of.get(t.lower()) == model]
            mapping = f" (aliases.csv maps {', '.join(repr(t) for t in dict.fromkeys(via))} to it)" if via else ""
            return None, Problem(file, row.line,
                                 f"{_described(row)} and line {first.line} {_described(first)} are two models of "
                                 f"this table, but the data makes both {model}{mapping}: give one its own row in "
                                 f"models.csv (variant_of {model!r} if it is a variant), point its aliases at it "
                                 "and import again")
        return None, None

    def new_name(self, row: BoardRow) -> str | None:
        """A name for a row's new model that no model or alias has yet."""
        return next((name for name in _names(row) if not self.taken(name)), None)


def _names(row: BoardRow) -> list[str]:
    """The names a row's model can have: its name, its key, its Hugging Face repository's name, its name
    with its key (or repository)."""
    repo = _hf_repo(row.link)
    names = [row.model, row.key, repo.split("/")[1] if repo else None,
             f"{row.model} ({row.key or repo})" if row.key or repo else None]
    return [n for n in names if n]


def _described(row: BoardRow) -> str:
    return f"{row.model!r}" + (f" (key {row.key})" if row.key else "")


def plan_import(board: Leaderboard, catalog: Catalog, origin: str = "LMSYS",
                with_unscored: bool = False) -> Plan:
    """Decide, row by row, which models, aliases and scores the leaderboard adds to the catalog.

    A row without any score adds its model only ``with_unscored``.
    """
    report = ImportReport(file=board.file, date=board.date, layout=board.layout,
                          problems=list(board.problems), ignored_columns=board.ignored_columns)
    plan = Plan(report)
    if board.problems:
        return plan
    url = source_url(board.file)
    note_prefix = f"{origin} {board.file}"
    models = _Models(catalog)
    known_scales = set(catalog.benchmarks["benchmark"])
    # (model, benchmark, setting) -> [(value, source_url, note, line of this file or None)]
    existing: dict[tuple[str, str, str], list[tuple[float, str, str, int | None]]] = {}
    for s in catalog.scores.itertuples():
        existing.setdefault((s.model, s.benchmark, s.setting), []).append(
            (float(s.value), s.source_url, "" if pd.isna(s.note) else str(s.note), None))

    for row in board.rows:
        outcome = RowOutcome(line=row.line, name_in_file=row.model, model=None)
        report.rows.append(outcome)
        values = [
            ("MT-Bench", "GPT-4 judge", row.mt_bench, ""),
            ("Arena Elo", f"Chatbot Arena (leaderboard {board.date.isoformat()})", row.elo, ""),
            ("MMLU", "5-shot", row.mmlu_percent, f" ({row.mmlu_raw}; the LMSYS MMLU column is 5-shot)"),
        ]
        values = [v for v in values if v[2] is not None]
        model, problem = models.match(row, outcome, board.file)
        if problem is not None:
            report.problems.append(problem)
            continue
        if model is None:
            if not values and not with_unscored:
                outcome.skipped.append("no MT-bench, Arena Elo or MMLU value (--with-unscored records the model)")
                continue
            model = models.new_name(row)
            if model is None:
                report.problems.append(Problem(board.file, row.line, f"{_described(row)} is a model of its own, "
                                               "but its name and key are names or aliases of other models"))
                continue
            outcome.new_model = True
            models.add(model, row)
            plan.rows["models"].append({
                "name": model, "organization": row.organization or UNKNOWN_ORGANIZATION,
                "knowledge_cutoff": row.knowledge_cutoff or "",
                "open_weights": "" if row.license is None else ("false" if row.license.lower() == "proprietary"
                                                                 else "true"),
                "license": row.license or "", "link": row.link or "",
            })
            if row.key and not models.taken(row.key):
                plan.rows["aliases"].append({"alias": row.key, "model": model})
                report.aliases_added.append((row.key, model))
                models.lookup[row.key.lower()] = model
            if model == row.model:  # named as in the file: it may be another spelling of a known model
                close = difflib.get_close_matches(model.lower(), [n.lower() for n in models.in_data], n=1, cutoff=0.85)
                if close:
                    outcome.hints.append(f"close to the known {models.lookup[close[0]]!r}; if it is the same model, "
                                         f"add {row.model!r} to data/aliases.csv and import again")
        else:
            if row.organization and models.fact(model, "organization") == UNKNOWN_ORGANIZATION:
                outcome.hints.append(f"the file gives organization {row.organization!r}; models.csv has it unknown")
            cutoff = models.fact(model, "knowledge_cutoff")
            if model in models.in_data and row.knowledge_cutoff and cutoff != row.knowledge_cutoff:
                outcome.hints.append(f"the file gives knowledge cutoff {row.knowledge_cutoff}; models.csv has "
                                     f"{cutoff or 'none'}")
        models.claim(model, row)
        outcome.model = model
        for benchmark, setting, value, extra in values:
            label = f"{benchmark} {_fmt(value)}"
            if benchmark not in known_scales:
                outcome.skipped.append(f"{label}: benchmark {benchmark!r} is not in benchmarks.csv")
                continue
            key = (model, benchmark, setting)
            earlier = existing.get(key, [])
            from_here = [e for e in earlier if e[1] == url or (e[1].startswith(LMSYS_URL) and board.file in e[2])]
            if any(_same(v, value) for v, *_ in from_here):
                outcome.unchanged.append(label)
            elif from_here:
                v, _, _, line = from_here[0]
                where = f"line {line} of this file" if line else "the data (from this file)"
                outcome.skipped.append(f"{label}: {where} gives {_fmt(v)} for {model} in the same setting (kept)")
            elif any(_same(v, value) for v, *_ in earlier):
                same = next(u for v, u, *_ in earlier if _same(v, value))
                outcome.unchanged.append(f"{label} (from {same})")
            else:
                note = f"{note_prefix} row {row.model!r}{extra}"
                plan.rows["scores"].append({"model": model, "benchmark": benchmark, "setting": setting,
                                            "value": _fmt(value), "source_url": url, "note": note})
                existing.setdefault(key, []).append((value, url, note, row.line))
                outcome.added.append(label)
    if report.problems:
        plan.rows = {name: [] for name in FILES}
    return plan


# --- applying the plan: new bytes, validation, atomic writes -----------------------------------

def read_files(data_dir: Path | str) -> dict[str, bytes]:
    """The raw bytes of each data file (empty when missing)."""
    data_dir = Path(data_dir)
    return {name: (data_dir / filename).read_bytes() if (data_dir / filename).is_file() else b""
            for name, (filename, _) in FILES.items()}


def header(content: bytes, name: str) -> list[str]:
    """The columns of a data file, in its own order (the standard ones for an empty file)."""
    first = content.decode("utf-8-sig", errors="replace").splitlines()[:1]
    columns = next(csv.reader(first), []) if first else []
    return [c.strip() for c in columns] or FILES[name][1]


def append_rows(original: bytes, rows: list[dict[str, str]], columns: list[str]) -> bytes:
    """The file's bytes with the rows appended as CSV in its columns' order (a column a row lacks is
    empty) and its own line ending; old lines untouched."""
    if not rows:
        return original
    newline = "\r\n" if b"\r\n" in original else "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([[row.get(c, "") for c in columns] for row in rows])
    prefix = original if not original or original.endswith(b"\n") else original + newline.encode()
    return prefix + buffer.getvalue().encode("utf-8")


def merged_files(files: dict[str, bytes], plan: Plan) -> dict[str, bytes]:
    """Every data file's bytes after the plan: unchanged files keep their exact bytes.

    A value for a column the file does not have (an older models.csv) is named in the report's notes.
    """
    merged = {}
    for name, content in files.items():
        columns = header(content, name)
        lost = sorted({c for row in plan.rows[name] for c, v in row.items() if v and c not in columns})
        if lost:
            plan.report.notes.append(f"{FILES[name][0]} has no column {', '.join(lost)}: those values are not "
                                     "recorded")
        merged[name] = append_rows(content, plan.rows[name], columns)
    return merged


def validate(data_dir: Path | str, before: Catalog, after_files: dict[str, bytes], plan: Plan) -> Catalog | None:
    """Read the merged files through the catalog; report any new problem and return None when there is one."""
    after = read_catalog(data_dir, overrides=after_files)
    old = {str(p) for p in before.errors}
    new = [p for p in after.errors if str(p) not in old]
    expected = {"models": len(before.models) + len(plan.rows["models"]),
                "scores": len(before.scores) + len(plan.rows["scores"]),
                "aliases": len(before.aliases) + len(plan.rows["aliases"])}
    short = [name for name, count in expected.items() if len(getattr(after, name)) != count]
    if new or short:
        plan.report.problems.extend(new)
        if short and not new:
            plan.report.problems.append(Problem(plan.report.file, 0, f"merged {', '.join(short)} did not validate"))
        return None
    return after


def write_atomically(data_dir: Path, contents: dict[str, bytes]) -> list[str]:
    """Write every changed file to a temporary sibling first, then move each into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in contents.items():
            target = data_dir / FILES[name][0]
            tmp = target.with_name(f".{target.name}.import-tmp")
            with open(tmp, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o777)
            staged.append((tmp, target))
    except OSError:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [str(target) for _, target in staged]


def import_file(path: Path | str, data_dir: Path | str, dry_run: bool = False,
                date: dt.date | None = None, with_unscored: bool = False) -> ImportReport:
    """Merge one leaderboard file into the data folder; nothing is written unless all of it validates.

    ``with_unscored`` also records the models the table lists without any score.
    """
    path, data_dir = Path(path), Path(data_dir)
    try:
        source = path.read_bytes()
    except OSError as err:
        report = ImportReport(file=path.name, date=date, layout="")
        report.problems.append(Problem(path.name, 0, f"cannot read the file: {err.strerror or err}"))
        return report
    files = read_files(data_dir)
    before = read_catalog(data_dir, overrides=files)
    board = parse_leaderboard(source, path.name, date)
    plan = plan_import(board, before, with_unscored=with_unscored)
    plan.report.dry_run = dry_run
    if not plan.report.ok or not plan.changes:
        return plan.report
    after_files = merged_files(files, plan)
    if validate(data_dir, before, after_files, plan) is None:
        return plan.report
    if not dry_run:
        changed = {name: content for name, content in after_files.items() if content != files[name]}
        plan.report.written = write_atomically(data_dir, changed)
    return plan.report


def session_catalog(data_dir: Path | str, source: bytes, file_name: str,
                    date: dt.date | None = None) -> tuple[Catalog | None, ImportReport]:
    """The bundled catalog plus an uploaded leaderboard, in memory only (None when the upload is unusable)."""
    files = read_files(data_dir)
    before = read_catalog(data_dir, overrides=files)
    board = parse_leaderboard(source, file_name, date)
    plan = plan_import(board, before, origin="uploaded in this session:")
    if not plan.report.ok:
        return None, plan.report
    if not plan.changes:
        return before, plan.report
    after = validate(data_dir, before, merged_files(files, plan), plan)
    return after, plan.report


def session_store(bundled, data_dir: Path | str, source: bytes, file_name: str,
                  date: dt.date | None = None):
    """A new read-only Store of the bundled data plus an upload (never written to data/), with its report."""
    from superficial.db.store import Store

    catalog, report = session_catalog(data_dir, source, file_name, date)
    if catalog is None:
        return None, report
    return Store(catalog, bundled.content), report
