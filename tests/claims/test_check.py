"""Verdicts on the fixture editions' claims, and the rows each rests on."""
import datetime as dt

import pandas as pd

from superficial.claims.check import Facts, check, source_name
from superficial.claims.model import Claim, Pair, Row
from tests.claims.conftest import summary

ARXIV_GEMINI = "https://arxiv.org/abs/2312.11805"
LMSYS = "https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard"


def by_line(checks, line, stated):
    return next(c for at, c in checks if at == line and c.claim.stated == stated)


def test_sizes_agree_within_their_rounding_differ_or_are_not_in_the_data(checked):
    assert [(line, models, verdict) for line, _, models, _, verdict in summary(checked("sizes.md"))] == [
        (6, ("Phi-2",), "agrees"), (8, ("Gemini Nano-1",), "agrees"), (8, ("Gemini Nano-2",), "differs"),
        (10, ("Mixtral 8x7B",), "agrees"), (10, ("Mixtral 8x7B",), "agrees"),
        (12, ("Mixtral 8x7B",), "agrees"), (12, ("Mixtral 8x7B",), "agrees"),
        (16, ("Mistral 7B",), "agrees"), (16, ("Llama 2 70B",), "differs"), (18, ("GPT-4",), "not-in-data")]
    checks = checked("sizes.md")
    assert by_line(checks, 8, "3.5B").rows == (
        Row("Gemini Nano-2", None, "total_params_b", 3.25, ARXIV_GEMINI),)
    assert by_line(checks, 8, "3.5B").explanation == (
        "stated 3.5 billion total parameters; the data has 3.25 (Gemini Nano-2, arxiv.org/abs/2312.11805)")
    assert by_line(checks, 12, "12.9 billion per token").rows == (
        Row("Mixtral 8x7B", None, "active_params_b", 12.9, "https://mistral.ai/news/mixtral-of-experts/"),)
    assert by_line(checks, 18, "1.76 trillion parameters").rows == ()


def test_scores_are_checked_in_the_setting_the_sentence_names(checked):
    assert [(line, stated, verdict) for line, _, _, stated, verdict in summary(checked("scores.md"))] == [
        (6, "90.0% on MMLU", "agrees"),  # uncertainty-routed CoT@32: 90.04
        (6, "90.0% on MMLU", "differs"),  # 5-shot: 83.7
        (8, "8.9 MT-Bench score", "differs"),  # 8.96 rounds to 9.0
        (8, "over 85% on MMLU", "agrees"),
        (10, "MMLU of 70.6", "agrees"),
        (10, "65.2% on MMLU", "differs"),
        (12, "8.1 on MT-Bench", "not-in-data"),  # no MT-Bench score for Phi-2
        (12, "86.4% on MMLU", "not-in-data"),  # no 7-shot MMLU score
        (14, "8.3 on MT-Bench", "agrees"),  # 8.30
        (16, "8.39 on MT-Bench", "agrees"),
        (18, "90.0%", "agrees"),
        (18, "edges out GPT-4", "depends"),
        (18, "87.3%", "agrees"),
    ]
    checks = [c for _, c in checked("scores.md")]
    assert checks[1].rows == (Row("Gemini Ultra", "MMLU", "5-shot", 83.7, ARXIV_GEMINI),)
    assert checks[1].explanation == "stated 90 on MMLU (5-shot); the data has 83.7 (5-shot, arxiv.org/abs/2312.11805)"
    assert checks[5].rows == (Row("Mistral 7B", "MMLU", "5-shot", 62.5, "https://arxiv.org/abs/2401.04088"),
                              Row("Mistral 7B", "MMLU", "5-shot", 60.1, "https://arxiv.org/abs/2310.06825"))
    assert checks[7].explanation.startswith("the data has no MMLU score in 7-shot for GPT-4; it has 86.4 (5-shot, ")
    assert checks[8].rows == (Row("Mixtral 8x7B Instruct", "MT-Bench", "GPT-4 judge", 8.3,
                                  "https://arxiv.org/abs/2401.04088"),)


