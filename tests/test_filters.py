"""The shared filters: read from untrusted URLs, written back, applied, described in both languages."""

import pandas as pd
import pytest

from utils.data import type_rows
from utils.filters import (
    MAX_QUERY_LENGTH,
    MAX_VALUES_PER_KEY,
    PARAM_KEYS,
    Filters,
    filter_options,
)
from utils.schema import columns

THIS_YEAR = 2026


def deployments(*rows: dict) -> pd.DataFrame:
    """Typed deployments rows (as utils.data gives them) from a few cells each."""
    return type_rows(pd.DataFrame(list(rows), columns=columns(), dtype=object).fillna(""))


ROWS = deployments(
    {"id": "nimes-2015", "commune": "Nîmes", "department_code": "30", "region_code": "76",
     "operator_type": "municipality", "vendor": "BriefCam", "technology": "video_search",
     "status": "active", "start_date": "2015", "evidence": "official_act", "operator": "Ville de Nîmes"},
    {"id": "nice-2019", "commune": "Nice", "department_code": "06", "region_code": "93",
     "operator_type": "event", "vendor": "Confidentia|Two-i", "technology": "facial_recognition|video_search",
     "status": "ended", "start_date": "2019-02", "end_date": "2019-02", "evidence": "press",
     "description_fr": "Carnaval de Nice, reconnaissance faciale à l'entrée"},
    {"id": "metz-2020", "commune": "Metz", "department_code": "57", "region_code": "44",
     "operator_type": "municipality", "vendor": "Two-i", "technology": "behaviour_detection",
     "status": "trial", "start_date": "2020-01", "end_date": "2021", "evidence": "press"},
    {"id": "ajaccio-unknown", "commune": "Ajaccio", "department_code": "2A", "region_code": "94",
     "operator_type": "police", "vendor": "", "technology": "drone", "status": "unknown",
     "start_date": "", "evidence": "activist", "site": "Port de commerce"},
    {"id": "paris-2027", "commune": "Paris", "department_code": "75", "region_code": "11",
     "operator_type": "transport", "vendor": "briefcam", "technology": "audio_detection",
     "status": "planned", "start_date": "2027-06", "evidence": "vendor"},
)


@pytest.fixture(scope="module")
def options():
    return filter_options(ROWS, current_year=THIS_YEAR)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


# --- from_params -------------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "field", "expected"), [
    ({"tech": ["drone", "video_search"]}, "tech", ("drone", "video_search")),
    ({"tech": ["drone", "drone", "DRONE"]}, "tech", ("drone",)),
    ({"tech": ["Reconnaissance faciale"]}, "tech", ("facial_recognition",)),
    ({"tech": ["facial recognition"]}, "tech", ("facial_recognition",)),
    ({"vendor": ["two-i", "BriefCam"]}, "vendor", ("Two-i", "BriefCam")),
    ({"region": ["76", "occitanie", "Île-de-France"]}, "region", ("76", "11")),
    ({"dept": ["2a", "06", "Gard"]}, "dept", ("2A", "06", "30")),
    ({"status": ["En service", "trial", "Banned"]}, "status", ("active", "trial", "banned")),
    ({"operator": ["police"]}, "operator", ("police",)),
    ({"evidence": ["Presse"]}, "evidence", ("press",)),
    ({"tech": "drone"}, "tech", ("drone",)),
    ({"tech": ["", "  "]}, "tech", ()),
])
def test_from_params_reads_codes_and_labels_in_any_case_or_accent(options, params, field, expected):
    """Test that a value is recognised by its code or its French or English label, folded."""
    filters, notices = Filters.from_params(params, options)
    assert getattr(filters, field) == expected
    assert notices == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "Valeur inconnue ignorée pour le filtre « technologie » : « lasers »."),
    ("en", "Unknown value ignored for the “technology” filter: “lasers”."),
])
def test_an_unknown_value_is_dropped_with_a_notice_naming_filter_and_value(options, lang, expected):
    """Test that a value the filter does not know is ignored and reported in the visitor's language."""
    filters, notices = Filters.from_params({"tech": ["drone", "lasers"]}, options, lang)
    assert filters.tech == ("drone",)
    assert notices == [expected]


