"""Changes between the published deployments and an editor's file (utils.diff, utils.changes_text)."""

import pandas as pd
import pytest

from utils.changes_text import outcomes
from utils.diff import CONTEXT, SHORT_CELL, CellChange, Span, changed_span, diff_frames
from utils.geocode import GeocodeReport, Placement
from utils.problems import Problem

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
    ("fr", "1 ligne ajoutée, 1 retirée, 1 modifiée (2 cellules)"),
    ("en", "1 row added, 1 removed, 1 changed (2 cells)"),
])
def test_summary_counts_added_removed_changed_rows_and_cells(lang, summary):
    """Test the one-line summary in both languages."""
    edited = [["nimes-2015", "Nimes", "ended"], PUBLISHED[1], ["lyon-2021", "Lyon", "active"]]
    assert diff_frames(frame(PUBLISHED), frame(edited)).summary(lang) == summary


@pytest.mark.parametrize(("edited", "fr", "en"), [
    ([["nimes-2015", "Nîmes", "ended"], *PUBLISHED[1:]], "aucune ligne ajoutée, aucune retirée, 1 modifiée "
     "(1 cellule)", "no rows added, none removed, 1 changed (1 cell)"),
    ([*PUBLISHED, ["a", "", ""], ["b", "", ""]], "2 lignes ajoutées, aucune retirée, aucune modifiée",
     "2 rows added, none removed, none changed"),
])
def test_summary_says_none_plainly_and_agrees_in_number(edited, fr, en):
    """Test that zero reads "aucune"/"none", plurals agree, and no cell count shows without changed cells."""
    changes = diff_frames(frame(PUBLISHED), frame(edited))
    assert (changes.summary("fr"), changes.summary("en")) == (fr, en)


@pytest.mark.parametrize(("old", "new", "span"), [
    ("Carnaval de Nice (6 caméras)", "Carnaval de Nice (6 caméras) (déplacées)",
     Span("Carnaval de Nice (6 caméras)", "", " (déplacées)", "")),
    ("2018-06-07", "2021-02-30", Span("", "2018-06-07", "2021-02-30", "")),
    ("la ville a acheté", "la mairie a acheté", Span("la ", "ville", "mairie", " a acheté")),
    ("", "nouveau", Span("", "", "nouveau", "")),
    ("a a", "a a a", Span("a a", "", " a", "")),
])
def test_changed_span_sets_apart_the_words_that_differ(old, new, span):
    """Test that the same start and end are kept whole words, and old and new join back."""
    assert changed_span(old, new) == span
    assert span.texts == (old, new)


def test_a_change_at_the_end_of_a_long_cell_is_shown_with_its_context_only():
    """Test that a long cell is cut before the change (at a space, "…"), so that the change is in view."""
    text = " ".join(f"mot{number}" for number in range(60))
    change = CellChange(2, "x", "description_fr", text + ".", text + ", puis étendu.")
    old, new = change.span.texts
    assert len(text) > SHORT_CELL
    assert old.startswith("…") and new.startswith("…")
    assert old.endswith("mot59.") and new.endswith("mot59, puis étendu.")
    assert len(old) <= CONTEXT + len("… mot59.")
    assert not old[1:].startswith(" ") and old[1:4] == "mot"


def test_a_short_cell_is_shown_whole_in_the_table():
    """Test that the shortened table of changes keeps short values as they are."""
    edited = [["nimes-2015", "Nîmes", "active, then ended"], *PUBLISHED[1:]]
    records = diff_frames(frame(PUBLISHED), frame(edited)).cells_frame(shortened=True).to_dict("records")
    assert (records[0]["old"], records[0]["new"]) == ("active", "active, then ended")


def test_a_long_changed_part_keeps_its_start_and_end():
    """Test that a very long inserted passage is cut in its middle, not dropped."""
    change = CellChange(2, "x", "sources", "", "début " + "x" * 400 + " fin")
    new = change.span.new
    assert new.startswith("début") and new.endswith("fin") and "…" in new and len(new) < 200


def test_outcomes_name_the_added_row_with_its_commune_and_placement_and_the_changed_columns():
    """Test the lines at a glance: the new row with its commune and how it was placed, the changed row."""
    columns = ["id", "commune", "department_code", "insee_code", "status", "lat", "lon", "geo_precision"]
    published = frame([["nice-2016", "Nice", "06", "06088", "trial", "43.7", "7.26", "commune"]], columns)
    edited = frame([["nice-2016", "Nice", "06", "06088", "ended", "43.7", "7.26", "commune"],
                    ["evreux-2026", "Évreux", "27", "27229", "active", "49.02", "1.15", "commune"]], columns)
    geocoding = GeocodeReport([Placement("f.csv", 3, "evreux-2026", "placée")])
    changes = diff_frames(published, edited)
    assert outcomes(changes, edited, geocoding, "fr") == [
        "1 ligne ajoutée : evreux-2026 (ligne 3), Évreux (27), placée au point de la commune, INSEE 27229",
        "1 ligne modifiée : nice-2016 (ligne 2 : status)"]
    assert outcomes(changes, edited, geocoding, "en")[0] == (
        "1 row added: evreux-2026 (row 3), Évreux (27), placed at the municipality's point, INSEE 27229")


@pytest.mark.parametrize(("cells", "geocoding", "placement"), [
    ({"lat": "49", "lon": "1", "geo_precision": "site"}, GeocodeReport(), "point donné dans le fichier "
     "(précision : lieu précis)"),
    ({"geo_precision": "national"}, GeocodeReport(), "portée nationale"),
    ({}, GeocodeReport(problems=[Problem("f.csv", 3, "new", "commune", "inconnue")]),
     "non placée : voir « Géocodage hors ligne »"),
    ({}, GeocodeReport(), "sans point sur la carte"),
])
def test_outcomes_say_how_an_added_row_is_placed(cells, geocoding, placement):
    """Test each way a new row can end up on the map, or not."""
    columns = ["id", "commune", "department_code", "lat", "lon", "geo_precision"]
    row = {**dict.fromkeys(columns, ""), "id": "new", **cells}
    published = [PUBLISHED[0][0], "", "", "", "", ""]
    edited = frame([published, [row[name] for name in columns]], columns)
    changes = diff_frames(frame([published], columns), edited)
    assert outcomes(changes, edited, geocoding, "fr") == [f"1 ligne ajoutée : new (ligne 3), {placement}"]


def test_outcomes_name_at_most_five_rows_then_count_the_others():
    """Test that a long list of removed rows names five and says how many more."""
    published = frame([[f"id-{number}", "", ""] for number in range(8)])
    changes = diff_frames(published, frame([["id-0", "", ""]]))
    assert outcomes(changes, frame([["id-0", "", ""]]), GeocodeReport(), "en") == [
        "7 rows removed: id-1; id-2; id-3; id-4; id-5; and 2 more"]


def test_outcomes_of_an_unchanged_file_say_so():
    """Test that a file equal to the published data gives one line saying there is no change."""
    changes = diff_frames(frame(PUBLISHED), frame(PUBLISHED))
    assert outcomes(changes, frame(PUBLISHED), GeocodeReport(), "fr") == [
        "aucun changement par rapport aux données publiées"]
