"""The Claims panel: its summary, cards, marks, and a claim put in the side charts."""
import datetime as dt
import re

import pytest

from superficial.charts.core import HIGHLIGHT_LABEL
from superficial.claims import panel
from superficial.claims.model import Check, Claim, Pair, Row
from superficial.editions.markdown import html_text, literal_markdown
from tests.claims.conftest import fixture_edition
from tests.editions.test_markdown import Elements, assert_loads_nothing


@pytest.fixture(scope="module")
def claims_of(claims_store, words):
    from superficial.claims.edition import edition_claims

    return lambda name, as_of=False: edition_claims(claims_store, fixture_edition(name), as_of, words)


def coloured(chart) -> list[str]:
    """The models a side chart draws in colour (its highlighted trace), in the trace's order."""
    trace = next(t for t in chart.figure["data"] if t.get("name") != "other models")
    if trace["type"] == "bar":
        return list(trace["y"])
    return [row[0] for row in trace["customdata"]]


def test_summary_counts_each_verdict_in_words(claims_of):
    checks = claims_of("comparisons.md")
    assert panel.summary(checks, None) == ("12 claims: 7 agree, 2 differ, 2 depend on the setting, 1 is not in the "
                                           "data. Checked against today's data.")
    assert panel.summary((), None).startswith("This edition states no")


def test_summary_names_the_date_checked_against():
    claim = Claim(1, "Phi-2 is 2.7B.", "params", ("Phi-2",), "2.7B", 2.7, 1)
    check = Check(claim, "agrees", (Row("Phi-2", None, "total_params_b", 2.7, None),))
    assert panel.summary((check,), dt.date(2023, 12, 17)) == \
        "1 claim: 1 agrees. Checked against the data as of 17 December 2023."


def test_marks_are_numbered_as_the_cards_and_link_to_them(claims_of):
    checks = claims_of("sizes.md")
    marks = panel.marks(checks)
    cards = panel.panel(checks, None).cards
    assert [m.target for m in marks] == [f"claim-{n}" for n in range(1, len(checks) + 1)]
    assert [m.style for m in marks] == [c.verdict for c in checks] == [c.verdict for c in cards]
    assert [m.label for m in marks][:3] == ["✓1", "✓2", "✗3"]  # 2.7B agrees, 1.8B agrees, 3.5B differs
    assert [(m.run, m.sentence) for m in marks] == [(c.claim.run, c.claim.sentence) for c in checks]
    ids = [attrs.get("id") for card in cards for tag, attrs in Elements(card.html).tags if tag == "div"]
    assert ids == [m.target for m in marks]


def test_a_card_shows_the_verdict_the_stated_words_and_each_row_with_its_source(claims_of):
    checks = claims_of("scores.md")
    number, check = next((n, c) for n, c in enumerate(checks, 1) if c.claim.stated == "65.2% on MMLU")
    card = panel.card_html(number, check)
    text = " ".join(html_text(card).split())
    assert "✗ differs from the data" in text and "“65.2% on MMLU”" in text and "Mistral 7B · MMLU" in text
    assert "Mistral 7B · MMLU · 5-shot: 62.5" in text and "Mistral 7B · MMLU · 5-shot: 60.1" in text
    links = [attrs["href"] for tag, attrs in Elements(card).tags if tag == "a"]
    assert links == ["https://arxiv.org/abs/2401.04088", "https://arxiv.org/abs/2310.06825"]


def test_a_comparison_card_lists_each_pair_holding_or_not_and_folds_the_rest(claims_of):
    checks = claims_of("comparisons.md")
    ranged = next(c for c in checks if c.claim.size_ratio is not None)
    card = panel.card_html(7, ranged)
    items = re.findall(r'<li class="(holds|fails)">', card)
    assert items == ["holds" if p.holds else "fails" for p in ranged.pairs]
    assert len(ranged.pairs) > panel.EVIDENCE_SHOWN
    assert f"<summary>{len(ranged.pairs) - panel.EVIDENCE_SHOWN} more like-for-like pairs</summary>" in card


