"""Every page opens in a real browser, in French and in English, without error."""

from __future__ import annotations

import pytest

from .conftest import PAGES

pytestmark = pytest.mark.browser

# The sidebar title and the page heading of each page, in French and English (home: the atlas's name).
NAV_TITLES = {
    "": ("Accueil", "Home"),
    "carte": ("Carte", "Map"),
    "chronologie": ("Chronologie", "Timeline"),
    "donnees": ("Données", "Data"),
    "acteurs": ("Acteurs", "Vendors"),
    "agir": ("Agir", "Act"),
    "contribuer": ("Contribuer", "Contribute"),
    "methode": ("Méthode", "About"),
}
HEADINGS = {**NAV_TITLES, "": ("Atlas de la surveillance algorithmique", "Atlas of algorithmic surveillance")}
SUMMARY_WORDS = {"fr": " sur ", "en": " of "}
LANGS = {"fr": 0, "en": 1}


def _lang_params(lang: str) -> dict[str, str]:
    return {"lang": "en"} if lang == "en" else {}


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_an_error_in_each_language(open_page, real_app, path, lang):
    """Test that each page opens with no exception box and no console error, titled in the chosen language."""
    app = open_page(real_app, path, **_lang_params(lang))

    assert app.page.locator('[data-testid="stException"]').count() == 0, app.main_text()[:2000]
    assert app.page.locator('[role="dialog"]').all_inner_texts() == []
    assert app.console_errors == []
    assert app.page.locator('[data-testid="stMain"] h1').first.inner_text() == HEADINGS[path][LANGS[lang]]
    nav = app.nav_titles()
    assert all(titles[LANGS[lang]] in nav for titles in NAV_TITLES.values()), nav
    assert SUMMARY_WORDS[lang] in app.summary_text()


def test_the_first_visitor_of_a_fresh_server_gets_the_page_asked_with_the_atlas_navigation(open_page,
                                                                                          cold_app):
    """Test that the first visitor of a fresh server, opening /donnees, gets it, titled, with no dialog.

    Streamlit 1.67 runs that first link before app.py has registered its pages: through the files of a
    pages/ folder (its older multipage mode: file names as navigation, no app.py), or, when no file has
    the link's name, with a "Page not found" dialog.
    """
    app = open_page(cold_app, "donnees")

    assert app.page.locator('[data-testid="stMain"] h1').first.inner_text() == "Données"
    assert app.page.locator('[role="dialog"]').all_inner_texts() == []
    assert set(app.nav_titles()) == {french for french, _ in NAV_TITLES.values()}
