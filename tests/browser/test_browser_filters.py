"""The filters live in the URL: a widget change rewrites it, the rewritten link reproduces the view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import WAIT_MS, AppPage, read_rows

pytestmark = pytest.mark.browser

TECHNOLOGY, TECHNOLOGY_LABEL = "facial_recognition", "Reconnaissance faciale"
TECH_IN_URL = re.compile(rf"[?&]tech={TECHNOLOGY}(&|$)")


def counts(rows: list[dict[str, str]], technology: str) -> tuple[int, int]:
    """(rows naming `technology`, rows with coordinates among them)."""
    kept = [row for row in rows if technology in row["technology"].split("|")]
    return len(kept), sum(1 for row in kept if row["lat"] and row["lon"])


def pick_option(app: AppPage, key: str, label: str) -> None:
    """Choose `label` in the sidebar multiselect `key`, as a visitor does: open, type, click."""
    box = app.page.locator(f".st-key-{key} input")
    box.click()
    box.fill(label)
    app.page.get_by_role("option", name=label, exact=True).click()
    app.page.keyboard.press("Escape")


def expect_selected(app: AppPage, key: str, labels: list[str]) -> None:
    """Wait until the multiselect `key` shows exactly the chips `labels`."""
    tags = app.page.locator(f".st-key-{key} [role='group'][aria-label='Selected values'] [data-tag]")
    expect(tags).to_have_text(labels, timeout=WAIT_MS)


def test_picking_a_technology_rewrites_the_url_and_the_count_and_the_url_reopens_the_view(
        open_page, small_app, small_csv):
    """Test that picking a technology puts tech= in the URL and changes the count; the URL reopens it."""
    rows = read_rows(small_csv)
    shown, located = counts(rows, TECHNOLOGY)
    expected_summary = f"{shown} sur {len(rows)} déploiements"
    app = open_page(small_app, "carte")
    assert app.summary_text() == f"{len(rows)} sur {len(rows)} déploiements"

    pick_option(app, "tech", TECHNOLOGY_LABEL)
    app.page.wait_for_url(TECH_IN_URL, timeout=WAIT_MS)
    expect(app.page.locator(".st-key-atlas-summary").first).to_contain_text(expected_summary, timeout=WAIT_MS)
    assert app.wait_drawn().drawn_markers(located) == located

    shared = open_page(small_app, app.page.url.removeprefix(small_app.url + "/"))
    assert shared.summary_text() == expected_summary
    expect_selected(shared, "tech", [TECHNOLOGY_LABEL])
    assert shared.drawn_markers(located) == located


def test_changing_page_keeps_the_filters_in_the_url_and_the_count(open_page, small_app, small_csv):
    """Test that following the sidebar link to another page keeps tech= in the URL and the same count."""
    rows = read_rows(small_csv)
    shown, _ = counts(rows, TECHNOLOGY)
    app = open_page(small_app, "carte", tech=TECHNOLOGY)

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Données").click()
    app.page.wait_for_url(re.compile(r"/donnees\?"), timeout=WAIT_MS)
    expect(app.page.locator('[data-testid="stMain"] h1').first).to_have_text("Données", timeout=WAIT_MS)
    app.wait_drawn()

    assert TECH_IN_URL.search(app.page.url), app.page.url
    assert app.summary_text() == f"{shown} sur {len(rows)} déploiements"
    expect_selected(app, "tech", [TECHNOLOGY_LABEL])


def test_the_language_switch_puts_lang_en_in_the_url_and_translates_the_page(open_page, small_app, small_csv):
    """Test that choosing English adds lang=en to the URL and shows the English title, count and filters."""
    rows = read_rows(small_csv)
    app = open_page(small_app, "carte", tech=TECHNOLOGY)

    app.page.locator(".st-key-atlas-lang").get_by_role("radio", name="English").click()
    app.page.wait_for_url(re.compile(r"[?&]lang=en(&|$)"), timeout=WAIT_MS)
    expect(app.page.locator('[data-testid="stMain"] h1').first).to_have_text("Map", timeout=WAIT_MS)
    app.wait_drawn()

    assert TECH_IN_URL.search(app.page.url), app.page.url
    assert app.summary_text() == f"{counts(rows, TECHNOLOGY)[0]} of {len(rows)} deployments"
    expect_selected(app, "tech", ["Facial recognition"])
