"""Visible notices: link values that were ignored, rows of the file that were rejected."""

from __future__ import annotations

import streamlit as st

from ui.text import md
from utils.data import Dataset
from utils.i18n import tr

# Rejected rows named in the notice itself; the others are listed in an expander below it.
NAMED_ROWS = 5


def show_link_notices(notices: list[str]) -> None:
    """One warning per value of the link that could not be used."""
    for notice in notices:
        st.warning(md(notice), icon=":material/link_off:")


def show_data_problems(dataset: Dataset, lang: str) -> None:
    """Say which rows of the file are not shown and why; a file that cannot be read is an error."""
    file_errors = [p for p in dataset.problems if p.is_error and not p.row]
    for problem in file_errors:
        st.error(md(problem.format()), icon=":material/error:")
    if not dataset.total and not file_errors:
        st.warning(tr(lang, "Le fichier de données ne contient aucune ligne sous son en-tête.",
                      "The data file has no row under its header."), icon=":material/warning:")
    rejected = _rejected_rows(dataset, lang)
    if not rejected:
        return
    named = ", ".join(rejected[:NAMED_ROWS]) + ("…" if len(rejected) > NAMED_ROWS else "")
    st.warning(md(tr(
        lang,
        f"{len(rejected)} ligne(s) du fichier ne sont pas affichées car elles ont des erreurs : {named}.",
        f"{len(rejected)} row(s) of the file are not shown because they contain errors: {named}.",
    )), icon=":material/warning:")
    with st.expander(tr(lang, "Détail des erreurs", "Error details")):
        st.code("\n".join(p.format() for p in dataset.problems if p.is_error and p.row), language=None)


def _rejected_rows(dataset: Dataset, lang: str) -> list[str]:
    """`id (ligne 5)` for each rejected row, in file order."""
    rows: dict[int, str] = {}
    for problem in dataset.problems:
        if problem.is_error and problem.row and problem.row not in rows:
            rows[problem.row] = problem.row_id
    word = tr(lang, "ligne", "row")
    return [f"{row_id or '?'} ({word} {row})" for row, row_id in sorted(rows.items())]
