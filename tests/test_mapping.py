"""The map: escaping, markers, bounds, colours, legend, choropleth, languages, self-hosted assets, zones."""

import json
import re

import branca
import folium
import pandas as pd
import pytest

from utils.data import type_rows
from utils.map_assets import LEAFLET_CREDIT, TILE_ATTRIBUTION, TILE_URL, asset_file, asset_urls
from utils.map_choropleth import area_counts, choropleth_layer, count_classes
from utils.map_legend import legend_html
from utils.map_markers import CROWDED_MARKERS, script_json
from utils.map_palette import ALL_GROUPS, COLOUR_GROUPS, OTHER_GROUP, group_index
from utils.map_table import map_table
from utils.map_zones import ZONES, busiest_zone, view_bounds, zone
from utils.mapping import MapOptions, build_map, located_rows, rows_at_end_of_year, unlocated_rows
from utils.schema import TECHNOLOGIES, columns

BASE = {
    "commune": "Nice", "department_code": "06", "region_code": "93", "geo_precision": "commune",
    "operator": "Ville de Nice", "operator_type": "municipality", "vendor": "Thales", "technology": "drone",
    "status": "active", "start_date": "2019", "description_fr": "Texte français",
    "description_en": "English text", "sources": "https://example.org/nice", "evidence": "press",
}
POINTS = [  # id, lat, lon, technology, department, region
    ("nice-1", 43.70, 7.27, "drone", "06", "93"),
    ("nice-2", 43.71, 7.26, "facial_recognition|drone", "06", "93"),
    ("marseille-1", 43.29, 5.37, "audio_detection", "13", "93"),
    ("lille-1", 50.63, 3.06, "chemical_marking", "59", "32"),
    ("saint-denis-974", -20.88, 55.45, "behaviour_detection", "974", "04"),
]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "javascript:alert(3)",
]


def make_rows(*records: dict) -> pd.DataFrame:
    """Typed deployments, as utils.data loads them."""
    empty = dict.fromkeys(columns(), "")
    cells = [{key: str(value) for key, value in {**empty, **BASE, **record}.items()} for record in records]
    return type_rows(pd.DataFrame(cells))


def point_rows() -> pd.DataFrame:
    return make_rows(*({"id": i, "lat": lat, "lon": lon, "technology": tech, "department_code": dept,
                        "region_code": region, "commune": i.split("-")[0].title()}
                       for i, lat, lon, tech, dept, region in POINTS))


def national_row(**extra) -> dict:
    return {"id": "national-1", "commune": "", "department_code": "", "region_code": "",
            "geo_precision": "national", "lat": "", "lon": "", **extra}


def render(rows: pd.DataFrame, lang: str = "fr", **options) -> str:
    return build_map(rows, lang, options=MapOptions(**options)).get_root().render()


def legend_control(html: str) -> str:
    """The HTML the legend control is built from, read back from the rendered page ("" when none)."""
    return json.loads(re.search(r"var map = [^,]+, html = (.*);$", html, re.MULTILINE).group(1))


def script_order(html: str, *markers: str) -> list[int]:
    """Where each marker first appears in the page's last <script> (the map's)."""
    script = html[html.rindex("<script>"):]
    return [script.index(marker) for marker in markers]


def payload(html: str) -> dict:
    """The data layer's arrays, read back from the rendered page."""
    return json.loads(re.search(r"var P = (.*);$", html, re.MULTILINE).group(1))


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("full", [True, False])
def test_that_hostile_text_in_every_cell_never_reaches_the_page_raw(value, lang, full):
    """Test that markup or a javascript: URL in every text cell is never rendered as markup or link."""
    text_columns = [c for c in BASE if c not in ("geo_precision",)] + ["site", "product", "use_case"]
    rows = make_rows({"id": "x", "lat": 43.7, "lon": 7.27, **{c: value for c in text_columns}})
    html = render(rows, lang, full_popup_limit=10 if full else 0)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    # Escaped before being put in the script's JSON, where the popup code would turn it into markup.
    assert "\\u003cscript" not in html and "\\u003cimg" not in html


