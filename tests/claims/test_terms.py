import pandas as pd
import pytest

from superficial.claims.terms import Vocabulary, normal_setting
from superficial.editions.mentions import Matcher


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    models = pd.DataFrame({"name": ["GPT-4", "Mixtral 8x7B"], "family": ["GPT", "Mixtral"]})
    aliases = pd.DataFrame({"alias": ["Mixtral"], "model": ["Mixtral 8x7B"]})
    benchmarks = pd.DataFrame({"benchmark": ["MMLU", "MT-Bench", "GSM8K", "ARC-Challenge", "Arena Elo"],
                               "min_value": [0, 0, 0, 0, 0], "max_value": [100, 10, 100, 100, 3000]})
    settings = pd.DataFrame({"benchmark": ["MMLU", "MMLU", "MMLU", "MMLU", "GSM8K"],
                             "setting": ["5-shot", "CoT@32", "uncertainty-routed CoT@32", "not stated", "8-shot maj@8"]})
    return Vocabulary(Matcher(models, aliases), benchmarks, settings)


def names(vocabulary, text):
    return [(n.kind, n.target, text[n.start:n.end]) for n in vocabulary.names(text)]


def test_benchmarks_are_found_in_their_usual_spellings(vocabulary):
    assert names(vocabulary, "MT-bench, MT Bench, GSM-8K and gsm8k") == [
        ("benchmark", "MT-Bench", "MT-bench"), ("benchmark", "MT-Bench", "MT Bench"),
        ("benchmark", "GSM8K", "GSM-8K"), ("benchmark", "GSM8K", "gsm8k")]
    assert names(vocabulary, "ARC-C and ARC, an Elo of 1201 in Chatbot Arena") == [
        ("benchmark", "ARC-Challenge", "ARC-C"), ("benchmark", "ARC-Challenge", "ARC"),
        ("benchmark", "Arena Elo", "Elo"), ("benchmark", "Arena Elo", "Chatbot Arena")]


def test_a_longer_benchmark_or_a_common_word_is_not_a_benchmark(vocabulary):
    assert names(vocabulary, "MMLU-Pro, the arc of history, HumanEval+ and mini-MMLU") == []


def test_models_and_families_come_from_the_mention_matcher(vocabulary):
    assert names(vocabulary, "Mixtral beats GPT-4 on MMLU; the GPT family") == [
        ("model", "Mixtral 8x7B", "Mixtral"), ("model", "GPT-4", "GPT-4"), ("benchmark", "MMLU", "MMLU"),
        ("family", "GPT", "GPT")]


def test_settings_are_named_in_the_datas_spelling_longest_first(vocabulary):
    assert vocabulary.setting_named("90.0% with uncertainty-routed CoT@32", ("MMLU",)) == "uncertainty-routed CoT@32"
    assert vocabulary.setting_named("85.0% with CoT@32", ("MMLU",)) == "CoT@32"
    assert vocabulary.setting_named("in the five-shot setting", ("MMLU",)) == "5-shot"
    assert vocabulary.setting_named("in a 7-shot setting", ("MMLU",)) == "7-shot"  # a setting the data lacks
    assert vocabulary.setting_named("a score that is not stated", ("MMLU",)) is None
    assert vocabulary.setting_named("74.4 with 8-shot maj@8", ()) == "8-shot maj@8"  # any benchmark


def test_settings_compare_without_case_or_separators():
    assert normal_setting("5-Shot CoT") == normal_setting("5 shot cot") == "5 shot cot"
    assert normal_setting("Zero-shot") == "0 shot"
