"""Popup text: every CSV string escaped, links http(s) only and opened safely, both languages."""

import pytest

from utils.labels import label
from utils.popups import (
    FIELD_COLUMNS,
    FIELD_LABELS,
    FULL_FIELDS,
    date_range,
    description,
    field_label,
    fragment,
    safe_url,
    source_links,
)

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "</dd></dl><a href='javascript:alert(1)'>x</a>",
]
RAW_MARKUP = ("<script", "<img", "<svg", "</dd>", "<a href='javascript")


def hostile_row(value: str) -> dict:
    """A deployment whose every text cell holds `value`."""
    columns = {column for columns in FIELD_COLUMNS.values() for column in columns}
    return {column: value for column in columns}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", FULL_FIELDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_no_field_lets_markup_through(field, value, lang):
    """Test that markup in any cell comes out of every popup field as inert text."""
    html = fragment(field, hostile_row(value), lang)
    assert not any(marker in html for marker in RAW_MARKUP)
    assert "<a " not in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("  HTTPS://Example.org/x  ", "HTTPS://Example.org/x"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//example.org/path", None),
        ("/relative/path", None),
        ("ftp://example.org/file", None),
        ("https://", None),
        ("", None),
        (None, None),
    ],
)
def test_that_only_absolute_http_urls_are_safe(url, expected):
    """Test that safe_url keeps absolute http(s) URLs and refuses every other scheme or form."""
    assert safe_url(url) == expected


def test_that_sources_become_links_that_open_in_a_new_tab_without_opener():
    """Test that each http(s) source is a link named by its site, opening with noopener noreferrer."""
    html = source_links("https://www.example.org/article|http://news.example.com/x")
    assert html.count('target="_blank" rel="noopener noreferrer"') == 2
    assert '<a href="https://www.example.org/article"' in html
    assert ">example.org</a>" in html
    assert ">news.example.com</a>" in html


@pytest.mark.parametrize(
    ("cell", "forbidden", "shown"),
    [
        ("javascript:alert(1)", "<a ", "javascript:alert(1)"),
        ("https://example.org/?q=\"><script>alert(1)</script>", "<script", "&lt;script&gt;"),
        ("https://example.org/\" onmouseover=\"alert(1)", '" onmouseover', "&quot; onmouseover"),
        ("see the city bulletin", "<a ", "see the city bulletin"),
    ],
)
def test_that_hostile_sources_stay_inert(cell, forbidden, shown):
    """Test that a source cell can neither run a script nor break out of its link's href."""
    html = source_links(cell)
    assert forbidden not in html
    assert shown in html


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        ("2018-11-02", "2020-02-27", "fr", "2018-11-02 → 2020-02-27"),
        ("2019", "", "fr", "depuis 2019"),
        ("2019", "", "en", "since 2019"),
        ("", "2020-02", "fr", "jusqu'en 2020-02"),
        ("", "2020-02", "en", "until 2020-02"),
        ("", "", "fr", ""),
    ],
)
def test_that_dates_read_as_a_period(start, end, lang, expected):
    """Test that start and end dates read as one period in each language."""
    assert date_range(start, end, lang) == expected


@pytest.mark.parametrize(
    ("row", "lang", "expected"),
    [
        ({"description_fr": "Texte", "description_en": "Text"}, "fr", "Texte"),
        ({"description_fr": "Texte", "description_en": "Text"}, "en", "Text"),
        ({"description_fr": "Texte", "description_en": ""}, "en", "Texte"),
        ({"description_fr": "", "description_en": "Text"}, "fr", "Text"),
    ],
)
def test_that_the_description_follows_the_language_and_falls_back(row, lang, expected):
    """Test that the description is in the page's language, or in the other one when missing."""
    assert description(row, lang) == expected


@pytest.mark.parametrize("field", FULL_FIELDS)
def test_that_every_field_is_named_in_both_languages(field):
    """Test that every popup field has a French and an English name."""
    assert field_label(field, "fr") == FIELD_LABELS[field][0]
    assert field_label(field, "en") == FIELD_LABELS[field][1]


def test_that_codes_are_shown_as_labels_in_the_page_language():
    """Test that technology and status codes are shown as their labels, in each language."""
    row = {"technology": "drone|facial_recognition", "status": "active"}
    assert fragment("status", row, "fr") == "En service"
    assert fragment("status", row, "en") == "Active"
    for lang in ("fr", "en"):
        expected = f"{label('technology', 'drone', lang)}, {label('technology', 'facial_recognition', lang)}"
        assert fragment("technology", row, lang) == expected
        assert "facial_recognition" not in expected


def test_that_the_commune_carries_its_department_code():
    """Test that the commune is followed by its department code, to tell namesakes apart."""
    reunion = {"commune": "Saint-Denis", "department_code": "974"}
    assert fragment("commune", reunion, "fr") == "Saint-Denis (974)"
    assert fragment("commune", {"commune": "", "department_code": "974"}, "fr") == ""
