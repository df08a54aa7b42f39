"""Browser tests: the app served by `streamlit run`, driven by Debian's chromium through Playwright.

One Streamlit server per data file and one browser per session, a new browser context per test.
Each test page records every request, console error and dialog. Map tiles are answered with a blank
image so that the tests never touch the network; any other third-party request is recorded, then aborted.
"""

from __future__ import annotations

import base64
import csv
import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from utils.map_assets import TILE_URL

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
REAL_DATA = ROOT / "data" / "deployments.csv"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 90
WAIT_MS = 45_000
VIEWPORT_HEIGHT = 900
# Every page of the app, by url_path ("" is the home page).
PAGES = ("", "carte", "chronologie", "donnees", "acteurs", "agir", "contribuer", "methode")

# Opened at /<page>, Streamlit's frontend first looks for its server under /<page>/ and logs the 404s.
BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_IFRAME = 'iframe[data-testid="stCustomComponentV1"][title*="folium"]'
# Drawn markers: clusters count what they hold, single circle markers count one.
DRAWN_MARKERS_JS = """() => {
    const map = document.querySelector('.atlas-map');
    if (!map) return -1;
    const clustered = [...map.querySelectorAll('.marker-cluster span')]
        .reduce((total, span) => total + parseInt(span.textContent, 10), 0);
    return clustered + map.querySelectorAll('path.atlas-marker').length;
}"""
# Run in every frame before its scripts: flags each Leaflet map as moving from 'movestart' or 'resize'
# to the next 'moveend'. After a resize of its iframe (Streamlit sizes it once drawn), Leaflet waits
# 200 ms before 'moveend', and only then loads the tiles and re-clusters the markers of the new view.
MAP_TRACKER_JS = """(() => {
    let leaflet;
    Object.defineProperty(window, 'L', {configurable: true, get: () => leaflet, set: value => {
        leaflet = value;
        if (value && value.Map && !value.Map.atlasTracked) {
            value.Map.atlasTracked = true;
            value.Map.addInitHook(function () {
                window.atlasMapMoving = false;
                this.on('movestart resize', () => { window.atlasMapMoving = true; });
                this.on('moveend', () => { window.atlasMapMoving = false; });
            });
        }
    }});
})();"""
# The map has its size, is not moving, animating nor loading tiles.
MAP_IDLE_JS = """() => {
    const map = document.querySelector('.atlas-map');
    const busy = '.leaflet-zoom-anim, .leaflet-cluster-anim, img.leaflet-tile:not(.leaflet-tile-loaded)';
    return Boolean(map && map.clientHeight > 0 && window.atlasMapMoving === false
        && !document.querySelector(busy));
}"""
MARKERS_SHOWN_JS = f"n => ({MAP_IDLE_JS})() && ({DRAWN_MARKERS_JS})() === n"
SUMMARY = ".st-key-atlas-summary [data-testid='stMarkdownContainer']"
NAV_LABELS = '[data-testid="stSidebarNavLink"] span[label]'
MAIN_HEIGHT_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
# After a run, Streamlit still loads some elements' code, showing skeletons; a rerun marks old elements stale.
ELEMENTS_LOADED_JS = """() => !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')"""
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every(chart => chart.querySelector('canvas, svg'))"""
# A 1×1 PNG, stretched by Leaflet over each 256×256 tile.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")


def tile_host_pattern(tile_url: str = TILE_URL) -> re.Pattern[str]:
    """The host names of the tile server, with its {s} subdomain placeholder as a wildcard."""
    host = urlsplit(tile_url.replace("{s}", "subdomain")).hostname or ""
    return re.compile("^" + re.escape(host).replace("subdomain", "[a-z0-9-]+") + "$")


TILE_HOST = tile_host_pattern()


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's chromium; skipped when missing, except on CI (CI=true) where it must be there."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium): browser tests not run"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason}; CI=true requires them", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- the servers ------------------------------------------------------------------------------

@dataclass
class AppServer:
    """A running `streamlit run app.py` and where to reach it."""

    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().strip() == b"ok"
    except OSError:
        return False


def start_server(name: str, data: Path | None) -> AppServer:
    """Serve app.py on a free port with ATLAS_DATA=`data` (None: the bundled file); wait until healthy."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "ATLAS_DATA"}
    if data is not None:
        env["ATLAS_DATA"] = str(data)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"server-{name}.log"
    # No file watcher: files edited while the suite runs must not rerun the pages under test.
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none"]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = AppServer(name, f"http://127.0.0.1:{port}", process, log)
    _wait_until_healthy(server)
    return server


