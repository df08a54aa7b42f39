"""The Contribute page in a browser: an editor's spreadsheet file uploaded, reviewed and given back canonical.

The uploads are built from the published rows of data/deployments.csv, written as Excel or LibreOffice
would write them, and sent through the page's own file picker on the server of the published data.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from utils.canonical import canonical_text, canonicalize
from utils.geocode import geocode_table
from utils.upload import read_upload

from .conftest import APP_IDLE, REAL_DATA, WAIT_MS, AppPage, read_rows

pytestmark = pytest.mark.browser

COMMUNES = REAL_DATA.parent / "geo" / "communes.csv"
UPLOADER = ".st-key-contribute_upload input[type=file]"
VERDICT = '[data-testid="stAlert"] [data-testid="stMarkdownContainer"]'
READY = "Télécharger le fichier canonique"
WITH_ERRORS = "Télécharger le fichier canonique (avec ses erreurs)"
NEW_ID = "evreux-videosurveillance-2026"
NEW_COMMUNE = "Évreux"  # one commune of that name in France: placed without a department code
GEO_CELLS = ("department_code", "insee_code", "region_code", "lat", "lon", "geo_precision")
UNKNOWN_STATUS = "en service"
IMPOSSIBLE_DATE = "2021-02-30"
# Glide draws a grid's cells on a canvas and mirrors the rows in view in a table for screen readers.
GRID = '//table[@role="grid"]'
GRID_AFTER = ('xpath=//div[@data-testid="stElementContainer"][.//h3[normalize-space(.)="{heading}"]]'
              f'/following-sibling::div[@data-testid="stElementContainer"][.{GRID}][1]{GRID}')
GRID_ROWS_JS = """table => [...table.querySelectorAll('tbody tr')]
    .map(row => [...row.querySelectorAll('td')].map(cell => cell.textContent))"""


# --- the editor's files -----------------------------------------------------------------------

def spreadsheet_bytes(rows: list[dict[str, str]], delimiter: str, encoding: str) -> bytes:
    """`rows` under the published header, as a spreadsheet saves them (CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def gazetteer_row(name: str) -> dict[str, str]:
    """The only row of data/geo/communes.csv for the commune `name`."""
    matches = [row for row in read_rows(COMMUNES) if row["name"] == name]
    assert len(matches) == 1, f"{name} must name exactly one commune for this test"
    return matches[0]


def new_deployment(published: list[dict[str, str]]) -> dict[str, str]:
    """A row typed by an editor: a commune with accents, and no codes nor coordinates to place it by."""
    model = next(row for row in published if row["geo_precision"] == "commune")
    return {**model, "id": NEW_ID, "commune": NEW_COMMUNE, "site": "Hôtel de ville",
            **dict.fromkeys(GEO_CELLS, "")}


def expected_canonical(name: str, data: bytes) -> bytes:
    """What the canonical writer makes of this upload once its rows are geocoded offline."""
    canonical = canonicalize(read_upload(name, data))
    geocode_table(canonical.table)
    return canonical_text(canonical.table).encode("utf-8")


# --- the page ---------------------------------------------------------------------------------

def upload(app: AppPage, name: str, data: bytes) -> AppPage:
    """Choose the file in the page's uploader and wait until its review is drawn."""
    app.page.locator(UPLOADER).set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})
    # The verdict only exists once the upload has been reviewed; then the run must end.
    app.page.locator(VERDICT, has_text="lignes lues").wait_for(timeout=WAIT_MS)
    app.page.locator(APP_IDLE).wait_for(timeout=WAIT_MS)
    return app.wait_idle()


def grid_rows(app: AppPage, heading: str) -> list[list[str]]:
    """The cells of the first data grid under the subheading `heading`."""
    grid = app.page.locator(GRID_AFTER.format(heading=heading))
    grid.wait_for(state="attached", timeout=WAIT_MS)
    return grid.evaluate(GRID_ROWS_JS)


def download(app: AppPage, label: str) -> tuple[str, bytes]:
    """Click the download button `label`; the file's suggested name and its bytes."""
    with app.page.expect_download(timeout=WAIT_MS) as info:
        app.page.get_by_role("button", name=label, exact=True).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def open_expander(app: AppPage, title: str) -> str:
    """Open the expander `title` and return its visible text."""
    expander = app.page.locator('[data-testid="stExpander"]', has_text=title)
    expander.locator("summary").click()
    details = expander.locator('[data-testid="stExpanderDetails"]')
    expect(details).to_be_visible(timeout=WAIT_MS)
    return details.inner_text()


def parsed(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a file read as strict UTF-8 and comma-separated."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=",")
    header, *cells = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in cells]


