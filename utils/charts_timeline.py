"""The timeline's charts: deployments started per year by technology, in service per year, one lane each.

Each `*_data` function gives the chart's data in the current language (also shown as its table);
each `*_chart` function draws it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from utils.charts import (
    SINGLE_COLOR,
    group_scale,
    status_scale,
    stretched,
    technology_group,
    title,
    with_events,
    year_axis,
    year_start,
)
from utils.i18n import tr
from utils.labels import label
from utils.timeline import END_DATE, END_ONGOING

CHART_HEIGHT = 300  # pixels of the plotting area, legends excluded
LANE_STEP = 12  # pixels per lane
LEGEND_LABEL_LIMIT = 320
LANE_LABEL_LIMIT = 110  # pixels of a lane's name on the axis, so the chart fits a 390 px phone
LANE_EVENT_OPACITY = 0.3  # hundreds of lanes under the milestones' rules: fade the rules
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
        x=alt.X("when:T", timeUnit="year", axis=year_axis(lang)),
        y=alt.Y("sum(deployments):Q", title=title("deployments", lang)),
        color=alt.Color("group:N", scale=group_scale(data["rank"], lang),
                        legend=alt.Legend(title=title("technology", lang), orient="bottom", columns=1,
                                          labelLimit=LEGEND_LABEL_LIMIT)),
        detail="technology:N",
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("year:O", title=title("year", lang)),
                 alt.Tooltip("technology:N", title=title("technology", lang)),
                 alt.Tooltip("deployments:Q", title=title("deployments", lang))],
    )
    return stretched(with_events(bars, events, lang), CHART_HEIGHT)


def active_chart(active: pd.DataFrame, lang: str, events: pd.DataFrame | None = None) -> alt.Chart:
    """Bars: deployments in service each year (utils.timeline.active_per_year)."""
    bars = alt.Chart(active.assign(when=year_start(active["year"]))).mark_bar(color=SINGLE_COLOR)
    bars = bars.encode(
        x=alt.X("when:T", timeUnit="year", axis=year_axis(lang)),
        y=alt.Y("deployments:Q", title=tr(lang, "Déploiements en service", "Deployments in service")),
        tooltip=[alt.Tooltip("year:O", title=title("year", lang)),
                 alt.Tooltip("deployments:Q", title=title("deployments", lang))],
    )
    return stretched(with_events(bars, events, lang), CHART_HEIGHT)


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


def lanes_chart(data: pd.DataFrame, lang: str, events: pd.DataFrame | None = None) -> alt.Chart | None:
    """One horizontal lane per deployment, from its start to its end (or today), coloured by status.

    None when there are more than MAX_LANES lanes.
    """
    if len(data) > MAX_LANES:
        return None
    base = alt.Chart(data).encode(
        y=alt.Y("id:N", sort=None, title=None, axis=alt.Axis(labelLimit=LANE_LABEL_LIMIT)),
        color=alt.Color("status:N", scale=status_scale(data["status_code"], lang),
                        legend=alt.Legend(title=title("status", lang), orient="bottom", columns=1)),
        tooltip=[alt.Tooltip(f"{name}:N", title=title(name, lang))
                 for name in ("id", "commune", "site", "status", "start_date", "end")],
    )
    # The axis sits on top: with hundreds of lanes, the bottom of the chart is far down the page.
    x = alt.X("from:T", axis=year_axis(lang, orient="top"))
    lanes = base.mark_bar(height=LANE_STEP - 4).encode(x=x, x2="to:T")
    # A deployment of a single day would be an invisible lane: a dot marks every start.
    starts = base.mark_point(filled=True, size=25, opacity=1).encode(x="from:T")
    chart = with_events(alt.layer(lanes, starts), events, lang, LANE_EVENT_OPACITY)
    return stretched(chart).properties(height=alt.Step(LANE_STEP))


def _end_text(end_date: str, kind: str, lang: str) -> str:
    if kind == END_DATE:
        return end_date
    if kind == END_ONGOING:
        return tr(lang, "en cours (aujourd'hui)", "ongoing (today)")
    return tr(lang, "inconnue", "unknown")
