"""The About page, run alone with AppTest: method, glossary, sources, licences, attribution, update date."""

import pytest

from tests.apptest.conftest import BAD_ROW_ID, open_app, texts, warnings
from utils.exports import geo_attributions

PAGE = "pages/methode.py"


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "title", "headers", "glossary_entry", "updated"), [
    ("fr", "Méthode", ["Méthode", "Glossaire", "Sources", "Licences et attribution", "Contribuer"],
     "**Reconnaissance faciale** — Comparaison automatique d'un visage",
     "Dernière mise à jour : 2026-11-27."),
    ("en", "About", ["Method", "Glossary", "Sources", "Licences and attribution", "Contributing"],
     "**Facial recognition** — Automatic comparison of a filmed or photographed face",
     "Last updated: 2026-11-27."),
])
def test_the_about_page_has_every_section_in_each_language(lang, title, headers, glossary_entry, updated):
    """Test that the page runs alone with method, glossary, sources, licences, contributing and the date."""
    at = open_app(PAGE, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert [header.value for header in at.main.header] == headers
    shown = texts(at)
    assert glossary_entry in shown
    assert updated in shown


@pytest.mark.usefixtures("small_data")
def test_the_licences_and_the_exact_geographic_attribution_are_shown():
    """Test that ODbL, AGPL and each attribution line of data/geo/PROVENANCE.md appear word for word."""
    at = open_app(PAGE)
    shown = texts(at)
    assert not at.exception
    assert "[Open Database License (ODbL-1.0)](https://opendatacommons.org/licenses/odbl/1-0/)" in shown
    assert "[GNU AGPL-3.0-or-later](https://www.gnu.org/licenses/agpl-3.0.html)" in shown
    assert all(line in shown for line in geo_attributions())
    assert "IGN – ADMIN EXPRESS COG 2018" in shown
    assert "[Technopolice (La Quadrature du Net)](https://technopolice.fr/)" in shown


@pytest.mark.usefixtures("bad_row_data")
def test_a_bad_row_is_named_on_the_about_page_too():
    """Test that the notice about the rejected row shows on every page."""
    at = open_app(PAGE, "en")
    assert any(BAD_ROW_ID in warning for warning in warnings(at))
