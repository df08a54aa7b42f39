"""The app calls no third party: every request goes to the app itself, or to the map's tile server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from utils.map_assets import asset_urls

from .conftest import PAGES, TILE_HOST

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_no_page_requests_a_host_other_than_the_app_and_the_tile_server(open_page, real_app, path):
    """Test that opening the page requests nothing but the app's origin, map tiles, data: and blob: URLs."""
    app = open_page(real_app, path)

    assert app.requests, "no request was recorded"
    assert app.third_party_requests() == []


def test_the_map_loads_its_scripts_from_the_app_and_its_tiles_from_the_tile_server(open_page, real_app):
    """Test that Leaflet and markercluster come from /app/static/ and tiles from the allowed tile host."""
    app = open_page(real_app, "carte")

    assert {real_app.url + url for url in asset_urls()} <= set(app.requests)
    assert any(TILE_HOST.match(urlsplit(url).hostname or "") for url in app.requests)
