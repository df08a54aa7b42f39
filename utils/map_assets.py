"""The map's JavaScript and CSS, served by the app itself: no CDN, no third-party request but the tiles.

folium loads Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs by default. The
atlas only needs Leaflet and Leaflet.markercluster (circle markers, no icons, no jQuery popups), vendored
in static/vendor/ by scripts/vendor_assets.sh and served at /app/static/ (server.enableStaticServing).
Every element class that declares assets (`default_js` / `default_css`) is overridden here.
"""

from __future__ import annotations

import folium
from folium.plugins import MarkerCluster

from utils.paths import STATIC_DIR

STATIC_URL = "/app/static"
VENDOR_URL = f"{STATIC_URL}/vendor"

LEAFLET_JS = [("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css")]
MARKERCLUSTER_JS = [("markerclusterjs", f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js")]
MARKERCLUSTER_CSS = [
    ("markerclustercss", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
]

# OpenStreetMap France: run by a French non-profit, tiles served from France. The only third party.
TILE_URL = "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
_OSM_LINK = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">'
_OSMFR_LINK = '<a href="https://www.openstreetmap.fr/" target="_blank" rel="noopener noreferrer">'
TILE_ATTRIBUTION = {
    "fr": f"&copy; {_OSM_LINK}contributeurs OpenStreetMap</a>, fond {_OSMFR_LINK}OpenStreetMap France</a>",
    "en": f"&copy; {_OSM_LINK}OpenStreetMap contributors</a>, tiles {_OSMFR_LINK}OpenStreetMap France</a>",
}
TILE_MAX_ZOOM = 20


class OfflineMap(folium.Map):
    """folium.Map that loads only Leaflet, from the app's static files."""

    default_js = LEAFLET_JS
    default_css = LEAFLET_CSS


class OfflineMarkerCluster(MarkerCluster):
    """MarkerCluster that loads Leaflet.markercluster from the app's static files."""

    default_js = MARKERCLUSTER_JS
    default_css = MARKERCLUSTER_CSS


def tile_layer(lang: str) -> folium.TileLayer:
    """The background tiles, credited in `lang`."""
    return folium.TileLayer(TILE_URL, attr=TILE_ATTRIBUTION["en" if lang == "en" else "fr"],
                            max_zoom=TILE_MAX_ZOOM, name="OpenStreetMap France", control=False)


def asset_urls() -> list[str]:
    """Every JS/CSS URL the map may load."""
    pairs = [*LEAFLET_JS, *LEAFLET_CSS, *MARKERCLUSTER_JS, *MARKERCLUSTER_CSS]
    return [url for _, url in pairs]


def asset_file(url: str):
    """The file under static/ that serves `url` (a path under STATIC_URL)."""
    return STATIC_DIR / url.removeprefix(STATIC_URL + "/")