def test_a_card_escapes_the_edition_and_links_only_web_sources():
    claim = Claim(3, "s", "comparison", ("<img src=x onerror=alert(1)>", "B"), '"><script>alert(1)</script>',
                  benchmarks=("MMLU",), relation="better")
    mine = Row("<img src=x onerror=alert(1)>", "MMLU", "5-shot", 1.0, "javascript:alert(1)")
    theirs = Row("B", "MMLU", "5-shot", 2.0, "https://example.com/b")
    check = Check(claim, "differs", (mine, theirs), (Pair("MMLU", "5-shot", mine, theirs, False),), "<b>why</b>")
    card = panel.card_html(3, check)
    assert_loads_nothing(card)
    assert not any(tag in ("img", "script") for tag, _ in Elements(card).tags)
    assert [attrs["href"] for tag, attrs in Elements(card).tags if tag == "a"] == ["https://example.com/b"]
    assert "&lt;b&gt;why&lt;/b&gt;" in card


def test_a_claim_that_depends_is_charted_where_it_holds_and_where_it_fails(claims_store, claims_of):
    checks = claims_of("comparisons.md")
    number = next(n for n, c in enumerate(checks, 1) if c.claim.stated == "dethroned GPT-4")
    shown = panel.shown(claims_store, checks, number, None)
    assert shown.sentence == checks[number - 1].claim.sentence and shown.verdict == "depends"
    holds, fails = shown.charts
    assert holds.label == "MMLU · uncertainty\\-routed CoT\\@32 · holds"
    assert (holds.benchmark, holds.setting) == ("MMLU", "uncertainty-routed CoT@32")
    # The compared models alone, the claim's model in colour under its name.
    assert [(t["name"], t["y"]) for t in holds.figure["data"]] == [("Gemini Ultra", ["Gemini Ultra"]),
                                                                   ("other models", ["GPT-4"])]
    failing = {p.setting for p in checks[number - 1].pairs if not p.holds}
    assert fails.setting in failing and fails.label == literal_markdown(f"MMLU · {fails.setting} · fails")
    assert coloured(fails) == ["Gemini Ultra"] and fails.shown == 2
    assert all(HIGHLIGHT_LABEL not in [t.get("name") for t in c.figure["data"]] for c in shown.charts)
    assert shown.note.startswith(f"Claim {number} depends on the setting: true under uncertainty-routed CoT@32")


def test_a_size_claim_is_charted_as_score_against_size_with_its_model_in_colour(claims_store, claims_of):
    checks = claims_of("sizes.md")
    shown = panel.shown(claims_store, checks, 1, None)
    (chart,) = shown.charts
    assert chart.label == "Parameter efficiency · size" and coloured(chart) == ["Phi-2"]


def test_a_score_claim_is_charted_in_its_setting(claims_store, claims_of):
    checks = claims_of("scores.md")
    number = next(n for n, c in enumerate(checks, 1) if c.claim.stated == "MMLU of 70.6")
    (chart,) = panel.shown(claims_store, checks, number, None).charts
    assert (chart.benchmark, chart.setting) == ("MMLU", "5-shot") and coloured(chart) == ["Mixtral 8x7B"]


def test_a_claim_not_in_the_data_has_no_chart_and_says_why(claims_store, claims_of):
    checks = claims_of("comparisons.md")
    number = next(n for n, c in enumerate(checks, 1) if c.verdict == "not-in-data")
    shown = panel.shown(claims_store, checks, number, None)
    assert shown.charts == ()
    assert shown.note == "No setting on MMLU in which the data has scores of both Phi-2 and Claude 2."


def test_no_such_claim_is_none(claims_store, claims_of):
    checks = claims_of("sizes.md")
    assert panel.shown(claims_store, checks, 0, None) is None
    assert panel.shown(claims_store, checks, len(checks) + 1, None) is None
