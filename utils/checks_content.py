"""Deployment rules a Table Schema cannot express: value lists, sources, dates, duplicates, cell text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

import pandas as pd

from utils.checks import EXTRA_COLUMN, Sheet, quote, values_of, words
from utils.problems import ERROR, WARNING, Problem
from utils.schema import MULTI_SEPARATOR, split_multi

# An http(s) link with a dotted host name: no other scheme (javascript:, data:, ftp:…), no spaces,
# and none of the characters that are never raw in a URL and could break out of HTML.
HOST_LABEL = r"[^\s/?#:@\"'<>\\^`{}|.]+"
HTTP_URL = rf"https?://{HOST_LABEL}(\.{HOST_LABEL})+(:\d{{1,5}})?([/?#][^\s\"<>\\^`{{}}|]*)?"
PARTIAL_DATE = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
# An empty value (leading, trailing or doubled separator) or a space next to a separator.
BADLY_SEPARATED = r"^\||\|$|\|\||\s\||\|\s"
DATE_COLUMNS = ("start_date", "end_date", "last_verified")
MAX_CELL_LENGTH = 5000
# What no cell should hold: C0/C1 controls but tab and line breaks, bidirectional overrides and isolates
# (they reorder what a reader sees), and U+FFFD, left by tabular.decode where a byte was undecodable.
UNWANTED_CHARACTER = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffd]"
# Text a spreadsheet runs as a formula (OWASP "CSV injection"); plain numbers are left, as utils.exports does.
FORMULA = r"(?![+-]?\d+(\.\d+)?\Z)[=+\-@]"


def check_multi_value_format(sheet: Sheet, column: str) -> list[Problem]:
    """Multi-valued cells: values separated by a bare "|", none empty, no space around it."""
    badly_separated = sheet.column(column).str.contains(BADLY_SEPARATED)
    expected = f"des valeurs séparées par « {MULTI_SEPARATOR} », sans espace autour ni valeur vide"
    return sheet.flag(badly_separated, column, expected)


def check_vocabulary(
    sheet: Sheet, column: str, allowed: Collection[str], expected: str, severity: str = ERROR
) -> list[Problem]:
    """Each value of a multi-valued cell is in `allowed`; one problem per unknown value."""
    values = values_of(sheet.column(column), MULTI_SEPARATOR)
    unknown = values[(values != "") & ~values.isin(list(allowed))]
    return sheet.flag_each(unknown, column, expected, severity)


def check_vendors(sheet: Sheet, names: Collection[str] | None) -> list[Problem]:
    """Warn about a vendor missing from vendors.csv (misspelt, or a profile still to write)."""
    if names is None:
        return []
    return check_vocabulary(sheet, "vendor", names, "un nom de fournisseur de vendors.csv", WARNING)


def check_technologies(
    sheet: Sheet, schema_codes: Collection[str], file_codes: Collection[str] | None = None
) -> list[Problem]:
    """Technology codes come from the schema's list and, when the file exists, from technologies.csv."""
    expected = f"une technologie parmi {words(schema_codes)}"
    problems = check_vocabulary(sheet, "technology", schema_codes, expected)
    if file_codes is not None:
        undefined = [code for code in schema_codes if code not in set(file_codes)]
        values = values_of(sheet.column("technology"), MULTI_SEPARATOR)
        problems += sheet.flag_each(values[values.isin(undefined)], "technology",
                                    "un code défini dans technologies.csv")
    return problems


def check_sources(sheet: Sheet, column: str = "sources") -> list[Problem]:
    """Every source is an http(s) URL (exemple : https://technopolice.fr/nimes/)."""
    values = values_of(sheet.column(column), MULTI_SEPARATOR)
    bad = values[(values != "") & ~values.str.fullmatch(HTTP_URL)]
    return sheet.flag_each(bad, column, "une URL http(s) (exemple : https://technopolice.fr/nimes/)")


def check_calendar_dates(sheet: Sheet) -> list[Problem]:
    """Full dates exist in the calendar (the pattern lets 2019-02-30 through)."""
    problems = []
    for column in DATE_COLUMNS:
        cells = sheet.column(column)
        full = cells.where(cells.str.fullmatch(PARTIAL_DATE) & (cells.str.len() == 10), None)
        unreal = full.notna() & pd.to_datetime(full, format="%Y-%m-%d", errors="coerce").isna()
        problems += sheet.flag(unreal, column, "une date qui existe dans le calendrier")
    return problems


