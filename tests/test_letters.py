"""Request letters: filled from the row, only the organiser's blanks left, correct legal references."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from utils.data import type_rows
from utils.letters import (
    BLANKS,
    KINDS,
    MAX_LISTED,
    commune_letter,
    communes,
    default_kind,
    deployment_letter,
    french_date,
    period,
    retail_vendors,
    store_letter,
)
from utils.schema import columns

ROW = {
    "id": "nimes-briefcam-2015",
    "commune": "Nîmes",
    "department_code": "30",
    "insee_code": "30189",
    "region_code": "76",
    "site": "Centre de supervision urbain",
    "operator": "Ville de Nîmes",
    "operator_type": "municipality",
    "vendor": "BriefCam|Thales",
    "product": "BriefCam Review",
    "technology": "video_search|drone",
    "use_case": "Recherche a posteriori dans les enregistrements",
    "status": "active",
    "start_date": "2015-03-02",
    "end_date": "",
    "legal_action": "",
    "sources": "https://example.org/nimes-1|https://example.org/nimes-2?a=1&b=2",
}
FILLED_FROM_ROW = (
    "Nîmes",
    "Gard, 30",
    "Ville de Nîmes",
    "Centre de supervision urbain",
    "BriefCam",
    "Thales",
    "BriefCam Review",
    "Recherche a posteriori",
    "depuis le 2 mars 2015",
    "recherche dans les vidéos",
    "https://example.org/nimes-1",
    "https://example.org/nimes-2?a=1&b=2",
)
CRPA_REFERENCES = (
    "L. 300-1",
    "L. 300-2",
    "L. 311-1",
    "L. 311-9",
    "L. 311-7",
    "R. 311-12",
    "R. 311-13",
    "R. 343-1",
    "L. 342-1",
    "CADA",
)
GDPR_REFERENCES = (
    "article 12, paragraphe 3",
    "article 13",
    "article 15",
    "article 77",
    "CNIL",
    "délai d'un mois",
    "loi n° 78-17 du 6 janvier 1978",
)
PLACEHOLDER = re.compile(r"\[[^\[\]\n]*\]")


def row(**changes: str) -> dict:
    """The sample deployment with some cells changed."""
    return {**ROW, **changes}


def typed(*rows: dict) -> pd.DataFrame:
    defaults = dict.fromkeys(columns(), "")
    return type_rows(pd.DataFrame([{**defaults, **cells} for cells in rows]))


def all_letters():
    """One letter of every kind and origin, from full and from sparse data."""
    sparse = {
        "id": "x-1",
        "operator_type": "retail",
        "technology": "other",
        "status": "unknown",
        "sources": "https://example.org/x",
    }
    yield from (deployment_letter(ROW, kind, objection=True) for kind in KINDS)
    yield from (deployment_letter(sparse, kind) for kind in KINDS)
    yield commune_letter("Nîmes", typed(ROW, row(id="nimes-2", vendor="")))
    yield commune_letter("", typed())
    yield store_letter("Intermarché de Nyons", "Nyons", ["Veesion"])
    yield store_letter("")


@pytest.mark.parametrize("kind", KINDS)
def test_that_every_field_of_the_row_is_in_the_letter(kind):
    """Test that commune, operator, site, vendors, product, dates and every source fill the letter."""
    text = deployment_letter(ROW, kind).text
    for expected in FILLED_FROM_ROW:
        assert expected in text


@pytest.mark.parametrize("letter", list(all_letters()), ids=lambda letter: f"{letter.kind}-{letter.slug}")
def test_that_only_known_blanks_are_left_to_fill(letter):
    """Test that no template code is left and every [bracketed] field is one of the listed blanks."""
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#|Undefined|None", letter.text)
    assert set(PLACEHOLDER.findall(letter.text)) <= set(BLANKS)
    assert {"[Vos nom et prénom]", "[Signature]", "[Date]"} <= set(PLACEHOLDER.findall(letter.text))


@pytest.mark.parametrize(
    ("kind", "references"),
    [
        ("mairie", CRPA_REFERENCES),
        ("prefecture", (*CRPA_REFERENCES, "L. 252-1", "L. 242-5")),
        ("organisme", CRPA_REFERENCES),
        ("rgpd", (*GDPR_REFERENCES, "article 21", "article 9", "L. 252-1")),
    ],
)
def test_that_the_legal_references_are_cited(kind, references):
    """Test that each kind of letter cites its legal grounds, time limits and the body to turn to."""
    text = deployment_letter(ROW, kind, objection=True).text
    for reference in references:
        assert reference in text


@pytest.mark.parametrize(
    ("technology", "cited", "absent"),
    [
        ("drone", "L. 242-5", "loi n° 2023-380"),
        ("behaviour_detection", "loi n° 2023-380", "L. 242-5"),
        ("license_plate_reading", "L. 252-1", "L. 242-5"),
    ],
)
def test_that_the_prefecture_letter_asks_for_the_authorisations_of_the_technology(technology, cited, absent):
    """Test that drone and algorithmic-video authorisations are asked for only when they apply."""
    text = deployment_letter(row(technology=technology), "prefecture").text
    assert cited in text
    assert absent not in text


def test_that_the_objection_paragraph_is_optional():
    """Test that the GDPR objection (art. 21) appears only when asked for."""
    assert "article 21" in deployment_letter(ROW, "rgpd", objection=True).text
    assert "article 21" not in deployment_letter(ROW, "rgpd").text


@pytest.mark.parametrize(
    ("operator_type", "department", "expected"),
    [
        ("municipality", "30", "mairie"),
        ("police", "13", "prefecture"),
        ("state", "75", "prefecture"),
        ("police", "", "organisme"),
        ("state", "", "organisme"),
        ("transport", "75", "organisme"),
        ("education", "06", "organisme"),
        ("health", "69", "organisme"),
        ("retail", "26", "rgpd"),
        ("sport_venue", "13", "rgpd"),
        ("event", "06", "rgpd"),
        ("private_other", "", "rgpd"),
        ("", "", "rgpd"),
    ],
)
def test_that_the_default_recipient_follows_the_operator(operator_type, department, expected):
    """Test that public operators get a CRPA letter (prefecture for the State locally), private ones GDPR."""
    assert default_kind(operator_type, department) == expected


@pytest.mark.parametrize(
    ("department", "recipient"),
    [
        ("30", "Préfecture — Gard (30)"),
        ("75", "Préfecture de police (Paris)"),
        ("13", "Préfecture de police des Bouches-du-Rhône"),
        ("", "Préfecture — [Département]"),
    ],
)
def test_that_the_prefecture_is_the_one_of_the_department(department, recipient):
    """Test that the prefecture letter goes to the department's prefecture (prefect of police in Paris)."""
    assert recipient in deployment_letter(row(department_code=department), "prefecture").text


