"""Counts of deployments by department or region, drawn as a choropleth under the markers.

A plain GeoJson layer with the style and an escaped tooltip in each feature: folium.Choropleth would
add a branca colour map, for which streamlit-folium loads d3 from two CDNs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from folium import GeoJson
from folium.utilities import JsCode
from shapely.geometry import mapping, shape

from utils.boundaries import load_geojson
from utils.i18n import tr
from utils.paths import DEPARTMENTS_GEOJSON, REGIONS_GEOJSON
from utils.popups import text

LEVELS = {"department": ("department_code", DEPARTMENTS_GEOJSON), "region": ("region_code", REGIONS_GEOJSON)}
# ColorBrewer "Purples", 5 classes: one hue, light to dark, readable with every colour vision.
CLASS_COLOURS = ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")
NICE_STEPS = (1, 2, 5)
# About 1 km: invisible at the zooms a choropleth is read at, and a fifth of the file's size.
CHOROPLETH_TOLERANCE_DEG = 0.01
# About 3 km, for the faint region borders drawn under the markers (30 kB): France stays
# recognisable when the tiles cannot load.
BACKDROP_TOLERANCE_DEG = 0.03
BOUNDARIES_SOURCE = "IGN – ADMIN EXPRESS COG 2018"


@dataclass(frozen=True)
class CountClass:
    """Counts from `low` to `high` (None: no upper limit), drawn in `colour`."""

    low: int
    high: int | None
    colour: str

    def label(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.high == self.low else f"{self.low}–{self.high}"


def count_classes(max_count: int) -> list[CountClass]:
    """Up to five classes with round lower bounds (1, 2, 5, 10, 20…), the last one holding max_count."""
    lows = [step * 10**power for power in range(7) for step in NICE_STEPS]
    lows = [low for low in lows if low <= max(max_count, 1)]
    if len(lows) > len(CLASS_COLOURS):
        picks = np.linspace(0, len(lows) - 1, len(CLASS_COLOURS)).round().astype(int)
        lows = [lows[i] for i in picks]
    highs = [low - 1 for low in lows[1:]] + [None]
    return [CountClass(*bounds) for bounds in zip(lows, highs, CLASS_COLOURS, strict=False)]


def area_counts(rows: pd.DataFrame, level: str) -> dict[str, int]:
    """Number of deployments per department or region code (rows without a code are not counted)."""
    codes = rows[LEVELS[level][0]].astype(str).str.strip()
    return {str(code): int(n) for code, n in codes[codes != ""].value_counts().items()}


def choropleth_layer(rows: pd.DataFrame, level: str, lang: str) -> tuple[GeoJson, list[CountClass]]:
    """The layer of counts by `level` ("department" or "region"), and its classes for the legend."""
    counts = area_counts(rows, level)
    classes = count_classes(max(counts.values(), default=0))
    features = [_feature(code, name, geometry, counts.get(code, 0), classes, lang)
                for code, name, geometry in outlines(level)]
    layer = GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=tr(lang, "Nombre de déploiements", "Number of deployments"),
        control=False,
        on_each_feature=JsCode("function (feature, layer) { layer.bindTooltip(feature.properties.label); }"),
        attribution=tr(lang, "limites : ", "boundaries: ") + BOUNDARIES_SOURCE,  # after the tiles' credit
    )
    return layer, classes


def backdrop_layer() -> GeoJson:
    """Faint region borders, not clickable: the map still shows France without tiles."""
    style = {"color": "#666", "weight": 0.8, "opacity": 0.6, "fill": False}
    features = [{"type": "Feature", "geometry": geometry, "properties": {"style": style}}
                for _, _, geometry in outlines("region", BACKDROP_TOLERANCE_DEG, 2)]
    return GeoJson({"type": "FeatureCollection", "features": features}, control=False, interactive=False)


@lru_cache(maxsize=4)
def outlines(level: str, tolerance: float = CHOROPLETH_TOLERANCE_DEG,
             decimals: int = 3) -> tuple[tuple[str, str, dict], ...]:
    """(code, name, simplified GeoJSON geometry) of every department or region."""
    return tuple(
        (feature["properties"]["code"], feature["properties"]["nom"],
         _simplify(feature["geometry"], tolerance, decimals))
        for feature in load_geojson(LEVELS[level][1])["features"]
    )


def _simplify(geometry: dict, tolerance: float, decimals: int) -> dict:
    simple = shape(geometry).simplify(tolerance, preserve_topology=True)
    return mapping(shapely.transform(simple, lambda coords: np.round(coords, decimals)))


def _feature(code: str, name: str, geometry: dict, count: int, classes: list[CountClass], lang: str) -> dict:
    colour = next((c.colour for c in reversed(classes) if count >= c.low), None) if count else None
    style = {"color": "#555", "weight": 0.6, "fillColor": colour or "#ffffff",
             "fillOpacity": 0.6 if colour else 0.0}
    noun = tr(lang, "déploiement", "deployment") + ("s" if count > 1 else "")
    label = tr(lang, f"{text(name)} : {count} {noun}", f"{text(name)}: {count} {noun}")
    properties = {"code": code, "label": label, "style": style}
    return {"type": "Feature", "geometry": geometry, "properties": properties}
