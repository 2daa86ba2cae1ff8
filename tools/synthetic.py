"""Synthetic data and content folders for benchmarks: N models × 5 benchmarks and dated editions.

Distributions follow the bundled data and the public leaderboards: organizations on a long tail,
sizes clustered at the usual checkpoints (1B, 7B, 13B, 70B …), a few mixture-of-experts and
state-space models, closed models of undisclosed size, more releases every month, scores that rise
with size and date. The output passes ``catalog.read_catalog`` and ``content.load_editions`` with no
problem at all, and the same seed gives the same bytes.

    python -m tools.synthetic OUT_DIR --models 10000 [--editions 1000] [--seed 0]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

# The five benchmarks every synthetic model is scored on, each with its settings and their shares.
SETTINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "MMLU": (("5-shot", 0.82), ("0-shot", 0.1), ("5-shot CoT", 0.08)),
    "MT-Bench": (("GPT-4 judge", 1.0),),
    "Arena Elo": (("Chatbot Arena (leaderboard 2023-12-06)", 0.7), ("Chatbot Arena (leaderboard 2024-06-01)", 0.3)),
    "GSM8K": (("8-shot", 0.6), ("5-shot", 0.3), ("8-shot maj@8", 0.1)),
    "HumanEval": (("0-shot", 0.85), ("pass@1", 0.15)),
}
BENCHMARKS_CSV = """benchmark,unit,min_value,max_value,higher_is_better,description,link
MMLU,% correct,0,100,true,"Massive Multitask Language Understanding: multiple-choice questions across 57 subjects.",https://arxiv.org/abs/2009.03300
MT-Bench,score (1–10),0,10,true,"80 multi-turn questions in 8 categories, answers graded 1–10 by GPT-4 as judge.",https://arxiv.org/abs/2306.05685
Arena Elo,Elo rating,0,3000,true,"Chatbot Arena: crowdsourced pairwise human preference votes, turned into Elo ratings.",https://arxiv.org/abs/2306.05685
GSM8K,% solved,0,100,true,"Grade-school math word problems; the share of final answers that are correct.",https://arxiv.org/abs/2110.14168
HumanEval,% pass@1,0,100,true,"164 hand-written Python programming problems checked by unit tests; pass@1.",https://arxiv.org/abs/2107.03374
HellaSwag,% correct,0,100,true,"Commonsense sentence completion with adversarially filtered endings.",https://arxiv.org/abs/1905.07830
ARC-Challenge,% correct,0,100,true,"AI2 Reasoning Challenge, the hard set of grade-school science questions.",https://arxiv.org/abs/1803.05457
"""
REAL_ORGS = ("Meta", "Mistral AI", "Google", "Microsoft", "Alibaba", "TII", "01.AI", "OpenAI", "Anthropic",
             "DeepSeek", "LMSYS", "Hugging Face", "AllenAI", "Nous Research", "Upstage", "Databricks")
CLOSED_ORGS = ("OpenAI", "Anthropic", "Google")
SIZES = np.array([0.5, 1.1, 1.5, 1.8, 2.7, 3.0, 6.7, 7.0, 7.2, 8.0, 9.0, 13.0, 14.0, 20.0, 32.0, 34.0, 40.0,
                  70.0, 72.0, 110.0, 180.0])
SIZE_WEIGHTS = np.array([3, 4, 3, 2, 3, 4, 5, 30, 6, 10, 3, 14, 5, 2, 3, 4, 2, 9, 3, 1, 1], dtype=float)
OPEN_LICENSES = (("Apache 2.0", 34), ("MIT", 14), ("Llama 2 Community License", 20), ("Meta Llama 3 Community License", 9),
                 ("CC-BY-NC-4.0", 8), ("CC-BY-SA-4.0", 2), ("Non-commercial", 3), ("Gemma Terms of Use", 3),
                 ("Tongyi Qianwen License", 3), ("OpenRAIL-M", 2), ("", 2))
FLAVORS = ("Base", "Instruct", "Chat", "DPO", "SFT", "Coder", "Math", "RP", "Merge", "Uncensored")
SYLLABLES = ("ka", "zor", "vel", "mi", "tra", "lo", "quen", "dar", "sil", "nox", "bri", "fen", "ul", "ra", "tho",
             "gal", "pim", "sa", "rek", "wyn", "jo", "cal", "der", "io")
ORG_WORDS = ("Labs", "AI", "Research", "Collective", "Systems", "Intelligence", "Foundation", "Studio")
WORDS = ("model", "benchmark", "training", "data", "tokens", "context", "reasoning", "paper", "release", "weights",
         "evaluation", "scaling", "compute", "prompt", "agents", "alignment", "open", "small", "efficient", "fine-tuning",
         "quantized", "experts", "attention", "long", "window", "leaderboard", "results", "community", "week", "team")
TAGS = ("weekly-digest", "AI", "technology", "machine-learning", "LLM", "benchmarks", "open-source", "research")
FIRST_RELEASE = dt.date(2022, 1, 1)
LAST_RELEASE = dt.date(2024, 12, 31)
FIRST_EDITION = dt.date(2022, 1, 3)


@dataclass(frozen=True)
class Generated:
    """Where a synthetic data set was written and how many rows it holds."""

    data_dir: Path
    content_dir: Path
    models: int
    scores: int
    aliases: int
    editions: int


def _word(rng: np.random.Generator, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES, size=parts)).capitalize()


def _unique_words(rng: np.random.Generator, count: int, taken: set[str], parts=(2, 3)) -> list[str]:
    out = []
    while len(out) < count:
        word = _word(rng, int(rng.integers(parts[0], parts[1] + 1)))
        if word.lower() not in taken:
            taken.add(word.lower())
            out.append(word)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _size_label(size: float) -> str:
    return f"{size:g}B"


def make_tables(n_models: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The four CSV tables (benchmarks as text aside) for ``n_models`` models, deterministic by seed."""
    rng = np.random.default_rng(seed)
    taken: set[str] = set()
    n_orgs = int(np.clip(3 * np.sqrt(n_models), 5, 2000))
    orgs = list(REAL_ORGS[: min(len(REAL_ORGS), n_orgs)])
    taken.update(o.lower() for o in orgs)
    orgs += [f"{w} {ORG_WORDS[i % len(ORG_WORDS)]}" for i, w in
             enumerate(_unique_words(rng, n_orgs - len(orgs), taken))]
    org_weights = 1.0 / np.arange(1, len(orgs) + 1) ** 1.05  # a long tail, the big labs first
    org_weights /= org_weights.sum()
    families_per_org = rng.integers(1, 4, size=len(orgs))
    family_names = _unique_words(rng, int(families_per_org.sum()), taken)
    org_families, at = [], 0
    for count in families_per_org:
        org_families.append(family_names[at: at + count])
        at += count

    org_index = rng.choice(len(orgs), size=n_models, p=org_weights)
    organization = np.array(orgs, dtype=object)[org_index]
    family = np.array([org_families[o][int(rng.integers(len(org_families[o])))] for o in org_index], dtype=object)
    closed = np.isin(organization, CLOSED_ORGS) & (rng.random(n_models) < 0.7)
    closed |= rng.random(n_models) < 0.03
    kind = rng.random(n_models)
    architecture = np.where(kind < 0.06, "MoE", np.where(kind < 0.09, "SSM", "dense")).astype(object)
    size = SIZES[rng.choice(len(SIZES), size=n_models, p=SIZE_WEIGHTS / SIZE_WEIGHTS.sum())]
    moe = architecture == "MoE"
    total = np.where(moe, np.round(size * rng.uniform(3.0, 8.0, size=n_models), 1), size)
    active = np.where(moe, size, np.nan)
    architecture[closed] = ""
    total[closed] = np.nan
    active[closed] = np.nan

    span = (LAST_RELEASE - FIRST_RELEASE).days
    days = np.floor(np.sqrt(rng.random(n_models)) * span).astype(int)  # more releases every month
    release = np.array([(FIRST_RELEASE + dt.timedelta(days=int(d))).isoformat() for d in days], dtype=object)
    release[rng.random(n_models) < 0.02] = ""  # a few undated

    licenses, weights = zip(*OPEN_LICENSES)
    license_ = np.array(licenses, dtype=object)[rng.choice(len(licenses), size=n_models,
                                                            p=np.array(weights) / sum(weights))]
    license_[closed] = "Proprietary"
    flavor = np.array(FLAVORS, dtype=object)[rng.integers(len(FLAVORS), size=n_models)]
    width = len(str(n_models))
    names = [f"{fam} {_size_label(s)} {fl} v{i:0{width}d}" if np.isfinite(t) or not c else f"{fam} {fl} v{i:0{width}d}"
             for i, (fam, s, fl, t, c) in enumerate(zip(family, size, flavor, total, closed), start=1)]
    org_slug = {o: _slug(o) for o in orgs}
    links = [f"https://{org_slug[o]}.example/models/{_slug(n)}" if c else f"https://huggingface.co/{org_slug[o]}/{_slug(n)}"
             for n, o, c in zip(names, organization, closed)]
    # A tuned version of a "Base" model of the same organization, family and size is a variant of it.
    group = pd.Series([f"{o}\x00{f}\x00{t}" for o, f, t in zip(organization, family, total)])
    is_base = flavor == "Base"
    base_of_group = pd.Series(np.where(is_base, np.array(names, dtype=object), None)).groupby(group).transform("first")
    variant_of = np.where(~is_base & base_of_group.notna().to_numpy(), base_of_group.to_numpy(), "")
    models = pd.DataFrame({
        "name": names, "variant_of": variant_of, "organization": organization, "family": family,
        "total_params_b": total, "active_params_b": active, "architecture": architecture,
        "release_date": release, "open_weights": np.where(closed, "false", "true"), "license": license_,
        "link": links,
    })

    # A latent quality that grows with size and date; each benchmark maps it to its own scale.
    params_for_quality = np.where(np.isfinite(total), np.where(moe, active * 2.0, total), 300.0)
    years = days / 365.0
    quality = 0.9 * np.log2(params_for_quality) + 0.9 * years + rng.normal(0, 0.9, size=n_models)
    curves = {
        "MMLU": lambda q, e: 25 + 65 * _sigmoid((q - 5.5) / 1.4) + e * 2.0,
        "MT-Bench": lambda q, e: 1.5 + 8.0 * _sigmoid((q - 6.0) / 1.5) + e * 0.3,
        "Arena Elo": lambda q, e: 850 + 450 * _sigmoid((q - 6.5) / 1.5) + e * 20,
        "GSM8K": lambda q, e: 100 * _sigmoid((q - 7.5) / 1.5) + e * 3.0,
        "HumanEval": lambda q, e: 95 * _sigmoid((q - 8.0) / 1.7) + e * 3.0,
    }
    limits = {"MMLU": (20, 95), "MT-Bench": (1, 9.9), "Arena Elo": (700, 1350), "GSM8K": (0.5, 97), "HumanEval": (0, 96)}
    decimals = {"MMLU": 2, "MT-Bench": 2, "Arena Elo": 0, "GSM8K": 1, "HumanEval": 1}
    model_slugs = [_slug(n) for n in names]
    frames = []
    for benchmark, settings in SETTINGS.items():
        labels, shares = zip(*settings)
        setting = np.array(labels, dtype=object)[rng.choice(len(labels), size=n_models, p=np.array(shares) / sum(shares))]
        value = np.round(np.clip(curves[benchmark](quality, rng.normal(size=n_models)), *limits[benchmark]),
                         decimals[benchmark])
        if benchmark in ("MT-Bench", "Arena Elo"):
            source = np.where(setting == labels[0], "https://lmsys.org/blog/2023-12-07-leaderboard/",
                              "https://lmarena.ai/leaderboard/2024-06-01").astype(object)
        else:
            source = np.array([f"https://huggingface.co/datasets/open-llm-leaderboard/details_{s}" for s in model_slugs],
                              dtype=object)
        frames.append(pd.DataFrame({"model": names, "benchmark": benchmark, "setting": setting, "value": value,
                                    "source_url": source, "note": ""}))
    scores = pd.concat(frames, ignore_index=True)

    with_alias = np.flatnonzero(rng.random(n_models) < 0.05)
    aliases = pd.DataFrame({"alias": [model_slugs[i] for i in with_alias], "model": [names[i] for i in with_alias]})
    return {"models": models, "scores": scores, "aliases": aliases}


