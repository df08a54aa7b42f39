"""What an editor's file changes in the published deployments, row by row and cell by cell.

Rows are matched by `id`. A row whose id is new, empty or repeated counts as added; a published id
that is gone counts as removed; for the others each differing cell is listed with its old and new
value. Cells are compared without their surrounding spaces (the canonical form trims them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from utils.checks import EXTRA_COLUMN
from utils.i18n import tr

KEY = "id"
CELL_COLUMNS = ("row", "id", "column", "old", "new")


@dataclass(frozen=True)
class CellChange:
    """One cell of a kept row whose value changed."""

    row: int  # spreadsheet row in the editor's file
    row_id: str
    column: str
    old: str
    new: str


@dataclass
class Changes:
    """Rows added and removed, cells changed, and columns that appeared or disappeared."""

    added: list[tuple[int, str]] = field(default_factory=list)  # (row, id) in the editor's file
    removed: list[str] = field(default_factory=list)  # ids of the published file
    cells: list[CellChange] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def changed_ids(self) -> list[str]:
        """Ids of the rows with at least one changed cell, in file order."""
        return list(dict.fromkeys(change.row_id for change in self.cells))

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.cells or self.columns_added or self.columns_removed)

    def summary(self, lang: str) -> str:
        """`2 ligne(s) ajoutée(s), 1 retirée(s), 3 modifiée(s) (5 cellules)`."""
        if self.is_empty:
            return tr(lang, "aucun changement par rapport aux données publiées",
                      "no change from the published data")
        return tr(lang, f"{len(self.added)} ligne(s) ajoutée(s), {len(self.removed)} retirée(s), "
                        f"{len(self.changed_ids)} modifiée(s) ({len(self.cells)} cellule(s))",
                  f"{len(self.added)} row(s) added, {len(self.removed)} removed, "
                  f"{len(self.changed_ids)} changed ({len(self.cells)} cell(s))")

    def cells_frame(self) -> pd.DataFrame:
        """The changed cells as a table: row, id, column, old, new."""
        records = [(c.row, c.row_id, c.column, c.old, c.new) for c in self.cells]
        return pd.DataFrame(records, columns=list(CELL_COLUMNS))


def diff_frames(published: pd.DataFrame, edited: pd.DataFrame) -> Changes:
    """The changes from `published` to `edited`, two all-text frames indexed by spreadsheet row."""
    old_columns, new_columns = _names(published), _names(edited)
    published, edited = _cleaned(published), _cleaned(edited)
    old = published[published[KEY] != ""].drop_duplicates(KEY).set_index(KEY)
    ids = edited[KEY]
    added = (ids == "") | ~ids.isin(old.index) | ids.duplicated(keep="first")
    kept = edited[~added]
    common = [name for name in edited.columns if name in old.columns]
    return Changes(
        added=list(ids[added].items()),
        removed=old.index[~old.index.isin(ids)].tolist(),
        cells=_cell_changes(old.loc[kept[KEY], common], kept, common),
        columns_added=[name for name in new_columns if name not in old_columns],
        columns_removed=[name for name in old_columns if name not in new_columns],
    )


def _names(frame: pd.DataFrame) -> list[str]:
    return [name for name in dict.fromkeys(frame.columns) if name != EXTRA_COLUMN]


def _cleaned(frame: pd.DataFrame) -> pd.DataFrame:
    """Stripped text cells, without the extra-cells column, with an id column even if the file lacks one."""
    frame = frame.drop(columns=[EXTRA_COLUMN], errors="ignore")
    frame = frame.loc[:, ~frame.columns.duplicated()].fillna("").astype(str)
    frame = frame.apply(lambda column: column.str.strip())
    return frame if KEY in frame.columns else frame.assign(**{KEY: ""})


def _cell_changes(before: pd.DataFrame, after: pd.DataFrame, common: list[str]) -> list[CellChange]:
    """Each differing cell of rows aligned by position (before is indexed by id, after by row)."""
    old_cells, new_cells = before.to_numpy(dtype=object), after[common].to_numpy(dtype=object)
    positions, columns = np.nonzero(old_cells != new_cells)
    rows, ids = after.index.tolist(), after[KEY].tolist()
    return [CellChange(int(rows[p]), ids[p], common[c], old_cells[p, c], new_cells[p, c])
            for p, c in zip(positions.tolist(), columns.tolist(), strict=True)]
