"""Vendors: per-vendor summaries of the deployments, and vendor cards from data/vendors.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from utils.charts_vendors import vendor_years_chart, vendor_years_data
from utils.data import type_rows
from utils.paths import VENDORS_CSV
from utils.schema import columns
from utils.vendors import (
    by_name,
    card_html,
    deployments_of,
    load_vendor_cards,
    vendor_rows,
    vendor_summary,
    without_card,
)

CARDS_HEADER = "name,country,headquarters,website,description_fr,description_en\n"


def deployments(*rows: dict) -> pd.DataFrame:
    """Typed deployments as utils.data gives them, from a few cells per row."""
    defaults = {**dict.fromkeys(columns(), ""), "status": "active", "technology": "other"}
    return type_rows(pd.DataFrame([{**defaults, "id": f"d{index}", **row} for index, row in enumerate(rows)]))


@pytest.fixture
def sample() -> pd.DataFrame:
    return deployments(
        {"vendor": "BriefCam|Thales", "technology": "video_search|facial_recognition", "insee_code": "30189",
         "commune": "Nîmes", "start_date": "2015", "end_date": "2023"},
        {"vendor": " BriefCam ", "technology": "video_search", "insee_code": "30189", "commune": "Nîmes",
         "start_date": "2019-04"},
        {"vendor": "BriefCam", "technology": "video_search", "insee_code": "06088", "commune": "Nice"},
        {"vendor": "", "technology": "drone", "start_date": "2021"},
        {"vendor": "Thales|Thales", "technology": "hypervision_platform", "commune": "Paris",
         "start_date": "2024"},
    )


@pytest.fixture
def cards(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_text(CARDS_HEADER
                    + "BriefCam,IL,,https://www.briefcam.com,Éditeur de logiciel.,Software publisher.\n"
                    + "thales,FR,Paris,javascript:alert(1),Groupe.,\n"
                    + ",FR,,,Sans nom.,\n"
                    + "BRIEFCAM,IL,,,Doublon.,\n", encoding="utf-8")
    return load_vendor_cards(path)


def test_vendor_rows_split_vendor_cells_on_the_separator(sample):
    """Test that a deployment counts once per distinct vendor of its cell; rows without one drop out."""
    pairs = vendor_rows(sample)
    assert list(zip(pairs["id"], pairs["vendor"], strict=True)) == [
        ("d0", "BriefCam"), ("d0", "Thales"), ("d1", "BriefCam"), ("d2", "BriefCam"), ("d4", "Thales")]


def test_vendor_summary_counts_deployments_communes_technologies_and_years(sample):
    """Test the exact per-vendor counts, most named vendor first."""
    summary = vendor_summary(sample)
    assert summary.to_dict("records") == [
        {"vendor": "BriefCam", "deployments": 3, "communes": 2,
         "technologies": ("facial_recognition", "video_search"), "first_year": 2015, "last_year": 2023},
        {"vendor": "Thales", "deployments": 2, "communes": 2,
         "technologies": ("facial_recognition", "video_search", "hypervision_platform"),
         "first_year": 2015, "last_year": 2024},
    ]


def test_vendor_summary_of_selected_vendors_leaves_co_vendors_out(sample):
    """Test that with the vendor filter, only the selected vendors are summarised (case ignored)."""
    assert list(vendor_summary(sample, only=("thales",))["vendor"]) == ["Thales"]


def test_vendor_summary_without_years_leaves_them_empty():
    """Test that a vendor whose deployments have no dates has no years, not an error."""
    summary = vendor_summary(deployments({"vendor": "Edicia"}))
    assert summary["first_year"].isna().all() and summary["last_year"].isna().all()


def test_vendor_summary_of_no_vendor_is_empty():
    """Test that a selection naming no vendor gives an empty summary with its columns."""
    summary = vendor_summary(deployments({"vendor": ""}))
    assert summary.empty and list(summary.columns)[:2] == ["vendor", "deployments"]


def test_load_vendor_cards_matches_names_ignoring_case_and_reports_bad_rows(cards):
    """Test that cards are found whatever the case; nameless or duplicate rows are reported with their row."""
    assert cards.card("BRIEFCAM")["country"] == "IL"
    assert cards.card("Thales")["headquarters"] == "Paris"
    found = [(problem.row, problem.column, problem.is_error) for problem in cards.problems]
    assert found == [(3, "website", False), (4, "name", True), (5, "name", True)]
    assert cards.card("BriefCam")["description_fr"] == "Éditeur de logiciel."


@pytest.mark.parametrize("content", [None, ""])
def test_load_vendor_cards_of_a_missing_or_empty_file_has_no_cards(tmp_path, content):
    """Test that a missing or empty vendors file gives no cards and says it is missing."""
    path = tmp_path / "vendors.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    cards = load_vendor_cards(path)
    assert cards.cards == {} and cards.missing


def test_the_bundled_vendors_file_loads_without_errors():
    """Test that data/vendors.csv, when present, has no blocking problem."""
    if not VENDORS_CSV.exists():
        pytest.skip("data/vendors.csv not written yet")
    cards = load_vendor_cards(VENDORS_CSV)
    assert [problem.format() for problem in cards.problems if problem.is_error] == []
    assert cards.cards


def test_without_card_lists_vendors_whose_card_is_still_to_write(cards):
    """Test that vendors named in the data but absent from vendors.csv are listed in order."""
    assert without_card(["Thales", "DJI", "BriefCam", "Wintics"], cards) == ["DJI", "Wintics"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", '<li><strong>Site web</strong> : <a href="https://www.briefcam.com" target="_blank" '
            'rel="noopener noreferrer">https://www.briefcam.com</a></li>'),
     ("en", '<li><strong>Website</strong>: <a href="https://www.briefcam.com" target="_blank" '
            'rel="noopener noreferrer">https://www.briefcam.com</a></li>')],
)
def test_card_html_links_an_http_website_in_a_new_tab(cards, lang, expected):
    """Test that an http(s) website becomes a link opening in a new tab with rel noopener."""
    assert expected in card_html(cards.card("BriefCam"), lang)


@pytest.mark.parametrize(("lang", "expected"),
                         [("fr", "Éditeur de logiciel."), ("en", "Software publisher.")])
def test_card_html_shows_the_description_in_the_current_language(cards, lang, expected):
    """Test that the description follows the language."""
    assert f"<p>{expected}</p>" in card_html(cards.card("BriefCam"), lang)


def test_card_html_falls_back_to_the_other_language_and_omits_empty_facts(cards):
    """Test that a missing English description shows the French one and empty facts are not listed."""
    html = card_html(cards.card("Thales"), "en")
    assert "<p>Groupe.</p>" in html
    assert "Headquarters</strong>: Paris" in html


@pytest.mark.parametrize(
    ("field", "value", "forbidden"),
    [("description_fr", "<script>alert(1)</script>", "<script"),
     ("headquarters", '<img src=x onerror="alert(1)">', "<img"),
     ("website", "javascript:alert(1)", "href"),
     ("website", 'https://x.org/"onmouseover="alert(1)', 'href="https://x.org/"'),
     ("country", "FR\n\n<b>x</b>", "<b>")],
)
def test_card_html_escapes_every_cell_and_links_only_http(field, value, forbidden):
    """Test that no cell of vendors.csv can inject HTML, a script link or a blank line into the card."""
    card = {"name": "X", "country": "FR", "headquarters": "", "website": "", "description_fr": "Texte",
            field: value}
    html = card_html(card, "fr")
    assert forbidden not in html
    assert "\n" not in html


@pytest.mark.parametrize(("name", "ids"), [
    ("BriefCam", ["d0", "d1", "d2"]),
    ("thales", ["d0", "d4"]),
    ("Brief", []),
])
def test_deployments_of_keeps_the_rows_naming_the_vendor_ignoring_case(sample, name, ids):
    """Test that a vendor's deployments are those whose cell names it exactly (case and accents ignored)."""
    assert deployments_of(sample, name)["id"].tolist() == ids


