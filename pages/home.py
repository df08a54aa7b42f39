"""Accueil / Home: what algorithmic surveillance is, key figures, latest additions, ways in."""

import streamlit as st

from ui.context import page_context
from ui.home import INTRO, figures, latest, ways_in

ctx = page_context("Atlas de la surveillance algorithmique", "Atlas of algorithmic surveillance")

st.markdown(ctx.tr(*INTRO))
figures(ctx)
left, right = st.columns(2)
with left:
    latest(ctx)
with right:
    ways_in(ctx)
