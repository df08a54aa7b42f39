"""The app's loader uses the validator: rows with an error are left out and named, warnings are kept."""

import csv
from pathlib import Path

import pytest

import utils.validate as validate
from utils.data import load_deployments
from utils.schema import TECHNOLOGIES

VALID = Path(__file__).parent / "fixtures" / "validate" / "valid.csv"


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendors and technologies the fixture uses, whatever data/ holds today."""
    vendors = frozenset({"BriefCam", "Thales", "Actemium", "TestWe"})
    references = validate.References(frozenset(TECHNOLOGIES), vendors)
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def write_variant(tmp_path, edit) -> Path:
    with VALID.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    edit(header, rows)
    path = tmp_path / "deployments.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return path


def test_a_row_with_an_error_is_excluded_and_named_while_a_warning_row_stays(tmp_path):
    """Test that an error removes only its row, and a suspected duplicate is shown with its warning."""
    def edit(header, rows):
        rows[2][header.index("status")] = "actif"  # row 4: error
        duplicate = list(rows[0])
        duplicate[header.index("id")] = "nimes-briefcam-2019"  # row 5: warning only
        rows.append(duplicate)

    dataset = load_deployments(write_variant(tmp_path, edit))
    assert dataset.rows["id"].tolist() == ["nimes-briefcam-2015", "la-defense-thales-2017",
                                           "nimes-briefcam-2019"]
    assert dataset.rejected_ids == ["france-testwe-2020"]
    assert [(p.row, p.severity) for p in dataset.problems] == [(4, "error"), (5, "warning")]
    assert dataset.total == 4


def test_a_header_problem_does_not_take_good_rows_down(tmp_path):
    """Test that an unknown extra column is reported on row 1 and every row is still shown."""
    def edit(header, rows):
        header.append("notes")
        for cells in rows:
            cells.append("à revoir")

    dataset = load_deployments(write_variant(tmp_path, edit))
    assert len(dataset.rows) == 3
    assert [p.format() for p in dataset.problems] == [
        "deployments.csv:1 notes: erreur: en-tête : attendu une colonne du schéma; trouvé « notes »"]
