"""The vendors page's charts and table: deployments per vendor (top 20), with communes, technologies,
years; and one vendor's deployments per start year, by status."""

from __future__ import annotations

import altair as alt
import pandas as pd

from utils.charts import (
    SINGLE_COLOR,
    colour_key_html,
    status_colours,
    status_scale,
    stretched,
    title,
    year_axis,
    year_start,
)
from utils.labels import label

TOP_VENDORS = 20
VENDOR_LABEL_LIMIT = 150  # pixels of a vendor's name on the axis, so the chart fits a 390 px phone
BAR_STEP = 22
VENDOR_YEARS_HEIGHT = 180  # pixels of the plotting area of one vendor's chart


def vendors_data(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """utils.vendors.vendor_summary in words: vendor, deployments, communes, technologies, years."""
    return pd.DataFrame({
        "vendor": summary["vendor"],
        "deployments": summary["deployments"].astype(int),
        "communes": summary["communes"].astype(int),
        "technologies": [", ".join(label("technology", code, lang) for code in codes)
                         for codes in summary["technologies"]],
        "years": [year_span(first, last) for first, last in zip(summary["first_year"], summary["last_year"],
                                                                 strict=True)],
    })


def year_span(first: object, last: object) -> str:
    """"2018–2023", "2019" when both are equal, "" when unknown."""
    if pd.isna(first) or pd.isna(last):
        return ""
    return str(int(first)) if first == last else f"{int(first)}–{int(last)}"


def vendors_chart(data: pd.DataFrame, lang: str, top: int = TOP_VENDORS) -> alt.Chart:
    """Horizontal bars: deployments of the `top` vendors most named (data sorted by deployments)."""
    shown = data.head(top)
    tooltip = [alt.Tooltip(f"{name}:{kind}", title=title(name, lang))
               for name, kind in (("vendor", "N"), ("deployments", "Q"), ("communes", "Q"),
                                  ("technologies", "N"), ("years", "N"))]
    chart = alt.Chart(shown).mark_bar(color=SINGLE_COLOR).encode(
        x=alt.X("deployments:Q", title=title("deployments", lang), axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("vendor:N", sort=None, title=None, axis=alt.Axis(labelLimit=VENDOR_LABEL_LIMIT)),
        tooltip=tooltip,
    )
    return stretched(chart).properties(height=alt.Step(BAR_STEP))


def vendor_years_data(deployments: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One vendor's deployments per start year and status: year, status (label), code, deployments.

    Deployments without a start year are left out (say how many next to the chart).
    """
    dated = deployments.dropna(subset=["start_year"])
    counts = dated.groupby(["start_year", "status"]).size().reset_index(name="deployments")
    return pd.DataFrame({
        "year": counts["start_year"].astype(int),
        "status": [label("status", code, lang) for code in counts["status"]],
        "code": counts["status"].astype(str),
        "deployments": counts["deployments"].astype(int),
    })


def vendor_years_key(data: pd.DataFrame, lang: str) -> str:
    """The colour key of vendor_years_chart: the statuses present, as escaped HTML that wraps."""
    return colour_key_html(title("status", lang), status_colours(data["code"], lang))


def vendor_years_chart(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Stacked bars: one vendor's deployments started each year, coloured by their status (key apart)."""
    bars = alt.Chart(data.assign(when=year_start(data["year"]))).mark_bar(stroke="white", strokeWidth=0.5)
    bars = bars.encode(
        x=alt.X("when:T", timeUnit="year", axis=year_axis(lang)),
        y=alt.Y("sum(deployments):Q", title=title("deployments", lang), axis=alt.Axis(tickMinStep=1)),
        # The key is drawn above the chart (vendor_years_key): a Vega legend cannot wrap on a phone.
        color=alt.Color("status:N", scale=status_scale(data["code"], lang), legend=None),
        tooltip=[alt.Tooltip("year:O", title=title("year", lang)),
                 alt.Tooltip("status:N", title=title("status", lang)),
                 alt.Tooltip("deployments:Q", title=title("deployments", lang))],
    )
    return stretched(bars, VENDOR_YEARS_HEIGHT)