def test_many_unknown_values_are_reported_in_one_short_notice(options):
    """Test that the notice shows a few unknown values and counts the others."""
    _, notices = Filters.from_params({"vendor": [f"v{n}" for n in range(10)]}, options, "en")
    assert notices == ["Unknown value ignored for the “vendor” filter: “v0”, “v1”, “v2” and 7 more."]


@pytest.mark.parametrize("params", [
    {"tech": ["drone"] + ["x" * 50] * 100_000},
    {"vendor": ["é" * 1_000_000]},
    {"q": ["a" * 1_000_000]},
    {"from": ["9" * 100_000], "to": ["-1"]},
    {"region": [str(n) for n in range(50_000)], "dept": ["<script>"] * 1000},
    {"tech": [None, 3, ""], "from": [None]},
    {"unrelated": ["x"], "lang": ["de"], "id": ["../../etc/passwd"]},
])
def test_hostile_links_never_raise_and_give_short_notices(options, params):
    """Test that huge, numerous or odd values are read without error, with notices of bounded length."""
    filters, notices = Filters.from_params(params, options, "fr")
    assert len(filters.to_params().get("tech", [])) <= MAX_VALUES_PER_KEY
    assert all(len(notice) < 400 for notice in notices)


def test_only_the_first_values_of_a_huge_list_are_read(options):
    """Test that no more than MAX_VALUES_PER_KEY values of one key are looked at."""
    values = ["lasers"] * MAX_VALUES_PER_KEY + ["drone"]
    filters, notices = Filters.from_params({"tech": values}, options, "en")
    assert filters.tech == ()
    assert f"and {MAX_VALUES_PER_KEY - 3} more" in notices[0]


NOT_A_YEAR = "is not a year from 1900 to 2100."


@pytest.mark.parametrize(("params", "expected_years", "notice"), [
    ({"from": ["2018"], "to": ["2022"]}, (2018, 2022), None),
    ({"from": ["2018"]}, (2018, None), None),
    ({"to": ["2022"]}, (None, 2022), None),
    ({"from": ["2022"], "to": ["2018"]}, (2018, 2022), "Years reversed: period read as 2018 to 2022."),
    ({"from": ["2020"], "to": ["2020"]}, (2020, 2020), None),
    ({"from": ["twenty"]}, (None, None), f"Year ignored for “from”: “twenty” {NOT_A_YEAR}"),
    ({"to": ["1850"]}, (None, None), f"Year ignored for “to”: “1850” {NOT_A_YEAR}"),
    ({"from": ["2018.5"]}, (None, None), f"Year ignored for “from”: “2018.5” {NOT_A_YEAR}"),
    ({"from": [" 2019 "]}, (2019, None), None),
    ({"from": [""]}, (None, None), None),
])
def test_years_are_read_checked_and_swapped_when_reversed(options, params, expected_years, notice):
    """Test that from/to are four-digit plausible years; reversed years are swapped with a notice."""
    filters, notices = Filters.from_params(params, options, "en")
    assert (filters.year_from, filters.year_to) == expected_years
    assert notices == ([notice] if notice else [])


def test_the_search_text_is_trimmed_and_cut_with_a_notice(options):
    """Test that spaces are collapsed and a very long search is cut to MAX_QUERY_LENGTH characters."""
    filters, notices = Filters.from_params({"q": ["  video \n  search  "]}, options)
    assert (filters.q, notices) == ("video search", [])
    filters, notices = Filters.from_params({"q": ["x" * 1000]}, options, "fr")
    assert len(filters.q) == MAX_QUERY_LENGTH
    assert notices == [f"Recherche coupée à {MAX_QUERY_LENGTH} caractères."]


# --- to_params ---------------------------------------------------------------------------------

