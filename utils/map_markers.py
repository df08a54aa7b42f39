"""The deployments as one compact clustered layer, built in the browser from arrays (not one folium
Marker per row: that costs ~1 kB per row and seconds of rendering at 10 000 rows).

Payload: `s` one table of unique escaped strings; `r` one row per deployment,
[lat, lon, colour group, id, field, field…] where id and fields index `s`; `f` the field labels;
`g` the colour groups [colour, css class]; `u` the card link prefix; `m` the card link text.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

import numpy as np
import pandas as pd
from folium.template import Template

from utils.i18n import tr
from utils.map_assets import OfflineMarkerCluster
from utils.map_palette import ALL_GROUPS, group_indices
from utils.popups import FIELD_COLUMNS, field_label, fragment

CLUSTER_OPTIONS = {"chunked_loading": True, "show_coverage_on_hover": False}
# How far (px) a cluster gathers markers. Fine clusters read better on the published data (~300 markers).
# On a crowded map they multiply: every cluster icon is a composited layer that the browser re-layers on
# each frame of a zoom (at 10 000 markers, ~450 icons and frames over 100 ms), so from CROWDED_MARKERS on
# the map takes markercluster's default radius, with less than half as many icons.
CLUSTER_RADIUS_PX = 45
CROWDED_CLUSTER_RADIUS_PX = 80
CROWDED_MARKERS = 1000


class DeploymentLayer(OfflineMarkerCluster):
    """Clustered circle markers, one per payload row, each with a popup built when it opens."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var P = {{ this.payload_json }};
            var S = P.s, F = P.f, G = P.g;
            function popup(r) {
                return function () {
                    var h = '<div class="atlas-popup"><dl>';
                    for (var j = 0; j < F.length; j++) {
                        var v = S[r[4 + j]];
                        if (v) { h += '<dt>' + F[j] + '</dt><dd>' + v + '</dd>'; }
                    }
                    return h + '</dl><a href="' + P.u + S[r[3]]
                        + '" target="_blank" rel="noopener noreferrer">' + P.m + '</a></div>';
                };
            }
            var markers = new Array(P.r.length);
            // As wide as a phone's map allows, clear of the zoom buttons (Leaflet adds 44 px of margins).
            var mapWidth = {{ this._parent.get_name() }}.getSize().x;
            var popupOptions = {maxWidth: Math.max(180, Math.min(320, mapWidth - 100)), maxHeight: 300,
                                autoPanPaddingTopLeft: [50, 10]};
            for (var i = 0; i < P.r.length; i++) {
                var r = P.r[i], g = G[r[2]];
                markers[i] = L.circleMarker([r[0], r[1]], {
                    radius: 7, weight: 1, color: '#222', fillColor: g[0], fillOpacity: 0.9,
                    className: 'atlas-marker ' + g[1]
                }).bindPopup(popup(r), popupOptions);
            }
            var box = {{ this._parent.get_name() }}.getContainer();
            // Leaflet focuses the map on mousedown; without preventScroll the browser scrolls the
            // page to show the whole map iframe, and the click that should open a popup is lost.
            var focusBox = box.focus;
            box.focus = function (options) {
                focusBox.call(box, Object.assign({preventScroll: true}, options || {}));
            };
            box.classList.add('atlas-map');
            var options = {{ this.options|tojavascript }};
            options.chunkProgress = function (done, total) {
                // Browser tests wait for this attribute: every marker is clustered or drawn.
                if (done === total) { box.setAttribute('data-atlas-markers', {{ this.count }}); }
            };
            var cluster = L.markerClusterGroup(options);
            cluster.addTo({{ this._parent.get_name() }});
            cluster.addLayers(markers);
            window.atlasCluster = cluster;  // for browser tests: atlasCluster.getLayers().length
            return cluster;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict, name: str | None = None):
        super().__init__(name=name, control=False, max_cluster_radius=cluster_radius(len(payload["r"])),
                         **CLUSTER_OPTIONS)
        self._name = "DeploymentLayer"
        self.payload_json = script_json(payload)
        self.count = len(payload["r"])
        self.bounds = _bounds(payload["r"])

    def _get_self_bounds(self):
        return self.bounds


def cluster_radius(markers: int) -> int:
    """The clustering radius in pixels for a map of `markers` markers: wider on a crowded map."""
    return CROWDED_CLUSTER_RADIUS_PX if markers >= CROWDED_MARKERS else CLUSTER_RADIUS_PX


def marker_payload(located: pd.DataFrame, lang: str, fields: tuple[str, ...], card_href: str) -> dict:
    """The compact arrays the layer draws: one row per deployment of `located` (finite lat/lon)."""
    ids = _url_safe(located["id"].astype(str))
    strings, codes = _intern([ids, *(_field_fragments(located, field, lang) for field in fields)])
    groups = group_indices(located["technology"]).tolist()
    lats, lons = located["lat"].round(5).tolist(), located["lon"].round(5).tolist()
    return {
        "s": strings,
        "f": [field_label(field, lang) for field in fields],
        "g": [[group.colour, group.css_class] for group in ALL_GROUPS],
        "r": [list(row) for row in zip(lats, lons, groups, *codes, strict=True)],
        "u": escape(card_href, quote=True),
        "m": tr(lang, "Fiche complète", "Full record"),
    }


def script_json(value: object) -> str:
    """Compact JSON safe inside a <script> element (no '<', so no '</script>' nor '<!--')."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _url_safe(ids: pd.Series) -> pd.Series:
    # Percent-encoded with no safe character, so an id cannot break out of the href attribute;
    # slugs (the usual ids) are already safe and skip the slow per-value quote().
    values = ids.to_numpy(dtype=object).copy()
    needs_quoting = ~ids.str.fullmatch(r"[A-Za-z0-9_.~-]*").to_numpy(dtype=bool)
    values[needs_quoting] = [quote(value, safe="") for value in values[needs_quoting]]
    return pd.Series(values, index=ids.index, dtype=object)


def _bounds(rows: list[list]) -> list[list[float | None]]:
    if not rows:
        return [[None, None], [None, None]]
    lats, lons = [row[0] for row in rows], [row[1] for row in rows]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _field_fragments(rows: pd.DataFrame, field: str, lang: str) -> pd.Series:
    # Built once per distinct combination of the field's columns, not once per row.
    columns = list(FIELD_COLUMNS[field])
    keys = rows.reindex(columns=columns).fillna("").astype(str)
    distinct = keys.drop_duplicates()
    built = np.array([fragment(field, record, lang) for record in distinct.to_dict("records")], dtype=object)
    group_numbers = keys.groupby(columns, sort=False).ngroup().to_numpy(dtype=int)
    return pd.Series(built[group_numbers], index=rows.index, dtype=object)


def _intern(columns: list[pd.Series]) -> tuple[list[str], list[list[int]]]:
    # One string table for every column; "" is index 0 so empty fields are falsy in JavaScript.
    empty_first = [pd.Series([""], dtype=object), *(column.astype(object) for column in columns)]
    values = pd.concat(empty_first, ignore_index=True)
    numbers, uniques = pd.factorize(values)
    size = len(columns[0]) if columns else 0
    chunks = [numbers[1 + k * size: 1 + (k + 1) * size].tolist() for k in range(len(columns))]
    return [str(u) for u in uniques], chunks
