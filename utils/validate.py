"""Check the atlas data files: `python -m utils.validate [FILE ...] [--today AAAA-MM-JJ]`.

Without FILE: the deployments ($ATLAS_DATA or data/deployments.csv) and the reference files
data/technologies.csv, vendors.csv and events.csv that exist. A file named like a reference file
is checked against data/<name>.schema.json, any other file as deployments.
With --fix [--output OUT], each file is first rewritten in its canonical form (utils.canonical),
saying what changed, and the result is checked.

Prints how each file was read, one line per problem, then `N lignes, E erreurs, W avertissements`.
Exit status: 0 with warnings only, 1 on any error, 2 when a file cannot be read at all.

The reference files are small but edited the same way as the deployments (Excel, LibreOffice),
so they go through the same schema-driven checks rather than frictionless: same encodings and
separators, same French messages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.checks import Sheet, check_extra_cells, check_header, check_unclosed_quotes
from utils.checks_content import (
    check_calendar_dates,
    check_cell_text,
    check_date_order,
    check_formulas,
    check_multi_value_format,
    check_not_future,
    check_sources,
    check_suspected_duplicates,
    check_technologies,
    check_vendors,
    free_text_columns,
)
from utils.checks_geo import POINT, check_geography
from utils.checks_schema import check_schema, primary_key
from utils.gazetteer import load_gazetteer
from utils.paths import DATA_DIR, TECHNOLOGIES_CSV, VENDORS_CSV, deployments_path
from utils.problems import WARNING, Problem
from utils.schema import MULTI_VALUE_COLUMNS, enum, load_schema
from utils.tabular import Table, TableReadError, read_table

REFERENCE_NAMES = ("technologies", "vendors", "events")
# Columns whose schema pattern gives way to a per-value check naming the bad value.
DEDICATED_COLUMNS = ("technology", "sources")
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


@dataclass
class Report:
    """The outcome for one file."""

    file: str
    read_note: str = ""
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    @property
    def errors(self) -> int:
        return sum(problem.is_error for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass(frozen=True)
class References:
    """Values the deployments must use, from the reference files (None: file absent, rule skipped)."""

    technology_codes: frozenset[str] | None = None
    vendor_names: frozenset[str] | None = None

    @classmethod
    def load(cls) -> References:
        """From data/technologies.csv and data/vendors.csv."""
        return cls(reference_codes(TECHNOLOGIES_CSV), reference_codes(VENDORS_CSV))


def validate_deployments(
    table: Table,
    frame: pd.DataFrame | None = None,
    today: dt.date | None = None,
    references: References | None = None,
    sheet: Sheet | None = None,
) -> list[Problem]:
    """Every rule for a deployments table, sorted by row then column (`sheet`: its cells, if already read)."""
    sheet = sheet or Sheet.from_table(table, frame=frame)
    schema = load_schema()
    problems = check_header(sheet, [f["name"] for f in schema["fields"]])
    problems += check_unclosed_quotes(sheet, table.unclosed_quote_rows)
    if not sheet.frame.empty:
        problems += _row_problems(sheet, schema, today or dt.date.today(), references or References.load())
    return sort_problems(problems, schema)


def _row_problems(sheet: Sheet, schema: dict, today: dt.date, references: References) -> list[Problem]:
    problems = check_extra_cells(sheet) + check_schema(sheet, schema, dedicated=DEDICATED_COLUMNS)
    problems += check_cell_text(sheet) + check_formulas(sheet, free_text_columns(schema))
    for column in MULTI_VALUE_COLUMNS:
        problems += check_multi_value_format(sheet, column)
    problems += check_technologies(sheet, enum("technology"), references.technology_codes)
    problems += check_vendors(sheet, references.vendor_names)
    problems += check_sources(sheet) + check_calendar_dates(sheet) + check_date_order(sheet)
    problems += check_not_future(sheet, today)
    problems += check_geography(sheet, load_gazetteer())
    return problems + check_suspected_duplicates(sheet)


def validate_reference(table: Table, schema: dict) -> list[Problem]:
    """The Table Schema rules for a small reference file (technologies, vendors, events)."""
    sheet = Sheet.from_table(table, id_column=(primary_key(schema) or [""])[0])
    problems = check_header(sheet, [f["name"] for f in schema["fields"]])
    problems += check_unclosed_quotes(sheet, table.unclosed_quote_rows)
    if not sheet.frame.empty:
        problems += check_extra_cells(sheet) + check_schema(sheet, schema) + check_cell_text(sheet)
    return sort_problems(problems, schema)


def sort_problems(problems: list[Problem], schema: dict) -> list[Problem]:
    """By row, then in the schema's column order (the point sits with lat)."""
    order = {f["name"]: position for position, f in enumerate(schema["fields"])}
    order[POINT] = order.get("lat", len(order))
    return sorted(problems, key=lambda problem: (problem.row, order.get(problem.column, -1)))


