"""Méthode / About: method, glossary, sources, licences, attribution, contributing, last update."""

from ui.about import contributing, glossary, licences, method, sources
from ui.context import page_context

ctx = page_context("Méthode", "About")

method(ctx)
glossary(ctx)
sources(ctx)
licences(ctx)
contributing(ctx)