def check_date_order(sheet: Sheet) -> list[Problem]:
    """start_date ≤ end_date, a partial date being compared at the precision of the coarser one."""
    start, end = sheet.column("start_date"), sheet.column("end_date")
    valid = start.str.fullmatch(PARTIAL_DATE) & end.str.fullmatch(PARTIAL_DATE)
    after = pd.Series([_after(s, e) for s, e in zip(start, end, strict=True)], index=start.index, dtype=bool)
    expected = start.map(lambda day: f"une date de fin égale ou postérieure au début ({day})")
    return sheet.flag(valid & after, "end_date", expected)


def _after(start: str, end: str) -> bool:
    common = min(len(start), len(end))
    return start[:common] > end[:common]


def check_not_future(sheet: Sheet, today: dt.date) -> list[Problem]:
    """No date after today; a partial date is in the future only if its whole year or month is."""
    today_text = today.isoformat()
    problems = []
    for column in DATE_COLUMNS:
        cells = sheet.column(column)
        valid = cells.str.fullmatch(PARTIAL_DATE)
        limit = cells.str.len().map(lambda length: today_text[:length])
        expected = f"une date passée ou d'aujourd'hui ({today_text})"
        problems += sheet.flag(valid & (cells > limit), column, expected)
    return problems


def check_suspected_duplicates(sheet: Sheet) -> list[Problem]:
    """Warn when rows share commune, vendor and technology, naming the first such row."""
    commune = sheet.column("commune")
    key = (sheet.column("department_code") + "/" + commune.str.casefold() + "/"
           + _sorted_values(sheet.column("vendor")) + "/" + _sorted_values(sheet.column("technology")))
    repeated = (commune != "") & key.duplicated(keep="first")
    first_row = pd.Series(key.index, index=key.index).groupby(key).transform("first")[repeated]
    found = first_row.map(lambda row: f"la même combinaison qu'à la ligne {row} [{sheet.row_id(row)}] "
                                      "(doublon ?)")
    return sheet.flag(repeated, "", "une seule ligne par commune, fournisseur et technologie", found, WARNING)


def _sorted_values(cells: pd.Series) -> pd.Series:
    return cells.map(lambda cell: MULTI_SEPARATOR.join(sorted(v.casefold() for v in split_multi(cell))))


def check_cell_text(sheet: Sheet) -> list[Problem]:
    """Every cell: at most MAX_CELL_LENGTH characters, no control or invisible reordering character."""
    problems = []
    for column in sheet.frame.columns.drop(EXTRA_COLUMN, errors="ignore"):
        cells = sheet.column(column)
        problems += sheet.flag(cells.str.len() > MAX_CELL_LENGTH, column, f"au plus {MAX_CELL_LENGTH} "
                               "caractères", lambda cell: f"{len(cell)} caractères")
        problems += sheet.flag(cells.str.contains(UNWANTED_CHARACTER), column,
                               "du texte sans caractère de contrôle ni caractère invisible",
                               _unwanted_character)
    return problems


def _unwanted_character(cell: str) -> str:
    match = re.search(UNWANTED_CHARACTER, cell)
    code = ord(match.group())
    if code == 0xFFFD:
        what = "un octet illisible en UTF-8 comme en Windows-1252 (remplacé par U+FFFD)"
    elif code >= 0x202A:
        what = f"le caractère de direction du texte U+{code:04X}, qui réordonne l'affichage,"
    else:
        what = f"le caractère de contrôle U+{code:04X}"
    return f"{what} en position {match.start() + 1}"


def check_formulas(sheet: Sheet, columns: Collection[str]) -> list[Problem]:
    """Warn about free text that a spreadsheet would run as a formula (=, +, - or @ first, not a number)."""
    problems = []
    for column in columns:
        formula = sheet.column(column).str.match(FORMULA)
        problems += sheet.flag(formula, column, "un texte qui ne commence pas par =, +, - ou @",
                               lambda cell: f"{quote(cell)}, qu'un tableur exécuterait comme une formule "
                                            "(les exports CSV le neutralisent par une apostrophe)", WARNING)
    return problems


def free_text_columns(schema: dict) -> list[str]:
    """The text columns with no vocabulary nor pattern (names, places, descriptions…)."""
    return [f["name"] for f in schema["fields"] if f.get("type", "string") == "string"
            and not {"enum", "pattern"} & f.get("constraints", {}).keys()]
