"""Shared pieces of the atlas's Altair charts: colours, titles in both languages, the milestones layer.

Technologies take the map's colour groups (utils.map_palette: Okabe-Ito, colour-blind safe), so a
colour means the same thing on every page. Tooltips are plain text: Vega escapes them; we never
build HTML for a chart.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from utils.i18n import tr
from utils.labels import label
from utils.map_palette import ALL_GROUPS, group_index
from utils.schema import enum

# Okabe-Ito colours for the statuses; abandoned and unknown, which say nothing of a running system, in greys.
STATUS_COLORS = {
    "active": "#D55E00",
    "trial": "#E69F00",
    "planned": "#56B4E9",
    "suspended_by_court": "#CC79A7",
    "banned": "#009E73",
    "ended": "#0072B2",
    "abandoned": "#999999",
    "unknown": "#555555",
}
SINGLE_COLOR = "#0072B2"
EVENT_COLOR = "#333333"
# (French, English) titles of the columns shown in charts and their tables.
TITLES = {
    "year": ("Année", "Year"),
    "technology": ("Technologie", "Technology"),
    "deployments": ("Déploiements", "Deployments"),
    "date": ("Date", "Date"),
    "title": ("Jalon", "Milestone"),
    "kind": ("Type", "Kind"),
    "source": ("Source", "Source"),
    "id": ("Identifiant", "Identifier"),
    "commune": ("Commune", "Municipality"),
    "site": ("Lieu", "Site"),
    "status": ("Statut", "Status"),
    "start_date": ("Début", "Start"),
    "end": ("Fin", "End"),
    "vendor": ("Fournisseur", "Vendor"),
    "communes": ("Communes", "Municipalities"),
    "technologies": ("Technologies", "Technologies"),
    "years": ("Années", "Years"),
}
YEAR_AXIS_FORMAT = "%Y"


def title(column: str, lang: str) -> str:
    """The title of a chart column in `lang`."""
    return tr(lang, *TITLES[column])


def translated_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` with its columns renamed to their titles in `lang` (for a chart's table equivalent)."""
    return frame.rename(columns={name: title(name, lang) for name in frame.columns if name in TITLES})


def technology_group(code: str, lang: str) -> tuple[int, str]:
    """(rank, legend label) of the map colour group of one technology code."""
    rank = group_index(code)
    return rank, ALL_GROUPS[rank].label(lang)


def group_scale(ranks: pd.Series, lang: str) -> alt.Scale:
    """Colour scale of the map's technology groups, limited to the groups present, in the map's order."""
    present = sorted(set(ranks))
    return alt.Scale(domain=[ALL_GROUPS[rank].label(lang) for rank in present],
                     range=[ALL_GROUPS[rank].colour for rank in present])


def status_scale(codes: pd.Series, lang: str) -> alt.Scale:
    """Colour scale of the statuses present, in the schema's order."""
    present = [code for code in enum("status") if code in set(codes)]
    return alt.Scale(domain=[label("status", code, lang) for code in present],
                     range=[STATUS_COLORS[code] for code in present])


def year_start(years: pd.Series) -> pd.Series:
    """January 1st of each year, for a time axis shared with dated milestones."""
    return pd.to_datetime(years.astype(int).astype(str) + "-01-01")


def year_axis(lang: str, orient: str = "bottom") -> alt.Axis:
    """A time axis with a tick each January 1st, its year written just after it, over that year's bar.

    Years only: month names would need a time-format locale.
    """
    return alt.Axis(title=title("year", lang), format=YEAR_AXIS_FORMAT, orient=orient, labelAlign="left",
                    tickCount={"interval": "year", "step": 1}, labelOverlap=True, labelBound=True)


def stretched(chart: alt.Chart | alt.LayerChart, height: int | None = None) -> alt.Chart | alt.LayerChart:
    """`chart` as wide as its container, its plotting area `height` pixels high, legends added below.

    Streamlit's default autosize ("fit") takes legends out of the given height: a tall legend would
    squash the bars to nothing.
    """
    sized = chart.properties(width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return sized.properties(height=height) if height else sized


def events_layer(events: pd.DataFrame, lang: str, opacity: float = 1.0) -> alt.LayerChart:
    """Milestones as dashed vertical rules with a marker on top; hovering shows date, title and source.

    `events` has the columns of utils.timeline_events.localized_events; `opacity` is the rules' (a
    dense chart fades them so that they do not hide its marks).
    """
    tooltip = [alt.Tooltip(f"{name}:N", title=title(name, lang)) for name in ("date", "title", "source")]
    base = alt.Chart(events).encode(x=alt.X("when:T"), tooltip=tooltip)
    rules = base.mark_rule(color=EVENT_COLOR, strokeDash=[4, 3], strokeWidth=1.5, opacity=opacity)
    markers = base.mark_point(shape="triangle-down", filled=True, size=90, color=EVENT_COLOR).encode(
        y=alt.value(0))
    return alt.layer(rules, markers)


def with_events(chart: alt.Chart | alt.LayerChart, events: pd.DataFrame | None, lang: str,
                opacity: float = 1.0) -> alt.Chart | alt.LayerChart:
    """`chart` with the milestones drawn on its time axis (unchanged when there are none)."""
    if events is None or events.empty:
        return chart
    return alt.layer(chart, events_layer(events, lang, opacity))
