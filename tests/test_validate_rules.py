"""One case per validation rule: a small bad CSV built from valid rows, and the exact line printed."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from utils.schema import TECHNOLOGIES
from utils.tabular import read_table
from utils.validate import References, validate_deployments

VALID = Path(__file__).parent / "fixtures" / "validate" / "valid.csv"
TODAY = dt.date(2026, 11, 27)
# Rows of valid.csv: 2 = a commune (Nîmes), 3 = a site without commune (La Défense), 4 = national.
NIMES, DEFENSE, NATIONAL = 2, 3, 4
AT_NIMES = "deployments.csv:2 [nimes-briefcam-2015] "
AT_DEFENSE = "deployments.csv:3 [la-defense-thales-2017] "
AT_NATIONAL = "deployments.csv:4 [france-testwe-2020] "
REFERENCES = References(frozenset(TECHNOLOGIES), frozenset({"BriefCam", "Thales", "Actemium", "TestWe"}))


def problem_lines(tmp_path, edit=None, references=REFERENCES) -> list[str]:
    """Validate valid.csv after `edit(header, rows)` changed it; one formatted line per problem."""
    with VALID.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    if edit:
        edit(header, rows)
    path = tmp_path / "deployments.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return [p.format() for p in validate_deployments(read_table(path), today=TODAY, references=references)]


def cells(row: int, **values):
    """An edit setting cells of spreadsheet row `row`."""
    def edit(header, rows):
        for column, value in values.items():
            rows[row - 2][header.index(column)] = value
    return edit


def copy_row(row: int, **values):
    """An edit appending a copy of `row` with some cells changed."""
    def edit(header, rows):
        rows.append(list(rows[row - 2]))
        cells(len(rows) + 1, **values)(header, rows)
    return edit


def test_valid_rows_have_no_problem(tmp_path):
    """Test that the valid fixture (commune, La Défense-style site, national) passes every rule."""
    assert problem_lines(tmp_path) == []


SCHEMA_CASES = [
    pytest.param(cells(NIMES, description_fr=""),
                 AT_NIMES + "description_fr: erreur: attendu une valeur "
                 "(colonne obligatoire); trouvé une cellule vide", id="an empty required cell is an error"),
    pytest.param(cells(NIMES, status="actif"),
                 AT_NIMES + "status: erreur: attendu une valeur parmi planned, "
                 "trial, active, ended, abandoned, suspended_by_court, banned, unknown; trouvé « actif »",
                 id="a value outside its enum is an error"),
    pytest.param(cells(NIMES, id="Nimes_2015"),
                 "deployments.csv:2 [Nimes_2015] id: erreur: attendu une valeur conforme au motif "
                 "^[a-z0-9]+(-[a-z0-9]+)*$ (exemple : « nimes-briefcam-2015 »); trouvé « Nimes_2015 »",
                 id="a value not matching its pattern is an error"),
    pytest.param(cells(NIMES, lat="43,8446"),
                 AT_NIMES + "lat: erreur: attendu un nombre avec un point décimal "
                 "(exemple : 43.8446); trouvé « 43,8446 » (virgule décimale)",
                 id="a decimal comma is not a number"),
    pytest.param(cells(NATIONAL, last_verified="27/11/2026"),
                 AT_NATIONAL + "last_verified: erreur: attendu une date réelle au format "
                 "AAAA-MM-JJ (exemple : 2026-11-27); trouvé « 27/11/2026 » (date à la française)",
                 id="a french-style date is not a date"),
    pytest.param(cells(NATIONAL, id="nimes-briefcam-2015"),
                 "deployments.csv:4 [nimes-briefcam-2015] id: erreur: attendu une valeur unique dans la "
                 "colonne; trouvé « nimes-briefcam-2015 », déjà à la ligne 2",
                 id="a repeated id names its first row"),
]


@pytest.mark.parametrize(("edit", "line"), SCHEMA_CASES)
def test_schema_rule_reports_exact_line(tmp_path, edit, line):
    """Test that each Table Schema rule prints its one exact line."""
    assert problem_lines(tmp_path, edit) == [line]


def test_number_out_of_bounds_is_an_error(tmp_path):
    """Test that a latitude above 90 is reported against the schema's maximum (and is outside the map)."""
    assert problem_lines(tmp_path, cells(DEFENSE, lat="95")) == [
        AT_DEFENSE + "lat: erreur: attendu un nombre inférieur ou égal à 90; trouvé « 95 »",
        AT_DEFENSE + "lat/lon: erreur: attendu un point dans le département 92; trouvé 95, 2.2384",
    ]


