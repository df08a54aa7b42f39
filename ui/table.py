"""The table of the Data page and the deployment it points at (selected row or ?id=)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from utils.i18n import tr
from utils.labels import column_header, labelled_rows

ID_KEY = "id"
MAX_ID_LENGTH = 100
_SELECTED = "_atlas_selected_id"


def deployments_table(rows: pd.DataFrame, lang: str) -> str:
    """Draw the sortable table; returns the id of the selected row, or ""."""
    table = labelled_rows(rows, lang)
    config = {column: st.column_config.TextColumn(column_header(column, lang)) for column in table.columns}
    config["sources"] = st.column_config.LinkColumn(
        tr(lang, "Source", "Source"), display_text=r"https?://(?:www\.)?([^/?#]+)"
    )
    event = st.dataframe(table, key="table", on_select="rerun", selection_mode="single-row", hide_index=True,
                         column_config=config)
    picked = event.selection.rows if event is not None else []
    return str(table["id"].iloc[picked[0]]) if picked and picked[0] < len(table) else ""


def chosen_id(selected: str) -> str:
    """The deployment to show: a row just selected (written to ?id=), else the URL's ?id=."""
    previous = st.session_state.get(_SELECTED, "")
    st.session_state[_SELECTED] = selected
    if selected:
        if st.query_params.get(ID_KEY) != selected:
            st.query_params[ID_KEY] = selected
        return selected
    if previous and ID_KEY in st.query_params:
        del st.query_params[ID_KEY]  # the visitor cleared the selection
        return ""
    return st.query_params.get(ID_KEY, "").strip()[:MAX_ID_LENGTH]
