"""The timeline page, run alone with AppTest in French and English, on a small fixture file."""

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest.conftest import run_with_params, write_deployments

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "chronologie.py")
FIELDS = ("id", "insee_code", "commune", "department_code", "region_code", "lat", "lon", "vendor",
          "technology", "status", "start_date", "end_date")
DEPLOYMENTS = [
    ("nice-drone", "06088", "Nice", "06", "93", "43.71234", "7.23778", "Drone06", "drone", "ended",
     "2020-03", ""),
    ("marseille-vsa", "13055", "Marseille", "13", "93", "43.29164", "5.4205", "SNEF",
     "behaviour_detection|video_search", "ended", "2018", "2020"),
    ("lille-lapi", "59350", "Lille", "59", "32", "50.63178", "3.04706", "", "license_plate_reading",
     "active", "2020-06-01", ""),
    ("nimes-briefcam", "30189", "Nîmes", "30", "76", "43.84469", "4.34762", "BriefCam", "video_search",
     "active", "", ""),
]
COMMON = {"geo_precision": "commune", "operator_type": "municipality", "description_fr": "Description.",
          "description_en": "Description.", "sources": "https://example.org/source", "evidence": "press",
          "last_verified": "2026-01-01"}
EVENTS = ("date,title_fr,title_en,description_fr,description_en,kind,source\n"
          "2019-10,Avis de la CNIL,CNIL opinion,,,regulator,https://www.cnil.fr/x\n"
          "2023-05-19,Loi JO,Olympics law,,,law,https://www.legifrance.gouv.fr/y\n")


