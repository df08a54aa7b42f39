"""Reading and writing CSV files the way editors really produce them.

French Excel writes `;`-separated Windows-1252 files, LibreOffice often UTF-8 with `;` or `,`,
and some tools add a byte-order mark. We detect all of this, keep every raw cell as text
(codes such as `01` or `2A` must never become numbers) and remember how the file was written
so that a tool can write it back the same way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ENCODINGS = ("utf-8-sig", "utf-8", "cp1252")
DELIMITERS = (",", ";", "\t")
ENCODING_NAMES = {"utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
DELIMITER_NAMES = {",": "virgule", ";": "point-virgule", "\t": "tabulation"}
# Spreadsheet row number of the first data row: the header is row 1.
FIRST_DATA_ROW = 2


class TableReadError(Exception):
    """The file cannot be read as a table at all (missing, empty, binary, not text)."""


@dataclass
class Table:
    """A CSV file as raw text cells, with the way it was written."""

    path: Path
    header: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    delimiter: str = ","
    newline: str = "\n"
    # Spreadsheet row number of each record (differs from line numbers when a cell spans lines).
    row_numbers: list[int] = field(default_factory=list)
    # Blank spreadsheet rows (e.g. `;;;;` from Excel), by row number, so writing back keeps them.
    blank_rows: dict[int, list[str]] = field(default_factory=dict)
    # Rows whose quote was never closed: read as their first line alone, so the rows after stay intact.
    unclosed_quote_rows: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """How the file was read, in words an editor understands."""
        return (
            f"{self.path.name} lu en {ENCODING_NAMES.get(self.encoding, self.encoding)}, "
            f"séparateur {DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}, "
            f"{len(self.rows)} lignes de données"
        )

    def to_frame(self) -> pd.DataFrame:
        """All cells as strings (missing cells as ''), indexed by spreadsheet row number.

        Extra cells beyond the header are not lost: they are joined into `__extra__` so a
        validator can report them.
        """
        width = len(self.header)
        records = []
        for cells in self.rows:
            padded = list(cells[:width]) + [""] * max(0, width - len(cells))
            extra = cells[width:]
            records.append(padded + [" | ".join(extra) if extra else ""])
        frame = pd.DataFrame(records, columns=[*self.header, "__extra__"], dtype=object)
        frame.index = pd.Index(self.row_numbers or _default_row_numbers(len(self.rows)), name="row")
        return frame


def _default_row_numbers(count: int) -> list[int]:
    return list(range(FIRST_DATA_ROW, FIRST_DATA_ROW + count))


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), else Windows-1252.

    Bytes valid in neither become U+FFFD, in whichever of the two leaves fewer of them: the validator
    then names the rows they are in, and a stray byte does not make the whole file unreadable.
    """
    if b"\x00" in data[:4096]:
        raise TableReadError("le fichier contient des octets nuls : ce n'est pas un fichier CSV texte")
    for encoding in ENCODINGS:
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            continue
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    candidates = ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", "cp1252")
    encoding = min(candidates, key=lambda name: data.decode(name, errors="replace").count("\ufffd"))
    return data.decode(encoding, errors="replace"), encoding


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_text(text: str, path: Path | str = "<texte>", encoding: str = "utf-8") -> Table:
    """Parse CSV text into a Table, detecting the delimiter and line endings."""
    return parse_lines(_Lines(text), path, encoding)


def parse_lines(lines: _Lines, path: Path | str, encoding: str) -> Table:
    """Parse the physical lines of a CSV text (see `parse_text`)."""
    first_line = lines.lines[0].rstrip("\n") if lines.end else ""
    if not first_line.strip():
        raise TableReadError("le fichier est vide ou sa première ligne (les en-têtes) est vide")
    delimiter = sniff_delimiter(first_line)
    newline = "\r\n" if first_line.endswith("\r") else "\n"
    header = [name.strip() for name in _single_line(next(lines), delimiter)[0]]
    rows, numbers, blanks, unclosed = [], [], {}, []
    for number, (cells, cut) in enumerate(_records(lines, delimiter, len(header)), start=FIRST_DATA_ROW):
        if not any(cell.strip() for cell in cells):
            blanks[number] = cells  # carries no data, but keeps its number and is written back
            continue
        rows.append(cells)
        numbers.append(number)
        if cut:
            unclosed.append(number)
    return Table(Path(path), header, rows, encoding, delimiter, newline, numbers, blanks, unclosed)


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


