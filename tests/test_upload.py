"""Uploads (utils.upload): limits, decoding in memory, and the review of an editor's file."""

import copy
import datetime as dt
from pathlib import Path

import pytest

import utils.upload as upload
import utils.validate as validate
from utils.problems import WARNING, Problem
from utils.review_text import file_size, verdict
from utils.schema import TECHNOLOGIES
from utils.tabular import read_table
from utils.validate import validate_deployments

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
    assert "séparateur : point-virgule -> virgule" in [fix.fr for fix in review.fixes]
    assert "separator: semicolon -> comma" in [fix.en for fix in review.fixes]
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
    assert "colonne ajoutée, vide : lat" in [fix.fr for fix in review.fixes]
    assert [placement.row for placement in review.geocoding.placements] == [2]
    assert review.text.splitlines()[1].startswith("nimes-2015,Nîmes,30,30189,76,,43.8446,4.34761,commune,")
    assert {p.column for p in review.errors} == {"operator_type", "technology", "status", "description_fr",
                                                 "description_en", "sources", "evidence", "last_verified"}


@pytest.mark.parametrize(("size", "fr", "en"), [
    (1, "1 octet", "1 byte"),
    (850, "850 octets", "850 bytes"),
    (360_412, "360 ko", "360 kB"),
    (999_700, "1,0 Mo", "1.0 MB"),
    (5_242_881, "5,2 Mo", "5.2 MB"),
])
def test_file_sizes_are_written_in_the_readers_language(size, fr, en):
    """Test that sizes read "360 ko" in French and "360 kB" in English, with the decimal mark of each."""
    assert (file_size(size, "fr"), file_size(size, "en")) == (fr, en)


def test_the_read_note_says_how_the_file_was_read_in_each_language_with_its_size():
    """Test the read note of an Excel file: encoding, separator, rows and size, in French and English."""
    note = upload.ReadNote.of(read_table(FIXTURES / "edited_excel.csv"), 360_412)
    assert note.text("fr") == ("edited_excel.csv lu en Windows-1252, séparateur point-virgule, "
                               "3 lignes de données (360 ko)")
    assert note.text("en") == ("edited_excel.csv read as Windows-1252, semicolon separator, 3 data rows "
                               "(360 kB)")
    single = upload.ReadNote("one.csv", "utf-8", ",", 1)
    assert single.text("fr") == "one.csv lu en UTF-8, séparateur virgule, 1 ligne de données"


def duplicate_warning(row: int, row_id: str, earlier: int) -> Problem:
    return Problem("f.csv", row, row_id, "", f"attendu une seule ligne; trouvé la même combinaison qu'à la "
                                             f"ligne {earlier} [first] (doublon ?)", WARNING)


def test_a_warning_already_in_the_published_data_is_known_even_when_rows_moved():
    """Test that warnings match by id, column and message, row numbers aside, each published one once."""
    published = [duplicate_warning(16, "nice-2022", 15)]
    moved = duplicate_warning(17, "nice-2022", 16)  # a row inserted above shifts both numbers
    again = duplicate_warning(30, "nice-2022", 16)  # the same id twice in the file: only one is known
    other = duplicate_warning(18, "nice-2023", 16)
    assert upload.split_known([moved, again, other], published) == ([again, other], [moved])


def test_review_tells_new_warnings_from_those_of_the_published_data():
    """Test that a duplicate the editor added is new while the published data's own warning is known."""
    published = read_table(FIXTURES / "published.csv")
    edited, first = copy.deepcopy(published), published.rows[0]
    edited.rows += [[f"{first[0]}-2", *first[1:]], [f"{first[0]}-3", *first[1:]]]
    edited.row_numbers = []
    already = validate_deployments(edited, today=TODAY)[-1:]  # as if the published data had the last one
    review = upload.review_table(edited, published.to_frame(), TODAY, published_problems=already)
    assert [p.row_id for p in review.warnings] == ["nimes-briefcam-2015-2", "nimes-briefcam-2015-3"]
    assert [p.row_id for p in review.new_warnings] == ["nimes-briefcam-2015-2"]
    assert review.known_warnings == already


@pytest.mark.parametrize(("fixture", "fr", "en"), [
    ("edited_excel.csv", "3 lignes lues, toutes conservées : aucune erreur, aucun nouvel avertissement. "
     "Le fichier canonique est prêt à être proposé.",
     "3 rows read, all kept: no error, no new warning. The canonical file is ready to be proposed."),
    ("bad.csv", "3 lignes lues, toutes conservées : 4 erreurs sur 2 lignes, aucun nouvel avertissement. "
     "Corrigez les erreurs avant de proposer le fichier.",
     "3 rows read, all kept: 4 errors on 2 rows, no new warning. Fix the errors before proposing the file."),
])
def test_the_verdict_says_plainly_whether_there_are_errors(fixture, fr, en):
    """Test the verdict in both languages: "aucune erreur" rather than "0 erreur(s) sur 0 ligne(s)"."""
    review = review_of(fixture)
    assert (verdict(review, "fr"), verdict(review, "en")) == (fr, en)


def test_the_verdict_of_a_single_row_with_one_new_warning_agrees_in_number():
    """Test the singular forms: one row read, one error on one row, one new warning."""
    table = upload.read_upload("mine.csv", HEADER + b"nimes-2015,Nimes\n")
    review = upload.review_table(table, read_table(FIXTURES / "published.csv").to_frame(), TODAY)
    review.problems = [review.errors[0], Problem("mine.csv", 2, "nimes-2015", "", "x", WARNING)]
    assert verdict(review, "fr").startswith("1 ligne lue, conservée : 1 erreur sur 1 ligne, "
                                            "1 nouvel avertissement.")
    assert verdict(review, "en").startswith("1 row read and kept: 1 error on 1 row, 1 new warning.")


def test_geocoding_notes_are_worded_in_both_languages_with_the_spelling_fixed():
    """Test that a commune typed without its accent is placed, the note saying so in French and English."""
    table = upload.read_upload("mine.csv", HEADER + b"nimes-2015,Nimes\n")
    review = upload.review_table(table, read_table(FIXTURES / "published.csv").to_frame(), TODAY)
    [note] = review.geocoding_notes
    assert note.fr == ("ligne 2 [nimes-2015] : placée au point de la commune Nîmes (30), INSEE 30189 ; "
                       "commune réécrite à l'orthographe officielle : « Nimes » -> « Nîmes »")
    assert note.en == ("row 2 [nimes-2015]: placed at the point of the municipality Nîmes (30), INSEE 30189; "
                       "municipality rewritten to its official spelling: “Nimes” -> “Nîmes”")