def write_fixture(path: Path) -> Path:
    """Four deployments: one stopped without end date, one ended, one ongoing, one without a start date."""
    return write_deployments(path, FIELDS, DEPLOYMENTS, COMMON)


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The timeline page on the fixture file and two milestones, not yet run."""
    monkeypatch.setenv("ATLAS_DATA", str(write_fixture(tmp_path / "deployments.csv")))
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    monkeypatch.setattr("utils.timeline_events.EVENTS_CSV", events)
    return AppTest.from_file(PAGE, default_timeout=30)


open_page = run_with_params


def table(at: AppTest, *headers: str) -> pd.DataFrame:
    """The table shown with exactly these column headers."""
    return next(frame.value for frame in at.dataframe if list(frame.value.columns) == list(headers))


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def texts(at: AppTest) -> str:
    return " ".join(element.value for element in at.markdown).replace("\\", "")


@pytest.mark.parametrize(("lang", "title", "peak"), [
    ("fr", "Chronologie", "Le pic est en 2020 avec 2 déploiements lancés. 1 déploiement sans date de début"),
    ("en", "Timeline", "The peak is in 2020 with 2 deployments started. 1 deployment without a start date"),
])
def test_that_the_page_renders_in_both_languages(app, lang, title, peak):
    """Test that the page runs without error, titled, with three charts and their summaries."""
    at = open_page(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(chart_specs(at)) == 3
    assert peak in texts(at)


def test_that_the_starts_table_counts_each_technology_of_a_row(app):
    """Test that the starts table has the exact counts per year and technology."""
    starts = table(open_page(app), "Année", "Technologie", "Déploiements")
    assert starts.values.tolist() == [[2018, "Détection de comportements", 1],
                                      [2018, "Recherche dans les vidéos", 1],
                                      [2020, "Lecture de plaques (LAPI)", 1], [2020, "Drones", 1]]


def test_that_the_active_table_follows_the_in_service_rule(app):
    """Test that the stopped drone counts in 2020 only and the ongoing deployment up to this year."""
    active = table(open_page(app, "en"), "Year", "Deployments").set_index("Year")["Deployments"]
    assert active[2018] == 1 and active[2019] == 1 and active[2020] == 3 and active[2021] == 1
    assert active.index.max() == pd.Timestamp.today().year


@pytest.mark.parametrize(("params", "lanes", "undated"), [
    ({}, ["marseille-vsa", "nice-drone", "lille-lapi"], ["nimes-briefcam"]),
    ({"tech": ["drone"]}, ["nice-drone"], []),
    ({"vendor": ["SNEF"]}, ["marseille-vsa"], []),
    ({"vendor": ["BriefCam"]}, [], ["nimes-briefcam"]),
])
def test_that_shared_filters_change_the_lanes_and_the_undated_list(app, params, lanes, undated):
    """Test that tech= and vendor= in the URL decide which deployments get a lane or are listed apart."""
    at = open_page(app, "fr", **params)
    assert not at.exception
    lane_ids = [frame.value["Identifiant"].tolist() for frame in at.dataframe
                if list(frame.value.columns) == ["Identifiant", "Commune", "Lieu", "Statut", "Début", "Fin"]]
    assert lane_ids == ([lanes] if lanes else [])
    undated_ids = [frame.value["Identifiant"].tolist() for frame in at.dataframe
                   if list(frame.value.columns) == ["Identifiant", "Commune", "Lieu", "Statut"]]
    assert undated_ids == ([undated] if undated else [])


def test_that_the_lanes_table_says_how_each_lane_ends(app):
    """Test that the lanes table gives the end date, "ongoing" or "unknown" in English."""
    lanes = table(open_page(app, "en"), "Identifier", "Municipality", "Site", "Status", "Start", "End")
    assert lanes[["Status", "End"]].values.tolist() == [["Ended", "2020"], ["Ended", "unknown"],
                                                          ["Active", "ongoing (today)"]]


def test_that_milestones_are_numbered_on_the_yearly_charts_and_listed_with_their_source(app):
    """Test that the two yearly charts draw the numbered milestones, the lanes none, and a list names them."""
    at = open_page(app, "en")
    drawn = ['"rule"' in json.dumps(spec) and '"number"' in json.dumps(spec) for spec in chart_specs(at)]
    assert drawn == [True, True, False]
    listed = next(element.value for element in at.markdown if element.value.startswith("1. "))
    assert listed.splitlines() == [
        "1. **October 2019** — CNIL opinion (CNIL or regulator). [cnil\\.fr](https://www.cnil.fr/x)",
        "2. **19 May 2023** — Olympics law (Law or decree). [legifrance\\.gouv\\.fr](https://www.legifrance.gouv.fr/y)",
    ]
    assert "2 legal milestones, from October 2019 to 19 May 2023." in texts(at)


def test_that_a_hostile_milestone_is_listed_as_plain_text(app, tmp_path, monkeypatch):
    """Test that Markdown or HTML in a milestone's title is listed escaped, and a bad source gives no link."""
    events = tmp_path / "hostile.csv"
    title = "[clic](javascript:alert(1)) <img src=x onerror=alert(1)>"
    events.write_text(EVENTS.splitlines()[0] + f'\n2020,"{title}",x,,,court,javascript:alert(1)\n',
                      encoding="utf-8")
    monkeypatch.setattr("utils.timeline_events.EVENTS_CSV", events)
    at = open_page(app, "fr")
    listed = next(element.value for element in at.markdown if element.value.startswith("1. "))
    assert listed == ("1. **2020** — \\[clic\\]\\(javascript\\:alert\\(1\\)\\) \\<img src\\=x "
                      "onerror\\=alert\\(1\\)\\> (Décision de justice).")


@pytest.mark.parametrize(("lang", "key"), [("fr", "Technologie"), ("en", "Status")])
def test_that_the_colour_keys_name_what_is_shown(app, lang, key):
    """Test that each coloured chart has a key above it listing the technologies or statuses present."""
    at = open_page(app, lang, tech=["drone"])
    keys = [element.value for element in at.markdown if "atlas-chart-key" in element.value]
    assert len(keys) == 2
    assert any(f"<strong>{key}</strong>" in value for value in keys)
    assert "Drones" in keys[0] and "Recherche" not in keys[0] and "Video search" not in keys[0]


def test_that_a_missing_events_file_still_renders(app, tmp_path, monkeypatch):
    """Test that without data/events.csv the page says so and draws its charts without milestones."""
    monkeypatch.setattr("utils.timeline_events.EVENTS_CSV", tmp_path / "absent.csv")
    at = open_page(app, "fr")
    assert not at.exception
    assert "data/events.csv" in at.info[0].value
    specs = chart_specs(at)
    assert len(specs) == 3 and not any('"rule"' in json.dumps(spec) for spec in specs)


def test_that_a_selection_without_dates_shows_sentences_instead_of_charts(app):
    """Test that a filter keeping only undated rows shows no chart and says why."""
    at = open_page(app, "en", vendor=["BriefCam"])
    assert not at.exception
    assert chart_specs(at) == []
    assert "No dated deployment in the selection." in texts(at)
