"""Données / Data: the filtered table, the card of one deployment, downloads."""

import streamlit as st

from ui.card import deployment_card
from ui.context import page_context
from ui.downloads import download_buttons
from ui.table import chosen_id, deployments_table
from ui.text import md

ctx = page_context("Données", "Data")

st.caption(ctx.tr("Cliquez une ligne pour afficher sa fiche ; cliquez un en-tête pour trier.",
                  "Click a row to show its card; click a header to sort."))
deployment_id = chosen_id(deployments_table(ctx.rows, ctx.lang))
if deployment_id:
    matches = ctx.dataset.rows[ctx.dataset.rows["id"] == deployment_id]
    if len(matches):
        deployment_card(matches.iloc[0].to_dict(), ctx.lang)
    elif deployment_id in ctx.dataset.rejected_ids:
        st.warning(md(ctx.tr(f"Le déploiement « {deployment_id} » n'est pas affiché : sa ligne contient des "
                             "erreurs.", f"Deployment “{deployment_id}” is not shown: its row has errors.")))
    else:
        st.warning(md(ctx.tr(f"Aucun déploiement n'a l'identifiant « {deployment_id} ».",
                             f"No deployment has the identifier “{deployment_id}”.")))
download_buttons(ctx)