class _Lines:
    """The physical lines of a text, fed to csv.reader through a cursor that can be moved back.

    They end with a sentinel line that only a quote left open on the last line can read.
    """

    END = "\x00fin du fichier\x00\n"

    def __init__(self, text: str):
        # Split as csv expects (\r\n, \r or \n, kept at the end of each line). io.StringIO would do the
        # same, but copies the whole text at four bytes per character first.
        self.lines = [*_PHYSICAL_LINE.findall(text), self.END]
        self.end = len(self.lines) - 1  # the position of the sentinel
        self.position = 0
        self.released = 0

    def release(self, position: int) -> None:
        """Let go of the lines before `position`: read for good, they would only hold memory."""
        for index in range(self.released, position):
            self.lines[index] = ""
        self.released = max(self.released, position)

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def _records(lines: _Lines, delimiter: str, width: int) -> Iterator[tuple[list[str], bool]]:
    """(cells, cut) per record. A quote opened and never closed would swallow the next lines, or overflow
    csv's field limit: such a record is cut back to its first line and reading resumes on the next."""
    reader = csv.reader(lines, delimiter=delimiter)
    while lines.position < lines.end:
        start = lines.position
        try:
            cells = next(reader)
        except csv.Error:
            cells = None
        cut = cells is None or _swallowed(lines, start, cells, delimiter, width)
        if cut:
            lines.position = start + 1
            cells, cut = _single_line(lines.lines[start], delimiter)
        lines.release(lines.position)
        yield cells, cut


def _swallowed(lines: _Lines, start: int, cells: list[str], delimiter: str, width: int) -> bool:
    """Whether a record read across lines took in other rows: it has the wrong number of cells, reaches
    the end of the file, or holds a whole line with a row's worth of delimiters."""
    if lines.position - start < 2:
        return False
    inner = lines.lines[start + 1: lines.position - 1]
    return (len(cells) != width or lines.position > lines.end
            or any(line.count(delimiter) >= max(width - 1, 1) for line in inner))


def _single_line(line: str, delimiter: str) -> tuple[list[str], bool]:
    """The cells of one line read alone, and whether csv could read it (else it is cut at each delimiter)."""
    line = line.rstrip("\r\n")
    try:
        return next(csv.reader([line], delimiter=delimiter), []), True
    except csv.Error:  # a cell over csv's field limit: the row is reported for its length
        return line.split(delimiter), False


def read_table(path: Path | str) -> Table:
    """Read a CSV file as editors produce it. Raises TableReadError if it cannot be read."""
    path = Path(path)
    try:
        text, encoding = decode(path.read_bytes())
    except OSError as exc:
        raise TableReadError(f"impossible de lire {path}: {exc.strerror or exc}") from exc
    # The text is let go once split into lines: a large file is then held once, not twice.
    lines = _Lines(text)
    del text
    return parse_lines(lines, path, encoding)


def write_table(table: Table, path: Path | str | None = None) -> None:
    """Write the table back with its own encoding, delimiter and line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=table.delimiter, lineterminator=table.newline)
    writer.writerow(table.header)
    writer.writerows(_rows_with_blanks(table))
    Path(path or table.path).write_bytes(buffer.getvalue().encode(table.encoding))


def _rows_with_blanks(table: Table) -> list[list[str]]:
    if not table.blank_rows:
        return table.rows
    numbered = dict(zip(table.row_numbers or _default_row_numbers(len(table.rows)), table.rows, strict=True))
    numbered.update(table.blank_rows)
    return [numbered[number] for number in sorted(numbered)]


def canonical_csv(frame: pd.DataFrame, columns: list[str]) -> str:
    """The canonical form of the data: UTF-8 text, commas, `\\n`, canonical column order."""
    buffer = io.StringIO()
    frame.reindex(columns=columns).fillna("").to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
