"""Departments and regions: names by code, outlines, point-in-department."""

import math

import pytest
import shapely
from shapely.ops import nearest_points

from utils.boundaries import (
    department_name,
    departments,
    load_geojson,
    point_in_department,
    points_in_department,
    region_name,
    region_of_department,
    regions,
)
from utils.paths import DEPARTMENTS_GEOJSON


def test_all_departments_and_regions_are_loaded():
    """Test that the 101 departments and 18 regions of the geo files are there, by code."""
    assert (len(departments()), len(regions())) == (101, 18)
    assert {"01", "2A", "2B", "95", "971", "976"} <= set(departments())


@pytest.mark.parametrize(("code", "name", "region"), [
    ("30", "Gard", "76"), ("2A", "Corse-du-Sud", "94"), ("92", "Hauts-de-Seine", "11"),
    ("972", "Martinique", "02"),
])
def test_department_name_and_region_by_code(code, name, region):
    """Test that a department code gives its official name and its region code."""
    assert (department_name(code), region_of_department(code)) == (name, region)


@pytest.mark.parametrize(("code", "name"), [("76", "Occitanie"), ("11", "Île-de-France"), ("94", "Corse")])
def test_region_name_by_code(code, name):
    """Test that a region code gives its official name."""
    assert region_name(code) == name


def test_unknown_codes_give_none():
    """Test that codes absent from the geo files give None rather than an exception."""
    assert (department_name("975"), region_of_department("00"), region_name("99")) == (None, None, None)


@pytest.mark.parametrize(("lat", "lon", "code", "inside"), [
    (43.8446, 4.34761, "30", True),     # Nîmes
    (43.8446, 4.34761, "13", False),
    (48.8918, 2.2384, "92", True),      # La Défense
    (41.93461, 8.70064, "2A", True),    # Ajaccio
    (14.64064, -61.06902, "972", True),  # Fort-de-France
    (43.8446, 4.34761, "975", False),   # no outline
    (math.nan, 4.34761, "30", False),
])
def test_point_in_department(lat, lon, code, inside):
    """Test that a point is found in its department and nowhere else."""
    assert point_in_department(lat, lon, code) is inside


def test_tolerance_accepts_a_point_just_outside_the_simplified_border():
    """Test that a point 0.002° outside the outline is in with a 0.005° tolerance, out without."""
    outline = departments()["30"].geometry
    far = shapely.Point(5.37, 43.30)  # Marseille, outside the Gard
    on_border, _ = nearest_points(outline.boundary, far)
    step = 0.002 / on_border.distance(far)
    lon = on_border.x + (far.x - on_border.x) * step
    lat = on_border.y + (far.y - on_border.y) * step
    assert not point_in_department(lat, lon, "30")
    assert point_in_department(lat, lon, "30", tolerance_deg=0.005)


def test_points_in_department_answers_each_point_of_a_batch():
    """Test that the vectorised form gives one answer per point, in order."""
    result = points_in_department([43.8446, 43.8446, 48.8918], [4.34761, 4.34761, 2.2384], ["30", "13", "92"])
    assert result.tolist() == [True, False, True]


def test_geojson_is_returned_as_a_feature_collection_for_choropleths():
    """Test that load_geojson gives the raw FeatureCollection with code and nom properties."""
    collection = load_geojson(DEPARTMENTS_GEOJSON)
    assert collection["type"] == "FeatureCollection"
    assert {"code", "nom", "region"} <= set(collection["features"][0]["properties"])
