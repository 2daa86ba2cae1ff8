"""The model filters shared by the benchmark pages, and their URL form (no Streamlit here).

The URL form is the one Streamlit writes for widgets bound with ``bind="query-params"``: one key
per filter, repeated keys for lists and ranges (``?size=3B&size=13B&org=Meta&org=Google``), and
defaults left out. So ``Filters.from_query_params(url).to_query_params()`` is the link to a view.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

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
BASES = ("total", "active")
ARCHITECTURES = ("dense", "MoE", "SSM", "undisclosed")
WEIGHTS = ("open", "closed")
NOT_STATED = "not stated"  # the license of a model whose license is empty
# Filter field -> URL key (also the widget key in the sidebar, so Streamlit binds it to the URL).
URL_KEYS = {
    "size": "size", "basis": "params", "include_unknown": "unknown", "orgs": "org", "archs": "arch",
    "weights": "weights", "licenses": "license", "released": "released",
}


def _values(params: Mapping[str, object], key: str) -> list[str]:
    """Every value of a key, whether the mapping holds a string or a list (st.query_params or a dict)."""
    if hasattr(params, "get_all"):
        raw = params.get_all(key)  # type: ignore[attr-defined]
    else:
        raw = params.get(key, [])
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    return [str(v).strip() for v in raw if str(v).strip()]


def _last(params: Mapping[str, object], key: str) -> str | None:
    values = _values(params, key)
    return values[-1] if values else None


def _size_label(value: str) -> str | None:
    """'13B', '13b' or '13' -> '13B'; None for anything that is not a stop."""
    word = value.strip().upper().rstrip("B") + "B"
    for label in SIZE_LABELS:
        if label.upper() == word or (label == "∞" and value.strip() in {"∞", "inf", "max"}):
            return label
    return None


def _month(value: str) -> dt.date | None:
    """'2023-06' (or an ISO date) -> 1 June 2023; None when unreadable."""
    try:
        year, month = value.strip()[:7].split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def month_label(day: dt.date) -> str:
    return f"{day:%Y-%m}"


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
        return self == Filters()

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
        return "Filters: " + "; ".join(parts) if parts else "No filters: every model"

    # --- URL --------------------------------------------------------------------------------
    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> Filters:
        """Read filters from URL parameters; anything unreadable falls back to its default."""
        default = cls()
        keys = URL_KEYS
        size = default.size
        labels = [_size_label(v) for v in _values(params, keys["size"])]
        if len(labels) == 2 and None not in labels:
            lo, hi = sorted(labels, key=SIZE_LABELS.index)  # type: ignore[arg-type]
            if lo != hi:
                size = (lo, hi)
        basis = _last(params, keys["basis"])
        unknown = (_last(params, keys["include_unknown"]) or "").lower()
        weights = _last(params, keys["weights"])
        months = [_month(v) for v in _values(params, keys["released"])]
        released = None
        if len(months) == 2 and None not in months:
            lo_m, hi_m = sorted(months)  # type: ignore[type-var]
            released = (month_label(lo_m), month_label(hi_m))
        arch_names = {a.lower(): a for a in ARCHITECTURES}
        return cls(
            size=size,
            basis=basis if basis in BASES else default.basis,
            include_unknown=unknown != "false" if unknown in {"true", "false"} else default.include_unknown,
            orgs=tuple(dict.fromkeys(_values(params, keys["orgs"]))),
            archs=tuple(dict.fromkeys(arch_names[a.lower()] for a in _values(params, keys["archs"])
                                      if a.lower() in arch_names)),
            weights=weights if weights in WEIGHTS else None,
            licenses=tuple(dict.fromkeys(_values(params, keys["licenses"]))),
            released=released,
        )

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL parameters for these filters, defaults left out (lists as repeated keys)."""
        default = Filters()
        keys = URL_KEYS
        out: dict[str, str | list[str]] = {}
        if self.size != default.size:
            out[keys["size"]] = list(self.size)
        if self.basis != default.basis:
            out[keys["basis"]] = self.basis
        if self.include_unknown != default.include_unknown:
            out[keys["include_unknown"]] = "true" if self.include_unknown else "false"
        for name in ("orgs", "archs", "licenses"):
            if getattr(self, name):
                out[keys[name]] = list(getattr(self, name))
        if self.weights:
            out[keys["weights"]] = self.weights
        if self.released:
            out[keys["released"]] = list(self.released)
        return out

    def with_preset(self, name: str | None) -> Filters:
        """The same filters with a size preset applied (None: every size, unknown sizes included)."""
        if name is None:
            return replace(self, size=Filters().size, include_unknown=True)
        return replace(self, size=PRESETS[name], include_unknown=False)


FILTER_FIELDS = tuple(f.name for f in fields(Filters))


def months_between(first: dt.date | None, last: dt.date | None) -> list[str]:
    """Every month from first to last as 'YYYY-MM' (the release slider's stops); [] without both."""
    if not first or not last or last < first:
        return []
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