@pytest.mark.parametrize(
    ("kind", "missing", "blank"),
    [
        ("mairie", "commune", "Mairie de [Commune]"),
        ("organisme", "operator", "[Nom de l'exploitant]"),
    ],
)
def test_that_a_missing_fact_becomes_a_blank(kind, missing, blank):
    """Test that a recipient the data does not name is left as a clear blank, not as empty text."""
    assert blank in deployment_letter(row(**{missing: ""}), kind).text


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2018-11-02", "", "depuis le 2 novembre 2018"),
        ("2019-02", "", "depuis février 2019"),
        ("2019", "", "depuis 2019"),
        ("2019-02", "2019-02", "en février 2019"),
        ("2019-02-01", "2019-02-01", "le 1er février 2019"),
        ("2020", "2021-01-12", "de 2020 au 12 janvier 2021"),
        ("2019-03-04", "2021", "du 4 mars 2019 à 2021"),
        ("", "2020", "jusqu'en 2020"),
        ("", "2020-03-05", "jusqu'au 5 mars 2020"),
        ("", "", ""),
    ],
)
def test_that_dates_read_as_french(start, end, expected):
    """Test that partial ISO dates become correct French phrases."""
    assert period(start, end) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-11-02", "2 novembre 2018"),
        ("2018-01-01", "1er janvier 2018"),
        ("2018-12", "décembre 2018"),
        ("2018", "2018"),
        ("", ""),
        ("vers 2018", "vers 2018"),
    ],
)
def test_that_a_date_is_written_in_words(value, expected):
    """Test that french_date spells out months and the first of the month."""
    assert french_date(value) == expected


