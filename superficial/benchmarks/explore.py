"""The Explore page's data: MMLU and MT-Bench for the filtered models, like for like or each model's best."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from superficial.charts.bars import score_bars
from superficial.charts.core import BAR_LIMIT
from superficial.db import queries
from superficial.db.store import Store
from superficial.display import is_missing

BENCHMARKS = ("MMLU", "MT-Bench")  # a tab each, in this order
MODES = ("like for like", "best reported")
DEFAULT_SETTING = "5-shot"  # MMLU's usual setting, preselected when the data has it
MISSING_NAMES = 8  # models named in the "left out" note


@dataclass(frozen=True)
class Tab:
    """What one benchmark's tab draws for one set of filters."""

    benchmark: str
    setting: str | None  # the one setting compared; None: each model's best reported score
    value_range: tuple[float, float] | None  # the benchmark's scale, None when the data has none
    unit: str | None
    rows: pd.DataFrame  # the bars: the best BAR_LIMIT models (or families) and the outlined ones (queries.top_chart_scores)
    missing: tuple[int, list[str]]  # filtered models (or families) with no score here: how many, the first names
    per_family: bool = False  # a bar per family of variants: its best variant
    outlined: tuple[str, ...] = ()  # the bars to outline: the models asked for, or the variants standing for their families

    @property
    def scored(self) -> int:
        """Filtered models (or families) with a score here (drawn or not)."""
        return int(self.rows["total"].iloc[0]) if len(self.rows) else 0

    @property
    def what(self) -> str:
        """'MMLU score (5-shot)', or 'MMLU score' for each model's best."""
        return f"{self.benchmark} score" + (f" ({self.setting})" if self.setting else "")

    @property
    def heading(self) -> str:
        """'**MMLU · 5-shot** — 55 models' (or '— 40 model families, each its best variant') above the chart."""
        setting = self.setting or "each model's best reported setting"
        if self.per_family:
            return f"**{self.benchmark} · {setting}** — {self.scored:,} model families, each its best variant"
        return f"**{self.benchmark} · {setting}** — {self.scored:,} models"


def setting_choices(settings: pd.DataFrame) -> tuple[list[str], int]:
    """The MMLU settings to offer (queries.settings' order, most shared first) and which one to preselect."""
    options = settings["setting"].tolist() or [DEFAULT_SETTING]
    return options, options.index(DEFAULT_SETTING) if DEFAULT_SETTING in options else 0


def _scale(benchmarks: pd.DataFrame, benchmark: str) -> tuple[tuple[float, float] | None, str | None]:
    rows = benchmarks[benchmarks["benchmark"] == benchmark]
    if rows.empty:
        return None, None
    row = rows.iloc[0]
    unit = None if is_missing(row["unit"]) else row["unit"]
    return (row["min_value"], row["max_value"]), unit


def tab(store: Store, filters, benchmark: str, setting: str | None, highlight: Iterable[str] = (), *,
        benchmarks: pd.DataFrame | None = None, default_settings: Mapping[str, str | None] | None = None,
        kept: int | None = None) -> Tab:
    """Query one benchmark's tab: MMLU in ``setting``, another benchmark in its usual setting, or with ``setting``
    None each model's best reported score.

    ``benchmarks`` (queries.benchmarks), ``default_settings`` (queries.default_setting of the benchmark) and
    ``kept`` (how many models the filters keep: queries.filtered_count) may be given prebuilt.
    """
    benchmarks = queries.benchmarks(store) if benchmarks is None else benchmarks
    keep = list(highlight)
    if setting is None:
        chosen = None
    elif benchmark == "MMLU":
        chosen = setting
    else:
        chosen = (default_settings[benchmark] if default_settings is not None and benchmark in default_settings
                  else queries.default_setting(store, benchmark))
    value_range, unit = _scale(benchmarks, benchmark)
    rows = queries.top_chart_scores(store, filters, benchmark, chosen, limit=BAR_LIMIT, keep=keep,
                                    per_family=filters.per_family)
    # A family's bar is named after its best variant, so it is outlined when the family has a model asked for.
    families = set(queries.variants(store, keep)["base_model"]) if filters.per_family and keep else set()
    outlined = rows.loc[rows["base_model"].isin(families), "model"].tolist() if families else keep
    scored = int(rows["total"].iloc[0]) if len(rows) else 0
    counts = None if filters.per_family or kept is None else (kept, scored)
    return Tab(benchmark=benchmark, setting=chosen, value_range=value_range, unit=unit, rows=rows,
               missing=queries.missing_scores(store, filters, benchmark, chosen, limit=MISSING_NAMES,
                                              per_family=filters.per_family, counts=counts),
               per_family=filters.per_family, outlined=tuple(outlined))


def view(store: Store, filters, setting: str | None, highlight: Iterable[str] = (), *,
         benchmarks: pd.DataFrame | None = None,
         default_settings: Mapping[str, str | None] | None = None) -> tuple[Tab, ...]:
    """Every benchmark's tab (``tab`` of each of BENCHMARKS), in order."""
    benchmarks = queries.benchmarks(store) if benchmarks is None else benchmarks
    return tuple(tab(store, filters, benchmark, setting, highlight, benchmarks=benchmarks,
                     default_settings=default_settings) for benchmark in BENCHMARKS)


def figure(tab: Tab, *, color_by: str, org_colors: Mapping[str, str]) -> go.Figure:
    """The tab's bars, coloured by organization (in ``org_colors``) or architecture, its outlined bars outlined."""
    return score_bars(tab.rows, benchmark=tab.benchmark, color_by=color_by, label_setting=tab.setting is None,
                      value_range=tab.value_range, unit=tab.unit,
                      colors=org_colors if color_by == "organization" else None, highlight=tab.outlined,
                      more=tab.scored - len(tab.rows))
