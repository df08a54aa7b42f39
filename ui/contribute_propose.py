"""Contribute page, "propose a deployment": a form for one new row, checked like the whole file."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from ui.contribute_results import show_problems
from ui.contribute_review import published_table
from ui.data import vendor_cards
from ui.text import md
from utils.gazetteer import Commune, load_gazetteer
from utils.i18n import tr
from utils.labels import label
from utils.propose import PROPOSAL_FILE, build_row, csv_line, proposal_csv, proposal_problems, slug
from utils.schema import TECHNOLOGIES, enum, split_multi

RESULT_KEY = "propose_result"
DATE_HINT = ("2019, 2019-02 ou 2019-02-19", "2019, 2019-02 or 2019-02-19")


def _choice(column: str, lang: str, title: tuple[str, str], **kwargs):
    """A selectbox over a vocabulary, showing labels, empty until chosen."""
    return st.selectbox(tr(lang, *title), enum(column), index=None, key=f"propose_{column}",
                        format_func=lambda code: label(column, code, lang),
                        placeholder=tr(lang, "Choisir…", "Choose…"), **kwargs)


def commune_picker(lang: str) -> Commune | None:
    """Search the gazetteer by name, then pick one of the communes found."""
    query = st.text_input(tr(lang, "Commune (recherche)", "Municipality (search)"),
                          key="propose_commune_query", max_chars=80,
                          placeholder="Nîmes, Saint-Denis, Paris 15e…")
    found = load_gazetteer().search(query, limit=20) if query.strip() else []
    if not found:
        st.caption(tr(lang, "Aucune commune trouvée : tapez son nom.",
                      "No municipality found: type its name."))
        return None
    # One picker per search, so that a new search starts on its best match rather than on the old choice.
    return st.selectbox(tr(lang, "Commune trouvée", "Municipality found"), found,
                        key=f"propose_commune_{slug(query)}",
                        format_func=lambda commune: f"{commune.label} — INSEE {commune.insee_code}")


def vendor_names() -> list[str]:
    """Vendors with a card or already named in the published rows, sorted."""
    names = {card["name"] for card in vendor_cards().cards.values()}
    names |= {name for cell in published_table().to_frame().get("vendor", []) for name in split_multi(cell)}
    return sorted(names, key=str.casefold)


def form_values(lang: str, precision: str) -> dict[str, object]:
    """The fields of the form, by column name."""
    t = partial(tr, lang)
    values: dict[str, object] = {"geo_precision": precision}
    values["site"] = st.text_input(t("Lieu précis (facultatif)", "Precise site (optional)"),
                                   key="propose_site")
    if precision == "site":
        values["lat"] = st.number_input("lat", -90.0, 90.0, value=None, format="%.5f", key="propose_lat")
        values["lon"] = st.number_input("lon", -180.0, 180.0, value=None, format="%.5f", key="propose_lon")
    values["operator"] = st.text_input(t("Exploitant", "Operator"), key="propose_operator")
    values["operator_type"] = _choice("operator_type", lang, ("Type d'exploitant", "Operator type"))
    values["vendor"] = st.multiselect(t("Fournisseur(s)", "Vendor(s)"), vendor_names(), key="propose_vendor",
                                      accept_new_options=True,
                                      help=t("Vide si inconnu.", "Empty if unknown."))
    values["product"] = st.text_input(t("Produit", "Product"), key="propose_product")
    values["technology"] = st.multiselect(t("Technologie(s)", "Technology(ies)"), TECHNOLOGIES,
                                          key="propose_technology",
                                          format_func=lambda code: label("technology", code, lang))
    values["use_case"] = st.text_input(t("Usage", "Use case"), key="propose_use_case")
    values["status"] = _choice("status", lang, ("Statut", "Status"))
    values["start_date"] = st.text_input(t("Début", "Start"), key="propose_start", placeholder=t(*DATE_HINT))
    values["end_date"] = st.text_input(t("Fin", "End"), key="propose_end", placeholder=t(*DATE_HINT))
    values["legal_action"] = st.text_input(t("Recours", "Legal action"), key="propose_legal_action")
    values["description_fr"] = st.text_area(t("Description en français (vos mots)", "Description in French "
                                              "(your own words)"), key="propose_description_fr")
    values["description_en"] = st.text_area(t("Description en anglais (vos mots)", "Description in English "
                                              "(your own words)"), key="propose_description_en")
    values["sources"] = st.text_area(t("Sources : une URL http(s) par ligne, qui établit ce que dit la ligne",
                                       "Sources: one http(s) URL per line, stating what the row says"),
                                     key="propose_sources").splitlines()
    values["evidence"] = _choice("evidence", lang,
                                 ("Nature de la meilleure source", "Kind of the best source"))
    values["id"] = st.text_input(t("Identifiant (vide : proposé)", "Identifier (empty: suggested)"),
                                 key="propose_id")
    return values


def show_proposal(row: dict[str, str], problems: list, lang: str) -> None:
    """The row, its problems, and the ways to take it away (CSV line to copy, one-row file)."""
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        st.error(tr(lang, f"{len(errors)} erreur(s) à corriger dans le formulaire.",
                    f"{len(errors)} error(s) to fix in the form."), icon=":material/error:")
    else:
        st.success(tr(lang, "La ligne est valide.", "The row is valid."), icon=":material/check_circle:")
    if problems:
        show_problems(problems, lang, "propose_problems")
    st.markdown(md(tr(lang, "Ligne CSV à coller à la fin de data/deployments.csv :",
                      "CSV line to paste at the end of data/deployments.csv:")))
    st.code(csv_line(row), language=None, wrap_lines=True)
    st.download_button(tr(lang, "Télécharger la ligne (CSV avec en-tête)",
                          "Download the row (CSV with header)"),
                       proposal_csv(row).encode("utf-8"), file_name=PROPOSAL_FILE, mime="text/csv",
                       key="propose_download", on_click="ignore", icon=":material/download:")
    with st.expander(tr(lang, "La ligne, colonne par colonne", "The row, column by column")):
        st.dataframe(pd.DataFrame({"value": row}), key="propose_row")


def propose_section(lang: str) -> None:
    """Precision and commune outside the form (they change the fields), the rest in it."""
    precisions = enum("geo_precision")
    precision = st.segmented_control(tr(lang, "Échelle", "Scale"), precisions, default="commune",
                                     key="propose_precision", required=True,
                                     format_func=lambda code: label("geo_precision", code, lang))
    commune = commune_picker(lang) if precision != "national" else None
    with st.form("propose_form"):
        values = form_values(lang, precision)
        submitted = st.form_submit_button(tr(lang, "Vérifier la proposition", "Check the proposal"),
                                          type="primary")
    if submitted:
        published = published_table()
        row = build_row(values, commune, taken=published.to_frame().get("id", []))
        st.session_state[RESULT_KEY] = (row, proposal_problems(row, published))
    if RESULT_KEY in st.session_state:
        show_proposal(*st.session_state[RESULT_KEY], lang)
