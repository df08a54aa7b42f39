"""Site geocoding (--online) with fake geocoders: no test touches the network."""

import json

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BANFrance, Nominatim
from geopy.location import Location

from utils.geocode import TableRow, main
from utils.geocode_online import (
    GeocodeCache,
    GeocodingService,
    SiteLocator,
    ban_is_precise,
    ban_query,
    default_services,
    nominatim_is_precise,
    nominatim_query,
    place_sites,
    user_agent,
)
from utils.tabular import parse_text, read_table

HEADER = "id,commune,department_code,insee_code,region_code,site,lat,lon,geo_precision,operator_type"
STADE_DE_FRANCE = (48.92446, 2.36016)  # Saint-Denis (93)
SAINT_DENIS_REUNION = (-20.8789, 55.4481)  # Saint-Denis (974)


def ban_location(lat, lon, label="Stade de France 93200 Saint-Denis", kind="locality", score=0.9):
    return Location(label, (lat, lon), {"properties": {"label": label, "type": kind, "score": score}})


def nominatim_location(lat, lon, label="Stade de France, Saint-Denis", addresstype="stadium"):
    return Location(label, (lat, lon), {"display_name": label, "addresstype": addresstype})


class FakeGeocoder:
    """Answers from a fixed table and records every query it receives."""

    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.queries = answer, error, []

    def geocode(self, query):
        self.queries.append(query)
        if self.error:
            raise self.error
        return self.answer


def locator_with(tmp_path, ban, nominatim):
    services = [GeocodingService("BAN", ban.geocode, ban_query, ban_is_precise),
                GeocodingService("Nominatim", nominatim.geocode, nominatim_query, nominatim_is_precise)]
    return SiteLocator(services, GeocodeCache(tmp_path / "cache.json"))


def stadium_table(row="sdf,Saint-Denis,93,93066,11,Stade de France,48.93644,2.36018,commune,sport_venue"):
    return parse_text(f"{HEADER}\n{row}\n", "t.csv")


def point_of(table):
    row = TableRow(table, 0)
    return row.get("lat"), row.get("lon"), row.get("geo_precision")


def test_a_ban_hit_places_the_row_at_site_precision(tmp_path):
    """Test that BAN's answer becomes the row's point with geo_precision=site, without asking Nominatim."""
    ban, nominatim = FakeGeocoder(ban_location(*STADE_DE_FRANCE)), FakeGeocoder()
    table = stadium_table()
    report = place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert point_of(table) == ("48.92446", "2.36016", "site")
    assert ban.queries == ["Stade de France, Saint-Denis"]
    assert nominatim.queries == []
    assert "par BAN" in report.placements[0].format()


def test_a_ban_miss_falls_back_to_nominatim(tmp_path):
    """Test that when BAN finds nothing, Nominatim's answer is used."""
    ban, nominatim = FakeGeocoder(None), FakeGeocoder(nominatim_location(*STADE_DE_FRANCE))
    table = stadium_table()
    report = place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert point_of(table) == ("48.92446", "2.36016", "site")
    assert nominatim.queries == ["Stade de France, Saint-Denis, France"]
    assert "par Nominatim" in report.placements[0].format()


def test_a_ban_answer_at_town_level_is_too_vague(tmp_path):
    """Test that BAN returning the town itself does not count as the site; Nominatim is asked."""
    ban = FakeGeocoder(ban_location(48.93644, 2.36018, "Saint-Denis", kind="municipality"))
    nominatim = FakeGeocoder(nominatim_location(*STADE_DE_FRANCE))
    table = stadium_table()
    place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert point_of(table) == ("48.92446", "2.36016", "site")


def test_a_result_outside_the_department_is_rejected_and_reported(tmp_path):
    """Test that a point in another department is refused, reported, and the commune point kept."""
    ban = FakeGeocoder(ban_location(*SAINT_DENIS_REUNION, label="Saint-Denis 97400"))
    nominatim = FakeGeocoder(None)
    table = stadium_table()
    report = place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert point_of(table) == ("48.93644", "2.36018", "commune")
    [problem] = report.problems
    assert (problem.row, problem.row_id, problem.column, problem.severity) == (2, "sdf", "site", "warning")
    assert "hors du département 93" in problem.message
    assert "point de la commune conservé" in problem.message
    assert report.placements == []


def test_a_cache_hit_makes_no_call(tmp_path):
    """Test that a query answered once (even by a miss) is read from the JSON cache the next time."""
    first_ban, first_nominatim = FakeGeocoder(None), FakeGeocoder(nominatim_location(*STADE_DE_FRANCE))
    place_sites(stadium_table(), locator=locator_with(tmp_path, first_ban, first_nominatim))
    second_ban, second_nominatim = FakeGeocoder(), FakeGeocoder()
    table = stadium_table()
    place_sites(table, locator=locator_with(tmp_path, second_ban, second_nominatim))
    assert second_ban.queries == second_nominatim.queries == []
    assert point_of(table) == ("48.92446", "2.36016", "site")
    cached = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert cached["BAN"] == {"Stade de France, Saint-Denis": None}
    assert cached["Nominatim"]["Stade de France, Saint-Denis, France"]["lat"] == STADE_DE_FRANCE[0]


@pytest.mark.parametrize("content", ["{not json", "[]"])
def test_a_damaged_cache_is_ignored_then_rewritten(tmp_path, content):
    """Test that an unreadable cache file does not stop the run and is replaced by a valid one."""
    (tmp_path / "cache.json").write_text(content, encoding="utf-8")
    ban = FakeGeocoder(ban_location(*STADE_DE_FRANCE))
    table = stadium_table()
    place_sites(table, locator=locator_with(tmp_path, ban, FakeGeocoder()))
    assert point_of(table) == ("48.92446", "2.36016", "site")
    assert "BAN" in json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))