def test_that_a_closing_script_tag_in_the_data_cannot_end_the_script():
    """Test that JSON put in a <script> never contains '<' (so no '</script>' nor '<!--')."""
    encoded = script_json({"s": ["</script><script>alert(1)</script>", "<!--"]})
    assert "<" not in encoded
    assert json.loads(encoded)["s"][0].startswith("</script>")


def test_that_there_is_one_marker_per_row_with_coordinates():
    """Test that every row with coordinates is drawn once, and rows without are not."""
    rows = pd.concat([point_rows(), make_rows(national_row())])
    html = render(rows)
    assert len(payload(html)["r"]) == len(POINTS) == len(located_rows(rows))
    assert f"'data-atlas-markers', {len(POINTS)})" in html


def cluster_options(html: str) -> dict:
    """The marker cluster group's options, read back from the rendered page."""
    options = re.search(r"var options = (\{.*?\});", html, re.DOTALL).group(1)
    return json.loads(re.sub(r",\s*}", "}", options))


@pytest.mark.parametrize(("markers", "radius"), [(len(POINTS), 45), (CROWDED_MARKERS - 1, 45),
                                                 (CROWDED_MARKERS, 80)])
def test_that_a_crowded_map_gathers_markers_into_wider_clusters(markers, radius):
    """Test that clusters gather markers within 45 px, and within 80 px once the map is crowded."""
    rows = make_rows(*({"id": f"p-{i}", "lat": 43 + i / 1e4, "lon": 5 + i / 1e4} for i in range(markers)))
    assert cluster_options(render(rows))["maxClusterRadius"] == radius


def test_that_rows_without_coordinates_are_listed_apart():
    """Test that nationwide rows are the ones listed beside the map."""
    rows = pd.concat([point_rows(), make_rows(national_row())])
    assert unlocated_rows(rows)["id"].tolist() == ["national-1"]


def test_that_the_map_bounds_cover_every_point():
    """Test that the map's bounds hold every marker, mainland and overseas."""
    (south, west), (north, east) = build_map(point_rows(), "fr").get_bounds()
    for _, lat, lon, *_ in POINTS:
        assert south <= lat <= north
        assert west <= lon <= east


@pytest.mark.parametrize(
    ("zone_key", "inside", "outside"),
    [("metropole", (43.29, 5.37), (-20.88, 55.45)), ("reunion", (-20.88, 55.45), (43.29, 5.37))],
)
def test_that_the_view_fits_the_points_of_the_chosen_zone(zone_key, inside, outside):
    """Test that the map fits the filtered points of the chosen zone, not the whole world."""
    (south, west), (north, east) = view_bounds(located_rows(point_rows()), zone_key)
    assert south <= inside[0] <= north and west <= inside[1] <= east
    assert not (south <= outside[0] <= north and west <= outside[1] <= east)
    assert f"[[{south}, {west}], [{north}, {east}]]" in render(point_rows(), zone=zone_key)


def test_that_a_zone_without_points_shows_the_whole_zone():
    """Test that choosing a zone with no deployment shows that zone's territory."""
    assert view_bounds(located_rows(point_rows()), "mayotte") == zone("mayotte").bounds


def test_that_the_busiest_zone_is_chosen_by_default():
    """Test that the default zone is the one with most points (overseas when only overseas rows)."""
    located = located_rows(point_rows())
    assert busiest_zone(located) == "metropole"
    assert busiest_zone(located[located["department_code"] == "974"]) == "reunion"
    assert busiest_zone(located.iloc[:0]) == "metropole"


@pytest.mark.parametrize(
    ("technology", "colour"),
    [
        ("drone", "#E69F00"),
        ("facial_recognition|drone", "#D55E00"),
        ("crowd_analytics", "#0072B2"),
        ("chemical_marking", OTHER_GROUP.colour),
        ("not_a_code", OTHER_GROUP.colour),
        ("", OTHER_GROUP.colour),
    ],
)
def test_that_a_deployment_takes_the_colour_of_its_first_technology(technology, colour):
    """Test that the marker colour comes from the first technology, rare ones sharing grey."""
    assert ALL_GROUPS[group_index(technology)].colour == colour