CONTENT_CASES = [
    pytest.param(cells(NIMES, technology="video_search|face_id"),
                 AT_NIMES + "technology: erreur: attendu une technologie parmi "
                 + ", ".join(TECHNOLOGIES) + "; trouvé « face_id »", id="an unknown technology is named"),
    pytest.param(cells(NIMES, technology="video_search||facial_recognition"),
                 AT_NIMES + "technology: erreur: attendu des valeurs séparées par "
                 "« | », sans espace autour ni valeur vide; trouvé « video_search||facial_recognition »",
                 id="an empty value in a multi-valued cell is an error"),
    pytest.param(cells(NIMES, sources="https://technopolice.fr/nimes/|javascript:alert(1)"),
                 AT_NIMES + "sources: erreur: attendu une URL http(s) (exemple : "
                 "https://technopolice.fr/nimes/); trouvé « javascript:alert(1) »",
                 id="a non-http source is named"),
    pytest.param(cells(NIMES, start_date="2019-02-30"),
                 AT_NIMES + "start_date: erreur: attendu une date qui existe dans le "
                 "calendrier; trouvé « 2019-02-30 »", id="a date missing from the calendar is an error"),
    pytest.param(cells(NATIONAL, end_date="2019"),
                 AT_NATIONAL + "end_date: erreur: attendu une date de fin égale ou "
                 "postérieure au début (2020-03); trouvé « 2019 »", id="an end before the start is an error"),
    pytest.param(cells(NATIONAL, end_date="2026-12"),
                 AT_NATIONAL + "end_date: erreur: attendu une date passée ou "
                 "d'aujourd'hui (2026-11-27); trouvé « 2026-12 »", id="a date in the future is an error"),
    pytest.param(copy_row(NIMES, id="nimes-briefcam-2019"),
                 "deployments.csv:5 [nimes-briefcam-2019]: avertissement: attendu une seule ligne par "
                 "commune, fournisseur et technologie; trouvé la même combinaison qu'à la ligne 2 "
                 "[nimes-briefcam-2015] (doublon ?)",
                 id="a suspected duplicate is a warning naming the other row"),
    pytest.param(cells(NIMES, vendor="Briefcam"),
                 AT_NIMES + "vendor: avertissement: attendu un nom de fournisseur de "
                 "vendors.csv; trouvé « Briefcam »", id="a vendor missing from vendors.csv is a warning"),
]


@pytest.mark.parametrize(("edit", "line"), CONTENT_CASES)
def test_content_rule_reports_exact_line(tmp_path, edit, line):
    """Test that each rule a schema cannot express prints its one exact line."""
    assert problem_lines(tmp_path, edit) == [line]


def test_technology_missing_from_technologies_csv_is_an_error(tmp_path):
    """Test that a schema technology that technologies.csv does not define is reported."""
    references = References(frozenset(TECHNOLOGIES) - {"exam_proctoring"}, REFERENCES.vendor_names)
    assert problem_lines(tmp_path, references=references) == [
        AT_NATIONAL + "technology: erreur: attendu un code défini dans technologies.csv; "
        "trouvé « exam_proctoring »"
    ]


