"""The Altair charts, checked on their Vega-Lite specification, and their one-sentence summaries."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from utils.charts import (
    MARKER_STEP,
    STATUS_COLORS,
    TITLES,
    colour_key_html,
    group_colours,
    status_colours,
    translated_columns,
)
from utils.charts_summaries import active_summary, lanes_summary, starts_summary, vendors_summary
from utils.charts_timeline import (
    LANES_FOR_BOTTOM_AXIS,
    MAX_LANES,
    active_chart,
    lanes_chart,
    lanes_data,
    starts_chart,
    starts_data,
)
from utils.charts_vendors import (
    vendor_years_chart,
    vendor_years_data,
    vendor_years_key,
    vendors_chart,
    vendors_data,
    year_span,
)
from utils.data import type_rows
from utils.map_palette import ALL_GROUPS
from utils.schema import columns, enum
from utils.timeline import active_per_year, lanes, starts_by_technology, starts_per_year
from utils.timeline_events import localized_events
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


def loaded_events(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Milestones as utils.timeline_events.load_events gives them, from (date, French title, source)."""
    dates, titles, sources = zip(*rows, strict=True)
    when = pd.to_datetime([f"{text}-07-02" if len(text) == 4 else text for text in dates])
    return pd.DataFrame({"date": dates, "title_fr": titles, "title_en": titles, "kind": "court",
                         "source": sources, "when": when})


@pytest.fixture
def events() -> pd.DataFrame:
    return localized_events(loaded_events(("2019", "Décision", "https://example.org/a"),
                                          ("2023-05-19", "Loi JO", "")), "en")


def layers(spec: dict, data: dict | None = None) -> list[dict]:
    """Every single-view layer of a (possibly nested) layered specification, with the data it inherits."""
    data = spec.get("data", data)
    if "layer" not in spec:
        return [{**spec, "data": data}] if data else [spec]
    return [leaf for layer in spec["layer"] for leaf in layers(layer, data)]


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
                             "type": "quantitative", "axis": {"format": "d", "tickMinStep": 1}}
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


def test_milestones_are_numbered_markers_above_the_bars_with_rules_behind_them(sample, events):
    """Test that milestones add rules behind the bars and numbered circles above the plot, with tooltips."""
    spec = active_chart(active_per_year(sample, current_year=2026), "en", events).to_dict()
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert marks == ["rule", "bar", "circle", "text"]
    rules, _, circles, numbers = layers(spec)
    tooltip = circles["encoding"]["tooltip"]
    assert [item["field"] for item in tooltip] == ["number", "date", "title", "kind", "site"]
    assert [item["title"] for item in rules["encoding"]["tooltip"]] == ["No.", "Date", "Milestone", "Kind",
                                                                         "Source"]
    assert numbers["encoding"]["text"]["field"] == "number"
    assert [row["number"] for row in dataset(spec, circles)] == [1, 2]
    assert all(row <= 0 for row in circles["encoding"]["y"]["scale"]["range"])  # above the plotting area
    assert rules["encoding"]["y2"] == {"value": 300}  # down to the x axis
    assert spec["resolve"]["scale"]["y"] == "independent"


