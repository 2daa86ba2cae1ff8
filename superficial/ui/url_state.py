"""Widgets whose value lives in the URL, so every view has a link.

A new URL (a link followed) sets the widget, a choice sets the URL. Each widget has a fixed key, so a choice
is never lost when the URL changes under it. (Streamlit's own ``bind="query-params"`` writes the URL from the
browser, so a page could not rewrite an old link's value, and AppTest never sees the URL change.)
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def _url_choice(draw: Callable[..., str | None], options: Sequence[str], url_key: str, default: str,
                unwritten: str | None = None, **kwargs) -> str:
    """One of ``options`` chosen with ``draw`` (a selectbox or the like) and kept in step with ``?url_key=``;
    ``default`` is shown when the URL names no option, and ``unwritten`` is left out of the URL."""
    widget_key, seen_key = f"{url_key}_picker", f"{url_key}_url_seen"
    asked = st.query_params.get(url_key)
    if st.session_state.get(seen_key, object()) != asked or st.session_state.get(widget_key) not in options:
        st.session_state[widget_key] = asked if asked in options else default
        st.session_state[seen_key] = asked
    chosen = draw(options=options, key=widget_key, **kwargs)
    wanted = None if chosen == unwritten else chosen
    if asked != wanted:
        if wanted is None:
            del st.query_params[url_key]
        else:
            st.query_params[url_key] = wanted
        st.session_state[seen_key] = wanted
    return chosen


def url_selectbox(container, label: str, options: Sequence[str], *, url_key: str, default: str,
                  format_func: Callable[[str], str] = str, **kwargs) -> str:
    """A selectbox kept in step with ``?url_key=``."""
    return _url_choice(container.selectbox, options, url_key, default, label=label, format_func=format_func,
                       **kwargs)


def url_segmented_control(container, label: str, options: Sequence[str], *, url_key: str, default: str,
                          format_func: Callable[[str], str] = str, **kwargs) -> str:
    """A segmented control (one option always chosen) kept in step with ``?url_key=``, which is absent for the
    first option."""
    return _url_choice(container.segmented_control, options, url_key, default, options[0], label=label,
                       format_func=format_func, selection_mode="single", required=True, **kwargs)


def url_toggle(container, label: str, *, url_key: str, on_value: str, **kwargs) -> bool:
    """A toggle kept in step with ``?url_key=on_value``, which is absent when the toggle is off."""
    widget_key, seen_key = f"{url_key}_toggle", f"{url_key}_url_seen"
    asked = st.query_params.get(url_key)
    if st.session_state.get(seen_key, object()) != asked:
        st.session_state[widget_key] = asked == on_value
        st.session_state[seen_key] = asked
    on = container.toggle(label, key=widget_key, **kwargs)
    wanted = on_value if on else None
    if asked != wanted:
        if on:
            st.query_params[url_key] = on_value
        else:
            del st.query_params[url_key]
        st.session_state[seen_key] = wanted
    return on


def url_number(url_key: str, scope: str) -> int | None:
    """The whole number ``?url_key=`` names (None when absent or not one), forgotten when ``scope``, what it is
    a number within (an edition's version), changes."""
    scope_key = f"{url_key}_scope"
    asked = st.query_params.get(url_key)
    if asked is not None and st.session_state.get(scope_key, scope) != scope:
        del st.query_params[url_key]
        asked = None
    st.session_state[scope_key] = scope
    return int(asked) if asked and asked.isdigit() else None


def set_url(url_key: str, value: str | None) -> None:
    """Write ``?url_key=value`` (remove it for None): a button's ``on_click``."""
    if value is None:
        st.query_params.pop(url_key, None)
    else:
        st.query_params[url_key] = value
