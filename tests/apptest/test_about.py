"""The About page, run alone with AppTest: method, glossary, sources, licences, attribution, update date."""

import pytest

from tests.apptest.conftest import BAD_ROW_ID, open_app, texts, warnings
from ui.text import md_keeping_code
from utils.exports import geo_attributions

PAGE = "pages/methode.py"


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "title", "headers", "subheaders", "glossary_entry", "updated"), [
    ("fr", "Méthode", ["Comment l'atlas est fait", "Glossaire", "Sources", "Licences et attribution",
                       "Contribuer"], ["Données géographiques"],
     "**Reconnaissance faciale** — Comparaison automatique d'un visage",
     "Dernière mise à jour : 2026-11-27."),
    ("en", "About", ["How the atlas is made", "Glossary", "Sources", "Licences and attribution",
                     "Contributing"], ["Geographic data"],
     "**Facial recognition** — Automatic comparison of a filmed or photographed face",
     "Last updated: 2026-11-27."),
])
def test_the_about_page_has_every_section_in_each_language(lang, title, headers, subheaders, glossary_entry,
                                                           updated):
    """Test that the page has one title, then method, glossary, sources, licences, contributing, the date."""
    at = open_app(PAGE, lang)
    assert not at.exception
    assert [element.value for element in at.title] == [title]
    assert [header.value for header in at.main.header] == headers
    assert [header.value for header in at.main.subheader] == subheaders
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


@pytest.mark.usefixtures("small_data")
def test_the_attribution_shows_its_code_spans_as_code_not_as_backticks():
    """Test that `@etalab/decoupage-administratif` is a code span, its backticks not escaped into text."""
    at = open_app(PAGE)
    attribution = next(element.value for element in at.markdown if "`@etalab" in element.value)
    assert "data\\.gouv\\.fr `@etalab/decoupage-administratif` 6\\.0\\.0" in attribution
    assert "\\`" not in attribution


@pytest.mark.parametrize(("text", "expected"), [
    ("via `name` 6.0", "via `name` 6\\.0"),
    ("`[x](javascript:alert(1))` and *y*", "`[x](javascript:alert(1))` and \\*y\\*"),
    ("<b>bold</b> `<img src=x>`", "\\<b\\>bold\\<\\/b\\> `<img src=x>`"),
    ("one ` unpaired [link](https://x.org)", "one \\` unpaired \\[link\\]\\(https\\:\\/\\/x\\.org\\)"),
    ("no code :red[x] $y$", "no code \\:red\\[x\\] \\$y\\$"),
])
def test_md_keeping_code_escapes_everything_but_code_spans(text, expected):
    """Test that only paired backticks survive, as code; any Markdown outside them is escaped."""
    assert md_keeping_code(text) == expected


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "file"), [("fr", "mon-fichier.csv"), ("en", "my-file.csv")])
def test_contributing_gives_the_commands_as_code_and_links_the_contribute_page(lang, file):
    """Test that the check and preview commands are a code block and the Contribute page keeps the filters."""
    at = open_app(PAGE, lang, tech="drone")
    assert at.code[0].value == f"python -m utils.validate {file}\nATLAS_DATA={file} streamlit run app.py"
    suffix = "" if lang == "fr" else "&lang=en"
    assert f"(./contribuer?tech=drone{suffix})" in texts(at)
