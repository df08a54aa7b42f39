"""The sheet under validation, the wording of problems, and the header and row-shape rules.

Every rule is a function `check_…(sheet, …) -> list[Problem]` that works on whole columns with
pandas (a 50 000-row file must validate in well under a second) and only loops over the rows it
reports. Messages follow one pattern: `attendu <what was expected>; trouvé <what was found>`.
The cell rules live in checks_schema (what the Table Schema says), checks_content and checks_geo.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from utils.problems import ERROR, Problem
from utils.tabular import Table

EXTRA_COLUMN = "__extra__"  # where Table.to_frame puts the cells beyond the header
HEADER_ROW = 1
MAX_QUOTED = 80  # longer cells are shortened in messages


def quote(value: object) -> str:
    """`« value »` for a message, shortened if long; 'une cellule vide' for ''."""
    text = str(value)
    if not text:
        return "une cellule vide"
    if len(text) > MAX_QUOTED:
        text = text[: MAX_QUOTED - 1] + "…"
    return f"« {text} »"


def expected_found(expected: str, found: str) -> str:
    """The one wording of every problem."""
    return f"attendu {expected}; trouvé {found}"


def words(values: Iterable[str]) -> str:
    """`a, b, c` for a list of allowed values."""
    return ", ".join(values)


@dataclass
class Sheet:
    """The cells of one file (stripped text, indexed by spreadsheet row) and how to point at a row."""

    file: str
    frame: pd.DataFrame
    header: list[str]
    id_column: str = "id"

    def __post_init__(self):
        self._ids = dict(zip(self.frame.index, self.column(self.id_column), strict=True))

    @classmethod
    def from_table(cls, table: Table, id_column: str = "id", frame: pd.DataFrame | None = None) -> Sheet:
        """Build from a read table (or its to_frame()); duplicated columns keep their first occurrence."""
        frame = table.to_frame() if frame is None else frame
        frame = frame.loc[:, ~frame.columns.duplicated()]
        # Column by column, so that a large file is converted without a second whole copy at once.
        stripped = {name: frame[name].fillna("").astype(str).str.strip() for name in frame.columns}
        return cls(table.path.name, pd.DataFrame(stripped, index=frame.index), list(table.header), id_column)

    def has(self, name: str) -> bool:
        return name in self.frame.columns and name != EXTRA_COLUMN

    def column(self, name: str) -> pd.Series:
        """The cells of a column; all '' when the header lacks it (reported once by check_header)."""
        if self.has(name):
            return self.frame[name]
        return pd.Series("", index=self.frame.index, dtype=str)

    def row_id(self, row: int) -> str:
        """The id cell of a spreadsheet row ('' if none)."""
        return self._ids.get(row, "")

    def flag(
        self, mask: pd.Series, column: str, expected, found=None, severity: str = ERROR
    ) -> list[Problem]:
        """One problem per row where mask is true.

        `expected` and `found` are a text or a Series of texts by row; `found` may also be a
        function of the cell, and defaults to the quoted cell of `column`.
        """
        rows = mask.index[mask.fillna(False).to_numpy(bool)]
        if found is None or callable(found):
            found = self.column(column).loc[rows].map(found or quote)
        cells = zip(rows.tolist(), _texts(expected, rows), _texts(found, rows), strict=True)
        return [self.problem(row, column, wanted, seen, severity) for row, wanted, seen in cells]

    def flag_each(
        self, values: pd.Series, column: str, expected: str, severity: str = ERROR
    ) -> list[Problem]:
        """One problem per bad value of multi-valued cells; `values` is indexed by row (repeats allowed)."""
        return [self.problem(row, column, expected, quote(value), severity) for row, value in values.items()]

    def problem(self, row: int, column: str, expected: str, found: str, severity: str = ERROR) -> Problem:
        message = expected_found(expected, found)
        return Problem(self.file, int(row), self.row_id(row), column, message, severity)


def values_of(cells: pd.Series, separator: str = "|") -> pd.Series:
    """The separate values of multi-valued cells (stripped), indexed by row; empty cells give none."""
    cells = cells[cells != ""]
    return cells.str.split(separator, regex=False).explode().astype(str).str.strip()


def _texts(value, rows: pd.Index) -> list[str]:
    """A text, or a Series of texts by row, as one text per row of `rows`."""
    return value.loc[rows].tolist() if isinstance(value, pd.Series) else [value] * len(rows)


def check_header(sheet: Sheet, expected_columns: list[str]) -> list[Problem]:
    """Missing, unknown, unnamed and duplicated columns, each named, on row 1."""
    problems = []
    for name in expected_columns:
        if name not in sheet.header:
            problems.append(_header_problem(sheet, name, f"une colonne « {name} »", "aucune"))
    seen: dict[str, int] = {}
    for position, name in enumerate(sheet.header, start=1):
        if name in seen:
            problems.append(_header_problem(sheet, name, "une seule colonne de ce nom",
                                            f"une deuxième en colonne {position} (première : {seen[name]})"))
            continue
        seen[name] = position
        if name not in expected_columns:
            found = quote(name) if name else f"une colonne sans nom en position {position}"
            problems.append(_header_problem(sheet, name, _known_column(name, expected_columns), found))
    return problems


def _known_column(name: str, expected_columns: list[str]) -> str:
    """`une colonne du schéma`, with the closest name when it looks like a typo."""
    close = difflib.get_close_matches(name, expected_columns, n=1, cutoff=0.6)
    return "une colonne du schéma" + (f" (« {close[0]} » ?)" if close else "")


def _header_problem(sheet: Sheet, column: str, expected: str, found: str) -> Problem:
    return Problem(sheet.file, HEADER_ROW, "", column, "en-tête : " + expected_found(expected, found))


def check_extra_cells(sheet: Sheet) -> list[Problem]:
    """Rows with more cells than the header (often an unquoted separator inside a text)."""
    if EXTRA_COLUMN not in sheet.frame.columns:
        return []
    extra = sheet.frame[EXTRA_COLUMN]
    expected = f"au plus {len(sheet.header)} cellules, comme l'en-tête"
    found = extra.map(lambda cells: f"des cellules en trop : {quote(cells)} "
                                    "(un séparateur hors guillemets dans un texte ?)")
    return sheet.flag(extra != "", "", expected, found)


def check_unclosed_quotes(sheet: Sheet, rows: list[int]) -> list[Problem]:
    """Rows where a quote opened a cell and was never closed (tabular read them as their first line alone)."""
    expected = "un guillemet « \" » refermé dans la même cellule"
    found = "un guillemet ouvert jamais refermé (ligne lue seule, les suivantes sont intactes)"
    return [sheet.problem(row, _last_filled(sheet, row), expected, found) for row in rows
            if row in sheet.frame.index]


def _last_filled(sheet: Sheet, row: int) -> str:
    # The open quote swallowed the rest of its line: the cell it opened is the last one filled.
    cells = sheet.frame.loc[row].drop(EXTRA_COLUMN, errors="ignore")
    filled = cells[cells != ""]
    return str(filled.index[-1]) if len(filled) else ""
