"""The parts of France the map can centre on: metropolitan France (with Corsica) and the five DROM.

One map with a zone selector rather than inset maps: streamlit-folium draws one Leaflet map per
iframe, so six insets would load Leaflet and the data six times; with a selector every marker stays
on the one map (pan to any of them) and the selector labels count the deployments in each zone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from utils.i18n import tr

Bounds = list[list[float]]  # [[south, west], [north, east]]


@dataclass(frozen=True)
class Zone:
    """A part of France: its key (URL value), names and bounding box."""

    key: str
    name_fr: str
    name_en: str
    south: float
    west: float
    north: float
    east: float

    def name(self, lang: str) -> str:
        return tr(lang, self.name_fr, self.name_en)

    @property
    def bounds(self) -> Bounds:
        return [[self.south, self.west], [self.north, self.east]]

    def contains(self, lats: pd.Series, lons: pd.Series) -> pd.Series:
        """Whether each point lies in the zone's box."""
        return lats.between(self.south, self.north) & lons.between(self.west, self.east)


ZONES: tuple[Zone, ...] = (
    Zone("metropole", "Métropole", "Metropolitan France", 41.3, -5.3, 51.2, 9.7),
    Zone("guadeloupe", "Guadeloupe", "Guadeloupe", 15.8, -61.9, 16.55, -60.95),
    Zone("martinique", "Martinique", "Martinique", 14.35, -61.3, 14.9, -60.75),
    Zone("guyane", "Guyane", "French Guiana", 2.1, -54.7, 5.85, -51.5),
    Zone("reunion", "La Réunion", "Réunion", -21.45, 55.15, -20.8, 55.9),
    Zone("mayotte", "Mayotte", "Mayotte", -13.05, 44.95, -12.6, 45.35),
)
ZONE_KEYS = tuple(zone.key for zone in ZONES)
DEFAULT_ZONE = ZONES[0]


def zone(key: str) -> Zone:
    """The zone with this key; metropolitan France for an unknown key."""
    return next((z for z in ZONES if z.key == key), DEFAULT_ZONE)


def zone_counts(located: pd.DataFrame) -> dict[str, int]:
    """Number of points of `located` (lat/lon columns) in each zone, by zone key."""
    return {z.key: int(z.contains(located["lat"], located["lon"]).sum()) for z in ZONES}


def busiest_zone(located: pd.DataFrame) -> str:
    """Key of the zone with the most points (metropolitan France on a tie or when empty)."""
    counts = zone_counts(located)
    return max(ZONE_KEYS, key=lambda key: (counts[key], key == DEFAULT_ZONE.key))


def view_bounds(located: pd.DataFrame, key: str) -> Bounds:
    """What the map fits: the points of `located` in the zone, or the whole zone when it has none."""
    chosen = zone(key)
    inside = located[chosen.contains(located["lat"], located["lon"])]
    if inside.empty:
        return chosen.bounds
    return [[float(inside["lat"].min()), float(inside["lon"].min())],
            [float(inside["lat"].max()), float(inside["lon"].max())]]


class FitView(MacroElement):
    """Fits the map to `bounds` with `padding` pixels around, clear of the controls at the bottom.

    The legend opens in the bottom-left corner, over the Atlantic when France is seen whole; on a wide
    map France is moved right of it rather than under it, and above the credits. Folded (on a phone),
    it is a button above the scale and the credits: France is moved up, above them. Add after the
    legend and the credits (it measures them).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, pad = {{ this.padding }}, box = map.getContainer();
            var open = box.querySelector('.atlas-legend-body:not([hidden])');
            var corner = box.querySelector('.leaflet-bottom.leaflet-left');
            var credits = map.attributionControl ? map.attributionControl.getContainer().offsetHeight : 0;
            // An open legend takes the left side; folded, it stacks with the scale (and the credits on
            // a phone) in the bottom-left corner.
            var left = open ? Math.max(pad, open.parentNode.offsetWidth + 20) : pad;
            var bottom = pad + (open || !corner ? credits : corner.offsetHeight);
            map.fitBounds({{ this.bounds_json }}, {maxZoom: {{ this.max_zoom }},
                paddingTopLeft: [left, pad], paddingBottomRight: [pad, bottom]});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Bounds, max_zoom: int, padding: int):
        super().__init__()
        self._name = "FitView"
        self.bounds_json = json.dumps(bounds)
        self.max_zoom, self.padding = int(max_zoom), int(padding)
