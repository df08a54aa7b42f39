"""The Altair charts, checked on their Vega-Lite specification, and their one-sentence summaries."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from utils.charts import STATUS_COLORS, TITLES, translated_columns
from utils.charts_summaries import active_summary, lanes_summary, starts_summary, vendors_summary
from utils.charts_timeline import MAX_LANES, active_chart, lanes_chart, lanes_data, starts_chart, starts_data
from utils.charts_vendors import vendors_chart, vendors_data, year_span
from utils.data import type_rows
from utils.map_palette import ALL_GROUPS
from utils.schema import columns, enum
from utils.timeline import active_per_year, lanes, starts_by_technology, starts_per_year
from utils.vendors import vendor_summary

TODAY = date(2026, 11, 27)
HOSTILE = '<img src=x onerror="alert(1)">'


def deployments(*rows: dict) -> pd.DataFrame:
    """Typed deployments as utils.data gives them, from a few cells per row."""
    defaults = {**dict.fromkeys(columns(), ""), "status": "active", "technology": "other"}
    return type_rows(pd.DataFrame([{**defaults, "id": f"d{index}", **row} for index, row in enumerate(rows)]))


@pytest.fixture
def sample() -> pd.DataFrame:
    return deployments(
        {"start_date": "2019", "technology": "facial_recognition|video_search", "vendor": "BriefCam|Thales",
         "insee_code": "30189", "commune": "Nîmes"},
        {"start_date": "2019-06", "technology": "crowd_analytics", "vendor": "BriefCam", "status": "ended",
         "end_date": "2020", "insee_code": "06088", "commune": "Nice"},
        {"start_date": "2023-01-10", "technology": "drone", "vendor": "DJI", "status": "banned"},
        {"start_date": "", "technology": "drone", "status": "trial"},
    )


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame({"when": pd.to_datetime(["2019-07-02", "2023-05-19"]), "date": ["2019", "2023-05-19"],
                         "title": ["Décision", "Loi JO"], "kind": ["court", "law"],
                         "source": ["https://example.org/a", ""]})


def layers(spec: dict) -> list[dict]:
    """Every single-view layer of a (possibly nested) layered specification."""
    if "layer" not in spec:
        return [spec]
    return [leaf for layer in spec["layer"] for leaf in layers(layer)]


def strings(value: object) -> list[str]:
    """Every string anywhere in a JSON-like structure."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in strings(item)]


def dataset(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer.get("data", spec.get("data", {})).get("name")]


def test_starts_chart_stacks_technologies_coloured_like_the_map(sample):
    """Test that the starts chart sums deployments per year, one segment per technology, in map colours."""
    data = starts_data(starts_by_technology(sample), "fr")
    spec = starts_chart(data, "fr").to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["timeUnit"] == "year" and encoding["x"]["axis"]["title"] == "Année"
    assert encoding["y"] == {"aggregate": "sum", "field": "deployments", "title": "Déploiements",
                             "type": "quantitative"}
    assert encoding["detail"]["field"] == "technology"
    groups = {group.label("fr"): group.colour for group in ALL_GROUPS}
    scale = encoding["color"]["scale"]
    assert scale["range"] == [groups[name] for name in scale["domain"]]
    assert "Reconnaissance faciale" in scale["domain"] and "Drones" in scale["domain"]
    assert len(spec["datasets"][spec["data"]["name"]]) == 4


def test_starts_data_labels_technologies_in_the_current_language(sample):
    """Test that the starts data carries technology labels in the requested language."""
    data = starts_data(starts_by_technology(sample), "en")
    assert list(data["technology"]) == ["Facial recognition", "Video search", "Crowd analytics", "Drones"]
    assert list(data["deployments"]) == [1, 1, 1, 1]