def test_milestones_outside_the_years_of_a_chart_are_not_drawn(events):
    """Test that a chart of 2020-2024 only draws the milestone of 2023, and spans exactly its years."""
    rows = deployments({"start_date": "2020"}, {"start_date": "2024"})
    data = starts_data(starts_by_technology(rows), "fr")
    spec = starts_chart(data, "fr", events).to_dict()
    circles = next(layer for layer in layers(spec) if layer["mark"]["type"] == "circle")
    assert [row["title"] for row in dataset(spec, circles)] == ["Loi JO"]
    bars = next(layer for layer in layers(spec) if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["x"]["scale"]["domain"] == [{"year": 2020, "month": 1, "date": 1},
                                                        {"year": 2025, "month": 1, "date": 1}]


def test_close_milestones_stack_in_rows_of_markers(sample):
    """Test that milestones two days apart get different rows, MARKER_STEP pixels apart."""
    close = localized_events(loaded_events(("2023-05-17", "A", ""), ("2023-05-19", "B", "")), "fr")
    spec = active_chart(active_per_year(sample, current_year=2026), "fr", close).to_dict()
    circles = next(layer for layer in layers(spec) if layer["mark"]["type"] == "circle")
    assert [row["row"] for row in dataset(spec, circles)] == [0, 1]
    low, high = circles["encoding"]["y"]["scale"]["range"]
    assert low - high == MARKER_STEP


def test_charts_without_milestones_have_no_rule_layer(sample):
    """Test that an empty events table leaves the chart without milestones, and without error."""
    spec = active_chart(active_per_year(sample, current_year=2026), "fr", pd.DataFrame()).to_dict()
    assert "layer" not in spec
    assert len(spec["datasets"][spec["data"]["name"]]) == 8  # 2019 to 2026


@pytest.mark.parametrize(("count", "orients"), [(LANES_FOR_BOTTOM_AXIS - 1, ["top", None]),
                                                (LANES_FOR_BOTTOM_AXIS, ["top", "bottom"])])
def test_lanes_chart_repeats_the_years_below_many_lanes_and_names_every_lane(count, orients):
    """Test that many lanes get years above and below, every lane's name is kept, and no rule is drawn."""
    many = deployments(*[{"start_date": "2020"}] * count)
    spec = lanes_chart(lanes_data(lanes(many, today=TODAY)[0], "fr"), "fr").to_dict()
    axes = [layer["encoding"]["x"]["axis"] for layer in layers(spec)]
    assert [axis and axis["orient"] for axis in axes] == orients
    assert spec["resolve"]["axis"]["x"] == "independent"
    assert layers(spec)[0]["encoding"]["y"]["axis"]["labelOverlap"] is False
    assert "rule" not in [layer["mark"]["type"] for layer in layers(spec)]


def test_charts_have_no_vega_legend_their_key_is_drawn_above(sample):
    """Test that the coloured charts leave their legend out (a legend cannot wrap to a phone's width)."""
    lane_spec = lanes_chart(lanes_data(lanes(sample, today=TODAY)[0], "fr"), "fr").to_dict()
    starts_spec = starts_chart(starts_data(starts_by_technology(sample), "fr"), "fr").to_dict()
    assert starts_spec["encoding"]["color"]["legend"] is None
    assert all(layer["encoding"]["color"]["legend"] is None for layer in layers(lane_spec))


def test_colour_key_lists_each_colour_with_its_label_escaped():
    """Test that the colour key gives each label after its colour, with every text escaped."""
    key = colour_key_html(HOSTILE, [("Drones", "#E69F00"), (HOSTILE, "#000000")])
    assert key.count("background:") == 2
    assert "<img" not in key and key.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 2
    assert key.index("#E69F00") < key.index("Drones") < key.index("#000000")


@pytest.mark.parametrize(("colours", "expected"), [
    (lambda: group_colours(pd.Series([4, 0, 4]), "en"), [("Facial recognition", "#D55E00"),
                                                           ("Drones", "#E69F00")]),
    (lambda: status_colours(pd.Series(["ended", "active"]), "fr"), [("En service", "#D55E00"),
                                                                    ("Terminé", "#0072B2")]),
])
def test_colours_of_a_key_are_those_present_in_the_order_of_the_map_and_schema(colours, expected):
    """Test that a key lists the technology groups or statuses present, in a fixed order, in the language."""
    assert colours() == expected


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


def test_vendor_charts_have_no_vega_legend_the_status_key_is_drawn_above(sample):
    """Test that the vendor charts carry no Vega legend (cut on a phone): one colour, or a key apart."""
    bars = vendors_chart(vendors_data(vendor_summary(sample), "fr"), "fr").to_dict()
    years = vendor_years_chart(vendor_years_data(sample, "fr"), "fr").to_dict()
    assert "color" not in bars["encoding"]
    assert years["encoding"]["color"]["legend"] is None


@pytest.mark.parametrize(("lang", "heading", "entries"), [
    ("fr", "Statut", [("En service", "#D55E00"), ("Terminé", "#0072B2"), ("Interdit", "#009E73")]),
    ("en", "Status", [("Active", "#D55E00"), ("Ended", "#0072B2"), ("Banned", "#009E73")]),
])
def test_vendor_years_key_lists_the_statuses_present_in_the_chart_colours(sample, lang, heading, entries):
    """Test that the key of a vendor's years chart names each dated status, in schema order, in its colour."""
    data = vendor_years_data(sample, lang)  # the undated trial is not in the chart, nor in its key
    key = vendor_years_key(data, lang)
    scale = vendor_years_chart(data, lang).to_dict()["encoding"]["color"]["scale"]
    assert key.startswith('<div class="atlas-chart-key"') and f"<strong>{heading}</strong>" in key
    positions = [key.find(f'background:{colour}"></span>{name}</span>') for name, colour in entries]
    assert -1 not in positions and positions == sorted(positions)
    assert key.count("background:") == len(entries)
    assert list(zip(scale["domain"], scale["range"], strict=True)) == entries


@pytest.mark.parametrize(("first", "last", "expected"), [(2018, 2023, "2018–2023"), (2019, 2019, "2019"),
                                                         (pd.NA, pd.NA, "")])
def test_year_span_reads_as_a_range(first, last, expected):
    """Test that the years of a vendor read as first–last, one year, or nothing."""
    assert year_span(first, last) == expected


def test_charts_carry_text_not_html(sample, events):
    """Test that hostile text reaches the chart specification as plain text, never as markup we built."""
    hostile = deployments({"id": "x", "start_date": "2020", "commune": HOSTILE, "vendor": HOSTILE})
    hostile_events = events.assign(title=HOSTILE)
    specs = [lanes_chart(lanes_data(lanes(hostile, today=TODAY)[0], "fr"), "fr"),
             active_chart(active_per_year(hostile, current_year=2026), "fr", hostile_events),
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
