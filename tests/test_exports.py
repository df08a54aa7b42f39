"""Exports: CSV with formulas neutralised, valid GeoJSON, the data package zip, the attribution text."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from utils.data import load_deployments
from utils.exports import (
    datapackage_files,
    datapackage_zip,
    geo_attributions,
    neutralize_formula,
    package_sources,
    to_csv,
    to_geojson,
)
from utils.schema import columns

FIXTURES = Path(__file__).parent / "fixtures" / "app"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return load_deployments(FIXTURES / "deployments.csv").rows


@pytest.mark.parametrize(("cell", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+33 1 23", "'+33 1 23"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("-1.55", "-1.55"),
    ("+4", "+4"),
    ("43.29164", "43.29164"),
    ("Ville de Nîmes", "Ville de Nîmes"),
    ("a=b", "a=b"),
    ("", ""),
    (None, ""),
    (float("nan"), ""),
    (-0.35004, "-0.35004"),
])
def test_spreadsheet_formulas_get_a_leading_apostrophe_and_numbers_do_not(cell, expected):
    """Test that cells starting with = + - @ tab or CR are neutralised, plain numbers left alone."""
    assert neutralize_formula(cell) == expected


def test_the_csv_is_canonical_utf8_with_the_schema_columns(rows):
    """Test that the CSV has no byte-order mark, commas, \\n, the schema's columns and every row."""
    data = to_csv(rows)
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert "\r\n" not in text
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == columns()
    assert [line[0] for line in table[1:]] == list(rows["id"])


def test_the_excel_csv_has_a_bom_semicolons_and_crlf(rows):
    """Test that the Excel variant is what French Excel opens correctly."""
    data = to_csv(rows, excel=True)
    assert data.startswith(b"\xef\xbb\xbfid;commune;")
    assert b"\r\n" in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(table) == len(rows) + 1


def test_the_csv_neutralises_formulas_in_every_text_column(rows):
    """Test that a hostile cell is neutralised while negative coordinates stay numbers."""
    hostile = rows.head(1).copy()
    hostile["operator"] = "=cmd|' /C calc'!A0"
    hostile["lon"] = -1.68188
    record = next(csv.DictReader(io.StringIO(to_csv(hostile).decode("utf-8"))))
    assert record["operator"] == "'=cmd|' /C calc'!A0"
    assert record["lon"] == "-1.68188"


def test_the_geojson_is_a_feature_collection_of_the_rows_with_coordinates(rows):
    """Test that each row with a point becomes a Point feature [lon, lat] carrying every column."""
    collection = json.loads(to_geojson(rows))
    located = rows[rows["lat"].notna() & rows["lon"].notna()]
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(located) < len(rows)
    feature, first = collection["features"][0], located.iloc[0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [first["lon"], first["lat"]]}
    assert list(feature["properties"]) == columns()
    assert feature["properties"]["id"] == first["id"]


def test_the_geojson_keeps_text_as_is_and_never_writes_nan(rows):
    """Test that accents stay readable, no NaN (invalid JSON) is written, text is not altered."""
    data = to_geojson(rows).decode("utf-8")
    assert "NaN" not in data
    assert "Nîmes" in data or "Saint-Étienne" in data
    json.loads(data)  # strict JSON


def test_an_empty_selection_gives_an_empty_collection(rows):
    """Test that no rows give a valid, empty FeatureCollection."""
    assert json.loads(to_geojson(rows.head(0))) == {"type": "FeatureCollection", "features": []}


def test_the_data_package_zip_holds_every_resource_with_its_schema():
    """Test that the zip has datapackage.json, each CSV with its schema, and is the same every time."""
    data = datapackage_zip()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "datapackage.json"
    expected = {"deployments.csv", "deployments.schema.json", "technologies.csv", "technologies.schema.json"}
    assert expected <= set(names)
    assert data == datapackage_zip()


def test_the_data_package_never_reaches_outside_its_folder(tmp_path):
    """Test that a resource path pointing outside data/ or to a missing file is left out."""
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("secret", encoding="utf-8")
    package = {"resources": [{"path": "a.csv"}, {"path": "../secret.txt"}, {"path": "missing.csv"},
                             {"path": "/etc/passwd"}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert datapackage_files(tmp_path) == ["datapackage.json", "a.csv"]


def test_the_geographic_attribution_is_quoted_word_for_word_from_provenance():
    """Test that the three attribution lines of data/geo/PROVENANCE.md are read whole."""
    assert geo_attributions() == [
        "Limites administratives : IGN – ADMIN EXPRESS COG 2018 (via gregoiredavid/france-geojson), "
        "Licence Ouverte.",
        "Communes, codes et populations : INSEE – Code officiel géographique 2026 et populations légales, "
        "via Etalab/data.gouv.fr `@etalab/decoupage-administratif` 6.0.0, Licence Ouverte.",
        "Arrondissements municipaux (points) : GeoNames (geonames.org), CC BY 4.0.",
    ]


def test_a_provenance_file_without_the_section_gives_no_attribution(tmp_path):
    """Test that a provenance file without the attribution section gives an empty list."""
    path = tmp_path / "PROVENANCE.md"
    path.write_text("# Provenance\n\n> a quote elsewhere.\n", encoding="utf-8")
    assert geo_attributions(path) == []


def test_the_sources_of_the_data_package_are_listed_with_their_address():
    """Test that package_sources reads titles and addresses from datapackage.json."""
    sources = package_sources()
    assert ("Technopolice (La Quadrature du Net)", "https://technopolice.fr/") in sources
    assert all(title for title, _ in sources)
