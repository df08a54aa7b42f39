"""The Home page, run alone with AppTest: key figures, introduction, latest additions, ways in."""

import pytest

from tests.apptest.conftest import BAD_ROW_ID, BAD_ROW_NUMBER, count, open_app, texts, warnings

PAGE = "pages/home.py"
FIGURE_LABELS = {
    "fr": ["Déploiements", "Communes", "Départements", "Fournisseurs", "Expérimentations", "En service",
           "Contestés en justice"],
    "en": ["Deployments", "Municipalities", "Departments", "Vendors", "Trials", "Active",
           "Challenged in court"],
}


def figures(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def figure_rows(at) -> list[tuple[str, list[str]]]:
    """(heading, labels of its tiles) for each row of key figures, a row being a horizontal container."""
    rows, heading = [], None
    for node in at.main.children.values():
        if node.type == "caption":
            heading = node.value
        elif node.type == "flex_container" and str(node.key).startswith("atlas-figures"):
            assert node.proto.flex_container.direction == node.proto.flex_container.Direction.HORIZONTAL
            rows.append((heading, [metric.label for metric in node.metric]))
    return rows


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "title", "intro"), [
    ("fr", "Atlas de la surveillance algorithmique", "La surveillance algorithmique ajoute"),
    ("en", "Atlas of algorithmic surveillance", "Algorithmic surveillance adds"),
])
def test_the_home_page_shows_the_key_figures_in_each_language(lang, title, intro):
    """Test that the page runs alone, titled, with the introduction and the seven key figures."""
    at = open_app(PAGE, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert intro in texts(at).replace("**", "")
    assert figures(at) == dict(zip(FIGURE_LABELS[lang], ["8", "6", "6", "7", "3", "3", "5"], strict=True))


@pytest.mark.usefixtures("small_data")
def test_a_shared_link_filters_the_key_figures():
    """Test that the figures are those of the filtered deployments."""
    at = open_app(PAGE, "en", tech="facial_recognition")
    assert count(at) == (3, 8)
    assert figures(at) == dict(zip(FIGURE_LABELS["en"], ["3", "3", "3", "4", "1", "1", "2"], strict=True))


@pytest.mark.usefixtures("small_data")
def test_the_latest_additions_and_the_ways_in_link_with_the_current_filters():
    """Test that each latest addition links to its card and each other page keeps the filters."""
    at = open_app(PAGE, "en", status="trial")
    links = texts(at)
    assert "Thonon-les-Bains" in links
    assert "./donnees?status=trial&lang=en&id=thonon-les-bains-behaviour-detection-2025" in links
    assert "./carte?status=trial&lang=en" in links
    assert "./methode?status=trial&lang=en" in links


@pytest.mark.usefixtures("small_data")
def test_an_unknown_value_in_the_link_gives_a_notice():
    """Test that a status the data does not know is reported by name."""
    at = open_app(PAGE, status=["active", "maybe"])
    assert "Valeur inconnue ignorée pour le filtre « statut » : « maybe »." in warnings(at)
    assert count(at) == (3, 8)


@pytest.mark.usefixtures("bad_row_data")
@pytest.mark.parametrize(("lang", "notice"), [
    ("fr", f"1 ligne(s) du fichier ne sont pas affichées car elles ont des erreurs : {BAD_ROW_ID} "
           f"(ligne {BAD_ROW_NUMBER})."),
    ("en", f"1 row(s) of the file are not shown because they contain errors: {BAD_ROW_ID} "
           f"(row {BAD_ROW_NUMBER})."),
])
def test_a_bad_row_is_named_in_a_notice_and_the_other_rows_still_show(lang, notice):
    """Test that the rejected row is named by id and spreadsheet row, and the 8 good rows are counted."""
    at = open_app(PAGE, lang)
    assert not at.exception
    assert notice in warnings(at)
    assert count(at) == (8, 8)
    assert "status" in at.code[0].value


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "headings"), [
    ("fr", ["Ampleur", "Où en sont-ils"]),
    ("en", ["Scale", "Where they stand"]),
])
def test_the_key_figures_sit_in_two_titled_rows_of_four_and_three(lang, headings):
    """Test that the seven figures are split into a row of four and a row of three, each under a heading."""
    rows = figure_rows(open_app(PAGE, lang))
    labels = FIGURE_LABELS[lang]
    assert rows == [(headings[0], labels[:4]), (headings[1], labels[4:])]