def test_an_unreachable_service_is_not_cached_and_not_asked_again(tmp_path):
    """Test that a network error is reported, not cached as a miss, and stops calls to that service."""
    ban = FakeGeocoder(error=GeocoderUnavailable("no network"))
    nominatim = FakeGeocoder(None)
    rows = "\n".join(f"s{i},Saint-Denis,93,93066,11,Site {i},48.93644,2.36018,commune,police"
                     for i in range(3))
    table = parse_text(f"{HEADER}\n{rows}\n", "t.csv")
    report = place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert len(ban.queries) == 1
    assert len(nominatim.queries) == 3
    assert "BAN injoignable" in report.problems[0].message
    cached = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert "BAN" not in cached


@pytest.mark.parametrize("row", [
    "m,Metz,57,57463,44,Gare,49.10985,6.17737,site,transport",
    "m,Metz,57,57463,44,Gare,49.1,6.2,commune,transport",
    "m,Metz,57,57463,44,,49.10814,6.19595,commune,transport",
    "m,,,,,Aéroports,,,national,state",
])
def test_site_and_hand_set_coordinates_are_never_overwritten(tmp_path, row):
    """Test that only rows at their commune's own point with a site are looked up."""
    ban, nominatim = FakeGeocoder(ban_location(49.1, 6.17)), FakeGeocoder()
    table = stadium_table(row)
    before = [list(cells) for cells in table.rows]
    place_sites(table, locator=locator_with(tmp_path, ban, nominatim))
    assert table.rows == before
    assert ban.queries == []


def test_hand_set_coordinates_at_commune_precision_are_reported(tmp_path):
    """Test that coordinates differing from the commune point are kept and the skip is reported."""
    table = stadium_table("m,Metz,57,57463,44,Gare,49.1,6.2,commune,transport")
    report = place_sites(table, locator=locator_with(tmp_path, FakeGeocoder(), FakeGeocoder()))
    assert "saisies à la main" in report.problems[0].message


def test_online_command_geocodes_commune_then_site_and_writes_once(tmp_path, capsys):
    """Test that --online fills a bare commune offline, then moves it to its site."""
    path = tmp_path / "d.csv"
    path.write_bytes(f"{HEADER}\r\nsdf,St Denis,93,,,Stade – entrée,,,,sport_venue\r\n".encode("cp1252"))
    ban = FakeGeocoder(ban_location(*STADE_DE_FRANCE))
    assert main([str(path), "--online"], locator=locator_with(tmp_path, ban, FakeGeocoder())) == 0
    assert ban.queries == ["Stade – entrée, Saint-Denis"]
    table = read_table(path)
    assert table.rows == [["sdf", "Saint-Denis", "93", "93066", "11", "Stade – entrée", "48.92446", "2.36016",
                           "site", "sport_venue"]]
    assert (table.encoding, table.newline) == ("cp1252", "\r\n")
    output = capsys.readouterr().out
    assert "placée au point de la commune Saint-Denis (93)" in output
    assert "placée au lieu « Stade – entrée » par BAN" in output
    assert "1 ligne(s) placée(s), 0 non placée(s) ; fichier réécrit" in output


def test_default_services_are_rate_limited_ban_then_nominatim_with_our_user_agent():
    """Test that the real services are geopy's BANFrance then Nominatim, each behind a RateLimiter."""
    ban, nominatim = default_services("atlas-test/1.0 (+https://example.org)")
    assert isinstance(ban.geocode, RateLimiter) and isinstance(nominatim.geocode, RateLimiter)
    assert isinstance(ban.geocode.func.__self__, BANFrance)
    assert isinstance(nominatim.geocode.func.func.__self__, Nominatim)
    assert nominatim.geocode.func.keywords == {"country_codes": "fr"}
    assert nominatim.geocode.min_delay_seconds >= 1.0
    assert ban.geocode.func.__self__.headers["User-Agent"] == "atlas-test/1.0 (+https://example.org)"


def test_user_agent_names_the_project_version_and_contact(monkeypatch):
    """Test that the User-Agent is atlas-surveillance-algorithmique/<version> with the configured contact."""
    monkeypatch.setenv("ATLAS_GEOCODE_CONTACT", "atlas@example.org")
    assert user_agent().startswith("atlas-surveillance-algorithmique/")
    assert user_agent().endswith(" (+atlas@example.org)")


@pytest.mark.parametrize(("raw", "precise"), [
    ({"properties": {"type": "street", "score": 0.8}}, True),
    ({"properties": {"type": "housenumber", "score": 0.3}}, False),
    ({"properties": {"type": "municipality", "score": 0.99}}, False),
])
def test_ban_precision_needs_a_sub_town_answer_with_a_decent_score(raw, precise):
    """Test that BAN answers are kept only below town level and above the minimum score."""
    assert ban_is_precise(Location("x", (48.0, 2.0), raw)) is precise


@pytest.mark.parametrize(("addresstype", "precise"), [("stadium", True), ("road", True), ("city", False),
                                                      ("town", False), ("village", False)])
def test_nominatim_precision_refuses_town_level_answers(addresstype, precise):
    """Test that Nominatim answers for a whole town do not count as a site."""
    assert nominatim_is_precise(Location("x", (48.0, 2.0), {"addresstype": addresstype})) is precise
