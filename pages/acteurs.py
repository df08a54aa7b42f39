"""Acteurs / Vendors: who sells the systems, how many deployments each, and one vendor's card.

The card shown is that of the vendor chosen in the shared `vendor` filter (sidebar, URL `?vendor=`):
the picker on this page sets that filter, so a card is shared by sharing the page's address.
"""

from dataclasses import replace

import streamlit as st

from ui.context import page_context
from ui.data import vendor_cards
from ui.nav import PAGES, page_link
from ui.text import md
from utils.charts import title, translated_columns
from utils.charts_summaries import starts_summary, vendors_summary
from utils.charts_vendors import (
    TOP_VENDORS,
    vendor_years_chart,
    vendor_years_data,
    vendor_years_key,
    vendors_chart,
    vendors_data,
)
from utils.schema import split_multi
from utils.vendors import (
    by_name,
    card_html,
    deployments_of,
    missing_note,
    vendor_summary,
    without_card,
)

PICKER_KEY = "vendor-picker"
VENDOR_COLUMN_WIDTH = 170  # pixels: most names whole, and room for the figures on a 390 px phone
ctx = page_context("Acteurs", "Vendors")
lang, tr, rows = ctx.lang, ctx.tr, ctx.rows

def pick_vendor() -> None:
    """Picker callback: the shared vendor filter (sidebar and URL) becomes the chosen vendor alone."""
    chosen = st.session_state.get(PICKER_KEY)
    st.session_state["vendor"] = [chosen] if chosen else []

def all_vendors() -> None:
    """Button callback: clear the shared vendor filter (the other filters stay)."""
    st.session_state["vendor"] = []

def overview(data) -> None:
    """The top vendors as bars, then every vendor in a sortable table."""
    top = len(data) > TOP_VENDORS
    st.subheader(tr(f"Déploiements par fournisseur{f' ({TOP_VENDORS} premiers)' if top else ''}",
                    f"Deployments per vendor{f' (top {TOP_VENDORS})' if top else ''}"))
    st.caption(tr("Un déploiement fourni par plusieurs entreprises compte pour chacune.",
                  "A deployment supplied by several companies counts for each of them."))
    st.altair_chart(vendors_chart(data, lang), width="stretch", alt=sentence, key="chart-vendors")
    st.subheader(tr(f"Tous les fournisseurs ({len(data)})", f"All vendors ({len(data)})"))
    st.caption(tr("Cliquez sur l'en-tête d'une colonne pour trier.", "Click a column header to sort."))
    # The longest column last, so that the short ones stay in view on a phone.
    order = [title(name, lang) for name in ("vendor", "deployments", "communes", "years", "technologies")]
    config = {order[0]: st.column_config.TextColumn(width=VENDOR_COLUMN_WIDTH, pinned=True)}
    st.dataframe(translated_columns(data, lang), hide_index=True, key="table-vendors", column_config=config,
                 column_order=order)

def picker(choices, focus: str | None) -> None:
    """A selectbox of the vendors (other filters applied); choosing one filters the page on it."""
    counts = dict(zip(choices["vendor"], choices["deployments"], strict=True))
    st.session_state[PICKER_KEY] = focus
    st.selectbox(tr("Fournisseur", "Vendor"), by_name(choices), index=None, key=PICKER_KEY,
                 on_change=pick_vendor, format_func=lambda name: f"{name} ({counts[name]})",
                 placeholder=tr("Choisir un fournisseur…", "Choose a vendor…"))
    if ctx.filters.vendor:
        st.button(tr("Revenir à tous les fournisseurs", "Back to all vendors"), key="all-vendors",
                  on_click=all_vendors, icon=":material/filter_alt_off:")

def vendor_card(facts: dict) -> None:
    """One vendor: its figures, its card from data/vendors.csv, its deployments per year, a link to them."""
    name = facts["vendor"]
    with st.container(border=True, key="atlas-vendor-card"):
        st.markdown(f"#### {md(name)}")
        st.markdown(md(tr(f"{facts['deployments']} déploiement(s) · communes : {facts['communes']} · "
                          f"années : {facts['years'] or '—'}",
                          f"{facts['deployments']} deployment(s) · municipalities: {facts['communes']} · "
                          f"years: {facts['years'] or '—'}")))
        st.markdown(md(tr("Technologies : ", "Technologies: ") + facts["technologies"]))
        card = cards.card(name)
        if card:
            st.markdown(card_html(card, lang), unsafe_allow_html=True)
        elif not cards.missing:
            st.caption(tr("Fiche à rédiger.", "Card still to be written."))
        years_chart(name)
        data_page = next(spec for spec in PAGES if spec.url_path == "donnees")
        page_link(data_page, tr("Voir ses déploiements dans le tableau", "See its deployments in the table"),
                  {**ctx.link_params, "vendor": [name]}, ctx.in_frame)

def years_chart(name: str) -> None:
    """The vendor's deployments per start year, coloured by status, with its sentence."""
    mine = deployments_of(rows, name)
    data = vendor_years_data(mine, lang)
    caption = starts_summary(data.groupby("year")["deployments"].sum(), len(mine) - data["deployments"].sum(),
                             lang)
    st.caption(md(caption))
    if not data.empty:
        st.markdown(vendor_years_key(data, lang), unsafe_allow_html=True)  # built from escaped text only
        st.altair_chart(vendor_years_chart(data, lang), width="stretch", alt=caption,
                        key="chart-vendor-years")

cards = vendor_cards()
if cards.missing:
    st.info(missing_note(lang), icon=":material/info:")
summary = vendor_summary(rows, only=ctx.filters.vendor)
data = vendors_data(summary, lang)
unnamed = int(sum(not split_multi(cell) for cell in rows["vendor"]))
sentence = vendors_summary(summary, unnamed, lang)
# The picker offers the vendors of the other filters' rows, so that one can go from vendor to vendor.
choices = vendor_summary(replace(ctx.filters, vendor=()).apply(ctx.dataset.rows))
focus = summary["vendor"].iloc[0] if len(summary) == 1 else None
if focus is None or unnamed:  # with one vendor, its card says the rest
    st.markdown(md(sentence))
if len(summary) > 1:
    overview(data)
if not choices.empty:
    st.subheader(tr("Fiche d'un fournisseur", "Vendor card"))
    picker(choices, focus)
if focus:
    vendor_card(data.iloc[0].to_dict())

missing_cards = without_card(summary["vendor"], cards)
if missing_cards and not cards.missing and not focus:
    st.subheader(tr("Fiches à rédiger", "Cards to write"))
    st.markdown("\n".join(f"- {md(name)}" for name in missing_cards))
if cards.problems and not cards.missing:
    with st.expander(tr("Problèmes dans data/vendors.csv", "Problems in data/vendors.csv")):
        st.code("\n".join(problem.format() for problem in cards.problems), language=None)
