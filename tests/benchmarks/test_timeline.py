"""The timeline page's view: scores by release date, the models left out, the newest editions linked."""
import pandas as pd

from superficial.benchmarks import timeline
from superficial.benchmarks.filters import Filters


def test_view_counts_dated_models_and_links_the_newest_editions(fixture_store):
    view = timeline.view(fixture_store, Filters(), "MMLU", "5-shot")
    assert view.dated == 6 and view.undated == (0, [])
    assert view.unscored == (2, ["Mamba 2.8B", "Phi-2"])
    assert [link.slug for link in view.edition_links] == ["2023-12-17-week-5", "2023-12-10-week-4"]
    assert view.edition_links[0].label.endswith(" · 17 Dec 2023")
    assert view.dated_editions == 2


def test_edition_links_skip_undated_editions_and_stop_at_the_limit():
    editions = pd.DataFrame({"slug": ["a", "b", "c", "d"], "title": ["A", "B", "C", "D"],
                             "publish_date": [pd.Timestamp("2024-01-03"), None, pd.Timestamp("2024-01-02"),
                                              pd.Timestamp("2024-01-01")]})
    links = timeline.edition_links(editions, limit=2)
    assert links == (timeline.EditionLink("a", "A · 03 Jan 2024"), timeline.EditionLink("c", "C · 02 Jan 2024"))
