"""One problem found in an editor's file, worded the same way everywhere it is shown."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A problem in one cell, row or file.

    `row` is the spreadsheet row number (the header is row 1, as in Excel and LibreOffice);
    0 means the problem concerns the whole file.
    """

    file: str
    row: int
    row_id: str
    column: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """`file:row [id] column: message` — one line, as the command line prints it."""
        where = f"{self.file}:{self.row}" if self.row else self.file
        parts = [where]
        if self.row_id:
            parts.append(f"[{self.row_id}]")
        if self.column:
            parts.append(self.column)
        label = "erreur" if self.is_error else "avertissement"
        return f"{' '.join(parts)}: {label}: {self.message}"
