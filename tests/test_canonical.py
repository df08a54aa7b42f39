"""The canonical writer (utils.canonical) and `python -m utils.validate --fix`."""

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

import utils.validate as validate
from utils.canonical import canonical_text, canonicalize, columns_for, fix_file
from utils.schema import TECHNOLOGIES, columns
from utils.tabular import decode, parse_text, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "contribute"
EDITED = FIXTURES / "edited.csv"  # canonical, UTF-8
EXCEL_TWIN = FIXTURES / "edited_excel.csv"  # the same rows as French Excel saves them
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendors the fixtures use, whatever data/vendors.csv holds today."""
    references = validate.References(frozenset(TECHNOLOGIES), frozenset({"BriefCam", "Thales", "Actemium",
                                                                         "Datakalab"}))
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def canonical_of(rows: list[list[str]]):
    return canonicalize(parse_text(csv_text(rows), "deployments.csv"))


def test_excel_twin_round_trips_to_the_same_canonical_file_as_its_utf8_twin():
    """Test that a ;-separated Windows-1252 CRLF file, reordered and damaged by Excel, gives its twin."""
    excel = canonicalize(read_table(EXCEL_TWIN))
    utf8 = canonicalize(read_table(EDITED))
    assert canonical_text(excel.table) == canonical_text(utf8.table) == EDITED.read_text(encoding="utf-8")


def test_excel_twin_changes_are_all_named():
    """Test that each transformation of the Excel file is said, with the row it touched."""
    changes = canonicalize(read_table(EXCEL_TWIN)).changes
    assert changes == [
        "encodage : Windows-1252 -> UTF-8",
        "séparateur : point-virgule -> virgule",
        "fins de ligne : Windows (CRLF) -> \\n",
        "lignes vides retirées : ligne 4",
        "colonnes remises dans l'ordre du schéma",
        "espaces en début ou fin de cellule retirés : ligne 2",
        "department_code : zéro initial rétabli (supprimé par le tableur) : ligne 5 « 6 » -> « 06 »",
        "insee_code : zéro initial rétabli (supprimé par le tableur) : ligne 5 « 6029 » -> « 06029 »",
        "lat : virgule décimale remplacée par un point : ligne 5 « 43,55193 » -> « 43.55193 »",
        "lon : virgule décimale remplacée par un point : ligne 5 « 7,00486 » -> « 7.00486 »",
        "last_verified : date à la française réécrite en AAAA-MM-JJ : "
        "ligne 5 « 27/11/2026 » -> « 2026-11-27 »",
    ]


def test_excel_twin_changes_are_also_worded_in_english_for_the_page():
    """Test that the page's English shows each change in English, the command line's French unchanged."""
    notes = canonicalize(read_table(EXCEL_TWIN)).notes
    assert [note.text("en") for note in notes] == [
        "encoding: Windows-1252 -> UTF-8",
        "separator: semicolon -> comma",
        "line ends: Windows (CRLF) -> \\n",
        "blank rows removed: row 4",
        "columns put back in the schema's order",
        "spaces at the start or end of cells removed: row 2",
        "department_code: leading zero restored (dropped by the spreadsheet): row 5 “6” -> “06”",
        "insee_code: leading zero restored (dropped by the spreadsheet): row 5 “6029” -> “06029”",
        "lat: decimal comma replaced by a point: row 5 “43,55193” -> “43.55193”",
        "lon: decimal comma replaced by a point: row 5 “7,00486” -> “7.00486”",
        "last_verified: French date rewritten as YYYY-MM-DD: row 5 “27/11/2026” -> “2026-11-27”",
    ]
    assert [note.text("fr") for note in notes] == [note.fr for note in notes]


def test_many_rows_are_counted_and_the_first_ten_named_in_each_language():
    """Test that a change touching twelve rows names ten of them, then "…", in French and English."""
    header = columns()
    rows = [header, *([f"{name} " if name == "site" else "" for name in header] for _ in range(12))]
    [note] = canonical_of(rows).notes
    named = "2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …"
    assert note.fr == f"espaces en début ou fin de cellule retirés : 12 lignes : {named}"
    assert note.en == f"spaces at the start or end of cells removed: 12 rows: {named}"


def test_a_canonical_file_is_left_as_it_is():
    """Test that the canonical file gives no change and the very same text."""
    canonical = canonicalize(read_table(EDITED))
    assert canonical.changes == []
    assert canonical_text(canonical.table) == EDITED.read_text(encoding="utf-8")


def test_the_bundled_data_is_canonical():
    """Test that data/deployments.csv is already in the form --fix writes."""
    path = Path(__file__).parent.parent / "data" / "deployments.csv"
    canonical = canonicalize(read_table(path))
    assert (canonical.changes, canonical_text(canonical.table)) == ([], path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("column", "raw", "fixed"), [
    ("department_code", "6", "06"),
    ("department_code", "2a", "2A"),
    ("department_code", "13", "13"),
    ("insee_code", "1053", "01053"),
    ("insee_code", "2A004", "2A004"),
    ("region_code", "1", "01"),
    ("region_code", "93", "93"),
    ("lat", "43,8446", "43.8446"),
    ("lon", "-1,5", "-1.5"),
    ("lat", "43.8446", "43.8446"),
    ("lat", "43,8,4", "43,8,4"),
    ("start_date", "15/01/2026", "2026-01-15"),
    ("end_date", "1/2/2020", "2020-02-01"),
    ("last_verified", "31/02/2026", "31/02/2026"),
    ("start_date", "2019-02", "2019-02"),
    ("operator", "06/01/2020", "06/01/2020"),
])
def test_spreadsheet_damage_is_repaired_only_where_certain(column, raw, fixed):
    """Test that each repair rewrites its own column's cell, and leaves what it cannot be sure of."""
    header = columns()
    cells = [""] * len(header)
    cells[header.index(column)] = raw
    canonical = canonical_of([header, cells])
    assert canonical.table.rows[0][header.index(column)] == fixed
    assert any(f"ligne 2 « {raw} »" in change for change in canonical.changes) == (raw != fixed)


