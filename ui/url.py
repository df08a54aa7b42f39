"""The URL is the state: read the shared parameters, decide who is right, write them back.

Widgets are not bound to the URL with `bind="query-params"`: a bound multiselect writes its
*displayed labels* into the URL (they change with the language), and a widget bound inside a page
loses its parameter when the visitor changes page. Instead, the shared controls write canonical
codes (`?tech=drone&region=76&lang=en`) to `st.query_params` after every run, and remember them.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from utils.filters import PARAM_KEYS

LANG_KEY = "lang"
URL_KEYS = (*PARAM_KEYS, LANG_KEY)
_LAST_WRITTEN = "_atlas_url_written"


def read_url() -> dict[str, list[str]]:
    """The shared parameters present in the URL (a key maps to all its values)."""
    return {key: st.query_params.get_all(key) for key in URL_KEYS if st.query_params.get_all(key)}


def state_to_restore(url: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """The parameters to put into the widgets before drawing them, or None if the widgets are right.

    The URL wins on a new session (a shared link) and when it differs from what we last wrote
    (history navigation, a link with parameters). When it is unchanged, the visitor just used a
    widget: the widgets are right. When it is empty although we had written parameters, the
    visitor changed page: Streamlit dropped the parameters and reset the widgets (their identity
    depends on the page), so what we last wrote is restored.
    """
    last = st.session_state.get(_LAST_WRITTEN)
    if last is None or (url and url != last):
        return url
    return last if not url and last else None


def write_url(params: dict[str, list[str]]) -> None:
    """Make the URL's shared parameters equal `params`, leaving the others (id…) alone."""
    if read_url() != params:
        others = {key: st.query_params.get_all(key) for key in st.query_params if key not in URL_KEYS}
        try:
            st.query_params.from_dict({**others, **params})  # one change, so one browser history entry
        except StreamlitAPIException:  # a page bound one of the other parameters to its widget
            _write_keys(params)
    st.session_state[_LAST_WRITTEN] = params


def _write_keys(params: dict[str, list[str]]) -> None:
    for key in read_url().keys() - params.keys():
        del st.query_params[key]
    st.query_params.update(params)
