import re

import pandas as pd
import pytest

from superficial.editions.mentions import Matcher, find_mentions

MODELS = pd.DataFrame({
    "name": ["GPT-4", "GPT-4 Turbo", "Gemini Ultra", "Gemini Pro", "Mixtral 8x7B", "Phi-1", "Phi-1.5", "Phi-2",
             "Mamba 2.8B", "Llama 2 70B", "DBRX"],
    "family": ["GPT", "GPT", "Gemini", "Gemini", "Mixtral", "Phi", "Phi", "Phi", "Mamba", "Llama 2", "DBRX"],
})
ALIASES = pd.DataFrame({
    "alias": ["Mixtral", "Mamba", "gpt-4-0613", "Gemini 1.0 Ultra", "Llama-2-70b"],
    "model": ["Mixtral 8x7B", "Mamba 2.8B", "GPT-4", "Gemini Ultra", "Llama 2 70B"],
})


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(MODELS, ALIASES)


def models(matcher, text):
    return matcher.find(text).models


def test_alias_finds_its_canonical_model(matcher):
    assert models(matcher, "Mixtral punches above its weight.") == ["Mixtral 8x7B"]
    assert models(matcher, "the Mamba architecture, Mamba’s SSM") == ["Mamba 2.8B"]
    assert matcher.find("Mamba and mamba").counts == {"Mamba 2.8B": 2}


def test_versions_are_not_confused(matcher):
    assert models(matcher, "Phi-2 is new.") == ["Phi-2"]
    assert models(matcher, "Phi-1.5 and Phi-1, then Phi-2") == ["Phi-1.5", "Phi-1", "Phi-2"]
    assert models(matcher, "Phi-10 and Phi-2.5") == []


def test_longest_name_wins(matcher):
    assert models(matcher, "GPT-4 Turbo is faster than GPT-4.") == ["GPT-4 Turbo", "GPT-4"]
    assert models(matcher, "gpt-4-0613 via the API") == ["GPT-4"]


def test_case_insensitive_whole_words_only(matcher):
    assert models(matcher, "gemini ultra and MIXTRAL") == ["Gemini Ultra", "Mixtral 8x7B"]
    assert models(matcher, "Mixtrals of experts, GPT-40, XGPT-4, AlphaMamba") == []


def test_spaces_and_hyphens_are_interchangeable(matcher):
    assert models(matcher, "Llama-2-70B and Llama 2 70b and Mixtral-8x7B") == ["Llama 2 70B", "Mixtral 8x7B"]
    assert matcher.find("Llama-2-70B and Llama 2 70b").counts == {"Llama 2 70B": 2}


def test_family_alone_is_a_family_not_every_member(matcher):
    found = matcher.find("The Gemini family: Gemini Ultra leads. Gemini’s launch.")
    assert found.models == ["Gemini Ultra"]
    assert found.families == ["Gemini"] and found.family_counts == {"Gemini": 2}
    assert "Gemini Pro" not in found.models


def test_a_model_named_like_its_family_counts_as_the_model(matcher):
    found = matcher.find("DBRX is out")
    assert found.models == ["DBRX"] and found.families == []


def test_bundled_editions_mention_the_key_models():
    from superficial.db import queries
    from superficial.db.store import Store
    from superficial.editions import markdown as render
    from tests.conftest import ROOT

    store = Store.from_folders(ROOT / "data", ROOT / "content")
    named = set()
    for edition in store.editions:
        found = find_mentions(render.readable_text(edition.body, edition.format),
                              queries.models(store), queries.aliases(store))
        named.update(found.models)
    assert {"GPT-4", "Gemini Ultra", "Mixtral 8x7B", "Phi-2", "Mamba 2.8B"} <= named
    assert "Gemini Pro" not in named  # "Gemini" alone is the family


def test_thousands_of_models_find_the_same():
    extra = pd.DataFrame({"name": [f"Zorblat {i}B Chat v{i:05d}" for i in range(20000)], "family": "Zorblat"})
    big = Matcher(pd.concat([MODELS, extra], ignore_index=True), ALIASES)
    text = ("GPT-4 Turbo beat GPT-4; Phi-1.5 and Phi-10; Llama-2-70b; the Gemini family; Zorblat 7B Chat v00007 "
            "and zorblat-7b-chat-v00007, not Zorblat 7B Chat v000071. ") * 20
    found = big.find(text)
    small = Matcher(MODELS, ALIASES).find(text)
    assert found.models == ["GPT-4 Turbo", "GPT-4", "Phi-1.5", "Llama 2 70B", "Zorblat 7B Chat v00007"]
    assert found.counts["Zorblat 7B Chat v00007"] == 40  # "v000071" is no model, only the family
    assert found.family_counts == {"Gemini": 20, "Zorblat": 20}
    assert {m: c for m, c in found.counts.items() if not m.startswith("Zorblat")} == small.counts


