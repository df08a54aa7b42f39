"""The dossier's map as plain shapes for an inline SVG: department outlines and the deployments' points.

No tiles and no JavaScript, so the dossier opens offline and prints as sharp vectors. One panel per
part of France that has something to show (metropolitan France, then each overseas department), in an
equirectangular projection corrected by the cosine of the panel's middle latitude: at the scale of a
department or a region the distortion is invisible. Shapes carry numbers and text only; the dossier's
template (autoescaped) writes the SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import shapely
from shapely.geometry import box

from utils import boundaries
from utils.i18n import tr
from utils.map_palette import ALL_GROUPS, group_indices
from utils.map_zones import ZONES, Zone
from utils.mapping import located_rows

WIDTH, MAX_HEIGHT = 640.0, 720.0  # CSS pixels; the SVG scales to the page width when printed
MIN_SPAN_DEG = 0.4  # a single commune still shows its surroundings
PADDING = 0.08
MIXED_COLOUR = "#FFFFFF"  # a place with deployments of several colour groups
LABEL_LIMIT = 12  # highlighted departments named on the map when there are at most this many


@dataclass(frozen=True)
class Point:
    """One place on the panel: pixel position, colour, how many deployments are there, hover text."""

    x: float
    y: float
    colour: str
    count: int
    title: str


@dataclass(frozen=True)
class Area:
    """One department outline as SVG path data; highlighted when it belongs to the dossier's area."""

    code: str
    name: str
    path: str
    highlighted: bool
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Panel:
    """One map: its title (a part of France), size in pixels, outlines and points."""

    title: str
    width: float
    height: float
    areas: list[Area]
    points: list[Point]
    inset: bool = False  # an overseas department beside metropolitan France: drawn half size


def map_panels(rows: pd.DataFrame, highlighted: set[str], lang: str) -> list[Panel]:
    """The panels showing `rows` (typed deployments) and the `highlighted` departments (codes)."""
    located = located_rows(rows)
    shown = []
    for zone in ZONES:
        inside = located[zone.contains(located["lat"], located["lon"])]
        codes = {code for code in highlighted if _in_zone(code, zone)}
        if len(inside) or codes:
            shown.append((zone, inside, codes))
    if not shown:
        return [_panel(ZONES[0], located.iloc[0:0], set(), lang, 1.0)]
    inset = len(shown) > 1
    return [_panel(zone, inside, codes, lang, 0.5 if inset and zone != ZONES[0] else 1.0)
            for zone, inside, codes in shown]


def _in_zone(code: str, zone: Zone) -> bool:
    area = boundaries.departments().get(code)
    if area is None:
        return False
    point = area.geometry.representative_point()
    return bool(zone.contains(pd.Series([point.y]), pd.Series([point.x])).iloc[0])


def _panel(zone: Zone, located: pd.DataFrame, codes: set[str], lang: str, size: float) -> Panel:
    west, south, east, north = _frame(zone, located, codes)
    scale = _scale(west, south, east, north) * size
    ratio = math.cos(math.radians((south + north) / 2))

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * ratio * scale, 1), round((north - lat) * scale, 1)

    areas = _areas((west, south, east, north), codes, scale, project)
    width, height = project(east, south)
    return Panel(zone.name(lang), width, height, areas, _points(located, project, lang), size < 1)


def _frame(zone: Zone, located: pd.DataFrame, codes: set[str]) -> tuple[float, float, float, float]:
    shapes = [boundaries.departments()[code].geometry for code in codes]
    shapes += list(shapely.points(located["lon"].to_numpy(float), located["lat"].to_numpy(float)))
    if not shapes:
        return zone.west, zone.south, zone.east, zone.north
    west, south, east, north = shapely.union_all(shapes).bounds
    pad_x = max(east - west, MIN_SPAN_DEG) * PADDING + max(0.0, MIN_SPAN_DEG - (east - west)) / 2
    pad_y = max(north - south, MIN_SPAN_DEG) * PADDING + max(0.0, MIN_SPAN_DEG - (north - south)) / 2
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _scale(west: float, south: float, east: float, north: float) -> float:
    ratio = math.cos(math.radians((south + north) / 2))
    return min(WIDTH / ((east - west) * ratio), MAX_HEIGHT / (north - south))


def _areas(frame, codes: set[str], scale: float, project) -> list[Area]:
    window = box(*frame)
    tolerance = 0.6 / scale  # about half a pixel: finer detail would not show
    areas = []
    for code, area in sorted(boundaries.departments().items()):
        if not area.geometry.intersects(window):
            continue
        shape = area.geometry.intersection(window.buffer(1 / scale * 4)).simplify(tolerance)
        anchor = area.geometry.intersection(window).representative_point()
        x, y = project(anchor.x, anchor.y) if not anchor.is_empty else (0.0, 0.0)
        highlighted = code in codes
        areas.append(Area(code, area.name, _path(shape, project), highlighted, x, y))
    named = sum(area.highlighted for area in areas) <= LABEL_LIMIT
    return [area if named or not area.highlighted else _unlabelled(area) for area in areas]


def _unlabelled(area: Area) -> Area:
    return Area(area.code, "", area.path, area.highlighted, area.label_x, area.label_y)


def _path(shape, project) -> str:
    rings = []
    for polygon in getattr(shape, "geoms", [shape]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = [project(lon, lat) for lon, lat in ring.coords]
            rings.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(rings)


def _points(located: pd.DataFrame, project, lang: str) -> list[Point]:
    if located.empty:
        return []
    frame = located.assign(_group=group_indices(located["technology"]).to_numpy(),
                           _lat=located["lat"].round(4), _lon=located["lon"].round(4))
    points = []
    for (lat, lon), group in frame.groupby(["_lat", "_lon"], sort=True):
        colours = {ALL_GROUPS[index].colour for index in group["_group"]}
        x, y = project(lon, lat)
        colour = colours.pop() if len(colours) == 1 else MIXED_COLOUR
        points.append(Point(x, y, colour, len(group), _point_title(group, lang)))
    return sorted(points, key=lambda point: point.count)  # big piles drawn last, on top


def _point_title(group: pd.DataFrame, lang: str) -> str:
    communes = sorted({name for name in group["commune"] if name})
    place = ", ".join(communes) or tr(lang, "Lieu sans nom", "Unnamed place")
    return f"{place} : {len(group)}" if lang != "en" else f"{place}: {len(group)}"
