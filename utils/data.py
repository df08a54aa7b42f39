"""Loading the deployments for the app: read, validate, type, and keep the bad rows apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.checks import Sheet
from utils.paths import deployments_path
from utils.problems import Problem
from utils.schema import columns
from utils.search import SEARCH_TEXT, searchable_text
from utils.tabular import TableReadError, read_table
from utils.validate import validate_deployments


@dataclass
class Dataset:
    """What the app shows: the rows without errors, and every problem found."""

    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    read_note: str = ""
    total: int = 0  # rows in the file, good and bad

    @property
    def rejected_ids(self) -> list[str]:
        return sorted({p.row_id or f"ligne {p.row}" for p in self.problems if p.is_error and p.row})


def type_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns as text, coordinates as floats, start_year / end_year (Int64), folded search text."""
    frame = frame.reindex(columns=columns(), fill_value="").fillna("").astype(str)
    return _with_typed_columns(frame.apply(lambda col: col.str.strip()))


def _with_typed_columns(frame: pd.DataFrame) -> pd.DataFrame:
    for name in ("lat", "lon"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    for name in ("start", "end"):
        frame[f"{name}_year"] = pd.to_numeric(frame[f"{name}_date"].str[:4], errors="coerce").astype("Int64")
    frame[SEARCH_TEXT] = searchable_text(frame)
    return frame


def load_deployments(path: Path | str | None = None) -> Dataset:
    """Read and validate the deployments CSV; rows with errors are reported, not shown."""
    path = Path(path or deployments_path())
    try:
        table = read_table(path)
    except TableReadError as exc:
        return Dataset(type_rows(pd.DataFrame()), [Problem(path.name, 0, "", "", str(exc))])
    read_note, total = table.describe(), len(table.rows)
    sheet = Sheet.from_table(table)
    # From here the sheet's frame holds every cell: letting go of the parsed lines of text keeps a large
    # file from being held twice (they were most of the memory taken at 50 000 rows).
    table.rows = []
    problems = validate_deployments(table, sheet=sheet)
    bad_rows = {p.row for p in problems if p.is_error and p.row}
    # The sheet's cells are already stripped text; a duplicated header keeps its first column there.
    good = sheet.frame[~sheet.frame.index.isin(bad_rows)].reindex(columns=columns(), fill_value="")
    return Dataset(_with_typed_columns(good), problems, read_note, total)
