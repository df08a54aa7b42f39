"""The load test's figures: LOAD.md (the detailed report) and its section of RESULTS.md.

`run` is what benchmarks.load.measure returns: the sessions (load.Session), the visitor alone, the
wave's wall clock, the server's memory (bytes) idle before, peak, with the sessions open and after
they closed, and its CPU time over the wave.
"""

from __future__ import annotations

import math
import os
import statistics
from dataclasses import dataclass
from pathlib import Path

from utils.paths import ROOT

MB = 1e6
SETTLE_S = 5  # after the sessions, before reading the server's memory: pending reruns finish


@dataclass(frozen=True)
class LoadOutcome:
    """The figures RESULTS.md and LOAD.md give: times in ms over the sessions that succeeded, memory in MB."""

    sessions: int
    succeeded: int
    markers_median_ms: float
    markers_p95_ms: float
    filter_median_ms: float
    filter_p95_ms: float
    idle_mb: float
    peak_mb: float
    open_mb: float
    per_session_mb: float


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank (with 20 values: the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else math.nan


def load_outcome(run: dict) -> LoadOutcome:
    """Medians and p95 over the sessions that succeeded; memory idle, peak, open, and per open session."""
    done, count = [s for s in run["sessions"] if s.ok], len(run["sessions"])
    markers, filters = [s.markers_ms for s in done], [s.filter_ms for s in done]
    return LoadOutcome(
        sessions=count, succeeded=len(done),
        markers_median_ms=_median(markers), markers_p95_ms=p95(markers),
        filter_median_ms=_median(filters), filter_p95_ms=p95(filters),
        idle_mb=run["before"] / MB, peak_mb=run["peak"] / MB, open_mb=run["open_after"] / MB,
        per_session_mb=(run["open_after"] - run["before"]) / max(count, 1) / MB)


def results_section(run: dict, details: str = "LOAD.md") -> str:
    """The "## Load (N concurrent sessions)" section of RESULTS.md; `details` names the detailed report."""
    o = load_outcome(run)
    return "\n".join([
        f"## Load ({o.sessions} concurrent sessions)", "",
        f"{o.sessions} headless browser sessions opened the map page of `{_relative(run['data'])}` "
        f"({run['rows']} rows, {run['located']} on the map) at the same moment, then each picked a "
        "technology; browsers and server share this machine, so the times are those of a saturated "
        f"machine. Method and more figures: {details}.", "",
        "| Figure | Value |", "|---|---|",
        f"| Sessions that succeeded | {o.succeeded} / {o.sessions} |",
        f"| Navigation → all markers drawn, median / p95 | {_pair(o.markers_median_ms, o.markers_p95_ms)} |",
        f"| Technology picked → map redrawn, median / p95 | {_pair(o.filter_median_ms, o.filter_p95_ms)} |",
        f"| Server memory idle / peak / with the sessions open | {o.idle_mb:.0f} / {o.peak_mb:.0f} / "
        f"{o.open_mb:.0f} MB |",
        f"| Server memory per open session | {o.per_session_mb:.1f} MB |",
    ] + (["", "Failed sessions:", "", *failures] if (failures := _failures(run)) else [])) + "\n"


def not_measured_section(sessions: int, reason: str) -> str:
    """The load section when the test did not run (`--no-load`, `--no-browser`) or failed."""
    return f"## Load ({sessions} concurrent sessions)\n\nNot measured: {reason}.\n"


def load_markdown(run: dict, machine: dict[str, str]) -> str:
    """LOAD.md: setup, outcome, times, memory, and any failed session."""
    o, alone, count = load_outcome(run), run["alone"], len(run["sessions"])
    lines = [
        "# Load: concurrent visitors", "",
        "Written by `python -m benchmarks.load` or `python -m benchmarks` (see benchmarks/load.py for the "
        f"method). {count} browser sessions started at once against one `streamlit run app.py` on 127.0.0.1, "
        f"in {run['browsers']} headless chromium process(es), each opening the map page, then picking "
        "a technology in the sidebar. The browsers run on the same machine as the server: their "
        "rendering competes with it for the cores, so the times are those of a saturated machine; the "
        "server's CPU time is what a deployment must provide per visit.", "",
        "| Setting | Value |", "|---|---|",
        f"| Data | `{_relative(run['data'])}`: {run['rows']} rows, {run['located']} on the map |",
        *(f"| {name} | {value} |" for name, value in machine.items()), "",
        "## Outcome", "",
        "| Figure | Value |", "|---|---|",
        "| One visitor alone, before: navigation → markers / filter → redrawn | "
        f"{_pair(alone.markers_ms, alone.filter_ms)} |",
        f"| Sessions that succeeded | {o.succeeded} / {count} |",
        f"| All sessions, start to last redraw | {run['wall_s']:.1f} s |",
        f"| Navigation → all markers drawn, median / p95 | {_pair(o.markers_median_ms, o.markers_p95_ms)} |",
        f"| Technology picked → map redrawn, median / p95 | {_pair(o.filter_median_ms, o.filter_p95_ms)} |",
        f"| Server CPU time, all / per session | {run['cpu_s']:.1f} s / {run['cpu_s'] / count:.2f} s |",
        f"| Server memory (RSS) idle after warm-up | {o.idle_mb:.0f} MB |",
        f"| Server memory, peak during the run | {o.peak_mb:.0f} MB |",
        f"| Server memory with the {count} sessions open | {o.open_mb:.0f} MB |",
        f"| … per open session | {o.per_session_mb:.1f} MB |",
        f"| Server memory {SETTLE_S} s after they closed | {run['closed_after'] / MB:.0f} MB |",
        "", "## Reading", "", _reading(run, count),
    ]
    failed = _failures(run)
    return "\n".join(lines + (["", "## Failed sessions", "", *failed] if failed else [])) + "\n"


def _failures(run: dict) -> list[str]:
    return [f"- session {s.number}: " + "; ".join(filter(None, [s.error, *s.dialogs]))
            for s in run["sessions"] if not s.ok]


def _reading(run: dict, count: int) -> str:
    """Where the time went: the server's share of the cores, and what one visit costs it."""
    cores = os.cpu_count() or 1
    share = run["cpu_s"] / (run["wall_s"] * cores)
    per_visit = run["cpu_s"] / count
    return (f"Over the {run['wall_s']:.0f} s of the wave the server used {run['cpu_s']:.1f} CPU-seconds, "
            f"{share:.0%} of the machine's {cores} core(s): the rest went to the {count} browsers on the "
            "same machine and to the other processes the load average counts, so the times above measure a "
            f"saturated client more than the server. One visit (open the map, pick a technology) costs the "
            f"server {per_visit:.2f} CPU-second: one core serves about {1 / per_visit:.1f} such visits per "
            "second, and each open tab holds the memory given per session.")


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def _s(milliseconds: float) -> str:
    return "—" if math.isnan(milliseconds) else f"{milliseconds / 1000:.1f} s"


def _pair(first_ms: float, second_ms: float) -> str:
    return f"{_s(first_ms)} / {_s(second_ms)}"


def _relative(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
