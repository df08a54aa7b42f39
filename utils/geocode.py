"""Place deployments on the map: `python -m utils.geocode [FILE] [--online] [--dry-run]`.

Offline, every row that names a commune (or gives its INSEE code) but has no coordinates gets the
gazetteer's codes and point, with geo_precision=commune. Rows with coordinates are never touched.
With --online, rows with a `site` are then placed at the site itself (see utils.geocode_online).
The file is written back exactly as it was read (encoding, delimiter, line endings, column order).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from utils.gazetteer import Commune, Gazetteer, load_gazetteer
from utils.paths import deployments_path
from utils.problems import ERROR, Problem
from utils.tabular import Table, TableReadError, read_table, write_table

if TYPE_CHECKING:
    from utils.geocode_online import SiteLocator

GEO_COLUMNS = ("commune", "department_code", "insee_code", "region_code", "lat", "lon", "geo_precision")
COORDINATE_DECIMALS = 5
EXIT_UNPLACED, EXIT_UNREADABLE = 1, 2  # 2 also when the file cannot be written back


@dataclass
class TableRow:
    """One data row of a table, read and written by column name."""

    table: Table
    index: int

    @property
    def number(self) -> int:
        """Spreadsheet row number (header = 1)."""
        return self.table.row_numbers[self.index] if self.table.row_numbers else self.index + 2

    def get(self, column: str) -> str:
        """The stripped cell, '' when the column or the cell is missing."""
        cells = self.table.rows[self.index]
        position = _column_position(self.table, column)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def set(self, column: str, value: str) -> None:
        """Write one cell (a short row is first padded with empty cells to the header's width)."""
        cells = self.table.rows[self.index]
        position = _column_position(self.table, column)
        cells.extend([""] * (len(self.table.header) - len(cells)))
        cells[position] = value

    def problem(self, message: str, column: str = "commune", severity: str = ERROR) -> Problem:
        """A problem about this row, naming file, spreadsheet row and id."""
        return Problem(self.table.path.name, self.number, self.get("id"), column, message, severity)


def _column_position(table: Table, column: str) -> int | None:
    return table.header.index(column) if column in table.header else None


@dataclass
class Placement:
    """One row that was given coordinates."""

    file: str
    row: int
    row_id: str
    message: str

    def format(self) -> str:
        """`file:row [id]: message` — one line, as the command line prints it."""
        return f"{self.file}:{self.row} [{self.row_id}]: {self.message}" if self.row_id else (
            f"{self.file}:{self.row}: {self.message}")


@dataclass
class GeocodeReport:
    """What a geocoding run placed and what it could not."""

    placements: list[Placement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def extend(self, other: GeocodeReport) -> None:
        self.placements += other.placements
        self.problems += other.problems


def format_coordinate(value: float) -> str:
    """5 decimals at most, as in the gazetteer, without trailing zeros: 5.42050 -> '5.4205'."""
    text = f"{value:.{COORDINATE_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def missing_columns(table: Table) -> list[str]:
    """Geographic columns the file lacks (they cannot be filled without adding columns)."""
    return [column for column in GEO_COLUMNS if column not in table.header]


def geocode_table(table: Table, gazetteer: Gazetteer | None = None) -> GeocodeReport:
    """Fill the commune codes and point of every row that has a commune and no coordinates."""
    gazetteer = gazetteer or load_gazetteer()
    report = GeocodeReport()
    for index in range(len(table.rows)):
        row = TableRow(table, index)
        if needs_commune_point(row):
            outcome = place_at_commune(row, gazetteer)
            if isinstance(outcome, Placement):
                report.placements.append(outcome)
            else:
                report.problems.append(outcome)
        elif problem := unplaceable(row):
            report.problems.append(problem)
    return report


def needs_commune_point(row: TableRow) -> bool:
    """A row naming a commune (or its INSEE code), with neither lat nor lon, not national."""
    has_place = bool(row.get("commune") or row.get("insee_code"))
    no_point = not row.get("lat") and not row.get("lon")
    return has_place and no_point and row.get("geo_precision") != "national"


def unplaceable(row: TableRow) -> Problem | None:
    """Rows we cannot place and must say so: half coordinates, or nothing to place them by."""
    if bool(row.get("lat")) != bool(row.get("lon")):
        return row.problem("une seule des coordonnées lat/lon est remplie : ligne laissée telle quelle",
                           "lat" if not row.get("lat") else "lon")
    national = row.get("geo_precision") == "national"
    if not (row.get("lat") or row.get("commune") or row.get("insee_code") or national):
        return row.problem("ni commune, ni code INSEE, ni coordonnées : impossible de placer la ligne "
                           "(geo_precision=national pour un système national)")
    return None


def place_at_commune(row: TableRow, gazetteer: Gazetteer) -> Placement | Problem:
    """Write the commune's codes and point into the row, or say why not."""
    commune = gazetteer.resolve(row.get("commune"), row.get("department_code"), row.get("insee_code"))
    if isinstance(commune, str):
        return row.problem(commune)
    typed = row.get("commune")
    for column, value in commune_cells(commune).items():
        row.set(column, value)
    message = f"placée au point de la commune {commune.label}, INSEE {commune.insee_code}"
    if not typed:
        message += f" ; commune remplie d'après le code INSEE : « {commune.name} »"
    elif typed != commune.name:
        message += f" ; commune réécrite à l'orthographe officielle : « {typed} » -> « {commune.name} »"
    return Placement(row.table.path.name, row.number, row.get("id"), message)


def commune_cells(commune: Commune) -> dict[str, str]:
    """The geographic cells of a commune-level row."""
    return {
        "commune": commune.name,
        "department_code": commune.department_code,
        "insee_code": commune.insee_code,
        "region_code": commune.region_code,
        "lat": format_coordinate(commune.lat),
        "lon": format_coordinate(commune.lon),
        "geo_precision": "commune",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """FILE, --online, --dry-run."""
    parser = argparse.ArgumentParser(prog="python -m utils.geocode", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="fichier CSV (défaut : data/deployments.csv ou $ATLAS_DATA)")
    parser.add_argument("--online", action="store_true",
                        help="placer aussi les lieux précis (BAN puis Nominatim)")
    parser.add_argument("--dry-run", action="store_true", help="afficher sans écrire le fichier")
    return parser.parse_args(argv)


def run(table: Table, online: bool, locator: SiteLocator | None = None) -> GeocodeReport:
    """Offline filling, then (with online) site placement."""
    report = geocode_table(table)
    if online:
        from utils.geocode_online import place_sites  # geopy is only needed online

        report.extend(place_sites(table, locator=locator))
    return report


def print_report(report: GeocodeReport, table: Table, written: bool) -> None:
    """What was placed, what could not be, then a one-line summary."""
    for placement in sorted(report.placements, key=lambda placement: placement.row):
        print(placement.format())
    for problem in sorted(report.problems, key=lambda problem: problem.row):
        print(problem.format())
    placed = len({placement.row for placement in report.placements})
    unplaced = len({problem.row for problem in report.problems if problem.is_error})
    action = "fichier réécrit" if written else "fichier inchangé"
    print(f"{placed} ligne(s) placée(s), {unplaced} non placée(s) ; {action} : {table.path}")


def main(argv: list[str] | None = None, locator: SiteLocator | None = None) -> int:
    """Command line entry point; `locator` replaces the online geocoders (tests)."""
    args = parse_args(argv)
    path = args.file or deployments_path()
    try:
        table = read_table(path)
    except TableReadError as exc:
        print(f"{path}: erreur: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if missing := missing_columns(table):
        print(f"{table.path.name}: erreur: colonnes absentes : {', '.join(missing)}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(table.describe())
    report = run(table, args.online, locator)
    written = bool(report.placements) and not args.dry_run
    if written:
        try:
            write_table(table)
        except (OSError, UnicodeEncodeError) as exc:
            print(f"{table.path}: erreur: impossible d'écrire le fichier : {exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    print_report(report, table, written)
    return EXIT_UNPLACED if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
