import pandas as pd

from superficial.db.store import Store
from superficial.ingest.catalog import read_catalog
from superficial.ingest.content import load_editions
from tools import synthetic


def test_generated_folders_validate_with_no_problem_and_have_the_counts(tmp_path):
    made = synthetic.write(tmp_path, n_models=60, n_editions=12, seed=3)
    catalog = read_catalog(made.data_dir)
    content = load_editions(made.content_dir)
    assert catalog.problems == [] and content.problems == []
    assert len(catalog.models) == 60 and made.models == 60
    assert len(catalog.scores) == 60 * 5 == made.scores
    assert len(catalog.aliases) == made.aliases
    variants = catalog.models.dropna(subset=["variant_of"])  # tuned versions of a base model
    assert len(variants) and (variants["base_model"] == variants["variant_of"]).all()
    assert len(content.editions) == 12
    per_model = catalog.scores.groupby("model")["benchmark"].nunique()
    assert set(per_model) == {5} and len(per_model) == 60
    store = Store(catalog, content)  # the database constraints accept it too
    assert store.query("SELECT count(*) AS n FROM scores").n[0] == 300


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    first = synthetic.write(tmp_path / "a", 40, 5, seed=1)
    again = synthetic.write(tmp_path / "b", 40, 5, seed=1)
    other = synthetic.write(tmp_path / "c", 40, 5, seed=2)
    for name in ("models.csv", "scores.csv", "aliases.csv"):
        assert (first.data_dir / name).read_bytes() == (again.data_dir / name).read_bytes()
    assert sorted(p.read_bytes() for p in first.content_dir.iterdir()) == \
        sorted(p.read_bytes() for p in again.content_dir.iterdir())
    assert (first.data_dir / "models.csv").read_bytes() != (other.data_dir / "models.csv").read_bytes()


def test_distributions_look_like_a_leaderboard():
    tables = synthetic.make_tables(3000, seed=0)
    models, scores = tables["models"], tables["scores"]
    arch = models["architecture"].value_counts(normalize=True)
    assert 0.03 < arch["MoE"] < 0.09 and 0.01 < arch["SSM"] < 0.05 and arch["dense"] > 0.75
    closed = models["open_weights"] == "false"
    assert models.loc[closed, "total_params_b"].isna().all()  # closed models keep their size undisclosed
    moe = models[models["architecture"] == "MoE"]
    assert (moe["active_params_b"] < moe["total_params_b"]).all()
    orgs = models["organization"].value_counts()
    assert orgs.iloc[0] > 10 * orgs.median()  # a long tail of organizations
    assert models["release_date"].replace("", None).dropna().between("2022-01-01", "2024-12-31").all()
    mmlu = scores[scores["benchmark"] == "MMLU"].merge(models, left_on="model", right_on="name")
    sized = mmlu.dropna(subset=["total_params_b"])
    big = sized.loc[sized["total_params_b"] >= 70, "value"].mean()
    small = sized.loc[sized["total_params_b"] <= 3, "value"].mean()
    assert big > small + 10  # bigger models score higher
    assert pd.to_numeric(scores.loc[scores["benchmark"] == "MT-Bench", "value"]).between(0, 10).all()


def test_editions_name_models_that_exist(tmp_path):
    made = synthetic.write(tmp_path, 50, 4, seed=0)
    names = set(pd.read_csv(made.data_dir / "models.csv")["name"])
    edition = load_editions(made.content_dir).editions[0]
    assert edition.title.startswith("Some interesting things to start the week #")
    assert edition.publish_date is not None and edition.tags
    assert any(name in edition.body for name in names)


def test_editions_state_claims_of_each_kind_about_their_models(tmp_path):
    from superficial.claims.edition import edition_claims

    made = synthetic.write(tmp_path, 80, 3, seed=0)
    store = Store(read_catalog(made.data_dir), load_editions(made.content_dir))
    for edition in store.content.editions:
        checks = edition_claims(store, edition)
        assert {c.claim.kind for c in checks} == {"params", "score", "comparison"}
        assert any(c.claim.size_ratio is not None for c in checks)  # "models up to 25x larger"
