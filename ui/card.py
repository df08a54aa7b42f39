"""The card of one deployment: every field of the row, escaped, with its sources as links."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import streamlit as st

from ui.text import md, md_link
from utils.i18n import tr
from utils.labels import label, label_list, web_links

# (French, English) name of each line of the card, and how to read its value from the row.
FIELDS = (
    (("Commune", "Municipality"), lambda row, lang: _commune(row)),
    (("Lieu", "Site"), lambda row, lang: row.get("site")),
    (("Exploitant", "Operator"), lambda row, lang: _operator(row, lang)),
    (("Fournisseur", "Vendor"), lambda row, lang: (row.get("vendor") or "").replace("|", ", ")),
    (("Produit", "Product"), lambda row, lang: row.get("product")),
    (("Technologie", "Technology"), lambda row, lang: label_list("technology", row.get("technology"), lang)),
    (("Usage", "Use"), lambda row, lang: row.get("use_case")),
    (("Statut", "Status"), lambda row, lang: label("status", row.get("status", ""), lang)),
    (("Dates", "Dates"), lambda row, lang: _dates(row, lang)),
    (("Action en justice", "Legal action"), lambda row, lang: row.get("legal_action")),
    (("Nature de la preuve", "Evidence"), lambda row, lang: label("evidence", row.get("evidence", ""), lang)),
)


def deployment_card(row: Mapping[str, object], lang: str) -> None:
    """Draw the card of one deployment (a row of the typed deployments)."""
    with st.container(border=True, key="atlas-card"):
        st.subheader(md(_title(row)))
        st.caption(md(row.get("id")))
        values = [(tr(lang, *names), read(row, lang)) for names, read in FIELDS]
        st.markdown("\n".join(f"- **{name}** : {md(value)}" for name, value in values if value))
        st.markdown(md(_description(row, lang)))
        links = [md_link(urlsplit(url).hostname or url, url) for url in web_links(row.get("sources"))]
        st.markdown(f"**{tr(lang, 'Sources', 'Sources')}** : " + " · ".join(links))


def _title(row: Mapping[str, object]) -> str:
    place = row.get("commune") or row.get("site") or row.get("id")
    return " — ".join(str(part) for part in (place, row.get("product") or row.get("vendor")) if part)


def _commune(row: Mapping[str, object]) -> str:
    commune, department = row.get("commune") or "", row.get("department_code") or ""
    return f"{commune} ({department})" if commune and department else commune or department


def _operator(row: Mapping[str, object], lang: str) -> str:
    kind = label("operator_type", row.get("operator_type") or "", lang)
    return f"{row.get('operator')} ({kind})" if row.get("operator") else kind


def _dates(row: Mapping[str, object], lang: str) -> str:
    start, end = row.get("start_date") or "", row.get("end_date") or ""
    if start and end:
        return f"{start} → {end}"
    if start:
        return tr(lang, f"depuis {start}", f"since {start}")
    return tr(lang, f"jusqu'en {end}", f"until {end}") if end else ""


def _description(row: Mapping[str, object], lang: str) -> str:
    preferred, other = ("description_en", "description_fr") if lang == "en" else ("description_fr",
                                                                                  "description_en")
    return str(row.get(preferred) or row.get(other) or "")
