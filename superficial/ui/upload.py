"""The reader's own leaderboard upload: merged into a store for this browser session only."""
from __future__ import annotations

import streamlit as st

from superficial import config
from superficial.ingest import leaderboard
from superficial.ui.cache import UPLOADED_STORE_KEY, bundled_store

FILE_KEY, DATE_KEY, REPORT_KEY = "upload_file", "upload_date", "upload_report"  # the Data page's widgets


def apply_upload() -> None:
    """Merge the uploaded leaderboard into a session-only store; a bad file changes nothing."""
    upload = st.session_state.get(FILE_KEY)
    if upload is None:  # the reader removed the file
        remove_upload()
        return
    date = st.session_state.get(DATE_KEY) or leaderboard.date_from_name(upload.name)
    session_store, report = leaderboard.session_store(bundled_store(), config.data_dir(), upload.getvalue(),
                                                      upload.name, date)
    st.session_state[REPORT_KEY] = report
    st.session_state[DATE_KEY] = report.date
    if session_store is not None:
        st.session_state[UPLOADED_STORE_KEY] = session_store


def remove_upload() -> None:
    """Back to the bundled data."""
    st.session_state.pop(UPLOADED_STORE_KEY, None)
    st.session_state.pop(REPORT_KEY, None)


def uploaded() -> bool:
    """Whether this session's pages show the reader's upload."""
    return st.session_state.get(UPLOADED_STORE_KEY) is not None


def report() -> leaderboard.ImportReport | None:
    """The last upload's report, None before any."""
    return st.session_state.get(REPORT_KEY)


def upload_notice() -> None:
    """A sidebar note while the reader's own leaderboard upload is part of the data (call from app.py)."""
    if uploaded():
        name = f" `{report().file}`" if report() is not None else ""
        st.sidebar.info(f"Your upload{name} is included in every page (this session only). "
                        "Remove it on the Data page.", icon=":material/upload_file:")