def test_by_name_sorts_vendors_alphabetically_ignoring_case_and_accents():
    """Test that the picker's order is alphabetical, not by number of deployments."""
    summary = pd.DataFrame({"vendor": ["Wintics", "égide", "BriefCam", "axis"], "deployments": [3, 2, 2, 1]})
    assert by_name(summary) == ["axis", "BriefCam", "égide", "Wintics"]


def test_vendor_years_data_counts_a_vendors_deployments_per_start_year_and_status():
    """Test the exact counts per start year and status, in the language asked; undated rows are left out."""
    rows = deployments({"start_date": "2019", "status": "trial"},
                       {"start_date": "2019-05", "status": "trial"},
                       {"start_date": "2019", "status": "active"}, {"start_date": "2021"}, {"start_date": ""})
    data = vendor_years_data(rows, "en")
    assert data.to_dict("records") == [
        {"year": 2019, "status": "Active", "code": "active", "deployments": 1},
        {"year": 2019, "status": "Trial", "code": "trial", "deployments": 2},
        {"year": 2021, "status": "Active", "code": "active", "deployments": 1},
    ]


def test_vendor_years_chart_stacks_statuses_in_their_colours_with_text_tooltips():
    """Test that the bars are coloured by status with the shared status colours and tooltips are fields."""
    rows = deployments({"start_date": "2019", "status": "trial"}, {"start_date": "2020", "status": "banned"})
    spec = vendor_years_chart(vendor_years_data(rows, "fr"), "fr").to_dict()
    color = spec["encoding"]["color"]
    assert color["field"] == "status"
    assert color["scale"] == {"domain": ["Expérimentation", "Interdit"], "range": ["#E69F00", "#009E73"]}
    assert [item["field"] for item in spec["encoding"]["tooltip"]] == ["year", "status", "deployments"]