def _every_term_regex(matcher: Matcher):
    """The unfiltered alternation of every term: what the word index must agree with."""
    import re

    from superficial.editions.mentions import _LEFT, _RIGHT, _term_pattern

    ordered = sorted(matcher.terms, key=lambda t: (-len(t), t))
    body = "|".join(f"(?P<t{i}>{_term_pattern(t)})" for i, t in enumerate(ordered))
    return re.compile(f"{_LEFT}(?:{body}){_RIGHT}", re.IGNORECASE), {f"t{i}": matcher.terms[t] for i, t in enumerate(ordered)}


def test_word_index_finds_what_the_full_alternation_finds():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    models = pd.DataFrame({"name": ["GPT-4", "GPT-4 Turbo", "Phi-1.5", "Phi-2", "Llama 2 70B", "Mixtral 8x7B", "o1",
                                    "Claude 3.5 Sonnet", "(weird) model", "Gemma 7B"],
                           "family": ["GPT", "GPT", "Phi", "Phi", "Llama 2", "Mixtral", None, "Claude", None, "Gemma"]})
    aliases = pd.DataFrame({"alias": ["gpt4", "mixtral", "llama-2-70b"],
                            "model": ["GPT-4", "Mixtral 8x7B", "Llama 2 70B"]})
    matcher = Matcher(models, aliases)
    regex, index = _every_term_regex(matcher)
    pieces = ["GPT", "gpt-4", "GPT-4", "Turbo", "phi", "Phi-1.5", "1.5", "Phi-2", "llama", "Llama 2", "70B", "-", " ",
              "Mixtral", "8x7B", "o1", "O1", "Claude", "3.5", "Sonnet", "(weird)", "model", "Gemma", "7b", ".", "x",
              "'s", "\n", "é", "ß"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=14))
    def agree(words):
        text = "".join(words)
        expected: dict[str, int] = {}
        for match in regex.finditer(text):
            kind, target = index[match.lastgroup]
            if kind == "model":
                expected[target] = expected.get(target, 0) + 1
        assert matcher.find(text).counts == expected, text

    agree()


def test_spans_say_where_each_name_is(matcher):
    text = "Mixtral beats GPT-4 Turbo; the Gemini family"
    assert [(text[s.start:s.end], s.kind, s.target) for s in matcher.spans(text)] == [
        ("Mixtral", "model", "Mixtral 8x7B"), ("GPT-4 Turbo", "model", "GPT-4 Turbo"), ("Gemini", "family", "Gemini")]


def test_a_matcher_narrowed_to_a_text_finds_in_its_parts_what_the_whole_matcher_finds():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = ["GPT-4", "GPT-4 Turbo", "gpt-4-0613", "Turbo", "Phi-1", "Phi-1.5", ".5", "Phi-2", "Gemini", "Ultra",
              "Gemini Ultra", "Mixtral", "8x7B", "Mamba", "Llama-2-70b", "Llama 2", "70B", "DBRX", " ", "-", ". ", "x"]
    whole = Matcher(MODELS, ALIASES)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=16), st.integers(0, 60), st.integers(0, 60))
    def agree(words, start, length):
        text = "".join(words)
        # A sentence of the text, or any part of it cut between words (its words are words of the text).
        cuts = [i for i in range(len(text) + 1) if not re.match(r"\w\w", text[max(i - 1, 0):i + 1])]
        part = text[cuts[start % len(cuts)]:cuts[(start + length) % len(cuts)]]
        narrowed = whole.within(text)
        assert narrowed.spans(text) == whole.spans(text), text
        assert narrowed.spans(part) == whole.spans(part), (text, part)

    agree()


def test_a_text_and_its_sentences_compile_one_alternation():
    from superficial.editions import mentions

    text = "Mixtral beats GPT-4 Turbo. Phi-2 is small. The Gemini family; Mamba too."
    narrowed = Matcher(MODELS, ALIASES).within(text)
    mentions._alternation.cache_clear()
    found = [narrowed.spans(sentence) for sentence in (text, *text.split(". "))]
    assert mentions._alternation.cache_info().misses == 1
    assert [s.target for s in found[0]] == ["Mixtral 8x7B", "GPT-4 Turbo", "Phi-2", "Gemini", "Mamba 2.8B"]
