"""Building one new row from the proposal form (utils.propose) and checking it like the whole file."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import utils.validate as validate
from utils.gazetteer import load_gazetteer
from utils.propose import build_row, cell, csv_line, proposal_csv, proposal_problems, slug, suggest_id
from utils.schema import TECHNOLOGIES, columns
from utils.tabular import read_table

TODAY = dt.date(2026, 11, 27)
PUBLISHED = Path(__file__).parent / "fixtures" / "contribute" / "published.csv"
FORM = {
    "geo_precision": "commune", "operator": " Ville de  Cannes ", "operator_type": "municipality",
    "vendor": ["Datakalab"], "technology": ["mask_detection"], "status": "ended", "start_date": "2020-04",
    "description_fr": "La ville a mesuré\nle port du masque.", "description_en": "The city measured masks.",
    "sources": ["https://www.laquadrature.net/2020/05/", ""], "evidence": "press",
}


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendors the fixtures use, whatever data/vendors.csv holds today."""
    references = validate.References(frozenset(TECHNOLOGIES), frozenset({"BriefCam", "Thales", "Actemium",
                                                                         "Datakalab", "TestWe"}))
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def cannes():
    return load_gazetteer().by_code("06029")


@pytest.mark.parametrize(("text", "expected"), [
    ("Saint-Étienne", "saint-etienne"),
    ("L'Haÿ-les-Roses", "l-hay-les-roses"),
    ("behaviour_detection", "behaviour-detection"),
    ("  Two-i  ", "two-i"),
    ("Œuvre", "oeuvre"),
    ("", ""),
])
def test_slug_gives_id_words(text, expected):
    """Test that names become lower-case ASCII words joined by hyphens."""
    assert slug(text) == expected


@pytest.mark.parametrize(("row", "taken", "expected"), [
    ({"commune": "Cannes", "vendor": "Datakalab|Two-i", "start_date": "2020-04"}, (),
     "cannes-datakalab-2020"),
    ({"commune": "Cannes", "vendor": "Datakalab", "start_date": "04/2020"}, (), "cannes-datakalab"),
    ({"commune": "Cannes", "technology": "drone"}, (), "cannes-drone"),
    ({"technology": "exam_proctoring", "start_date": "2021"}, (), "france-exam-proctoring-2021"),
    ({"commune": "Nice", "vendor": "XXII"}, ("nice-xxii", "nice-xxii-2"), "nice-xxii-3"),
])
def test_suggested_ids_follow_the_published_ones_and_are_unique(row, taken, expected):
    """Test `place-vendor-year` (technology without vendor, france when national), suffixed when taken."""
    assert suggest_id(row, taken) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""),
    (["a", " b ", "", "a"], "a|b"),
    (dt.date(2020, 4, 1), "2020-04-01"),
    (43.551930001, "43.55193"),
    ("  deux\nlignes  ", "deux lignes"),
])
def test_form_values_become_single_cells(value, expected):
    """Test that lists are joined by |, dates are ISO, floats have 5 decimals, whitespace is one space."""
    assert cell(value) == expected


def test_a_commune_fills_codes_and_point_and_the_row_is_complete():
    """Test that the chosen commune gives the gazetteer's codes and point, a suggested id, today's date."""
    row = build_row(FORM, cannes(), taken=["nimes-briefcam-2015"], today=TODAY)
    assert list(row) == columns()
    shown = ("id", "commune", "department_code", "insee_code", "region_code", "lat", "lon", "geo_precision",
             "operator", "sources", "last_verified")
    assert {name: row[name] for name in shown} == {
        "id": "cannes-datakalab-2020", "commune": "Cannes", "department_code": "06", "insee_code": "06029",
        "region_code": "93", "lat": "43.55193", "lon": "7.00486", "geo_precision": "commune",
        "operator": "Ville de Cannes", "sources": "https://www.laquadrature.net/2020/05/",
        "last_verified": "2026-11-27"}
    assert row["description_fr"] == "La ville a mesuré le port du masque."


def test_a_site_keeps_its_own_point_and_a_national_system_has_no_place():
    """Test that precision=site keeps the typed coordinates and national ignores the commune."""
    site = build_row({**FORM, "geo_precision": "site", "lat": 43.5509, "lon": 7.0134}, cannes(), today=TODAY)
    assert (site["insee_code"], site["lat"], site["lon"], site["geo_precision"]) == ("06029", "43.5509",
                                                                                     "7.0134", "site")
    national = build_row({**FORM, "geo_precision": "national"}, cannes(), today=TODAY)
    assert (national["commune"], national["lat"], national["id"]) == ("", "", "france-datakalab-2020")


def test_a_complete_proposal_has_no_problem():
    """Test that the form's row passes every rule of the validator, checked with the published rows."""
    row = build_row(FORM, cannes(), today=TODAY)
    assert proposal_problems(row, read_table(PUBLISHED), TODAY) == []


@pytest.mark.parametrize(("changes", "column", "message_part"), [
    ({"sources": []}, "sources", "une valeur (colonne obligatoire)"),
    ({"sources": ["javascript:alert(1)"]}, "sources", "une URL http(s)"),
    ({"status": None}, "status", "une valeur (colonne obligatoire)"),
    ({"start_date": "04/2020"}, "start_date", "une valeur conforme au motif"),
    ({"end_date": "2019"}, "end_date", "une date de fin égale ou postérieure au début"),
    ({"id": "nimes-briefcam-2015"}, "id", "déjà à la ligne 2"),
])
def test_proposal_problems_are_the_validators_on_row_2(changes, column, message_part):
    """Test that a bad field gives the command line's message, on the proposal's own row 2."""
    row = build_row({**FORM, **changes}, cannes(), today=TODAY)
    problems = proposal_problems(row, read_table(PUBLISHED), TODAY)
    assert [(p.row, p.column) for p in problems if p.is_error] == [(2, column)]
    assert message_part in problems[0].message


def test_a_suspected_duplicate_of_a_published_row_is_a_warning():
    """Test that the same commune, vendor and technology as a published row is flagged, not refused."""
    row = build_row({**FORM, "vendor": ["BriefCam"], "technology": ["video_search", "facial_recognition"]},
                    load_gazetteer().by_code("30189"), today=TODAY)
    problems = proposal_problems(row, read_table(PUBLISHED), TODAY)
    assert [(p.severity, p.message.split("; trouvé ")[1]) for p in problems] == [
        ("warning", "la même combinaison qu'à la ligne 2 [nimes-briefcam-2015] (doublon ?)")]


def test_the_csv_line_is_one_line_that_reads_back_as_the_row():
    """Test that quotes and commas are quoted, and csv reads back every value in canonical order."""
    row = build_row({**FORM, "use_case": 'Dire "non", puis oui'}, cannes(), today=TODAY)
    line = csv_line(row)
    assert line.count("\n") == 1
    assert next(csv.reader(io.StringIO(line))) == [row[name] for name in columns()]
    header, values = list(csv.reader(io.StringIO(proposal_csv(row))))
    assert (header, values) == (columns(), [row[name] for name in columns()])
