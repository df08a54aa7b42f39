"""Uploads (utils.upload): limits, decoding in memory, and the review of an editor's file."""

import copy
import datetime as dt
from pathlib import Path

import pytest

import utils.upload as upload
import utils.validate as validate
from utils.schema import TECHNOLOGIES
from utils.tabular import read_table

FIXTURES = Path(__file__).parent / "fixtures" / "contribute"
TODAY = dt.date(2026, 11, 27)
HEADER = b"id,commune\n"


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendors the fixtures use, whatever data/vendors.csv holds today."""
    references = validate.References(frozenset(TECHNOLOGIES), frozenset({"BriefCam", "Thales", "Actemium",
                                                                         "Datakalab", "TestWe"}))
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def refusal_of(data: bytes) -> upload.UploadRefused:
    with pytest.raises(upload.UploadRefused) as refused:
        upload.read_upload("mine.csv", data)
    return refused.value


def test_a_file_over_5_mb_is_refused_with_the_limit_in_both_languages():
    """Test that 5 MB and one byte is refused, the message stating the 5 MB limit."""
    refused = refusal_of(HEADER + b"x" * (upload.MAX_UPLOAD_BYTES + 1 - len(HEADER)))
    assert "la limite est de 5 Mo" in refused.message("fr")
    assert "the limit is 5 MB" in refused.message("en")


def test_the_size_limit_is_inclusive(monkeypatch):
    """Test that a file of exactly the limit is read and one byte more is not."""
    data = HEADER + b"a,b\n"
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", len(data))
    assert len(upload.read_upload("mine.csv", data).rows) == 1
    refusal_of(data + b"\n")


def test_more_than_100000_rows_are_refused_with_the_limit():
    """Test that 100 001 data rows are refused and the message says 100000."""
    refused = refusal_of(HEADER + b"a,b\n" * (upload.MAX_ROWS + 1))
    assert "la limite est de 100000" in refused.message("fr")
    assert "the limit is 100000" in refused.message("en")


def test_exactly_100000_rows_are_read():
    """Test that the row limit itself is allowed."""
    assert len(upload.read_upload("mine.csv", HEADER + b"a,b\n" * upload.MAX_ROWS).rows) == upload.MAX_ROWS


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml", "archive ou un classeur"),
    (b"PK\x05\x06" + b"\x00" * 18, "archive ou un classeur"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "archive ou un classeur"),
    (b"\x1f\x8b\x08\x00", "archive ou un classeur"),
    (b"%PDF-1.7\n", "archive ou un classeur"),
    (HEADER + b"a,\x00b\n", "fichier binaire"),
    (HEADER + b"a,\x01\x02\x03\n", "fichier binaire"),
    (HEADER + b"a,b\n" * 20_000 + b"\x00", "fichier binaire"),
    (b"", "fichier illisible"),
    (b"\n\n", "fichier illisible"),
    (HEADER + b",\n\n", "aucune ligne de données"),
])
def test_archives_workbooks_binary_and_empty_files_are_refused(data, reason):
    """Test that zip (xlsx, ods), xls, gzip, pdf, control characters and files without rows are refused."""
    assert reason in refusal_of(data).message("fr")


@pytest.mark.parametrize(("path", "encoding", "delimiter"), [
    (FIXTURES / "edited.csv", "utf-8", ","),
    (FIXTURES / "edited_excel.csv", "cp1252", ";"),
])
def test_uploads_are_decoded_like_files_on_disk(path, encoding, delimiter):
    """Test that uploaded bytes give the table read_table gives for the same file."""
    table = upload.read_upload(path.name, path.read_bytes())
    on_disk = read_table(path)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert (table.header, table.rows) == (on_disk.header, on_disk.rows)
    assert table.row_numbers == on_disk.row_numbers


def test_only_the_base_name_of_an_upload_is_kept():
    """Test that a browser-supplied path cannot point anywhere: messages name the file only."""
    assert upload.read_upload("../../etc/deployments.csv", HEADER + b"a,b\n").path.name == "deployments.csv"
    assert str(upload.read_upload("../../etc/deployments.csv", HEADER + b"a,b\n").path) == "deployments.csv"


def review_of(name: str):
    published = read_table(FIXTURES / "published.csv").to_frame()
    return upload.review_table(read_table(FIXTURES / name), published, TODAY)


def test_review_of_an_excel_file_gives_the_canonical_file_and_the_changes():
    """Test that the Excel twin is reviewed without problem, with its fixes, changes and canonical text."""
    review = review_of("edited_excel.csv")
    assert review.problems == []
    assert review.text == (FIXTURES / "edited.csv").read_text(encoding="utf-8")
    assert "séparateur : point-virgule -> virgule" in review.fixes
    assert review.changes.added == [(5, "cannes-datakalab-2020")]
    assert review.changes.removed == ["france-testwe-2020"]
    assert [(c.column, c.old, c.new) for c in review.changes.cells] == [("status", "active", "ended"),
                                                                         ("end_date", "", "2024")]


def test_review_keeps_and_flags_every_bad_row():
    """Test that rows with errors stay in the canonical file and are named by row and column."""
    review = review_of("bad.csv")
    assert review.rows_with_errors == [2, 3]
    assert {(p.row, p.column) for p in review.errors} == {(2, "technology"), (2, "sources"), (3, "status"),
                                                          (3, "description_en")}
    assert review.text == (FIXTURES / "bad.csv").read_text(encoding="utf-8")
    assert len(review.table.rows) == 3


def test_review_places_a_new_row_at_its_commune_offline_without_touching_the_input():
    """Test that a row naming only its commune gets the gazetteer's codes and point, in a copy."""
    table = read_table(FIXTURES / "edited.csv")
    header = table.header
    for column in ("department_code", "insee_code", "region_code", "lat", "lon", "geo_precision"):
        table.rows[2][header.index(column)] = ""
    before = copy.deepcopy(table)
    review = upload.review_table(table, read_table(FIXTURES / "published.csv").to_frame(), TODAY)
    assert review.text == (FIXTURES / "edited.csv").read_text(encoding="utf-8")
    assert [placement.row for placement in review.geocoding.placements] == [4]
    assert review.problems == []
    assert (table.rows, table.encoding) == (before.rows, before.encoding)


def test_review_of_a_partial_file_adds_the_missing_columns_and_places_the_row():
    """Test that a file with only id and commune gets every column, its point, and errors for what is left."""
    table = upload.read_upload("mine.csv", HEADER + b"nimes-2015,Nimes\n")
    review = upload.review_table(table, read_table(FIXTURES / "published.csv").to_frame(), TODAY)
    assert "colonne ajoutée, vide : lat" in review.fixes
    assert [placement.row for placement in review.geocoding.placements] == [2]
    assert review.text.splitlines()[1].startswith("nimes-2015,Nîmes,30,30189,76,,43.8446,4.34761,commune,")
    assert {p.column for p in review.errors} == {"operator_type", "technology", "status", "description_fr",
                                                 "description_en", "sources", "evidence", "last_verified"}