def test_milestones_are_drawn_as_rules_with_title_and_source_tooltips(sample, events):
    """Test that milestones add a rule layer on the time axis whose tooltip gives date, title and source."""
    active = active_per_year(sample, current_year=2026)
    spec = active_chart(active, "en", events).to_dict()
    rules = [layer for layer in layers(spec) if layer["mark"]["type"] == "rule"]
    assert len(rules) == 1
    assert [item["field"] for item in rules[0]["encoding"]["tooltip"]] == ["date", "title", "source"]
    assert rules[0]["encoding"]["x"] == {"field": "when", "type": "temporal"}
    assert len(dataset(spec, spec["layer"][1])) == 2


def test_charts_without_milestones_have_no_rule_layer(sample):
    """Test that an empty events table leaves the chart without milestones, and without error."""
    spec = active_chart(active_per_year(sample, current_year=2026), "fr", pd.DataFrame()).to_dict()
    assert "layer" not in spec
    assert len(spec["datasets"][spec["data"]["name"]]) == 8  # 2019 to 2026


def test_lanes_chart_draws_one_lane_per_dated_deployment_coloured_by_status(sample):
    """Test that the lanes chart has one bar per dated deployment, from start to end, coloured by status."""
    lane_frame, undated = lanes(sample, today=TODAY)
    spec = lanes_chart(lanes_data(lane_frame, "fr"), "fr").to_dict()
    bars = next(layer for layer in layers(spec) if layer["mark"]["type"] == "bar")
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["x2"]["field"]) == ("from", "to")
    assert bars["encoding"]["color"]["scale"] == {"domain": ["En service", "Terminé", "Interdit"],
                                                  "range": ["#D55E00", "#0072B2", "#009E73"]}
    assert len(spec["datasets"][spec["data"]["name"]]) == 3
    assert list(undated["id"]) == ["d3"]


def test_lanes_chart_is_not_drawn_beyond_the_lane_limit():
    """Test that too many lanes give no chart (the page asks to filter) and the limit itself still draws."""
    many = deployments(*[{"start_date": "2020"}] * (MAX_LANES + 1))
    data = lanes_data(lanes(many, today=TODAY)[0], "fr")
    assert lanes_chart(data, "fr") is None
    assert lanes_chart(data.head(MAX_LANES), "fr") is not None


@pytest.mark.parametrize(("lang", "ongoing", "unknown"), [("fr", "en cours (aujourd'hui)", "inconnue"),
                                                          ("en", "ongoing (today)", "unknown")])
def test_lanes_data_says_how_each_lane_ends(sample, lang, ongoing, unknown):
    """Test that the lane table says whether a lane ends at a date, today, or at an unknown date."""
    data = lanes_data(lanes(sample, today=TODAY)[0], lang)
    assert list(data["end"]) == [ongoing, "2020", unknown]


def test_vendors_chart_shows_the_top_vendors_most_named_first(sample):
    """Test that the vendors chart keeps the top N vendors in order of deployments."""
    data = vendors_data(vendor_summary(sample), "en")
    spec = vendors_chart(data, "en", top=2).to_dict()
    assert [row["vendor"] for row in spec["datasets"][spec["data"]["name"]]] == ["BriefCam", "DJI"]
    assert spec["encoding"]["y"]["sort"] is None
    assert spec["encoding"]["x"]["title"] == "Deployments"
    assert data.iloc[0].to_dict() == {"vendor": "BriefCam", "deployments": 2, "communes": 2,
                                      "technologies": "Facial recognition, Video search, Crowd analytics",
                                      "years": "2019–2020"}


@pytest.mark.parametrize(("first", "last", "expected"), [(2018, 2023, "2018–2023"), (2019, 2019, "2019"),
                                                         (pd.NA, pd.NA, "")])
def test_year_span_reads_as_a_range(first, last, expected):
    """Test that the years of a vendor read as first–last, one year, or nothing."""
    assert year_span(first, last) == expected


