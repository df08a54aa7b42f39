"""Contribute page: what the review of an editor's file says, and the canonical file to download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.text import md
from utils.i18n import tr
from utils.problems import Problem
from utils.upload import Review

DOWNLOAD_NAME = "deployments.csv"


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table: row, id, column, message."""
    return pd.DataFrame([(p.row, p.row_id, p.column, p.message) for p in problems],
                        columns=[tr(lang, "ligne", "row"), "id", tr(lang, "colonne", "column"), "message"])


def show_review(review: Review, lang: str) -> None:
    """Verdict and download first, then problems, flagged rows, changes, fixes and geocoding."""
    st.caption(md(review.read_note))
    _verdict(review, lang)
    _download(review, lang)
    if review.errors:
        st.subheader(tr(lang, "Erreurs", "Errors"))
        st.dataframe(problems_frame(review.errors, lang), hide_index=True, key="contribute_errors")
        st.subheader(tr(lang, "Lignes en erreur (conservées)", "Rows with errors (kept)"))
        frame = review.table.to_frame()
        st.dataframe(frame.loc[review.rows_with_errors], key="contribute_error_rows")
    if review.warnings:
        st.subheader(tr(lang, "Avertissements", "Warnings"))
        st.dataframe(problems_frame(review.warnings, lang), hide_index=True, key="contribute_warnings")
    _changes(review, lang)
    _notes(tr(lang, "Mises en forme appliquées", "Formatting applied"), review.fixes)
    _notes(tr(lang, "Géocodage hors ligne", "Offline geocoding"),
           [placement.format() for placement in review.geocoding.placements]
           + [problem.format() for problem in review.geocoding.problems])


def _verdict(review: Review, lang: str) -> None:
    rows, bad = len(review.table.rows), len(review.rows_with_errors)
    counts = tr(lang, f"{rows} ligne(s) lue(s), toutes conservées ; {len(review.errors)} erreur(s) sur {bad} "
                      f"ligne(s), {len(review.warnings)} avertissement(s).",
                f"{rows} row(s) read, all kept; {len(review.errors)} error(s) on {bad} row(s), "
                f"{len(review.warnings)} warning(s).")
    if review.errors:
        st.error(counts + tr(lang, " Corrigez les erreurs avant de proposer le fichier.",
                             " Fix the errors before proposing the file."), icon=":material/error:")
    else:
        st.success(counts + tr(lang, " Le fichier canonique est prêt à être proposé.",
                               " The canonical file is ready to be proposed."),
                   icon=":material/check_circle:")


def _download(review: Review, lang: str) -> None:
    label = (tr(lang, "Télécharger le fichier canonique (avec ses erreurs)",
                "Download the canonical file (with its errors)") if review.errors
             else tr(lang, "Télécharger le fichier canonique", "Download the canonical file"))
    st.download_button(label, review.text.encode("utf-8"), file_name=DOWNLOAD_NAME, mime="text/csv",
                       key="contribute_download", on_click="ignore", icon=":material/download:",
                       type="secondary" if review.errors else "primary")


def _changes(review: Review, lang: str) -> None:
    changes = review.changes
    st.subheader(tr(lang, "Changements par rapport aux données publiées", "Changes from the published data"))
    st.markdown(md(changes.summary(lang)))
    facts = [(tr(lang, "Lignes ajoutées", "Rows added"), [f"{row_id or '?'} ({row})" for row, row_id in
                                                          changes.added]),
             (tr(lang, "Lignes retirées", "Rows removed"), changes.removed),
             (tr(lang, "Colonnes ajoutées", "Columns added"), changes.columns_added),
             (tr(lang, "Colonnes retirées", "Columns removed"), changes.columns_removed)]
    for title, items in facts:
        if items:
            with st.expander(f"{title} ({len(items)})"):
                st.markdown(md(", ".join(items)))
    if changes.cells:
        headers = [tr(lang, "ligne", "row"), "id", tr(lang, "colonne", "column"),
                   tr(lang, "ancienne valeur", "old value"), tr(lang, "nouvelle valeur", "new value")]
        frame = changes.cells_frame().set_axis(headers, axis="columns")
        st.dataframe(frame, hide_index=True, key="contribute_cells")


def _notes(title: str, lines: list[str]) -> None:
    if lines:
        with st.expander(f"{title} ({len(lines)})"):
            st.markdown("\n".join(f"- {md(line)}" for line in lines))