def assert_calm(app: AppPage) -> None:
    assert app.dialogs == []
    assert app.console_errors == []


# --- the tests --------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "delimiter", "encoding", "read_as"), [
    ("deployments-excel.csv", ";", "cp1252", "lu en Windows-1252, séparateur point-virgule"),
    ("deployments-libreoffice.tsv", "\t", "utf-8-sig", "lu en UTF-8 avec BOM, séparateur tabulation"),
])
def test_an_edited_spreadsheet_file_is_reviewed_and_given_back_canonical_with_its_new_row_placed(
        open_page, real_app, name, delimiter, encoding, read_as):
    """Test that an upload shows its change (1 added, 1 changed) and downloads as canonical UTF-8 CSV."""
    published = read_rows(REAL_DATA)
    header = list(published[0])
    edited = copy.deepcopy(published)
    changed = 5
    old_site = edited[changed]["site"]
    edited[changed]["site"] = new_site = f"{old_site} (caméras déplacées)"
    edited.append(new_deployment(published))
    data = spreadsheet_bytes(edited, delimiter, encoding)

    app = upload(open_page(real_app, "contribuer"), name, data)

    text = app.main_text()
    assert f"{name} {read_as}, {len(edited)} lignes de données" in text
    expect(app.page.locator(VERDICT)).to_have_text(
        f"{len(edited)} lignes lues, toutes conservées : aucune erreur, aucun nouvel avertissement. "
        "Le fichier canonique est prêt à être proposé.")
    assert "1 ligne ajoutée, aucune retirée, 1 modifiée (1 cellule)" in text
    assert grid_rows(app, "Changements par rapport aux données publiées") == [
        [str(changed + 2), edited[changed]["id"], "site", old_site, new_site]]
    assert f"{NEW_ID} ({len(edited) + 1})" in open_expander(app, "Lignes ajoutées (1)")
    place = gazetteer_row(NEW_COMMUNE)
    assert (f"placée au point de la commune {NEW_COMMUNE} ({place['department_code']}), "
            f"INSEE {place['insee_code']}") in open_expander(app, "Géocodage hors ligne (1)")

    file_name, downloaded = download(app, READY)
    assert file_name == "deployments.csv"
    assert not downloaded.startswith(b"\xef\xbb\xbf") and b"\r" not in downloaded
    assert downloaded.split(b"\n", 1)[0] == ",".join(header).encode("utf-8")
    columns, rows = parsed(downloaded)
    assert columns == header
    assert rows[:-1] == [{**row, "site": new_site} if index == changed else row
                         for index, row in enumerate(published)]
    assert rows[-1] == {**edited[-1], "department_code": place["department_code"],
                        "insee_code": place["insee_code"], "region_code": place["region_code"],
                        "lat": place["lat"], "lon": place["lon"], "geo_precision": "commune"}
    assert downloaded == expected_canonical(name, data)
    assert_calm(app)


def test_a_bad_upload_names_each_error_by_row_and_column_and_keeps_every_row(open_page, real_app):
    """Test that an unknown status and an impossible date are listed by row and column, no row being lost."""
    published = read_rows(REAL_DATA)
    edited = copy.deepcopy(published)
    bad_status, bad_date = 3, 7
    edited[bad_status]["status"] = UNKNOWN_STATUS
    edited[bad_date]["start_date"] = IMPOSSIBLE_DATE
    data = spreadsheet_bytes(edited, ";", "cp1252")

    app = upload(open_page(real_app, "contribuer"), "deployments-excel.csv", data)

    expect(app.page.locator(VERDICT)).to_have_text(
        f"{len(edited)} lignes lues, toutes conservées : 2 erreurs sur 2 lignes, aucun nouvel avertissement. "
        "Corrigez les erreurs avant de proposer le fichier.")
    errors = grid_rows(app, "Erreurs")
    assert [cells[:3] for cells in errors] == [[str(bad_status + 2), edited[bad_status]["id"], "status"],
                                               [str(bad_date + 2), edited[bad_date]["id"], "start_date"]]
    assert f"« {UNKNOWN_STATUS} »" in errors[0][3] and f"« {IMPOSSIBLE_DATE} »" in errors[1][3]
    assert [cells[:2] for cells in grid_rows(app, "Lignes en erreur (conservées)")] == [
        [str(bad_status + 2), edited[bad_status]["id"]], [str(bad_date + 2), edited[bad_date]["id"]]]
    assert "aucune ligne ajoutée, aucune retirée, 2 modifiées (2 cellules)" in app.main_text()
    expect(app.page.get_by_role("button", name=READY, exact=True)).to_have_count(0)

    _, downloaded = download(app, WITH_ERRORS)
    assert parsed(downloaded)[1] == edited
    assert_calm(app)
