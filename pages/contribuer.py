"""Contribuer / Contribute: check an edited file, propose a deployment, see what could be improved."""

import streamlit as st

from ui.context import page_context
from ui.contribute_propose import propose_section
from ui.contribute_report import quality_section
from ui.contribute_results import responsive_style
from ui.contribute_review import published_table, review_section
from ui.text import md

ctx = page_context("Contribuer", "Contribute")
responsive_style()
st.markdown(md(ctx.tr("Vérifiez votre fichier avec les règles du validateur, proposez un déploiement, ou "
                      "voyez ce qui reste à améliorer. Rien n'est enregistré sur le serveur.",
                      "Check your file with the validator's rules, propose a deployment, or see what is "
                      "left to improve. Nothing is stored on the server.")))
check, propose, report = st.tabs([ctx.tr("Vérifier un fichier", "Check a file"),
                                  ctx.tr("Proposer un déploiement", "Propose a deployment"),
                                  # Short enough for the three tabs to fit a phone's width.
                                  ctx.tr("Qualité", "Quality report")])
with check:
    review = review_section(ctx.lang)
with propose:
    propose_section(ctx.lang)
with report:
    table = review.table if review else published_table()
    quality_section(table.to_frame(), table.path.name, ctx.lang)