def test_that_the_palette_gives_distinct_colours_and_covers_every_technology():
    """Test that no two groups share a colour and every technology belongs to at most one group."""
    colours = [group.colour for group in ALL_GROUPS]
    assert len(set(colours)) == len(colours)
    grouped = [code for group in COLOUR_GROUPS for code in group.codes]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= set(TECHNOLOGIES)


def test_that_markers_carry_their_group_colour_and_class():
    """Test that each marker row points at its technology group's colour and DOM class."""
    data = payload(render(point_rows()))
    groups = [data["g"][row[2]] for row in data["r"]]
    assert groups[0] == ["#E69F00", "atlas-tech-drone"]
    assert groups[1] == ["#D55E00", "atlas-tech-facial_recognition"]


@pytest.mark.parametrize(("lang", "title", "other"), [("fr", "Légende", "Autres technologies"),
                                                       ("en", "Legend", "Other technologies")])
def test_that_the_legend_lists_the_colours_shown(lang, title, other):
    """Test that the legend names each colour group present, with its count, in the page's language."""
    html = render(point_rows(), lang)
    assert "atlas-legend" in html and title in html
    assert "background:#E69F00" in html and f"{other} (1)" in html
    assert "background:#56B4E9" not in html  # video search: no such deployment here


@pytest.mark.parametrize(("lang", "title"), [("fr", "Légende"), ("en", "Legend")])
def test_that_the_legend_is_a_button_folding_and_unfolding_its_body(lang, title):
    """Test that the legend is a disclosure: a button whose aria-controls names the body it shows or hides."""
    control = legend_control(render(point_rows(), lang))
    button = re.fullmatch(r'<button type="button" class="atlas-legend-toggle" aria-expanded="false" '
                          r'aria-controls="([^"]+)">(.*?)</button><div class="atlas-legend-body" '
                          r'id="([^"]+)" hidden>(.*)</div>', control)
    assert button, control
    controls, label, body_id, body = button.groups()
    assert controls == body_id and label == title
    assert body.startswith("<h2>") and "<button" not in body


def test_that_legend_text_is_escaped_in_its_button_and_ids():
    """Test that the legend's title and the id of its body cannot add markup or attributes."""
    control = legend_html('x" onclick="alert(1)', "<b>body</b>", HOSTILE[1])
    assert "<img" not in control and "&lt;img src=x onerror=\"alert(2)\"&gt;</button>" in control
    assert 'onclick="' not in control and control.count('x&quot; onclick=&quot;alert(1)') == 2
    assert control.endswith(" hidden><b>body</b></div>")  # the body comes ready-escaped


def test_that_a_map_with_nothing_to_explain_has_no_legend_control():
    """Test that an empty selection without choropleth gets no legend, and a choropleth alone gets one."""
    empty = point_rows().iloc[:0]
    assert legend_control(render(empty)) == ""
    assert "Déploiements par région" in legend_control(render(empty, choropleth="region"))


def test_that_the_choropleth_classes_read_on_one_row():
    """Test that the count classes are one wrapping row of the legend, under the technologies' list."""
    control = legend_control(render(point_rows(), choropleth="department"))
    assert control.index("Technologie") < control.index('<ul class="atlas-legend-row">')
    assert re.search(r'<ul class="atlas-legend-row">(<li>.*?</li>)+</ul>', control)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_the_credits_stay_whole_under_a_metric_scale(lang):
    """Test that the tiles keep their attribution, Leaflet its credit (opening apart) and one metric scale."""
    html = render(point_rows(), lang)
    credits = [json.loads(found) for found in re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', html)]
    assert credits == [TILE_ATTRIBUTION[lang]]
    assert json.dumps(LEAFLET_CREDIT) in html and 'rel="noopener noreferrer"' in LEAFLET_CREDIT
    assert re.findall(r"L\.control\.scale\([^)]*\)", html) == [
        "L.control.scale({position: 'bottomleft', imperial: false})"]
    assert "credits.setPosition(narrow ? 'bottomleft' : 'bottomright')" in html


def test_that_the_view_is_fitted_once_after_the_legend_it_leaves_room_for():
    """Test that the map fits its bounds once, within the maximum zoom, after the controls it measures."""
    html = render(point_rows(), zone="metropole")
    assert html.count(".fitBounds(") == 1
    assert "map.fitBounds([[43.29, 3.06], [50.63, 7.27]], {maxZoom: 12," in html
    scale, legend, fit = script_order(html, "L.control.scale(", "legend.addTo(map)", ".fitBounds(")
    assert scale < legend < fit


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [
        ("fr", ["Exploitant", "Texte français", "Fiche complète", "?id="],
         ["Operator", "English text"]),
        ("en", ["Operator", "English text", "Full record", "?lang=en&amp;id="],
         ["Exploitant", "Texte français"]),
    ],
)
def test_that_popups_speak_the_page_language(lang, present, absent):
    """Test that popup labels, descriptions and the card link follow the page's language."""
    html = render(point_rows(), lang)
    assert all(text in html for text in present)
    assert not any(text in html for text in absent)


