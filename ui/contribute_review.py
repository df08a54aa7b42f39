"""Contribute page, "check a file": the editor's file, uploaded or edited in a table, and its review.

The uploaded bytes stay in memory: they are decoded and reviewed by utils.upload, never written.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from pathlib import Path

import streamlit as st

from ui.contribute_results import show_review
from ui.data import file_version, load_dataset
from ui.text import md
from utils.canonical import canonicalize
from utils.i18n import tr
from utils.paths import deployments_path
from utils.schema import columns
from utils.tabular import Table, TableReadError, read_table
from utils.upload import MAX_UPLOAD_MB, ReadNote, Review, UploadRefused, read_upload, review_table

EDITOR_COLUMN_EXTRA = "__extra__"
REVIEW_KEY = "_contribute_review"
# Streamlit writes the chosen file's size as "360.4KB" whatever the language: the read note says it instead.
HIDE_UPLOADED_SIZE = ('<style>.st-key-contribute_upload [data-testid="stFileChipName"] + div '
                      "{ display: none; }</style>")


def published_table() -> Table:
    """The published deployments as read from disk (every row, good or bad), cached per file version."""
    return _published(*file_version(deployments_path()))


@st.cache_data(show_spinner=False, max_entries=2)
def _published(path: str, mtime_ns: int, size: int) -> Table:
    try:
        return read_table(path)
    except TableReadError:
        return Table(Path(path), columns(), [])


def uploaded_table(lang: str) -> tuple[Table, int] | None:
    """The file chosen in the uploader, read in memory, and its size; a refused file is explained: None."""
    # Streamlit 1.67 writes its drop zone in English ("Upload", "5MB per file") and cannot be told
    # otherwise: say in the page's language what the button does and what the limit is.
    st.caption(tr(lang, f"Cliquez sur « Upload » pour choisir votre fichier, ou glissez-le dans la zone "
                        f"ci-dessous. Formats .csv, .txt ou .tsv ; {MAX_UPLOAD_MB} Mo au plus.",
                  f"Click “Upload” to choose your file, or drop it on the area below. Formats .csv, .txt "
                  f"or .tsv; at most {MAX_UPLOAD_MB} MB."))
    st.html(HIDE_UPLOADED_SIZE)
    uploaded = st.file_uploader(
        tr(lang, f"Fichier CSV des déploiements (au plus {MAX_UPLOAD_MB} Mo)",
           f"Deployments CSV file (at most {MAX_UPLOAD_MB} MB)"),
        type=["csv", "txt", "tsv"], key="contribute_upload", max_upload_size=MAX_UPLOAD_MB,
        help=tr(lang, "Tel qu'enregistré par Excel ou LibreOffice : UTF-8 ou Windows-1252, virgules, "
                      "points-virgules ou tabulations.",
                "As saved by Excel or LibreOffice: UTF-8 or Windows-1252, commas, semicolons or tabs."))
    if uploaded is None:
        return None
    data = uploaded.getvalue()
    try:
        return read_upload(uploaded.name, data), len(data)
    except UploadRefused as refused:
        st.error(md(refused.message(lang)), icon=":material/block:")
        return None


def edited_table(start: Table, source_key: str, lang: str) -> Table:
    """The rows of `start` in an editable table; the edited rows as a Table with their row numbers."""
    if len(set(start.header)) != len(start.header):
        st.warning(tr(lang, "L'en-tête a des colonnes en double : corrigez-le avant de modifier dans le "
                            "tableau.",
                      "The header has duplicated columns: fix it before editing in the table."))
        return start
    frame = start.to_frame().rename_axis(tr(lang, "ligne", "row"))
    if not (frame[EDITOR_COLUMN_EXTRA] != "").any():
        frame = frame.drop(columns=EDITOR_COLUMN_EXTRA)
    st.caption(tr(lang, "La première colonne est le numéro de ligne du tableur ; les lignes ajoutées "
                        "prennent les numéros suivants.",
                  "The first column is the spreadsheet row number; added rows take the next numbers."))
    edited = st.data_editor(frame, num_rows="dynamic", key=f"contribute_editor_{source_key}",
                            width="stretch")
    edited = edited.fillna("").astype(str)
    header = [name for name in edited.columns if name != EDITOR_COLUMN_EXTRA]
    rows = [[*cells[: len(header)], *([cells[-1]] if len(cells) > len(header) and cells[-1] else [])]
            for cells in edited.to_numpy(dtype=object).tolist()]
    return Table(start.path, header, rows, start.encoding, start.delimiter, start.newline,
                 [int(number) for number in edited.index])


def review_section(lang: str) -> Review | None:
    """Upload, optional editing, and the review of the result; the review, or None without a file."""
    uploaded = uploaded_table(lang)
    editing = st.toggle(tr(lang, "Modifier dans le tableau", "Edit in the table"), key="contribute_edit",
                        help=tr(lang, "Part du fichier téléversé, ou des données publiées sans fichier.",
                                "Starts from the uploaded file, or from the published data without one."))
    if editing:
        review = _review_edits(uploaded, lang)
    elif uploaded is not None:
        review = dataclasses.replace(reviewed(uploaded[0]), read_note=ReadNote.of(*uploaded))
    else:
        st.session_state.pop(REVIEW_KEY, None)
        st.info(tr(lang, "Téléversez votre fichier ou activez la modification dans le tableau.",
                   "Upload your file or turn on editing in the table."), icon=":material/upload_file:")
        return None
    show_review(review, lang)
    return review


def _review_edits(uploaded: tuple[Table, int] | None, lang: str) -> Review:
    """The editor starts from the canonical form of the upload (or the published data); review the edits."""
    if uploaded is None:
        return reviewed(edited_table(published_table(), "published", lang))
    start = canonicalize(copy.deepcopy(uploaded[0]))
    # Edits are kept by row position: a new file must start a new editor.
    review = reviewed(edited_table(start.table, fingerprint(start.table)[:16], lang))
    # Say how the editor's own file was read and repaired, not only what the edited copy needed.
    return dataclasses.replace(review, read_note=ReadNote.of(*uploaded), fixes=start.notes + review.fixes)


def reviewed(table: Table) -> Review:
    """The review of `table`, redone only when the file or the published data changed.

    Only the last review is kept, in this visitor's session: nothing is shared or cached server-wide.
    """
    published = published_table()
    key = fingerprint(table) + repr(file_version(published.path))
    last = st.session_state.get(REVIEW_KEY)
    if last is None or last[0] != key:
        # The published data's own problems tell the warnings this file brought from those it inherited.
        known = load_dataset()[0].problems
        last = (key, review_table(table, published.to_frame(), published_problems=known))
        st.session_state[REVIEW_KEY] = last
    return last[1]


def fingerprint(table: Table) -> str:
    """A digest of everything a review depends on in the table."""
    cells = (table.header, table.rows, table.row_numbers, table.encoding, table.delimiter, table.newline)
    return hashlib.sha256(repr(cells).encode("utf-8")).hexdigest()
