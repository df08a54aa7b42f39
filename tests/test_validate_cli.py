"""`python -m utils.validate`: what it prints, exit statuses, encodings, default and reference files."""

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import utils.validate as validate
from utils.schema import TECHNOLOGIES

ROOT = Path(__file__).parent.parent
VALID = Path(__file__).parent / "fixtures" / "validate" / "valid.csv"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendors and technologies the fixtures use, whatever data/ holds today."""
    vendors = frozenset({"BriefCam", "Thales", "Actemium", "TestWe"})
    references = validate.References(frozenset(TECHNOLOGIES), vendors)
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def rows_of(path: Path = VALID) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def with_cell(rows: list[list[str]], row: int, column: str, value: str) -> list[list[str]]:
    """A copy of rows with one cell of spreadsheet row `row` changed."""
    rows = [list(cells) for cells in rows]
    rows[row - 1][rows[0].index(column)] = value
    return rows


def run(capsys, *argv) -> tuple[int, list[str]]:
    status = validate.main([str(arg) for arg in argv], today=TODAY)
    return status, capsys.readouterr().out.splitlines()


def test_valid_file_prints_how_it_was_read_and_a_summary_and_exits_0(capsys):
    """Test that a valid file gives the read note, the summary line and status 0."""
    assert run(capsys, VALID) == (0, ["valid.csv lu en UTF-8, séparateur virgule, 3 lignes de données",
                                      "3 lignes, 0 erreurs, 0 avertissements"])


def test_warnings_only_exit_0(tmp_path, capsys):
    """Test that a suspected duplicate (a warning) does not fail the run."""
    rows = rows_of()
    path = write(tmp_path / "deployments.csv", [*rows, with_cell(rows, 2, "id", "nimes-briefcam-2019")[1]])
    status, lines = run(capsys, path)
    assert status == 0
    assert lines[-1] == "4 lignes, 0 erreurs, 1 avertissement"


def test_an_error_exits_1_with_one_line_per_problem(tmp_path, capsys):
    """Test that errors are printed between the read note and the summary, and give status 1."""
    rows = with_cell(with_cell(rows_of(), 2, "status", "actif"), 4, "end_date", "2019")
    status, lines = run(capsys, write(tmp_path / "deployments.csv", rows))
    assert status == 1
    assert lines[0].startswith("deployments.csv lu en UTF-8")
    assert [line.split(": erreur")[0] for line in lines[1:-1]] == [
        "deployments.csv:2 [nimes-briefcam-2015] status", "deployments.csv:4 [france-testwe-2020] end_date"]
    assert lines[-1] == "3 lignes, 2 erreurs, 0 avertissements"


@pytest.mark.parametrize("content", [None, b"id,commune\x00\x00\x00", b""],
                         ids=["a missing file", "a binary file", "an empty file"])
def test_unreadable_file_exits_2(tmp_path, capsys, content):
    """Test that a file that cannot be read at all gives an error line and status 2."""
    path = tmp_path / "deployments.csv"
    if content is not None:
        path.write_bytes(content)
    status, lines = run(capsys, path)
    assert status == 2
    assert lines[0].startswith("deployments.csv: erreur: ")


def test_unreadable_file_wins_over_errors_elsewhere(tmp_path, capsys):
    """Test that status 2 is kept when another file of the run only has errors."""
    bad = write(tmp_path / "bad.csv", with_cell(rows_of(), 2, "status", "actif"))
    assert run(capsys, bad, tmp_path / "absent.csv")[0] == 2


def test_today_option_decides_what_is_in_the_future(tmp_path, capsys):
    """Test that --today moves the limit for future dates."""
    status, lines = run(capsys, VALID, "--today", "2026-11-26")
    assert status == 1
    assert ("valid.csv:3 [la-defense-thales-2017] last_verified: erreur: attendu une date passée ou "
            "d'aujourd'hui (2026-11-26); trouvé « 2026-11-27 »") in lines


def bad_rows_with_accents() -> list[list[str]]:
    rows = with_cell(rows_of(), 2, "commune", "Nimes")
    rows = with_cell(rows, 3, "site", "Parvis de La Défense « côté Seine »")
    return with_cell(rows, 4, "operator_type", "université")


def test_excel_windows_1252_semicolon_file_gives_the_same_problems_as_its_utf8_twin(tmp_path, capsys):
    """Test that a French Excel export (cp1252, ;) reports exactly what its UTF-8 twin reports."""
    utf8 = write(tmp_path / "utf8" / "deployments.csv", bad_rows_with_accents())
    excel = write(tmp_path / "excel" / "deployments.csv", bad_rows_with_accents(), "cp1252", ";")
    _, utf8_lines = run(capsys, utf8)
    _, excel_lines = run(capsys, excel)
    assert excel_lines[0] == ("deployments.csv lu en Windows-1252, séparateur point-virgule, "
                              "3 lignes de données")
    assert excel_lines[1:] == utf8_lines[1:]
    assert "« Nîmes »" in excel_lines[1] and "« université »" in excel_lines[2]


def test_byte_order_mark_is_not_part_of_the_first_column(tmp_path, capsys):
    """Test that a UTF-8 file with BOM reads its `id` header and validates cleanly."""
    write(tmp_path / "deployments.csv", rows_of(), "utf-8-sig")
    status, lines = run(capsys, tmp_path / "deployments.csv")
    assert status == 0
    assert lines[0] == "deployments.csv lu en UTF-8 avec BOM, séparateur virgule, 3 lignes de données"


def test_without_arguments_deployments_and_existing_reference_files_are_checked(monkeypatch, capsys):
    """Test that the default run reads $ATLAS_DATA and each reference file present in data/."""
    monkeypatch.setenv("ATLAS_DATA", str(VALID))
    _, lines = run(capsys)
    read_notes = [line.split(" lu en ")[0] for line in lines if " lu en " in line]
    present = [name for name in validate.REFERENCE_NAMES if (ROOT / "data" / f"{name}.csv").exists()]
    assert read_notes == ["valid.csv", *(f"{name}.csv" for name in present)]


def test_a_file_named_like_a_reference_file_is_checked_against_its_schema(tmp_path, capsys):
    """Test that technologies.csv is validated with data/technologies.schema.json, not as deployments."""
    if validate.reference_schema("technologies") is None:
        pytest.skip("data/technologies.schema.json not written yet")
    path = tmp_path / "technologies.csv"
    path.write_text("code,label_fr,label_en,description_fr,description_en\n"
                    "drone,Drone,Drone,Un drone.,A drone.\ndrone,Drone,Drone,,A drone.\n", encoding="utf-8")
    status, lines = run(capsys, path)
    assert status == 1
    assert lines[1:-1] == [
        "technologies.csv:3 [drone] code: erreur: attendu une valeur unique dans la colonne; "
        "trouvé « drone », déjà à la ligne 2",
        "technologies.csv:3 [drone] description_fr: erreur: attendu une valeur (colonne obligatoire); "
        "trouvé une cellule vide",
    ]


def test_module_entry_point_exits_1_on_errors(tmp_path):
    """Test that `python -m utils.validate FILE` runs as a program and exits 1 on an error."""
    path = write(tmp_path / "deployments.csv", with_cell(rows_of(), 2, "status", "actif"))
    result = subprocess.run([sys.executable, "-m", "utils.validate", str(path), "--today", "2026-11-27"],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 1
    assert "deployments.csv:2 [nimes-briefcam-2015] status: erreur: attendu une valeur parmi" in result.stdout


def test_header_only_file_has_no_problem(tmp_path, capsys):
    """Test that a file with the schema header and no rows validates cleanly with 0 rows."""
    path = write(tmp_path / "deployments.csv", rows_of()[:1])
    assert run(capsys, path) == (0, ["deployments.csv lu en UTF-8, séparateur virgule, 0 lignes de données",
                                     "0 lignes, 0 erreurs, 0 avertissements"])
