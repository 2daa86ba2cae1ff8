from superficial.claims.sentences import Sentence, sentences


def test_runs_split_into_sentences_each_with_its_runs_line():
    body = "# Title\n\nMistral-small. This endpoint serves Mixtral 8x7B.\nIt scores 8.3 on MT-Bench.\n\n- Phi-1.5 is v0.2 of it, e.g. small.\n"
    assert sentences(body, "markdown") == (
        Sentence(1, 0, "Title"),
        Sentence(3, 1, "Mistral-small."),
        Sentence(3, 1, "This endpoint serves Mixtral 8x7B."),
        Sentence(3, 1, "It scores 8.3 on MT-Bench."),  # a soft break does not end a run: its line is the paragraph's
        Sentence(6, 2, "Phi-1.5 is v0.2 of it, e.g. small."),
    )


def test_sentences_come_from_the_token_tree_never_from_raw_html():
    body = 'Gemini Ultra <span title="scores 99% on MMLU">beats</span> GPT-4.\n\n<script>x = "8.3 on MT-Bench"</script>\n'
    assert [s.text for s in sentences(body, "markdown")] == ["Gemini Ultra beats GPT-4."]


def test_plain_text_lines_are_runs():
    assert sentences("Phi-2 is small. It is new.\n\nGPT-4 is not.", "text") == (
        Sentence(1, 0, "Phi-2 is small."), Sentence(1, 0, "It is new."), Sentence(3, 1, "GPT-4 is not."))
