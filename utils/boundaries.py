"""French departments and regions: names by code, outlines, and point-in-department tests.

Read once from data/geo/*.geojson (see data/geo/PROVENANCE.md) and cached. The outlines are
simplified (about 11 m precision plus vertex removal): good for maps and for checking that a
site lies in its department, not for cadastral precision.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from utils.paths import DEPARTMENTS_GEOJSON, REGIONS_GEOJSON

# Distance (degrees, about 500 m) within which a point still counts as inside a department:
# simplification moved the borders by up to a few hundred metres.
SIMPLIFICATION_TOLERANCE_DEG = 0.005


@dataclass(frozen=True)
class Area:
    """A department or a region: INSEE code, official name, outline (lon/lat), parent region."""

    code: str
    name: str
    geometry: BaseGeometry
    region_code: str = ""


@lru_cache(maxsize=8)
def load_geojson(path: Path | str) -> dict:
    """The FeatureCollection as a dict (for choropleths). Cached: do not mutate it."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _areas(path: Path | str) -> dict[str, Area]:
    areas = {}
    for feature in load_geojson(path)["features"]:
        props = feature["properties"]
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        areas[props["code"]] = Area(props["code"], props["nom"], geometry, props.get("region", ""))
    return areas


def departments(path: Path | str = DEPARTMENTS_GEOJSON) -> dict[str, Area]:
    """All departments by INSEE code ('01' … '95', '2A', '2B', '971' … '976')."""
    return _areas(path)


def regions(path: Path | str = REGIONS_GEOJSON) -> dict[str, Area]:
    """All regions by INSEE code."""
    return _areas(path)


def department_name(code: str) -> str | None:
    """Official name of a department ('30' -> 'Gard'), None if the code is unknown."""
    area = departments().get(code)
    return area.name if area else None


def region_name(code: str) -> str | None:
    """Official name of a region ('76' -> 'Occitanie'), None if the code is unknown."""
    area = regions().get(code)
    return area.name if area else None


def region_of_department(code: str) -> str | None:
    """Region code of a department ('30' -> '76'), None if the department is unknown."""
    area = departments().get(code)
    return area.region_code if area else None


def point_in_department(lat: float, lon: float, code: str, tolerance_deg: float = 0.0) -> bool:
    """Whether (lat, lon) lies in the department (border included, or within tolerance_deg)."""
    return bool(points_in_department([lat], [lon], [code], tolerance_deg)[0])


def points_in_department(
    lats: Sequence[float], lons: Sequence[float], codes: Sequence[str], tolerance_deg: float = 0.0
) -> np.ndarray:
    """Vectorised point_in_department: one boolean per point; unknown codes or NaN give False."""
    lats, lons, codes = np.asarray(lats, float), np.asarray(lons, float), np.asarray(codes, object)
    inside = np.zeros(len(codes), dtype=bool)
    finite = np.isfinite(lats) & np.isfinite(lons)
    for code in set(codes.tolist()):
        area = departments().get(code)
        if area is None:
            continue
        mask = (codes == code) & finite
        inside[mask] = shapely.dwithin(area.geometry, shapely.points(lons[mask], lats[mask]), tolerance_deg)
    return inside
