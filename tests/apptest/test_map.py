"""The map page, run alone with AppTest in French and English (the map's inside is checked in a browser)."""

import csv
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from utils.schema import columns

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "carte.py")
FIELDS = ("id", "insee_code", "commune", "department_code", "region_code", "lat", "lon", "geo_precision",
          "technology", "status", "start_date", "end_date")
DEPLOYMENTS = [
    ("nice-drone", "06088", "Nice", "06", "93", "43.71234", "7.23778", "commune", "drone", "active",
     "2019", ""),
    ("marseille-vsa", "13055", "Marseille", "13", "93", "43.29164", "5.4205", "commune",
     "behaviour_detection", "ended", "2015", "2017"),
    ("lille-lapi", "59350", "Lille", "59", "32", "50.63178", "3.04706", "commune", "license_plate_reading",
     "active", "2021", ""),
    ("saint-denis-vsa", "97411", "Saint-Denis", "974", "04", "-20.93306", "55.447", "commune",
     "behaviour_detection", "trial", "2022", ""),
    ("france-drones", "", "", "", "", "", "", "national", "drone", "active", "2020", ""),
]
NATIONAL_OPERATOR = "Ministère de l'Intérieur"
COMMON = {"vendor": "Actemium", "description_fr": "Description.", "description_en": "Description.",
          "sources": "https://example.org/source", "evidence": "press", "last_verified": "2026-01-01"}


def write_fixture(path: Path) -> Path:
    """A small valid deployments file: four places (one in La Réunion) and one nationwide deployment."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns())
        writer.writeheader()
        for values in DEPLOYMENTS:
            row = dict(zip(FIELDS, values, strict=True))
            national = row["geo_precision"] == "national"
            writer.writerow({**COMMON, **row,
                             "operator": NATIONAL_OPERATOR if national else f"Ville de {row['commune']}",
                             "operator_type": "state" if national else "municipality"})
    return path


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The map page on the fixture file, not yet run."""
    monkeypatch.setenv("ATLAS_DATA", str(write_fixture(tmp_path / "deployments.csv")))
    return AppTest.from_file(PAGE, default_timeout=30)


def counts(at: AppTest) -> tuple[int, int]:
    """(on the map, without a place) as the page states them."""
    caption = next(c.value for c in at.caption if "carte," in c.value or "on the map," in c.value)
    on_map, unplaced = re.findall(r"\d+", caption)[:2]
    return int(on_map), int(unplaced)


def open_page(at: AppTest, lang: str = "fr", **params: list[str]) -> AppTest:
    at.query_params["lang"] = [lang]
    for key, values in params.items():
        at.query_params[key] = values
    return at.run()


@pytest.mark.parametrize(("lang", "title"), [("fr", "Carte"), ("en", "Map")])
def test_that_the_page_renders_in_both_languages(app, lang, title):
    """Test that the page runs without error, titled and with its map component, in each language."""
    at = open_page(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert any(type(e).__name__ == "UnknownElement" for e in at.main)  # st_folium's iframe
    assert counts(at) == (4, 1)


@pytest.mark.parametrize(("params", "expected"), [
    ({"tech": ["drone"]}, (1, 1)),
    ({"tech": ["behaviour_detection"]}, (2, 0)),
    ({"dept": ["974"]}, (1, 0)),
    ({"status": ["ended"]}, (1, 0)),
])
def test_that_a_shared_link_changes_what_is_counted(app, params, expected):
    """Test that filters given in the URL change the counts of deployments mapped and listed."""
    assert counts(open_page(app, "en", **params)) == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_nationwide_deployments_are_listed_below_the_map(app, lang):
    """Test that the deployment without coordinates is listed, with its operator, in a table."""
    at = open_page(app, lang)
    listed = at.dataframe[0].value
    assert len(listed) == 1
    assert NATIONAL_OPERATOR in listed.to_numpy().tolist()[0]


@pytest.mark.parametrize(("year", "expected"),
                         [(2016, (1, 0)), (2018, (0, 0)), (2020, (1, 1)), (2022, (3, 1))])
def test_that_the_year_slider_shows_the_deployments_in_service_at_its_end(app, year, expected):
    """Test that choosing a year keeps the deployments started by then and not ended before it."""
    at = open_page(app)
    at.select_slider(key="map_year").set_value(year).run()
    assert not at.exception
    assert counts(at) == expected


def test_that_the_table_twin_lists_every_filtered_deployment(app):
    """Test that the table beside the map lists the same rows as the map and the nationwide list."""
    at = open_page(app, "en", tech=["drone"])
    twin = at.dataframe[-1].value
    assert sorted(twin["Identifier"]) == ["france-drones", "nice-drone"]
    assert set(twin["Technology"]) != {"drone"}  # labels, not codes


def test_that_a_table_twin_over_the_limit_is_sent_only_when_asked(app, monkeypatch):
    """Test that above the limit the twin waits for its toggle, then lists every filtered row."""
    monkeypatch.setattr("utils.map_table.TWIN_SENT_WITH_PAGE", 3)
    at = open_page(app, "fr")
    assert len(at.dataframe) == 1  # the nationwide list only
    assert at.toggle(key="map_table_shown").label == "Afficher les 5 lignes"

    at.toggle(key="map_table_shown").set_value(True).run()

    assert len(at.dataframe) == 2
    assert sorted(at.dataframe[-1].value["Identifiant"]) == sorted(row[0] for row in DEPLOYMENTS)


def test_that_the_zone_selector_counts_and_recentres_without_error(app):
    """Test that the zone selector names each zone with its count, and choosing one reruns cleanly."""
    at = open_page(app, "en")
    zone = at.selectbox(key="map_zone")
    assert "Réunion (1)" in zone.options and "Metropolitan France (3)" in zone.options
    zone.set_value("reunion").run()
    assert not at.exception and counts(at) == (4, 1)


def test_that_the_choropleth_toggle_reruns_without_error(app):
    """Test that switching the background to departments or regions keeps the page working."""
    at = open_page(app)
    for level in ("department", "region"):
        at.radio(key="map_layer").set_value(level).run()
        assert not at.exception
