"""The map draws exactly one marker per filtered row that has coordinates."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import MAP_IFRAME, REAL_DATA, WAIT_MS, in_metropole, read_rows

pytestmark = pytest.mark.browser


def located_with(rows: list[dict[str, str]], technology: str | None) -> list[dict[str, str]]:
    """The rows with coordinates whose technology cell names `technology` (None: every row)."""
    return [row for row in rows if row["lat"] and row["lon"]
            and (technology is None or technology in row["technology"].split("|"))]


@pytest.mark.parametrize("technology", [None, "drone", "facial_recognition", "behaviour_detection",
                                        "audio_detection"])
def test_the_map_draws_one_marker_per_filtered_row_with_coordinates(open_page, small_app, small_csv,
                                                                     technology):
    """Test that the markers drawn (a cluster counting what it holds) equal the filtered located rows."""
    expected = len(located_with(read_rows(small_csv), technology))
    app = open_page(small_app, "carte", **({"tech": technology} if technology else {}))

    assert app.map_frame().locator(".atlas-map").get_attribute("data-atlas-markers") == str(expected)
    assert app.drawn_markers(expected) == expected


def test_the_published_map_holds_every_located_row_and_draws_the_mainland_ones(open_page, real_app):
    """Test that the map holds every located row of the published file and draws the mainland ones."""
    located = located_with(read_rows(REAL_DATA), None)
    mainland = [row for row in located if in_metropole(row)]
    app = open_page(real_app, "carte")

    assert app.map_frame().locator(".atlas-map").get_attribute("data-atlas-markers") == str(len(located))
    assert app.drawn_markers(len(mainland)) == len(mainland)


# Scroll the page so that the map's top edge sits at 60 % of the window: the map is only partly in view.
SHOW_TOP_OF_MAP_JS = f"""() => {{
    const main = document.querySelector('[data-testid="stMain"]');
    const map = document.querySelector('{MAP_IFRAME}');
    main.scrollTop += map.getBoundingClientRect().top - 0.6 * window.innerHeight;
    return main.scrollTop;
}}"""
PAGE_SCROLL_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def test_clicking_a_marker_of_a_partly_visible_map_opens_its_popup_without_scrolling(open_page, bad_row_app):
    """Test that clicking a visible marker of a map partly below the fold opens it, the page staying still."""
    app = open_page(bad_row_app, "carte")
    app.drawn_markers(2)
    scrolled = app.page.evaluate(SHOW_TOP_OF_MAP_JS)
    frame = app.map_frame()
    viewport_height = app.page.viewport_size["height"]
    in_view = [marker for marker in frame.locator("path.atlas-marker").all()
               if (box := marker.bounding_box()) and box["y"] + box["height"] < viewport_height]
    assert in_view, "precondition: a single marker lies in the visible top of the map"

    in_view[0].click()

    assert app.page.evaluate(PAGE_SCROLL_JS) == scrolled, "the click scrolled the page"
    expect(frame.locator(".leaflet-popup")).to_have_count(1, timeout=WAIT_MS)


# How far the loaded tiles fall short of each edge of the map, in pixels (0 everywhere: fully covered).
TILE_GAPS_JS = """() => {
    const box = document.querySelector('.atlas-map').getBoundingClientRect();
    const tiles = [...document.querySelectorAll('img.leaflet-tile-loaded')]
        .map(tile => tile.getBoundingClientRect());
    if (!tiles.length) return null;
    return {
        top: Math.max(0, Math.min(...tiles.map(t => t.top)) - box.top),
        left: Math.max(0, Math.min(...tiles.map(t => t.left)) - box.left),
        bottom: Math.max(0, box.bottom - Math.max(...tiles.map(t => t.bottom))),
        right: Math.max(0, box.right - Math.max(...tiles.map(t => t.right))),
    };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_background_tiles_cover_the_whole_map(open_page, real_app, width):
    """Test that the loaded tiles reach every edge of the map, on a wide and on a phone-sized window."""
    app = open_page(real_app, "carte", width=width)

    gaps = app.map_frame().evaluate(TILE_GAPS_JS)

    assert gaps == {"top": 0, "left": 0, "bottom": 0, "right": 0}
