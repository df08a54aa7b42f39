"""The frame (app.py): language, navigation and the shared filters bound to the URL, with AppTest."""

import pytest

from tests.apptest.conftest import count, open_app, texts, url, warnings
from ui import nav
from ui.text import md

pytestmark = pytest.mark.usefixtures("small_data")


@pytest.mark.parametrize(("lang", "title", "summary"), [
    ("fr", "Atlas de la surveillance algorithmique", "Aucun filtre : tous les déploiements sont affichés."),
    ("en", "Atlas of algorithmic surveillance", "No filter: all deployments are shown."),
])
def test_the_frame_opens_the_home_page_in_the_language_of_the_link(lang, title, summary):
    """Test that app.py runs the home page, French by default and English with ?lang=en."""
    at = open_app("app.py", lang)
    assert not at.exception
    assert at.title[0].value == title
    assert count(at) == (8, 8)
    assert summary in texts(at)
    assert at.segmented_control(key="lang").value == lang


def test_a_shared_link_preselects_the_filters_and_changes_the_count():
    """Test that filter parameters in the link select the widgets and filter the rows."""
    at = open_app("app.py", tech=["facial_recognition", "video_search"], region="93", to="2019")
    assert not at.exception
    assert at.multiselect(key="tech").value == ["facial_recognition", "video_search"]
    assert at.multiselect(key="region").value == ["93"]
    assert at.number_input(key="to").value == 2019
    assert count(at) == (2, 8)
    assert ("Déploiements utilisant Reconnaissance faciale ou Recherche dans les vidéos, dans la région "
            "Provence-Alpes-Côte d'Azur et en service en 2019 ou avant.") in texts(at)


def test_changing_a_filter_writes_the_view_into_the_url():
    """Test that a widget change reruns the page and rewrites the shared parameters as codes."""
    at = open_app("app.py", "en", tech="facial_recognition")
    at.multiselect(key="status").select("trial").run()
    assert url(at) == {"tech": ["facial_recognition"], "status": ["trial"], "lang": ["en"]}
    assert count(at) == (1, 8)
    at.text_input(key="q").input("metz").run()
    assert url(at)["q"] == ["metz"]


def test_switching_language_keeps_the_filters_and_updates_the_url():
    """Test that the FR/EN switch translates the page, keeps the filters and writes lang=en."""
    at = open_app("app.py", status="trial")
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Atlas of algorithmic surveillance"
    assert at.multiselect(key="status").value == ["trial"]
    assert url(at) == {"status": ["trial"], "lang": ["en"]}
    at.segmented_control(key="lang").set_value("fr").run()
    assert url(at) == {"status": ["trial"]}


def test_the_reset_button_clears_every_filter_but_not_the_language():
    """Test that one control empties the filters and the URL, and is disabled when nothing is filtered."""
    at = open_app("app.py", "en", tech="drone", vendor="BriefCam", **{"from": "2016"}, q="x")
    assert not at.button(key="reset").disabled
    at.button(key="reset").click().run()
    assert url(at) == {"lang": ["en"]}
    assert at.multiselect(key="tech").value == []
    assert at.number_input(key="from").value is None
    assert count(at) == (8, 8)
    assert at.button(key="reset").disabled


def test_changing_page_keeps_the_filters_even_when_the_browser_drops_the_parameters():
    """Test that on another page the filters and language come back, and are written to the URL again."""
    at = open_app("app.py", "en", status="trial")
    at.switch_page("pages/donnees.py")
    at.query_params.clear()  # the browser drops unbound parameters when the page changes
    at.run()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert at.multiselect(key="status").value == ["trial"]
    assert url(at) == {"status": ["trial"], "lang": ["en"]}
    assert count(at) == (3, 8)


@pytest.mark.parametrize(("lang", "notice"), [
    ("fr", "Valeur inconnue ignorée pour le filtre « fournisseur » : « Acme »."),
    ("en", "Unknown value ignored for the “vendor” filter: “Acme”."),
])
def test_an_unknown_value_in_the_link_gives_a_notice_and_leaves_the_url(lang, notice):
    """Test that a vendor the data does not know is named in a notice and removed from the URL."""
    at = open_app("app.py", lang, vendor=["Acme", "BriefCam"])
    assert notice in warnings(at)
    assert at.multiselect(key="vendor").value == ["BriefCam"]
    assert url(at)["vendor"] == ["BriefCam"]


