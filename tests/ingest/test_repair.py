from superficial.ingest.repair import looks_damaged, repair_mojibake


def test_repairs_quotes_and_emoji_damaged_by_mac_roman():
    damaged = "People can‚Äôt take it slow.\n- \uf8ffüíæ Small Language Models\n- ‚è≥ mirage"
    repaired, changed = repair_mojibake(damaged)
    assert changed
    assert repaired == "People can’t take it slow.\n- 💾 Small Language Models\n- ⏳ mirage"


def test_clean_text_is_left_alone():
    clean = "can’t — café, naïve, 💾 ⏳ × 3"
    assert not looks_damaged(clean)
    assert repair_mojibake(clean) == (clean, False)


def test_partly_damaged_text_repairs_only_the_damage():
    mixed = "can‚Äôt stop; café stays; ‚òÄÔ∏è\uf8ffüòé"
    repaired, changed = repair_mojibake(mixed)
    assert changed
    assert repaired == "can’t stop; café stays; ☀️😎"


def test_round_trip_that_would_break_text_is_refused():
    # Looks damaged (has a marker) but is not a valid mis-decode: must not be mangled.
    odd = "Ã is a letter and so is é"
    repaired, _ = repair_mojibake(odd)
    assert "é" in repaired and "Ã" in repaired


def test_bundled_seed_repairs_to_its_plain_twin(tmp_path):
    from tests.conftest import FIXTURES

    damaged = (FIXTURES / "content" / "2023-12-17-week-5.md").read_text(encoding="utf-8")
    repaired, changed = repair_mojibake(damaged)
    assert changed
    for broken in ("‚Äô", "üíæ", "\uf8ff", "‚Äî"):
        assert broken not in repaired
    plain = (FIXTURES / "content" / "week-5-plain.txt").read_text(encoding="utf-8")
    # The same sentence appears in both seeds; after repair they agree character for character.
    sentence = "People in the space just can’t take it slow."
    assert sentence in repaired and sentence in plain
    assert "💾 Small Language Models" in repaired
