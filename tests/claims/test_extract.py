"""The claims found in the fixture editions: exactly these, with these fields."""
from superficial.claims.extract import claims_in, find_claims
from superficial.claims.sentences import Sentence
from tests.claims.conftest import fixture_edition


def found(words, name, *fields):
    """(file line, kind, models, stated, *fields) of each claim of a fixture edition."""
    edition = fixture_edition(name)
    return [(edition.body_line + c.line - 1, c.kind, c.models, c.stated, *(getattr(c, f) for f in fields))
            for c in find_claims(edition.body, edition.format, words)]


def claims_of(words, text):
    return claims_in((Sentence(1, 0, text),), words)


def test_sizes_total_and_active_in_billions_with_their_rounding(words):
    assert found(words, "sizes.md", "value", "decimals", "basis") == [
        (6, "params", ("Phi-2",), "2.7 billion-parameter", 2.7, 1, "total"),
        (8, "params", ("Gemini Nano-1",), "1.8B", 1.8, 1, "total"),
        (8, "params", ("Gemini Nano-2",), "3.5B", 3.5, 1, "total"),
        (10, "params", ("Mixtral 8x7B",), "46.7B total", 46.7, 1, "total"),
        (10, "params", ("Mixtral 8x7B",), "12.9B active", 12.9, 1, "active"),
        (12, "params", ("Mixtral 8x7B",), "46.7 billion total parameters", 46.7, 1, "total"),
        (12, "params", ("Mixtral 8x7B",), "12.9 billion per token", 12.9, 1, "active"),
        (16, "params", ("Mistral 7B",), "7.3B parameter", 7.3, 1, "total"),
        (16, "params", ("Llama 2 70B",), "65 billion-parameter", 65.0, 0, "total"),
        (18, "params", ("GPT-4",), "1.76 trillion parameters", 1760.0, 0, "total"),
    ]


def test_numbers_near_a_model_that_state_no_size_of_it_are_not_claims(words):
    for text in ("Phi-2 is the best among base models with less than 13 billion parameters.",
                 "So Mixtral runs at the speed and cost of a 12.9 billion parameter model.",
                 "Mistral focuses on 7B-tier models trained on 1.4T tokens, and Mixtral 8x7B has 8 experts.",
                 "Llama 2 70B (4-bit, 1.4T tokens) and Mixtral 8x7B handle up to 32k tokens.",
                 "Mixtral 8x7B has more than 40 billion parameters."):
        assert claims_of(words, text) == (), text


def test_a_size_in_millions_is_stated_in_billions_to_the_million(words):
    (claim,) = claims_of(words, "Phi-2, a 350 million-parameter model, is tiny.")
    assert (claim.value, claim.decimals) == (0.35, 3)


def test_scores_on_a_benchmark_of_the_data_with_the_setting_their_clause_names(words):
    assert found(words, "scores.md", "value", "bound", "benchmarks", "setting") == [
        (6, "score", ("Gemini Ultra",), "90.0% on MMLU", 90.0, "=", ("MMLU",), "uncertainty-routed CoT@32"),
        (6, "score", ("Gemini Ultra",), "90.0% on MMLU", 90.0, "=", ("MMLU",), "5-shot"),
        (8, "score", ("GPT-4",), "8.9 MT-Bench score", 8.9, "=", ("MT-Bench",), None),
        (8, "score", ("GPT-4",), "over 85% on MMLU", 85.0, ">", ("MMLU",), None),
        (10, "score", ("Mixtral 8x7B",), "MMLU of 70.6", 70.6, "=", ("MMLU",), None),
        (10, "score", ("Mistral 7B",), "65.2% on MMLU", 65.2, "=", ("MMLU",), None),
        (12, "score", ("Phi-2",), "8.1 on MT-Bench", 8.1, "=", ("MT-Bench",), None),
        (12, "score", ("GPT-4",), "86.4% on MMLU", 86.4, "=", ("MMLU",), "7-shot"),
        # a list item that opens with a model's name is about it (Mistral-small is an alias)
        (14, "score", ("Mixtral 8x7B Instruct",), "8.3 on MT-Bench", 8.3, "=", ("MT-Bench",), None),
        # "It" is the one model of the sentence before
        (16, "score", ("GPT-3.5 Turbo",), "8.39 on MT-Bench", 8.39, "=", ("MT-Bench",), None),
        (18, "score", ("Gemini Ultra",), "90.0%", 90.0, "=", ("MMLU",), None),
        (18, "comparison", ("Gemini Ultra", "GPT-4"), "edges out GPT-4", None, "=", ("MMLU",), None),
        (18, "score", ("GPT-4",), "87.3%", 87.3, "=", ("MMLU",), None),
    ]