def test_that_a_commune_letter_names_every_known_deployment():
    """Test that a town-hall letter describes the first deployments in full and names the others by id."""
    rows = typed(*(row(id=f"nimes-{n}", site=f"Site {n}") for n in range(MAX_LISTED + 3)))
    text = commune_letter("Nîmes", rows).text
    assert "Site 0" in text and f"Site {MAX_LISTED - 1}" in text
    assert f"Site {MAX_LISTED}" not in text
    assert f"nimes-{MAX_LISTED + 2}" in text
    assert "Mairie de Nîmes" in text


def test_that_a_commune_letter_keeps_to_its_commune():
    """Test that a town-hall letter leaves out other communes and a namesake in another department."""
    elsewhere = {"commune": "Saint-Denis", "operator": "Ville de Saint-Denis", "sources": "https://example.org/sd"}
    rows = typed(ROW, row(id="saint-denis-93", department_code="93", site="Stade", **elsewhere),
                 row(id="saint-denis-974", department_code="974", site="Port", **elsewhere))
    text = commune_letter("Saint-Denis", rows, "93").text
    assert "saint-denis-93" not in text  # one deployment: described, not listed by reference
    assert "Seine-Saint-Denis, 93" in text
    assert "Stade" in text and "Port" not in text and "974" not in text and "Nîmes" not in text


def test_that_the_communes_to_write_to_are_listed_once_each():
    """Test that communes() gives each (commune, department) once, sorted, without empty communes."""
    rows = typed(ROW, row(id="b"), row(id="c", commune="Alès"), row(id="d", commune=""))
    assert communes(rows) == [("Alès", "30"), ("Nîmes", "30")]


def test_that_store_letters_ask_about_the_retail_vendors():
    """Test that only vendors of retail theft detection are suggested, each once whatever its case."""
    rows = typed(ROW, row(id="r1", technology="retail_theft_detection", vendor="Veesion|Oxania"),
                 row(id="r2", technology="other|retail_theft_detection", vendor="veesion|Anaveo"),
                 row(id="r3", technology="retail_theft_detection", vendor="Veesion"))
    assert retail_vendors(rows) == ["Anaveo", "Oxania", "Veesion"]


def test_that_a_store_letter_needs_no_row():
    """Test that a survey letter to any store names it, its town and the vendors to ask about."""
    letter = store_letter("Intermarché de Nyons", "Nyons", ["Veesion", "Diebold Nixdorf"])
    assert letter.kind == "rgpd"
    assert "Intermarché de Nyons à Nyons" in letter.text
    assert "Veesion et Diebold Nixdorf" in letter.text
    assert letter.file_name("txt") == "lettre-rgpd-intermarche-de-nyons-nyons.txt"


def test_that_control_characters_and_line_breaks_in_cells_are_flattened():
    """Test that a cell cannot break the letter's layout with control characters or new lines."""
    text = deployment_letter(row(site="Parking\x0b nord\nbâtiment\tB"), "mairie").text
    assert "Lieu : Parking nord bâtiment B" in text
    assert "\x0b" not in text


def test_that_an_unknown_kind_is_refused_with_the_allowed_ones():
    """Test that asking for a kind of letter that does not exist says which ones do."""
    with pytest.raises(ValueError, match="mairie, prefecture, organisme, rgpd"):
        deployment_letter(ROW, "ministere")
