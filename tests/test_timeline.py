"""Timeline data: starts per year and technology, deployments in service, lanes, milestones."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from utils.data import type_rows
from utils.schema import columns
from utils.timeline import (
    END_DATE,
    END_ONGOING,
    END_UNKNOWN,
    active_per_year,
    date_midpoint,
    date_period,
    lanes,
    peak,
    starts_by_technology,
    starts_per_year,
)
from utils.timeline_events import (
    kind_label,
    load_events,
    localized_events,
    placed_milestones,
    readable_date,
    source_name,
    stagger,
)

TODAY = date(2026, 11, 27)
EVENTS_HEADER = "date,title_fr,title_en,description_fr,description_en,kind,source\n"


def deployments(*rows: dict) -> pd.DataFrame:
    """Typed deployments as utils.data gives them, from a few cells per row."""
    defaults = {**dict.fromkeys(columns(), ""), "status": "active", "technology": "other"}
    records = [{**defaults, "id": f"d{index}", **row} for index, row in enumerate(rows)]
    return type_rows(pd.DataFrame(records))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("2019-02", (date(2019, 2, 1), date(2019, 2, 28))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2019-02-19", (date(2019, 2, 19), date(2019, 2, 19))),
        (" 2019-12 ", (date(2019, 12, 1), date(2019, 12, 31))),
        ("2019-13", None),
        ("2019-02-30", None),
        ("19", None),
        ("2019/02", None),
        ("", None),
        (None, None),
    ],
)
def test_date_period_gives_the_first_and_last_day_of_a_partial_date(text, expected):
    """Test that a partial ISO date stands for its whole period, and an invalid one for nothing."""
    assert date_period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2019", date(2019, 7, 2)), ("2019-02", date(2019, 2, 14)), ("2019-02-19", date(2019, 2, 19)),
     ("x", None)],
)
def test_date_midpoint_places_a_partial_date_in_the_middle_of_its_period(text, expected):
    """Test that a milestone dated by year or month sits in the middle of that period."""
    assert date_midpoint(text) == expected


def test_starts_by_technology_counts_a_row_in_each_of_its_technologies():
    """Test that exact counts per year and technology count multi-technology rows once per technology."""
    df = deployments(
        {"start_date": "2019-03", "technology": "facial_recognition|video_search"},
        {"start_date": "2019", "technology": "video_search"},
        {"start_date": "2021-05-02", "technology": "drone"},
        {"start_date": "", "technology": "drone"},
        {"start_date": "2021", "technology": "drone|drone"},
    )
    counts = starts_by_technology(df)
    assert counts.to_dict("records") == [
        {"year": 2019, "technology": "facial_recognition", "deployments": 1},
        {"year": 2019, "technology": "video_search", "deployments": 2},
        {"year": 2021, "technology": "drone", "deployments": 2},
    ]


def test_starts_per_year_counts_each_deployment_once():
    """Test that the per-year total counts a multi-technology deployment once and skips undated rows."""
    df = deployments({"start_date": "2019", "technology": "drone|video_search"}, {"start_date": "2019-05"},
                     {"start_date": "2022"}, {"start_date": ""})
    assert starts_per_year(df).to_dict() == {2019: 2, 2022: 1}


@pytest.mark.parametrize(
    ("row", "years_in_service"),
    [
        ({"start_date": "2020", "end_date": "2022"}, [2020, 2021, 2022]),
        ({"start_date": "2024-06"}, [2024, 2025, 2026]),
        ({"start_date": "2024", "status": "trial"}, [2024, 2025, 2026]),
        ({"start_date": "2024", "status": "unknown"}, [2024, 2025, 2026]),
        ({"start_date": "2023", "status": "ended"}, [2023]),
        ({"start_date": "2023", "status": "banned"}, [2023]),
        ({"start_date": "2023", "status": "suspended_by_court"}, [2023]),
        ({"start_date": "2021", "end_date": "2023", "status": "ended"}, [2021, 2022, 2023]),
        ({"start_date": "2024", "status": "planned"}, []),
        ({"start_date": "2022", "end_date": "2023", "status": "abandoned"}, []),
        ({"start_date": "", "status": "active"}, []),
        ({"start_date": "2025", "end_date": "2030"}, [2025, 2026]),
        ({"start_date": "2024", "end_date": "2022"}, [2024]),
        ({"start_date": "2027", "status": "trial"}, []),
    ],
)
def test_active_per_year_follows_the_in_service_rule(row, years_in_service):
    """Test that a deployment is in service from its start to its end year (or now) unless it never ran."""
    active = active_per_year(deployments(row), current_year=2026)
    assert list(active.loc[active["deployments"] > 0, "year"]) == years_in_service


def test_active_per_year_lists_every_year_from_the_first_start_to_now():
    """Test that years without any deployment in service are listed with zero."""
    df = deployments({"start_date": "2018", "end_date": "2018"}, {"start_date": "2021-04"})
    active = active_per_year(df, current_year=2023)
    assert active.to_dict("list") == {"year": [2018, 2019, 2020, 2021, 2022, 2023],
                                      "deployments": [1, 0, 0, 1, 1, 1]}


def test_active_per_year_of_no_dated_deployment_is_empty():
    """Test that a selection without dates gives an empty table, not an error."""
    assert active_per_year(deployments({"start_date": ""}), current_year=2026).empty


@pytest.mark.parametrize(
    ("counts", "expected"),
    [({2019: 3, 2023: 7, 2024: 7}, (2023, 7)), ({2020: 0}, None), ({}, None)],
)
def test_peak_is_the_earliest_year_with_the_highest_count(counts, expected):
    """Test that the peak takes the earliest year on ties and is None without data."""
    assert peak(pd.Series(counts, dtype=int)) == expected


@pytest.mark.parametrize(
    ("row", "start", "end", "kind"),
    [
        ({"start_date": "2019-02", "end_date": "2020"}, date(2019, 2, 1), date(2020, 12, 31), END_DATE),
        ({"start_date": "2023-04-05"}, date(2023, 4, 5), TODAY, END_ONGOING),
        ({"start_date": "2023-04-05", "status": "ended"}, date(2023, 4, 5), date(2023, 4, 5), END_UNKNOWN),
        ({"start_date": "2021", "status": "banned"}, date(2021, 1, 1), date(2021, 12, 31), END_UNKNOWN),
        ({"start_date": "2027", "status": "planned"}, date(2027, 1, 1), date(2027, 12, 31), END_UNKNOWN),
        ({"start_date": "2024-05", "status": "planned"}, date(2024, 5, 1), date(2024, 5, 31), END_UNKNOWN),
        ({"start_date": "2022", "status": "abandoned"}, date(2022, 1, 1), date(2022, 12, 31), END_UNKNOWN),
        ({"start_date": "2027", "status": "trial"}, date(2027, 1, 1), date(2027, 12, 31), END_UNKNOWN),
        ({"start_date": "2022", "end_date": "2021"}, date(2022, 1, 1), date(2022, 1, 1), END_DATE),
    ],
)
def test_lanes_run_from_start_to_end_or_today(row, start, end, kind):
    """Test that a lane ends at its end date, today when ongoing, or with its start period if not running."""
    lane_frame, undated = lanes(deployments(row), today=TODAY)
    lane = lane_frame.iloc[0]
    assert (lane["start"].date(), lane["end"].date(), lane["end_kind"]) == (start, end, kind)
    assert undated.empty


def test_lanes_list_rows_without_a_valid_start_apart_and_sort_the_others_by_start():
    """Test that undated rows are listed apart and lanes come in start order."""
    df = deployments({"id": "late", "start_date": "2024"}, {"id": "nodate", "commune": "Nice"},
                     {"id": "early", "start_date": "2015-06"}, {"id": "bad", "start_date": "2015-13"})
    lane_frame, undated = lanes(df, today=TODAY)
    assert list(lane_frame["id"]) == ["early", "late"]
    assert list(undated["id"]) == ["nodate", "bad"]
    assert list(undated.columns) == ["id", "commune", "site", "status"]


def test_load_events_keeps_good_rows_and_reports_bad_ones(tmp_path):
    """Test that events with partial dates load, and bad dates or titles are reported with row and column."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_HEADER
                    + "2023-05-19,Loi JO,Olympics law,,,law,https://www.legifrance.gouv.fr/x\n"
                    + "2019,Décision,,,,court,\n"
                    + "2020-13,Mauvaise date,Bad date,,,law,\n"
                    + "2021,,,,,law,\n"
                    + "2022,Source,Source,,,law,javascript:alert(1)\n", encoding="utf-8")
    events = load_events(path)
    assert list(events.frame["date"]) == ["2019", "2022", "2023-05-19"]
    assert list(events.frame["when"].dt.date) == [date(2019, 7, 2), date(2022, 7, 2), date(2023, 5, 19)]
    found = {(problem.row, problem.column, problem.is_error) for problem in events.problems}
    assert found == {(4, "date", True), (5, "title_fr", True), (6, "source", False)}
    assert not events.missing


