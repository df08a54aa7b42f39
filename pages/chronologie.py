"""Chronologie / Timeline: deployments started per year, in service per year, milestones, one lane each."""

import streamlit as st

from ui.context import page_context
from ui.data import milestones
from ui.text import md, md_link
from utils.charts import colour_key_html, group_colours, status_colours, title, translated_columns
from utils.charts_summaries import (
    active_caption,
    active_summary,
    lanes_caption,
    lanes_summary,
    milestones_caption,
    milestones_summary,
    starts_caption,
    starts_summary,
)
from utils.charts_timeline import MAX_LANES, active_chart, lanes_chart, lanes_data, starts_chart, starts_data
from utils.labels import label
from utils.timeline import active_per_year, lanes, starts_by_technology, starts_per_year
from utils.timeline_events import localized_events, missing_note

ctx = page_context("Chronologie", "Timeline")
lang, tr, rows = ctx.lang, ctx.tr, ctx.rows


def chart_section(chart, data, summary: str, key: str, colour_key: str = "") -> None:
    """A chart's one-sentence summary, its colour key, the chart (if any), and its data as a table."""
    st.markdown(md(summary))
    if data.empty:
        return
    if colour_key:
        st.markdown(colour_key, unsafe_allow_html=True)  # built from escaped text only
    if chart is not None:
        st.altair_chart(chart, width="stretch", alt=summary, key=f"chart-{key}")
    with st.expander(tr("Données du graphique", "Chart data")):
        st.dataframe(translated_columns(data, lang), hide_index=True, key=f"table-{key}")


def milestone_item(event) -> str:
    """One numbered milestone as a Markdown list item: date, title, kind, and its source as a link."""
    source = f" {md_link(event.site, event.source)}" if event.source else ""
    return f"{event.number}. **{md(event.date)}** — {md(event.title)} ({md(event.kind)}).{source}"


events = milestones()
milestones = localized_events(events.frame, lang)
undated = int(rows["start_year"].isna().sum())

st.subheader(tr("Déploiements lancés chaque année", "Deployments started each year"))
st.caption(starts_caption(lang))
starts = starts_data(starts_by_technology(rows), lang)
chart_section(starts_chart(starts, lang, milestones), starts.drop(columns=["group", "rank"]),
              starts_summary(starts_per_year(rows), undated, lang), "starts",
              colour_key_html(title("technology", lang), group_colours(starts["rank"], lang)))

st.subheader(tr("Déploiements en service", "Deployments in service"))
st.caption(active_caption(lang))
active = active_per_year(rows)
chart_section(active_chart(active, lang, milestones), active, active_summary(active, lang), "active")

st.subheader(tr("Jalons juridiques", "Legal milestones"))
if events.missing:
    st.info(missing_note(lang), icon=":material/info:")
else:
    st.caption(milestones_caption(lang))
    st.markdown(md(milestones_summary(milestones, lang)))
    st.markdown("\n".join(milestone_item(event) for event in milestones.itertuples()))
if events.problems and not events.missing:
    with st.expander(tr("Jalons ignorés ou incomplets", "Milestones skipped or incomplete")):
        st.code("\n".join(problem.format() for problem in events.problems), language=None)

st.subheader(tr("Un déploiement par ligne", "One lane per deployment"))
st.caption(lanes_caption(lang))
lane_frame, without_start = lanes(rows)
lane_table = lanes_data(lane_frame, lang)
chart_section(lanes_chart(lane_table, lang),
              lane_table.drop(columns=["status_code", "from", "to"]),
              lanes_summary(len(lane_frame), len(without_start), lang, MAX_LANES), "lanes",
              colour_key_html(title("status", lang), status_colours(lane_table["status_code"], lang)))
if not without_start.empty:
    with st.expander(tr("Sans date de début", "Without a start date") + f" ({len(without_start)})"):
        statuses = [label("status", code, lang) for code in without_start["status"]]
        st.dataframe(translated_columns(without_start.assign(status=statuses), lang), hide_index=True,
                     key="table-undated")
