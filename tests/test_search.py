"""Unit tests of the free-text search: text folded once per load, queries folded word by word."""

import pandas as pd
import pytest

from utils.data import type_rows
from utils.search import SEARCH_COLUMNS, SEARCH_TEXT, fold, mentions, searchable_text

SPELLINGS = ["Île-de-France", "Vandœuvre-lès-Nancy", "ÆGIS Straße", "Cafe\u0301 de la GARE", "BriefCam  X",
             ""]


@pytest.mark.parametrize("text", SPELLINGS)
def test_a_cell_is_folded_as_fold_folds_a_query(text):
    """Test that the column-wide fold gives the same words as fold() for accents, ligatures and case."""
    frame = pd.DataFrame({"commune": [text]})

    assert searchable_text(frame).iloc[0].split() == fold(text).split()


def test_the_searched_columns_are_joined_so_that_each_can_be_found():
    """Test that a word of any searched column is found, and a word of another column is not."""
    row = {column: f"mot{index}" for index, column in enumerate(SEARCH_COLUMNS)}
    frame = type_rows(pd.DataFrame([{**row, "id": "secret-id"}]))

    assert all(mentions(frame, f"mot{index}").iloc[0] for index in range(len(SEARCH_COLUMNS)))
    assert not mentions(frame, "secret-id").iloc[0]


@pytest.mark.parametrize(("query", "expected"), [
    ("gare", ["a", "b"]), ("GARE lyon", ["a"]), ("lyon gare", ["a"]), ("vandoeuvre", ["b"]),
    ("Vandœuvre", ["b"]), ("gare marseille", []), ("  ", ["a", "b", "c"]),
])
def test_every_word_of_the_query_must_appear_in_the_row(query, expected):
    """Test that a row matches only when it holds each word of the query, accents and case ignored."""
    frame = type_rows(pd.DataFrame({"id": ["a", "b", "c"], "commune": ["Lyon", "Vandœuvre-lès-Nancy", "Nice"],
                                    "site": ["Gare Part-Dieu", "Place de la gare", "Promenade"]}))

    assert list(frame[mentions(frame, query)]["id"]) == expected


def test_rows_typed_at_load_carry_their_folded_text_and_rows_without_it_are_folded_on_the_fly():
    """Test that loaded rows hold the folded text and that a bare frame gives the same matches."""
    bare = pd.DataFrame({"commune": ["Évry", "Caen"]})
    typed = type_rows(bare)

    assert list(typed[SEARCH_TEXT].str.split().str[0]) == ["evry", "caen"]
    assert list(mentions(bare, "EVRY")) == list(mentions(typed, "évry")) == [True, False]