@pytest.mark.parametrize("params", [
    {},
    {"tech": ["drone", "video_search"]},
    {"vendor": ["Two-i"], "region": ["76"], "dept": ["2A", "30"]},
    {"status": ["trial"], "operator": ["police"], "evidence": ["press"]},
    {"from": ["2018"], "to": ["2022"]},
    {"to": ["2022"], "q": ["carnaval nice"]},
])
def test_canonical_params_survive_a_round_trip(options, params):
    """Test that to_params gives back exactly the canonical parameters from_params read."""
    filters, notices = Filters.from_params(params, options)
    assert filters.to_params() == params
    assert notices == []
    assert set(filters.to_params()) <= set(PARAM_KEYS)


def test_to_params_writes_codes_whatever_the_link_said(options):
    """Test that labels and odd spellings in a link come back as canonical codes."""
    filters, _ = Filters.from_params({"tech": ["DRONES"], "region": ["occitanie"], "from": ["2019"]}, options)
    assert filters.to_params() == {"tech": ["drone"], "region": ["76"], "from": ["2019"]}


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), True),
    (Filters(tech=("drone",)), False),
    (Filters(year_to=2020), False),
    (Filters(q="nice"), False),
])
def test_is_empty_only_without_any_filter(filters, expected):
    """Test that is_empty is true only when no filter at all is active."""
    assert filters.is_empty is expected


# --- apply -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ["nimes-2015", "nice-2019", "metz-2020", "ajaccio-unknown", "paris-2027"]),
    (Filters(tech=("video_search",)), ["nimes-2015", "nice-2019"]),
    (Filters(tech=("drone", "behaviour_detection")), ["metz-2020", "ajaccio-unknown"]),
    (Filters(vendor=("Two-i",)), ["nice-2019", "metz-2020"]),
    (Filters(vendor=("BriefCam",)), ["nimes-2015"]),
    (Filters(region=("76", "44")), ["nimes-2015", "metz-2020"]),
    (Filters(dept=("2A",)), ["ajaccio-unknown"]),
    (Filters(status=("trial", "ended")), ["nice-2019", "metz-2020"]),
    (Filters(operator=("municipality",)), ["nimes-2015", "metz-2020"]),
    (Filters(evidence=("press",)), ["nice-2019", "metz-2020"]),
    (Filters(vendor=("Two-i",), status=("trial",)), ["metz-2020"]),
    (Filters(tech=("emotion_detection",)), []),
])
def test_choice_filters_keep_rows_matching_any_chosen_value(filters, expected):
    """Test that each choice filter keeps a row when any of its values is chosen, and filters combine."""
    assert ids(filters.apply(ROWS, THIS_YEAR)) == expected


@pytest.mark.parametrize(("year_from", "year_to", "expected"), [
    (2015, 2015, ["nimes-2015"]),
    (2019, 2019, ["nimes-2015", "nice-2019"]),
    (2020, None, ["nimes-2015", "metz-2020", "paris-2027"]),
    (2022, None, ["nimes-2015", "paris-2027"]),
    (None, 2016, ["nimes-2015"]),
    (2027, 2030, ["paris-2027"]),
    (2028, 2030, []),
    (2021, 2021, ["nimes-2015", "metz-2020"]),
    (1990, 2000, []),
])
def test_the_period_keeps_rows_whose_years_overlap_it(year_from, year_to, expected):
    """Test that a row running from its start to its end (or to this year) is kept when it overlaps."""
    filters = Filters(year_from=year_from, year_to=year_to)
    assert ids(filters.apply(ROWS, THIS_YEAR)) == expected


def test_a_row_with_an_unknown_start_is_kept_only_without_a_period():
    """Test that the row without a start date shows unfiltered and disappears under any year filter."""
    assert "ajaccio-unknown" in ids(Filters().apply(ROWS, THIS_YEAR))
    assert "ajaccio-unknown" not in ids(Filters(year_from=1900).apply(ROWS, THIS_YEAR))


@pytest.mark.parametrize(("query", "expected"), [
    ("nimes", ["nimes-2015"]),
    ("NÎMES", ["nimes-2015"]),
    ("carnaval faciale", ["nice-2019"]),
    ("briefcam", ["nimes-2015", "paris-2027"]),
    ("port commerce", ["ajaccio-unknown"]),
    ("two-i metz", ["metz-2020"]),
    ("nowhere", []),
])
def test_the_search_finds_every_word_ignoring_case_and_accents(query, expected):
    """Test that q keeps rows mentioning all its words in commune, site, vendor, descriptions…"""
    assert ids(Filters(q=query).apply(ROWS, THIS_YEAR)) == expected


