"""Méthode / About: method, glossary, sources, licences, attribution, contributing, last update."""

import streamlit as st

from ui.about import CONTRIBUTE, METHOD, glossary, last_updated, licences, sources
from ui.context import page_context

ctx = page_context("Méthode", "About")

st.header(ctx.tr("Méthode", "Method"))
st.markdown(ctx.tr(*METHOD))
last_updated(ctx)
glossary(ctx)
sources(ctx)
licences(ctx)
st.header(ctx.tr("Contribuer", "Contributing"))
st.markdown(ctx.tr(*CONTRIBUTE))
