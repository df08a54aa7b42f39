"""What a Frictionless Table Schema says about the cells, checked column by column.

Driven entirely by the schema dict (required, enum, pattern, type, bounds, unique, primaryKey),
so the same functions validate deployments.csv and the small reference files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from utils.checks import Sheet, quote, words
from utils.problems import Problem

# Table Schema lexical forms (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
INTEGER = r"[+-]?\d+"
YEAR = r"\d{4}"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
DECIMAL_COMMA = r"[+-]?\d+,\d+"
FRENCH_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


def constraints(field: dict) -> dict:
    return field.get("constraints", {})


def primary_key(schema: dict) -> list[str]:
    key = schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def filled(sheet: Sheet, field: dict, schema: dict) -> pd.Series:
    """Cells that hold a value (not one of the schema's missingValues)."""
    missing = set(schema.get("missingValues", [""])) | {""}
    return ~sheet.column(field["name"]).isin(missing)


def check_required(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """Required and primary-key columns have a value in every row."""
    if not (constraints(field).get("required") or field["name"] in primary_key(schema)):
        return []
    return sheet.flag(~filled(sheet, field, schema), field["name"], "une valeur (colonne obligatoire)")


def check_enum(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """Values of an enumerated column come from its list."""
    allowed = constraints(field).get("enum")
    if not allowed:
        return []
    cells = sheet.column(field["name"])
    bad = filled(sheet, field, schema) & ~cells.isin([str(value) for value in allowed])
    return sheet.flag(bad, field["name"], f"une valeur parmi {words(map(str, allowed))}")


def check_pattern(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """Values match the column's regular expression (whole cell)."""
    pattern = constraints(field).get("pattern")
    if not pattern:
        return []
    cells = sheet.column(field["name"])
    bad = filled(sheet, field, schema) & ~cells.str.fullmatch(pattern)
    example = f" (exemple : {quote(field['example'])})" if "example" in field else ""
    return sheet.flag(bad, field["name"], f"une valeur conforme au motif {pattern}{example}")


def check_type(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """number, integer, year, boolean and date cells are written the Table Schema way."""
    kind = field.get("type", "string")
    cells = sheet.column(field["name"])
    if kind == "date":
        bad, expected, found = _bad_dates(cells)
    elif kind == "boolean":
        allowed = [*field.get("trueValues", TRUE_VALUES), *field.get("falseValues", FALSE_VALUES)]
        bad, expected, found = ~cells.isin(allowed), f"une valeur parmi {words(allowed)}", None
    elif kind in LEXICAL_FORMS:
        lexical, expected = LEXICAL_FORMS[kind]
        bad, found = ~cells.str.fullmatch(lexical), _with_comma_hint
    else:
        return []
    return sheet.flag(filled(sheet, field, schema) & bad, field["name"], expected, found)


LEXICAL_FORMS = {
    "number": (NUMBER, "un nombre avec un point décimal (exemple : 43.8446)"),
    "integer": (INTEGER, "un nombre entier"),
    "year": (YEAR, "une année sur 4 chiffres"),
}


def _with_comma_hint(cell: str) -> str:
    return quote(cell) + (" (virgule décimale)" if re.fullmatch(DECIMAL_COMMA, cell) else "")


def _with_french_date_hint(cell: str) -> str:
    return quote(cell) + (" (date à la française)" if re.fullmatch(FRENCH_DATE, cell) else "")


def _bad_dates(cells: pd.Series) -> tuple[pd.Series, str, Callable[[str], str]]:
    iso = cells.where(cells.str.fullmatch(ISO_DATE), None)
    bad = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").isna()
    return bad, "une date réelle au format AAAA-MM-JJ (exemple : 2026-11-27)", _with_french_date_hint


def check_bounds(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """minimum / maximum of numbers, minLength / maxLength of texts."""
    rules = constraints(field)
    if not rules.keys() & {"minimum", "maximum", "minLength", "maxLength"}:
        return []
    cells = sheet.column(field["name"])
    numbers = pd.to_numeric(cells.where(cells.str.fullmatch(NUMBER), None), errors="coerce")
    lengths = cells.str.len().where(filled(sheet, field, schema))
    limits = [
        ("minimum", numbers < rules.get("minimum"), f"un nombre supérieur ou égal à {rules.get('minimum')}"),
        ("maximum", numbers > rules.get("maximum"), f"un nombre inférieur ou égal à {rules.get('maximum')}"),
        ("minLength", lengths < rules.get("minLength"), f"au moins {rules.get('minLength')} caractères"),
        ("maxLength", lengths > rules.get("maxLength"), f"au plus {rules.get('maxLength')} caractères"),
    ]
    problems = []
    for name, bad, expected in limits:
        if name in rules:
            problems += sheet.flag(bad, field["name"], expected)
    return problems


def check_unique(sheet: Sheet, field: dict, schema: dict) -> list[Problem]:
    """Unique and single-column primary-key values appear once; repeats name the first row."""
    if not (constraints(field).get("unique") or primary_key(schema) == [field["name"]]):
        return []
    cells = sheet.column(field["name"])
    repeated = filled(sheet, field, schema) & cells.duplicated(keep="first")
    first_row = pd.Series(cells.index, index=cells.index).groupby(cells).transform("first")
    found = cells[repeated].map(quote) + ", déjà à la ligne " + first_row[repeated].astype(str)
    return sheet.flag(repeated, field["name"], "une valeur unique dans la colonne", found)


FIELD_CHECKS = (check_required, check_enum, check_pattern, check_type, check_bounds, check_unique)


def check_schema(sheet: Sheet, schema: dict, dedicated: tuple[str, ...] = ()) -> list[Problem]:
    """Every field rule for every column of the sheet that the schema describes.

    `dedicated` names columns whose pattern is replaced by a stricter per-value check that
    names the bad value (the raw regular expression would not help an editor).
    """
    problems = []
    for field in schema["fields"]:
        if not sheet.has(field["name"]):
            continue  # reported once by check_header
        for check in FIELD_CHECKS:
            if not (check is check_pattern and field["name"] in dedicated):
                problems += check(sheet, field, schema)
    return problems