def test_apply_works_on_an_empty_table(options):
    """Test that filtering no rows gives no rows and no error."""
    empty = deployments()
    assert Filters(tech=("drone",), year_from=2020, q="x").apply(empty, THIS_YEAR).empty


# --- describe ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "lang", "expected"), [
    (Filters(), "fr", "Aucun filtre : tous les déploiements sont affichés."),
    (Filters(), "en", "No filter: all deployments are shown."),
    (Filters(tech=("drone", "facial_recognition")), "fr",
     "Déploiements utilisant Drones ou Reconnaissance faciale."),
    (Filters(tech=("drone", "facial_recognition")), "en", "Deployments using Drones or Facial recognition."),
    (Filters(vendor=("Two-i",), region=("76",)), "fr",
     "Déploiements fournis par Two-i et dans la région Occitanie."),
    (Filters(dept=("2A", "30"), status=("trial",)), "en",
     "Deployments in the department Corse-du-Sud or Gard and with status Trial."),
    (Filters(operator=("police",), evidence=("press",)), "fr",
     "Déploiements exploités par un acteur de type Police ou gendarmerie "
     "et dont la meilleure preuve est Presse."),
    (Filters(year_from=2018, year_to=2022), "fr", "Déploiements en service entre 2018 et 2022."),
    (Filters(year_from=2020, year_to=2020), "en", "Deployments in service in 2020."),
    (Filters(year_from=2018), "en", "Deployments in service in 2018 or later."),
    (Filters(year_to=2018), "fr", "Déploiements en service en 2018 ou avant."),
    (Filters(tech=("drone",), year_from=2019, q="nice"), "en",
     "Deployments using Drones, in service in 2019 or later and that mention “nice”."),
    (Filters(q="nice"), "fr", "Déploiements qui mentionnent « nice »."),
])
def test_describe_says_in_plain_words_which_deployments_are_shown(options, filters, lang, expected):
    """Test that the sentence names every active filter with labels and place names, in each language."""
    assert filters.describe(lang, options) == expected


# --- filter_options ----------------------------------------------------------------------------

def test_the_options_come_from_vocabularies_data_and_boundaries(options):
    """Test that vendors are split, deduplicated by spelling and sorted; places cover all of France."""
    assert options.values["vendor"] == ("BriefCam", "briefcam", "Confidentia", "Two-i")
    assert len(options.values["tech"]) == 16
    assert len(options.values["region"]) == 18
    assert len(options.values["dept"]) == 101
    assert options.place_names["region"]["76"] == "Occitanie"
    assert options.place_names["dept"]["2A"] == "Corse-du-Sud"
    assert (options.year_min, options.year_max) == (2015, THIS_YEAR)


def test_the_options_of_an_empty_table_start_this_year():
    """Test that without any start date the year range is this year alone."""
    options = filter_options(deployments(), current_year=THIS_YEAR)
    assert (options.year_min, options.year_max, options.values["vendor"]) == (THIS_YEAR, THIS_YEAR, ())


@pytest.mark.parametrize(("status", "kept_in_2018"), [("active", True), ("ended", False), ("banned", False)])
def test_a_stopped_row_without_end_date_runs_in_its_start_year_only(status, kept_in_2018):
    """Test that the period filter counts a stopped, undated-end row as the timeline does: its start year."""
    rows = deployments({"id": "x-2016", "commune": "Nice", "department_code": "06", "region_code": "93",
                        "operator_type": "police", "technology": "drone", "status": status,
                        "start_date": "2016", "evidence": "press"})
    assert ids(Filters(year_from=2016, year_to=2016).apply(rows, THIS_YEAR)) == ["x-2016"]
    assert (ids(Filters(year_from=2018).apply(rows, THIS_YEAR)) == ["x-2016"]) is kept_in_2018
