"""What an editor's file changes in the published deployments, row by row and cell by cell.

Rows are matched by `id`. A row whose id is new, empty or repeated counts as added; a published id
that is gone counts as removed; for the others each differing cell is listed with its old and new
value. Cells are compared without their surrounding spaces (the canonical form trims them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from utils.changes_text import changes_summary
from utils.checks import EXTRA_COLUMN

KEY = "id"
SHORT_CELL = 100  # characters: a cell up to this long is shown whole
CONTEXT = 40  # characters kept on each side of the change in a longer cell
LONGEST_PART = 160  # characters of the changed part itself, beyond which its middle is cut
ELLIPSIS = "…"
_WORDS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Span:
    """A cell's old and new text cut where they differ: same start, old part, new part, same end."""

    start: str
    old: str
    new: str
    end: str

    def shortened(self) -> Span:
        """In a long cell, the change with at most CONTEXT characters around it (cut at a space, "…")."""
        if max(len(text) for text in self.texts) <= SHORT_CELL:
            return self
        start = self.start if len(self.start) <= CONTEXT else ELLIPSIS + _tail(self.start)
        end = self.end if len(self.end) <= CONTEXT else _head(self.end) + ELLIPSIS
        return Span(start, _middle_cut(self.old), _middle_cut(self.new), end)

    @property
    def texts(self) -> tuple[str, str]:
        """The old and the new text."""
        return self.start + self.old + self.end, self.start + self.new + self.end


def changed_span(old: str, new: str) -> Span:
    """Where `old` and `new` differ, in whole words: the longest same start and same end are set apart."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    shortest = min(len(before), len(after))
    same_start = next((i for i in range(shortest) if before[i] != after[i]), shortest)
    same_end = next((i for i in range(shortest - same_start) if before[-1 - i] != after[-1 - i]),
                    shortest - same_start)
    cut_old, cut_new = len(before) - same_end, len(after) - same_end
    return Span("".join(before[:same_start]), "".join(before[same_start:cut_old]),
                "".join(after[same_start:cut_new]), "".join(before[cut_old:]))


def _tail(text: str) -> str:
    tail = text[-CONTEXT:]
    return tail[tail.find(" ") + 1:] if " " in tail[:-1] else tail


def _head(text: str) -> str:
    head = text[:CONTEXT]
    return head[: head.rfind(" ")] if " " in head[1:] else head


def _middle_cut(text: str) -> str:
    half = LONGEST_PART // 2
    return text if len(text) <= LONGEST_PART else f"{text[:half]} {ELLIPSIS} {text[-half:]}"


CELL_COLUMNS = ("row", "id", "column", "old", "new")


@dataclass(frozen=True)
class CellChange:
    """One cell of a kept row whose value changed."""

    row: int  # spreadsheet row in the editor's file
    row_id: str
    column: str
    old: str
    new: str

    @property
    def span(self) -> Span:
        """Where the old and new values differ, shortened around the change when the cell is long."""
        return changed_span(self.old, self.new).shortened()


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
        """`2 lignes ajoutées, aucune retirée, 1 modifiée (1 cellule)`."""
        return changes_summary(self, lang)

    def cells_frame(self, shortened: bool = False) -> pd.DataFrame:
        """The changed cells as a table: row, id, column, old, new (`shortened`: around the change)."""
        records = [(c.row, c.row_id, c.column, *(c.span.texts if shortened else (c.old, c.new)))
                   for c in self.cells]
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