GEO_CASES = [
    pytest.param(cells(NIMES, insee_code="30999"),
                 [AT_NIMES + "insee_code: erreur: attendu un code INSEE de commune "
                  "présent dans communes.csv; trouvé « 30999 »"], id="an unknown insee code is an error"),
    pytest.param(cells(NIMES, insee_code=""),
                 [AT_NIMES + "insee_code: erreur: attendu le code INSEE de « Nîmes » "
                  "(30189 d'après communes.csv); trouvé une cellule vide"],
                 id="a commune without insee code gets the code suggested"),
    pytest.param(cells(NIMES, commune="Nimes"),
                 [AT_NIMES + "commune: erreur: attendu « Nîmes » (nom officiel de "
                  "30189); trouvé « Nimes »"], id="a commune not spelled officially is an error"),
    pytest.param(cells(NIMES, department_code="31"),
                 [AT_NIMES + "department_code: erreur: attendu « 30 » (département "
                  "de 30189); trouvé « 31 »"], id="a department other than the commune's is an error"),
    pytest.param(cells(DEFENSE, department_code="975"),
                 [AT_DEFENSE + "department_code: erreur: attendu un code de "
                  "département de departements.geojson; trouvé « 975 »"],
                 id="an unknown department is an error"),
    pytest.param(cells(DEFENSE, region_code="93"),
                 [AT_DEFENSE + "region_code: erreur: attendu « 11 » (région du "
                  "département 92); trouvé « 93 »"], id="a region other than the department's is an error"),
    pytest.param(cells(NIMES, lat="43.85"),
                 [AT_NIMES + "lat/lon: erreur: attendu 43.8446, 4.34761 (point de "
                  "30189 dans communes.csv ; videz lat et lon puis lancez python -m utils.geocode); "
                  "trouvé 43.85, 4.34761"], id="a commune point away from the gazetteer point is an error"),
    pytest.param(cells(NIMES, lat="43.84465", lon="4.34758"), [],
                 id="a commune point within 1e-4 degree of the gazetteer point is accepted"),
    pytest.param(cells(DEFENSE, lat="43.8446", lon="4.34761"),
                 [AT_DEFENSE + "lat/lon: erreur: attendu un point dans le "
                  "département 92; trouvé 43.8446, 4.34761"], id="a site outside its department is an error"),
    pytest.param(cells(NATIONAL, commune="Paris"),
                 [AT_NATIONAL + "commune: erreur: attendu une cellule vide pour un "
                  "système national; trouvé « Paris »"], id="a national row with a commune is an error"),
    pytest.param(cells(NATIONAL, lat="48.85", lon="2.35"),
                 [AT_NATIONAL + "lat/lon: erreur: attendu aucune coordonnée pour un "
                  "système national; trouvé 48.85, 2.35"], id="a national row with coordinates is an error"),
    pytest.param(cells(NIMES, lat="", lon=""),
                 [AT_NIMES + "lat/lon: erreur: attendu des coordonnées (lancez "
                  "python -m utils.geocode pour une commune ; pour un lieu, saisissez son point); trouvé des "
                  "cellules vides"], id="a commune without coordinates points to the geocoder"),
    pytest.param(cells(DEFENSE, geo_precision="commune"),
                 [AT_DEFENSE + "geo_precision: erreur: attendu « site » pour un lieu "
                  "sans commune dans un département; trouvé « commune »"],
                 id="a place without commune in a department must be a site"),
    pytest.param(cells(NATIONAL, geo_precision="commune"),
                 [AT_NATIONAL + "geo_precision: erreur: attendu « national » pour une "
                  "ligne sans commune ni département; trouvé « commune »"],
                 id="a row without commune nor department must be national"),
]


@pytest.mark.parametrize(("edit", "lines"), GEO_CASES)
def test_geography_rule_reports_exact_line(tmp_path, edit, lines):
    """Test that each geographic rule prints its exact line (or accepts what it should)."""
    assert problem_lines(tmp_path, edit) == lines


def drop_column(name):
    def edit(header, rows):
        position = header.index(name)
        for cells_ in [header, *rows]:
            del cells_[position]
    return edit


def add_column(name):
    def edit(header, rows):
        for cells_ in [header, *rows]:
            cells_.append(name if cells_ is header else "x")
    return edit


def add_cells(row, *extra):
    def edit(header, rows):
        rows[row - 2].extend(extra)
    return edit


SHAPE_CASES = [
    pytest.param(drop_column("evidence"),
                 "deployments.csv:1 evidence: erreur: en-tête : attendu une colonne « evidence »; "
                 "trouvé aucune",
                 id="a missing column is named once"),
    pytest.param(add_column("statut"),
                 "deployments.csv:1 statut: erreur: en-tête : attendu une colonne du schéma (« status » ?); "
                 "trouvé « statut »", id="an unknown column is named with the closest known one"),
    pytest.param(add_column("status"),
                 "deployments.csv:1 status: erreur: en-tête : attendu une seule colonne de ce nom; "
                 "trouvé une deuxième en colonne 25 (première : 16)",
                 id="a duplicated column is named with both positions"),
    pytest.param(add_cells(NIMES, "Nice", "sud"),
                 "deployments.csv:2 [nimes-briefcam-2015]: erreur: attendu au plus 24 cellules, comme "
                 "l'en-tête; trouvé des cellules en trop : « Nice | sud » (un séparateur hors guillemets "
                 "dans un texte ?)",
                 id="a row with too many cells is an error"),
]


@pytest.mark.parametrize(("edit", "line"), SHAPE_CASES)
def test_header_and_row_shape_rule_reports_exact_line(tmp_path, edit, line):
    """Test that header and row-length problems print their one exact line."""
    assert problem_lines(tmp_path, edit) == [line]
