"""The Editions page's claims: the panel, the marks in the text, and ?claim=N in the side charts (AppTest)."""
import re

from superficial.editions.markdown import html_text
from tests.editions.test_markdown import Elements
from tests.pages.test_editions import PLAIN, WEEK5, figures, html_bodies, open_editions

MARK_TARGET = re.compile(r'<sup class="claim-mark ([a-z-]+)"><a href="#(claim-\d+)"')


def cards(at) -> dict[str, str]:
    """The claim cards drawn, by their id, as text."""
    out = {}
    for body in html_bodies(at):
        for tag, attrs in Elements(body).tags:
            if tag == "div" and attrs.get("class") == "claim-card":
                out[attrs["id"]] = " ".join(html_text(body).split())
    return out


def claim_figures(at, model: str) -> list[dict]:
    """The side charts of a claim about ``model`` (its legend names it), in page order."""
    return [f for f in figures(at) if any(t.get("name") == model for t in f["data"])]


def coloured(figure: dict) -> set[str]:
    trace = next(t for t in figure["data"] if t.get("name") not in ("other models", "named in this edition"))
    return set(trace["y"]) if trace["type"] == "bar" else {row[0] for row in trace["customdata"]}


def test_the_panel_lists_each_claim_and_the_text_marks_each_sentence(bundled_env):
    at = open_editions(edition=PLAIN)
    assert not at.exception
    assert "Claims (3)" in [h.value for h in at.subheader]
    assert "3 claims: 1 agrees, 2 depend on the setting. Checked against today's data." in \
        [c.value.replace("\\", "") for c in at.caption]
    found = cards(at)
    assert list(found) == ["claim-1", "claim-2", "claim-3"]
    assert found["claim-1"].startswith("✓ agrees size · claim 1")
    assert "“2.7 billion-parameter” Phi-2" in found["claim-1"]
    assert "Phi-2 · total parameters: 2.7B · microsoft.com/" in found["claim-1"]
    assert "“dethroned GPT-4” Gemini Ultra vs GPT-4 · MMLU" in found["claim-3"]
    assert "MMLU · uncertainty-routed CoT@32: Gemini Ultra 90.04 vs GPT-4 (0613) 87.3" in found["claim-3"]
    marks = [m for body in html_bodies(at) for m in MARK_TARGET.findall(body)]
    assert marks == [("agrees", "claim-1"), ("depends", "claim-2"), ("depends", "claim-3")]


def test_show_in_the_charts_puts_the_claim_in_the_url_and_first_in_the_side_charts(bundled_env):
    at = open_editions(edition=PLAIN)
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]
    at.button(key="show-claim-3").click().run()
    assert not at.exception
    assert at.query_params["claim"] == "3"
    labels = [t.label for t in at.tabs]
    assert labels[0] == "MMLU · uncertainty\\-routed CoT\\@32 · holds"
    assert labels[1].endswith("· fails") and labels[2:] == ["MMLU", "MT-Bench", "Parameter efficiency"]
    holds = claim_figures(at, "Gemini Ultra")[0]
    assert [(t["name"], t["y"], t["x"]) for t in holds["data"]] == [
        ("Gemini Ultra", ["Gemini Ultra"], [90.04]), ("other models", ["GPT-4 (0613)"], [87.3])]
    quote = next(b for b in html_bodies(at) if 'class="quote"' in b)
    assert "Claim 3" in quote and "Gemini Ultra dethroned GPT-4" in html_text(quote)
    assert at.button(key="show-claim-3").disabled

    at.button(key="hide-claim").click().run()
    assert "claim" not in at.query_params
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]


def test_a_shared_link_to_a_claim_opens_it_and_a_bad_one_is_ignored(bundled_env):
    at = open_editions(edition=WEEK5, claim="3")  # the blog post's third claim: Nano-1's 1.8B
    assert not at.exception
    assert at.tabs[0].label == "Parameter efficiency · size"
    assert coloured(claim_figures(at, "in the claim")[0]) == {"Gemini Nano-1"}
    for bad in ("99", "0", "abc", "-1"):
        at = open_editions(edition=WEEK5, claim=bad)
        assert not at.exception
        assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]


def test_another_version_forgets_the_claim_shown(bundled_env):
    at = open_editions(edition=WEEK5, version="newsletter-text", claim="2")
    assert at.query_params["claim"] == "2"
    at.get("segmented_control")[0].set_value("blog-post").run()
    assert not at.exception
    assert "claim" not in at.query_params
    assert [t.label for t in at.tabs] == ["MMLU", "MT-Bench", "Parameter efficiency"]


def test_as_of_the_edition_checks_against_the_models_out_by_then(bundled_env):
    at = open_editions(edition=PLAIN)
    assert "Phi-3-mini" in cards(at)["claim-2"]  # released in 2024, inside Phi-2's "up to 25x larger" today
    at = at.toggle[0].set_value(True).run()
    assert not at.exception
    assert any(c.value.replace("\\", "").endswith("Checked against the data as of 17 December 2023.")
               for c in at.caption)
    assert "Phi-3-mini" not in cards(at)["claim-2"]
