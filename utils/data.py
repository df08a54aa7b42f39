"""Loading the deployments for the app: read, validate, type, and keep the bad rows apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.paths import deployments_path
from utils.problems import Problem
from utils.schema import columns
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
    """Canonical columns as text, coordinates as floats, plus start_year / end_year (Int64)."""
    frame = frame.reindex(columns=columns(), fill_value="").fillna("").astype(str)
    frame = frame.apply(lambda col: col.str.strip())
    for name in ("lat", "lon"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    for name in ("start", "end"):
        frame[f"{name}_year"] = pd.to_numeric(frame[f"{name}_date"].str[:4], errors="coerce").astype("Int64")
    return frame


def load_deployments(path: Path | str | None = None) -> Dataset:
    """Read and validate the deployments CSV; rows with errors are reported, not shown."""
    path = Path(path or deployments_path())
    try:
        table = read_table(path)
    except TableReadError as exc:
        return Dataset(type_rows(pd.DataFrame()), [Problem(path.name, 0, "", "", str(exc))])
    frame = table.to_frame()
    problems = _validate(table, frame)
    bad_rows = {p.row for p in problems if p.is_error and p.row}
    good = frame[~frame.index.isin(bad_rows)]
    # A duplicated header is reported by the validator; the app keeps the first column of that name.
    good = good.loc[:, ~good.columns.duplicated()]
    return Dataset(type_rows(good), problems, table.describe(), len(frame))


def _validate(table, frame) -> list[Problem]:
    """Every problem of the file (utils.validate): rows with an error are left out of the app."""
    return validate_deployments(table, frame)
