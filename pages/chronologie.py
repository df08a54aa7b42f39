"""Chronologie / Timeline: deployments started per year, in service per year, one lane each, milestones."""

import streamlit as st

from ui.context import page_context
from ui.text import md
from utils.charts import translated_columns
from utils.charts_summaries import (
    active_caption,
    active_summary,
    lanes_caption,
    lanes_summary,
    starts_caption,
    starts_summary,
)
from utils.charts_timeline import MAX_LANES, active_chart, lanes_chart, lanes_data, starts_chart, starts_data
from utils.labels import label
from utils.timeline import active_per_year, lanes, starts_by_technology, starts_per_year
from utils.timeline_events import load_events, localized_events, missing_note

ctx = page_context("Chronologie", "Timeline")
lang, tr, rows = ctx.lang, ctx.tr, ctx.rows


def chart_section(chart, data, summary: str, key: str) -> None:
    """A chart's one-sentence summary, the chart (if any), and its data as a table in an expander."""
    st.markdown(md(summary))
    if data.empty:
        return
    if chart is not None:
        st.altair_chart(chart, width="stretch", alt=summary, key=f"chart-{key}")
    with st.expander(tr("Données du graphique", "Chart data")):
        st.dataframe(translated_columns(data, lang), hide_index=True, key=f"table-{key}")


events = load_events()
milestones = localized_events(events.frame, lang)
if events.missing:
    st.info(missing_note(lang), icon=":material/info:")
elif events.problems:
    with st.expander(tr("Jalons ignorés ou incomplets", "Milestones skipped or incomplete")):
        st.code("\n".join(problem.format() for problem in events.problems), language=None)
undated = int(rows["start_year"].isna().sum())

st.subheader(tr("Déploiements lancés chaque année", "Deployments started each year"))
st.caption(starts_caption(lang))
starts = starts_data(starts_by_technology(rows), lang)
chart_section(starts_chart(starts, lang, milestones), starts.drop(columns=["group", "rank"]),
              starts_summary(starts_per_year(rows), undated, lang), "starts")

st.subheader(tr("Déploiements en service", "Deployments in service"))
st.caption(active_caption(lang))
active = active_per_year(rows)
chart_section(active_chart(active, lang, milestones), active, active_summary(active, lang), "active")

st.subheader(tr("Un déploiement par ligne", "One lane per deployment"))
st.caption(lanes_caption(lang))
lane_frame, without_start = lanes(rows)
lane_table = lanes_data(lane_frame, lang)
chart_section(lanes_chart(lane_table, lang, milestones),
              lane_table.drop(columns=["status_code", "from", "to"]),
              lanes_summary(len(lane_frame), len(without_start), lang, MAX_LANES), "lanes")
if not without_start.empty:
    with st.expander(tr("Sans date de début", "Without a start date") + f" ({len(without_start)})"):
        statuses = [label("status", code, lang) for code in without_start["status"]]
        st.dataframe(translated_columns(without_start.assign(status=statuses), lang), hide_index=True,
                     key="table-undated")

if not milestones.empty:
    with st.expander(tr("Jalons juridiques", "Legal milestones") + f" ({len(milestones)})"):
        links = {tr("Source", "Source"): st.column_config.LinkColumn()}
        st.dataframe(translated_columns(milestones.drop(columns="when"), lang), hide_index=True,
                     key="table-events", column_config=links)
