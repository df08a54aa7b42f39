"""What every page starts with: language, data, shared filters, notices, title and counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.controls import filter_widgets, language_switch, reset_filters, seed_widgets
from ui.data import load_dataset
from ui.notices import show_data_problems, show_link_notices
from ui.text import md
from ui.url import LANG_KEY, URL_KEYS, read_url, state_to_restore, write_url
from utils.data import Dataset
from utils.filters import FilterOptions, Filters
from utils.i18n import DEFAULT_LANG, normalize_lang, tr
from utils.link_notices import language_notices, unknown_key_notices

_FRAME_KEY = "_atlas_frame_controls"
_LINK_KEY = "_atlas_link_read"
_HINT_KEY = "atlas-filter-hint"
# Streamlit's own breakpoint: below it the sidebar starts folded (frontend: theme breakpoints "md").
SIDEBAR_SHOWN_FROM_PX = 768


@dataclass(frozen=True)
class Controls:
    """The state of the shared controls after they were drawn in this run."""

    lang: str
    dataset: Dataset
    options: FilterOptions
    filters: Filters
    notices: list[str]
    in_frame: bool = False


@dataclass(frozen=True)
class PageContext:
    """What a page needs: language, data, active filters and the rows they keep."""

    lang: str
    dataset: Dataset
    filters: Filters
    rows: pd.DataFrame
    options: FilterOptions
    tr: Callable[[str, str], str]
    in_frame: bool = False
    notices: list[str] = field(default_factory=list)

    @property
    def link_params(self) -> dict[str, list[str]]:
        """Query parameters that reproduce this view (filters and language) on another page."""
        return url_params(self.filters, self.lang)


def frame_controls() -> Controls:
    """Draw the shared controls in the frame (app.py) so that they survive page changes."""
    controls = _draw_controls(in_frame=True)
    st.session_state[_FRAME_KEY] = controls
    return controls


def page_context(title_fr: str, title_en: str) -> PageContext:
    """Called first by every page: controls (drawn here when the page runs alone), title, summary."""
    controls = st.session_state.pop(_FRAME_KEY, None)
    if controls is None:
        leave_pages_folder_mode()
        controls = _draw_controls(in_frame=False)
    lang = controls.lang
    rows = controls.filters.apply(controls.dataset.rows)
    st.title(tr(lang, title_fr, title_en))
    show_link_notices(controls.notices)
    show_data_problems(controls.dataset, lang)
    _summary(controls, len(rows))
    return PageContext(lang, controls.dataset, controls.filters, rows, controls.options, partial(tr, lang),
                       controls.in_frame, controls.notices)


def leave_pages_folder_mode() -> None:
    """Rerun through app.py when Streamlit ran this page from the pages/ folder without the frame.

    Until a first visitor opens "/", Streamlit 1.67 takes a folder named pages/ for its older
    multipage mode and serves a link such as /carte with the page file alone: file names as navigation,
    no frame. That mode is a process-wide flag which `st.navigation` clears; clearing it here and
    rerunning runs app.py, whose navigation then resolves the same address (a page file is named after
    its address, so both modes give it the same hash).
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def url_params(filters: Filters, lang: str) -> dict[str, list[str]]:
    """The shared query parameters of a view: its filters, and its language unless French."""
    params = filters.to_params()
    if lang != DEFAULT_LANG:
        params[LANG_KEY] = [lang]
    return params


def _draw_controls(in_frame: bool) -> Controls:
    dataset, options = load_dataset()
    url = read_url()
    restored = state_to_restore(url)
    if restored is not None:
        lang = normalize_lang(next(iter(restored.get(LANG_KEY, [])), DEFAULT_LANG))
        seed_widgets(Filters.from_params(restored, options, lang)[0], lang)
        if restored is url:  # a link was opened (not a page change): its notices are shown
            st.session_state[_LINK_KEY] = url
    lang = language_switch()
    filters, notices = Filters.from_params(filter_widgets(options, lang), options, lang)
    write_url(url_params(filters, lang))
    notices = _link_notices(filters, options, lang) + notices
    return Controls(lang, dataset, options, filters, notices, in_frame)


def _link_notices(filters: Filters, options: FilterOptions, lang: str) -> list[str]:
    # What was wrong with the opened link stays visible until the visitor changes the filters.
    link = st.session_state.get(_LINK_KEY, {})
    link_filters, notices = Filters.from_params(link, options, lang)
    notices += language_notices(link.get(LANG_KEY, []), lang)
    notices += unknown_key_notices(st.query_params, URL_KEYS, lang)
    return notices if link_filters == filters else []


def _summary(controls: Controls, shown: int) -> None:
    lang, total = controls.lang, len(controls.dataset.rows)
    with st.container(key="atlas-summary"):
        st.markdown(tr(lang, f"**{shown}** sur {total} déploiements", f"**{shown}** of {total} deployments"))
        st.caption(md(controls.filters.describe(lang, controls.options)))
        st.button(tr(lang, "Réinitialiser les filtres", "Reset filters"), key="reset", on_click=reset_filters,
                  disabled=controls.filters.is_empty, icon=":material/filter_alt_off:")
    _filter_hint(lang)


def _filter_hint(lang: str) -> None:
    # On a phone Streamlit folds the sidebar behind a small arrow at the top left: without this line a
    # visitor would not know the filters exist. From tablet width the sidebar is open and the hint hidden.
    st.html(f"<style>@media (min-width: {SIDEBAR_SHOWN_FROM_PX}px) {{ .st-key-{_HINT_KEY} "
            "{ display: none; } }</style>")
    with st.container(key=_HINT_KEY):
        st.caption(tr(lang, "Filtres (technologie, fournisseur, région, dates…) : ouvrez le panneau avec "
                            "la flèche :material/keyboard_double_arrow_right: en haut à gauche.",
                      "Filters (technology, vendor, region, dates…): open the panel with the arrow "
                      ":material/keyboard_double_arrow_right: at the top left."))