def _sentence(words: list[str]) -> str:
    return words[0][:1].upper() + " ".join(words)[1:] + "."


def _paragraph(rng: random.Random, mentions: list[str], sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 19))
        if mentions and rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(mentions))
        out.append(_sentence(words))
    return " ".join(out)


def _claims_paragraph(rng: random.Random, models: list[str]) -> str:
    """Sentences stating sizes, scores and comparisons of the named models, as an edition's claims do."""
    first, second = models[0], models[-1]
    return " ".join([
        f"{first} is a {rng.choice((1.3, 2.7, 7, 13, 34, 70))} billion-parameter model.",
        f"It scores {rng.uniform(40, 90):.1f}% on MMLU and {rng.uniform(5, 9.5):.1f} on MT-Bench.",
        f"{second} outperforms {first} on MMLU.",
        f"{first} matches or outperforms models up to 25x larger.",
    ])


def edition_text(number: int, day: dt.date, models: list[str], families: list[str], rng: random.Random) -> str:
    """One Markdown edition with frontmatter: sections, lists, links, a callout, an image, model mentions, claims."""
    picked = rng.sample(models, min(len(models), rng.randint(4, 11)))
    named = picked + rng.sample(families, min(len(families), 2))
    tags = sorted(set(rng.choices(TAGS, k=3)))
    lines = [
        "---",
        f'title: "Some interesting things to start the week #{number}"',
        f'publishDate: "{day.day} {day:%B %Y}"',
        f'description: "{_paragraph(rng, [], 1)}"',
        "tags: [" + ", ".join(f'"{t}"' for t in tags) + "]",
        "---",
        "",
        ":::note",
        f"**This post is also published on my newsletter, Superficial Intelligence "
        f"[here](https://superficiality.substack.com/p/week-{number})**",
        ":::",
        "",
        _paragraph(rng, named, 3),
        "",
        _claims_paragraph(rng, picked),
        "",
        "In today's edition:",
        "",
    ]
    titles = [_sentence(rng.choices(WORDS, k=4))[:-1] for _ in range(rng.randint(4, 7))]
    lines += [f"- {t}" for t in titles] + ["", "---", ""]
    for i, title in enumerate(titles, start=1):
        lines += [f"## {i}. {title}", ""]
        for _ in range(rng.randint(2, 4)):
            lines += [_paragraph(rng, named, rng.randint(3, 6)), ""]
        if rng.random() < 0.4:
            lines += [f"![](/assets/{day:%Y}/week-{number}-{i}.webp)", "_Image Source: the paper_", ""]
        if rng.random() < 0.3:
            lines += [f"- {' '.join(rng.choices(WORDS, k=6))}" for _ in range(3)] + [""]
        lines += [f"Read more in [the paper](https://arxiv.org/abs/2312.{rng.randint(10000, 99999)}).", "", "---", ""]
    return "\n".join(lines)


