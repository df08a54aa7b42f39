"""The embeddable map: standalone (Leaflet inlined, no CDN, nothing from the app); its <iframe> snippet."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from utils.data import type_rows
from utils.embed import EMBED_FILE, app_base_url, build_embed, embed_snippet, inline_assets
from utils.map_assets import asset_urls
from utils.schema import columns

CDN_HOSTS = ("cdn.", "unpkg.com", "jsdelivr", "cdnjs", "googleapis", "bootstrapcdn", "code.jquery.com",
             "fontawesome", "gstatic", "cloudflare")
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    defaults = dict.fromkeys(columns(), "")
    cells = [
        {"id": "nice-drone", "commune": "Nice", "department_code": "06", "lat": "43.71234", "lon": "7.23778",
         "technology": "drone", "status": "active", "sources": "https://example.org/n"},
        {"id": "lille-lapi", "commune": HOSTILE, "department_code": "59", "lat": "50.63178", "lon": "3.04706",
         "operator": HOSTILE, "technology": "license_plate_reading", "status": "active",
         "sources": "https://example.org/l"},
    ]
    return type_rows(pd.DataFrame([{**defaults, **row} for row in cells]))


@pytest.fixture(scope="module")
def embed(rows) -> str:
    return build_embed(rows, "fr", base_url="https://atlas.example.org/app/", title=f"Carte {HOSTILE}")


def test_that_the_embed_asks_no_cdn_for_anything(embed):
    """Test that no CDN host and no script or stylesheet link appear: Leaflet is inlined."""
    assert not any(host in embed.lower() for host in CDN_HOSTS)
    assert not re.search(r"<script[^>]*\ssrc=|<link[^>]*stylesheet", embed, re.I)


def test_that_the_embed_needs_nothing_from_the_app(embed):
    """Test that the app's static files are inlined, not referenced, and their licences kept."""
    assert "/app/static" not in embed
    assert not any(url in embed for url in asset_urls())
    assert "Leaflet 1.9.4" in embed and "markerClusterGroup" in embed and "LICENSE" in embed
    assert "url(images/" not in embed and "data:image/png;base64," in embed


def test_that_the_embed_draws_every_located_deployment(embed):
    """Test that the map's data carries each deployment, escaped."""
    assert "nice-drone" in embed and "lille-lapi" in embed
    assert HOSTILE not in embed


def test_that_popups_and_credit_link_to_the_hosted_app(embed):
    """Test that the record links and the credit point at the app's address, opening safely."""
    assert "https://atlas.example.org/app/donnees?id=" in embed
    assert '<a href="https://atlas.example.org/app" target="_blank" rel="noopener noreferrer">' in embed


@pytest.mark.parametrize("base_url", ["javascript:alert(1)", "/relative", "", "data:text/html,x"])
def test_that_an_unsafe_base_url_is_not_linked(rows, base_url):
    """Test that only an http(s) base URL becomes a link."""
    html = build_embed(rows, "en", base_url=base_url)
    assert "javascript:alert" not in html and "data:text/html" not in html
    assert "atlas-credit" in html and "Atlas of algorithmic surveillance" in html


@pytest.mark.parametrize(("page_url", "base_path", "expected"), [
    ("http://localhost:8501/agir", "", "http://localhost:8501"),
    ("http://localhost:8501/", "", "http://localhost:8501"),
    ("https://atlas.example.org/sub/agir", "/sub/", "https://atlas.example.org/sub"),
    ("https://atlas.example.org/a/b/agir", "a/b", "https://atlas.example.org/a/b"),
    ("https://atlas.example.org/x", 'x"><script>', "https://atlas.example.org/x%22%3E%3Cscript%3E"),
    ("", "", ""),
    ("javascript:alert(1)", "", ""),
])
def test_that_the_app_address_is_found_from_a_page_address(page_url, base_path, expected):
    """Test that the app's root is the page's scheme and host plus the configured base path, nothing else."""
    assert app_base_url(page_url, base_path) == expected


def test_that_the_title_is_escaped(embed):
    """Test that the page title cannot inject markup."""
    assert "<title>Carte &lt;script&gt;alert(1)&lt;/script&gt;</title>" in embed


@pytest.mark.parametrize(("lang", "title", "expected_title"), [
    ("fr", "", "Carte de la surveillance algorithmique"),
    ("en", "", "Map of algorithmic surveillance"),
    ("fr", 'Nice "Côte" <b>', "Nice &quot;Côte&quot; &lt;b&gt;"),
])
def test_that_the_snippet_is_a_safe_iframe(lang, title, expected_title):
    """Test that the snippet points at the embed file, is sandboxed, and escapes its title."""
    snippet = embed_snippet(lang, title)
    assert snippet.startswith(f'<iframe src="{EMBED_FILE}" title="{expected_title}"')
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in snippet
    assert snippet.endswith("></iframe>") and snippet.count("<") == 2


def test_that_a_changed_map_template_fails_loudly():
    """Test that inlining refuses a page whose asset tags are not the expected ones."""
    with pytest.raises(ValueError, match="leaflet.js"):
        inline_assets('<html><head><script src="https://cdn.example/leaflet.js"></script></head></html>')