def test_a_comparison_depends_on_the_setting_when_it_holds_in_some_and_not_others(checked):
    dethroned = by_line(checked("comparisons.md"), 6, "dethroned GPT-4")
    assert dethroned.verdict == "depends"
    assert dethroned.explanation == ("true under uncertainty-routed CoT@32: 90.04 vs 87.3; "
                                     "false under 5-shot: 83.7 vs 86.4, CoT@32: 85 vs 87.29")
    assert [(p.setting, p.subject.value, p.other.value, p.holds) for p in dethroned.pairs] == [
        ("5-shot", 83.7, 86.4, False), ("CoT@32", 85.0, 87.29, False),
        ("uncertainty-routed CoT@32", 90.04, 87.3, True)]
    assert dethroned.models == ("Gemini Ultra", "GPT-4")
    assert dethroned.settings == ("5-shot", "CoT@32", "uncertainty-routed CoT@32")


def test_comparisons_agree_differ_or_are_not_in_the_data(checked):
    assert [(line, stated, verdict) for line, _, _, stated, verdict in summary(checked("comparisons.md"))] == [
        (6, "dethroned GPT-4", "depends"),
        (8, "outperforms Llama 2 70B", "agrees"),  # 70.6 vs 69.9
        (8, "beats Mixtral", "differs"),
        (10, "surpasses Claude 2", "agrees"),
        (10, "is outperformed by GPT-4", "agrees"),  # 8.06 < 8.96
        (12, "does not beat Mixtral", "agrees"),  # 69.6 vs 74.4 in 8-shot maj@8 only
        (14, "matches or outperforms models up to 25x larger", "depends"),
        (16, "is 26x larger than Phi-2", "agrees"),  # 25.9x
        (16, "is 25 times smaller than Llama 2 70B", "agrees"),  # within 5% of 25
        (16, "is 10x larger than Mistral 7B", "differs"),  # 6.4x
        (18, "outperforms Claude 2", "not-in-data"),  # Claude 2 has no MMLU score
        (20, "outperforms Llama 2 70B", "agrees"),  # GSM8K, from the paragraph: 74.4 vs 69.6
    ]
    checks = checked("comparisons.md")
    beats = by_line(checks, 8, "beats Mixtral")
    assert beats.explanation == "false under 5-shot: 69.9 vs 70.6"
    assert beats.rows == (Row("Llama 2 70B", "MMLU", "5-shot", 69.9, "https://arxiv.org/abs/2401.04088"),
                          Row("Mixtral 8x7B", "MMLU", "5-shot", 70.6, "https://arxiv.org/abs/2401.04088"))
    larger = by_line(checks, 16, "is 10x larger than Mistral 7B")
    assert larger.explanation == ("stated 10x larger; the data has 46.7 billion (Mixtral 8x7B) and 7.3 billion "
                                  "(Mistral 7B): 6.4x")
    assert by_line(checks, 18, "outperforms Claude 2").explanation == (
        "no setting on MMLU in which the data has scores of both Phi-2 and Claude 2")


def test_models_up_to_n_times_larger_are_those_within_that_size_ratio(checked):
    group = by_line(checked("comparisons.md"), 14, "matches or outperforms models up to 25x larger")
    # 2.7B × 25 (5% slack) reaches Llama 2 70B; Falcon 180B is 67x larger and is not compared
    # smallest first
    assert list(dict.fromkeys(p.other.model for p in group.pairs)) == [
        "Gemini Nano-2", "Gemma 7B", "Llama 2 7B", "Mistral 7B", "Llama 2 13B", "Mixtral 8x7B", "Llama 2 70B"]
    # like for like: same benchmark and setting, and the same source where one source has both (the Phi-2 blog)
    gsm8k = [(p.other.model, p.subject.value, p.other.value, p.holds) for p in group.pairs if p.benchmark == "GSM8K"]
    assert gsm8k == [("Llama 2 7B", 61.1, 16.5, True), ("Mistral 7B", 61.1, 46.4, True),
                     ("Llama 2 13B", 61.1, 34.2, True), ("Llama 2 70B", 61.1, 64.1, False)]
    assert group.explanation == (
        "true against Gemini Nano-2, Llama 2 7B, Llama 2 13B; false against Gemma 7B, Mixtral 8x7B, Llama 2 70B; "
        "depends on the setting against Mistral 7B (12 like-for-like pairs, 6 true)")


