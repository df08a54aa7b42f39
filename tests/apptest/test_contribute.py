"""The Contribute page, run alone with AppTest on small fixtures: uploads, the proposal form, the report."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import utils.validate as validate
from utils.review_text import file_size
from utils.schema import TECHNOLOGIES

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "contribuer.py")
FIXTURES = ROOT / "tests" / "fixtures" / "contribute"
VENDORS = frozenset({"BriefCam", "Thales", "Actemium", "Datakalab", "TestWe"})


@pytest.fixture
def app(monkeypatch):
    """The page on the three published fixture rows, with fixed vendor references, not yet run."""
    monkeypatch.setenv("ATLAS_DATA", str(FIXTURES / "published.csv"))
    references = validate.References(frozenset(TECHNOLOGIES), VENDORS)
    monkeypatch.setattr(validate.References, "load", classmethod(lambda cls: references))
    return AppTest.from_file(PAGE, default_timeout=60)


def open_page(at: AppTest, lang: str = "fr") -> AppTest:
    at.query_params["lang"] = [lang]
    return at.run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="contribute_upload").set_value((name, data, "text/csv"))
    return at.run()


def table(at: AppTest, first_header: str, *headers: str) -> pd.DataFrame:
    """The table whose columns start with these headers."""
    wanted = [first_header, *headers]
    return next(frame.value for frame in at.dataframe if list(frame.value.columns)[: len(wanted)] == wanted)


def texts(at: AppTest) -> str:
    """Every Markdown text of the page, without the escaping of ui.text.md."""
    return " ".join(element.value for element in at.markdown).replace("\\", "")


def download_labels(at: AppTest) -> list[str]:
    return [button.label for button in at.get("download_button")]


@pytest.mark.parametrize(("lang", "title", "prompt"), [
    ("fr", "Contribuer", "Téléversez votre fichier ou activez la modification dans le tableau."),
    ("en", "Contribute", "Upload your file or turn on editing in the table."),
])
def test_without_a_file_the_page_asks_for_one_in_each_language(app, lang, title, prompt):
    """Test that the page runs, titled, and invites an upload before showing any review."""
    at = open_page(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert [info.value for info in at.info] == [prompt]
    assert at.error == [] and at.success == []


def test_a_bad_upload_lists_its_errors_by_row_and_column_and_keeps_its_rows(app):
    """Test that errors are named by row and column, every row is kept, and the file is not declared ready."""
    at = upload(open_page(app), "bad.csv", (FIXTURES / "bad.csv").read_bytes())
    assert not at.exception
    assert at.success == []
    assert at.error[0].value.startswith("3 lignes lues, toutes conservées : 4 erreurs sur 2 lignes")
    errors = table(at, "ligne", "id", "colonne", "message")
    assert sorted(zip(errors["ligne"], errors["colonne"], strict=True)) == [
        (2, "sources"), (2, "technology"), (3, "description_en"), (3, "status")]
    flagged = next(frame.value for frame in at.dataframe if "technology" in frame.value.columns)
    assert flagged["id"].tolist() == ["nimes-briefcam-2015", "cannes-datakalab-2020"]
    assert flagged.index.name == "ligne"
    assert download_labels(at)[0] == "Télécharger le fichier canonique (avec ses erreurs)"


def test_a_good_upload_is_declared_ready_and_offers_the_canonical_download(app):
    """Test that the Excel twin passes, shows its changes, and offers the canonical file first."""
    at = upload(open_page(app), "edited_excel.csv", (FIXTURES / "edited_excel.csv").read_bytes())
    assert not at.exception
    assert at.error == []
    assert "Le fichier canonique est prêt à être proposé." in at.success[0].value
    assert download_labels(at)[0] == "Télécharger le fichier canonique"
    cells = table(at, "ligne", "id", "colonne", "ancienne valeur", "nouvelle valeur")
    assert cells.iloc[:, 2:].values.tolist() == [["status", "active", "ended"], ["end_date", "", "2024"]]
    assert "1 ligne ajoutée, 1 retirée, 1 modifiée (2 cellules)" in texts(at)


@pytest.mark.parametrize(("lang", "expected", "french_only"), [
    ("fr", ["« Upload »", "5 Mo"], []),
    ("en", ["“Upload”", "5 MB"], ["Cliquez", "Mo"]),
])
def test_the_upload_instructions_are_in_the_visitors_language(app, lang, expected, french_only):
    """Test that the caption above Streamlit's English drop zone says what "Upload" does, and the limit."""
    at = open_page(app, lang)
    caption = next(caption.value for caption in at.caption if "Upload" in caption.value)
    assert all(text in caption for text in expected)
    assert not any(text in caption for text in french_only)


