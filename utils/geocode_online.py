"""Placing rows at their precise site (`python -m utils.geocode --online`).

The national address base (BAN, via geopy's BANFrance) is asked first, OpenStreetMap's Nominatim
second, each behind geopy's RateLimiter and an on-disk cache so the same query never hits the
network twice. Only rows at commune precision are upgraded; a result outside the row's department
is rejected. The services are injectable: tests pass fakes and never touch the network.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BANFrance, Nominatim
from geopy.location import Location

from utils.boundaries import SIMPLIFICATION_TOLERANCE_DEG, point_in_department
from utils.gazetteer import Commune, Gazetteer, load_gazetteer
from utils.geocode import GeocodeReport, Placement, TableRow, format_coordinate
from utils.paths import ROOT
from utils.problems import WARNING
from utils.tabular import Table

CACHE_PATH = ROOT / ".geocode_cache" / "sites.json"
CONTACT_ENV_VAR = "ATLAS_GEOCODE_CONTACT"  # e-mail or URL put in the User-Agent
BAN_MIN_SCORE = 0.5  # below this BAN's best match is usually another street of the same town
MAX_QUERY_LENGTH = 200  # BAN refuses longer queries
COORDINATE_TOLERANCE = 1e-5  # the gazetteer's 5 decimals
# Nominatim results that are the town itself, not a place in it.
TOWN_LEVEL_TYPES = {"city", "town", "village", "municipality", "hamlet", "suburb", "administrative", "county",
                    "state", "region", "country", "postcode"}


@dataclass
class GeocodingService:
    """One online geocoder: how to call it, how to word a query, which answers are precise enough."""

    name: str
    geocode: Callable[[str], Location | None]
    query: Callable[[str, Commune], str]
    precise: Callable[[Location], bool]


def user_agent() -> str:
    """`atlas-surveillance-algorithmique/<version> (+<project URL or contact>)`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    urls = project.get("urls", {})
    contact = os.environ.get(CONTACT_ENV_VAR) or urls.get("Homepage") or urls.get("Repository")
    agent = f"{project.get('name', 'atlas-surveillance-algorithmique')}/{project.get('version', '0')}"
    return f"{agent} (+{contact})" if contact else agent


def ban_query(site: str, commune: Commune) -> str:
    """`Stade de France, Saint-Denis`, cut to BAN's maximum length."""
    return f"{site}, {commune.name}"[:MAX_QUERY_LENGTH]


def nominatim_query(site: str, commune: Commune) -> str:
    """`Stade de France, Saint-Denis, France`."""
    return f"{site}, {commune.name}, France"


def ban_is_precise(location: Location) -> bool:
    """A BAN street, address or locality with a decent score (not the town's own point)."""
    properties = (location.raw or {}).get("properties", {})
    return properties.get("type") != "municipality" and float(properties.get("score") or 0) >= BAN_MIN_SCORE


def nominatim_is_precise(location: Location) -> bool:
    """A Nominatim place smaller than a town."""
    raw = location.raw or {}
    return raw.get("addresstype", raw.get("type")) not in TOWN_LEVEL_TYPES


def default_services(agent: str | None = None) -> list[GeocodingService]:
    """BAN then Nominatim, rate-limited (Nominatim's policy: one request per second at most)."""
    agent = agent or user_agent()
    ban = BANFrance(user_agent=agent, timeout=10)
    nominatim = Nominatim(user_agent=agent, timeout=10)
    limit = partial(RateLimiter, max_retries=1, error_wait_seconds=2.0, swallow_exceptions=False)
    nominatim_in_france = partial(nominatim.geocode, country_codes="fr")
    return [
        GeocodingService("BAN", limit(ban.geocode, min_delay_seconds=0.1), ban_query, ban_is_precise),
        GeocodingService("Nominatim", limit(nominatim_in_france, min_delay_seconds=1.0),
                         nominatim_query, nominatim_is_precise),
    ]


class GeocodeCache:
    """Answers already received, per service and query (misses included), kept in a JSON file."""

    def __init__(self, path: Path = CACHE_PATH):
        self.path = Path(path)
        self.answers: dict[str, dict[str, dict | None]] = self._read()

    def _read(self) -> dict:
        try:
            answers = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # absent or damaged: it is only a cache, start afresh
            return {}
        return answers if isinstance(answers, dict) else {}

    def __contains__(self, key: tuple[str, str]) -> bool:
        service, query = key
        return query in self.answers.get(service, {})

    def get(self, service: str, query: str) -> Location | None:
        """The cached answer (None for a cached miss)."""
        answer = self.answers.get(service, {}).get(query)
        return Location(answer["address"], (answer["lat"], answer["lon"]), answer["raw"]) if answer else None

    def put(self, service: str, query: str, location: Location | None) -> None:
        """Remember an answer, or a miss."""
        answer = location and {"address": location.address, "lat": location.latitude,
                               "lon": location.longitude, "raw": location.raw}
        self.answers.setdefault(service, {})[query] = answer or None

    def save(self) -> None:
        """Write the cache file (creating .geocode_cache/ if needed)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.answers, ensure_ascii=False, indent=1, sort_keys=True)
        self.path.write_text(text, encoding="utf-8")


def rejection(service: GeocodingService, location: Location, commune: Commune) -> str | None:
    """Why an answer cannot be the site's point (too vague, outside the department), or None."""
    if not service.precise(location):
        return "trop vague (la commune entière)"
    lat, lon, department = location.latitude, location.longitude, commune.department_code
    if not point_in_department(lat, lon, department, SIMPLIFICATION_TOLERANCE_DEG):
        return f"({lat:.5f}, {lon:.5f}) hors du département {department}"
    return None


