"""The dossier of an area: self-contained, complete, escaped, printable; and its SVG map."""

from __future__ import annotations

import csv
import re
from datetime import date

import pandas as pd
import pytest
from markupsafe import escape

from utils.data import type_rows
from utils.dossier import build_dossier, dossier_file_name, dossier_title, highlighted_departments, main
from utils.dossier_map import map_panels
from utils.filters import Filters, filter_options
from utils.schema import columns

HOSTILE = "<script>alert(1)</script>"
ROWS = [
    {
        "id": "marseille-vsa",
        "commune": "Marseille",
        "insee_code": "13055",
        "department_code": "13",
        "region_code": "93",
        "lat": "43.29164",
        "lon": "5.4205",
        "operator": "Ville de Marseille",
        "operator_type": "municipality",
        "vendor": "SNEF",
        "technology": "behaviour_detection",
        "status": "trial",
        "start_date": "2018-11",
        "legal_action": "LQDN, TA de Marseille, 2020",
        "sources": "https://example.org/m?a=1&b=2|https://example.org/m2",
    },
    {
        "id": "nice-drone",
        "commune": "Nice",
        "insee_code": "06088",
        "department_code": "06",
        "region_code": "93",
        "lat": "43.71234",
        "lon": "7.23778",
        "operator": "Ville de Nice",
        "operator_type": "municipality",
        "vendor": "",
        "technology": "drone",
        "status": "active",
        "sources": "https://example.org/n",
    },
    {
        "id": "aix-hostile",
        "commune": HOSTILE,
        "department_code": "13",
        "region_code": "93",
        "lat": "43.5283",
        "lon": "5.44973",
        "site": HOSTILE,
        "operator": HOSTILE,
        "operator_type": "retail",
        "vendor": HOSTILE,
        "product": '"><svg onload=alert(1)>',
        "technology": "retail_theft_detection",
        "status": "active",
        "description_fr": HOSTILE,
        "legal_action": HOSTILE,
        "sources": 'javascript:alert(1)|https://example.org/"onmouseover="alert(1)',
    },
    {
        "id": "saint-denis-reunion",
        "commune": "Saint-Denis",
        "department_code": "974",
        "region_code": "04",
        "lat": "-20.93306",
        "lon": "55.447",
        "operator": "Ville de Saint-Denis",
        "operator_type": "municipality",
        "technology": "video_search",
        "status": "active",
        "sources": "https://example.org/r",
    },
    {
        "id": "france-national",
        "operator": "Ministère de l'Intérieur",
        "operator_type": "state",
        "technology": "facial_recognition",
        "status": "active",
        "geo_precision": "national",
        "sources": "https://example.org/f",
    },
]
SAFE_SOURCES = {
    "https://example.org/m?a=1&b=2",
    "https://example.org/m2",
    "https://example.org/n",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/r",
    "https://example.org/f",
}


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    defaults = {**dict.fromkeys(columns(), ""), "description_fr": "Description.", "description_en": "Text."}
    return type_rows(pd.DataFrame([{**defaults, **row} for row in ROWS]))


def dossier(rows: pd.DataFrame, lang: str = "fr", **params: list[str]) -> str:
    options = filter_options(rows)
    filters, _ = Filters.from_params(params, options, lang)
    return build_dossier(rows, filters, options, lang, made_on=date(2026, 11, 27))


def attribute_values(html: str, name: str) -> list[str]:
    return re.findall(rf'\s{name}="([^"]*)"', html)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_the_dossier_loads_nothing_from_outside(rows, lang):
    """Test that the only URLs are the sources' http(s) links: no script, style sheet, font or image."""
    html = dossier(rows, lang)
    assert not re.search(r"<script|<link|<img|<iframe|<object|<embed|@import|url\(|@font-face", html, re.I)
    assert attribute_values(html, "src") == []
    links = [value for value in attribute_values(html, "href") if not value.startswith("#")]
    assert links and {link.replace("&amp;", "&").replace("&#34;", '"') for link in links} <= SAFE_SOURCES
    assert all(value[1:].isalnum() for value in attribute_values(html, "href") if value.startswith("#"))


def test_that_every_link_opens_safely(rows):
    """Test that every external link opens in a new tab without a handle on the dossier."""
    anchors = re.findall(r"<a [^>]*href=\"http[^>]*>", dossier(rows))
    assert anchors and all('rel="noopener noreferrer"' in a and 'target="_blank"' in a for a in anchors)


def test_that_every_deployment_appears_with_its_sources(rows):
    """Test that each row's id, commune and every http(s) source are in the dossier."""
    html = dossier(rows)
    for row in ROWS:
        assert row["id"] in html
        assert escape(row.get("commune", "")) in html
    for source in SAFE_SOURCES:
        assert escape(source) in html


def test_that_a_script_in_a_cell_never_appears_raw(rows):
    """Test that markup in cells is escaped and a javascript: source stays inert text."""
    html = dossier(rows)
    assert HOSTILE not in html and "<svg onload" not in html
    assert escape(HOSTILE) in html
    assert 'href="javascript' not in html
    assert "javascript:alert(1)" in html


