"""Where a deployment is: codes, names and points consistent with the gazetteer and the outlines.

A code that does not match its schema pattern is reported by checks_schema and left out here,
so that one bad cell gives one message.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.boundaries import SIMPLIFICATION_TOLERANCE_DEG, departments, points_in_department
from utils.checks import Sheet, quote
from utils.checks_schema import NUMBER
from utils.gazetteer import Gazetteer
from utils.problems import Problem
from utils.schema import field

GEO_COLUMNS = ("commune", "department_code", "insee_code", "region_code", "lat", "lon", "geo_precision")
POINT = "lat/lon"  # column label of problems about the point as a whole
POINT_TOLERANCE_DEG = 1e-4


class Places:
    """The geographic cells of a sheet, parsed once and matched with the gazetteer."""

    def __init__(self, sheet: Sheet, gazetteer: Gazetteer):
        self.sheet = sheet
        self.commune = sheet.column("commune")
        self.precision = sheet.column("geo_precision")
        self.national = self.precision == "national"
        self.insee = _well_formed(sheet, "insee_code")
        self.department = _well_formed(sheet, "department_code")
        self.region = _well_formed(sheet, "region_code")
        self.lat, self.lon = _number(sheet, "lat"), _number(sheet, "lon")
        codes = self.insee.unique()
        known = {code: gazetteer.by_code(code) for code in codes if code}
        self.match = self.insee.map(lambda code: known.get(code))
        self.known = self.match.notna()

    def of_match(self, attribute: str) -> pd.Series:
        return self.match.map(lambda commune: getattr(commune, attribute) if commune else "")

    def well_formed_or_empty(self, column: str) -> pd.Series:
        """Cells that passed their pattern (or are empty): a malformed one is reported once, elsewhere."""
        raw = self.sheet.column(column)
        return raw == _well_formed(self.sheet, column)

    def point_found(self) -> pd.Series:
        lat, lon = self.sheet.column("lat"), self.sheet.column("lon")
        found = lat.where(lat != "", "(vide)") + ", " + lon.where(lon != "", "(vide)")
        return found.where((lat != "") | (lon != ""), "des cellules vides")


def _well_formed(sheet: Sheet, column: str) -> pd.Series:
    cells = sheet.column(column)
    pattern = field(column).get("constraints", {}).get("pattern")
    return cells.where(cells.str.fullmatch(pattern), "") if pattern else cells


def _number(sheet: Sheet, column: str) -> pd.Series:
    cells = sheet.column(column)
    return pd.to_numeric(cells.where(cells.str.fullmatch(NUMBER), None), errors="coerce").astype(float)


def check_insee_exists(places: Places) -> list[Problem]:
    """A well-formed insee_code is one of communes.csv."""
    unknown = (places.insee != "") & ~places.known
    return places.sheet.flag(unknown, "insee_code", "un code INSEE de commune présent dans communes.csv")


def check_insee_present(places: Places, gazetteer: Gazetteer) -> list[Problem]:
    """A commune comes with its INSEE code; the message suggests it when the name is found."""
    missing = (places.commune != "") & (places.sheet.column("insee_code") == "") & ~places.national
    expected = pd.Series(
        {row: _insee_suggestion(gazetteer, places.commune.at[row], places.department.at[row])
         for row in missing.index[missing]}, dtype=str)
    return places.sheet.flag(missing, "insee_code", expected)


def _insee_suggestion(gazetteer: Gazetteer, name: str, department: str) -> str:
    codes = ", ".join(commune.insee_code for commune in gazetteer.find(name, department or None))
    if not codes:
        return f"le code INSEE de {quote(name)}, introuvable dans communes.csv (orthographe ?)"
    return f"le code INSEE de {quote(name)} ({codes} d'après communes.csv)"


def check_commune_name(places: Places) -> list[Problem]:
    """The commune is spelled as communes.csv spells its INSEE code."""
    official = places.of_match("name")
    bad = places.known & ~places.national & (places.commune != official)
    expected = official[bad].map(quote) + " (nom officiel de " + places.insee[bad] + ")"
    return places.sheet.flag(bad, "commune", expected)


def check_department_of_commune(places: Places) -> list[Problem]:
    """department_code is the department of the INSEE code."""
    actual = places.of_match("department_code")
    bad = places.known & places.well_formed_or_empty("department_code") & (places.department != actual)
    expected = actual[bad].map(quote) + " (département de " + places.insee[bad] + ")"
    return places.sheet.flag(bad, "department_code", expected)


def check_department_exists(places: Places) -> list[Problem]:
    """A well-formed department_code is one of departements.geojson (no overseas collectivities)."""
    unknown = (places.department != "") & ~places.department.isin(list(departments()))
    return places.sheet.flag(unknown, "department_code", "un code de département de departements.geojson")


def check_region(places: Places) -> list[Problem]:
    """region_code is the region of the commune, or of the department when there is no commune."""
    of_department = places.department.map(lambda code: departments()[code].region_code
                                          if code in departments() else "")
    expected_code = places.of_match("region_code").where(places.known, of_department)
    checkable = (expected_code != "") & places.well_formed_or_empty("region_code")
    bad = checkable & (places.region != expected_code)
    because = ("de la commune " + places.insee).where(places.known, "du département " + places.department)
    expected = expected_code[bad].map(quote) + " (région " + because[bad] + ")"
    return places.sheet.flag(bad, "region_code", expected)


def check_commune_point(places: Places) -> list[Problem]:
    """A geo_precision=commune point is the gazetteer point of its INSEE code."""
    lat, lon = places.of_match("lat"), places.of_match("lon")
    far = ((places.lat - lat.where(places.known).astype(float)).abs() > POINT_TOLERANCE_DEG) | (
        (places.lon - lon.where(places.known).astype(float)).abs() > POINT_TOLERANCE_DEG)
    bad = (places.precision == "commune") & places.known & places.lat.notna() & places.lon.notna() & far
    expected = (lat.astype(str) + ", " + lon.astype(str) + " (point de " + places.insee
                + " dans communes.csv ; videz lat et lon puis lancez python -m utils.geocode)")
    return places.sheet.flag(bad, POINT, expected, places.point_found())


def check_site_in_department(places: Places) -> list[Problem]:
    """A geo_precision=site point lies inside (or within 500 m of) its department's outline."""
    candidates = ((places.precision == "site") & places.department.isin(list(departments()))
                  & places.lat.notna() & places.lon.notna())
    inside = pd.Series(np.ones(len(candidates), dtype=bool), index=candidates.index)
    inside[candidates] = points_in_department(places.lat[candidates], places.lon[candidates],
                                              places.department[candidates], SIMPLIFICATION_TOLERANCE_DEG)
    expected = places.department.map(lambda code: f"un point dans le département {code}")
    return places.sheet.flag(candidates & ~inside, POINT, expected, places.point_found())


