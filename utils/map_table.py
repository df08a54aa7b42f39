"""The map's table twin: the same rows as the map, as text a screen reader (or anyone) can read."""

from __future__ import annotations

import pandas as pd

from utils.i18n import tr
from utils.labels import label
from utils.schema import split_multi

# Column of the data -> (French, English) header of the table.
TABLE_COLUMNS = {
    "commune": ("Commune", "Municipality"),
    "department_code": ("Département", "Department"),
    "site": ("Lieu", "Site"),
    "operator": ("Exploitant", "Operator"),
    "vendor": ("Fournisseur", "Vendor"),
    "technology": ("Technologie", "Technology"),
    "status": ("Statut", "Status"),
    "start_date": ("Début", "Start"),
    "end_date": ("Fin", "End"),
    "geo_precision": ("Précision", "Precision"),
    "id": ("Identifiant", "Identifier"),
}
LABELLED_COLUMNS = ("technology", "status", "geo_precision")


def map_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows with readable headers and codes turned into labels in `lang`, in the map's order."""
    table = rows.reindex(columns=list(TABLE_COLUMNS)).fillna("").astype(str)
    for column in LABELLED_COLUMNS:
        cells = table[column]
        table[column] = cells.map({cell: _labels(column, cell, lang) for cell in cells.unique()})
    table = table.sort_values(["commune", "start_date", "id"], kind="stable").reset_index(drop=True)
    return table.rename(columns={c: tr(lang, *names) for c, names in TABLE_COLUMNS.items()})


def _labels(column: str, cell: str, lang: str) -> str:
    return ", ".join(label(column, code, lang) for code in split_multi(cell))