def test_charts_carry_text_not_html(sample, events):
    """Test that hostile text reaches the chart specification as plain text, never as markup we built."""
    hostile = deployments({"id": "x", "start_date": "2020", "commune": HOSTILE, "vendor": HOSTILE})
    hostile_events = events.assign(title=HOSTILE)
    specs = [lanes_chart(lanes_data(lanes(hostile, today=TODAY)[0], "fr"), "fr", hostile_events),
             vendors_chart(vendors_data(vendor_summary(hostile), "fr"), "fr")]
    for spec in (chart.to_dict() for chart in specs):
        marked_up = {text for text in strings(spec) if "<" in text or "&lt;" in text}
        assert marked_up == {HOSTILE}  # the data's own text, unchanged: Vega escapes tooltips itself
    clean = json.dumps(starts_chart(starts_data(starts_by_technology(sample), "fr"), "fr", events).to_dict())
    assert "<" not in clean


def test_every_status_has_a_colour():
    """Test that the status palette covers every status of the schema."""
    assert set(STATUS_COLORS) == set(enum("status"))


@pytest.mark.parametrize(("lang", "expected"), [("fr", ["Année", "Déploiements", "other"]),
                                                ("en", ["Year", "Deployments", "other"])])
def test_translated_columns_names_the_chart_columns_in_the_current_language(lang, expected):
    """Test that table headers are translated and unknown columns are kept."""
    frame = pd.DataFrame(columns=["year", "deployments", "other"])
    assert list(translated_columns(frame, lang).columns) == expected
    assert "other" not in TITLES


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "Le pic est en 2019 avec 2 déploiements lancés. "
            "1 déploiement sans date de début, non compté(s)."),
     ("en", "The peak is in 2019 with 2 deployments started. "
            "1 deployment without a start date, not counted.")],
)
def test_starts_summary_names_the_peak_year(sample, lang, expected):
    """Test that the starts summary gives the peak year, its count and the undated rows."""
    assert starts_summary(starts_per_year(sample), 1, lang) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [(lambda df: starts_summary(starts_per_year(df), 0, "fr"), "Aucun déploiement daté dans la sélection."),
     (lambda df: active_summary(active_per_year(df, 2026), "en"),
      "No deployment in service in the selection."),
     (lambda df: vendors_summary(vendor_summary(df), 0, "fr"), "Aucun fournisseur nommé dans la sélection.")],
)
def test_summaries_of_an_empty_selection_say_so(summary, expected):
    """Test that every summary has a sentence for a selection with nothing to count."""
    assert summary(deployments({"start_date": ""}).iloc[0:0]) == expected


def test_active_summary_names_the_year_most_deployments_were_in_service(sample):
    """Test that the active summary gives the peak year of deployments in service."""
    active = active_per_year(sample, current_year=2026)
    assert active_summary(active, "fr") == "Le pic est en 2019 avec 2 déploiements en service."


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "3 déploiements avec une date de début. 1 déploiement sans date de début, non compté(s)."),
    ("en", "3 deployments with a start date. 1 deployment without a start date, not counted."),
])
def test_lanes_summary_counts_lanes_and_undated_rows(lang, expected):
    """Test that the lanes summary says how many lanes are drawn and how many rows are apart."""
    assert lanes_summary(3, 1, lang, limit=3) == expected


@pytest.mark.parametrize(("lang", "expected"), [("fr", "au plus 2"), ("en", "at most 2")])
def test_lanes_summary_beyond_the_limit_asks_to_filter(lang, expected):
    """Test that the lanes summary says why no lane is drawn when there are too many."""
    assert expected in lanes_summary(3, 0, lang, limit=2)


def test_vendors_summary_names_the_vendor_most_named(sample):
    """Test that the vendors summary names the top vendor and counts deployments without a vendor."""
    assert vendors_summary(vendor_summary(sample), 1, "en") == (
        "3 vendor(s); the most named is BriefCam, with 2 deployments. 1 deployment without a known vendor.")
