"""editions.names: names that look like model names (a word with a size or version) but are not in the data."""
import pandas as pd
import pytest

from superficial.editions.names import ModelNameCheck
from superficial.ingest.catalog import read_catalog
from superficial.ingest.source import content_source, load_content
from tests.conftest import FIXTURES

MODELS = pd.DataFrame({"name": ["GPT-4", "Mistral 7B", "Gemini Nano-1", "Code Llama 34B", "Tulu 2 DPO 70B"],
                       "family": ["GPT", "Mistral", "Gemini", "Llama", "Tulu"]})
ALIASES = pd.DataFrame({"alias": ["Mistral-7B-v0.1", "Nano-1"], "model": ["Mistral 7B", "Gemini Nano-1"]})


@pytest.fixture(scope="module")
def check() -> ModelNameCheck:
    return ModelNameCheck(MODELS, ALIASES)


@pytest.mark.parametrize("name", ["Mistral 7B Instruct v0.2", "Nano-2", "GPT-4 Turbo", "Llama 2 70B", "Yi-34B",
                                  "Mixtral 8x7B", "GPT-5", "Qwen1.5-72B Chat", "Falcon-180B", "GPT-4V"])
def test_unknown_model_like_names_are_found_whole(check, name):
    assert check.unknown_names(f"We tried {name}, and it was fine.") == [name]


@pytest.mark.parametrize("text", ["COVID-19", "Windows 11", "iPhone 15", "2023", "top-5 accuracy", "x86-64",
                                  "17 December 2023", "at 10:30", "a 2.7B model", "raised $7B", "Llama 2",
                                  "CIFAR-10", "LK-99", "TPU v4", "TPUv5e", "Top-5 accuracy", "GPT-4-0613",
                                  "https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.2", "#Mistral-7B"])
def test_ordinary_words_stay_quiet(check, text):
    assert check.unknown_names(f"Here is {text} in a sentence.") == []


def test_known_names_aliases_and_longer_known_names_are_quiet(check):
    text = ("GPT-4 and GPT-4-based tools; The Mistral 7B model, Mistral-7B-v0.1, Nano-1 and Gemini Nano-1; "
            "Code Llama 34B; Tulu 2 DPO 70B.")
    assert check.unknown_names(text) == []


def test_each_unknown_name_once_in_order(check):
    assert check.unknown_names("Zephyr 9B, then GPT-5, then Zephyr 9B again.") == ["Zephyr 9B", "GPT-5"]


def test_problems_name_the_file_and_line():
    catalog = read_catalog(FIXTURES / "data")
    check = ModelNameCheck(catalog.models, catalog.aliases)
    posts = {p.path.rsplit("/", 1)[-1]: p for p in load_content(content_source(FIXTURES / "blog")).editions}
    assert [(p.file, p.line, p.reason) for p in check.problems(posts["2023-12-01-week-1.md"])] == [
        (posts["2023-12-01-week-1.md"].path, 13, "unknown model name 'GPT-5 Turbo'"),
        (posts["2023-12-01-week-1.md"].path, 13, "unknown model name 'Zephyr 9B Instruct v0.3'"),
    ]
    assert [p.line for p in check.problems(posts["2024-02-25-week-3.mdx"])] == [12]  # Gemma-9, under the import lines
    assert all(p.severity == "warning" for p in check.problems(posts["2023-12-01-week-1.md"]))
