"""The hostile data file (tests/fixtures/hostile/hostile.csv, through ATLAS_DATA) and hostile links in a real
browser: every payload sets `window.__pwned` or calls alert(), so none may have run, in any page or frame."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.fixtures.hostile import make_hostile

from .conftest import PAGES, WAIT_MS, AppPage, AppServer, running_app

pytestmark = pytest.mark.browser

HOSTILE = make_hostile.HERE / "hostile.csv"
PWNED_JS = "() => typeof window.__pwned !== 'undefined'"
# Opens every marker's popup in turn (markers inside clusters included) and returns each popup's text.
OPEN_POPUPS_JS = """() => {
    const map = window.atlasCluster._map, texts = [];
    for (const marker of window.atlasCluster.getLayers()) {
        const content = marker.getPopup().getContent();
        const popup = L.popup().setLatLng(marker.getLatLng()).setContent(content(marker)).openOn(map);
        texts.push(popup.getElement().querySelector('.leaflet-popup-content').innerText);
    }
    return texts;
}"""
# The hostile cells each popup and each card shows, as the visitor must read them.
IN_POPUP = ("site", "operator", "description_fr", "description_en")
IN_CARD = ("site", "operator", "product", "use_case", "legal_action")


@pytest.fixture(scope="module")
def payload_app(chromium) -> Iterator[AppServer]:
    """The app on hostile.csv."""
    with running_app(chromium, "hostile-payloads", HOSTILE) as server:
        yield server


def assert_nothing_ran(app: AppPage) -> None:
    """No dialog opened and no frame of the page (map iframe included) has window.__pwned."""
    assert app.dialogs == []
    assert [frame.url for frame in app.page.frames if frame.evaluate(PWNED_JS)] == []


def shown(text: str) -> str:
    """A cell as the page shows it: runs of spaces and line breaks as single spaces."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_that_no_payload_runs_on_any_page(open_page, payload_app, path, lang):
    """Test that each page of the hostile data opens, counts the kept rows, and runs no payload."""
    app = open_page(payload_app, path, **({"lang": "en"} if lang == "en" else {}))
    kept = len(make_hostile.KEPT)
    assert app.summary_text() == (f"{kept} sur {kept} déploiements" if lang == "fr" else
                                  f"{kept} of {kept} deployments")
    assert_nothing_ran(app)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_that_every_popup_shows_its_payload_as_text(open_page, payload_app, lang):
    """Test that opening every marker's popup inserts the hostile cells as text and runs none of them."""
    app = open_page(payload_app, "carte", **({"lang": "en"} if lang == "en" else {}))
    texts = [shown(text) for text in app.map_frame().evaluate(OPEN_POPUPS_JS)]
    assert len(texts) == len(make_hostile.KEPT)
    popup = "\n".join(texts)
    for cells in make_hostile.KEPT.values():
        for column in set(cells) & set(IN_POPUP):
            if column != ("description_en" if lang == "fr" else "description_fr"):
                assert shown(cells[column]) in popup, (column, cells[column])
    assert_nothing_ran(app)


@pytest.mark.parametrize("row_id", list(make_hostile.KEPT))
def test_that_each_card_shows_its_payload_as_text(open_page, payload_app, row_id):
    """Test that the Data page's card of each hostile row shows its cells verbatim and runs none of them."""
    app = open_page(payload_app, "donnees", id=row_id)
    card = app.page.locator(".st-key-atlas-card")
    expect(card).to_contain_text(row_id, timeout=WAIT_MS)
    cells = make_hostile.KEPT[row_id]
    for column in set(cells) & set(IN_CARD):
        assert shown(cells[column]) in shown(card.inner_text()), (column, cells[column])
    assert_nothing_ran(app)


@pytest.mark.parametrize(("path", "params", "notice"), [
    ("", {"q": "<img src=x onerror=window.__pwned=1>", "lang": "<svg onload=window.__pwned=1>"},
     "Langue inconnue ignorée : « <svg onload=window.__pwned=1> »"),
    ("carte", {"dept": "<script>window.__pwned=1</script>", "<b onmouseover=alert(1)>": "x"},
     "Valeur inconnue ignorée pour le filtre « département » : « <script>window.__pwned=1</script> »"),
    ("donnees", {"id": "<img src=x onerror=window.__pwned=1>"},
     "Aucun déploiement n'a l'identifiant « <img src=x onerror=window.__pwned=1> »."),
    ("agir", {"id": "[x](javascript:window.__pwned=1)"},
     "Aucun déploiement n'a l'identifiant « [x](javascript:window.__pwned=1) »."),
])
def test_that_a_hostile_link_is_quoted_as_text(open_page, payload_app, path, params, notice):
    """Test that markup in a shared link comes back in a notice as literal text and runs nothing."""
    app = open_page(payload_app, path, **params)
    alert = app.page.locator('[data-testid="stAlert"]', has_text=notice[:30])
    expect(alert.first).to_contain_text(notice, timeout=WAIT_MS)
    assert_nothing_ran(app)
