"""Offline geocoding from the gazetteer, and the `python -m utils.geocode` command."""

import shutil
from pathlib import Path

import pytest

from utils.gazetteer import load_gazetteer
from utils.geocode import GEO_COLUMNS, TableRow, format_coordinate, geocode_table, main
from utils.paths import DATA_ENV_VAR
from utils.tabular import parse_text, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "geocode"
# Columns of the validator's geographic problems (lat/lon: the point as a whole).
GEOGRAPHIC_PROBLEM_COLUMNS = {*GEO_COLUMNS, "lat/lon"}
HEADER = "id,commune,department_code,insee_code,region_code,site,lat,lon,geo_precision,operator_type"


def table_of(*rows: str):
    return parse_text("\n".join([HEADER, *rows]) + "\n", "t.csv")


def cells(table, index: int) -> dict[str, str]:
    row = TableRow(table, index)
    return {column: row.get(column) for column in table.header}


@pytest.fixture
def fixture_copy(tmp_path):
    """Copy a fixture to tmp_path, so geocoding it never changes the repository."""
    def copy(name: str) -> Path:
        return Path(shutil.copy(FIXTURES / name, tmp_path / name))
    return copy


def test_a_typed_commune_gets_codes_point_precision_and_official_name():
    """Test that a row with a commune and nothing else is filled completely from the gazetteer."""
    table = table_of("a,st denis,93,,,,,,,police")
    report = geocode_table(table)
    assert cells(table, 0) == {
        "id": "a", "commune": "Saint-Denis", "department_code": "93", "insee_code": "93066",
        "region_code": "11", "site": "", "lat": "48.93644", "lon": "2.36018", "geo_precision": "commune",
        "operator_type": "police"}
    assert "« st denis » -> « Saint-Denis »" in report.placements[0].format()
    assert report.problems == []


@pytest.mark.parametrize(("commune", "department", "insee"), [
    ("Paris 15e", "", "75115"), ("Paris XVe", "", "75115"), ("paris 15ème", "", "75115"),
    ("Paris 1er", "", "75101"), ("Marseille 8e", "13", "13208"), ("Lyon 3e", "", "69383"),
    ("Les Sables d Olonne", "", "85194"), ("Le Havre", "", "76351"), ("VALENCE", "26", "26362"),
    ("Valence", "82", "82186"), ("St Denis", "974", "97411"), ("Ste-Maxime", "83", "83115"),
])
def test_every_typed_variant_is_placed_at_its_commune(commune, department, insee):
    """Test that geocoding places real names typed in every variant on the right INSEE code."""
    table = table_of(f"a,{commune},{department},,,,,,,police")
    geocode_table(table)
    expected = load_gazetteer().by_code(insee)
    assert cells(table, 0)["insee_code"] == insee
    assert cells(table, 0)["commune"] == expected.name


def test_coordinates_are_the_gazetteer_text_with_five_decimals():
    """Test that the written point is the gazetteer point exactly, codes as text."""
    table = table_of("a,Ajaccio,2A,,,,,,,police", "b,,,01053,,,,,,police")
    geocode_table(table)
    assert [cells(table, 0)[c] for c in ("insee_code", "lat", "lon")] == ["2A004", "41.93461", "8.70064"]
    assert [cells(table, 1)[c] for c in ("commune", "department_code", "region_code")] == [
        "Bourg-en-Bresse", "01", "84"]


@pytest.mark.parametrize(("value", "text"), [(5.42050, "5.4205"), (3e-05, "0.00003"), (48.8, "48.8"),
                                             (-1.764123, "-1.76412"), (2.0, "2"), (-0.000001, "0")])
def test_format_coordinate_writes_at_most_five_decimals(value, text):
    """Test that coordinates are written in plain decimal notation, 5 decimals at most."""
    assert format_coordinate(value) == text