def test_that_large_selections_get_short_popups_linking_to_the_card():
    """Test that above the limit, popups hold commune, technology and status, plus the card link."""
    data = payload(render(point_rows(), "en", full_popup_limit=2))
    assert data["f"] == ["Municipality", "Technology", "Status"]
    assert "English text" not in data["s"]
    assert "nice-1" in data["s"] and data["u"] == "/donnees?lang=en&amp;id="


def test_that_ids_are_percent_encoded_in_card_links():
    """Test that an id cannot break out of the card link's href."""
    data = payload(render(make_rows({"id": 'a"b c<d', "lat": 43.7, "lon": 7.27})))
    assert "a%22b%20c%3Cd" in data["s"]


def test_that_the_choropleth_counts_deployments_per_area():
    """Test that the choropleth counts rows per department and per region, and shows them."""
    rows = point_rows()
    assert area_counts(rows, "department") == {"06": 2, "13": 1, "59": 1, "974": 1}
    assert area_counts(rows, "region") == {"93": 3, "32": 1, "04": 1}
    labels = {f["properties"]["code"]: f["properties"]["label"]
              for f in choropleth_layer(rows, "department", "fr")[0].data["features"]}
    assert labels["06"] == "Alpes-Maritimes : 2 déploiements" and labels["59"] == "Nord : 1 déploiement"
    assert labels["15"] == "Cantal : 0 déploiement" and len(labels) == 101
    html = render(rows, "en", choropleth="region")
    assert "Azur: 3 deployments" in html
    assert "Deployments per region" in html


def test_that_without_choropleth_only_faint_region_borders_are_drawn():
    """Test that by default no count is drawn, only borders that show France when tiles fail."""
    html = render(point_rows())
    assert "feature.properties.label" not in html and "Déploiements par" not in html
    assert html.count("L.geoJson(") == 1 and '"interactive": false' in html and '"fill": false' in html


@pytest.mark.parametrize(
    ("max_count", "labels"),
    [
        (0, ["1+"]),
        (1, ["1+"]),
        (3, ["1", "2+"]),
        (29, ["1", "2–4", "5–9", "10–19", "20+"]),
        (1000, ["1–4", "5–19", "20–199", "200–999", "1000+"]),
    ],
)
def test_that_count_classes_have_round_bounds(max_count, labels):
    """Test that the choropleth classes use round bounds, at most five, the last holding the maximum."""
    assert [c.label() for c in count_classes(max_count)] == labels


def test_that_the_page_loads_scripts_and_styles_only_from_the_app():
    """Test that every <script src> and stylesheet <link href> points at the app's own static files."""
    html = render(point_rows(), choropleth="region")
    sources = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", html)
    links = re.findall(r"<link[^>]*\shref=\"([^\"]+)\"", html)
    assert sources and links
    assert all(url.startswith("/app/static/vendor/") for url in sources + links)


def test_that_streamlit_folium_is_given_only_local_assets():
    """Test that what st_folium collects (default_js / default_css, colour maps) is all local."""
    m = build_map(point_rows(), "fr", options=MapOptions(choropleth="department"))
    m.get_root().render()
    elements = list(_walk(m))
    assert not any(isinstance(e, branca.colormap.ColorMap) for e in elements)  # st_folium adds d3 from CDNs
    declared = [(*getattr(e, "default_js", []), *getattr(e, "default_css", [])) for e in elements]
    urls = [url for pairs in declared for _, url in pairs]
    assert urls and all(url in asset_urls() for url in urls)


