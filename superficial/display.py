"""Pure formatting helpers for what pages print (no Streamlit here)."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas NA."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def long_date(value: object) -> str:
    """'17 December 2023', or 'date unknown'."""
    if is_missing(value):
        return "date unknown"
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def edition_byline(number: object, publish_date: object, fmt: str | None = None) -> str:
    """'#5 · 17 December 2023 · markdown'."""
    parts = []
    if not is_missing(number):
        parts.append(f"#{int(number)}")
    parts.append(long_date(publish_date))
    if fmt:
        parts.append("plain text" if fmt == "text" else fmt)
    return " · ".join(parts)


def params_label(total: object, active: object = None) -> str:
    """'46.7B total / 12.9B active', '2.7B' or 'size undisclosed'."""
    if is_missing(total):
        return "size undisclosed"
    label = f"{float(total):g}B"
    if not is_missing(active):
        label += f" total / {float(active):g}B active"
    return label
