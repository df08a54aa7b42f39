"""Hostile links on every page: unknown parameters, thousands of values, huge strings, absurd years, a missing
id, an unknown language. Each is ignored with a notice, never with an exception."""

import pytest

from tests.apptest.conftest import ROOT, count, open_app, warnings
from ui.url import URL_KEYS
from utils.link_notices import language_notices, unknown_key_notices

PAGES = sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))
ID_PAGES = ("pages/donnees.py", "pages/agir.py")  # the pages that read ?id=
ROWS = 8  # in tests/fixtures/app/deployments.csv
UNKNOWN_VALUE = "Valeur inconnue ignorée pour le filtre"
UNKNOWN_TECH = f"{UNKNOWN_VALUE} « technologie » : « x0 », « x1 », « x2 »"
LANGUAGES = "l'atlas est en français (fr) et en anglais (en)."
# (parameters, a notice every page must show, unescaped; "" for none)
LINKS = {
    "unknown parameters": ({"foo": "bar", "utm_source": "lettre", "fbclid": "abc"},
                           "Paramètre inconnu ignoré dans le lien : « foo »."),
    "unknown language": ({"lang": "xx"}, f"Langue inconnue ignorée : « xx » ; {LANGUAGES}"),
    "900 unknown values": ({"tech": [f"x{n}" for n in range(900)]}, UNKNOWN_TECH),
    "900 times one value": ({"tech": ["drone"] * 900}, ""),
    "400 kB search": ({"q": "a" * 400_000}, "Recherche coupée à 200 caractères."),
    "400 kB vendor": ({"vendor": "v" * 400_000}, f"{UNKNOWN_VALUE} « fournisseur » : « vvv"),
    "400 kB language": ({"lang": "e" * 400_000}, "Langue inconnue ignorée : « eeeeeeeee"),
    "absurd years": ({"from": "3000", "to": "-5"}, "Année ignorée pour « to » : « -5 »"),
    "year that is not a number": ({"from": "abc"}, "Année ignorée pour « from » : « abc »"),
    "reversed years": ({"from": "2022", "to": "2015"}, "Années inversées : période lue de 2015 à 2022."),
    "markup in values": ({"dept": "<script>alert(1)</script>", "q": "[x](javascript:alert(1))"},
                         f"{UNKNOWN_VALUE} « département » : « <script>alert(1)</script> »"),
}
# Beyond 1 000 parameters or 512 KiB, Streamlit itself drops the whole query string (and only logs it):
# the page cannot tell, so it opens unfiltered and says nothing.
DROPPED_BY_STREAMLIT = {
    "5 000 values": {"tech": ["drone"] * 5000},
    "1 MB search": {"q": "a" * 1_000_000},
}


@pytest.mark.parametrize("case", list(LINKS))
@pytest.mark.parametrize("page", PAGES)
def test_that_a_hostile_link_opens_every_page_with_its_notice(small_data, page, case):
    """Test that the page runs without exception and names what it ignored."""
    params, notice = LINKS[case]
    at = open_app(page, **params)
    assert not at.exception, at.exception
    if notice:
        assert any(text.startswith(notice) for text in warnings(at)), warnings(at)
    assert all(len(text) < 1000 for text in warnings(at))


@pytest.mark.parametrize("case", list(DROPPED_BY_STREAMLIT))
@pytest.mark.parametrize("page", PAGES)
def test_that_a_link_beyond_streamlits_limits_opens_the_page_unfiltered(small_data, page, case):
    """Test that a query string Streamlit drops leaves the page running on every row."""
    at = open_app(page, **DROPPED_BY_STREAMLIT[case])
    assert not at.exception, at.exception
    assert count(at) == (ROWS, ROWS)


@pytest.mark.parametrize("identifier", ["n-existe-pas", "<script>alert(1)</script>", "x" * 400_000])
@pytest.mark.parametrize("page", ID_PAGES)
def test_that_an_id_that_does_not_exist_gives_a_notice(small_data, page, identifier):
    """Test that the pages reading ?id= say no deployment has it, quoting it at most 100 characters long."""
    at = open_app(page, id=identifier)
    assert not at.exception, at.exception
    notices = [text for text in warnings(at) if text.startswith("Aucun déploiement n'a l'identifiant « ")]
    assert len(notices) == 1 and identifier[:100] in notices[0] and len(notices[0]) < 200


def test_that_many_copies_of_a_known_value_filter_once(small_data):
    """Test that a value repeated 900 times is one filter, the notices silent."""
    at = open_app("pages/home.py", tech=["drone"] * 900)
    assert at.multiselect(key="tech").value == ["drone"]
    assert count(at)[0] < ROWS


@pytest.mark.parametrize(("asked", "lang", "notices"), [
    ([], "fr", []),
    (["fr"], "fr", []),
    (["EN"], "en", []),
    (["xx"], "fr", [f"Langue inconnue ignorée : « xx » ; {LANGUAGES}"]),
    (["de", "en"], "fr", [f"Langue inconnue ignorée : « de » ; {LANGUAGES}"]),
    (["e" * 50], "fr", [f"Langue inconnue ignorée : « {'e' * 39}… » ; {LANGUAGES}"]),
])
def test_language_notices(asked, lang, notices):
    """Test that only a language other than fr and en is reported, shortened to 40 characters."""
    assert language_notices(asked, lang) == notices


@pytest.mark.parametrize(("keys", "lang", "notices"), [
    (["tech", "lang", "id", "embed"], "fr", []),
    (["utm_source", "utm_campaign", "fbclid", "gclid", "mc_eid", "igshid"], "fr", []),
    (["foo"], "en", ["Unknown link parameter ignored: “foo”."]),
    (["tehc", "tech", "a", "b", "c"], "fr",
     ["Paramètre inconnu ignoré dans le lien : « tehc », « a », « b » et 1 autre(s)."]),
])
def test_unknown_key_notices(keys, lang, notices):
    """Test that parameters no page reads are named, up to three, trackers and known keys left out."""
    assert unknown_key_notices(keys, URL_KEYS, lang) == notices