def test_an_excel_mangled_department_is_restored():
    """Test that a department whose leading zero Excel dropped still settles the row and is rewritten."""
    table = table_of("a,Bourg-en-Bresse,1,,,,,,,police")
    geocode_table(table)
    assert cells(table, 0)["department_code"] == "01"
    assert cells(table, 0)["insee_code"] == "01053"


@pytest.mark.parametrize("row", [
    "a,Metz,57,57463,44,Gare,49.10985,6.17737,site,transport",
    "a,Metz,,,,,49.1,6.2,,transport",
    "a,Nîmes,30,30189,76,,43.8446,4.34761,commune,police",
    "a,,,,,,,,national,state",
])
def test_rows_with_coordinates_or_national_are_never_touched(row):
    """Test that hand-set coordinates and national rows are left exactly as they are, without report."""
    table = table_of(row)
    before = [list(cells) for cells in table.rows]
    report = geocode_table(table)
    assert table.rows == before
    assert report.placements == report.problems == []


def test_an_unsettled_homonym_is_left_as_is_and_reported_with_candidates():
    """Test that an ambiguous row keeps its cells and its report names each candidate."""
    table = table_of("sd,Saint-Denis,,,,,,,,police")
    report = geocode_table(table)
    assert cells(table, 0)["insee_code"] == cells(table, 0)["lat"] == ""
    [problem] = report.problems
    assert (problem.file, problem.row, problem.row_id, problem.column) == ("t.csv", 2, "sd", "commune")
    assert "Saint-Denis (93, INSEE 93066)" in problem.message
    assert "Saint-Denis (974, INSEE 97411)" in problem.message
    assert report.failed


@pytest.mark.parametrize(("row", "fragment"), [
    ("x,Zzzz,,,,,,,,police", "« Zzzz » inconnue"),
    ("x,Nîmes,13,,,,,,,police", "introuvable dans le département 13"),
    ("x,Nîmes,,93066,,,,,,police", "celui de Saint-Denis (93)"),
    ("x,Metz,57,,,,49.1,,,police", "une seule des coordonnées"),
    ("x,,,,,,,,,police", "ni commune, ni code INSEE, ni coordonnées"),
])
def test_rows_that_cannot_be_placed_are_reported_and_left_alone(row, fragment):
    """Test that unknown names, contradictions and half coordinates are reported without changes."""
    table = table_of(row)
    before = [list(cells) for cells in table.rows]
    report = geocode_table(table)
    assert table.rows == before
    assert [fragment in problem.message for problem in report.problems] == [True]
    assert report.failed


def test_a_short_row_is_padded_when_filled():
    """Test that a row with fewer cells than the header can still be filled."""
    table = table_of("a,Metz")
    geocode_table(table)
    assert cells(table, 0)["geo_precision"] == "commune"
    assert len(table.rows[0]) == len(table.header)


def test_excel_file_is_written_back_semicolon_cp1252_crlf(fixture_copy, capsys):
    """Test that a ;-separated Windows-1252 CRLF file is geocoded and keeps its encoding and format."""
    path = fixture_copy("excel_cp1252.csv")
    assert main([str(path)]) == 1  # the unsettled Saint-Denis
    data = path.read_bytes()
    data.decode("cp1252")
    assert b"Sainte-Maxime;83;83115;93;;43.35655;6.61161;commune" in data
    assert "Évry-Courcouronnes;91;91228;11;".encode("cp1252") in data
    assert data.count(b"\r\n") == data.count(b"\n")
    table = read_table(path)
    assert (table.encoding, table.delimiter, table.newline) == ("cp1252", ";", "\r\n")
    output = capsys.readouterr().out
    assert "excel_cp1252.csv:3 [sainte-maxime-vsa-2022]: placée" in output
    assert "excel_cp1252.csv:6 [saint-denis-unsettled-2024] commune: erreur" in output