def test_load_events_reads_french_excel_files(tmp_path):
    """Test that a ;-separated Windows-1252 events file is read."""
    path = tmp_path / "events.csv"
    path.write_bytes((EVENTS_HEADER.replace(",", ";") + "2023;Décret;Decree;;;law;\n").encode("cp1252"))
    assert list(load_events(path).frame["title_fr"]) == ["Décret"]


@pytest.mark.parametrize("content", [None, "", "date,title_fr\n"])
def test_load_events_of_a_missing_or_empty_file_has_no_events(tmp_path, content):
    """Test that a missing, empty or header-only file gives no events and says it is missing."""
    path = tmp_path / "events.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    events = load_events(path)
    assert events.frame.empty
    assert events.missing


def test_load_events_reports_missing_columns(tmp_path):
    """Test that a file without the date or title columns is reported as a whole-file problem."""
    path = tmp_path / "events.csv"
    path.write_text("when,name\n2023,Loi\n", encoding="utf-8")
    events = load_events(path)
    assert events.frame.empty
    assert [(problem.row, "date" in problem.message) for problem in events.problems] == [(0, True)]


@pytest.mark.parametrize(("lang", "expected"),
                         [("fr", ["Loi", "Seulement FR"]), ("en", ["Law", "Seulement FR"])])