def write(out_dir: Path | str, n_models: int, n_editions: int = 1000, seed: int = 0) -> Generated:
    """Write ``out_dir/data`` (four CSV files) and ``out_dir/content`` (editions), replacing what was there."""
    out_dir = Path(out_dir)
    data_dir, content_dir = out_dir / "data", out_dir / "content"
    for folder in (data_dir, content_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    tables = make_tables(n_models, seed)
    (data_dir / "benchmarks.csv").write_text(BENCHMARKS_CSV, encoding="utf-8")
    for name in ("models", "scores", "aliases"):
        tables[name].to_csv(data_dir / f"{name}.csv", index=False, lineterminator="\n", float_format="%g")
    rng = random.Random(seed + 1)
    models = tables["models"]
    # Editions name models released by their date, like the real ones; the first weeks name early models.
    order = models.sort_values("release_date", kind="mergesort")
    pool = order["name"].tolist()
    families = sorted(models["family"].dropna().unique().tolist())
    for number in range(1, n_editions + 1):
        day = FIRST_EDITION + dt.timedelta(days=number - 1)
        window = pool[max(0, int(len(pool) * (number / max(n_editions, 1))) - 500): max(50, int(len(pool) * number / max(n_editions, 1)))]
        text = edition_text(number, day, window or pool, families, rng)
        name = f"{day.isoformat()}-some-interesting-things-to-start-the-week-{number}.md"
        (content_dir / name).write_text(text, encoding="utf-8")
    return Generated(data_dir, content_dir, len(models), len(tables["scores"]), len(tables["aliases"]), n_editions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write data/ and content/ into")
    parser.add_argument("--models", type=int, default=10_000)
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    made = write(args.out, args.models, args.editions, args.seed)
    print(f"{made.models:,} models, {made.scores:,} scores, {made.aliases:,} aliases in {made.data_dir}; "
          f"{made.editions:,} editions in {made.content_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
