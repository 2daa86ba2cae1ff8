"""An edition's claims as the Editions page shows them: a summary, a card a claim, marks in the text, and the
side charts of one claim (its benchmark and setting, the compared models in colour)."""
from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from superficial.claims.check import source_name
from superficial.claims.model import Check, Pair, Row
from superficial.db import queries
from superficial.db.store import Store
from superficial.display import long_date
from superficial.editions import markdown as render
from superficial.editions.reading import SIDE_CHARTS, SideChart, side_board, side_charts

SYMBOLS = {"agrees": "✓", "differs": "✗", "depends": "≈", "not-in-data": "?"}
VERDICT_WORDS = {"agrees": "agrees", "differs": "differs from the data", "depends": "depends on the setting",
                 "not-in-data": "not in the data"}
# The summary's counts: "1 agrees, 2 depend on the setting".
COUNT_WORDS = {"agrees": ("agrees", "agree"), "differs": ("differs", "differ"),
               "depends": ("depends on the setting", "depend on the setting"),
               "not-in-data": ("is not in the data", "are not in the data")}
KIND_WORDS = {"params": "size", "score": "score", "comparison": "comparison"}
EVIDENCE_SHOWN = 6  # pairs or rows on a card before the rest fold away
CHART_LABEL = "in the claim"  # the legend of a claim chart's coloured models
CHART_MODELS = 12  # compared models coloured in a claim's chart, at most (a size range may hold a hundred)


def anchor(number: int) -> str:
    """The id of a claim's card, which its mark in the text links to."""
    return f"claim-{number}"


def summary(checks: tuple[Check, ...], as_of: dt.date | None) -> str:
    """ "3 claims: 1 agrees, 2 depend on the setting. Checked against today's data." """
    if not checks:
        return "This edition states no size, score or comparison of a model in the data."
    counts = [(v, n) for v in VERDICT_WORDS if (n := sum(c.verdict == v for c in checks))]
    said = ", ".join(f"{n} {COUNT_WORDS[v][n != 1]}" for v, n in counts)
    when = f"the data as of {long_date(as_of)}" if as_of else "today's data"
    return f"{len(checks)} claim{'s' if len(checks) != 1 else ''}: {said}. Checked against {when}."


def marks(checks: tuple[Check, ...]) -> tuple[render.Mark, ...]:
    """A mark after each claim's sentence, numbered as the cards, linking to its card."""
    return tuple(render.Mark(check.claim.run, check.claim.sentence, anchor(number),
                             f"{SYMBOLS[check.verdict]}{number}", check.verdict,
                             f"Claim {number}: {VERDICT_WORDS[check.verdict]}. Click to see the check.")
                 for number, check in enumerate(checks, 1))


SOURCE_CHARS = 28  # a source link's text at most; the whole address is its tooltip


def _source(row: Row) -> str:
    target = render.safe_href(row.source_url)
    name = source_name(row.source_url)
    name = name if len(name) <= SOURCE_CHARS else name[:SOURCE_CHARS - 1] + "…"
    if target is None:
        return html.escape(name)
    return render.link_html(target, html.escape(name)).replace("<a ", f'<a title="{html.escape(target)}" ', 1)


def _value(value: float) -> str:
    return f"{value:g}"


def _pair_item(pair: Pair) -> str:
    sources = dict.fromkeys([_source(pair.subject), _source(pair.other)])
    return (f'<li class="{"holds" if pair.holds else "fails"}"><span class="mark">{"✓" if pair.holds else "✗"}</span> '
            f"{html.escape(pair.benchmark)} · {html.escape(pair.setting)}: "
            f"{html.escape(pair.subject.model)} <b>{_value(pair.subject.value)}</b> vs "
            f"{html.escape(pair.other.model)} <b>{_value(pair.other.value)}</b> · {', '.join(sources)}</li>")


PARAM_WORDS = {"total_params_b": "total parameters", "active_params_b": "active parameters"}


def _row_item(row: Row) -> str:
    what = f"{row.benchmark} · {row.setting}" if row.benchmark else PARAM_WORDS.get(row.setting, row.setting)
    unit = "B" if row.benchmark is None else ""
    return (f"<li>{html.escape(row.model)} · {html.escape(what)}: <b>{_value(row.value)}{unit}</b> · "
            f"{_source(row)}</li>")


def _evidence(items: list[str], what: str) -> str:
    shown = f'<ul class="claim-evidence">{"".join(items[:EVIDENCE_SHOWN])}</ul>'
    if len(items) <= EVIDENCE_SHOWN:
        return shown
    rest = f'<ul class="claim-evidence">{"".join(items[EVIDENCE_SHOWN:])}</ul>'
    return f"{shown}<details><summary>{len(items) - EVIDENCE_SHOWN} more {what}</summary>{rest}</details>"


def card_html(number: int, check: Check) -> str:
    """A claim's card: verdict, the words that state it, the explanation, and the evidence with its sources."""
    claim, verdict = check.claim, check.verdict
    about = " vs ".join(claim.models) + (f" · {claim.benchmark}" if claim.benchmark else "")
    evidence = ""
    if check.pairs:
        evidence = _evidence([_pair_item(p) for p in check.pairs], "like-for-like pairs")
    elif check.rows:
        evidence = _evidence([_row_item(r) for r in check.rows], "rows of the data")
    return (f'<div class="claim-card" id="{anchor(number)}">'
            f'<p class="claim-head"><span class="verdict {verdict}">{SYMBOLS[verdict]} {VERDICT_WORDS[verdict]}</span>'
            f' <span class="claim-kind">{KIND_WORDS[claim.kind]} · claim {number}</span></p>'
            f'<p class="claim-stated">“{html.escape(claim.stated)}” <span class="claim-about">{html.escape(about)}</span></p>'
            f'<p class="claim-explanation">{html.escape(check.explanation)}</p>{evidence}</div>')


