"""Contribute page, "quality report": what editors could improve, on the published data or their file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.text import md
from utils.i18n import tr
from utils.report import Section, quality_report, to_text

REPORT_FILE = "rapport-qualite.md"


def findings_frame(section: Section, lang: str) -> pd.DataFrame:
    """The findings of one category as a table: rows, id (or vendor), detail."""
    records = [(", ".join(map(str, finding.rows)), finding.label, finding.detail)
               for finding in section.findings]
    who = tr(lang, "fournisseur", "vendor") if section.key == "vendors" else "id"
    return pd.DataFrame(records, columns=[tr(lang, "ligne(s)", "row(s)"), who, tr(lang, "détail", "detail")])


def quality_section(frame: pd.DataFrame, name: str, lang: str) -> None:
    """Counts first, then one expander per category, and the report as a text file."""
    sections = quality_report(frame, lang, file=name)
    st.markdown(md(tr(lang, f"Rapport sur {name} ({len(frame)} lignes).",
                      f"Report on {name} ({len(frame)} rows).")))
    counts = pd.DataFrame({tr(lang, "catégorie", "category"): [section.title for section in sections],
                           tr(lang, "nombre", "count"): [len(section.findings) for section in sections]})
    st.dataframe(counts, hide_index=True, key="report_counts")
    for section in sections:
        with st.expander(f"{section.title} ({len(section.findings)})"):
            st.dataframe(findings_frame(section, lang), hide_index=True, key=f"report_{section.key}")
    title = tr(lang, f"Rapport de qualité : {name}", f"Quality report: {name}")
    st.download_button(tr(lang, "Télécharger le rapport", "Download the report"),
                       to_text(sections, title, lang).encode("utf-8"), file_name=REPORT_FILE,
                       mime="text/markdown", key="report_download", on_click="ignore",
                       icon=":material/download:")