def test_an_english_review_is_in_english_down_to_its_notes(app):
    """Test that the read note, verdict, outcomes, formatting and geocoding notes follow ?lang=en."""
    data = (FIXTURES / "edited_excel.csv").read_bytes()
    at = upload(open_page(app, "en"), "edited_excel.csv", data)
    assert not at.exception
    captions = " ".join(caption.value for caption in at.caption).replace("\\", "")
    size = file_size(len(data), "en")
    assert f"edited_excel.csv read as Windows-1252, semicolon separator, 3 data rows ({size})" in captions
    assert at.success[0].value == ("3 rows read, all kept: no error, no new warning. The canonical file is "
                                   "ready to be proposed.")
    assert "1 row added: cannes-datakalab-2020 (row 5), Cannes (06)" in texts(at)
    assert "separator: semicolon -> comma" in texts(at)
    assert "séparateur" not in texts(at) and " lu en " not in captions


def test_the_outcomes_name_the_new_row_and_where_it_was_placed(app):
    """Test that the new row, its commune and its placement are said at a glance, outside any expander."""
    at = upload(open_page(app), "edited_excel.csv", (FIXTURES / "edited_excel.csv").read_bytes())
    outcomes = next(element.value.replace("\\", "") for element in at.markdown
                    if "Ce que change votre fichier" in element.value)
    assert "- 1 ligne ajoutée : cannes-datakalab-2020 (ligne 5), Cannes (06), point donné dans le fichier" \
        in outcomes
    assert "- 1 ligne modifiée : nimes-briefcam-2015 (ligne 2 : status, end_date)" in outcomes
    assert "- 1 ligne retirée : france-testwe-2020" in outcomes


def test_each_changed_cell_is_also_listed_with_its_old_and_new_value_for_phones(app):
    """Test that the list shown on narrow screens gives each change, the new part highlighted and escaped."""
    at = upload(open_page(app), "edited_excel.csv", (FIXTURES / "edited_excel.csv").read_bytes())
    listed = next(element.value for element in at.markdown if "avant :" in element.value)
    assert listed.startswith("- **Ligne 2** · nimes\\-briefcam\\-2015 · status")
    assert "avant : :red-background[active]" in listed and "après : :green-background[ended]" in listed
    assert "avant : *vide*" in listed and "après : :green-background[2024]" in listed


