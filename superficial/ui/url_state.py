"""Widgets whose value lives in the URL, so every view has a link."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def url_selectbox(container, label: str, options: Sequence[str], *, url_key: str, default: str,
                  format_func: Callable[[str], str] = str, **kwargs) -> str:
    """A selectbox kept in step with ``?url_key=``: a new URL (a link followed) sets it, a choice sets the URL.

    ``default`` is shown when the URL names no option. The widget has a fixed key, so a choice is never
    lost when the URL changes under it.
    """
    widget_key, seen_key = f"{url_key}_picker", f"{url_key}_url_seen"
    asked = st.query_params.get(url_key)
    if st.session_state.get(seen_key, object()) != asked or st.session_state.get(widget_key) not in options:
        st.session_state[widget_key] = asked if asked in options else default
        st.session_state[seen_key] = asked
    chosen = container.selectbox(label, options, key=widget_key, format_func=format_func, **kwargs)
    if asked != chosen:
        st.query_params[url_key] = chosen
        st.session_state[seen_key] = chosen
    return chosen
