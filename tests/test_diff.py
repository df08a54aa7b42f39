"""Change detection between the published deployments and an editor's file (utils.diff)."""

import pandas as pd
import pytest

from utils.diff import CellChange, diff_frames

COLUMNS = ["id", "commune", "status"]
PUBLISHED = [["nimes-2015", "Nîmes", "active"], ["nice-2016", "Nice", "trial"],
             ["metz-2020", "Metz", "ended"]]


def frame(rows: list[list[str]], columns: list[str] = COLUMNS) -> pd.DataFrame:
    """An all-text frame indexed by spreadsheet row number, as Table.to_frame() gives."""
    index = pd.Index(range(2, len(rows) + 2), name="row")
    return pd.DataFrame(rows, columns=columns, index=index, dtype=object)


def test_the_same_rows_give_no_change():
    """Test that an identical file, even reordered, has no change."""
    changes = diff_frames(frame(PUBLISHED), frame(list(reversed(PUBLISHED))))
    assert changes.is_empty
    assert changes.summary("fr") == "aucun changement par rapport aux données publiées"


@pytest.mark.parametrize(("new_row", "expected"), [
    (["lyon-2021", "Lyon", "active"], (5, "lyon-2021")),
    (["", "Lyon", "active"], (5, "")),
    (["nice-2016", "Nice bis", "active"], (5, "nice-2016")),
])
def test_new_empty_or_repeated_ids_count_as_added(new_row, expected):
    """Test that a new id, an empty id and a second row with a published id are all added rows."""
    changes = diff_frames(frame(PUBLISHED), frame([*PUBLISHED, new_row]))
    assert changes.added == [expected]
    assert (changes.removed, changes.cells) == ([], [])


def test_a_missing_id_counts_as_removed():
    """Test that a published id absent from the file is removed."""
    changes = diff_frames(frame(PUBLISHED), frame(PUBLISHED[:1] + PUBLISHED[2:]))
    assert changes.removed == ["nice-2016"]
    assert changes.added == []


def test_changed_cells_are_listed_with_old_and_new_values_at_the_editors_row():
    """Test that each changed cell of a kept row gives its row, id, column, old and new value."""
    edited = [PUBLISHED[2], ["nice-2016", "Nice", "ended"], ["nimes-2015", "Nimes", "banned"]]
    changes = diff_frames(frame(PUBLISHED), frame(edited))
    assert changes.cells == [
        CellChange(3, "nice-2016", "status", "trial", "ended"),
        CellChange(4, "nimes-2015", "commune", "Nîmes", "Nimes"),
        CellChange(4, "nimes-2015", "status", "active", "banned"),
    ]
    assert changes.changed_ids == ["nice-2016", "nimes-2015"]
    assert changes.cells_frame().to_dict("records")[0] == {"row": 3, "id": "nice-2016", "column": "status",
                                                           "old": "trial", "new": "ended"}


def test_spaces_around_a_value_are_not_a_change():
    """Test that cells are compared trimmed, as the canonical file will hold them."""
    edited = [[" nimes-2015 ", "Nîmes  ", "active"], *PUBLISHED[1:]]
    assert diff_frames(frame(PUBLISHED), frame(edited)).is_empty


def test_columns_that_appear_or_disappear_are_named_once_not_per_cell():
    """Test that a dropped and a new column are reported as columns and the common cells still compared."""
    edited = frame([[row[0], row[1], "x"] for row in PUBLISHED], ["id", "commune", "notes"])
    changes = diff_frames(frame(PUBLISHED), edited)
    assert (changes.columns_added, changes.columns_removed) == (["notes"], ["status"])
    assert changes.cells == []


def test_a_file_without_id_column_adds_every_row_and_removes_every_published_one():
    """Test that rows without ids cannot be matched: all added, all published removed."""
    changes = diff_frames(frame(PUBLISHED), frame([row[1:] for row in PUBLISHED], ["commune", "status"]))
    assert [row for row, _ in changes.added] == [2, 3, 4]
    assert changes.removed == ["nimes-2015", "nice-2016", "metz-2020"]
    assert changes.columns_removed == ["id"]


@pytest.mark.parametrize(("lang", "summary"), [
    ("fr", "1 ligne(s) ajoutée(s), 1 retirée(s), 1 modifiée(s) (2 cellule(s))"),
    ("en", "1 row(s) added, 1 removed, 1 changed (2 cell(s))"),
])
def test_summary_counts_added_removed_changed_rows_and_cells(lang, summary):
    """Test the one-line summary in both languages."""
    edited = [["nimes-2015", "Nimes", "ended"], PUBLISHED[1], ["lyon-2021", "Lyon", "active"]]
    assert diff_frames(frame(PUBLISHED), frame(edited)).summary(lang) == summary
