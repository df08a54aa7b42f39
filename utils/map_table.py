"""The map's table twin: the same rows as the map, as text a screen reader (or anyone) can read."""

from __future__ import annotations

import pandas as pd

from utils.labels import column_header, label_list
from utils.schema import split_multi

# The columns of the table twin, in the map's reading order.
TABLE_COLUMNS = ("commune", "department_code", "site", "operator", "vendor", "technology", "status",
                 "start_date", "end_date", "geo_precision", "id")
LABELLED_COLUMNS = ("technology", "status", "geo_precision")
# Up to this many rows the table twin is sent with every page; above it (a large file, or few filters)
# it is sent when asked: tens of thousands of rows would weigh on every run for a table few open.
TWIN_SENT_WITH_PAGE = 2000


def map_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows with readable headers and codes turned into labels in `lang`, in the map's order."""
    table = rows.reindex(columns=list(TABLE_COLUMNS)).fillna("").astype(str)
    for column in LABELLED_COLUMNS:
        cells = table[column]
        table[column] = cells.map({cell: label_list(column, cell, lang) for cell in cells.unique()})
    table["vendor"] = table["vendor"].map(lambda cell: ", ".join(split_multi(cell)))
    table = table.sort_values(["commune", "start_date", "id"], kind="stable").reset_index(drop=True)
    return table.rename(columns={column: column_header(column, lang) for column in TABLE_COLUMNS})


def without_empty_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table less the columns empty on every row (nationwide rows have no commune nor department)."""
    return table.loc[:, (table != "").any(axis=0)] if not table.empty else table
