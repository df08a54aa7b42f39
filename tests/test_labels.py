"""Human labels of the vocabulary codes, the readable table and the glossary."""

import pandas as pd
import pytest

from utils.labels import (
    VOCABULARIES,
    label,
    label_list,
    labelled_rows,
    technology_glossary,
    technology_labels,
    web_links,
)
from utils.schema import TECHNOLOGIES, enum


@pytest.mark.parametrize(("column", "code", "lang", "expected"), [
    ("status", "trial", "fr", "Expérimentation"),
    ("status", "trial", "en", "Trial"),
    ("status", "suspended_by_court", "en", "Suspended by a court"),
    ("operator_type", "municipality", "fr", "Commune ou intercommunalité"),
    ("evidence", "court_or_regulator", "en", "Court or regulator"),
    ("geo_precision", "national", "fr", "National"),
    ("technology", "facial_recognition", "fr", "Reconnaissance faciale"),
    ("technology", "facial_recognition", "en", "Facial recognition"),
    ("status", "no_such_code", "fr", "no_such_code"),
    ("no_such_column", "trial", "en", "trial"),
    ("technology", "", "fr", ""),
])
def test_label_translates_known_codes_and_returns_unknown_ones_unchanged(column, code, lang, expected):
    """Test that label gives the French or English label, or the code itself when it is unknown."""
    assert label(column, code, lang) == expected


@pytest.mark.parametrize("column", ["status", "operator_type", "evidence", "geo_precision"])
def test_every_code_of_the_schema_has_a_label_in_both_languages(column):
    """Test that the labels cover exactly the enum of the schema, with a French and an English text."""
    assert set(VOCABULARIES[column]) == set(enum(column))
    assert all(fr and en for fr, en in VOCABULARIES[column].values())


def test_every_technology_has_a_label_from_the_glossary_file():
    """Test that data/technologies.csv labels each of the 16 technology codes."""
    assert set(technology_labels()) == set(TECHNOLOGIES)


def test_a_missing_glossary_file_leaves_the_codes_as_labels(tmp_path):
    """Test that technology labels fall back to nothing (hence to the code) when the file is absent."""
    assert technology_labels(tmp_path / "missing.csv") == {}
    assert technology_glossary("fr", tmp_path / "missing.csv") == []


@pytest.mark.parametrize(("cell", "lang", "expected"), [
    ("drone|facial_recognition", "fr", "Drones, Reconnaissance faciale"),
    ("drone", "en", "Drones"),
    ("", "en", ""),
])
def test_label_list_labels_each_value_of_a_multi_valued_cell(cell, lang, expected):
    """Test that label_list turns `a|b` into the labels of a and b."""
    assert label_list("technology", cell, lang) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("https://a.fr/x|http://b.org", ["https://a.fr/x", "http://b.org"]),
    ("javascript:alert(1)|https://ok.fr", ["https://ok.fr"]),
    ("data:text/html,x|/relative|ftp://x.fr", []),
    ("HTTPS://UPPER.FR/", ["HTTPS://UPPER.FR/"]),
    ("https://", []),
    ("", []),
])
def test_web_links_keep_only_absolute_http_links(cell, expected):
    """Test that web_links drops javascript:, data:, relative and other non-web addresses."""
    assert list(web_links(cell)) == expected


def test_labelled_rows_show_labels_and_the_first_web_source():
    """Test that the table of the Data page shows labels, not codes, and one clickable source."""
    rows = pd.DataFrame([{
        "id": "x-2020", "commune": "Nîmes", "technology": "drone|video_search", "status": "active",
        "evidence": "press", "sources": "javascript:alert(1)|https://a.fr/1|https://b.fr/2",
    }])
    table = labelled_rows(rows, "en")
    assert table.loc[0, "technology"] == "Drones, Video search"
    assert table.loc[0, "status"] == "Active"
    assert table.loc[0, "evidence"] == "Press"
    assert table.loc[0, "sources"] == "https://a.fr/1"
    assert table.loc[0, "vendor"] == ""


def test_the_glossary_gives_each_technology_a_label_and_a_definition_in_each_language():
    """Test that technology_glossary reads 16 entries with a label and a definition in French and English."""
    for lang in ("fr", "en"):
        entries = technology_glossary(lang)
        assert len(entries) == len(TECHNOLOGIES)
        assert all(name and text for name, text in entries)
    assert technology_glossary("fr")[0][0] == "Reconnaissance faciale"
    assert technology_glossary("en")[0][0] == "Facial recognition"
