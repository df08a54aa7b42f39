"""The server-side work, timed on the real code paths: load + validate, filters, map build and payload.

Every figure is the median of several runs after one warm-up (the gazetteer, the department outlines
and the schema are read once per process, as in the running app). A slow step stops repeating once
it has used its time budget, so that the baseline at 50 000 rows (a minute per build) stays bounded.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import folium
import pandas as pd

from benchmarks.naive import build_naive_map
from utils.data import load_deployments
from utils.filters import Filters, filter_options
from utils.mapping import build_map, located_rows

LANG = "fr"
STEP_BUDGET_SECONDS = 20.0
# Three typical views: a region; a technology and a status; a free-text search over a period.
FILTER_SETS = {
    "region=11": {"region": ["11"]},
    "tech=facial_recognition & status=active": {"tech": ["facial_recognition"], "status": ["active"]},
    "q=gare & from=2018 & to=2022": {"q": ["gare"], "from": ["2018"], "to": ["2022"]},
}


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU seconds of a step, and how many runs they are the median of.

    CPU time (this process only) is the cross-check on a shared machine: other processes inflate
    the wall clock, hardly the CPU time.
    """

    wall: float
    cpu: float
    runs: int

    def __add__(self, other: Timing) -> Timing:
        """Two steps one after the other (e.g. build then render)."""
        return Timing(self.wall + other.wall, self.cpu + other.cpu, min(self.runs, other.runs))


@dataclass
class MapFigures:
    """One map builder's costs: build (folium objects), render (to HTML), and the rendered size."""

    build: Timing
    render: Timing
    payload_bytes: int


@dataclass
class PythonFigures:
    """Everything measured without a browser for one dataset."""

    rows: int
    located: int  # rows with coordinates: the markers
    errors: int  # rows the validator rejected (the generator's rows must all pass)
    load: Timing
    filters: dict[str, Timing] = field(default_factory=dict)
    filter_rows: dict[str, int] = field(default_factory=dict)
    atlas: MapFigures | None = None
    naive: MapFigures | None = None


def median_timing(action: Callable[[], object], runs: int, budget: float = STEP_BUDGET_SECONDS) -> Timing:
    """Time `action` at least once, then up to `runs` times while the total stays within `budget`."""
    walls: list[float] = []
    cpus: list[float] = []
    while len(walls) < runs and sum(walls) < budget:
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), len(walls))


def measure_python(path: Path, runs: int, naive: bool = True) -> PythonFigures:
    """Load + validate, the three filters, the atlas map and (unless `naive` is False) the baseline."""
    dataset = load_deployments(path)  # the warm-up run
    rows, errors = dataset.rows, sum(problem.is_error for problem in dataset.problems)
    load = median_timing(lambda: load_deployments(path), runs)
    figures = PythonFigures(len(rows), len(located_rows(rows)), errors, load)
    options = filter_options(rows)
    for name, params in FILTER_SETS.items():
        figures.filters[name] = median_timing(lambda p=params: _apply(p, options, rows), runs)
        figures.filter_rows[name] = len(_apply(params, options, rows))
    figures.atlas = measure_map(lambda: build_map(rows, LANG), runs)
    if naive:
        figures.naive = measure_map(lambda: build_naive_map(rows, LANG), runs)
    return figures


def measure_map(build: Callable[[], folium.Map], runs: int) -> MapFigures:
    """Build a fresh map per run, then render it as the browser receives it (m.get_root().render())."""
    maps: list[folium.Map] = []
    build_timing = median_timing(lambda: maps.append(build()), runs)
    pages = iter(maps)
    html: list[str] = []
    render_timing = median_timing(lambda: html.append(next(pages).get_root().render()), build_timing.runs)
    return MapFigures(build_timing, render_timing, len(html[-1].encode("utf-8")))


def _apply(params: dict, options, rows: pd.DataFrame) -> pd.DataFrame:
    """What every page does with the URL: read the filters, then keep the rows that pass them."""
    return Filters.from_params(params, options, LANG)[0].apply(rows)
