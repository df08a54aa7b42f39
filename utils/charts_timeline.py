"""The timeline's charts: deployments started per year by technology, in service per year, one lane each.

Each `*_data` function gives the chart's data in the current language (also shown as its table);
each `*_chart` function draws it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from utils.charts import (
    MARKER_STEP,
    PHONE_PLOT_WIDTH,
    SINGLE_COLOR,
    group_scale,
    status_scale,
    stretched,
    technology_group,
    title,
    with_events,
    year_axis,
    year_period,
    year_scale,
    year_start,
)
from utils.i18n import tr
from utils.labels import label
from utils.timeline import END_DATE, END_ONGOING
from utils.timeline_events import placed_milestones

CHART_HEIGHT = 300  # pixels of the plotting area, legends and milestone markers excluded
LANE_STEP = 14  # pixels per lane: room for every lane's name in LANE_LABEL_SIZE
LANE_LABEL_SIZE = 10
LANE_LABEL_LIMIT = 110  # pixels of a lane's name on the axis, so the chart fits a 390 px phone
LANES_FOR_BOTTOM_AXIS = 25  # from this many lanes, the years are repeated at the bottom of the chart
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # counts of deployments: no 0.5 ticks
# Beyond this, one lane each is too tall to read (and heavy to send): the page asks to filter instead.
MAX_LANES = 500


def starts_data(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """utils.timeline.starts_by_technology with labels: year, technology, group, rank, deployments."""
    groups = [technology_group(code, lang) for code in counts["technology"]]
    return pd.DataFrame({
        "year": counts["year"].astype(int),
        "technology": [label("technology", code, lang) for code in counts["technology"]],
        "group": [name for _, name in groups],
        "rank": [rank for rank, _ in groups],
        "deployments": counts["deployments"].astype(int),
    })


def starts_chart(data: pd.DataFrame, lang: str, events: pd.DataFrame | None = None) -> alt.Chart:
    """Stacked bars: deployments started each year, one segment per technology coloured by its map group."""
    bars = alt.Chart(data.assign(when=year_start(data["year"]))).mark_bar(stroke="white", strokeWidth=0.5)
    bars = bars.encode(
        x=_year_x(data["year"], lang),
        y=alt.Y("sum(deployments):Q", title=title("deployments", lang), axis=COUNT_AXIS),
        # The key is drawn above the chart (utils.charts.colour_key_html): a legend cannot wrap on a phone.
        color=alt.Color("group:N", scale=group_scale(data["rank"], lang), legend=None),
        detail="technology:N",
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("year:O", title=title("year", lang)),
                 alt.Tooltip("technology:N", title=title("technology", lang)),
                 alt.Tooltip("deployments:Q", title=title("deployments", lang))],
    )
    return _with_numbered_milestones(bars, data["year"], lang, events)


def active_chart(active: pd.DataFrame, lang: str, events: pd.DataFrame | None = None) -> alt.Chart:
    """Bars: deployments in service each year (utils.timeline.active_per_year)."""
    bars = alt.Chart(active.assign(when=year_start(active["year"]))).mark_bar(color=SINGLE_COLOR)
    bars = bars.encode(
        x=_year_x(active["year"], lang),
        y=alt.Y("deployments:Q", title=tr(lang, "Déploiements en service", "Deployments in service"),
                axis=COUNT_AXIS),
        tooltip=[alt.Tooltip("year:O", title=title("year", lang)),
                 alt.Tooltip("deployments:Q", title=title("deployments", lang))],
    )
    return _with_numbered_milestones(bars, active["year"], lang, events)


def lanes_data(lane_frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """utils.timeline.lanes in words: id, commune, site, status (label, code), start_date, end, from, to."""
    return pd.DataFrame({
        "id": lane_frame["id"],
        "commune": lane_frame["commune"],
        "site": lane_frame["site"],
        "status": [label("status", code, lang) for code in lane_frame["status"]],
        "status_code": lane_frame["status"],
        "start_date": lane_frame["start_date"],
        "end": [_end_text(date, kind, lang)
                for date, kind in zip(lane_frame["end_date"], lane_frame["end_kind"], strict=True)],
        "from": lane_frame["start"],
        "to": lane_frame["end"],
    })


def lanes_chart(data: pd.DataFrame, lang: str) -> alt.Chart | None:
    """One horizontal lane per deployment, from its start to its end (or today), coloured by status.

    None when there are more than MAX_LANES lanes. Without the milestones: twenty rules across hundreds
    of lanes hide them (the yearly charts carry the milestones); a line each year helps follow them.
    """
    if len(data) > MAX_LANES:
        return None
    base = alt.Chart(data).encode(
        y=alt.Y("id:N", sort=None, title=None, axis=alt.Axis(
            labelLimit=LANE_LABEL_LIMIT, labelFontSize=LANE_LABEL_SIZE, labelOverlap=False)),
        color=alt.Color("status:N", scale=status_scale(data["status_code"], lang), legend=None),
        tooltip=[alt.Tooltip(f"{name}:N", title=title(name, lang))
                 for name in ("id", "commune", "site", "status", "start_date", "end")],
    )
    # Years on top, and again at the bottom of many lanes.
    top = alt.X("from:T", axis=year_axis(lang, orient="top", grid=True))
    lanes = base.mark_bar(height=LANE_STEP - 5).encode(x=top, x2="to:T")
    many = len(data) >= LANES_FOR_BOTTOM_AXIS
    bottom = year_axis(lang, orient="bottom", title_shown=False) if many else None
    # A deployment of a single day would be an invisible lane: a dot marks every start.
    starts = base.mark_point(filled=True, size=25, opacity=1).encode(x=alt.X("from:T", axis=bottom))
    return stretched(alt.layer(lanes, starts).resolve_axis(x="independent")).properties(
        height=alt.Step(LANE_STEP))


def _year_x(years: pd.Series, lang: str) -> alt.X:
    """The time axis of yearly bars, spanning exactly their years (the milestones are placed for it)."""
    if years.empty:
        return alt.X("when:T", timeUnit="year", axis=year_axis(lang))
    return alt.X("when:T", timeUnit="year", axis=year_axis(lang), scale=year_scale(*year_period(years)))


def _with_numbered_milestones(bars: alt.Chart, years: pd.Series, lang: str,
                              events: pd.DataFrame | None) -> alt.Chart | alt.LayerChart:
    """Yearly `bars` with the milestones of their years, numbered above the plotting area."""
    if events is None or events.empty or years.empty:
        return stretched(bars, CHART_HEIGHT)
    shown = placed_milestones(events, *year_period(years), MARKER_STEP / PHONE_PLOT_WIDTH)
    return stretched(with_events(bars, shown, lang, CHART_HEIGHT), CHART_HEIGHT)


def _end_text(end_date: str, kind: str, lang: str) -> str:
    if kind == END_DATE:
        return end_date
    if kind == END_ONGOING:
        return tr(lang, "en cours (aujourd'hui)", "ongoing (today)")
    return tr(lang, "inconnue", "unknown")
