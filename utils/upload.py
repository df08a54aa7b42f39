"""What the Contribute page does with an editor's file: refuse what is not a small CSV, read it, review it.

An upload is only ever bytes in memory: it is never written to disk, imported or executed. The
review runs the same steps as the command line (--fix, offline geocoding, validation) on a copy.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from utils.canonical import DELIMITER_NAMES_EN, ENCODING_NAMES_EN, Note, canonical_text, canonicalize
from utils.diff import Changes, diff_frames
from utils.geocode import GeocodeReport, geocode_table
from utils.i18n import tr
from utils.problems import Problem
from utils.review_text import file_size, geocoding_notes
from utils.tabular import DELIMITER_NAMES, ENCODING_NAMES, Table, TableReadError, decode, parse_text
from utils.validate import validate_deployments

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 100_000
# Spreadsheets and archives are not CSV: say what to do instead of showing garbage.
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                 b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"%PDF")
# Control characters never found in a text file (tab, line feed, form feed, carriage return are fine).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
SNIFFED_BYTES = 65_536
# "à la ligne 15" in a message names a row by its number, which an inserted row shifts.
_ROW_NUMBER = re.compile(r"\b(ligne|row) \d+")


@dataclass(frozen=True)
class ReadNote:
    """How the editor's file was read: name, encoding, separator, data rows, and its size once uploaded."""

    name: str
    encoding: str
    delimiter: str
    rows: int
    size: int | None = None

    @classmethod
    def of(cls, table: Table, size: int | None = None) -> ReadNote:
        return cls(table.path.name, table.encoding, table.delimiter, len(table.rows), size)

    def text(self, lang: str) -> str:
        """`deployments.csv lu en Windows-1252, séparateur point-virgule, 282 lignes de données (360 ko)`."""
        encoding = tr(lang, ENCODING_NAMES, ENCODING_NAMES_EN).get(self.encoding, self.encoding)
        delimiter = tr(lang, DELIMITER_NAMES, DELIMITER_NAMES_EN).get(self.delimiter, repr(self.delimiter))
        rows = tr(lang, f"{self.rows} ligne{'s' if self.rows > 1 else ''} de données",
                  f"{self.rows} data row{'s' if self.rows != 1 else ''}")
        size = f" ({file_size(self.size, lang)})" if self.size is not None else ""
        return tr(lang, f"{self.name} lu en {encoding}, séparateur {delimiter}, {rows}{size}",
                  f"{self.name} read as {encoding}, {delimiter} separator, {rows}{size}")


class UploadRefused(Exception):
    """An upload that is not read at all, with the reason in French and English."""

    def __init__(self, fr: str, en: str):
        super().__init__(fr)
        self.fr, self.en = fr, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


def refusal(data: bytes) -> UploadRefused | None:
    """Why these bytes are refused before reading (size, archive or spreadsheet, binary), or None."""
    if len(data) > MAX_UPLOAD_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}"
        return UploadRefused(f"fichier trop gros : {size} Mo, la limite est de {MAX_UPLOAD_MB} Mo",
                             f"file too large: {size} MB, the limit is {MAX_UPLOAD_MB} MB")
    if data.startswith(ARCHIVE_MAGIC):
        return UploadRefused("ce fichier est une archive ou un classeur (.zip, .xlsx, .ods, .xls, .pdf…), "
                             "pas un CSV : dans le tableur, « Enregistrer sous » au format CSV",
                             "this file is an archive or a workbook (.zip, .xlsx, .ods, .xls, .pdf…), not a "
                             "CSV: in the spreadsheet, use “Save as” CSV")
    if _CONTROL.search(data[:SNIFFED_BYTES]) or b"\x00" in data:
        return UploadRefused("fichier binaire (caractères de contrôle) : un fichier CSV texte est attendu",
                             "binary file (control characters): a CSV text file is expected")
    # Counted before reading: parsing millions of short lines takes seconds and hundreds of MB.
    lines = max(data.count(b"\n"), data.count(b"\r"))
    if lines > MAX_ROWS + 1:
        return UploadRefused(f"trop de lignes : {lines} lignes de texte, la limite est de {MAX_ROWS}",
                             f"too many rows: {lines} lines of text, the limit is {MAX_ROWS}")
    return None


def read_upload(name: str, data: bytes) -> Table:
    """The uploaded bytes as a Table, decoded as the validator decodes files. Raises UploadRefused."""
    if problem := refusal(data):
        raise problem
    try:
        text, encoding = decode(data)
        table = parse_text(text, PurePath(name or "upload.csv").name, encoding)
    except TableReadError as exc:
        raise UploadRefused(f"fichier illisible : {exc}", f"unreadable file: {exc}") from exc
    if not table.rows:
        raise UploadRefused("aucune ligne de données sous l'en-tête", "no data row under the header")
    if len(table.rows) > MAX_ROWS:
        raise UploadRefused(f"trop de lignes : {len(table.rows)}, la limite est de {MAX_ROWS}",
                            f"too many rows: {len(table.rows)}, the limit is {MAX_ROWS}")
    return table


def problem_key(problem: Problem) -> tuple[str, str, str, str]:
    """What identifies a problem from one version of the file to the next: id, column, kind, message.

    Row numbers are left out: a row inserted above shifts them without changing the problem.
    """
    return problem.row_id, problem.column, problem.severity, _ROW_NUMBER.sub(r"\1", problem.message)


def split_known(problems: Iterable[Problem],
                published: Iterable[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(new, known): `problems` not found in the published data's `published` problems, and those found.

    Each published problem accounts for one problem of the file at most.
    """
    left = Counter(problem_key(problem) for problem in published)
    new, known = [], []
    for problem in problems:
        key = problem_key(problem)
        if left[key]:
            left[key] -= 1
            known.append(problem)
        else:
            new.append(problem)
    return new, known


@dataclass
class Review:
    """An editor's file checked against the rules and compared with the published data."""

    table: Table  # canonical and geocoded, with the editor's spreadsheet row numbers
    read_note: ReadNote
    fixes: list[Note]
    geocoding: GeocodeReport
    problems: list[Problem]
    changes: Changes
    text: str = field(repr=False)  # the canonical file to download
    geocoding_notes: list[Note] = field(default_factory=list)
    published_problems: list[Problem] = field(default_factory=list, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def new_warnings(self) -> list[Problem]:
        """Warnings the published data does not have: this file brought them."""
        return split_known(self.warnings, self.published_problems)[0]

    @property
    def known_warnings(self) -> list[Problem]:
        """Warnings already raised by the published data."""
        return split_known(self.warnings, self.published_problems)[1]

    @property
    def rows_with_errors(self) -> list[int]:
        return sorted({problem.row for problem in self.errors if problem.row})


def review_table(table: Table, published: pd.DataFrame, today: dt.date | None = None,
                 published_problems: Iterable[Problem] = ()) -> Review:
    """Canonical form, offline geocoding of rows without a point, validation, change against `published`.

    `table` is left untouched; every row is kept, bad ones included, and flagged by its problems.
    `published_problems` (the validator's on the published data) tell which warnings are new.
    """
    canonical = canonicalize(copy.deepcopy(table))  # adds the missing columns the geocoder writes to
    fixed = canonical.table
    geocoding = geocode_table(fixed)
    frame = fixed.to_frame()
    problems = validate_deployments(fixed, frame, today=today)
    return Review(fixed, ReadNote.of(table), canonical.notes, geocoding, problems,
                  diff_frames(published, frame), canonical_text(fixed),
                  geocoding_notes(geocoding, table.to_frame(), frame), list(published_problems))