def reference_codes(path: Path) -> frozenset[str] | None:
    """Primary-key values of a reference file (e.g. technology codes); None if it is absent or unreadable."""
    try:
        sheet = Sheet.from_table(read_table(path))
    except TableReadError:
        return None
    key = primary_key(reference_schema(path.stem) or {}) or ["code"]
    return frozenset(sheet.column(key[0])) - {""}


def reference_schema(name: str) -> dict | None:
    """data/<name>.schema.json as a dict, None if it does not exist."""
    path = DATA_DIR / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def validate_file(path: Path, today: dt.date | None = None) -> Report:
    """Read and check one file, as deployments or as the reference file its name says."""
    try:
        table = read_table(path)
    except TableReadError as exc:
        return Report(path.name, problems=[Problem(path.name, 0, "", "", str(exc))], readable=False)
    if path.stem not in REFERENCE_NAMES:
        problems = validate_deployments(table, today=today)
    elif (schema := reference_schema(path.stem)) is not None:
        problems = validate_reference(table, schema)
    else:
        problems = [Problem(path.name, 0, "", "", f"attendu data/{path.stem}.schema.json pour vérifier ce "
                                                  "fichier; trouvé aucun schéma", WARNING)]
    return Report(path.name, table.describe(), len(table.rows), problems)


def default_files() -> list[Path]:
    """The deployments, then the reference files that exist."""
    references = [DATA_DIR / f"{name}.csv" for name in REFERENCE_NAMES]
    return [deployments_path(), *(path for path in references if path.exists())]


def summary(reports: list[Report]) -> str:
    """`N lignes, E erreurs, W avertissements` over all files."""
    rows = sum(report.rows for report in reports)
    errors = sum(report.errors for report in reports)
    warnings = sum(report.warnings for report in reports)
    return f"{_count(rows, 'ligne')}, {_count(errors, 'erreur')}, {_count(warnings, 'avertissement')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def exit_status(reports: list[Report]) -> int:
    if not all(report.readable for report in reports):
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(report.errors for report in reports) else EXIT_OK


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m utils.validate", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="CSV (défaut : déploiements et référentiels)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=today,
                        help="date du jour pour les dates futures (AAAA-MM-JJ)")
    parser.add_argument("--fix", action="store_true",
                        help="réécrire d'abord chaque fichier sous sa forme canonique (UTF-8, virgules, "
                             "ordre des colonnes, espaces, dates et nombres à la française), "
                             "puis le vérifier")
    parser.add_argument("--output", type=Path, help="avec --fix et un seul FILE : écrire ici, pas sur FILE")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if args.output and not (args.fix and len(files) == 1):
        parser.error("--output s'utilise avec --fix et un seul FILE")
    if args.fix:
        from utils.canonical import fix_files  # imports this module

        files = fix_files(files, args.output)
    reports = [validate_file(path, args.today) for path in files]
    for report in reports:
        if report.read_note:
            print(report.read_note)
        for problem in report.problems:
            print(problem.format())
    print(summary(reports))
    return exit_status(reports)


if __name__ == "__main__":
    sys.exit(main())