def test_as_of_the_edition_only_models_released_by_its_date_count(checked):
    group = by_line(checked("comparisons.md", as_of_edition=True), 14,
                    "matches or outperforms models up to 25x larger")
    assert "Gemma 7B" not in {p.other.model for p in group.pairs}  # released 2024-02-21, after 2023-12-17
    assert len(group.pairs) == 11


# --- variants: a model's snapshots (a variant_of column) count as the model -------------------------

MODELS = pd.DataFrame({
    "name": ["GPT-4", "GPT-4 0613", "Claude 2", "Phi-2", "Llama 2 70B", "Llama 2 70B v2"],
    "variant_of": [None, "GPT-4", None, None, None, "Llama 2 70B"],
    "total_params_b": [None, None, None, 2.7, 70.0, 70.0],
    "active_params_b": [None] * 6,
    "release_date": pd.to_datetime(["2023-03-14", "2023-06-13", "2023-07-11", "2023-12-12", "2023-07-18",
                                    "2024-01-01"]),
    "link": ["https://example.org/gpt-4", "https://example.org/gpt-4-0613", "https://example.org/claude-2",
             "https://example.org/phi-2", "https://example.org/llama", "https://example.org/llama-v2"],
})
SCORES = pd.DataFrame([
    ("GPT-4", "MT-Bench", "GPT-4 judge", 8.96, LMSYS), ("GPT-4 0613", "MT-Bench", "GPT-4 judge", 9.18, LMSYS),
    ("Claude 2", "MT-Bench", "GPT-4 judge", 9.0, LMSYS), ("Phi-2", "GSM8K", "8-shot", 61.1, "https://b.example"),
    ("Llama 2 70B", "GSM8K", "8-shot", 64.1, "https://b.example"),
    ("Llama 2 70B v2", "GSM8K", "8-shot", 60.0, "https://b.example"),
], columns=["model", "benchmark", "setting", "value", "source_url"])
BENCHMARKS = pd.DataFrame({"benchmark": ["MT-Bench", "GSM8K"], "min_value": [0, 0], "max_value": [10, 100],
                           "higher_is_better": [True, True]})


def facts(as_of=None) -> Facts:
    return Facts(MODELS, BENCHMARKS, as_of).add_scores(SCORES)


def test_a_claim_about_a_model_is_checked_against_each_of_its_variants():
    score = Claim(1, "GPT-4 scores 9.2 on MT-Bench.", "score", ("GPT-4",), "9.2 on MT-Bench", 9.2, 1,
                  benchmarks=("MT-Bench",))
    result = check(score, facts())
    assert result.verdict == "agrees"  # the 0613 snapshot's 9.18
    assert result.rows == (Row("GPT-4", "MT-Bench", "GPT-4 judge", 8.96, LMSYS),
                           Row("GPT-4 0613", "MT-Bench", "GPT-4 judge", 9.18, LMSYS))
    assert result.explanation == ("stated 9.2 on MT-Bench; the data has 8.96 (GPT-4 judge, huggingface.co/spaces/…/"
                                  "chatbot-arena-leaderboard), 9.18 (GPT-4 0613, GPT-4 judge, huggingface.co/spaces/…/"
                                  "chatbot-arena-leaderboard)")
    beats = Claim(1, "GPT-4 beats Claude 2 on MT-Bench.", "comparison", ("GPT-4", "Claude 2"), "beats Claude 2",
                  benchmarks=("MT-Bench",), relation="better")
    compared = check(beats, facts())
    assert compared.verdict == "depends"
    assert [(p.subject.model, p.holds) for p in compared.pairs] == [("GPT-4", False), ("GPT-4 0613", True)]


def test_a_variant_is_compared_with_as_the_model_it_is_a_variant_of():
    group = Claim(1, "Phi-2 matches models up to 26x larger.", "comparison", ("Phi-2",), "matches …", 26, 0,
                  relation="at_least", scope="all", size_ratio=(1.0, 26.0))
    pairs = check(group, facts()).pairs
    assert [(p.other.model, p.other.value, p.holds) for p in pairs] == [
        ("Llama 2 70B", 64.1, False), ("Llama 2 70B v2", 60.0, True)]
    assert [p.other.model for p in check(group, facts(dt.date(2023, 12, 17))).pairs] == ["Llama 2 70B"]


