"""Tables of rows behind a chart, and paged tables, with CSV downloads."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from superficial.db.queries import TABLE_ROWS


def score_table(rows: pd.DataFrame, *, value_range: tuple[float, float] | None, file_name: str,
                key: str, selected: list[str] | None = None, total: int | None = None,
                everything: Callable[[], pd.DataFrame] | None = None, columns: list[str] | None = None,
                pick: Callable[[list[str]], pd.DataFrame] | None = None) -> None:
    """The rows behind a chart as a sortable table (score bars, source links) with a CSV download.

    At most TABLE_ROWS rows are drawn, of `columns` (all by default). When `rows` are the first of `total`
    (a query's LIMIT), the CSV is built from `everything()` only when the reader clicks download. With
    models selected in the chart, only their rows are shown: from `pick(models)` when given, else from every row.
    """
    total = len(rows) if total is None else total
    everything = everything or (lambda: rows)
    if selected:  # from every row, not only the first TABLE_ROWS: a selected model may rank lower
        if len(rows) < total and pick is not None:
            rows = pick(list(selected))
        else:
            rows = rows if len(rows) >= total else everything()
            rows = rows[rows["model"].isin(list(selected))]
        st.caption(f"Showing the {len(selected)} model(s) selected in the chart: "
                   f"{', '.join(selected)}. Double-click the chart to clear the selection.")
    elif total > TABLE_ROWS or len(rows) > TABLE_ROWS:
        rows = rows.head(TABLE_ROWS)
        st.caption(f"The first {TABLE_ROWS:,} of {total:,} rows, best first; the CSV download has every row.")
    # Columns picked from the rows shown, not from every row: a big view has tens of thousands.
    rows = (rows[columns] if columns else rows).drop(columns=["total"], errors="ignore")
    lo, hi = value_range if value_range else (float(rows["value"].min() or 0), float(rows["value"].max() or 1))
    config = {
        "model": st.column_config.TextColumn("model", pinned=True),
        "value": st.column_config.ProgressColumn("score", min_value=lo, max_value=hi, format="%g"),
        "source_url": st.column_config.LinkColumn("source", display_text=r"https?://(?:www\.)?([^/]+/?[^/]*)"),
        "params_b": st.column_config.NumberColumn("params (B)", format="%g"),
        "per_billion": st.column_config.NumberColumn("points / B", format="%.2f"),
        "release_date": st.column_config.DateColumn("released"),
        "open_weights": st.column_config.CheckboxColumn("open weights"),
        "on_frontier": st.column_config.CheckboxColumn("on frontier"),
        "reports": st.column_config.NumberColumn("values reported"),
        "base_model": st.column_config.TextColumn("base model"),
        "variants": st.column_config.NumberColumn("variants scored"),
    }
    st.dataframe(rows, hide_index=True, width="stretch", column_config={k: v for k, v in config.items() if k in rows},
                 key=f"{key}_table")
    st.download_button(f"Download CSV ({total:,} rows)",
                       lambda: _csv(everything(), columns), file_name=file_name, mime="text/csv",
                       icon=":material/download:", key=f"{key}_csv")


def query_table(fetch: Callable[[int | None], pd.DataFrame], **kwargs) -> None:
    """score_table over a query with a LIMIT: ``fetch(TABLE_ROWS)`` is drawn, ``fetch(None)`` is the CSV.

    ``fetch(limit)`` returns the first rows with a `total` column counting every row (queries.benchmark_rows).
    """
    first = fetch(TABLE_ROWS)
    score_table(first, total=int(first["total"].iloc[0]) if len(first) else 0, everything=lambda: fetch(None),
                **kwargs)


def _csv(rows: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    return (rows[columns] if columns else rows).drop(columns=["total"], errors="ignore").to_csv(index=False).encode("utf-8")


def paged_table(fetch: Callable[[str | None, int | None, int], pd.DataFrame], *, key: str, search_help: str,
                file_name: str, column_config: dict | None = None, rows_per_page: int = TABLE_ROWS) -> None:
    """A searchable table sent one page at a time, with a CSV download of every matching row.

    ``fetch(search, limit, offset)`` returns the page's rows with a `total` column counting every match
    (the queries.models / queries.scores listings).
    """
    find, pick = st.columns([3, 1], vertical_alignment="bottom")
    search = find.text_input("Search", key=f"{key}_search", placeholder=search_help, icon=":material/search:").strip()
    page = pick.number_input("Page", min_value=1, step=1, key=f"{key}_page")
    rows = fetch(search or None, rows_per_page, (page - 1) * rows_per_page)
    if rows.empty and page > 1:  # past the end (e.g. a new search matched fewer rows): back to the first page
        page = 1
        rows = fetch(search or None, rows_per_page, 0)
    total = int(rows["total"].iloc[0]) if len(rows) else 0
    if total == 0:
        st.info(f"No row matches “{search}”." if search else "This table is empty.", icon=":material/search_off:")
        return
    first = (page - 1) * rows_per_page + 1
    pages = -(-total // rows_per_page)
    st.caption(f"Rows {first:,}–{first + len(rows) - 1:,} of {total:,}"
               + (f" · page {page:,} of {pages:,}" if pages > 1 else "") + (f" · matching “{search}”" if search else ""))
    st.dataframe(rows.drop(columns=["total"]), hide_index=True, width="stretch", column_config=column_config,
                 key=f"{key}_table")
    st.download_button(f"Download CSV ({total:,} rows)",
                       lambda: _csv(fetch(search or None, None, 0)),
                       file_name=file_name, mime="text/csv", icon=":material/download:", key=f"{key}_csv")

