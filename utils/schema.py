"""The deployments contract, read from its Frictionless Table Schema (the single source of truth)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from utils.paths import DEPLOYMENTS_SCHEMA

MULTI_SEPARATOR = "|"
# Columns whose cells hold several values separated by MULTI_SEPARATOR.
MULTI_VALUE_COLUMNS = ("technology", "vendor", "sources")

TECHNOLOGIES = (
    "facial_recognition", "behaviour_detection", "video_search", "audio_detection",
    "emotion_detection", "crowd_analytics", "mask_detection", "thermal_screening",
    "license_plate_reading", "drone", "retail_theft_detection", "exam_proctoring",
    "hypervision_platform", "chemical_marking", "predictive_policing", "other",
)


@lru_cache(maxsize=4)
def load_schema(path: Path = DEPLOYMENTS_SCHEMA) -> dict:
    """The Table Schema as a dict."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def columns() -> list[str]:
    """Canonical column order."""
    return [field["name"] for field in load_schema()["fields"]]


def field(name: str) -> dict:
    """The schema entry of one column."""
    return next(f for f in load_schema()["fields"] if f["name"] == name)


def enum(name: str) -> tuple[str, ...]:
    """Allowed values of an enumerated column (technology is multi-valued: see TECHNOLOGIES)."""
    if name == "technology":
        return TECHNOLOGIES
    return tuple(field(name).get("constraints", {}).get("enum", ()))


def required_columns() -> list[str]:
    return [f["name"] for f in load_schema()["fields"] if f.get("constraints", {}).get("required")]


def split_multi(cell: str) -> list[str]:
    """`a|b| c` -> ['a', 'b', 'c'] (empty parts dropped)."""
    return [part.strip() for part in str(cell or "").split(MULTI_SEPARATOR) if part.strip()]