@pytest.mark.parametrize("url", asset_urls())
def test_that_every_asset_is_vendored(url):
    """Test that every JS/CSS file the map loads is in static/vendor with its licence."""
    assert asset_file(url).is_file()
    assert (asset_file(url).parent / "LICENSE").is_file()


def test_that_tiles_come_only_from_the_chosen_server():
    """Test that the only tile layer is OpenStreetMap France, and that it can be left out."""
    assert re.findall(r"L\.tileLayer\(\s*\"([^\"]+)\"", render(point_rows())) == [TILE_URL]
    assert "L.tileLayer" not in render(point_rows(), tiles=False)


def test_that_an_empty_selection_still_draws_a_map():
    """Test that no rows gives an empty layer and a view of the chosen zone."""
    html = render(point_rows().iloc[:0], zone="guyane")
    assert payload(html)["r"] == []
    assert str(zone("guyane").bounds) in html


@pytest.mark.parametrize(
    ("record", "year", "shown"),
    [
        ({"start_date": "2019", "end_date": ""}, 2018, False),
        ({"start_date": "2019", "end_date": ""}, 2019, True),
        ({"start_date": "2019", "end_date": ""}, 2024, True),
        ({"start_date": "2019-03", "end_date": "2021-06-30", "status": "ended"}, 2021, True),
        ({"start_date": "2019-03", "end_date": "2021-06-30", "status": "ended"}, 2022, False),
        ({"start_date": "", "end_date": ""}, 2024, False),
        ({"start_date": "2019", "end_date": "", "status": "planned"}, 2024, False),
    ],
)
def test_that_the_year_shows_the_deployments_in_service_at_its_end(record, year, shown):
    """Test that a year keeps rows started by then and not ended before it."""
    rows = make_rows({"id": "a", "lat": 43.7, "lon": 7.27, **record})
    assert (len(rows_at_end_of_year(rows, year, current_year=2025)) == 1) is shown


def test_that_every_zone_box_holds_its_territory():
    """Test that each zone's box contains a known point of its territory."""
    known = {"metropole": (48.85, 2.35), "guadeloupe": (16.24, -61.53), "martinique": (14.6, -61.07),
             "guyane": (4.94, -52.33), "reunion": (-20.88, 55.45), "mayotte": (-12.78, 45.23)}
    for z in ZONES:
        lat, lon = known[z.key]
        assert z.contains(pd.Series([lat]), pd.Series([lon])).all()


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def test_that_the_map_is_a_folium_map():
    """Test that build_map returns a folium.Map that st_folium can render."""
    assert isinstance(build_map(point_rows(), "fr"), folium.Map)


def test_that_each_marker_gets_its_own_text_when_rows_share_values():
    """Test that deduplicated popup text still maps back to the right row (values interleaved)."""
    communes = ["Brest", "Albi", "Brest", "Caen", "Albi", "Brest"]
    rows = make_rows(*({"id": f"r{i}", "commune": name, "operator": f"Op {name}", "lat": 45 + i, "lon": 2}
                       for i, name in enumerate(communes)))
    data = payload(render(rows))
    by_lat = {row[0]: row for row in data["r"]}
    for i, name in enumerate(communes):
        commune, operator = data["s"][by_lat[45 + i][4]], data["s"][by_lat[45 + i][6]]
        assert commune == f"{name} (06)" and operator == f"Op {name}"
        assert data["s"][by_lat[45 + i][3]] == f"r{i}"


@pytest.mark.parametrize(("lang", "headers", "technology"), [
    ("fr", ["Commune", "Exploitant", "Technologie", "Statut"], "En service"),
    ("en", ["Municipality", "Operator", "Technology", "Status"], "Active"),
])
def test_that_the_table_twin_reads_in_the_page_language(lang, headers, technology):
    """Test that the table twin has translated headers, labels instead of codes, one line per row."""
    rows = pd.concat([point_rows(), make_rows(national_row())])
    table = map_table(rows, lang)
    assert len(table) == len(rows)
    assert all(header in table.columns for header in headers)
    assert set(table[headers[3]]) == {technology}
    assert "drone" not in set(table[headers[2]])
