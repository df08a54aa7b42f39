"""Every page on every hostile data file (ATLAS_DATA): no exception, a notice naming what is wrong, the
other rows shown, and no text from the data turned into Markdown, HTML or a link."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest.conftest import ROOT, count, open_app, warnings
from tests.fixtures.hostile import make_hostile
from tests.fixtures.hostile.html_safety import markdown_markup, risky_markup

PAGES = sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))
HOSTILE = make_hostile.HERE / "hostile.csv"
# Element types whose text Streamlit renders as Markdown.
MARKDOWN_TYPES = {"markdown", "caption", "title", "header", "subheader", "error", "warning", "info",
                  "success", "toast", "latex"}
# Streamlit's own Markdown extensions, which CommonMark does not know: they must come out escaped.
STREAMLIT_DIRECTIVES = re.compile(r"(?<!\\):red\[|(?<!\\)\$x\^2\$|(?<!\\):material/warning:")
# What each file makes every page say: (kind of notice, its text without escaping).
REJECTED = "ligne(s) du fichier ne sont pas affichées car elles ont des erreurs"
NOTICES = {
    "hostile.csv": ("warning", f"9 {REJECTED} : {make_hostile.BAD_ID} (ligne 9), source-javascript "
                               "(ligne 10)"),
    "broken_quotes.csv": ("warning", f"1 {REJECTED} : excel-2 (ligne 3)."),
    "wrong_encoding.csv": ("warning", f"1 {REJECTED} : encodage-2 (ligne 3)."),
    "header_only.csv": ("warning", "Le fichier de données ne contient aucune ligne sous son en-tête."),
    "noise.csv": ("warning", REJECTED),
    "empty.csv": ("error", "empty.csv: erreur: le fichier est vide ou sa première ligne (les en-têtes) est "
                           "vide"),
    "binary.csv": ("error", "binary.csv: erreur: le fichier contient des octets nuls : ce n'est pas un "
                            "fichier CSV texte"),
}


def markdown_sources(at: AppTest) -> list[str]:
    """The Markdown of every element of the page and the sidebar, labels and help texts included."""
    sources = []
    for root in (at.main, at.sidebar):
        for node in root:
            proto = getattr(node, "proto", None)
            if node.type in MARKDOWN_TYPES:
                sources.append(str(node.value))
            for attribute in ("label", "help", "placeholder"):
                if isinstance(value := getattr(proto, attribute, None), str):
                    sources.append(value)
    return sources


def html_bodies(at: AppTest) -> list[str]:
    """The HTML of st.html elements and of Markdown allowed to hold raw HTML."""
    return [str(node.value) for root in (at.main, at.sidebar) for node in root
            if node.type == "html" or (node.type == "markdown" and getattr(node.proto, "allow_html", False))]


@pytest.mark.parametrize("name", sorted(NOTICES))
@pytest.mark.parametrize("page", PAGES)
def test_that_every_page_runs_on_every_hostile_file_and_says_what_is_wrong(monkeypatch, page, name):
    """Test that the page runs without exception and shows the file's notice."""
    monkeypatch.setenv("ATLAS_DATA", str(make_hostile.HERE / name))
    at = open_app(page)
    assert not at.exception, at.exception
    kind, notice = NOTICES[name]
    shown = warnings(at) if kind == "warning" else [error.value.replace("\\", "") for error in at.error]
    assert any(notice in text for text in shown), shown


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_that_no_page_turns_hostile_text_into_markup(monkeypatch, page, lang):
    """Test that, rendered as CommonMark with raw HTML on, no text of the page makes a tag or a link."""
    monkeypatch.setenv("ATLAS_DATA", str(HOSTILE))
    at = open_app(page, lang)
    assert not at.exception, at.exception
    assert count(at) == (len(make_hostile.KEPT), len(make_hostile.KEPT))
    sources = markdown_sources(at)
    assert {source: markdown_markup(source) for source in sources if markdown_markup(source)} == {}
    assert [source for source in sources if STREAMLIT_DIRECTIVES.search(source)] == []
    assert {body: risky_markup(body) for body in html_bodies(at) if risky_markup(body)} == {}


@pytest.mark.parametrize("row_id", list(make_hostile.KEPT))
def test_that_the_card_of_each_hostile_row_stays_text(monkeypatch, row_id):
    """Test that the Data page opened on a hostile row shows its card, which makes no tag or link."""
    monkeypatch.setenv("ATLAS_DATA", str(HOSTILE))
    at = open_app("pages/donnees.py", id=row_id)
    assert not at.exception, at.exception
    sources = markdown_sources(at)
    assert {source: markdown_markup(source) for source in sources if markdown_markup(source)} == {}
    assert any(source.replace("\\", "") == row_id for source in sources)  # the card's caption


@pytest.mark.parametrize("row_id", list(make_hostile.KEPT))
def test_that_the_letter_of_each_hostile_row_is_shown_as_code(monkeypatch, row_id):
    """Test that the Act page opened on a hostile row picks it and shows its letter as plain code."""
    monkeypatch.setenv("ATLAS_DATA", str(HOSTILE))
    at = open_app("pages/agir.py", id=row_id)
    assert not at.exception, at.exception
    assert at.selectbox(key="act_id").value == row_id
    assert at.code[0].language in ("", None, "plaintext")
    sources = markdown_sources(at)
    assert {source: markdown_markup(source) for source in sources if markdown_markup(source)} == {}


def test_that_the_data_table_links_only_http_sources(monkeypatch):
    """Test that the Data page's link column holds http(s) addresses only, javascript: and data: dropped."""
    monkeypatch.setenv("ATLAS_DATA", str(HOSTILE))
    at = open_app("pages/donnees.py")
    table = at.dataframe[0].value
    assert list(table["id"]) == list(make_hostile.KEPT)
    assert all(link is None or re.match(r"^https?://", link) for link in table["sources"])
