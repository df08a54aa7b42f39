"""Key figures of the home page, the latest additions and the date of the last update."""

import os
import subprocess
from datetime import date

import pandas as pd
import pytest

from utils.data import type_rows
from utils.schema import columns
from utils.stats import KeyFigures, file_date, key_figures, last_update, latest_additions


def deployments(*rows: dict) -> pd.DataFrame:
    """Typed deployments rows from a few cells each."""
    return type_rows(pd.DataFrame(list(rows), columns=columns(), dtype=object).fillna(""))


ROWS = deployments(
    {"id": "a", "insee_code": "30189", "department_code": "30", "vendor": "BriefCam", "status": "active",
     "legal_action": "", "last_verified": "2026-01-10", "start_date": "2015"},
    {"id": "b", "insee_code": "30189", "department_code": "30", "vendor": "briefcam|Two-i", "status": "trial",
     "legal_action": "LQDN, TA de Nîmes, rejet, 2021", "last_verified": "2026-03-01", "start_date": "2020"},
    {"id": "c", "insee_code": "06088", "department_code": "06", "vendor": "", "status": "trial",
     "legal_action": "  ", "last_verified": "2026-03-01", "start_date": "2022-05"},
    {"id": "d", "insee_code": "", "department_code": "", "vendor": "Thales", "status": "banned",
     "legal_action": "CE, 2022", "last_verified": "2025-12-31", "start_date": ""},
)


def test_key_figures_count_deployments_places_vendors_and_challenges():
    """Test that communes, departments and vendors are counted once; blanks are not counted."""
    assert key_figures(ROWS) == KeyFigures(deployments=4, communes=2, departments=2, vendors=3, trials=2,
                                           active=1, challenged=2)


def test_key_figures_of_no_rows_are_zero():
    """Test that an empty selection gives zeros, not an error."""
    assert key_figures(ROWS.head(0)) == KeyFigures(0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(("count", "expected"), [
    (2, ["c", "b"]),
    (3, ["c", "b", "a"]),
    (10, ["c", "b", "a", "d"]),
])
def test_latest_additions_come_by_last_check_then_by_start(count, expected):
    """Test that the latest verified rows come first, the most recent start first among equals."""
    assert list(latest_additions(ROWS, count)["id"]) == expected


def test_last_update_is_the_latest_check_date():
    """Test that the last update is the greatest last_verified, and "" without any."""
    assert last_update(ROWS) == "2026-03-01"
    assert last_update(ROWS.head(0)) == ""


def test_a_committed_file_is_dated_by_its_last_commit(tmp_path):
    """Test that a file under git gets the date of its last commit, not of its last change on disk."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    for role in ("AUTHOR", "COMMITTER"):
        env |= {f"GIT_{role}_NAME": "t", f"GIT_{role}_EMAIL": "t@example.org",
                f"GIT_{role}_DATE": "2001-02-03T12:00:00+00:00"}
    (tmp_path / "deployments.csv").write_text("id\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "deployments.csv"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    assert file_date(tmp_path / "deployments.csv") == "2001-02-03"


def test_a_file_outside_git_is_dated_by_its_last_change(tmp_path):
    """Test that a file git does not know gets its modification date, a missing file nothing."""
    loose = tmp_path / "deployments.csv"
    loose.write_text("id\n", encoding="utf-8")
    assert file_date(loose) == date.fromtimestamp(loose.stat().st_mtime).isoformat()
    assert file_date(tmp_path / "absent.csv") == ""
