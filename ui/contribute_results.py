"""Contribute page: what the review of an editor's file says, and the canonical file to download.

Wide screens get tables (sortable, copyable); below NARROW_BELOW_PX each table is replaced by a list
whose lines wrap, so that messages and new values are never off-screen on a phone.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.context import SIDEBAR_SHOWN_FROM_PX
from ui.text import md
from utils.changes_text import outcomes
from utils.diff import CellChange, Changes
from utils.i18n import tr
from utils.problems import Problem
from utils.review_text import verdict
from utils.upload import Review

DOWNLOAD_NAME = "deployments.csv"
NARROW_BELOW_PX = SIDEBAR_SHOWN_FROM_PX
NARROW_KEY = "narrow-"  # prefix of the keys of the lists shown instead of tables on a phone
LISTED = 100  # lines of one list on a phone
WRAP_ROW_HEIGHT = 76  # px: Streamlit wraps cell text only in rows taller than 4rem
# Each list sits right before the table it replaces: one of the two is hidden, by the width of the screen.
RESPONSIVE_CSS = f"""<style>
@media (max-width: {NARROW_BELOW_PX - 1}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-{NARROW_KEY}"]) + [data-testid="stElementContainer"]
  {{ display: none; }}
}}
@media (min-width: {NARROW_BELOW_PX}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-{NARROW_KEY}"]) {{ display: none; }}
}}
</style>"""


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table: row, id, column, message."""
    return pd.DataFrame([(p.row, p.row_id, p.column, p.message) for p in problems],
                        columns=[tr(lang, "ligne", "row"), "id", tr(lang, "colonne", "column"), "message"])


def show_problems(problems: list[Problem], lang: str, key: str) -> None:
    """The problems as a table on a wide screen, as a list on a phone."""
    with st.container(key=f"{NARROW_KEY}{key}"):
        st.markdown(_bullets([_problem_line(problem, lang) for problem in problems], lang))
    frame = problems_frame(problems, lang)
    widths = dict(zip(frame.columns, (60, 230, 120, 400), strict=True))
    st.dataframe(frame, hide_index=True, key=key, column_config=_widths(widths),
                 row_height=_row_height(frame["message"], 70))


def responsive_style() -> None:
    """Once per page: the rule that shows either each table or the list that stands for it."""
    st.html(RESPONSIVE_CSS)


def show_review(review: Review, lang: str) -> None:
    """Verdict, download and outcomes first; then errors, new warnings, changes; the rest folded."""
    st.caption(md(review.read_note.text(lang)))
    _verdict(review, lang)
    _download(review, lang)
    st.markdown(f"**{tr(lang, 'Ce que change votre fichier', 'What your file changes')}**\n\n"
                + _bullets([md(line) for line in outcomes(review.changes, review.table.to_frame(),
                                                           review.geocoding, lang)], lang))
    if review.errors:
        st.subheader(tr(lang, "Erreurs", "Errors"))
        show_problems(review.errors, lang, "contribute_errors")
        st.subheader(tr(lang, "Lignes en erreur (conservées)", "Rows with errors (kept)"))
        frame = review.table.to_frame().rename_axis(tr(lang, "ligne", "row"))
        st.dataframe(frame.loc[review.rows_with_errors], key="contribute_error_rows")
    if new := review.new_warnings:
        st.subheader(tr(lang, "Nouveaux avertissements", "New warnings"))
        show_problems(new, lang, "contribute_warnings")
    if not review.changes.is_empty:
        _changes(review.changes, lang)
    _folded(review, lang)


def _verdict(review: Review, lang: str) -> None:
    if review.errors:
        st.error(verdict(review, lang), icon=":material/error:")
    else:
        st.success(verdict(review, lang), icon=":material/check_circle:")


def _download(review: Review, lang: str) -> None:
    label = (tr(lang, "Télécharger le fichier canonique (avec ses erreurs)",
                "Download the canonical file (with its errors)") if review.errors
             else tr(lang, "Télécharger le fichier canonique", "Download the canonical file"))
    st.download_button(label, review.text.encode("utf-8"), file_name=DOWNLOAD_NAME, mime="text/csv",
                       key="contribute_download", on_click="ignore", icon=":material/download:",
                       type="secondary" if review.errors else "primary")


def _changes(changes: Changes, lang: str) -> None:
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
        _changed_cells(changes, lang)