@dataclass(frozen=True)
class Card:
    number: int
    verdict: str
    html: str


@dataclass(frozen=True)
class Panel:
    """What the Claims panel draws."""

    summary: str
    cards: tuple[Card, ...]


def panel(checks: tuple[Check, ...], as_of: dt.date | None) -> Panel:
    return Panel(summary(checks, as_of),
                 tuple(Card(n, c.verdict, card_html(n, c)) for n, c in enumerate(checks, 1)))


# --- one claim in the side charts ------------------------------------------------------------------

@dataclass(frozen=True)
class Shown:
    """A claim put in the side charts: its sentence and the charts of its benchmark, setting and models."""

    number: int
    sentence: str
    verdict: str
    charts: tuple[SideChart, ...]
    note: str  # what the charts show, or why there is none


def _settings_to_chart(check: Check) -> list[tuple[str, str, list[Pair]]]:
    """The (benchmark, setting) of a comparison's pairs to draw: where it holds most, and, when it does not
    always hold, where it fails most."""
    groups: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for pair in check.pairs:
        groups[(pair.benchmark, pair.setting)].append(pair)
    ranked = sorted(groups.items(), key=lambda item: -len(item[1]))
    holds = max(ranked, key=lambda item: sum(p.holds for p in item[1]))
    chosen = [holds] if any(p.holds for p in holds[1]) else []
    if check.verdict != "agrees":
        fails = max(ranked, key=lambda item: sum(not p.holds for p in item[1]))
        if fails[0] != (chosen[0][0] if chosen else None):
            chosen.append(fails)
    return [(benchmark, setting, pairs) for (benchmark, setting), pairs in chosen]


def _chart(store: Store, label: str, benchmark: str, setting: str, kind: str, coloured: list[str],
           as_of: dt.date | None, drawn: list[str] | None = None, legend: str = CHART_LABEL) -> SideChart:
    """A side chart of a leaderboard (only the ``drawn`` models when given), ``coloured`` under ``legend``."""
    table = queries.benchmarks(store)
    unit = dict(zip(table["benchmark"], table["unit"])).get(benchmark)
    rows = queries.benchmark_leaderboard(store, benchmark, setting, as_of)
    if drawn is not None:
        rows = rows.filter(pc.is_in(rows["model"], value_set=pa.array(drawn, type=pa.string())))
    board = side_board(label, benchmark, setting, kind, unit, rows)
    return side_charts((board,), {m: [m] for m in coloured}, label=legend)[0]


def _caption(chart: SideChart, words: str) -> str:
    missing = f" No value here for {', '.join(chart.missing)}." if chart.missing else ""
    return render.literal_markdown(f"{chart.benchmark} · {chart.setting} · {chart.shown} models; {words}.{missing}")


def shown(store: Store, checks: tuple[Check, ...], number: int, as_of: dt.date | None) -> Shown | None:
    """Claim ``number`` (from 1) put in the side charts; None when the edition has no such claim."""
    if not 1 <= number <= len(checks):
        return None
    check = checks[number - 1]
    claim, charts = check.claim, []
    if check.pairs:
        for benchmark, setting, pairs in _settings_to_chart(check):
            holding = sum(p.holds for p in pairs)
            word = "holds" if holding == len(pairs) else "fails" if not holding else f"holds {holding} of {len(pairs)}"
            subjects = list(dict.fromkeys(p.subject.model for p in pairs))
            models = list(dict.fromkeys(subjects + [p.other.model for p in pairs]))
            # The compared models alone, side by side (the leaderboard's top would push them far down the chart),
            # the claim's model in colour.
            chart = _chart(store, render.literal_markdown(f"{benchmark} · {setting} · {word}"), benchmark, setting,
                           "bars", subjects, as_of, drawn=models[:CHART_MODELS], legend=claim.models[0])
            first = pairs[0]
            detail = f"{first.subject.model} {_value(first.subject.value)} vs {first.other.model} {_value(first.other.value)}"
            more = f" and {len(pairs) - 1} more pairs" if len(pairs) > 1 else ""
            charts.append(_with_caption(chart, f"the claim {word} here ({detail}{more}); {claim.models[0]} in colour, "
                                               "the models it is compared with in grey"))
    elif check.rows and claim.kind == "score":
        row = check.rows[0]
        models = list(dict.fromkeys(r.model for r in check.rows if r.setting == row.setting))
        chart = _chart(store, render.literal_markdown(f"{row.benchmark} · {row.setting}"), row.benchmark, row.setting,
                       "bars", models, as_of)
        charts.append(_with_caption(chart, f"{claim.models[0]} in colour, stated {claim.stated}"))
    elif check.rows:  # a size: the score against size, its models in colour
        label, benchmark, setting, kind = next(c for c in SIDE_CHARTS if c[3] == "scatter")
        models = list(dict.fromkeys(r.model for r in check.rows))
        chart = _chart(store, f"{label} · size", benchmark, setting, kind, models, as_of)
        charts.append(_with_caption(chart, f"{', '.join(models)} in colour; stated {claim.stated}"))
    note = (f"{check.explanation[:1].upper()}{check.explanation[1:]}." if not charts
            else f"Claim {number} {VERDICT_WORDS[check.verdict]}: {check.explanation}.")
    return Shown(number, claim.sentence, check.verdict, tuple(charts), note)


def _with_caption(chart: SideChart, words: str) -> SideChart:
    chart.caption = _caption(chart, words)
    return chart
