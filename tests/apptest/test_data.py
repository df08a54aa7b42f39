"""The Data page, run alone with AppTest: table, card of one deployment (?id=), downloads, escaping."""

import csv
import io

import pytest

from tests.apptest.conftest import BAD_ROW_ID, SMALL_CSV, count, open_app, texts, url, warnings

PAGE = "pages/donnees.py"
HOSTILE = {
    "site": "<img src=x onerror=alert('site')>",
    "product": "[clic](javascript:alert(1))",
    "description_fr": "**gras** ![img](http://evil.example/t.png) :red[rouge] $x$ <script>alert(1)</script>",
    "sources": "https://example.org/a_(b)|https://example.org/ok",
}


def table(at):
    return at.dataframe[0].value


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "title"), [("fr", "Données"), ("en", "Data")])
def test_the_data_page_shows_the_table_and_downloads_in_each_language(lang, title):
    """Test that the page runs alone with one row per deployment and the five downloads."""
    at = open_app(PAGE, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(table(at)) == 8
    assert [button.key for button in at.get("download_button")] == [
        "download-csv", "download-excel", "download-geojson", "download-dossier", "download-datapackage"]


@pytest.mark.usefixtures("small_data")
def test_a_shared_link_filters_the_table_and_says_what_the_downloads_hold():
    """Test that the table holds the filtered rows, with labels, and the download sentence describes them."""
    at = open_app(PAGE, "en", status="trial", region="93")
    assert count(at) == (1, 8)
    assert list(table(at)["id"]) == ["marseille-snef-2018"]
    assert table(at)["status"].tolist() == ["Trial"]
    assert ("The files hold the 1 deployments shown. Deployments in the region Provence-Alpes-Côte d'Azur "
            "and with status Trial.") in texts(at)


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["Marseille (13)", "Expérimentation", "Détection de comportements", "SNEF", "depuis 2018-11-02",
            "LQDN et LDH", "À Marseille, la Ville a retenu en 2018"]),
    ("en", ["Marseille (13)", "Trial", "Behaviour detection", "SNEF", "since 2018-11-02",
            "In Marseille, the city picked the company SNEF in 2018"]),
])
def test_the_id_in_the_link_shows_the_card_of_that_deployment(lang, expected):
    """Test that ?id= shows the card, its description in the language of the page, sources as links."""
    at = open_app(PAGE, lang, id="marseille-snef-2018")
    assert at.subheader[0].value.replace("\\", "") == "Marseille — Vidéoprotection intelligente (VPI)"
    shown = texts(at)
    assert all(text in shown for text in expected), shown
    assert "[technopolice.fr](https://technopolice.fr/blog/la-videosurveillance-a-marseille/)" in shown
    assert url(at)["id"] == ["marseille-snef-2018"]


@pytest.mark.usefixtures("small_data")
def test_the_card_shows_even_when_the_filters_hide_its_row():
    """Test that a shared card stays visible whatever the filters."""
    at = open_app(PAGE, id="metz-two-i-2020", tech="drone")
    assert count(at) == (0, 8)
    assert at.subheader[0].value.startswith("Metz")


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("lang", "notice"), [
    ("fr", "Aucun déploiement n'a l'identifiant « nulle-part-2030 »."),
    ("en", "No deployment has the identifier “nulle-part-2030”."),
])
def test_an_unknown_id_gives_a_notice(lang, notice):
    """Test that an id the data does not have is reported, and no card is drawn."""
    at = open_app(PAGE, lang, id="nulle-part-2030")
    assert notice in warnings(at)
    assert [header.value for header in at.subheader] == [("Télécharger" if lang == "fr" else "Download")]


@pytest.mark.usefixtures("bad_row_data")
def test_the_id_of_a_rejected_row_says_the_row_has_errors_and_the_other_rows_show():
    """Test that ?id= of a bad row explains it is not shown, the notice names it, 8 rows remain."""
    at = open_app(PAGE, "en", id=BAD_ROW_ID)
    assert f"Deployment “{BAD_ROW_ID}” is not shown: its row has errors." in warnings(at)
    assert any(BAD_ROW_ID in warning and "(row 5)" in warning for warning in warnings(at))
    assert len(table(at)) == 8


def test_every_text_of_the_card_is_escaped(tmp_path, monkeypatch):
    """Test that HTML, Markdown links, images, LaTeX and colour directives in the CSV stay inert text."""
    rows = list(csv.DictReader(io.StringIO(SMALL_CSV.read_text(encoding="utf-8"))))
    rows[0].update(HOSTILE)
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("ATLAS_DATA", str(path))
    at = open_app(PAGE, id=rows[0]["id"])
    raw = "\n".join(element.value for element in [*at.markdown, *at.subheader])
    assert not at.exception
    assert r"\<img src\=x onerror\=alert\(\'site\'\)\>" in raw
    assert r"\[clic\]\(javascript\:alert\(1\)\)" in raw
    assert r"\!\[img\]\(http\:\/\/evil\.example\/t\.png\) \:red\[rouge\] \$x\$ \<script\>" in raw
    assert "(javascript:" not in raw and "](http://evil" not in raw
    assert r"[example\.org](https://example.org/a_%28b%29)" in raw
