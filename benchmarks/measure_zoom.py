"""Whether zooming stays fluid: zoom steps on a drawn map, timed in the map's iframe.

After the markers are drawn, the Leaflet map of the st_folium iframe (`window.map`, which
streamlit-folium assigns from folium's `map_<hash>`, renamed `map_div`) is centred on its biggest
cluster, then zoomed in twice and out twice. Each step is timed from the call until Leaflet's
`zoomend` AND the marker cluster group's `animationend` (markercluster redraws its clusters after a
zoom, then fires it); without a cluster group, or when the group has nothing to animate, until two
frames after `zoomend`. A step that does not settle within STEP_TIMEOUT_MS counts as not measured.
The longest frame of a step is the longest gap between two animation frames (requestAnimationFrame)
from the call until the frame after it settled: a long task blocking the page shows as a long frame.
"""

from __future__ import annotations

import math
import statistics

from playwright.sync_api import Error as PlaywrightError

ZOOM_STEPS = (1, 1, -1, -1)  # zoomIn ×2, zoomOut ×2, around the densest cluster
STEP_TIMEOUT_MS = 10_000
QUIET_MS = 300  # before each step: pending redraws finish, the step starts on an idle page
MAP_FRAME_JS = "() => !!(window.L && window.L.Map && document.querySelector('.leaflet-container'))"
# The atlas's layer marks its container when chunked loading is done; other maps are ready once drawn.
MAP_READY_JS = """() => { const box = document.querySelector('.leaflet-container');
  return !!box && (box.hasAttribute('data-atlas-markers') || !box.classList.contains('atlas-map')); }"""

ZOOM_JS = """
async ({steps, timeoutMs, quietMs}) => {
  const now = () => performance.now();
  const nextFrame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
  const isMap = value => value instanceof L.Map;
  const map = isMap(window.map) ? window.map
    : Object.keys(window).filter(name => /^map_/.test(name)).map(name => window[name]).find(isMap);
  if (!map) throw new Error('no Leaflet map in this frame');
  let cluster = null, densest = null;
  map.eachLayer(layer => {
    if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup && !cluster) cluster = layer;
    if (L.MarkerCluster && layer instanceof L.MarkerCluster
        && (!densest || layer.getChildCount() > densest.getChildCount())) densest = layer;
  });
  if (densest) map.setView(densest.getLatLng(), map.getZoom(), {animate: false});

  const step = direction => new Promise(resolve => {
    const start = now();
    let last = start, longest = 0, zoomedAt = null, animating = false, settledAt = null, over = false;
    const end = () => {
      over = true;
      clearTimeout(timer);
      map.off('zoomend', onZoom);
      if (cluster) cluster.off('animationend', onCluster);
      resolve({settled_ms: settledAt === null ? null : settledAt - start, longest_frame_ms: longest,
               zoomend_ms: zoomedAt === null ? null : zoomedAt - start});
    };
    const tick = () => {
      const at = now();
      longest = Math.max(longest, at - last);
      last = at;
      if (settledAt !== null && at > settledAt) end();  // the frame after it settled is counted
      else if (!over) requestAnimationFrame(tick);
    };
    const settle = at => { if (settledAt === null) settledAt = at; };
    // The group's own zoomend handler (added before ours) has started its animation, or redrawn the
    // clusters at once (no animation, or no change of its integer zoom): then two frames show them.
    const onZoom = () => {
      zoomedAt = now();
      animating = !!cluster && cluster._inZoomAnimation > 0;
      if (!animating) nextFrame().then(nextFrame).then(() => settle(now()));
    };
    const onCluster = () => { if (animating) settle(now()); };
    const timer = setTimeout(end, timeoutMs);
    map.on('zoomend', onZoom);
    if (cluster) cluster.on('animationend', onCluster);
    requestAnimationFrame(tick);
    if (direction > 0) map.zoomIn(); else map.zoomOut();
  });

  const results = [];
  for (const direction of steps) {
    await nextFrame();
    await pause(quietMs);
    for (let waited = 0; cluster && cluster._inZoomAnimation > 0 && waited < timeoutMs; waited += 50) {
      await pause(50);
    }
    const zoom = map.getZoom();
    if (zoom + direction > map.getMaxZoom() || zoom + direction < map.getMinZoom()) continue;
    results.push(await step(direction));
  }
  return results;
}
"""


def measure_zoom(page, timeout_ms: int) -> list[dict]:
    """Zoom the page's Leaflet map step by step; per step: settled_ms (None: timed out), longest_frame_ms."""
    frame = map_frame(page)
    frame.wait_for_function(MAP_READY_JS, timeout=timeout_ms)
    frame.frame_element().scroll_into_view_if_needed(timeout=timeout_ms)
    return frame.evaluate(ZOOM_JS, {"steps": list(ZOOM_STEPS), "timeoutMs": STEP_TIMEOUT_MS,
                                    "quietMs": QUIET_MS})


def map_frame(page):
    """The iframe that holds a Leaflet map (st_folium's component)."""
    for frame in page.frames:
        try:
            if frame is not page.main_frame and frame.evaluate(MAP_FRAME_JS):
                return frame
        except PlaywrightError:  # a frame detached or navigating meanwhile is not the map
            continue
    raise RuntimeError("no frame holds a Leaflet map")


# BrowserFigures field <- what each step records
MEDIANS = {"zoom_ms": "settled_ms", "zoomend_ms": "zoomend_ms", "zoom_frame_ms": "longest_frame_ms"}


def zoom_medians(steps: list[dict]) -> dict[str, float]:
    """Medians over the zoom steps that settled: time to settle, to `zoomend`, longest frame; else NaN.

    A step that timed out is left out of every median, so that they all describe the same steps.
    """
    settled = [step for step in steps if step.get("settled_ms") is not None]
    return {name: statistics.median(step[key] for step in settled) if settled else math.nan
            for name, key in MEDIANS.items()}
