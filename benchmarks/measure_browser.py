"""Time until markers are drawn, zoom steps, and until a filter change is redrawn, in headless chromium.

The atlas's map page is served by `streamlit run app.py`, the baseline by `streamlit run
benchmarks/naive.py`, each with ATLAS_DATA=<generated file>. Every run opens a fresh browser context
(nothing cached in the browser). The first load after the server starts fills the app's caches: it
is reported apart ("first visit"); the medians are over the runs that follow. In each of those, once
the page is idle, the map is zoomed in and out (benchmarks/measure_zoom.py), then a filter is changed.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from playwright.sync_api import sync_playwright

from benchmarks.browser import MemorySampler, launch_chromium, new_context, streamlit_server
from benchmarks.measure_zoom import measure_zoom, zoom_medians
from utils.data import load_deployments
from utils.filters import Filters
from utils.labels import technology_labels
from utils.mapping import located_rows

WAIT_MS = 300_000  # a ceiling, not a pause: the baseline at 10 000 rows takes tens of seconds
ATLAS_PAGE, NAIVE_PAGE = ("app.py", "carte"), ("benchmarks/naive.py", "")
# One technology per run, so that every filter change is a selection the server has not cached yet.
FILTER_TECHNOLOGIES = ("drone", "facial_recognition", "audio_detection", "behaviour_detection",
                       "crowd_analytics", "video_search")
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_ERROR = '[data-testid="stException"]'
DRAWN_OR_FAILED = f"() => window.__bench.drawn.length > 0 || !!document.querySelector('{APP_ERROR}')"
READ_PROBE = "() => ({origin: performance.timeOrigin, ...window.__bench})"
NOW_JS = "() => performance.timeOrigin + performance.now()"
NAN = float("nan")
MEDIAN_FIELDS = ("markers_ms", "after_data_ms", "map_message_bytes", "filter_ms", "filter_server_ms")


@dataclass
class BrowserFigures:
    """Medians over the runs after the first visit: milliseconds, bytes, megabytes."""

    first_visit_ms: float = NAN  # the first load after the server started (caches empty)
    markers_ms: float = NAN  # navigation start -> markers in the DOM
    after_data_ms: float = NAN  # map message received -> markers in the DOM
    map_message_bytes: float = NAN  # the websocket message that carries the map
    filter_ms: float = NAN  # technology picked in the sidebar -> the new markers in the DOM
    filter_server_ms: float = NAN  # … of which: until the new map message is received
    zoom_ms: float = NAN  # a zoom step (in or out) -> zoom ended and clusters redrawn (over all steps)
    zoomend_ms: float = NAN  # … of which: until Leaflet's zoomend (its zoom animation is 250 ms)
    zoom_frame_ms: float = NAN  # the longest animation frame during a zoom step (over all steps)
    peak_memory_mb: float = NAN  # the Streamlit server's resident memory, all along
    runs: int = 0


def measure_browser(data: Path, runs: int, log_dir: Path, naive: bool = False) -> BrowserFigures:
    """Serve the atlas (or the baseline) on `data`; one first visit, then `runs` timed loads."""
    script, path = NAIVE_PAGE if naive else ATLAS_PAGE
    choices = [] if naive else filter_choices(load_deployments(data).rows)
    log = log_dir / f"server-{'naive' if naive else 'atlas'}-{data.stem}.log"
    loads = []
    with (streamlit_server(script, data, log) as (url, process), MemorySampler(process.pid) as memory,
          sync_playwright() as playwright):
        browser = launch_chromium(playwright)
        for run in range(runs + 1):
            # The first visit meets Streamlit's spurious "Page not found" dialog of a fresh server
            # (see tests/browser/conftest.py): its map is timed, no filter is changed there.
            choice = choices[run % len(choices)] if choices and run else None
            loads.append(_one_run(browser, f"{url}/{path}", choice, zoom=run > 0))
        browser.close()
    figures = BrowserFigures(first_visit_ms=loads[0]["markers_ms"], runs=runs)
    for name in MEDIAN_FIELDS:
        values = [load[name] for load in loads[1:] if name in load]
        setattr(figures, name, statistics.median(values) if values else NAN)
    for name, value in zoom_medians([step for load in loads[1:] for step in load["zoom_steps"]]).items():
        setattr(figures, name, value)
    figures.peak_memory_mb = memory.peak_bytes / 1e6
    return figures


def filter_choices(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """(French label, markers the map must then hold) of each technology the filter runs pick.

    The count is what utils.filters keeps: a redraw counts only once the right map is drawn.
    """
    choices = []
    for technology in FILTER_TECHNOLOGIES:
        expected = len(located_rows(Filters(tech=(technology,)).apply(rows)))
        if expected:
            choices.append((technology_labels()[technology][0], expected))
    return choices


def page_load_figures(probe: dict) -> dict:
    """From the probe's records: navigation -> markers, map message -> markers, the map message's size.

    The map message is the last websocket message before the markers that carries a marker cluster.
    """
    drawn_at = probe["drawn"][0][0]
    received = [message for message in probe["ws"] if message[0] <= drawn_at]
    at, size = _map_message(received, drawn_at)
    return {"markers_ms": drawn_at - probe["origin"], "after_data_ms": drawn_at - at,
            "map_message_bytes": size}


def _map_message(received: list[list], fallback_at: float) -> tuple[float, int]:
    carrying = [message for message in received if message[2]]
    if carrying:
        return carrying[-1][0], carrying[-1][1]
    biggest = max(received, key=lambda message: message[1], default=[fallback_at, 0])
    return biggest[0], biggest[1]


def _one_run(browser, url: str, filter_change: tuple[str, int] | None, zoom: bool) -> dict:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=WAIT_MS)
        page.wait_for_function(DRAWN_OR_FAILED, timeout=WAIT_MS)
        if page.locator(APP_ERROR).count():
            raise RuntimeError(f"the page failed: {page.locator(APP_ERROR).first.inner_text()[:300]}")
        figures = page_load_figures(page.evaluate(READ_PROBE))
        # Zoomed once the page is idle (nothing else drawing), before the filter change replaces the map.
        page.locator(APP_IDLE).wait_for(timeout=WAIT_MS)
        figures["zoom_steps"] = measure_zoom(page, WAIT_MS) if zoom else []
        if filter_change is not None:
            figures.update(_time_filter_change(page, *filter_change))
        return figures
    finally:
        context.close()


def _time_filter_change(page, label: str, expected: int) -> dict:
    """Pick `label` in the sidebar's technology filter as a visitor does; time until the new map is drawn."""
    page.locator(APP_IDLE).wait_for(timeout=WAIT_MS)
    box = page.locator(".st-key-tech input")
    box.click()
    box.fill(label)
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for(timeout=WAIT_MS)
    started = page.evaluate(NOW_JS)
    option.click()
    page.wait_for_function("([n, t]) => window.__bench.drawn.some(d => d[1] === n && d[0] > t)",
                           arg=[expected, started], timeout=WAIT_MS)
    probe = page.evaluate(READ_PROBE)
    drawn_at = next(at for at, count in probe["drawn"] if count == expected and at > started)
    received = [message for message in probe["ws"] if started < message[0] <= drawn_at]
    map_received_at, _ = _map_message(received, drawn_at)
    return {"filter_ms": drawn_at - started, "filter_server_ms": map_received_at - started}
