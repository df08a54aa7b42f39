"""The shared controls: the language switch and the sidebar filters, keyed by their URL names."""

from __future__ import annotations

import streamlit as st

from utils.filters import FILTER_COLUMNS, MAX_QUERY_LENGTH, YEAR_RANGE, FilterOptions, Filters, fold
from utils.i18n import DEFAULT_LANG, LANGS, tr

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
WIDGET_LABELS = {
    "tech": ("Technologie", "Technology"),
    "vendor": ("Fournisseur", "Vendor"),
    "region": ("Région", "Region"),
    "dept": ("Département", "Department"),
    "status": ("Statut", "Status"),
    "operator": ("Type d'exploitant", "Operator type"),
    "evidence": ("Nature de la preuve", "Evidence"),
}
# Filters whose options read better sorted by their label than in vocabulary order.
SORTED_BY_LABEL = ("tech", "region")


def seed_widgets(filters: Filters, lang: str) -> None:
    """Give the widgets the state read from the URL, before they are created."""
    for key in FILTER_COLUMNS:
        st.session_state[key] = list(getattr(filters, key))
    st.session_state["from"] = filters.year_from
    st.session_state["to"] = filters.year_to
    st.session_state["q"] = filters.q
    st.session_state["lang"] = lang


def reset_filters() -> None:
    """Clear every filter (the language stays). Used as a button callback."""
    seed_widgets(Filters(), st.session_state.get("lang", DEFAULT_LANG))


def language_switch() -> str:
    """The visible FR/EN switch; returns the chosen language."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    with st.container(horizontal=True, horizontal_alignment="right", key="atlas-lang"):
        chosen = st.segmented_control(
            "Langue / Language", LANGS, key="lang", required=True,
            format_func=LANGUAGE_NAMES.get, label_visibility="collapsed", on_change=_relabel_filters,
        )
    return chosen or DEFAULT_LANG


def _relabel_filters() -> None:
    # The browser keeps a multiselect's choices as the labels it was sent, so after a language change
    # it would go on showing French chips. Assigning the values again makes Streamlit send them anew,
    # labelled in the new language.
    for key in FILTER_COLUMNS:
        if key in st.session_state:
            st.session_state[key] = list(st.session_state[key])


def filter_widgets(options: FilterOptions, lang: str) -> dict[str, list[str]]:
    """Draw the filters in the sidebar; returns their values as query parameters."""
    params: dict[str, list[str]] = {}
    with st.sidebar:
        st.header(tr(lang, "Filtres", "Filters"))
        query = st.text_input(tr(lang, "Rechercher", "Search"), key="q", max_chars=MAX_QUERY_LENGTH,
                              placeholder=tr(lang, "commune, fournisseur, lieu…", "town, vendor, site…"))
        params["q"] = [query] if query else []
        for key in FILTER_COLUMNS:
            params[key] = _multiselect(key, options, lang)
        params.update(_year_inputs(options, lang))
    return {key: values for key, values in params.items() if values}


def _multiselect(key: str, options: FilterOptions, lang: str) -> list[str]:
    st.session_state.setdefault(key, [])
    choices = list(options.values[key])
    if key in SORTED_BY_LABEL:
        choices.sort(key=lambda code: fold(options.label(key, code, lang)))
    return st.multiselect(
        tr(lang, *WIDGET_LABELS[key]), choices, key=key,
        format_func=lambda code: _option_text(key, code, options, lang),
        placeholder=tr(lang, "Tous", "All"),
    )


def _option_text(key: str, code: str, options: FilterOptions, lang: str) -> str:
    name = options.label(key, code, lang)
    return f"{code} – {name}" if key == "dept" else name


def _year_inputs(options: FilterOptions, lang: str) -> dict[str, list[str]]:
    left, right = st.columns(2)
    hints = {"from": str(options.year_min), "to": str(options.year_max)}
    labels = {"from": tr(lang, "De (année)", "From (year)"), "to": tr(lang, "À (année)", "To (year)")}
    params = {}
    for column, key in ((left, "from"), (right, "to")):
        st.session_state.setdefault(key, None)
        year = column.number_input(labels[key], min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1], step=1,
                                   value=None, key=key, placeholder=hints[key])
        params[key] = [str(int(year))] if year is not None else []
    return params
