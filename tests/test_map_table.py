"""Unit tests of the map's table twin helpers."""

import pandas as pd

from utils.data import type_rows
from utils.map_table import map_table, without_empty_columns


def test_columns_empty_on_every_row_are_left_out_and_the_others_kept():
    """Test that a nationwide list loses its empty Commune column but keeps one filled on any row."""
    rows = type_rows(pd.DataFrame({"id": ["a", "b"], "commune": ["", ""], "site": ["", "Gare"],
                                   "technology": ["drone", "drone"], "status": ["active", "ended"]}))
    table = without_empty_columns(map_table(rows, "fr"))

    assert "Commune" not in table.columns and "Département" not in table.columns
    assert list(table["Lieu"]) == ["", "Gare"]
    assert list(table["Identifiant"]) == ["a", "b"]


def test_an_empty_table_is_returned_as_it_is():
    """Test that a selection with no row keeps its headers (nothing to decide from)."""
    table = map_table(type_rows(pd.DataFrame()), "en")

    assert list(without_empty_columns(table).columns) == list(table.columns)
