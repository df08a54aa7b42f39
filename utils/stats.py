"""Key figures of a set of deployments, for the home page."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from utils.filters import fold
from utils.schema import split_multi

LATEST_COUNT = 5


@dataclass(frozen=True)
class KeyFigures:
    """How many deployments, places, vendors; how many trials, active ones and court challenges."""

    deployments: int
    communes: int
    departments: int
    vendors: int
    trials: int
    active: int
    challenged: int


def key_figures(df: pd.DataFrame) -> KeyFigures:
    """The key figures of `df` (typed deployments rows, as utils.data gives them)."""
    return KeyFigures(
        deployments=len(df),
        communes=_distinct(df["insee_code"]),
        departments=_distinct(df["department_code"]),
        vendors=len({fold(name) for cell in df["vendor"] for name in split_multi(cell)}),
        trials=int((df["status"] == "trial").sum()),
        active=int((df["status"] == "active").sum()),
        challenged=int(df["legal_action"].fillna("").str.strip().ne("").sum()),
    )


def latest_additions(df: pd.DataFrame, count: int = LATEST_COUNT) -> pd.DataFrame:
    """The most recently verified deployments, the most recent start first among equals."""
    return df.sort_values(["last_verified", "start_date", "id"], ascending=[False, False, True]).head(count)


def last_update(df: pd.DataFrame) -> str:
    """The latest `last_verified` date (ISO), or "" when there is none."""
    dates = df["last_verified"].fillna("").str.strip()
    dates = dates[dates != ""]
    return str(dates.max()) if len(dates) else ""


def file_date(path: Path) -> str:
    """The date (ISO) of the file's last commit, else of its last change on disk; "" if it is missing."""
    path = Path(path)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, timeout=10, check=False)
        committed = result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        committed = ""
    if committed:
        return committed
    try:
        return date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return ""


def _distinct(column: pd.Series) -> int:
    values = column.fillna("").str.strip()
    return int(values[values != ""].nunique())