def test_warnings_of_the_published_data_are_folded_after_the_new_ones(app, tmp_path, monkeypatch):
    """Test that a duplicate the editor added is a new warning, the published data's own one folded away."""
    published = (FIXTURES / "published.csv").read_text(encoding="utf-8").splitlines()
    header, first = published[0], published[1]
    copy = first.replace("nimes-briefcam-2015", "nimes-briefcam-2016", 1)
    (tmp_path / "published.csv").write_text("\n".join([*published, copy]) + "\n", encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA", str(tmp_path / "published.csv"))
    edited = [*published, copy, first.replace("nimes-briefcam-2015", "nimes-briefcam-2017", 1)]
    at = upload(open_page(app), "mine.csv", ("\n".join(edited) + "\n").encode("utf-8"))
    assert not at.exception
    assert "1 nouvel avertissement" in at.success[0].value
    assert [header.value for header in at.subheader][:1] == ["Nouveaux avertissements"]
    new = table(at, "ligne", "id", "colonne", "message")
    assert new["id"].tolist() == ["nimes-briefcam-2017"]
    folded = [expander.label for expander in at.expander]
    assert "Avertissements déjà présents dans les données publiées (1)" in folded
    assert header.startswith("id,")


def test_a_refused_upload_says_the_limit_and_shows_no_review(app):
    """Test that a workbook renamed .csv (a zip) is refused with what to do, and nothing is reviewed."""
    at = upload(open_page(app, "en"), "deployments.csv", b"PK\x03\x04" + b"\x00" * 64)
    assert not at.exception
    assert "not a CSV" in at.error[0].value
    assert at.success == []
    assert "Download the canonical file" not in " ".join(download_labels(at))


def test_editing_starts_from_the_published_rows_and_gives_them_back_unchanged(app):
    """Test that the table editor, untouched, round-trips every published row: valid, and no change."""
    at = open_page(app)
    at.toggle(key="contribute_edit").set_value(True)
    at.run()
    assert not at.exception
    assert at.success[0].value.startswith("3 lignes lues, toutes conservées : aucune erreur")
    assert "aucun changement par rapport aux données publiées" in texts(at)


def test_editing_an_upload_starts_from_its_canonical_form_and_says_how_it_was_read(app):
    """Test that an Excel upload opened in the editor is shown in schema order and keeps its read note."""
    at = upload(open_page(app), "edited_excel.csv", (FIXTURES / "edited_excel.csv").read_bytes())
    at.toggle(key="contribute_edit").set_value(True)
    at.run()
    assert list(at.dataframe[0].value.columns[:3]) == ["id", "commune", "department_code"]
    assert at.dataframe[0].value.loc[5, "lat"] == "43.55193"
    captions = " ".join(caption.value for caption in at.caption).replace("\\", "")
    assert "edited_excel.csv lu en Windows-1252, séparateur point-virgule" in captions
    assert "Le fichier canonique est prêt à être proposé." in at.success[0].value


def test_the_quality_report_covers_the_published_data_then_the_uploaded_file(app):
    """Test that the report counts the published rows, and the file under review once there is one."""
    at = open_page(app)
    counts = table(at, "catégorie", "nombre")
    assert dict(zip(counts["catégorie"], counts["nombre"], strict=True))["Lignes à une seule source"] == 2
    at = upload(at, "bad.csv", (FIXTURES / "bad.csv").read_bytes())
    counts = table(at, "catégorie", "nombre")
    assert dict(zip(counts["catégorie"], counts["nombre"], strict=True))["Traductions manquantes"] == 1


def fill_proposal(at: AppTest, sources: str) -> AppTest:
    at.text_input(key="propose_commune_query").input("Cannes").run()
    at.text_input(key="propose_operator").input("Ville de Cannes")
    at.selectbox(key="propose_operator_type").select("municipality")
    at.multiselect(key="propose_vendor").select("Datakalab")
    at.multiselect(key="propose_technology").select("mask_detection")
    at.selectbox(key="propose_status").select("ended")
    at.text_input(key="propose_start").input("2020-04")
    at.text_area(key="propose_description_fr").input("La ville a mesuré le port du masque.")
    at.text_area(key="propose_description_en").input("The city measured mask wearing.")
    at.text_area(key="propose_sources").input(sources)
    at.selectbox(key="propose_evidence").select("press")
    next(button for button in at.button if button.label == "Vérifier la proposition").click()
    return at.run()


def test_a_proposal_becomes_a_valid_csv_line_placed_at_its_commune(app):
    """Test that the form gives a valid row with the gazetteer's codes and point, as a line to copy."""
    at = fill_proposal(open_page(app), "https://www.laquadrature.net/2020/05/")
    assert not at.exception
    assert at.success[0].value == "La ligne est valide."
    line = at.code[0].value
    assert line.startswith("cannes-datakalab-2020,Cannes,06,06029,93,,43.55193,7.00486,commune,"
                           "Ville de Cannes,municipality,Datakalab,,mask_detection,,ended,2020-04,")
    assert "Télécharger la ligne (CSV avec en-tête)" in download_labels(at)


def test_a_proposal_without_an_http_source_shows_the_validators_message(app):
    """Test that a javascript: source is refused by the command line's rule, on the sources column."""
    at = fill_proposal(open_page(app), "javascript:alert(1)")
    assert at.error[0].value == "1 erreur(s) à corriger dans le formulaire."
    problems = table(at, "ligne", "id", "colonne", "message")
    assert problems["colonne"].tolist() == ["sources"]
    assert "une URL http(s)" in problems["message"][0]
