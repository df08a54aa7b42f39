"""Deployments through time: starts per year and technology, deployments in service each year, lanes.

Dates in the data may be partial (2019, 2019-02, 2019-02-19): a partial date stands for a period,
from its first to its last day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

from utils.schema import TECHNOLOGIES, split_multi

# Statuses of deployments that never ran: never counted as in service, whatever their dates.
NEVER_RAN_STATUSES = ("planned", "abandoned")
# Statuses of deployments known to have stopped. Without an end date, we only know they ran in their
# start year, so they are not counted as still in service (a one-day drone flight is not "active" for years).
STOPPED_STATUSES = ("ended", "banned", "suspended_by_court")
# How a lane ends: at its end date, at the end of its start period (end unknown), or today (ongoing).
END_DATE, END_UNKNOWN, END_ONGOING = "date", "unknown", "ongoing"
LANE_COLUMNS = ("id", "commune", "site", "status", "start_date", "end_date", "start", "end", "end_kind")
_TECHNOLOGY_RANK = {code: rank for rank, code in enumerate(TECHNOLOGIES)}
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_period(text: object) -> tuple[date, date] | None:
    """First and last day of a partial ISO date ("2019-02" -> Feb 1st and 28th), or None if invalid."""
    match = _PARTIAL_DATE.fullmatch(str(text or "").strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return date(year, month, day), date(year, month, day)
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def date_midpoint(text: object) -> date | None:
    """The middle of a partial date's period (a year-only date sits mid-year, inside its year's bar)."""
    period = date_period(text)
    return period[0] + (period[1] - period[0]) / 2 if period else None


def technology_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (deployment, technology): a deployment with several technologies appears in each."""
    rows = zip(df["id"], df["start_year"], df["technology"], strict=True)
    pairs = [(row_id, year, tech) for row_id, year, cell in rows for tech in dict.fromkeys(split_multi(cell))]
    return pd.DataFrame(pairs, columns=["id", "year", "technology"])


def starts_by_technology(df: pd.DataFrame) -> pd.DataFrame:
    """Deployments started each year per technology (columns year, technology, deployments).

    A deployment with several technologies counts once in each; rows without a start year are left out.
    """
    pairs = technology_rows(df[df["start_year"].notna()])
    counts = pairs.groupby(["year", "technology"]).size().rename("deployments").reset_index()
    counts["year"] = counts["year"].astype(int)
    rank = counts["technology"].map(_TECHNOLOGY_RANK).fillna(len(TECHNOLOGIES))
    counts = counts.assign(_rank=rank).sort_values(["year", "_rank"]).drop(columns="_rank")
    return counts.reset_index(drop=True)


def starts_per_year(df: pd.DataFrame) -> pd.Series:
    """Number of deployments started each year (each deployment once), indexed by year."""
    years = df["start_year"].dropna().astype(int)
    return years.value_counts().sort_index().rename("deployments").rename_axis("year")


def service_years(df: pd.DataFrame, current_year: int) -> pd.DataFrame:
    """First and last year in service of each deployment that ran and has a start year (columns first, last).

    In service from the start year to the end year; without an end year, to `current_year`, except
    for stopped deployments (STOPPED_STATUSES), counted in their start year only.
    """
    ran = df[df["start_year"].notna() & ~df["status"].isin(NEVER_RAN_STATUSES)]
    first = ran["start_year"].astype(int)
    stopped = ran["status"].isin(STOPPED_STATUSES)
    open_end = first.where(stopped, other=current_year)
    last = ran["end_year"].astype("Int64").fillna(open_end).astype(int).clip(lower=first, upper=current_year)
    return pd.DataFrame({"first": first, "last": last}, index=ran.index)


def active_per_year(df: pd.DataFrame, current_year: int | None = None) -> pd.DataFrame:
    """Deployments in service each year, from the first start to `current_year` (columns year, deployments).

    See service_years for the rule; a year without any deployment in service is listed with 0.
    """
    current_year = current_year or date.today().year
    spans = service_years(df, current_year)
    if spans.empty:
        return pd.DataFrame({"year": pd.Series(dtype=int), "deployments": pd.Series(dtype=int)})
    years = range(int(spans["first"].min()), current_year + 1)
    counts = [int(((spans["first"] <= year) & (spans["last"] >= year)).sum()) for year in years]
    return pd.DataFrame({"year": list(years), "deployments": counts})


def peak(counts: pd.Series) -> tuple[int, int] | None:
    """(year, count) of the highest count (earliest year on ties), or None when there is nothing."""
    counts = counts[counts > 0]
    if counts.empty:
        return None
    top = counts.max()
    return int(counts[counts == top].index.min()), int(top)


def lanes(df: pd.DataFrame, today: date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One lane per deployment with a valid start date (start, end, end_kind), and the rows without one.

    A lane runs from the first day of its start date to the last day of its end date. With no end date,
    it runs to today, except for deployments that are stopped, never ran or start in the future: their
    lane covers their start period only.
    """
    today = today or date.today()
    records = [_lane(row, today) for row in df.to_dict("records")]
    known = [lane for lane in records if lane is not None]
    lane_frame = pd.DataFrame(known, columns=list(LANE_COLUMNS))
    lane_frame = lane_frame.sort_values(["start", "id"], kind="stable").reset_index(drop=True)
    for name in ("start", "end"):
        lane_frame[name] = pd.to_datetime(lane_frame[name])
    unknown = df[[lane is None for lane in records]]
    return lane_frame, unknown.reindex(columns=["id", "commune", "site", "status"]).reset_index(drop=True)


def _lane(row: dict, today: date) -> dict | None:
    start = date_period(row.get("start_date"))
    if start is None:
        return None
    end = date_period(row.get("end_date"))
    if end is not None:
        last, kind = end[1], END_DATE
    elif row.get("status") in (*STOPPED_STATUSES, *NEVER_RAN_STATUSES) or start[0] > today:
        last, kind = start[1], END_UNKNOWN
    else:
        last, kind = today, END_ONGOING
    fields = {name: row.get(name, "") for name in LANE_COLUMNS[:6]}
    return {**fields, "start": start[0], "end": max(last, start[0]), "end_kind": kind}
