"""The Act page, run alone with AppTest in French and English: letters from ?id=, a commune, a store."""

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from utils.schema import columns

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "agir.py")
DEPLOYMENTS = [
    {
        "id": "nice-drone",
        "insee_code": "06088",
        "commune": "Nice",
        "department_code": "06",
        "region_code": "93",
        "lat": "43.71234",
        "lon": "7.23778",
        "operator": "Ville de Nice",
        "operator_type": "municipality",
        "vendor": "Drone06",
        "technology": "drone",
        "status": "active",
        "start_date": "2019",
    },
    {
        "id": "nyons-veesion",
        "insee_code": "26220",
        "commune": "Nyons",
        "department_code": "26",
        "region_code": "84",
        "lat": "44.35651",
        "lon": "5.12889",
        "operator": "Intermarché de Nyons",
        "site": "Supermarché",
        "operator_type": "retail",
        "vendor": "Veesion",
        "product": "Veesion",
        "technology": "retail_theft_detection",
        "status": "active",
        "start_date": "2021-06",
    },
    {
        "id": "broken-row",
        "commune": "Nice",
        "operator_type": "municipality",
        "technology": "drone",
        "status": "?",
    },
]
COMMON = {
    "geo_precision": "commune",
    "description_fr": "Description.",
    "description_en": "Description.",
    "sources": "https://example.org/source",
    "evidence": "press",
    "last_verified": "2026-01-01",
}


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The Act page on a two-row fixture file, not yet run."""
    path = tmp_path / "deployments.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns(), restval="")
        writer.writeheader()
        writer.writerows({**COMMON, **row} for row in DEPLOYMENTS)
    monkeypatch.setenv("ATLAS_DATA", str(path))
    return AppTest.from_file(PAGE, default_timeout=60)


def open_page(at: AppTest, lang: str, **params: list[str]) -> AppTest:
    at.query_params["lang"] = [lang]
    for key, values in params.items():
        at.query_params[key] = values
    return at.run()


def letter_text(at: AppTest) -> str:
    return next(code.value for code in at.code if code.value.startswith("[Vos nom et prénom]"))


@pytest.mark.parametrize(("lang", "title"), [("fr", "Agir"), ("en", "Act")])
@pytest.mark.parametrize(
    ("deployment", "commune", "operator", "kind"),
    [
        ("nice-drone", "Nice", "Ville de Nice", "mairie"),
        ("nyons-veesion", "Nyons", "Intermarché de Nyons", "rgpd"),
    ],
)
def test_that_a_linked_deployment_gives_its_letter(app, lang, title, deployment, commune, operator, kind):
    """Test that ?id= preselects the deployment and its letter names the commune and the operator."""
    at = open_page(app, lang, id=[deployment])
    assert not at.exception
    assert at.title[0].value == title
    assert at.selectbox(key="act_id").value == deployment
    assert at.radio(key=f"act_kind_{deployment}").value == kind
    text = letter_text(at)
    assert commune in text and operator in text


def test_that_changing_the_recipient_changes_the_letter(app):
    """Test that choosing the prefecture writes the CRPA letter to the department's prefecture."""
    at = open_page(app, "fr", id=["nice-drone"])
    at.radio(key="act_kind_nice-drone").set_value("prefecture").run()
    assert "Préfecture — Alpes-Maritimes (06)" in letter_text(at)
    assert "L. 242-5" in letter_text(at)


def test_that_an_unknown_id_is_reported_and_no_letter_is_written(app):
    """Test that a link to an unknown deployment says so instead of showing another one's letter."""
    at = open_page(app, "en", id=["nowhere"])
    assert not at.exception
    assert any("nowhere" in warning.value.replace("\\", "") for warning in at.warning)
    assert not any(code.value.startswith("[Vos nom") for code in at.code)


def test_that_a_link_to_a_rejected_row_says_why(app):
    """Test that a link to a deployment whose row has errors says so rather than pretending it is unknown."""
    at = open_page(app, "fr", id=["broken-row"])
    assert not at.exception
    shown = [warning.value.replace("\\", "") for warning in at.warning]  # Markdown escapes removed
    assert any("« broken-row » n'est pas disponible" in text and "erreurs" in text for text in shown)
    assert at.selectbox(key="act_id").value is None


def test_that_a_commune_letter_lists_its_deployments(app):
    """Test that picking a commune writes a town-hall letter about the deployments known there."""
    at = open_page(app, "fr")
    at.radio(key="act_mode").set_value("commune").run()
    at.selectbox(key="act_commune").set_value(("Nice", "06")).run()
    text = letter_text(at)
    assert "Mairie de Nice" in text and "Drone06" in text


def test_that_a_store_letter_uses_what_the_organiser_types(app):
    """Test that a store outside the data gets a GDPR letter naming it and the retail vendors known."""
    at = open_page(app, "en")
    at.radio(key="act_mode").set_value("store").run()
    at.text_input(key="act_store").input("Super U <b>Dieulefit</b>").run()
    text = letter_text(at)
    assert "Super U <b>Dieulefit</b>" in text and "Veesion" in text and "RGPD" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_the_dossier_and_the_embed_are_offered(app, lang):
    """Test that the page offers the dossier and the map to embed, with the <iframe> snippet."""
    at = open_page(app, lang, dept=["06"])
    assert not at.exception
    assert any(code.value.startswith('<iframe src="atlas-carte.html"') for code in at.code)
    assert len(at.get("download_button")) >= 2