@dataclass
class SiteFound:
    """Where a site was found, and by which service."""

    lat: float
    lon: float
    label: str
    service: str


@dataclass
class SiteLocator:
    """Finds a site within its commune's department, service after service, through the cache."""

    services: list[GeocodingService] = field(default_factory=default_services)
    cache: GeocodeCache = field(default_factory=GeocodeCache)
    unavailable: set[str] = field(default_factory=set)

    def locate(self, site: str, commune: Commune) -> tuple[SiteFound | None, list[str]]:
        """The first precise answer inside the department, and notes on the answers rejected."""
        notes: list[str] = []
        for service in self.services:
            location = self.ask(service, service.query(site, commune), notes)
            if location is None:
                continue
            if reason := rejection(service, location, commune):
                notes.append(f"{service.name} : « {location.address} » {reason}, rejeté")
            else:
                return SiteFound(location.latitude, location.longitude, location.address, service.name), notes
        return None, notes

    def ask(self, service: GeocodingService, query: str, notes: list[str]) -> Location | None:
        """The service's answer from the cache, or from the network (then cached)."""
        if (service.name, query) in self.cache:
            return self.cache.get(service.name, query)
        if service.name in self.unavailable:
            return None
        try:
            location = service.geocode(query)
        except GeopyError as exc:  # not cached: a later run may succeed
            self.unavailable.add(service.name)
            notes.append(f"{service.name} injoignable ({exc}) : plus interrogé pendant ce passage")
            return None
        self.cache.put(service.name, query, location)
        return location


def place_sites(table: Table, gazetteer: Gazetteer | None = None,
                locator: SiteLocator | None = None) -> GeocodeReport:
    """Move rows with a `site` from their commune's point to the site's, when it can be found."""
    gazetteer = gazetteer or load_gazetteer()
    locator = locator or SiteLocator()
    report = GeocodeReport()
    try:
        for index in range(len(table.rows)):
            row = TableRow(table, index)
            commune = site_candidate(row, gazetteer, report)
            if commune is not None:
                place_at_site(row, commune, locator, report)
    finally:
        locator.cache.save()
    return report


def site_candidate(row: TableRow, gazetteer: Gazetteer, report: GeocodeReport) -> Commune | None:
    """The commune of a row that may move to its site: a site, and the commune's own point."""
    if not row.get("site") or row.get("geo_precision") != "commune":
        return None
    commune = gazetteer.by_code(row.get("insee_code"))
    if commune is None:
        return None  # no department to check the site against; the validator reports the code
    if not at_commune_point(row, commune):
        report.problems.append(row.problem(
            "coordonnées différentes du point de la commune, sans doute saisies à la main : "
            "lieu précis non recherché", "lat", WARNING))
        return None
    return commune


def at_commune_point(row: TableRow, commune: Commune) -> bool:
    """Whether the row's coordinates are the gazetteer point of its commune."""
    try:
        lat, lon = float(row.get("lat").replace(",", ".")), float(row.get("lon").replace(",", "."))
    except ValueError:
        return False
    return abs(lat - commune.lat) < COORDINATE_TOLERANCE and abs(lon - commune.lon) < COORDINATE_TOLERANCE


def place_at_site(row: TableRow, commune: Commune, locator: SiteLocator, report: GeocodeReport) -> None:
    """Write the site's point (geo_precision=site), or warn that the commune's point stays."""
    site = row.get("site")
    found, notes = locator.locate(site, commune)
    details = f" ({' ; '.join(notes)})" if notes else ""
    if found is None:
        report.problems.append(row.problem(
            f"lieu « {site} » introuvable à {commune.label}{details} : point de la commune conservé",
            "site", WARNING))
        return
    row.set("lat", format_coordinate(found.lat))
    row.set("lon", format_coordinate(found.lon))
    row.set("geo_precision", "site")
    report.placements.append(Placement(
        row.table.path.name, row.number, row.get("id"),
        f"placée au lieu « {site} » par {found.service} : « {found.label} »{details}"))
