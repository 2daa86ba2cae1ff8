"""The model filters shared by the benchmark pages (no Streamlit here).

The sidebar's widgets keep them in the URL (``bind="query-params"``); here they become the bound
parameters of the filtered-models SQL and a sentence for captions.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, replace

# Stops of the size slider, roughly even on a log scale. A range (lo, hi] keeps models with more than
# lo and at most hi billion parameters: "0B" is no lower limit and "∞" no upper limit.
SIZE_STOPS: dict[str, float] = {
    "0B": 0.0, "1B": 1.0, "3B": 3.0, "7B": 7.0, "13B": 13.0, "34B": 34.0, "70B": 70.0, "180B": 180.0,
    "∞": math.inf,
}
SIZE_LABELS = tuple(SIZE_STOPS)
PRESETS: dict[str, tuple[str, str]] = {
    "Edge ≤3B": ("0B", "3B"),
    "Small 3–13B": ("3B", "13B"),
    "Medium 13–70B": ("13B", "70B"),
    "Large >70B": ("70B", "∞"),
}
ARCHITECTURES = ("dense", "MoE", "SSM", "undisclosed")


def _month(value: str) -> dt.date | None:
    """'2023-06' (or an ISO date) -> 1 June 2023; None when unreadable."""
    try:
        year, month = value.strip()[:7].split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Filters:
    """Which models the benchmark pages show. The defaults keep every model."""

    size: tuple[str, str] = (SIZE_LABELS[0], SIZE_LABELS[-1])  # slider stops, (lo, hi]
    basis: str = "total"  # "active": an MoE model is sized by the parameters used per token
    include_unknown: bool = True  # models whose size is undisclosed
    orgs: tuple[str, ...] = ()  # empty: every organization
    archs: tuple[str, ...] = ()  # from ARCHITECTURES; empty: all
    weights: str | None = None  # "open", "closed" or None for both
    licenses: tuple[str, ...] = ()
    released: tuple[str, str] | None = None  # months "YYYY-MM", both inclusive; None: any date
    per_family: bool = False  # one row per family of variants (its best variant), not one per model

    # --- numbers the queries need ----------------------------------------------------------
    @property
    def min_params(self) -> float | None:
        """Exclusive lower size bound in billions, None when unbounded."""
        value = SIZE_STOPS[self.size[0]]
        return value if value > 0 else None

    @property
    def max_params(self) -> float | None:
        """Inclusive upper size bound in billions, None when unbounded."""
        value = SIZE_STOPS[self.size[1]]
        return value if math.isfinite(value) else None

    @property
    def open_weights(self) -> bool | None:
        return None if self.weights is None else self.weights == "open"

    @property
    def released_from(self) -> dt.date | None:
        return _month(self.released[0]) if self.released else None

    @property
    def released_to(self) -> dt.date | None:
        end = _month(self.released[1]) if self.released else None
        return month_end(end) if end else None

    @property
    def preset(self) -> str | None:
        """The preset name whose range this is, if any."""
        return next((name for name, rng in PRESETS.items() if rng == self.size), None)

    def query_params(self) -> dict:
        """Bound parameters for the filtered-models SQL in ``queries``."""
        return {
            "basis": self.basis, "min_params": self.min_params, "max_params": self.max_params,
            "include_unknown": self.include_unknown, "orgs": list(self.orgs) or None,
            "archs": list(self.archs) or None, "open_weights": self.open_weights,
            "licenses": list(self.licenses) or None, "released_from": self.released_from,
            "released_to": self.released_to,
        }

    def is_default(self) -> bool:
        """Every model kept (whether the charts show a row per model or per family)."""
        return self == Filters(per_family=self.per_family)

    def describe(self) -> str:
        """A short sentence of the active filters, for captions: 'Filters: 3B–13B, open weights'."""
        parts = []
        if self.size != Filters().size:
            lo, hi = self.size
            parts.append(self.preset or (f"over {lo}" if hi == "∞" else f"{lo}–{hi}" if lo != "0B" else f"≤{hi}"))
        if self.basis == "active":
            parts.append("MoE by active parameters")
        if not self.include_unknown:
            parts.append("known sizes only")
        if self.orgs:
            parts.append(", ".join(self.orgs))
        if self.archs:
            parts.append("/".join(self.archs))
        if self.weights:
            parts.append(f"{self.weights} weights")
        if self.licenses:
            parts.append(", ".join(self.licenses))
        if self.released:
            parts.append(f"released {self.released[0]} to {self.released[1]}")
        text = "Filters: " + "; ".join(parts) if parts else "No filters: every model"
        return text + (" · one row per model family (its best variant)" if self.per_family else "")

    def with_preset(self, name: str | None) -> Filters:
        """The same filters with a size preset applied (None: every size, unknown sizes included)."""
        if name is None:
            return replace(self, size=Filters().size, include_unknown=True)
        return replace(self, size=PRESETS[name], include_unknown=False)


def months_between(first: dt.date | None, last: dt.date | None) -> list[str]:
    """Every month from first to last as 'YYYY-MM' (the release slider's stops); [] without both."""
    if not first or not last or last < first:
        return []
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
