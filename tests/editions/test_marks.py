"""Marks after sentences (a claim's check): placed by the parser in the token stream, for Markdown and plain text."""
import re

import pytest

from superficial.claims.sentences import sentences
from superficial.editions import markdown as render
from superficial.editions.markdown import Mark
from tests.editions.test_markdown import BLOG_POSTS, Elements, page_html, text_of

MARK = re.compile(r'<sup class="claim-mark ([a-z-]+)"><a href="#([\w-]+)"[^>]*>([^<]*)</a></sup>')


def marks_for(body: str, fmt: str, wanted: list[tuple[str, str]]) -> tuple[Mark, ...]:
    """Marks for the sentences holding each text, as the claims panel makes them (run and sentence from the parse)."""
    found = []
    for number, (text, style) in enumerate(wanted, 1):
        sentence = next(s for s in sentences(body, fmt) if text in s.text)
        found.append(Mark(sentence.run, sentence.text, f"claim-{number}", f"✓{number}", style, f"Claim {number}"))
    return tuple(found)


def before_marks(source: str) -> list[tuple[str, str, str]]:
    """(the words just before a mark, its target, its label) for every mark, words reduced to text."""
    out = []
    for match in MARK.finditer(source):
        words = render.html_text(source[:match.start()]).split()
        out.append((" ".join(words[-3:]), match.group(2), match.group(3)))
    return out


BODY = """# Small models

Phi-2 is a 2.7 billion-parameter model. It is **very small at 2.7B.** Read [the post about
Phi-2](https://example.com/phi) which says it beats Llama 2 70B.

- Nano-1 (1.8B) and Nano-2 (3.25B) run on-device. They are small.

| model | note |
| --- | --- |
| Mixtral | 46.7B total. Sparse. |

<div>Raw HTML with Phi-2 at 2.7B.</div>

After the HTML, Mixtral scores 8.3 on MT-Bench.
"""


def test_each_mark_follows_its_sentence_in_paragraphs_lists_cells_and_after_raw_html():
    marks = marks_for(BODY, "markdown", [("2.7 billion-parameter", "agrees"), ("very small", "differs"),
                                         ("beats Llama", "depends"), ("Nano-1", "agrees"),
                                         ("46.7B total", "not-in-data"), ("8.3 on MT-Bench", "agrees")])
    source = page_html(render.parse(BODY, "markdown", marks))
    assert before_marks(source) == [
        ("2.7 billion-parameter model.", "claim-1", "✓1"),
        ("small at 2.7B.", "claim-2", "✓2"),  # the sentence ends inside the bold: the mark follows the bold
        ("Llama 2 70B.", "claim-3", "✓3"),
        ("(3.25B) run on-device.", "claim-4", "✓4"),
        ("Mixtral 46.7B total.", "claim-5", "✓5"),
        ("8.3 on MT-Bench.", "claim-6", "✓6"),
    ]
    assert "2.7B.</strong><sup" in source  # never inside the element that held the sentence's end
    assert [m.group(1) for m in MARK.finditer(source)] == ["agrees", "differs", "depends", "agrees", "not-in-data",
                                                          "agrees"]


def test_marks_change_no_word_of_the_text_and_leave_no_mark_when_none_are_given():
    marked = text_of(render.parse(BODY, "markdown", marks_for(BODY, "markdown", [("8.3", "agrees")])))
    plain = text_of(render.parse(BODY, "markdown"))
    assert marked.replace("✓1", "").split() == plain.split()
    assert "claim-mark" not in page_html(render.parse(BODY, "markdown"))


def test_a_mark_inside_a_link_goes_after_the_link():
    body = "See [Phi-2 is a 2.7 billion-parameter model.](https://example.com) Then more.\n"
    source = page_html(render.parse(body, "markdown", marks_for(body, "markdown", [("2.7 billion", "agrees")])))
    assert re.search(r"parameter model\.</a><sup class=\"claim-mark agrees\">", source)
    # no link inside a link
    assert source.count("<a ") == 2 and "</a></sup>" in source


def test_two_claims_of_one_sentence_are_two_marks_after_it():
    body = "The smallest, Nano-1 (1.8B) and Nano-2 (3.25B), run on-device. Another sentence follows.\n"
    marks = marks_for(body, "markdown", [("Nano-1", "agrees"), ("Nano-2", "differs")])
    source = page_html(render.parse(body, "markdown", marks))
    assert [target for _, target, _ in before_marks(source)] == ["claim-1", "claim-2"]
    assert re.search(r'on-device\.<sup class="claim-mark agrees">.*?</sup><sup class="claim-mark differs">.*?</sup> '
                     r"Another sentence follows\.", source)


def test_a_sentence_not_found_in_its_run_puts_the_mark_at_the_runs_end():
    body = "First sentence here. Second sentence there.\n\nNext paragraph.\n"
    mark = Mark(0, "A sentence the run does not hold.", "claim-1", "?1", "not-in-data")
    source = page_html(render.parse(body, "markdown", (mark,)))
    assert before_marks(source) == [("Second sentence there.", "claim-1", "?1")]


def test_plain_text_marks_follow_their_sentences_and_stay_escaped():
    body = "Intro line.\nPhi-2 <b>is</b> 2.7B. It beats https://example.com/x models.\n\nLast line with 8.3 on MT-Bench.\n"
    marks = marks_for(body, "text", [("Phi-2", "agrees"), ("beats", "differs"), ("8.3", "depends")])
    source = page_html(render.parse(body, "text", marks))
    assert before_marks(source) == [("Phi-2 <b>is</b> 2.7B.", "claim-1", "✓1"),
                                    ("beats https://example.com/x models.", "claim-2", "✓2"),
                                    ("8.3 on MT-Bench.", "claim-3", "✓3")]
    assert "&lt;b&gt;is&lt;/b&gt;" in source  # the text's own tags stay text
    assert '<a href="https://example.com/x"' in source  # its web address still a link


def test_a_marks_words_are_escaped_and_its_link_stays_on_the_page():
    body = "Phi-2 is small.\n"
    mark = Mark(0, "Phi-2 is small.", 'x" onclick="alert(1)', "<img src=x>", "agrees", '"><script>alert(1)</script>')
    for fmt in ("markdown", "text"):
        source = page_html(render.parse(body, fmt, (mark,)))
        tags = Elements(source).tags
        assert not any(tag in ("img", "script") for tag, _ in tags)
        assert all(not key.startswith("on") for _, attrs in tags for key in attrs)
        links = [attrs["href"] for tag, attrs in tags if tag == "a"]
        assert links and all(href.startswith("#") for href in links)


@pytest.mark.skipif(not BLOG_POSTS, reason="../shared/blog-sample is not here")
@pytest.mark.parametrize("path", BLOG_POSTS, ids=lambda p: p.name)
def test_a_mark_after_every_sentence_of_a_real_post_lands_once_after_it(path):
    from superficial.ingest.content import read_edition

    edition, _ = read_edition(path)
    found = sentences(edition.body, edition.format)
    marks = tuple(Mark(s.run, s.text, f"s-{i}", "•", "agrees") for i, s in enumerate(found))
    source = page_html(render.parse(edition.body, edition.format, marks))
    targets = [m.group(2) for m in MARK.finditer(source)]
    # Raw HTML blocks carry no mark; every other sentence has its mark, once, in reading order.
    assert len(targets) == len(set(targets))
    assert targets == sorted(targets, key=lambda t: int(t.split("-")[1]))
    assert len(targets) >= 0.9 * len(found)
