"""The browser side of the benchmark: a Streamlit server, its memory, headless chromium, and the probe.

The probe is a script Playwright injects into every frame before the page's own scripts. It stamps,
on the browser's clock (`performance.timeOrigin + performance.now()`, in ms since the epoch, the same
in every frame): each websocket message the page receives (and its size), the moment the map iframe
receives its arguments, and the frame after markers first appear in a Leaflet map. The timestamps are
taken in the browser, so how often Python looks at them does not change the figures.
"""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from playwright.sync_api import Error as PlaywrightError

from utils.paths import ROOT, STATIC_DIR

CHROMIUM = Path("/usr/bin/chromium")
# The flags of tests/browser/conftest.py (copied: the benchmark does not import the test suite).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 90
MEMORY_SAMPLE_SECONDS = 0.05
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")
# Where the naive page's CDN assets are found offline (folium's defaults are CDN URLs).
JQUERY_FILES = (Path("/usr/share/javascript/jquery/jquery.min.js"),)
JQUERY_SHIM = b"window.$ = window.jQuery = function (html) { var t = document.createElement('template');" \
              b" t.innerHTML = String(html).trim(); return [t.content.firstChild]; };"
CDN_ASSETS = {  # pattern in a CDN URL -> file under static/
    r"/leaflet@[^/]+/dist/leaflet\.js$": "vendor/leaflet/leaflet.js",
    r"/leaflet@[^/]+/dist/leaflet\.css$": "vendor/leaflet/leaflet.css",
    r"leaflet\.markercluster\.js$": "vendor/leaflet.markercluster/leaflet.markercluster.js",
    r"MarkerCluster\.css$": "vendor/leaflet.markercluster/MarkerCluster.css",
    r"MarkerCluster\.Default\.css$": "vendor/leaflet.markercluster/MarkerCluster.Default.css",
}

PROBE_JS = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  let sink = null;
  try { sink = window.top.__bench; } catch (e) { sink = null; }
  if (window === window.top || !sink) {
    sink = window.__bench = {ws: [], args: [], drawn: []};
  }
  if (window === window.top) {
    // A map message holds a marker cluster's script (both the atlas's layer and folium's MarkerCluster).
    const MAP_MIN_BYTES = 1000, MARK = 'markerClusterGroup';
    const carriesMap = data => new TextDecoder('latin1').decode(data).includes(MARK);
    const Native = window.WebSocket;
    window.WebSocket = function (...args) {
      const socket = new Native(...args);
      socket.addEventListener('message', event => {
        const at = now(), data = event.data, size = data.byteLength ?? 0;
        sink.ws.push([at, size, size > MAP_MIN_BYTES && carriesMap(data)]);
      });
      return socket;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    return;
  }
  // The component's document replaces the iframe's initial about:blank in the same window, so the
  // observer is (re)attached to whichever document is current when the map's arguments arrive.
  const MARKERS = '.marker-cluster, .atlas-marker, .leaflet-marker-icon', seen = new WeakSet();
  let watched = null;
  const look = () => {
    for (const map of document.querySelectorAll('.leaflet-container')) {
      if (seen.has(map) || !map.querySelector(MARKERS)) continue;
      seen.add(map);
      const count = map.getAttribute('data-atlas-markers');
      sink.drawn.push([now(), count === null ? null : Number(count)]);
    }
  };
  const watch = () => {
    if (watched === document) return;
    watched = document;
    new MutationObserver(look).observe(document, {childList: true, subtree: true, attributes: true});
  };
  window.addEventListener('message', event => {
    if (event.data && event.data.type === 'streamlit:render') { sink.args.push(now()); watch(); }
  });
  watch();
})();
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(script: str, data: Path, log: Path):
    """`streamlit run <script>` with ATLAS_DATA=`data`, healthy; yields (base URL, process)."""
    port = free_port()
    env = {**os.environ, "ATLAS_DATA": str(data), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        try:
            code = process.wait(timeout=0.25)  # the pause between polls, and a check that it is alive
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"streamlit exited with {code}; see {log}")
    raise RuntimeError(f"streamlit not healthy after {SERVER_START_SECONDS} s; see {log}")


class MemorySampler:
    """Peak resident memory of a process and its children, sampled in a background thread."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(MEMORY_SAMPLE_SECONDS):
            try:
                family = [self.process, *self.process.children(recursive=True)]
                self.peak_bytes = max(self.peak_bytes, sum(p.memory_info().rss for p in family))
            except psutil.Error:
                return


def launch_chromium(playwright):
    """Debian's chromium, headless, with the test suite's flags."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def new_context(browser):
    """A fresh context (empty cache) with the probe; tiles blanked, other third parties served offline."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(PROBE_JS)
    # Only other hosts are routed (matched in the browser): the app's own requests never wait on Python.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), _route)
    return context


def _route(route) -> None:
    url = route.request.url
    try:
        if re.search(r"(^|\.)tile\.", urlsplit(url).hostname or ""):
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        else:
            route.fulfill(status=200, body=_offline_asset(url), content_type=_content_type(url))
    except PlaywrightError:
        pass  # the page was closed while the request was pending


def _offline_asset(url: str) -> bytes:
    """The vendored file for a CDN URL of Leaflet or markercluster, jQuery, or nothing (unused CSS/JS)."""
    for pattern, name in CDN_ASSETS.items():
        if re.search(pattern, url):
            return (STATIC_DIR / name).read_bytes()
    if re.search(r"jquery[^/]*\.js$", url):
        return next((path.read_bytes() for path in JQUERY_FILES if path.exists()), JQUERY_SHIM)
    return b""


def _content_type(url: str) -> str:
    return "text/css" if url.endswith(".css") else "application/javascript"