def test_variants_of_variants_count_and_a_model_is_never_paired_with_itself():
    chain = pd.concat([MODELS, pd.DataFrame({
        "name": ["GPT-4 0613 tune"], "variant_of": ["GPT-4 0613"], "total_params_b": [None], "active_params_b": [None],
        "release_date": pd.to_datetime(["2023-08-01"]), "link": ["https://example.org/tune"]})], ignore_index=True)
    scores = pd.concat([SCORES, pd.DataFrame([("GPT-4 0613 tune", "MT-Bench", "GPT-4 judge", 9.3, LMSYS)],
                                             columns=SCORES.columns)], ignore_index=True)
    facts = Facts(chain, BENCHMARKS).add_scores(scores)
    assert facts.identity("GPT-4") == ["GPT-4", "GPT-4 0613", "GPT-4 0613 tune"]
    # the tune against the model it is a tune of: against GPT-4's other rows, not its own
    tune = Claim(1, "", "comparison", ("GPT-4 0613 tune", "GPT-4"), "", benchmarks=("MT-Bench",), relation="better")
    assert [(p.subject.model, p.other.model, p.holds) for p in check(tune, facts).pairs] == [
        ("GPT-4 0613 tune", "GPT-4", True), ("GPT-4 0613 tune", "GPT-4 0613", True)]
    base = Claim(1, "", "comparison", ("GPT-4", "GPT-4 0613 tune"), "", benchmarks=("MT-Bench",), relation="better")
    assert [(p.subject.model, p.other.model) for p in check(base, facts).pairs] == [
        ("GPT-4", "GPT-4 0613 tune"), ("GPT-4 0613", "GPT-4 0613 tune")]


def test_a_claim_about_a_model_released_after_the_date_is_not_in_the_data():
    claim = Claim(1, "Phi-2 scores 61.1 on GSM8K.", "score", ("Phi-2",), "61.1 on GSM8K", 61.1, 1,
                  benchmarks=("GSM8K",))
    result = check(claim, facts(dt.date(2023, 12, 1)))
    assert (result.verdict, result.explanation) == ("not-in-data", "Phi-2 released after 1 December 2023")
    assert check(claim, facts(dt.date(2023, 12, 12))).verdict == "agrees"


def test_pairs_hold_by_the_benchmarks_direction():
    lower = BENCHMARKS.assign(higher_is_better=[False, False])
    beats = Claim(1, "", "comparison", ("GPT-4", "Claude 2"), "", benchmarks=("MT-Bench",), relation="better")
    pair = check(beats, Facts(MODELS, lower).add_scores(SCORES)).pairs[0]
    assert pair == Pair("MT-Bench", "GPT-4 judge", Row("GPT-4", "MT-Bench", "GPT-4 judge", 8.96, LMSYS),
                        Row("Claude 2", "MT-Bench", "GPT-4 judge", 9.0, LMSYS), True)


def test_source_names_are_short():
    assert source_name("https://www.microsoft.com/en-us/research/blog/phi-2/") == "microsoft.com/en-us/…/phi-2"
    assert source_name("https://arxiv.org/abs/2312.11805") == "arxiv.org/abs/2312.11805"
    assert source_name(None) == "no source"


def test_a_size_range_is_checked_against_its_largest_models_only(monkeypatch):
    from superficial.claims import check as checking

    monkeypatch.setattr(checking, "RANGE_LIMIT", 1)
    group = Claim(1, "Phi-2 matches models up to 26x larger.", "comparison", ("Phi-2",), "matches …", 26, 0,
                  relation="at_least", scope="all", size_ratio=(1.0, 26.0))
    more = MODELS.assign(name=MODELS["name"].replace({"Claude 2": "Mid 20B"}),
                         total_params_b=MODELS["total_params_b"].where(MODELS["name"] != "Claude 2", 20.0))
    result = check(group, Facts(more, BENCHMARKS).add_scores(SCORES))
    assert {p.other.model for p in result.pairs} == {"Llama 2 70B", "Llama 2 70B v2"}  # not Mid 20B
    assert result.explanation.endswith("; against the 1 largest of the 2 models in that range")
