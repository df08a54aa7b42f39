"""Where the atlas finds its files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
STATIC_DIR = ROOT / "static"

DEPLOYMENTS_CSV = DATA_DIR / "deployments.csv"
DEPLOYMENTS_SCHEMA = DATA_DIR / "deployments.schema.json"
TECHNOLOGIES_CSV = DATA_DIR / "technologies.csv"
VENDORS_CSV = DATA_DIR / "vendors.csv"
EVENTS_CSV = DATA_DIR / "events.csv"
DATAPACKAGE_JSON = DATA_DIR / "datapackage.json"
COMMUNES_CSV = GEO_DIR / "communes.csv"
DEPARTMENTS_GEOJSON = GEO_DIR / "departements.geojson"
REGIONS_GEOJSON = GEO_DIR / "regions.geojson"

# Editors preview their own file, and tests point the app at small fixtures, through this variable.
DATA_ENV_VAR = "ATLAS_DATA"


def deployments_path() -> Path:
    """The deployments CSV to use: $ATLAS_DATA when set, else the bundled file."""
    override = os.environ.get(DATA_ENV_VAR, "").strip()
    return Path(override) if override else DEPLOYMENTS_CSV