def test_localized_events_falls_back_to_the_other_language(tmp_path, lang, expected):
    """Test that a milestone titled in one language only is still shown in the other."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_HEADER + "2020,Loi,Law,,,law,\n2021,Seulement FR,,,,law,\n", encoding="utf-8")
    assert list(localized_events(load_events(path).frame, lang)["title"]) == expected


def test_localized_events_drop_sources_that_are_not_http_links(tmp_path):
    """Test that only http(s) sources reach the chart and its table of links."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_HEADER + "2020,A,A,,,law,https://a.org\n2021,B,B,,,law,javascript:alert(1)\n",
                    encoding="utf-8")
    assert list(localized_events(load_events(path).frame, "fr")["source"]) == ["https://a.org", ""]


def test_localized_events_are_numbered_in_date_order_with_dates_in_words(tmp_path):
    """Test that milestones are numbered from 1 by date, dated in words, with kind labels and source sites."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_HEADER + "2023-05-19,Loi JO,Olympics law,,,law,https://www.legifrance.gouv.fr/y\n"
                    "2019-10,Avis,Opinion,,,regulator,\n", encoding="utf-8")
    events = localized_events(load_events(path).frame, "en")
    assert events[["number", "date", "title", "kind", "site"]].values.tolist() == [
        [1, "October 2019", "Opinion", "CNIL or regulator", ""],
        [2, "19 May 2023", "Olympics law", "Law or decree", "legifrance.gouv.fr"]]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("2019-10-25", "fr", "25 octobre 2019"),
    ("2020-05-01", "fr", "1er mai 2020"),
    ("2020-05-01", "en", "1 May 2020"),
    ("2022-12", "fr", "décembre 2022"),
    ("2023-08", "en", "August 2023"),
    ("2019", "fr", "2019"),
    (" 2021-02-03 ", "en", "3 February 2021"),
    ("2020-13", "fr", "2020-13"),
])
def test_readable_date_writes_a_partial_date_in_words(text, lang, expected):
    """Test that a partial ISO date reads as day, month and year in the language; anything else is kept."""
    assert readable_date(text, lang) == expected


@pytest.mark.parametrize(("code", "lang", "expected"), [("court", "fr", "Décision de justice"),
                                                        ("policy", "en", "Public policy"),
                                                        ("other", "fr", "other")])
def test_kind_label_names_the_kind_of_milestone(code, lang, expected):
    """Test that kinds of milestones have labels in both languages and unknown codes are kept."""
    assert kind_label(code, lang) == expected


@pytest.mark.parametrize(("url", "expected"), [("https://www.cnil.fr/fr/x", "cnil.fr"),
                                               ("http://blog.example.org/a?b=c", "blog.example.org")])
def test_source_name_is_the_site_of_the_source(url, expected):
    """Test that a source link is named after its site, without www."""
    assert source_name(url) == expected


@pytest.mark.parametrize(("positions", "gap", "rows"), [
    ([0, 100, 200], 50, [0, 0, 0]),
    ([0, 10, 20, 60], 50, [0, 1, 2, 0]),
    ([0, 10, 55, 70], 50, [0, 1, 0, 1]),
    ([], 50, []),
])
def test_stagger_puts_close_markers_in_the_lowest_free_row(positions, gap, rows):
    """Test that a marker too close to the last one of a row goes to the lowest row with room."""
    assert stagger(positions, gap) == rows


def test_placed_milestones_keep_those_of_the_period_with_their_row():
    """Test that milestones outside [start, end) are left out and close ones are given different rows."""
    events = pd.DataFrame({"when": pd.to_datetime(["2018-06-01", "2023-05-17", "2023-05-19", "2025-01-01"]),
                           "number": [1, 2, 3, 4]})
    placed = placed_milestones(events, pd.Timestamp(2020, 1, 1), pd.Timestamp(2025, 1, 1), 0.05)
    assert placed[["number", "row"]].values.tolist() == [[2, 0], [3, 1]]
