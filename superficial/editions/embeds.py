"""Embedded charts that the app redraws live from its own tables.

``REGISTRY`` says, for each known embed (by its key, e.g. "datawrapper:RuhKp", or its title), which
recipe draws it and with what parameters. An embed with no entry, or whose data is missing, is
shown as a plain link instead.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from superficial.charts.bars import setting_bars
from superficial.db import queries
from superficial.db.store import Store
from superficial.editions.markdown import Embed


@dataclass(frozen=True)
class EmbedSpec:
    """One known embed: what identifies it, and which recipe redraws it with which parameters."""

    keys: tuple[str, ...]
    titles: tuple[str, ...]
    recipe: str
    params: tuple[tuple[str, object], ...]


@dataclass
class EmbedChart:
    """A live chart standing in for an embed, with the rows it was drawn from."""

    figure: dict  # the figure's spec (ui.cache.figure draws it)
    data: pd.DataFrame
    original: str
    caption: str


REGISTRY: tuple[EmbedSpec, ...] = (
    EmbedSpec(
        keys=("datawrapper:RuhKp",),
        titles=("Gemini surpasses GPT-4 on MMLU tasks with carefully crafted prompts",),
        recipe="settings_comparison",
        params=(
            ("benchmark", "MMLU"),
            ("models", ("Gemini Ultra", "GPT-4")),
            ("settings", ("5-shot", "CoT@32", "uncertainty-routed CoT@32", "Medprompt+")),
        ),
    ),
)


def _norm(text: str) -> str:
    return " ".join((text or "").lower().split())


def find_spec(embed: Embed, registry: tuple[EmbedSpec, ...] = REGISTRY) -> EmbedSpec | None:
    """The registry entry for an embed, matched by key first, then by title."""
    for spec in registry:
        if embed.key in spec.keys:
            return spec
    title = _norm(embed.title)
    if title:
        for spec in registry:
            if title in {_norm(t) for t in spec.titles}:
                return spec
    return None


def _settings_comparison(store: Store, embed: Embed, *, benchmark: str, models, settings) -> EmbedChart | None:
    models, settings = list(models), list(settings)
    # A model named in the chart stands for its variants too (a "GPT-4" chart mixes GPT-4 snapshots).
    data = queries.setting_scores(store, benchmark, models, settings, with_variants=True)
    if data.empty:
        return None
    figure = setting_bars(data, models=models, settings=settings, benchmark=benchmark,
                                 title=embed.title or None)
    caption = f"{benchmark} by prompting setting, drawn live from the scores table ({len(data)} values)."
    from_variants = data[data["variant"] != data["model"]]
    if not from_variants.empty:
        caption += " Values of a variant: " + "; ".join(
            f"{model} {', '.join(group['setting'])} from {variant}"
            for (model, variant), group in from_variants.groupby(["model", "variant"], sort=False)) + "."
    have = set(zip(data["model"], data["setting"]))
    missing = [f"{m} {s}" for m in models for s in settings if (m, s) not in have]
    if missing:
        caption += f" No value on record for {', '.join(missing)}."
    return EmbedChart(figure.to_dict(), data, embed.src, caption)


RECIPES: dict[str, Callable[..., EmbedChart | None]] = {
    "settings_comparison": _settings_comparison,
}


def embed_chart(store: Store, embed: Embed, registry: tuple[EmbedSpec, ...] = REGISTRY) -> EmbedChart | None:
    """The live chart for an embed, or None when the app has no data for it."""
    spec = find_spec(embed, registry)
    if spec is None or spec.recipe not in RECIPES:
        return None
    return RECIPES[spec.recipe](store, embed, **dict(spec.params))