def test_round_trip_leaves_every_untouched_cell_identical(fixture_copy):
    """Test that geocoding changes only the geographic cells of the rows it placed."""
    path = fixture_copy("excel_cp1252.csv")
    before = read_table(path)
    main([str(path)])
    after = read_table(path)
    assert after.header == before.header
    assert after.row_numbers == before.row_numbers
    geo = {before.header.index(column) for column in GEO_COLUMNS}
    changed_rows = set()
    for index, (old, new) in enumerate(zip(before.rows, after.rows, strict=True)):
        untouched = [i for i in range(len(before.header)) if i not in geo]
        assert [old[i] for i in untouched] == [new[i] for i in untouched]
        if old != new:
            changed_rows.add(before.row_numbers[index])
    assert changed_rows == {3, 5}


def test_round_trip_keeps_the_raw_bytes_of_untouched_lines(fixture_copy):
    """Test that lines of rows not placed are byte-identical, including quoted ; and line breaks."""
    path = fixture_copy("excel_cp1252.csv")
    original = path.read_bytes().split(b"\r\n")
    main([str(path)])
    written = path.read_bytes().split(b"\r\n")
    assert len(written) == len(original)
    differing = [number for number, (old, new) in enumerate(zip(original, written, strict=True), start=1)
                 if old != new]
    assert differing == [3, 6]  # Sainte-Maxime (its quoted cell spans lines 3-4) and Évry


def test_dry_run_prints_without_writing(fixture_copy, capsys):
    """Test that --dry-run reports what it would fill and leaves the file alone."""
    path = fixture_copy("excel_cp1252.csv")
    original = path.read_bytes()
    main([str(path), "--dry-run"])
    assert path.read_bytes() == original
    output = capsys.readouterr().out
    assert "Sainte-Maxime" in output
    assert "fichier inchangé" in output


def test_command_defaults_to_the_atlas_data_file(fixture_copy, monkeypatch):
    """Test that without FILE the command geocodes $ATLAS_DATA and exits 0 when all rows are placed."""
    path = fixture_copy("ungeocoded.csv")
    monkeypatch.setenv(DATA_ENV_VAR, str(path))
    assert main([]) == 0
    assert "Le Havre,76,76351,28,,49.49663,0.14024,commune" in path.read_text(encoding="utf-8")


def test_a_file_that_cannot_be_read_exits_with_2(tmp_path, capsys):
    """Test that a missing file exits with status 2 and names the file."""
    assert main([str(tmp_path / "absent.csv")]) == 2
    assert "absent.csv" in capsys.readouterr().err


def test_a_file_without_geographic_columns_exits_with_2(tmp_path, capsys):
    """Test that a file lacking geographic columns is refused rather than reshaped."""
    path = tmp_path / "short.csv"
    path.write_text("id,commune\na,Metz\n", encoding="utf-8")
    assert main([str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "id,commune\na,Metz\n"
    assert "insee_code" in capsys.readouterr().err


def test_geocoded_fixture_then_validated_has_no_geographic_problem(fixture_copy):
    """Test that every row geocoded offline passes the validator's geographic rules."""
    from utils.validate import validate_deployments

    path = fixture_copy("ungeocoded.csv")
    assert main([str(path)]) == 0
    problems = validate_deployments(read_table(path))
    assert [problem.format() for problem in problems if problem.column in GEOGRAPHIC_PROBLEM_COLUMNS] == []


def test_ungeocoded_fixture_fails_validation_before_geocoding(fixture_copy):
    """Test that the fixture really needs geocoding (the round trip above is not vacuous)."""
    from utils.validate import validate_deployments

    problems = validate_deployments(read_table(fixture_copy("ungeocoded.csv")))
    assert {problem.column for problem in problems} >= {"insee_code", "lat/lon"}


def test_a_file_that_cannot_be_written_back_exits_with_2(fixture_copy, monkeypatch, capsys):
    """Test that a write failure is reported with the file name and status 2, not a traceback."""
    def refuse(table, path=None):
        raise PermissionError("fichier ouvert dans Excel")

    monkeypatch.setattr("utils.geocode.write_table", refuse)
    path = fixture_copy("ungeocoded.csv")
    assert main([str(path)]) == 2
    assert "impossible d'écrire" in capsys.readouterr().err
