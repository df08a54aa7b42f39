"""The goals of issue "Scale and hardening", and whether a run met them.

Each goal reads one figure of one dataset size. Python steps are judged on the wall clock; their CPU
time is given beside it, because on a shared machine other processes inflate the wall clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.measure_browser import BrowserFigures
from benchmarks.measure_python import PythonFigures, Timing


@dataclass
class SizeResult:
    """Everything measured on the dataset of `size` rows, and what failed."""

    size: int
    python: PythonFigures | None = None
    browser: BrowserFigures | None = None
    naive_browser: BrowserFigures | None = None
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Goal:
    """`text`: the figure read by `read` at `size` must be at most `limit` (in `unit`)."""

    size: int
    text: str
    limit: float
    unit: str
    read: Callable[[SizeResult], float | Timing | None]


@dataclass(frozen=True)
class Verdict:
    """A goal, the figure found and whether it is met (None: not measured)."""

    goal: Goal
    found: str
    met: bool | None

    @property
    def word(self) -> str:
        return {True: "met", False: "MISSED", None: "not measured"}[self.met]


def _payload_per_marker(result: SizeResult) -> float | None:
    python = result.python
    return python.atlas.payload_bytes / max(python.located, 1) if python and python.atlas else None


def _slowest_filter(result: SizeResult) -> Timing | None:
    filters = result.python.filters if result.python else {}
    return max(filters.values(), key=lambda timing: timing.wall) if filters else None


def _works(result: SizeResult) -> float | None:
    """0 when every step ran, every generated row was kept and the page drew its markers; else 1."""
    python, browser = result.python, result.browser
    ok = (not result.failures and python is not None and python.rows == result.size and python.errors == 0
          and browser is not None and not math.isnan(browser.markers_ms))
    return 0.0 if ok else 1.0


def _browser(name: str, scale: float = 1.0) -> Callable[[SizeResult], float | None]:
    return lambda result: getattr(result.browser, name) * scale if result.browser else None


def _atlas_map(result: SizeResult):
    return result.python.atlas if result.python else None


GOALS = (
    Goal(10_000, "Map payload ≤ 150 bytes per marker", 150, "B", _payload_per_marker),
    Goal(10_000, "Python map build (build_map) ≤ 300 ms", 0.3, "s",
         lambda r: _atlas_map(r) and _atlas_map(r).build),
    Goal(10_000, "…plus the render to HTML that st_folium does (stricter) ≤ 300 ms", 0.3, "s",
         lambda r: _atlas_map(r) and _atlas_map(r).build + _atlas_map(r).render),
    Goal(10_000, "Load + validate ≤ 1 s", 1.0, "s", lambda r: r.python and r.python.load),
    Goal(10_000, "Any filter ≤ 50 ms", 0.05, "s", _slowest_filter),
    Goal(10_000, "Markers drawn ≤ 1.5 s after the map data arrives", 1.5, "s",
         _browser("after_data_ms", 1e-3)),
    Goal(10_000, "A filter change redrawn ≤ 1.5 s", 1.5, "s", _browser("filter_ms", 1e-3)),
    # "Zoom stays fluid", as we read it: a step settles within half a second, no frame exceeds RAIL's
    # 100 ms response budget.
    Goal(10_000, "A zoom step settled (zoom ended, clusters redrawn) ≤ 1 s", 1.0, "s",
         _browser("zoom_ms", 1e-3)),
    Goal(10_000, "Longest frame during a zoom step ≤ 100 ms", 100, "ms", _browser("zoom_frame_ms")),
    Goal(50_000, "Everything works (all rows kept, every step ran, markers drawn)", 0, "", _works),
    Goal(50_000, "Markers drawn ≤ 4 s after the map data arrives", 4.0, "s", _browser("after_data_ms", 1e-3)),
    Goal(50_000, "Server peak memory ≤ 1 GB", 1000, "MB", _browser("peak_memory_mb")),
)


def check_goals(results: dict[int, SizeResult]) -> list[Verdict]:
    """A verdict per goal whose size was measured in this run."""
    return [_verdict(goal, results[goal.size]) for goal in GOALS if goal.size in results]


def _verdict(goal: Goal, result: SizeResult) -> Verdict:
    figure = goal.read(result)
    if figure is None or (isinstance(figure, float) and math.isnan(figure)):
        return Verdict(goal, "—", None)
    if isinstance(figure, Timing):
        cpu_note = "; met on CPU time: the machine was busy" if figure.wall > goal.limit >= figure.cpu else ""
        found = f"{figure.wall:.3g} s (CPU {figure.cpu:.3g} s){cpu_note}"
        return Verdict(goal, found, figure.wall <= goal.limit)
    if goal.limit == 0:
        return Verdict(goal, "yes" if figure == 0 else "no: " + "; ".join(result.failures or ["see table"]),
                       figure == 0)
    found = f"{figure:.3g} s" if goal.unit == "s" else f"{figure:.0f} {goal.unit}"
    return Verdict(goal, found, figure <= goal.limit)
