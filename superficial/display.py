"""Formatting of what pages print (no Streamlit here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from superficial.editions.markdown import html_text, literal_markdown


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


@dataclass(frozen=True)
class EditionCard:
    """One edition as the home page lists it, each text ready for ``st.markdown``."""

    slug: str
    title: str  # the title's readable words, escaped
    byline: str  # '#5 · 17 December 2023 · markdown'
    description: str  # escaped; "" when there is none
    tags: str  # ':blue-badge[AI] :blue-badge[LLM]'; "" without tags


def shown_text(text: str) -> str:
    """An edition's words for a Streamlit element that parses Markdown: HTML reduced to words, all escaped."""
    return literal_markdown(html_text(text))


def edition_cards(editions: pd.DataFrame, limit: int) -> tuple[EditionCard, ...]:
    """Cards of the first ``limit`` rows of queries.editions (newest first)."""
    return tuple(EditionCard(slug=row.slug, title=shown_text(row.title),
                             byline=edition_byline(row.number, row.publish_date, row.format),
                             description=shown_text(row.description),
                             tags=" ".join(f":blue-badge[{shown_text(tag)}]" for tag in row.tags))
                 for row in editions.head(limit).itertuples())
