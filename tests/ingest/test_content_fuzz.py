"""Property-based tests: the loader never raises, reports every bad file, loads every good one."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superficial.ingest.content import load_editions, parse_edition
from tests.conftest import ROOT

SEED = (ROOT / "content" / "2023-12-17-some-interesting-things-to-start-the-week-5.md").read_bytes()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                         st.dates())
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(min_size=1, max_size=10), inner, max_size=4), max_leaves=10)
frontmatter_keys = st.sampled_from(["title", "publishDate", "description", "tags", "updatedDate", "draft",
                                    "coverImage", "ogImage", "extra"])


def accounted_for(result, names):
    """Every file is either an edition or has an error naming it."""
    loaded = {e.path.rsplit("/", 1)[-1] for e in result.editions}
    skipped = {p.file.rsplit("/", 1)[-1] for p in result.skipped}
    return set(names) == loaded | skipped and not (loaded & skipped)


@FUZZ
@given(meta=st.dictionaries(frontmatter_keys, yaml_values, max_size=8), body=st.text(max_size=300))
def test_random_frontmatter_never_raises(meta, body):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    edition, problems = parse_edition(text, "fuzz.md", "fuzz")
    assert edition is not None or any(p.severity == "error" for p in problems)
    if edition is not None:
        assert isinstance(edition.title, str) and edition.title
        assert all(isinstance(t, str) for t in edition.tags)


@FUZZ
@given(files=st.lists(st.binary(max_size=400), min_size=1, max_size=6))
def test_random_bytes_are_loaded_or_reported(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("bytes")
    names = []
    for i, raw in enumerate(files):
        name = f"f{i}.md" if i % 2 else f"f{i}.txt"
        (folder / name).write_bytes(raw)
        names.append(name)
    result = load_editions(folder)
    assert accounted_for(result, names)
    for problem in result.skipped:
        assert problem.reason


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_seed_is_loaded_or_reported(tmp_path_factory, cut):
    folder = tmp_path_factory.mktemp("cut")
    (folder / "cut.md").write_bytes(SEED[:cut])
    result = load_editions(folder)
    assert accounted_for(result, ["cut.md"])
    if result.editions and cut > 400:
        assert result.editions[0].title == "Some interesting things to start the week #5"


def test_ten_megabyte_edition_loads(tmp_path):
    body = ("A paragraph about Mixtral and Phi-2 that goes on. " * 20 + "\n\n") * 10_000
    (tmp_path / "big.md").write_text('---\ntitle: "Big #9"\npublishDate: "2 December 2023"\n---\n' + body)
    assert (tmp_path / "big.md").stat().st_size > 10_000_000
    result = load_editions(tmp_path)
    assert [e.number for e in result.editions] == [9]
    assert result.editions[0].body == body.strip()


def test_thousands_of_files(tmp_path):
    for i in range(3000):
        if i % 100 == 0:
            (tmp_path / f"bad-{i:04d}.md").write_text("---\ntitle: [unclosed\n---\n")
        else:
            (tmp_path / f"post-{i:04d}.md").write_text(
                f'---\ntitle: "Post #{i}"\npublishDate: "{1 + i % 28} December 2023"\n---\nBody {i}\n')
    result = load_editions(tmp_path)
    assert len(result.editions) == 2970
    assert len(result.skipped) == 30
    assert all(p.reason.startswith("broken YAML frontmatter") for p in result.skipped)
    assert sorted(e.number for e in result.editions) == sorted(i for i in range(3000) if i % 100)