def test_unknown_and_missing_columns_are_kept_or_added_and_said():
    """Test that a column outside the schema moves to the end with its cells, a missing one comes empty."""
    header = [name for name in columns() if name != "legal_action"]
    rows = [["notes", *header], ["à revoir", *[f"{name}-value" for name in header]]]
    canonical = canonical_of(rows)
    assert canonical.table.header == [*columns(), "notes"]
    assert canonical.table.rows[0][-1] == "à revoir"
    assert canonical.table.rows[0][columns().index("legal_action")] == ""
    assert canonical.table.rows[0][0] == "id-value"
    assert "colonne ajoutée, vide : legal_action" in canonical.changes
    assert "colonne hors schéma conservée en fin de tableau : notes" in canonical.changes


def test_a_duplicated_column_and_cells_beyond_the_header_are_not_lost():
    """Test that a second `site` column and a row's extra cells survive, the duplicate being said."""
    header = columns()
    cells = [f"{name}-value" for name in header]
    rows = [[*header, "site"], [*cells, "second site", "stray cell"]]
    canonical = canonical_of(rows)
    assert canonical.table.rows[0][-2:] == ["second site", "stray cell"]
    assert any(change.startswith("colonne en double conservée en fin de tableau : site") for change in
               canonical.changes)


@pytest.mark.parametrize(("path", "first_columns"), [
    (Path("vendors.csv"), ["name", "country"]),
    (Path("mon-fichier.csv"), ["id", "commune"]),
])
def test_reference_files_keep_their_own_schema_order(path, first_columns):
    """Test that vendors.csv is ordered by its schema, any other name by the deployments schema."""
    assert columns_for(path)[:2] == first_columns


def test_fix_file_rewrites_in_place_and_an_already_canonical_file_is_not_touched(tmp_path):
    """Test that --fix writes the canonical bytes, and that a second run changes nothing."""
    path = tmp_path / "deployments.csv"
    shutil.copy(EXCEL_TWIN, path)
    assert "séparateur : point-virgule -> virgule" in fix_file(path)
    assert path.read_bytes() == EDITED.read_bytes()
    assert fix_file(path) == []


def test_validate_fix_prints_the_changes_then_checks_the_result(tmp_path, capsys):
    """Test that `python -m utils.validate --fix FILE` reports what it changed and validates the new file."""
    path = tmp_path / "deployments.csv"
    shutil.copy(EXCEL_TWIN, path)
    status = validate.main(["--fix", str(path)], today=TODAY)
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[:2] == ["deployments.csv: forme canonique écrite", "  - encodage : Windows-1252 -> UTF-8"]
    assert "deployments.csv lu en UTF-8, séparateur virgule, 3 lignes de données" in out
    assert out[-1] == "3 lignes, 0 erreurs, 0 avertissements"


def test_validate_fix_with_output_leaves_the_editors_file_alone(tmp_path, capsys):
    """Test that --output receives the canonical file while FILE keeps its bytes."""
    source, output = tmp_path / "excel.csv", tmp_path / "out.csv"
    shutil.copy(EXCEL_TWIN, source)
    assert validate.main(["--fix", str(source), "--output", str(output)], today=TODAY) == 0
    assert source.read_bytes() == EXCEL_TWIN.read_bytes()
    assert output.read_bytes() == EDITED.read_bytes()
    assert "out.csv lu en UTF-8, séparateur virgule, 3 lignes de données" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--output", "x.csv", "a.csv"],
                                  ["--fix", "--output", "x.csv", "a.csv", "b.csv"]])
def test_output_without_fix_or_with_several_files_is_a_usage_error(argv, capsys):
    """Test that --output is refused unless it goes with --fix and one FILE."""
    with pytest.raises(SystemExit) as exit_info:
        validate.main(argv)
    assert exit_info.value.code == 2
    assert "--output s'utilise avec --fix et un seul FILE" in capsys.readouterr().err


def test_bytes_unreadable_in_both_encodings_are_said_to_be_replaced():
    """Test that a byte invalid in UTF-8 and Windows-1252 is reported with its row, not silently replaced."""
    data = ",".join(columns()).encode() + b"\nnimes\x81-2015" + b"," * (len(columns()) - 1) + b"\n"
    text, encoding = decode(data)
    table = parse_text(text, "deployments.csv", encoding)
    assert "\ufffd" in table.rows[0][0]
    assert "octets illisibles remplacés par « \ufffd » : ligne 2" in canonicalize(table).changes


def test_an_already_canonical_file_is_copied_to_output_with_no_change_listed(tmp_path, capsys):
    """Test that --output receives a canonical file as it is, and --fix says it was already canonical."""
    output = tmp_path / "out.csv"
    assert validate.main(["--fix", str(EDITED), "--output", str(output)], today=TODAY) == 0
    assert output.read_bytes() == EDITED.read_bytes()
    assert capsys.readouterr().out.splitlines()[0] == "edited.csv: déjà canonique"
