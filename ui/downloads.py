"""Downloads of what the visitor is looking at, and of the whole data package."""

from __future__ import annotations

import streamlit as st

from ui.context import PageContext
from ui.text import md
from utils.dossier import build_dossier, dossier_file_name, dossier_title
from utils.exports import datapackage_zip, to_csv, to_geojson

FILE_STEM = "atlas-surveillance"


def download_buttons(ctx: PageContext) -> None:
    """The filtered rows as CSV (canonical and for Excel) and GeoJSON; the data package as a zip."""
    t, rows = ctx.tr, ctx.rows
    st.subheader(t("Télécharger", "Download"))
    what = ctx.filters.describe(ctx.lang, ctx.options)
    st.markdown(md(t(f"Les fichiers contiennent les {len(rows)} déploiements affichés. {what}",
                     f"The files hold the {len(rows)} deployments shown. {what}")))
    files = (
        ("download-csv", t("CSV (UTF-8)", "CSV (UTF-8)"), lambda: to_csv(rows), ".csv", "text/csv"),
        ("download-excel", t("CSV pour Excel", "CSV for Excel"), lambda: to_csv(rows, excel=True),
         "-excel.csv", "text/csv"),
        ("download-geojson", "GeoJSON", lambda: to_geojson(rows), ".geojson", "application/geo+json"),
    )
    with st.container(horizontal=True, key="atlas-downloads"):
        for key, label, data, suffix, mime in files:
            st.download_button(label, data, FILE_STEM + suffix, mime, key=key, on_click="ignore",
                               icon=":material/download:")
        # The dossier takes all rows and the filters, as on the Act page, so it can say what was filtered.
        st.download_button(t("Dossier (HTML)", "Dossier (HTML)"),
                           lambda: build_dossier(ctx.dataset.rows, ctx.filters, ctx.options, ctx.lang),
                           dossier_file_name(dossier_title(ctx.filters, ctx.options, ctx.lang)), "text/html",
                           key="download-dossier", on_click="ignore", icon=":material/article:")
    st.markdown(md(t("Le paquet de données contient toutes les données publiées, sans filtre, avec leurs "
                     "schémas (Frictionless Data Package, licence ODbL).",
                     "The data package holds all the published data, unfiltered, with their schemas "
                     "(Frictionless Data Package, ODbL licence).")))
    st.download_button(t("Paquet de données (zip)", "Data package (zip)"), datapackage_zip,
                       f"{FILE_STEM}-datapackage.zip", "application/zip", key="download-datapackage",
                       on_click="ignore", icon=":material/folder_zip:")