def _wait_until_healthy(server: AppServer) -> None:
    for _ in range(SERVER_START_SECONDS * 4):
        if _healthy(server.url):
            return
        try:
            # Doubles as the pause between polls and as the check that the server did not die.
            code = server.process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"streamlit ({server.name}) exited with {code}:\n{server.log_tail()}", pytrace=False)
    stop_server(server)
    pytest.fail(f"streamlit ({server.name}) not healthy after {SERVER_START_SECONDS} s:\n{server.log_tail()}")


def stop_server(server: AppServer) -> None:
    """Terminate the server, killing it if it does not stop."""
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=15)


@contextmanager
def running_app(chromium: Browser, name: str, data: Path | None) -> Iterator[AppServer]:
    """A server for the duration of the block; taking the browser fixture, it never starts without one."""
    server = start_server(name, data)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def real_app(chromium) -> Iterator[AppServer]:
    """The app on the published data/deployments.csv."""
    with running_app(chromium, "real", REAL_DATA) as server:
        yield server


@pytest.fixture(scope="session")
def small_app(chromium, small_csv) -> Iterator[AppServer]:
    """The app on the small fixture (see small_csv)."""
    with running_app(chromium, "small", small_csv) as server:
        yield server


@pytest.fixture(scope="session")
def bad_row_app(chromium, bad_row_csv) -> Iterator[AppServer]:
    """The app on the bad-row fixture (see bad_row_csv)."""
    with running_app(chromium, "bad-row", bad_row_csv) as server:
        yield server


@pytest.fixture(scope="session")
def cold_app(chromium, small_csv) -> Iterator[AppServer]:
    """The app on the small fixture, for a test that must be its first visitor."""
    with running_app(chromium, "cold", small_csv) as server:
        yield server


# --- the data fixtures, cut from the published data -----------------------------------------

# The small fixture: located rows in metropolitan France (technology: how many), then nationwide rows.
SMALL_PLAN = {"drone": 4, "facial_recognition": 3, "behaviour_detection": 3}
SMALL_NATIONAL = 2
METROPOLE = {"lat": (41.3, 51.2), "lon": (-5.3, 9.7)}
BAD_ROW_ID = "ligne-en-erreur"
BAD_STATUS = "statut-inconnu"


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 comma-separated CSV, as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write `rows` as a UTF-8 CSV with the published file's columns."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(read_rows(REAL_DATA)[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def in_metropole(row: dict[str, str]) -> bool:
    """Whether the row has coordinates inside the metropolitan France box the map opens on."""
    if not (row["lat"] and row["lon"]):
        return False
    return all(low <= float(row[axis]) <= high for axis, (low, high) in METROPOLE.items())


def _first(rows: list[dict[str, str]], keep: Callable[[dict[str, str]], bool], count: int) -> list[dict]:
    chosen = [row for row in rows if keep(row)][:count]
    if len(chosen) < count:
        pytest.fail(f"data/deployments.csv has fewer than {count} rows for a browser fixture", pytrace=False)
    return chosen


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory) -> Path:
    """Ten located rows (4 drone, 3 facial recognition, 3 behaviour detection) and two nationwide rows."""
    rows = sorted(read_rows(REAL_DATA), key=lambda row: row["id"])
    chosen = []
    for technology, count in SMALL_PLAN.items():
        chosen += _first(rows, lambda row, tech=technology: row["technology"] == tech and in_metropole(row),
                         count)
    chosen += _first(rows, lambda row: row["geo_precision"] == "national" and not row["lat"],
                     SMALL_NATIONAL)
    return write_rows(tmp_path_factory.mktemp("data") / "small.csv", chosen)


@pytest.fixture(scope="session")
def bad_row_csv(tmp_path_factory) -> Path:
    """The westernmost and easternmost located rows, then a copy of the latter with an unknown status.

    West and east lie far apart: each is a single marker, whatever the map's width.
    """
    located = sorted(filter(in_metropole, read_rows(REAL_DATA)), key=lambda row: float(row["lon"]))
    west, east = located[0], located[-1]
    bad = {**east, "id": BAD_ROW_ID, "status": BAD_STATUS}
    return write_rows(tmp_path_factory.mktemp("data") / "bad_row.csv", [west, east, bad])


# --- the pages --------------------------------------------------------------------------------

