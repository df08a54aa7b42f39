"""Acteurs / Vendors: who sells the systems, how many deployments each, and their cards."""

import streamlit as st

from ui.context import page_context
from ui.text import md
from utils.charts import translated_columns
from utils.charts_summaries import vendors_summary
from utils.charts_vendors import TOP_VENDORS, vendors_chart, vendors_data
from utils.schema import split_multi
from utils.vendors import card_html, load_vendor_cards, missing_note, vendor_summary, without_card

ctx = page_context("Acteurs", "Vendors")
lang, tr, rows = ctx.lang, ctx.tr, ctx.rows


def show_only(name: str) -> None:
    """Button callback: set the shared vendor filter (sidebar and URL) to this vendor alone."""
    st.session_state["vendor"] = [name]


def vendor_card(position: int, facts: dict, expanded: bool) -> None:
    """One vendor in an expander: its figures, its card from data/vendors.csv, a button to filter on it."""
    name = facts["vendor"]
    count = tr(f"{facts['deployments']} déploiement(s)", f"{facts['deployments']} deployment(s)")
    with st.expander(f"{md(name)} · {count}", expanded=expanded):
        st.markdown(md(tr(f"Communes : {facts['communes']} · années : {facts['years'] or '—'}",
                          f"Municipalities: {facts['communes']} · years: {facts['years'] or '—'}")))
        st.markdown(md(tr("Technologies : ", "Technologies: ") + facts["technologies"]))
        card = cards.card(name)
        if card:
            st.markdown(card_html(card, lang), unsafe_allow_html=True)
        else:
            st.caption(tr("Fiche à rédiger.", "Card still to be written."))
        if list(ctx.filters.vendor) != [name]:
            st.button(tr("Ne montrer que ce fournisseur", "Show only this vendor"), key=f"only-{position}",
                      on_click=show_only, args=(name,), icon=":material/filter_alt:")


cards = load_vendor_cards()
if cards.missing:
    st.info(missing_note(lang), icon=":material/info:")
summary = vendor_summary(rows, only=ctx.filters.vendor)
data = vendors_data(summary, lang)
unnamed = int(sum(not split_multi(cell) for cell in rows["vendor"]))
st.markdown(md(vendors_summary(summary, unnamed, lang)))

if not data.empty:
    st.subheader(tr(f"Déploiements par fournisseur ({TOP_VENDORS} premiers)",
                    f"Deployments per vendor (top {TOP_VENDORS})"))
    st.caption(tr("Un déploiement fourni par plusieurs entreprises compte pour chacune.",
                  "A deployment supplied by several companies counts for each of them."))
    st.altair_chart(vendors_chart(data, lang), width="stretch", alt=vendors_summary(summary, unnamed, lang),
                    key="chart-vendors")
    with st.expander(tr("Tous les fournisseurs (tableau)", "All vendors (table)")):
        st.dataframe(translated_columns(data, lang), hide_index=True, key="table-vendors")

    st.subheader(tr("Fiches des fournisseurs", "Vendor cards"))
    st.caption(tr("Classées par nombre de déploiements.", "Sorted by number of deployments."))
    for position, facts in enumerate(data.to_dict("records")):
        vendor_card(position, facts, expanded=len(data) == 1)

missing_cards = without_card(summary["vendor"], cards)
if missing_cards and not cards.missing:
    st.subheader(tr("Fiches à rédiger", "Cards to write"))
    st.markdown("\n".join(f"- {md(name)}" for name in missing_cards))
if cards.problems and not cards.missing:
    with st.expander(tr("Problèmes dans data/vendors.csv", "Problems in data/vendors.csv")):
        st.code("\n".join(problem.format() for problem in cards.problems), language=None)
