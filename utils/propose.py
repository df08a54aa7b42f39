"""One new deployment row built from the values of the "Propose a deployment" form.

The row is then checked by the validator together with the published rows, so that a repeated id
or a suspected duplicate is caught, and given back as a CSV file or a single CSV line to paste.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from utils.gazetteer import Commune
from utils.geocode import commune_cells, format_coordinate
from utils.names import strip_accents
from utils.problems import Problem
from utils.schema import MULTI_SEPARATOR, columns
from utils.tabular import FIRST_DATA_ROW, Table
from utils.validate import validate_deployments

PROPOSAL_FILE = "proposition.csv"
NATIONAL_PLACE = "france"  # first word of the id of a nationwide system
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`Saint-Étienne` -> `saint-etienne`, `behaviour_detection` -> `behaviour-detection`."""
    return _NOT_ALNUM.sub("-", strip_accents(str(text or "")).lower()).strip("-")


def suggest_id(row: Mapping[str, str], taken: Iterable[str] = ()) -> str:
    """`place-vendor-year` like the published ids (technology when no vendor), made unique."""
    place = row.get("commune") or row.get("site") or NATIONAL_PLACE
    what = (row.get("vendor") or row.get("technology") or "").split(MULTI_SEPARATOR)[0]
    year = row.get("start_date", "")[:4]
    base = "-".join(part for part in (slug(place), slug(what), year if year.isdigit() else "") if part)
    taken, candidate, number = set(taken), base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def cell(value: object) -> str:
    """A form value as one cell: lists joined by "|", dates in ISO, whitespace runs as single spaces."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format_coordinate(value)
    if isinstance(value, list | tuple | set):
        parts = [cell(part) for part in value]
        return MULTI_SEPARATOR.join(dict.fromkeys(part for part in parts if part))
    return " ".join(str(value).split())


def build_row(values: Mapping[str, object], commune: Commune | None = None, taken: Iterable[str] = (),
              today: dt.date | None = None) -> dict[str, str]:
    """The new row in canonical column order.

    `values` are the form's values by column name; `commune` fills the codes and, unless the row is
    placed at a precise site with its own coordinates, the point. The id is suggested when empty and
    last_verified is today.
    """
    row = {name: cell(values.get(name)) for name in columns()}
    precision = row["geo_precision"] or "commune"
    if commune is not None and precision != "national":
        point = {"lat": row["lat"], "lon": row["lon"]}
        row.update(commune_cells(commune))
        if precision == "site":
            row.update(point, geo_precision="site")
    else:
        row["geo_precision"] = precision
    row["last_verified"] = row["last_verified"] or (today or dt.date.today()).isoformat()
    row["id"] = row["id"] or suggest_id(row, taken)
    return row


def proposal_problems(row: Mapping[str, str], published: Table | None = None,
                      today: dt.date | None = None) -> list[Problem]:
    """The validator's problems of the new row, checked after the published rows (row 2 of its own file)."""
    header = columns()
    rows, numbers = [], []
    if published is not None:
        frame = published.to_frame().reindex(columns=header).fillna("")
        rows, numbers = frame.to_numpy(dtype=str).tolist(), frame.index.tolist()
    number = max(numbers, default=FIRST_DATA_ROW - 1) + 1
    table = Table(Path(PROPOSAL_FILE), header, [*rows, [row.get(name, "") for name in header]],
                  row_numbers=[*numbers, number])
    return [dataclasses.replace(problem, row=FIRST_DATA_ROW)
            for problem in validate_deployments(table, today=today) if problem.row == number]


def csv_line(row: Mapping[str, str]) -> str:
    """The row as one CSV line in canonical column order, to paste at the end of deployments.csv."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(name, "") for name in columns()])
    return buffer.getvalue()


def proposal_csv(row: Mapping[str, str]) -> str:
    """A one-row deployments file: the header, then the row."""
    return csv_line(dict(zip(columns(), columns(), strict=True))) + csv_line(row)
