"""Shared pieces of the atlas's Altair charts: colours and their keys, titles in both languages, the
time axis, and the numbered milestones drawn on it.

Technologies take the map's colour groups (utils.map_palette: Okabe-Ito, colour-blind safe), so a
colour means the same thing on every page. Tooltips are plain text: Vega escapes them. The only HTML
built here is a colour key, every text of it escaped.
"""

from __future__ import annotations

import html

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
RULE_COLOR = "#777777"
GRID_COLOR = "#D9D9D9"
MARKER_SIZE = 300  # area in px² of a milestone's numbered circle (about 20 px across)
MARKER_STEP = 21  # px between two rows of milestone markers, above the plotting area
# Plotting width of a chart on a 390 px phone: markers closer than MARKER_STEP there go to another row.
PHONE_PLOT_WIDTH = 290
# (French, English) titles of the columns shown in charts and their tables.
TITLES = {
    "year": ("Année", "Year"),
    "technology": ("Technologie", "Technology"),
    "deployments": ("Déploiements", "Deployments"),
    "date": ("Date", "Date"),
    "number": ("N°", "No."),
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
_KEY_STYLE = ("display:flex;flex-wrap:wrap;align-items:center;gap:0.15rem 1rem;font-size:0.875rem;"
              "margin-bottom:0.5rem")
_KEY_ENTRY_STYLE = "display:inline-flex;align-items:center;gap:0.35rem"
_KEY_SWATCH_STYLE = "flex:none;width:0.8rem;height:0.8rem;border-radius:2px;border:1px solid rgba(0,0,0,0.25)"


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


def group_colours(ranks: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, colour) of the map's technology groups present, in the map's order."""
    return [(ALL_GROUPS[rank].label(lang), ALL_GROUPS[rank].colour) for rank in sorted(set(ranks))]


def status_colours(codes: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, colour) of the statuses present, in the schema's order."""
    present = set(codes)
    return [(label("status", code, lang), STATUS_COLORS[code]) for code in enum("status") if code in present]


def colour_scale(colours: list[tuple[str, str]]) -> alt.Scale:
    """A colour scale from (label, colour) pairs."""
    return alt.Scale(domain=[name for name, _ in colours], range=[colour for _, colour in colours])


def group_scale(ranks: pd.Series, lang: str) -> alt.Scale:
    """Colour scale of the map's technology groups, limited to the groups present, in the map's order."""
    return colour_scale(group_colours(ranks, lang))


def status_scale(codes: pd.Series, lang: str) -> alt.Scale:
    """Colour scale of the statuses present, in the schema's order."""
    return colour_scale(status_colours(codes, lang))


def colour_key_html(heading: str, colours: list[tuple[str, str]]) -> str:
    """A chart's colour key as one line of escaped HTML that wraps to the page's width (a phone's too).

    Drawn above the chart rather than as a Vega legend, which cannot wrap and is cut on a phone.
    """
    entries = "".join(
        f'<span style="{_KEY_ENTRY_STYLE}"><span aria-hidden="true" style="{_KEY_SWATCH_STYLE};'
        f'background:{html.escape(colour)}"></span>{html.escape(name)}</span>'
        for name, colour in colours)
    return (f'<div class="atlas-chart-key" style="{_KEY_STYLE}"><strong>{html.escape(heading)}</strong>'
            f"{entries}</div>")


def year_start(years: pd.Series) -> pd.Series:
    """January 1st of each year, for a time axis shared with dated milestones."""
    return pd.to_datetime(years.astype(int).astype(str) + "-01-01")


def year_period(years: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """January 1st of the first year and of the year after the last: the span of a chart of yearly bars."""
    return pd.Timestamp(int(years.min()), 1, 1), pd.Timestamp(int(years.max()) + 1, 1, 1)


def year_scale(start: pd.Timestamp, end: pd.Timestamp) -> alt.Scale:
    """A time scale from `start` to `end` exactly (milestones are placed for that span)."""
    return alt.Scale(domain=[alt.DateTime(year=start.year, month=start.month, date=start.day),
                             alt.DateTime(year=end.year, month=end.month, date=end.day)], nice=False)


def year_axis(lang: str, orient: str = "bottom", grid: bool = False, title_shown: bool = True) -> alt.Axis:
    """A time axis with a tick each January 1st, its year written just after it, over that year's bar.

    Years only: month names would need a time-format locale.
    """
    return alt.Axis(title=title("year", lang) if title_shown else None, format=YEAR_AXIS_FORMAT,
                    orient=orient, labelAlign="left", tickCount={"interval": "year", "step": 1},
                    labelOverlap=True, labelBound=True, grid=grid, gridColor=GRID_COLOR, gridOpacity=1)


def stretched(chart: alt.Chart | alt.LayerChart, height: int | None = None) -> alt.Chart | alt.LayerChart:
    """`chart` as wide as its container, its plotting area `height` pixels high, legends added below.

    Streamlit's default autosize ("fit") takes legends out of the given height: a tall legend would
    squash the bars to nothing.
    """
    sized = chart.properties(width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return sized.properties(height=height) if height else sized


def milestone_tooltip(lang: str) -> list[alt.Tooltip]:
    """Number, date, title, kind and source's site of a milestone, as plain text (the list has the links)."""
    return [alt.Tooltip(f"{name}:N", title=title(column, lang))
            for name, column in (("number", "number"), ("date", "date"), ("title", "title"), ("kind", "kind"),
                                 ("site", "source"))]


def milestone_rules(events: pd.DataFrame, lang: str, height: int) -> alt.Chart:
    """Thin dashed rules at the milestones' dates, from their marker down to the x axis (`height`)."""
    rules = alt.Chart(events).mark_rule(color=RULE_COLOR, strokeDash=[3, 3], strokeWidth=1)
    return rules.encode(x=alt.X("when:T"), y=_row_y(events), y2=alt.value(height),
                        tooltip=milestone_tooltip(lang))


def milestone_markers(events: pd.DataFrame, lang: str) -> alt.LayerChart:
    """A numbered circle per milestone above the plotting area, in the rows of its `row` column."""
    base = alt.Chart(events).encode(x=alt.X("when:T"), y=_row_y(events), tooltip=milestone_tooltip(lang))
    circles = base.mark_circle(size=MARKER_SIZE, color=EVENT_COLOR, opacity=1, stroke="white", strokeWidth=1)
    numbers = base.mark_text(color="white", fontSize=10, fontWeight="bold", baseline="middle").encode(
        text="number:N")
    return alt.layer(circles, numbers)


def with_events(chart: alt.Chart | alt.LayerChart, events: pd.DataFrame | None, lang: str,
                height: int) -> alt.Chart | alt.LayerChart:
    """`chart` with numbered milestones above its plotting area (`height` px), each linked by a dashed
    rule, drawn behind the chart's marks, to its date on the axis. Unchanged without milestones.

    `events` are utils.timeline_events.placed_milestones (localized, with their marker's row).
    """
    if events is None or events.empty:
        return chart
    layers = alt.layer(milestone_rules(events, lang, height), chart, milestone_markers(events, lang))
    return layers.resolve_scale(y="independent")


def _row_y(events: pd.DataFrame) -> alt.Y:
    # Row 0 sits just above the plotting area (y = 0), each next row MARKER_STEP higher.
    rows = max(int(events["row"].max()), 1)
    first = -MARKER_STEP // 2 - 2
    scale = alt.Scale(domain=[0, rows], range=[first, first - rows * MARKER_STEP])
    return alt.Y("row:Q", axis=None, scale=scale)
