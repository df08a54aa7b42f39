"""RESULTS.md and the printed summary: the table of figures, the goals, the load test's outcome."""

from __future__ import annotations

import math
from collections.abc import Callable

from benchmarks.measure_goals import SizeResult, Verdict
from benchmarks.measure_python import FILTER_SETS, Timing

REPORT_INTRO = """# Benchmark results

Written by `make bench` (`python -m benchmarks`); see README.md for what each figure measures.
Synthetic datasets over real communes (benchmarks/generate.py). Times are medians: wall clock,
with this process's CPU time in brackets for the Python steps. "(×r)" is the atlas's figure divided
by the baseline's (one folium.Marker with an HTML popup per row, in a MarkerCluster), of CPU times
for the Python steps: below 1 is better. Browser figures: headless Debian chromium, a fresh context
per page load, the app served by `streamlit run` on the generated file; "first visit" is the first
load after the server started."""


# --- the table ---------------------------------------------------------------------------------------

Getter = Callable[[SizeResult], object]


def _py(read: Callable) -> Getter:
    return lambda result: read(result.python) if result.python else None


def _web(name: str, naive: bool = False) -> Getter:
    return lambda result: getattr(result.naive_browser if naive else result.browser, name, None)


ROWS: list[tuple[str, Getter, Getter | None, str]] = [
    ("Rows kept / markers (errors)", _py(lambda p: f"{p.rows} / {p.located} ({p.errors})"), None, "text"),
    ("Load + validate", _py(lambda p: p.load), None, "time"),
    *((f"Filter: {name}", _py(lambda p, n=name: p.filters[n]), None, "time") for name in FILTER_SETS),
    ("Map build (build_map)", _py(lambda p: p.atlas.build), _py(lambda p: p.naive.build), "time"),
    ("Map render (get_root().render())", _py(lambda p: p.atlas.render), _py(lambda p: p.naive.render),
     "time"),
    ("Map payload", _py(lambda p: p.atlas.payload_bytes), _py(lambda p: p.naive.payload_bytes), "bytes"),
    ("Map payload per marker", _py(lambda p: p.atlas.payload_bytes / max(p.located, 1)),
     _py(lambda p: p.naive.payload_bytes / max(p.located, 1)), "B"),
    ("Baseline build + render", _py(lambda p: p.naive.build + p.naive.render), None, "time"),
    ("Browser: first visit, nav → markers", _web("first_visit_ms"), _web("first_visit_ms", True), "ms"),
    ("Browser: nav → markers", _web("markers_ms"), _web("markers_ms", True), "ms"),
    ("Browser: map data → markers", _web("after_data_ms"), _web("after_data_ms", True), "ms"),
    ("Browser: map message (websocket)", _web("map_message_bytes"), _web("map_message_bytes", True), "bytes"),
    ("Browser: zoom step → settled", _web("zoom_ms"), _web("zoom_ms", True), "ms"),
    ("…of which until Leaflet's zoomend", _web("zoomend_ms"), _web("zoomend_ms", True), "ms"),
    ("Browser: longest frame during a zoom", _web("zoom_frame_ms"), _web("zoom_frame_ms", True), "ms"),
    ("Browser: filter change → redrawn", _web("filter_ms"), None, "ms"),
    ("…of which until the map message", _web("filter_server_ms"), None, "ms"),
    ("Server peak memory", _web("peak_memory_mb"), _web("peak_memory_mb", True), "MB"),
]


def results_table(results: dict[int, SizeResult]) -> str:
    """One Markdown table: a row per figure, a column per size; (×r) = atlas ÷ baseline."""
    sizes = sorted(results)
    lines = ["| Figure | " + " | ".join(f"{_thousands(size)} rows" for size in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for label, atlas, naive, kind in ROWS:
        cells = [_cell(atlas(results[size]), naive(results[size]) if naive else None, kind) for size in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: object, baseline: object, kind: str) -> str:
    number, text = _number(value), _format(value, kind)
    reference = _number(baseline)
    if number is None or reference in (None, 0):
        return text
    return f"{text} (×{number / reference:.2g})"


def _number(value: object) -> float | None:
    if isinstance(value, Timing):  # CPU time: the ratio then hardly depends on the machine's load
        return value.cpu
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return None


def _format(value: object, kind: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, Timing):
        return f"{_seconds(value.wall)} (CPU {_seconds(value.cpu)})"
    formats = {"ms": lambda v: _seconds(v / 1000), "s": _seconds, "bytes": _bytes,
               "B": lambda v: f"{v:.0f} B", "MB": lambda v: f"{v:.0f} MB", "text": str}
    return formats[kind](value)


def _seconds(value: float) -> str:
    return f"{value * 1000:.3g} ms" if value < 1 else f"{value:.3g} s"


def _bytes(value: float) -> str:
    return f"{value / 1e6:.3g} MB" if value >= 1e6 else f"{value / 1e3:.3g} kB"


# --- the report --------------------------------------------------------------------------------------

def goals_text(verdicts: list[Verdict]) -> str:
    """One line per goal: met / MISSED / not measured, with the figure found."""
    if not verdicts:
        return "No goal is set at these sizes (goals are at 10 000 and 50 000 rows)."
    return "\n".join(f"- [{v.word}] {_thousands(v.goal.size)} rows: {v.goal.text} — found {v.found}"
                     for v in verdicts)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def results_markdown(machine: dict[str, str], table: str, verdicts: list[Verdict], options: str,
                     load_section: str) -> str:
    """RESULTS.md: how to read it, the machine and options, the table, the goals, the load test."""
    facts = "\n".join(f"- {label}: {value}" for label, value in machine.items())
    return (f"{REPORT_INTRO}\n\n## Machine\n\n{facts}\n- Options: `{options}`\n\n## Figures\n\n{table}\n\n"
            f"## Goals\n\n{goals_text(verdicts)}\n\n{load_section.rstrip()}\n")

