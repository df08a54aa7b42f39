"""The canonical form of an editor's file, and what it took to get there.

Canonical: UTF-8 without BOM, commas, `\\n`, the schema's column order, no blank rows, no spaces around
cells. What spreadsheets do to the data is undone too, each time said: decimal commas in lat/lon,
French dates (27/11/2026), leading zeros dropped from codes (1 for 01). Nothing is ever dropped:
unknown columns move to the end, missing ones are added empty, cells beyond the header stay.
Used by `python -m utils.validate --fix` and by the Contribute page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from utils.gazetteer import normalise_department, normalise_insee
from utils.i18n import quote, tr
from utils.schema import columns as deployment_columns
from utils.tabular import DELIMITER_NAMES, ENCODING_NAMES, Table, TableReadError, read_table
from utils.validate import REFERENCE_NAMES, reference_schema

ENCODING = "utf-8"
DELIMITER = ","
NEWLINE = "\n"
ROWS_NAMED = 10  # rows listed in one change line
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# The command line speaks French (utils.tabular's names); the page also speaks English.
ENCODING_NAMES_EN = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
DELIMITER_NAMES_EN = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class Note:
    """One sentence for the editor, in French (as the command line prints it) and in English."""

    fr: str
    en: str

    def text(self, lang: str) -> str:
        return tr(lang, self.fr, self.en)


@dataclass
class Canonical:
    """The canonical table (keeping the editor's row numbers) and each change, as a Note."""

    table: Table
    notes: list[Note] = field(default_factory=list)

    @property
    def changes(self) -> list[str]:
        """Each change in French, as the command line prints it."""
        return [note.fr for note in self.notes]


def _zero_padded(width: int) -> Callable[[str], str]:
    return lambda cell: cell.zfill(width) if cell.isdigit() and len(cell) == width - 1 else cell


def _decimal_point(cell: str) -> str:
    return cell.replace(",", ".") if _DECIMAL_COMMA.fullmatch(cell) else cell


def _iso_date(cell: str) -> str:
    """`27/11/2026` -> `2026-11-27` when that day exists; anything else unchanged."""
    match = _FRENCH_DATE.fullmatch(cell)
    if not match:
        return cell
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return cell


_LEADING_ZERO = Note("zéro initial rétabli (supprimé par le tableur)",
                     "leading zero restored (dropped by the spreadsheet)")
_DECIMAL = Note("virgule décimale remplacée par un point", "decimal comma replaced by a point")
_DATE = Note("date à la française réécrite en AAAA-MM-JJ", "French date rewritten as YYYY-MM-DD")
# Column -> (repair, what it undoes). Applied to trimmed cells, only where the column exists.
REPAIRS: dict[str, tuple[Callable[[str], str], Note]] = {
    "department_code": (normalise_department, _LEADING_ZERO),
    "insee_code": (normalise_insee, _LEADING_ZERO),
    "region_code": (_zero_padded(2), _LEADING_ZERO),
    "lat": (_decimal_point, _DECIMAL),
    "lon": (_decimal_point, _DECIMAL),
    **{name: (_iso_date, _DATE) for name in ("start_date", "end_date", "last_verified")},
}


def columns_for(path: Path) -> list[str]:
    """The column order of a file: its reference schema (vendors.csv…) or the deployments schema."""
    schema = reference_schema(path.stem) if path.stem in REFERENCE_NAMES else None
    return [f["name"] for f in schema["fields"]] if schema else deployment_columns()


def canonicalize(table: Table, columns: list[str] | None = None) -> Canonical:
    """The canonical form of `table` (changed in place) and the list of what changed."""
    columns = columns or deployment_columns()
    notes = _format_changes(table)
    notes += _reorder(table, columns)
    notes += _trim(table) + _repair(table)
    table.encoding, table.delimiter, table.newline = ENCODING, DELIMITER, NEWLINE
    table.blank_rows = {}
    return Canonical(table, notes)


def canonical_text(table: Table) -> str:
    """The table as canonical CSV text (minimal quoting, `\\n`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator=NEWLINE)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _format_changes(table: Table) -> list[Note]:
    notes = []
    if table.encoding != ENCODING:
        notes.append(Note(f"encodage : {ENCODING_NAMES.get(table.encoding, table.encoding)} -> UTF-8",
                          f"encoding: {ENCODING_NAMES_EN.get(table.encoding, table.encoding)} -> UTF-8"))
    if table.delimiter != DELIMITER:
        notes.append(Note(f"séparateur : {DELIMITER_NAMES.get(table.delimiter)} -> virgule",
                          f"separator: {DELIMITER_NAMES_EN.get(table.delimiter)} -> comma"))
    if table.newline != NEWLINE:
        notes.append(Note("fins de ligne : Windows (CRLF) -> \\n", "line ends: Windows (CRLF) -> \\n"))
    unreadable = [number for number, cells in zip(_numbers(table), table.rows, strict=True)
                  if any("\ufffd" in cell for cell in cells)]
    if unreadable:  # decoding replaced them; the validator names the cells
        notes.append(_about_rows(("octets illisibles remplacés par « \ufffd »",
                                  "unreadable bytes replaced by “\ufffd”"), unreadable))
    if table.blank_rows:
        notes.append(_about_rows(("lignes vides retirées", "blank rows removed"), sorted(table.blank_rows)))
    return notes


def _reorder(table: Table, columns: list[str]) -> list[Note]:
    """Schema columns first, in order (missing ones added empty), then the others as they came."""
    first: dict[str, int] = {}
    for position, name in enumerate(table.header):
        first.setdefault(name, position)
    canonical = [first.get(name) for name in columns]
    placed = set(canonical)
    others = [position for position in range(len(table.header)) if position not in placed]
    notes = [Note(f"colonne ajoutée, vide : {name}", f"column added, empty: {name}")
             for name in columns if name not in first]
    notes += [_kept_column(table.header[position], position, first) for position in others]
    present = [position for position in canonical if position is not None] + others
    if present != sorted(present):
        notes.insert(0, Note("colonnes remises dans l'ordre du schéma",
                             "columns put back in the schema's order"))
    width = len(table.header)
    table.rows = [_reordered(cells, width, canonical + others) for cells in table.rows]
    table.header = columns + [table.header[position] for position in others]
    return notes


def _kept_column(name: str, position: int, first: dict[str, int]) -> Note:
    number = position + 1
    if first.get(name) != position:
        return Note(f"colonne en double conservée en fin de tableau : {name} (colonne {number})",
                    f"duplicated column kept at the end of the table: {name} (column {number})")
    return Note(f"colonne hors schéma conservée en fin de tableau : {name or f'sans nom (colonne {number})'}",
                f"column outside the schema kept at the end of the table: "
                f"{name or f'unnamed (column {number})'}")


def _reordered(cells: list[str], width: int, positions: list[int | None]) -> list[str]:
    padded = cells + [""] * (width - len(cells))
    return [padded[p] if p is not None else "" for p in positions] + cells[width:]


def _trim(table: Table) -> list[Note]:
    rows = []
    for number, cells in zip(_numbers(table), table.rows, strict=True):
        if any(cell != cell.strip() for cell in cells):
            rows.append(number)
            cells[:] = [cell.strip() for cell in cells]
    what = ("espaces en début ou fin de cellule retirés", "spaces at the start or end of cells removed")
    return [_about_rows(what, rows)] if rows else []


def _repair(table: Table) -> list[Note]:
    notes = []
    for name, (repair, what) in REPAIRS.items():
        if name not in table.header:
            continue
        position, repaired = table.header.index(name), {"fr": [], "en": []}
        for number, cells in zip(_numbers(table), table.rows, strict=True):
            if position < len(cells) and (fixed := repair(cells[position])) != cells[position]:
                for lang, found in repaired.items():
                    found.append(f"{number} {quote(lang, cells[position])} -> {quote(lang, fixed)}")
                cells[position] = fixed
        if repaired["fr"]:
            notes.append(Note(f"{name} : {what.fr} : {_rows(repaired['fr'], 'fr')}",
                              f"{name}: {what.en}: {_rows(repaired['en'], 'en')}"))
    return notes


def _numbers(table: Table) -> list[int]:
    return table.row_numbers or list(range(2, len(table.rows) + 2))


def _about_rows(what: tuple[str, str], rows: list) -> Note:
    """`what : ligne 3` / `what: row 3`, naming the rows."""
    return Note(f"{what[0]} : {_rows(rows, 'fr')}", f"{what[1]}: {_rows(rows, 'en')}")


def _rows(rows: list, lang: str = "fr") -> str:
    """`ligne 3` / `3 lignes : 4, 7, 9` (`row 3` / `3 rows: 4, 7, 9`) with at most ROWS_NAMED named."""
    if len(rows) == 1:
        return f"{tr(lang, 'ligne', 'row')} {rows[0]}"
    named = ", ".join(map(str, rows[:ROWS_NAMED])) + (", …" if len(rows) > ROWS_NAMED else "")
    return tr(lang, f"{len(rows)} lignes : {named}", f"{len(rows)} rows: {named}")


def fix_file(path: Path, output: Path | None = None) -> list[str]:
    """Write the canonical form of `path` to `output` (default: `path` itself); what changed, in French.

    A file already canonical is not rewritten in place (and is copied as it is to `output`).
    """
    canonical = canonicalize(read_table(path), columns_for(path))
    data = canonical_text(canonical.table).encode(ENCODING)
    unchanged = path.read_bytes() == data
    if output or not unchanged:
        (output or path).write_bytes(data)
    return [] if unchanged else canonical.changes or ["mise en forme CSV normalisée (guillemets)"]


def fix_files(paths: list[Path], output: Path | None = None) -> list[Path]:
    """`--fix` of the validator: rewrite each file, print what changed; the files to validate next."""
    fixed = []
    for path in paths:
        target = output or path
        try:
            changes = fix_file(path, output)
        except (TableReadError, OSError) as exc:
            print(f"{path.name}: erreur: --fix impossible : {exc}")
            fixed.append(path)  # the validator then says why it cannot be read
            continue
        print(f"{target.name}: forme canonique écrite" if changes else f"{path.name}: déjà canonique")
        print("".join(f"  - {change}\n" for change in changes), end="")
        fixed.append(target)
    return fixed
