"""Exports of what the visitor is looking at: filtered rows as CSV or GeoJSON, the whole data package.

The CSV is canonical (UTF-8, commas, no byte-order mark, like data/deployments.csv); its Excel
variant adds the byte-order mark, semicolons and CRLF that French Excel expects. In both, a cell
a spreadsheet would run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from pathlib import Path

import pandas as pd

from utils.paths import DATA_DIR, GEO_DIR
from utils.schema import columns

# Cells starting with these characters are formulas to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# Fixed timestamp inside the zip, so that the same files always give the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
ATTRIBUTION_HEADING = "## Attribution to show in the app"


def neutralize_formula(cell: object) -> str:
    """`=1+1` -> `'=1+1`; numbers such as `-1.55` and every other cell are left as they are."""
    text = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def to_csv(df: pd.DataFrame, excel: bool = False) -> bytes:
    """The rows in the canonical columns, formulas neutralised; `excel=True` for French Excel."""
    frame = df.reindex(columns=columns()).astype(object).map(neutralize_formula)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, sep=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    return buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")


def to_geojson(df: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection: one point per row with coordinates, every column as a property."""
    features = []
    for record in df.reindex(columns=columns()).to_dict("records"):
        lat, lon = _number(record["lat"]), _number(record["lon"])
        if lat is None or lon is None:
            continue
        properties = {key: _property(value) for key, value in record.items()}
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def datapackage_zip(data_dir: Path = DATA_DIR) -> bytes:
    """A zip of datapackage.json, every resource it lists with its schema, and the README."""
    data_dir = Path(data_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in datapackage_files(data_dir):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (data_dir / name).read_bytes())
    return buffer.getvalue()


def datapackage_files(data_dir: Path = DATA_DIR) -> list[str]:
    """Names, relative to data/, of the files of the data package that exist."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    names = ["datapackage.json", "README.md"]
    for resource in package.get("resources", []):
        names += [resource.get("path"), resource.get("schema")]
    return [name for name in dict.fromkeys(names) if isinstance(name, str) and _inside(data_dir, name)]


def geo_attributions(provenance: Path = GEO_DIR / "PROVENANCE.md") -> list[str]:
    """The attribution lines that data/geo/PROVENANCE.md asks the app to show, word for word."""
    lines = provenance.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(ATTRIBUTION_HEADING)), None)
    if start is None:
        return []
    quoted = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.startswith(">"):
            quoted.append(line.lstrip("> ").strip())
    return _join_wrapped(quoted)


def _join_wrapped(lines: list[str]) -> list[str]:
    # A quoted line that does not start a new sentence continues the previous one.
    entries: list[str] = []
    for line in filter(None, lines):
        if entries and not entries[-1].endswith("."):
            entries[-1] += " " + line
        else:
            entries.append(line)
    return entries


def _inside(data_dir: Path, name: str) -> bool:
    path = (data_dir / name).resolve()
    return path.is_file() and path.is_relative_to(data_dir.resolve())


def _number(value: object) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _property(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


def package_sources(data_dir: Path = DATA_DIR) -> list[tuple[str, str]]:
    """(title, URL or "") of each source declared in datapackage.json."""
    package = json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))
    entries = package.get("sources", [])
    return [(str(source.get("title", "")), str(source.get("path", ""))) for source in entries]
