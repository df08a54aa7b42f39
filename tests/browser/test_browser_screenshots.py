"""Every page at desktop and phone width: no sideways scrolling, and a screenshot in test-artifacts/."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, PAGES

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = (1280, 390)
OVERFLOW_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return main.scrollWidth - main.clientWidth;
}"""


def png_width(path: Path) -> int:
    """The width in pixels written in a PNG file's header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_the_width_and_is_screenshotted(open_page, real_app, path, width):
    """Test that the page does not scroll sideways at this width, and write its full-page screenshot."""
    app = open_page(real_app, path, width=width)

    shot = app.screenshot(SCREENSHOTS / f"{path or 'home'}-{width}.png")

    assert png_width(shot) == width
    assert app.page.evaluate(OVERFLOW_JS) == 0, "the page scrolls sideways"


@pytest.mark.parametrize(("width", "hint_shown"), [(390, True), (1280, False)])
def test_a_phone_visitor_is_told_where_the_folded_filters_are(open_page, real_app, width, hint_shown):
    """Test that the filter hint shows exactly when Streamlit has folded the sidebar away."""
    app = open_page(real_app, "carte", width=width)

    sidebar = app.page.locator('[data-testid="stSidebar"]').bounding_box()
    hint = app.page.locator(".st-key-atlas-filter-hint")

    assert (sidebar["width"] == 0) is hint_shown
    assert hint.is_visible() is hint_shown
    assert "ouvrez le panneau" in hint.inner_text()