def test_percentages_and_counts_that_are_no_benchmark_score_are_not_claims(words):
    for text in ("AlphaCode 2 scored better than 85% of programmers, and Gemini Ultra advances the state of the art "
                 "in 30 of 32 benchmarks.",
                 "The goodput of Gemini Ultra training increased from 85% to 97%.",
                 "An LLM like GPT-4 is 100% dreaming.",
                 "The MMLU of 57 subjects was hard for Mistral 7B, which improved by 5 points on MMLU.",
                 "Gemini scores 90% on MMLU.",  # a family, not a model
                 "GPT-4 scores 8.3% on MT-Bench and 1250 on MMLU.",  # not on these benchmarks' scales
                 "The human baseline scores 89.8% on MMLU."):
        assert claims_of(words, text) == (), text


def test_comparisons_on_a_benchmark_in_general_and_in_size(words):
    assert found(words, "comparisons.md", "relation", "benchmarks", "scope", "setting", "size_ratio") == [
        (6, "comparison", ("Gemini Ultra", "GPT-4"), "dethroned GPT-4", "better", ("MMLU",), "named", None, None),
        (8, "comparison", ("Mixtral 8x7B", "Llama 2 70B"), "outperforms Llama 2 70B", "better", ("MMLU",), "named",
         None, None),
        (8, "comparison", ("Llama 2 70B", "Mixtral 8x7B"), "beats Mixtral", "better", ("MMLU",), "named", None, None),
        (10, "comparison", ("GPT-3.5 Turbo", "Claude 2"), "surpasses Claude 2", "better", ("MT-Bench",), "named",
         None, None),
        (10, "comparison", ("Claude 2", "GPT-4"), "is outperformed by GPT-4", "worse", ("MT-Bench",), "named",
         None, None),
        (12, "comparison", ("Llama 2 70B", "Mixtral 8x7B"), "does not beat Mixtral", "not_better", ("GSM8K",),
         "named", "8-shot maj@8", None),
        (14, "comparison", ("Phi-2",), "matches or outperforms models up to 25x larger", "at_least", (), "all", None,
         (1.0, 25.0)),
        (16, "comparison", ("Llama 2 70B", "Phi-2"), "is 26x larger than Phi-2", "larger", (), "named", None, None),
        (16, "comparison", ("Phi-2", "Llama 2 70B"), "is 25 times smaller than Llama 2 70B", "smaller", (), "named",
         None, None),
        (16, "comparison", ("Mixtral 8x7B", "Mistral 7B"), "is 10x larger than Mistral 7B", "larger", (), "named",
         None, None),
        (18, "comparison", ("Phi-2", "Claude 2"), "outperforms Claude 2", "better", ("MMLU",), "named", None, None),
        # no benchmark in the sentence: the one its paragraph names
        (20, "comparison", ("Mixtral 8x7B", "Llama 2 70B"), "outperforms Llama 2 70B", "better", ("GSM8K",),
         "context", None, None),
    ]


def test_questions_conditions_other_measures_families_and_non_models_are_not_comparisons(words):
    for text in ("Can Gemini Ultra beat GPT-4?",
                 "If Gemini Ultra beats GPT-4 on MMLU, nobody will care.",
                 "In shorter contexts, GPT-4 seems to outperform Claude 2 across various document depths.",
                 "Gemini surpasses GPT-4 on MMLU.",
                 "Mamba outperforms Transformers twice its size.",
                 "Mixtral is 6x faster than Llama 2 70B.",
                 "Mistral matches or even outperforms Llama 2 70B & GPT-3.5 by employing a mixture of experts."):
        assert claims_of(words, text) == (), text


def test_a_comparison_names_every_model_it_is_with(words):
    (claim,) = claims_of(words, "Mixtral outperforms Llama 2 70B, GPT-3.5 and Claude 2 on MT-Bench.")
    assert claim.models == ("Mixtral 8x7B", "Llama 2 70B", "GPT-3.5 Turbo", "Claude 2")


def test_a_plain_text_edition_has_its_files_lines(words):
    assert found(words, "plain.txt") == [
        (4, "params", ("Phi-2",), "2.7 billion-parameter"),
        (6, "comparison", ("Gemini Ultra", "GPT-4"), "dethroned GPT-4"),
    ]