@pytest.mark.parametrize(
    ("params", "kept", "dropped", "title"),
    [
        (
            {"dept": ["13"]},
            ["marseille-vsa", "aix-hostile"],
            ["nice-drone", "france-national"],
            "Bouches-du-Rhône (13)",
        ),
        (
            {"region": ["93"]},
            ["marseille-vsa", "nice-drone"],
            ["saint-denis-reunion"],
            "Provence-Alpes-Côte d'Azur",
        ),
        (
            {"dept": ["13"], "tech": ["behaviour_detection"]},
            ["marseille-vsa"],
            ["aix-hostile"],
            "Bouches-du-Rhône (13) (sélection)",
        ),
        ({}, [row["id"] for row in ROWS], [], "France entière"),
    ],
)
def test_that_the_dossier_covers_the_chosen_area(rows, params, kept, dropped, title):
    """Test that a department, a region or any filter picks the deployments and names the area."""
    html = dossier(rows, **params)
    assert all(deployment_id in html for deployment_id in kept)
    assert not any(deployment_id in html for deployment_id in dropped)
    assert f"<h1>Dossier : {escape(title)}</h1>" in html


def test_that_the_dossier_states_filters_licence_attribution_and_date(rows):
    """Test that the filter sentence, data licence, geographic credit and date are printed."""
    html = dossier(rows, dept=["13"])
    options = filter_options(rows)
    sentence = Filters.from_params({"dept": ["13"]}, options, "fr")[0].describe("fr", options)
    for expected in (escape(sentence), "ODbL", "IGN – ADMIN EXPRESS", "INSEE", "27 novembre 2026"):
        assert expected in html
    assert "27 November 2026" in dossier(rows, "en")


def test_that_text_is_escaped_exactly_once(rows):
    """Test that an ampersand in a description or a site reads back as one ampersand, not "&amp;amp;"."""
    sample = rows.assign(description_fr="R&D <b>", description_en="R&D <b>", site="Gare & parvis")
    for lang in ("fr", "en"):
        html = dossier(sample, lang)
        assert "R&amp;D &lt;b&gt;" in html and "Gare &amp; parvis" in html
        assert "&amp;amp;" not in html and "&amp;lt;" not in html


def test_that_vendors_and_legal_actions_are_listed(rows):
    """Test that the vendors table and the legal actions section hold the area's facts."""
    html = dossier(rows, dept=["13"])
    vendors = html.split("Fournisseurs</h2>")[1].split("</section>")[0]
    assert "SNEF" in vendors and escape(HOSTILE) in vendors
    legal = html.split("Actions en justice</h2>")[1].split("</section>")[0]
    assert "LQDN, TA de Marseille, 2020" in legal


def test_that_the_dossier_prints_on_a4(rows):
    """Test that the page size and print rules are set."""
    html = dossier(rows)
    assert "@page { size: A4" in html and "@media print" in html and "break-inside: avoid" in html


def test_that_the_map_has_one_point_per_place_and_an_inset_overseas(rows):
    """Test that the SVG panels hold each located place once, with La Réunion as a half-size inset."""
    panels = map_panels(rows, {"13"}, "fr")
    assert [panel.title for panel in panels] == ["Métropole", "La Réunion"]
    assert [panel.inset for panel in panels] == [False, True]
    assert sum(len(panel.points) for panel in panels) == 4
    for panel in panels:
        assert all(0 <= p.x <= panel.width and 0 <= p.y <= panel.height for p in panel.points)
    chosen = [area.code for area in panels[0].areas if area.highlighted]
    assert chosen == ["13"]


def test_that_a_region_highlights_its_departments(rows):
    """Test that a region filter stresses every department of the region."""
    filters = Filters(region=("93",))
    assert highlighted_departments(filters, rows) == {"04", "05", "06", "13", "83", "84"}


@pytest.mark.parametrize(("title", "name"), [
    ("Bouches-du-Rhône (13)", "dossier-bouches-du-rhone-13.html"),
    ("Provence-Alpes-Côte d'Azur (sélection)", "dossier-provence-alpes-cote-d-azur-selection.html"),
    ("", "dossier-atlas.html"),
])
def test_that_the_file_is_named_after_the_area(title, name):
    """Test that the dossier's file name is the area's title in plain lowercase ASCII."""
    assert dossier_file_name(title) == name


def test_that_an_empty_selection_still_makes_a_dossier(rows):
    """Test that a selection without deployments gives a dossier that says so, with a map of France."""
    html = dossier(rows, dept=["23"])
    assert "Aucun déploiement ne correspond" in html
    assert dossier_title(Filters(dept=("23",)), filter_options(rows), "en") == "Creuse (23)"


def test_that_the_command_line_writes_the_dossier(rows, tmp_path, monkeypatch, capsys):
    """Test that `python -m utils.dossier --dept 13 -o file` writes that department's dossier."""
    data = tmp_path / "deployments.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns())
        writer.writeheader()
        writer.writerows(
            {
                **dict.fromkeys(columns(), ""),
                "description_fr": "D.",
                "description_en": "D.",
                "evidence": "press",
                "last_verified": "2026-11-27",
                **row,
            }
            for row in ROWS[:2]
        )
    output = tmp_path / "dossier.html"
    assert main(["--dept", "13", "--data", str(data), "--params", "tech=nope", "-o", str(output)]) == 0
    html = output.read_text(encoding="utf-8")
    assert "marseille-vsa" in html and "nice-drone" not in html
    assert "nope" in capsys.readouterr().err
