"""A row with an error is named in a notice and set aside; the other rows still show."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import BAD_ROW_ID, WAIT_MS, read_rows

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "row_word", "summary"), [("fr", "ligne", "{n} sur {n} déploiements"),
                                                           ("en", "row", "{n} of {n} deployments")])
def test_a_bad_row_is_named_in_a_notice_and_the_other_rows_still_show(open_page, bad_row_app, bad_row_csv,
                                                                      lang, row_word, summary):
    """Test that a row with an error is named (id and row number) and every other row is counted and drawn."""
    rows = read_rows(bad_row_csv)
    good = len(rows) - 1
    bad_row_number = [row["id"] for row in rows].index(BAD_ROW_ID) + 2  # the header is row 1
    app = open_page(bad_row_app, "carte", **({"lang": "en"} if lang == "en" else {}))

    notice = app.page.locator('[data-testid="stAlert"]', has_text=BAD_ROW_ID)
    expect(notice).to_contain_text(f"{BAD_ROW_ID} ({row_word} {bad_row_number})", timeout=WAIT_MS)
    assert app.summary_text() == summary.format(n=good)
    assert app.drawn_markers(good) == good
