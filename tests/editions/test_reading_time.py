"""editions.reading_time: the words a reader sees, at 238 words a minute, rounded up."""
import dataclasses
import math

from superficial.editions.reading_time import WORDS_PER_MINUTE, reading_time
from superficial.ingest.content import load_editions
from tests.conftest import ROOT


def test_reading_time_counts_only_the_words_a_reader_sees():
    [post, _] = load_editions(ROOT / "content").editions
    short = dataclasses.replace(post, body="[Two words](https://example.org/a/very/long/address/of/many/words)")
    assert reading_time(short).words == 2 and reading_time(short).minutes == 1
    exact = dataclasses.replace(post, body=" ".join(["word"] * WORDS_PER_MINUTE))
    assert reading_time(exact).minutes == 1
    over = dataclasses.replace(post, body=" ".join(["word"] * (WORDS_PER_MINUTE + 1)))
    assert reading_time(over).minutes == 2


def test_the_bundled_versions_take_minutes_by_their_own_text():
    blog, text = load_editions(ROOT / "content").editions
    blog_time, text_time = reading_time(blog), reading_time(text)
    assert 2400 < blog_time.words < 2800 and 1600 < text_time.words < 1900  # 2,615 and 1,741 words today
    assert blog_time.minutes == math.ceil(blog_time.words / WORDS_PER_MINUTE) > text_time.minutes
