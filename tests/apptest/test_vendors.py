"""The vendors page, run alone with AppTest in French and English, on small fixture files."""

import json
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


def card_heading(at: AppTest) -> str | None:
    """The name heading the vendor card shown, or None when no card is shown."""
    return next((element.value.removeprefix("#### ") for element in at.markdown
                 if element.value.startswith("#### ")), None)


def picker(at: AppTest):
    return at.selectbox(key="vendor-picker")


@pytest.mark.parametrize(("lang", "title", "sections", "headers"), [
    ("fr", "Acteurs", ["Déploiements par fournisseur", "Tous les fournisseurs (3)", "Fiche d'un fournisseur"],
     ["Fournisseur", "Déploiements", "Communes", "Technologies", "Années"]),
    ("en", "Vendors", ["Deployments per vendor", "All vendors (3)", "Vendor card"],
     ["Vendor", "Deployments", "Municipalities", "Technologies", "Years"]),
])
def test_that_the_page_renders_in_both_languages(app, lang, title, sections, headers):
    """Test that the page shows its chart, its translated table and a picker, not one block per vendor."""
    at = open_page(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert [header.value for header in at.subheader][:3] == sections
    assert len(at.get("vega_lite_chart")) == 1
    assert list(vendor_table(at).columns) == headers
    assert not any(" · " in expander.label for expander in at.expander)
    assert picker(at).options == ["BriefCam (2)", "Tattile (1)", "Thales (1)"]
    assert picker(at).value is None
    assert card_heading(at) is None and at_cards(at) == []


def test_that_vendor_cells_are_split_and_counted_for_each_vendor(app):
    """Test that a deployment naming two vendors counts for both, and one without a vendor is mentioned."""
    at = open_page(app, "en")
    summary = vendor_table(at)
    assert summary[["Vendor", "Deployments", "Municipalities", "Years"]].values.tolist() == [
        ["BriefCam", 2, 2, "2015–2019"], ["Tattile", 1, 1, "2021"], ["Thales", 1, 1, "2019"]]
    assert "1 deployment without a known vendor" in markdown(at).replace("\\", "")


@pytest.mark.parametrize(("params", "table", "card"), [
    ({}, ["BriefCam", "Tattile", "Thales"], None),
    ({"vendor": ["Thales"]}, None, "Thales"),
    ({"vendor": ["BriefCam", "Tattile"]}, ["BriefCam", "Tattile"], None),
    ({"tech": ["license_plate_reading"]}, None, "Tattile"),
    ({"tech": ["video_search"]}, ["BriefCam", "Thales"], None),
    ({"tech": ["drone"]}, None, None),
])
def test_that_shared_filters_decide_between_the_table_and_a_card(app, params, table, card):
    """Test that vendor= and tech= decide the vendors summarised; one vendor left is shown as its card."""
    at = open_page(app, "fr", **params)
    assert not at.exception
    shown = [frame.value["Fournisseur"].tolist() for frame in at.dataframe
             if frame.value.columns[0] == "Fournisseur"]
    assert shown == ([table] if table else [])
    assert card_heading(at) == card
    assert [box.value for box in at.selectbox] == ([card] if card or table else [])


def test_that_a_shared_vendor_link_shows_its_card_chart_and_a_link_to_its_deployments(app):
    """Test that ?vendor=BriefCam opens on the card: figures, description, years chart, Data page link."""
    at = open_page(app, "en", vendor=["BriefCam"])
    assert card_heading(at) == "BriefCam"
    assert picker(at).value == "BriefCam"
    text = markdown(at).replace("\\", "")
    assert "2 deployment(s) · municipalities: 2 · years: 2015–2019" in text
    assert "Israeli publisher." in " ".join(element.value for element in at_cards(at))
    [chart] = at.get("vega_lite_chart")
    colour = json.loads(chart.proto.spec)["encoding"]["color"]
    assert colour["field"] == "status" and colour["legend"] is None  # a Vega legend is cut on a phone
    [key] = [element.value for element in at.markdown
             if element.value.startswith('<div class="atlas-chart-key"')]
    assert "<strong>Status</strong>" in key and key.count("background:") == 1 and "Active</span>" in key
    assert "(./donnees?vendor=BriefCam&lang=en)" in text
    captions = " ".join(caption.value for caption in at.caption).replace("\\", "")
    assert "The peak is in 2015 with 1 deployment started." in captions


def test_that_cards_are_escaped_and_link_only_http_websites(app):
    """Test that a card links an http(s) website with rel noopener, and escapes HTML and script links."""
    briefcam = at_cards(open_page(app, "fr", vendor=["BriefCam"]))[0].value
    fresh = AppTest.from_file(PAGE, default_timeout=30)
    thales = at_cards(open_page(fresh, "fr", vendor=["Thales"]))[0].value
    assert 'href="https://www.briefcam.com" target="_blank" rel="noopener noreferrer"' in briefcam
    assert "&lt;b&gt;Groupe&lt;/b&gt; français." in thales
    assert "<b>" not in thales and 'href="javascript' not in thales


@pytest.mark.parametrize(("lang", "todo"), [("fr", "Fiches à rédiger"), ("en", "Cards to write")])
def test_that_vendors_without_a_card_are_listed(app, lang, todo):
    """Test that a vendor named in the data but absent from vendors.csv is listed as a card to write."""
    at = open_page(app, lang)
    assert [header.value for header in at.subheader][-1] == todo
    assert "- Tattile" in markdown(at)


def test_that_a_vendor_without_a_card_says_so_on_its_card(app):
    """Test that the card of a vendor absent from vendors.csv says it is still to be written."""
    at = open_page(app, "en", vendor=["Tattile"])
    assert card_heading(at) == "Tattile"
    assert "Card still to be written." in [caption.value for caption in at.caption]
    assert at_cards(at) == []
    assert "Cards to write" not in [header.value for header in at.subheader]


def test_that_the_picker_sets_the_shared_vendor_filter_and_the_button_clears_it(app):
    """Test that picking a vendor filters the page and the URL on it, and "back to all vendors" undoes it."""
    at = open_page(app, "en")
    picker(at).select("Thales").run()
    assert not at.exception
    assert at.query_params["vendor"] == "Thales"
    assert at.session_state["vendor"] == ["Thales"]
    assert card_heading(at) == "Thales"
    at.button(key="all-vendors").click().run()
    assert "vendor" not in at.query_params
    assert vendor_table(at)["Vendor"].tolist() == ["BriefCam", "Tattile", "Thales"]
    assert picker(at).value is None


def test_that_the_picker_goes_from_one_vendor_to_another(app):
    """Test that with one vendor filtered, the picker still offers the others and switches to one."""
    at = open_page(app, "en", vendor=["Thales"], tech=["video_search", "license_plate_reading"])
    assert picker(at).options == ["BriefCam (2)", "Tattile (1)", "Thales (1)"]
    picker(at).select("Tattile").run()
    assert at.query_params["vendor"] == "Tattile"
    assert at.query_params["tech"] == ["video_search", "license_plate_reading"]
    assert card_heading(at) == "Tattile"


def test_that_a_missing_vendors_file_still_renders(app, tmp_path, monkeypatch):
    """Test that without data/vendors.csv the page says so and still summarises the vendors."""
    monkeypatch.setattr("utils.vendors.VENDORS_CSV", tmp_path / "absent.csv")
    at = open_page(app, "en")
    assert not at.exception
    assert "data/vendors.csv" in at.info[0].value
    assert vendor_table(at)["Vendor"].tolist() == ["BriefCam", "Tattile", "Thales"]
    assert at_cards(at) == []
    assert len(at.get("vega_lite_chart")) == 1
