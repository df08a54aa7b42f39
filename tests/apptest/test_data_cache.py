"""The loaded deployments are shared by every run (st.cache_resource): no page may write to them."""

import copy

import pandas as pd
import pytest

from tests.apptest.conftest import open_app
from ui.data import load_dataset
from ui.nav import PAGES

# Links that make each page do the most with the rows: filters, a card, a search, a period.
VISIT = {"tech": ["drone", "facial_recognition"], "q": "gare", "from": "2019", "to": "2024"}


def test_the_dataset_is_loaded_once_and_shared_by_every_call(small_data):
    """Test that two loads of the same file version give the very same objects, not copies."""
    first, second = load_dataset(), load_dataset()

    assert first[0] is second[0] and first[1] is second[1]


@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_no_page_writes_to_the_shared_dataset(small_data, spec):
    """Test that running a page, with filters and in English, leaves the shared rows and problems intact."""
    dataset, _ = load_dataset()
    rows_before, problems_before = dataset.rows.copy(deep=True), copy.deepcopy(dataset.problems)

    at = open_app(spec.path, lang="en", **VISIT)

    assert not at.exception
    assert load_dataset()[0] is dataset
    pd.testing.assert_frame_equal(dataset.rows, rows_before)
    assert dataset.problems == problems_before