def _changed_cells(changes: Changes, lang: str) -> None:
    """Each changed cell: the part that differs highlighted on a phone, shown around it in the table."""
    headers = [tr(lang, "ligne", "row"), "id", tr(lang, "colonne", "column"),
               tr(lang, "ancienne valeur", "old value"), tr(lang, "nouvelle valeur", "new value")]
    frame = changes.cells_frame(shortened=True).set_axis(headers, axis="columns")
    if not frame.iloc[:, 3:].equals(changes.cells_frame().iloc[:, 3:].set_axis(headers[3:], axis="columns")):
        st.caption(tr(lang, "Dans une cellule longue, seul le passage qui change est montré, entre « … ».",
                      "In a long cell, only the passage that changes is shown, between “…”."))
    # The list must come right before the table it stands for (see RESPONSIVE_CSS).
    with st.container(key=f"{NARROW_KEY}contribute_cells"):
        st.markdown(_bullets([_change_lines(change, lang) for change in changes.cells], lang))
    widths = dict(zip(headers, (60, 170, 110, 240, 240), strict=True))
    st.dataframe(frame, hide_index=True, key="contribute_cells", column_config=_widths(widths),
                 row_height=_row_height(pd.concat([frame[headers[3]], frame[headers[4]]]), 32))


def _folded(review: Review, lang: str) -> None:
    """What needs no action: warnings the published data already has, formatting, geocoding."""
    if known := review.known_warnings:
        with st.expander(tr(lang, f"Avertissements déjà présents dans les données publiées ({len(known)})",
                            f"Warnings already in the published data ({len(known)})")):
            st.caption(tr(lang, "Votre fichier ne les a pas causés : ils sont dans les données publiées.",
                          "Your file did not cause them: the published data has them."))
            show_problems(known, lang, "contribute_known_warnings")
    _notes(tr(lang, "Mises en forme appliquées", "Formatting applied"),
           [fix.text(lang) for fix in review.fixes])
    _notes(tr(lang, "Géocodage hors ligne", "Offline geocoding"),
           [note.text(lang) for note in review.geocoding_notes])


def _notes(title: str, lines: list[str]) -> None:
    if lines:
        with st.expander(f"{title} ({len(lines)})"):
            st.markdown("\n".join(f"- {md(line)}" for line in lines))


def _problem_line(problem: Problem, lang: str) -> str:
    where = (tr(lang, f"Ligne {problem.row}", f"Row {problem.row}") if problem.row
             else tr(lang, "Fichier", "File"))
    parts = [f"**{where}**", *(md(part) for part in (problem.row_id, problem.column) if part)]
    return f"{' · '.join(parts)}{tr(lang, ' : ', ': ')}{md(problem.message)}"


def _change_lines(change: CellChange, lang: str) -> str:
    """`**Ligne 7** · id · site`, then the old and new values with the part that differs highlighted."""
    span = change.span
    head = " · ".join([f"**{tr(lang, 'Ligne', 'Row')} {change.row}**", md(change.row_id), md(change.column)])
    before = _highlighted(span.start, span.old, span.end, "red", lang)
    after = _highlighted(span.start, span.new, span.end, "green", lang)
    # Hard line breaks ("  \n"), the next lines indented to stay in the same list item.
    return (f"{head}  \n  {tr(lang, 'avant', 'before')}{tr(lang, ' : ', ': ')}{before}  \n"
            f"  {tr(lang, 'après', 'after')}{tr(lang, ' : ', ': ')}{after}")


def _highlighted(start: str, part: str, end: str, colour: str, lang: str) -> str:
    """Escaped text with `part` on a coloured background; an empty value is said to be empty."""
    if not (start or part or end):
        return f"*{tr(lang, 'vide', 'empty')}*"
    marked = f":{colour}-background[{md(part) or '␣'}]" if part else ""
    return (_escaped_keeping_spaces(start) + _space_if(part[:1]) + marked + _space_if(part[-1:])
            + _escaped_keeping_spaces(end))


def _escaped_keeping_spaces(text: str) -> str:
    """md() trims: keep one space at each end, which separates the text from the highlighted part."""
    return f"{_space_if(text[:1])}{md(text)}{_space_if(text[-1:])}" if text.strip() else _space_if(text)


def _space_if(character: str) -> str:
    return " " if character.isspace() else ""


def _bullets(lines: list[str], lang: str) -> str:
    """Markdown bullets, at most LISTED of them, then how many more the table has."""
    shown = [f"- {line}" for line in lines[:LISTED]]
    if len(lines) > LISTED:
        more = len(lines) - LISTED
        shown.append(tr(lang, f"- … et {more} autres : la liste complète est dans le tableau, sur un écran "
                              "plus large.",
                        f"- … and {more} more: the full list is in the table, on a wider screen."))
    return "\n".join(shown)


def _widths(widths: dict[str, int]) -> dict:
    return {name: st.column_config.Column(width=width) for name, width in widths.items()}


def _row_height(cells: pd.Series, one_line: int) -> int | None:
    """Rows tall enough to wrap when some cell is longer than `one_line` characters; else Streamlit's."""
    return WRAP_ROW_HEIGHT if (cells.astype(str).str.len() > one_line).any() else None