@dataclass
class AppPage:
    """A browser page on the app, with what it requested, logged as errors and tried to pop up."""

    page: Page
    server: AppServer = field(repr=False)
    requests: list[str] = field(default_factory=list, repr=False)
    console_errors: list[str] = field(default_factory=list, repr=False)
    dialogs: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def new(cls, context: BrowserContext, server: AppServer) -> AppPage:
        """A fresh page in `context`, recording and routing every request."""
        context.add_init_script(MAP_TRACKER_JS)
        app_page = cls(context.new_page(), server)
        context.on("request", lambda request: app_page.requests.append(request.url))
        app_page.page.on("websocket", lambda socket_: app_page.requests.append(socket_.url))
        app_page.page.on("console", app_page._on_console)
        app_page.page.on("pageerror", lambda error: app_page.console_errors.append(f"uncaught: {error}"))
        app_page.page.on("dialog", app_page._on_dialog)
        context.route("**/*", app_page._route)
        return app_page

    def goto(self, path: str = "", **params: str | list[str]) -> AppPage:
        """Open /`path`?`params` and wait until the page is drawn."""
        query = f"?{urlencode(params, doseq=True)}" if params else ""
        self.page.goto(f"{self.server.url}/{path}{query}")
        return self.wait_drawn()

    def wait_idle(self) -> AppPage:
        """Wait until the script run is over, the page has a title and no element is still loading."""
        self.page.locator(APP_IDLE).wait_for(timeout=WAIT_MS)
        self.page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=WAIT_MS)
        self.page.wait_for_function(ELEMENTS_LOADED_JS, timeout=WAIT_MS)
        return self

    def wait_drawn(self) -> AppPage:
        """Wait until the page is idle, every chart is drawn and every map has its markers and tiles."""
        self.wait_idle()
        self.page.wait_for_function(CHARTS_DRAWN_JS, timeout=WAIT_MS)
        for index in range(self.page.locator(MAP_IFRAME).count()):
            frame = self.map_frame(index)
            frame.locator(".atlas-map[data-atlas-markers]").wait_for(timeout=WAIT_MS)
            frame.wait_for_function(MAP_IDLE_JS, timeout=WAIT_MS)
        return self

    def map_frame(self, index: int = 0) -> Frame:
        """The document of the index-th map iframe."""
        handle = self.page.locator(MAP_IFRAME).nth(index).element_handle(timeout=WAIT_MS)
        frame = handle.content_frame()
        assert frame is not None, "the map iframe has no document"
        return frame

    def drawn_markers(self, expected: int) -> int:
        """Markers drawn on the still map (clusters counted by what they hold), once `expected` are."""
        frame = self.map_frame()
        # On a timeout, the caller's assertion reports the count actually drawn.
        with suppress(PlaywrightTimeout):
            frame.wait_for_function(MARKERS_SHOWN_JS, arg=expected, timeout=WAIT_MS)
        return frame.evaluate(DRAWN_MARKERS_JS)

    def nav_titles(self) -> list[str]:
        """The titles of the pages in the sidebar navigation."""
        return [span.get_attribute("label") or "" for span in self.page.locator(NAV_LABELS).all()]

    def main_text(self) -> str:
        """The visible text of the page body (not the sidebar)."""
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def screenshot(self, path: Path) -> Path:
        """Screenshot the whole page; the viewport grows to the page's height first."""
        # Streamlit scrolls inside its main area, so a full-page screenshot alone stops at the viewport.
        height = self.page.evaluate(MAIN_HEIGHT_JS)
        self.page.set_viewport_size({"width": self.page.viewport_size["width"],
                                     "height": max(VIEWPORT_HEIGHT, height)})
        self.wait_drawn()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def summary_text(self) -> str:
        """The "N sur M déploiements" line under the title."""
        return self.page.locator(SUMMARY).first.inner_text()

    def third_party_requests(self) -> list[str]:
        """Requested URLs that are neither the app, the tile server, nor data:, blob: or about:."""
        return [url for url in self.requests if not self._allowed(url)]

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.hostname}:{parts.port}" == urlsplit(self.server.url).netloc or bool(
            parts.scheme == "https" and TILE_HOST.match(parts.hostname or ""))

    def _route(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme == "https" and TILE_HOST.match(url.hostname or ""):
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        elif self._allowed(route.request.url):
            route.continue_()
        else:
            route.abort()

    def _on_console(self, message) -> None:
        source = message.location.get("url", "")
        if message.type == "error" and not BASE_PATH_PROBE.match(source.removeprefix(self.server.url)):
            self.console_errors.append(f"{message.text} ({source})")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def open_page(chromium) -> Iterator[Callable[..., AppPage]]:
    """Open a page of a server in a new browser context: open_page(server, path, width=…, **params)."""
    contexts: list[BrowserContext] = []

    def _open(server: AppServer, path: str = "", width: int = 1280, **params: str | list[str]) -> AppPage:
        context = chromium.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT}, locale="fr-FR")
        contexts.append(context)
        return AppPage.new(context, server).goto(path, **params)

    yield _open
    for context in contexts:
        context.unroute_all(behavior="ignoreErrors")  # requests still in flight must not outlive the test
        context.close()
