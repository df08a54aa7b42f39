"""Carte / Map: the filtered deployments on a map of France, nationwide ones listed below, a table twin."""

import streamlit as st
from streamlit_folium import st_folium

from ui.context import page_context
from ui.data import file_version
from ui.nav import PAGES
from utils.map_table import TWIN_SENT_WITH_PAGE, map_table, without_empty_columns
from utils.map_zones import ZONE_KEYS, busiest_zone, zone, zone_counts
from utils.mapping import MapOptions, build_map, located_rows, rows_at_end_of_year, unlocated_rows
from utils.paths import deployments_path

AUTO, ALL_YEARS = "auto", "all"
DATA_PAGE = next(spec.url_path for spec in PAGES if spec.path == "pages/donnees.py")
LAYERS = {None: ("Points seuls", "Points only"), "department": ("Départements", "Departments"),
          "region": ("Régions", "Regions")}


@st.cache_data(max_entries=16, show_spinner=False)
def cached_map(_rows, ids: tuple, data_version: tuple, lang: str, options: MapOptions):
    """build_map, once per selection (ids), file version, language and options; a fresh copy per call."""
    return build_map(_rows, lang, options=options)


ctx = page_context("Carte", "Map")
lang, tr = ctx.lang, ctx.tr

zone_column, layer_column, year_column = st.columns([1, 1, 2])
years = [ALL_YEARS, *range(ctx.options.year_min, ctx.options.year_max + 1)]
year = year_column.select_slider(
    tr("Carte à la fin de l'année", "Map as of the end of year"), years, key="map_year",
    format_func=lambda y: tr("Toutes les années", "All years") if y == ALL_YEARS else str(y),
    help=tr("Les déploiements en service à la fin de l'année choisie, comptés comme dans la chronologie : "
            "commencés au plus tard cette année-là et pas terminés avant. Ceux sans date de début, prévus "
            "ou abandonnés n'y figurent pas.",
            "The deployments in service at the end of the chosen year, counted as in the timeline: started "
            "by that year and not ended before it. Those without a start date, planned or abandoned are "
            "left out."))
rows = ctx.rows if year == ALL_YEARS else rows_at_end_of_year(ctx.rows, year, ctx.options.year_max)
located, unlocated = located_rows(rows), unlocated_rows(rows)

counts, auto_zone = zone_counts(located), busiest_zone(located)
zone_key = zone_column.selectbox(
    tr("Zone affichée", "Area shown"), [AUTO, *ZONE_KEYS], key="map_zone",
    format_func=lambda k: (tr("Auto", "Auto") + f" ({zone(auto_zone).name(lang)})" if k == AUTO
                           else f"{zone(k).name(lang)} ({counts[k]})"))
layer = layer_column.radio(tr("Fond", "Background"), list(LAYERS), key="map_layer", horizontal=True,
                           format_func=lambda k: tr(*LAYERS[k]))

base_path = st.get_option("server.baseUrlPath").strip("/")
options = MapOptions(zone=auto_zone if zone_key == AUTO else zone_key, choropleth=layer,
                     card_url=f"/{base_path}/{DATA_PAGE}" if base_path else f"/{DATA_PAGE}")
st.caption(tr(f"{len(located)} déploiement(s) sur la carte, {len(unlocated)} sans lieu précis (listés "
              "sous la carte).", f"{len(located)} deployment(s) on the map, {len(unlocated)} without a place "
              "(listed below the map)."))
with st.container(key="atlas-map"):
    st_folium(cached_map(rows, tuple(rows["id"]), file_version(deployments_path()), lang, options),
              key="map", height=560, use_container_width=True, returned_objects=[])

st.subheader(tr("Déploiements nationaux ou sans lieu précis", "Nationwide deployments or without a place"))
if unlocated.empty:
    st.caption(tr("Aucun dans cette sélection.", "None in this selection."))
else:
    st.dataframe(without_empty_columns(map_table(unlocated, lang)), key="map_unlocated", hide_index=True)

with st.expander(tr("Tous ces déploiements en tableau", "All these deployments as a table")):
    shown = len(rows) <= TWIN_SENT_WITH_PAGE or st.toggle(
        tr(f"Afficher les {len(rows)} lignes", f"Show the {len(rows)} rows"), key="map_table_shown")
    if shown:
        st.dataframe(map_table(rows, lang), key="map_table", hide_index=True)
