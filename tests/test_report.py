"""The quality report (utils.report): each category, the text output and `python -m utils.report`."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from utils import report
from utils.filters import fold
from utils.schema import columns
from utils.vendors import VendorCards

TODAY = dt.date(2026, 11, 27)
CARDS = VendorCards({fold(name): {"name": name} for name in ("BriefCam", "Thales")})
PUBLISHED = Path(__file__).parent / "fixtures" / "contribute" / "published.csv"


def clean_row(number: int, **cells: str) -> dict[str, str]:
    """A row no category reports: two sources, both descriptions, checked lately, no site, known vendor."""
    row = dict.fromkeys(columns(), "")
    row.update(id=f"row-{number}", commune=f"Commune {number}", department_code="30", geo_precision="commune",
               vendor="BriefCam", technology="video_search", description_fr="La ville utilise un logiciel.",
               description_en="The city uses software.", last_verified="2026-06-01",
               sources="https://technopolice.fr/a|https://www.laquadrature.net/b")
    return {**row, **cells}


def frame(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), index=pd.Index(range(2, len(rows) + 2), name="row"), dtype=object)


def sections_of(*rows: dict[str, str], lang: str = "fr") -> dict[str, list[report.Finding]]:
    sections = report.quality_report(frame(*rows), lang, TODAY, CARDS)
    return {section.key: section.findings for section in sections}


def test_clean_rows_give_an_empty_report():
    """Test that rows meeting every criterion produce no finding in any category."""
    found = sections_of(clean_row(1), clean_row(2))
    keys = ["single_source", "translation", "stale", "site", "duplicates", "vendors"]
    assert found == dict.fromkeys(keys, [])


@pytest.mark.parametrize(("cells", "key", "detail"), [
    ({"sources": "https://technopolice.fr/a"}, "single_source", "https://technopolice.fr/a"),
    ({"sources": ""}, "single_source", "aucune source"),
    ({"description_en": ""}, "translation", "description_en vide"),
    ({"description_fr": " "}, "translation", "description_fr vide"),
    ({"description_en": "La ville utilise un logiciel."}, "translation",
     "descriptions identiques en français et en anglais"),
    ({"last_verified": "2025-11-26"}, "stale", "vérifiée le 2025-11-26"),
    ({"last_verified": ""}, "stale", "jamais vérifiée"),
    ({"site": "Centre de supervision urbain"}, "site", "Centre de supervision urbain"),
])
def test_each_row_category_reports_the_row_that_needs_work(cells, key, detail):
    """Test that one weakness puts its row, id and detail in its own category and nowhere else."""
    found = sections_of(clean_row(1), clean_row(2, **cells))
    assert found[key] == [report.Finding((3,), "row-2", detail)]
    assert all(not findings for other, findings in found.items() if other != key)


@pytest.mark.parametrize("cells", [
    {"last_verified": "2025-11-27"},
    {"geo_precision": "site", "site": "Gare"},
    {"last_verified": "27/11/2024"},
])
def test_borderline_rows_are_not_reported(cells):
    """Test that exactly 12 months, a site-level point and a malformed date (the validator's job) pass."""
    assert not any(sections_of(clean_row(1, **cells)).values())


def test_suspected_duplicates_name_the_earlier_row():
    """Test that a second row with the same commune, vendor and technology is reported, pointing back."""
    found = sections_of(clean_row(1), clean_row(2, commune="Commune 1"))
    detail = "la même combinaison qu'à la ligne 2 [row-1] (doublon ?)"
    assert found["duplicates"] == [report.Finding((3,), "row-2", detail)]


def test_vendors_without_a_card_are_listed_once_with_their_rows():
    """Test that a vendor missing from vendors.csv is named once, with every row that uses it."""
    found = sections_of(clean_row(1, vendor="Two-i"), clean_row(2, vendor="BriefCam|two-i"),
                        clean_row(3, vendor="briefcam"), clean_row(4, vendor="Two-i"))
    assert found["vendors"] == [report.Finding((2, 5), "Two-i", "2 ligne(s) : row-1, row-4"),
                                report.Finding((3,), "two-i", "1 ligne(s) : row-2")]


def test_the_leap_day_has_a_year_before_it():
    """Test that on 29 February the 12-month limit is 28 February of the year before."""
    sections = report.quality_report(frame(clean_row(1, last_verified="2027-02-27")), "fr",
                                     dt.date(2028, 2, 29), CARDS)
    assert [section.findings for section in sections if section.key == "stale"] == [
        [report.Finding((2,), "row-1", "vérifiée le 2027-02-27")]]


def test_english_titles_and_details():
    """Test that ?lang=en gives English category titles and details."""
    sections = report.quality_report(frame(clean_row(1, description_en="")), "en", TODAY, CARDS)
    titles = [section.title for section in sections]
    assert titles[:2] == ["Rows with a single source", "Missing translations"]
    assert sections[1].findings[0].detail == "description_en is empty"


def test_text_output_puts_the_counts_first():
    """Test that the text starts with the title and a table of counts, before any category's rows."""
    sections = report.quality_report(frame(clean_row(1, sources=""), clean_row(2, site="Gare")), "fr", TODAY,
                                     CARDS)
    lines = report.to_text(sections, "Rapport").splitlines()
    assert lines[:5] == ["# Rapport", "", "| Catégorie | Nombre |", "| --- | ---: |",
                         "| Lignes à une seule source | 1 |"]
    assert lines.index("## Lignes à une seule source (1)") > lines.index("| Fournisseurs sans fiche | 0 |")
    assert "- ligne 3 [row-2] : Gare" in lines


def test_a_file_lacking_columns_is_reported_on_what_it_has():
    """Test that missing columns read as empty instead of failing."""
    sections = report.quality_report(pd.DataFrame({"id": ["a"]}, index=[2]), "fr", TODAY, CARDS)
    assert {section.key: len(section.findings) for section in sections}["translation"] == 1


def test_command_line_prints_the_report_of_a_file(capsys):
    """Test that `python -m utils.report FILE` prints the counts of that file and exits 0."""
    assert report.main([str(PUBLISHED), "--today", "2026-11-27"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "# Rapport de qualité : published.csv (3 lignes)"
    assert "| Lignes à une seule source | 2 |" in out


def test_command_line_reports_an_unreadable_file(tmp_path, capsys):
    """Test that a missing file gives exit status 2 and a message naming it."""
    assert report.main([str(tmp_path / "absent.csv")]) == report.EXIT_UNREADABLE
    assert "absent.csv" in capsys.readouterr().err
