"""The map's JavaScript and CSS, served by the app itself: no CDN, no third-party request but the tiles.

folium loads Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs by default. The
atlas only needs Leaflet and Leaflet.markercluster (circle markers, no icons, no jQuery popups), vendored
in static/vendor/ by scripts/vendor_assets.sh and served at /app/static/ (server.enableStaticServing).
Every element class that declares assets (`default_js` / `default_css`) is overridden here.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

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
# Leaflet's own credit, its link opening outside the map's iframe like every other link of the atlas.
LEAFLET_CREDIT = '<a href="https://leafletjs.com" target="_blank" rel="noopener noreferrer">Leaflet</a>'
# Maps narrower than this (a phone) get the compact credits: smaller type, one line under the scale.
NARROW_MAP_PX = 560
# folium sets the map's font to 1rem (16 px): credits and scale come back to Leaflet's 12 px, less on a phone.
CREDITS_CSS = """
.leaflet-container .leaflet-control-attribution,
.leaflet-container .leaflet-control-scale { font-size: 12px; }
.atlas-narrow .leaflet-control-attribution { font-size: 11px; line-height: 1.5; padding: 0 4px; }
.atlas-narrow .leaflet-control-scale { font-size: 11px; }
.atlas-narrow .leaflet-bottom .leaflet-control-scale { margin-bottom: 4px; }
"""


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


class CompactCredits(MacroElement):
    """A metric scale and the tiles' attribution, which stays whole and readable on a phone.

    On a narrow map the attribution would wrap over the scale: it takes smaller type, leaves out
    Leaflet's own credit and moves to the bottom-left corner, under the scale, where it has the map's
    whole width. Laid out again when the map is resized.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, credits = map.attributionControl;
            L.control.scale({position: 'bottomleft', imperial: false}).addTo(map);
            if (!credits) { return; }
            function layout() {
                var narrow = map.getSize().x < {{ this.narrow_px }};
                map.getContainer().classList.toggle('atlas-narrow', narrow);
                credits.setPrefix(narrow ? false : {{ this.prefix_json }});
                credits.setPosition(narrow ? 'bottomleft' : 'bottomright');
                // Leaflet puts a control added to a bottom corner on top: the credits go to the bottom.
                var box = credits.getContainer();
                box.parentNode.appendChild(box);
            }
            layout();
            map.on('resize', layout);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "CompactCredits"
        self.css = CREDITS_CSS
        self.narrow_px = NARROW_MAP_PX
        self.prefix_json = json.dumps(LEAFLET_CREDIT)


def asset_urls() -> list[str]:
    """Every JS/CSS URL the map may load."""
    pairs = [*LEAFLET_JS, *LEAFLET_CSS, *MARKERCLUSTER_JS, *MARKERCLUSTER_CSS]
    return [url for _, url in pairs]


def asset_file(url: str):
    """The file under static/ that serves `url` (a path under STATIC_URL)."""
    return STATIC_DIR / url.removeprefix(STATIC_URL + "/")