def check_national(places: Places) -> list[Problem]:
    """geo_precision=national rows have no commune (nor INSEE code) and no coordinates."""
    national = places.national
    has_point = (places.sheet.column("lat") != "") | (places.sheet.column("lon") != "")
    expected = "une cellule vide pour un système national"
    return (places.sheet.flag(national & (places.commune != ""), "commune", expected)
            + places.sheet.flag(national & (places.sheet.column("insee_code") != ""), "insee_code", expected)
            + places.sheet.flag(national & has_point, POINT, "aucune coordonnée pour un système national",
                                places.point_found()))


def check_coordinates_present(places: Places) -> list[Problem]:
    """Rows placed at a commune or in a department (not national) have both coordinates."""
    placed = ~places.national & ((places.commune != "") | (places.department != ""))
    missing = (places.sheet.column("lat") == "") | (places.sheet.column("lon") == "")
    expected = ("des coordonnées (lancez python -m utils.geocode pour une commune ; "
                "pour un lieu, saisissez son point)")
    return places.sheet.flag(placed & missing, POINT, expected, places.point_found())


def check_precision_without_commune(places: Places) -> list[Problem]:
    """Without a commune a row is a site in a department (La Défense) or a national system."""
    no_commune = places.commune == ""
    with_department = no_commune & (places.department != "") & ~places.national
    nowhere = no_commune & (places.department == "") & ~places.national
    site_expected = "« site » pour un lieu sans commune dans un département"
    national_expected = "« national » pour une ligne sans commune ni département"
    return (places.sheet.flag(with_department & (places.precision != "site"), "geo_precision", site_expected)
            + places.sheet.flag(nowhere, "geo_precision", national_expected))


def check_geography(sheet: Sheet, gazetteer: Gazetteer) -> list[Problem]:
    """All the rules above; none when a geographic column is missing (check_header reports it)."""
    if not all(sheet.has(column) for column in GEO_COLUMNS):
        return []
    places = Places(sheet, gazetteer)
    rules = (check_insee_exists, check_commune_name, check_department_of_commune, check_department_exists,
             check_region, check_commune_point, check_site_in_department, check_national,
             check_coordinates_present, check_precision_without_commune)
    problems = check_insee_present(places, gazetteer)
    for rule in rules:
        problems += rule(places)
    return problems
