"""Claims for the command line: one JSON object a claim, a few lines of text a claim, or a warning."""
from __future__ import annotations

from superficial.claims.edition import file_line
from superficial.claims.model import KINDS, VERDICTS, Check
from superficial.ingest.content import Edition
from superficial.ingest.problems import Problem

TEXT_ROWS = 8  # data rows printed under a claim in text


def record(edition: Edition, check: Check) -> dict:
    """A claim and its check as one JSON-ready object."""
    claim = check.claim
    return {
        "file": edition.path, "line": file_line(edition, check), "text": claim.sentence, "kind": claim.kind,
        "models": list(claim.models), "benchmark": claim.benchmark, "benchmarks": list(claim.benchmarks),
        "setting": claim.setting, "stated": claim.stated, "value": claim.value, "basis": claim.basis,
        "bound": claim.bound, "relation": claim.relation, "scope": claim.scope if claim.kind == "comparison" else None,
        "verdict": check.verdict, "explanation": check.explanation,
        "data": [{"model": r.model, "benchmark": r.benchmark, "setting": r.setting, "value": r.value,
                  "source_url": r.source_url} for r in check.rows],
        "pairs": [{"benchmark": p.benchmark, "setting": p.setting, "model": p.subject.model, "value": p.subject.value,
                   "other": p.other.model, "other_value": p.other.value, "holds": p.holds} for p in check.pairs],
    }


def _about(check: Check) -> str:
    claim = check.claim
    on = f" on {claim.benchmark}" if claim.benchmark else ""
    return f"{' vs '.join(claim.models)}{on}"


def text(edition: Edition, check: Check) -> str:
    """A claim as a few lines: where, kind, verdict and what it is about; the sentence; the data's rows."""
    lines = [f"{edition.path}:{file_line(edition, check)}: {check.claim.kind} {check.verdict}: "
             f"“{check.claim.stated}” ({_about(check)}) — {check.explanation}",
             f"    sentence: {check.claim.sentence}"]
    lines += [f"    data: {r.model} · {r.benchmark or 'parameters'} · {r.setting} · {r.value:g} · {r.source_url}"
              for r in check.rows[:TEXT_ROWS]]
    if len(check.rows) > TEXT_ROWS:
        lines.append(f"    … and {len(check.rows) - TEXT_ROWS} more rows (--format jsonl lists every one)")
    return "\n".join(lines)


def differs_problem(edition: Edition, check: Check) -> Problem:
    """A claim that differs from the data, as a warning for ``check``."""
    return Problem(edition.path, file_line(edition, check),
                   f"claim differs from the data: “{check.claim.stated}” ({_about(check)}): {check.explanation}",
                   "warning")


def summary(checks: list[Check], editions: int) -> str:
    """ "12 claims in 2 edition(s): 7 params, 2 score, 3 comparison; 9 agrees, 3 depends"."""
    kinds = [f"{n} {k}" for k in KINDS if (n := sum(c.claim.kind == k for c in checks))]
    verdicts = [f"{n} {v}" for v in VERDICTS if (n := sum(c.verdict == v for c in checks))]
    counts = f": {', '.join(kinds)}; {', '.join(verdicts)}" if checks else ""
    return f"{len(checks)} claims in {editions} edition(s){counts}"
