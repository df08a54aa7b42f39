"""The atlas's map: deployments as clustered circle markers coloured by technology, an optional
choropleth of counts, a legend, fitted to the chosen part of France. Pure: rows in, folium.Map out.

Split by concept: map_assets (self-hosted JS/CSS, tiles), map_markers (the compact data layer),
popups (escaped popup text), map_palette (colours), map_choropleth, map_legend, map_zones,
map_table (the table twin).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import folium
import pandas as pd

from utils.i18n import tr
from utils.map_assets import CompactCredits, OfflineMap, tile_layer
from utils.map_choropleth import LEVELS, backdrop_layer, choropleth_layer
from utils.map_legend import Legend, choropleth_legend, technology_legend
from utils.map_markers import DeploymentLayer, marker_payload
from utils.map_zones import DEFAULT_ZONE, FitView, view_bounds
from utils.popups import FULL_FIELDS, SHORT_FIELDS
from utils.timeline import service_years

# Above this many markers, popups carry commune, technology and status and link to the full card.
FULL_POPUP_LIMIT = 2000
FIT_MAX_ZOOM = 12
FIT_PADDING = 24  # px around the points fitted: a cluster (40 px) at the edge stays whole
# Fractional zoom, fine enough that France fills most of a phone-wide map (0.25 left a sixth of it empty).
ZOOM_SNAP = 0.1


@dataclass(frozen=True)
class MapOptions:
    """What the map shows besides the rows: zone to fit, choropleth level, popup size, card link."""

    zone: str = DEFAULT_ZONE.key
    choropleth: str | None = None  # None, "department" or "region"
    full_popup_limit: int = FULL_POPUP_LIMIT
    card_url: str = "/donnees"  # the Data page; the popup links to card_url?lang=…&id=<id>
    tiles: bool = True


def build_map(rows: pd.DataFrame, lang: str, *, options: MapOptions | None = None) -> folium.Map:
    """The map of `rows` (typed deployments) in `lang`; rows without coordinates are not drawn."""
    options = options or MapOptions()
    located = located_rows(rows)
    m = OfflineMap(location=_centre(view_bounds(located, options.zone)), zoom_start=5, tiles=None,
                   zoom_snap=ZOOM_SNAP)
    if options.tiles:
        tile_layer(lang).add_to(m)
    legend = ""
    if options.choropleth in LEVELS:
        layer, classes = choropleth_layer(rows, options.choropleth, lang)
        layer.add_to(m)
        legend = choropleth_legend(classes, options.choropleth, lang)
    else:
        backdrop_layer().add_to(m)
    fields = FULL_FIELDS if len(located) <= options.full_popup_limit else SHORT_FIELDS
    DeploymentLayer(marker_payload(located, lang, fields, _card_href(options.card_url, lang))).add_to(m)
    CompactCredits().add_to(m)  # the scale and the attribution, before the legend that stacks above them
    Legend(technology_legend(located, lang) + legend, tr(lang, "Légende", "Legend")).add_to(m)
    FitView(view_bounds(located, options.zone), FIT_MAX_ZOOM, FIT_PADDING).add_to(m)
    return m


def located_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows the map can draw: finite latitude and longitude."""
    return rows[_has_coordinates(rows)]


def unlocated_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows listed beside the map: nationwide deployments and any other row without coordinates."""
    return rows[~_has_coordinates(rows)]


def _has_coordinates(rows: pd.DataFrame) -> pd.Series:
    lat, lon = pd.to_numeric(rows["lat"], errors="coerce"), pd.to_numeric(rows["lon"], errors="coerce")
    return (lat.notna() & lon.notna()).to_numpy()


def rows_at_end_of_year(rows: pd.DataFrame, year: int, current_year: int | None = None) -> pd.DataFrame:
    """The deployments as they stood at the end of `year`: started in or before it, not ended before it.

    "In service" as the timeline counts it (utils.timeline.service_years), so the map of a year shows
    as many deployments as the timeline's curve: rows with no start date, planned or abandoned
    deployments, and stopped ones after their start year (end unknown) are left out.
    """
    spans = service_years(rows, max(current_year or date.today().year, year))
    shown = spans.index[(spans["first"] <= year) & (spans["last"] >= year)]
    return rows.loc[shown]


def _card_href(card_url: str, lang: str) -> str:
    return f"{card_url}?lang={lang}&id=" if lang == "en" else f"{card_url}?id="


def _centre(bounds: list[list[float]]) -> list[float]:
    (south, west), (north, east) = bounds
    return [(south + north) / 2, (west + east) / 2]
