"""Exports of hostile rows: CSV with every formula neutralised, data kept as data, and documents (letters,
dossier, embeddable map) that carry the hostile text as text only."""

import csv
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pandas as pd
import pytest

from tests.fixtures.hostile import make_hostile
from tests.fixtures.hostile.html_safety import risky_markup
from utils import letters
from utils.data import load_deployments
from utils.documents import letter_docx
from utils.dossier import build_dossier
from utils.embed import build_embed
from utils.exports import to_csv, to_geojson
from utils.filters import Filters, filter_options
from utils.schema import columns

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
PAYLOAD = "<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    """The rows of hostile.csv that the app shows."""
    return load_deployments(make_hostile.HERE / "hostile.csv").rows


def harmless(rows: pd.DataFrame) -> pd.DataFrame:
    """The same rows with every hostile cell replaced by plain text."""
    rows = rows.copy()
    for row_id, cells in make_hostile.KEPT.items():
        for column in cells:
            rows.loc[rows["id"] == row_id, column] = "texte"
    return rows


def read_back(data: bytes, excel: bool) -> list[dict[str, str]]:
    """The exported CSV parsed as a spreadsheet would split it."""
    text = data.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


@pytest.mark.parametrize("excel", [False, True])
def test_that_no_exported_cell_starts_like_a_formula(rows, excel):
    """Test that every cell of both CSV exports is a plain number or starts with no formula character."""
    exported = read_back(to_csv(rows, excel=excel), excel)
    cells = [cell for record in exported for cell in record.values()]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(cell)] == []
    assert any(cell.startswith("-") and PLAIN_NUMBER.match(cell) for cell in cells)  # longitudes stay numbers


@pytest.mark.parametrize("excel", [False, True])
def test_that_formula_cells_get_one_leading_apostrophe_and_nothing_else_changes(rows, excel):
    """Test that the formulas row is exported with apostrophes, and the other hostile text verbatim."""
    exported = {record["id"]: record for record in read_back(to_csv(rows, excel=excel), excel)}
    assert list(exported) == list(make_hostile.KEPT)
    for row_id, cells in make_hostile.KEPT.items():
        for column, text in cells.items():
            expected = "'" + text if row_id == "formulas" else text.strip()
            assert exported[row_id][column] == expected
    assert list(exported["plain-row"]) == columns()


def test_that_the_geojson_export_carries_hostile_text_as_json_strings(rows):
    """Test that the GeoJSON parses, has one point per row, and its properties are the cells as written."""
    features = json.loads(to_geojson(rows))["features"]
    by_id = {feature["properties"]["id"]: feature["properties"] for feature in features}
    assert list(by_id) == list(make_hostile.KEPT)
    assert by_id["html-script"]["site"] == make_hostile.KEPT["html-script"]["site"]


@pytest.mark.parametrize("kind", letters.KINDS)
def test_that_a_letter_prints_hostile_cells_as_they_are_never_as_template_code(rows, kind):
    """Test that `{{ 7*7 }}` in a cell stays literal in the letter (the cell is never a template)."""
    row = rows.set_index("id", drop=False).loc["markdown-and-templates"].to_dict()
    letter = letters.deployment_letter(row, kind)
    if kind != "rgpd":
        assert "« {{ 7*7 }} {% raw %} »" in letter.subject
    assert "49" not in letter.text


def document_xml(docx: bytes) -> str:
    """word/document.xml of a .docx, checked to be well-formed XML."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    ElementTree.fromstring(xml)
    return xml


def test_that_the_docx_letter_holds_markup_and_control_characters_as_escaped_text(rows):
    """Test that a letter's .docx is well-formed XML with the payload as escaped text, even with controls."""
    row = rows.set_index("id", drop=False).loc["html-script"].to_dict()
    letter = letters.deployment_letter(row)
    xml = document_xml(letter_docx(letter.text + "\nNul\x00 et bip\x07 et \x1b[31m", PAYLOAD))
    assert "<script" not in xml
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in xml


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_the_dossier_of_hostile_rows_has_no_markup_from_the_data(rows, lang):
    """Test that the dossier has the same scripts, styles and links as with harmless text."""
    options = filter_options(rows)
    hostile = build_dossier(rows, Filters(), options, lang)
    assert "__pwned" in hostile
    assert risky_markup(hostile) == risky_markup(build_dossier(harmless(rows), Filters(), options, lang))


def test_that_a_hostile_search_in_the_link_stays_text_in_the_dossier(rows):
    """Test that the search words of a shared link, quoted in the dossier's sentence, add no markup."""
    options = filter_options(rows)
    hostile = build_dossier(rows, Filters(q=PAYLOAD), options, "fr")
    assert "window.__pwned=1" in hostile
    assert risky_markup(hostile) == risky_markup(build_dossier(rows, Filters(q="texte"), options, "fr"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_the_embeddable_map_of_hostile_rows_has_no_markup_from_the_data(rows, lang):
    """Test that the standalone map adds no script, handler or link for hostile rows or a hostile title."""
    base = "https://atlas.example.org"
    hostile = build_embed(rows, lang, base_url=base, title=PAYLOAD)
    plain = build_embed(harmless(rows), lang, base_url=base, title="texte")
    assert risky_markup(hostile) == risky_markup(plain)