@pytest.mark.parametrize("params", [
    {"tech": ["drone"] * 5000 + ["nope"] * 5000},
    {"vendor": "x" * 200_000, "q": "y" * 200_000},
    {"from": "2030", "to": "2010"},
    {"from": "abc", "to": "-5", "dept": ["../../", "<script>alert(1)</script>", "[x](javascript:1)"]},
    {"region": "", "status": ["", " "], "lang": "xx"},
])
def test_hostile_links_never_break_the_page(params):
    """Test that huge, numerous, reversed or nonsense values open the page with notices, not errors."""
    at = open_app("app.py", **params)
    assert not at.exception
    assert at.title[0].value == "Atlas de la surveillance algorithmique"
    assert all(len(text) < 500 for text in warnings(at))


def test_reversed_years_are_swapped_with_a_notice():
    """Test that from > to is read as the period the other way round, and said so."""
    at = open_app("app.py", "en", **{"from": "2024", "to": "2018"})
    assert "Years reversed: period read as 2018 to 2024." in warnings(at)
    assert (at.number_input(key="from").value, at.number_input(key="to").value) == (2018, 2024)
    assert url(at) == {"from": ["2018"], "to": ["2024"], "lang": ["en"]}


def test_the_frame_works_when_some_pages_are_not_written_yet(tmp_path, monkeypatch):
    """Test that only the page files that exist are offered, and the frame still runs."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "home.py").write_text("", encoding="utf-8")
    (tmp_path / "pages" / "methode.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(nav, "ROOT", tmp_path)
    assert [spec.url_path for spec in nav.available_pages()] == ["accueil", "methode"]
    at = open_app("app.py")
    assert not at.exception
    assert at.title[0].value == "Atlas de la surveillance algorithmique"


def test_every_page_has_a_readable_address_and_a_title_in_each_language():
    """Test that pages have the French addresses of the issue and translated titles."""
    addresses = {spec.url_path: (spec.title("fr"), spec.title("en")) for spec in nav.PAGES}
    assert addresses["carte"] == ("Carte", "Map")
    assert addresses["chronologie"] == ("Chronologie", "Timeline")
    assert addresses["donnees"] == ("Données", "Data")
    assert addresses["acteurs"] == ("Acteurs", "Vendors")
    assert addresses["methode"] == ("Méthode", "About")
    assert nav.HOME.path == "pages/home.py"


@pytest.mark.parametrize(("text", "expected"), [
    ("[lien](javascript:alert(1))", r"\[lien\]\(javascript\:alert\(1\)\)"),
    ("![x](http://evil/t.png)", r"\!\[x\]\(http\:\/\/evil\/t\.png\)"),
    ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
    (":red[rouge] $x$ **gras**", r"\:red\[rouge\] \$x\$ \*\*gras\*\*"),
    ("www.evil.com", r"www\.evil\.com"),
    ("Saint-Étienne\n\n# titre", r"Saint\-Étienne \# titre"),
    (None, ""),
])
def test_md_makes_text_from_data_or_links_inert_in_markdown(text, expected):
    """Test that md escapes every Markdown, HTML, LaTeX and directive character and flattens lines."""
    assert md(text) == expected


@pytest.mark.parametrize("page", ["app.py", "pages/home.py", "pages/donnees.py", "pages/methode.py"])
def test_a_file_that_cannot_be_read_gives_an_error_and_the_page_still_runs(page, tmp_path, monkeypatch):
    """Test that a missing deployments file is reported by name, with zero rows and no exception."""
    monkeypatch.setenv("ATLAS_DATA", str(tmp_path / "absent.csv"))
    at = open_app(page, status="trial", id="x")
    assert not at.exception
    assert "absent.csv" in at.error[0].value.replace("\\", "")
    assert count(at) == (0, 0)
