"""The vendors page, run alone with AppTest in French and English, on small fixture files."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest.conftest import run_with_params, write_deployments

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "acteurs.py")
FIELDS = ("id", "insee_code", "commune", "department_code", "region_code", "lat", "lon", "vendor",
          "technology", "start_date")
DEPLOYMENTS = [
    ("nimes-briefcam", "30189", "Nîmes", "30", "76", "43.84469", "4.34762", "BriefCam", "video_search",
     "2015"),
    ("nice-briefcam", "06088", "Nice", "06", "93", "43.71234", "7.23778", "BriefCam|Thales",
     "video_search|facial_recognition", "2019"),
    ("lille-lapi", "59350", "Lille", "59", "32", "50.63178", "3.04706", "Tattile", "license_plate_reading",
     "2021"),
    ("marseille-drone", "13055", "Marseille", "13", "93", "43.29164", "5.4205", "", "drone", "2020"),
]
COMMON = {"geo_precision": "commune", "operator_type": "municipality", "status": "active",
          "description_fr": "Description.", "description_en": "Description.",
          "sources": "https://example.org/source", "evidence": "press", "last_verified": "2026-01-01"}
CARDS = ("name,country,headquarters,website,description_fr,description_en\n"
         "BriefCam,IL,,https://www.briefcam.com,Éditeur israélien.,Israeli publisher.\n"
         "Thales,FR,Paris,javascript:alert(1),<b>Groupe</b> français.,French group.\n")


def write_fixture(path: Path) -> Path:
    """Four deployments: one with two vendors, one vendor without a card, one deployment without a vendor."""
    return write_deployments(path, FIELDS, DEPLOYMENTS, COMMON)


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The vendors page on the fixture files, not yet run."""
    monkeypatch.setenv("ATLAS_DATA", str(write_fixture(tmp_path / "deployments.csv")))
    cards = tmp_path / "vendors.csv"
    cards.write_text(CARDS, encoding="utf-8")
    monkeypatch.setattr("utils.vendors.VENDORS_CSV", cards)
    return AppTest.from_file(PAGE, default_timeout=30)


open_page = run_with_params


def vendor_table(at: AppTest) -> pd.DataFrame:
    """The table of all vendors (its first column is the vendor)."""
    return next(frame.value for frame in at.dataframe if frame.value.columns[0] in ("Fournisseur", "Vendor"))


def markdown(at: AppTest) -> str:
    return " ".join(element.value for element in at.markdown)


def at_cards(at: AppTest) -> list:
    """The vendor cards drawn (as HTML) on the page."""
    return [element for element in at.markdown if element.value.startswith('<div class="atlas-vendor-card">')]


@pytest.mark.parametrize(("lang", "title", "headers", "word"), [
    ("fr", "Acteurs", ["Fournisseur", "Déploiements", "Communes", "Technologies", "Années"],
     "déploiement(s)"),
    ("en", "Vendors", ["Vendor", "Deployments", "Municipalities", "Technologies", "Years"], "deployment(s)"),
])
def test_that_the_page_renders_in_both_languages(app, lang, title, headers, word):
    """Test that the page runs without error, with its chart, its translated table and one card per vendor."""
    at = open_page(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(at.get("vega_lite_chart")) == 1
    assert list(vendor_table(at).columns) == headers
    assert [expander.label for expander in at.expander if " · " in expander.label] == [
        f"BriefCam · 2 {word}", f"Tattile · 1 {word}", f"Thales · 1 {word}"]


def test_that_vendor_cells_are_split_and_counted_for_each_vendor(app):
    """Test that a deployment naming two vendors counts for both, and one without a vendor is mentioned."""
    at = open_page(app, "en")
    summary = vendor_table(at)
    assert summary[["Vendor", "Deployments", "Municipalities", "Years"]].values.tolist() == [
        ["BriefCam", 2, 2, "2015–2019"], ["Tattile", 1, 1, "2021"], ["Thales", 1, 1, "2019"]]
    assert "1 deployment without a known vendor" in markdown(at).replace("\\", "")


@pytest.mark.parametrize(("params", "vendors"), [
    ({"vendor": ["Thales"]}, ["Thales"]),
    ({"tech": ["license_plate_reading"]}, ["Tattile"]),
    ({"tech": ["drone"]}, []),
])
def test_that_shared_filters_change_the_vendors_shown(app, params, vendors):
    """Test that vendor= and tech= in the URL decide which vendors are summarised."""
    at = open_page(app, "fr", **params)
    assert not at.exception
    shown = [frame.value["Fournisseur"].tolist() for frame in at.dataframe
             if frame.value.columns[0] == "Fournisseur"]
    assert shown == ([vendors] if vendors else [])


def test_that_cards_are_escaped_and_link_only_http_websites(app):
    """Test that a card links an http(s) website with rel noopener, and escapes HTML and script links."""
    html = " ".join(element.value for element in at_cards(open_page(app, "fr")))
    assert 'href="https://www.briefcam.com" target="_blank" rel="noopener noreferrer"' in html
    assert "&lt;b&gt;Groupe&lt;/b&gt; français." in html
    assert "<b>" not in html and 'href="javascript' not in html


@pytest.mark.parametrize(("lang", "todo"), [("fr", "Fiches à rédiger"), ("en", "Cards to write")])
def test_that_vendors_without_a_card_are_listed(app, lang, todo):
    """Test that a vendor named in the data but absent from vendors.csv is listed as a card to write."""
    at = open_page(app, lang)
    assert [header.value for header in at.subheader][-1] == todo
    assert "- Tattile" in markdown(at)


def test_that_the_show_only_button_sets_the_shared_vendor_filter(app):
    """Test that the button of a vendor's card filters the page (and the URL) on that vendor."""
    at = open_page(app, "en")
    at.button(key="only-2").click().run()
    assert not at.exception
    assert at.query_params["vendor"] == "Thales"
    assert vendor_table(at)["Vendor"].tolist() == ["Thales"]


def test_that_a_missing_vendors_file_still_renders(app, tmp_path, monkeypatch):
    """Test that without data/vendors.csv the page says so and still summarises the vendors."""
    monkeypatch.setattr("utils.vendors.VENDORS_CSV", tmp_path / "absent.csv")
    at = open_page(app, "en")
    assert not at.exception
    assert "data/vendors.csv" in at.info[0].value
    assert vendor_table(at)["Vendor"].tolist() == ["BriefCam", "Tattile", "Thales"]
    assert at_cards(at) == []
    assert len(at.get("vega_lite_chart")) == 1
