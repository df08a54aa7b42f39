"""The benchmark's generator makes valid rows, its harness runs end to end, and its pure parts (goal
verdicts, table rows, zoom medians, the load test's section of RESULTS.md) say what was measured.
No browser and no timing is asserted here."""

import csv
import math
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.generate import SEED, generate_deployments, write_deployments
from benchmarks.load import Session
from benchmarks.load_report import load_outcome, not_measured_section, p95, results_section
from benchmarks.measure_browser import BrowserFigures
from benchmarks.measure_goals import SizeResult, check_goals
from benchmarks.measure_zoom import zoom_medians
from benchmarks.report import results_markdown, results_table
from utils.paths import DEPLOYMENTS_CSV
from utils.validate import validate_file

SMOKE_ROWS = 20


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """2 000 rows: enough for nationwide rows, sites, several vendors and repeated communes."""
    return write_deployments(2000, out_dir=tmp_path_factory.mktemp("bench"))


def test_generated_rows_pass_the_validator_with_no_error_and_no_warning(generated):
    """Test that every generated row passes utils.validate: no error, not even a suspected duplicate."""
    report = validate_file(generated)
    assert (report.rows, [problem.format() for problem in report.problems]) == (2000, [])


def test_generated_rows_cover_every_kind_of_place(generated):
    """Test that the rows mix commune points, sites and nationwide systems, as the real data does."""
    precisions = {row["geo_precision"] for row in read_rows(generated)}
    assert precisions == {"commune", "site", "national"}


def test_generated_rows_are_clearly_synthetic_with_unique_ids(generated):
    """Test that ids are unique, every source is an https example.org URL and descriptions say so."""
    rows = read_rows(generated)
    sources = [url for row in rows for url in row["sources"].split("|")]
    assert len({row["id"] for row in rows}) == len(rows)
    assert all(url.startswith("https://example.org/synthetic/") for url in sources)
    assert all("synthétique" in row["description_fr"] and len(row["description_fr"]) >= 300 for row in rows)


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    """Test that generation is reproducible: the seed alone decides the rows."""
    first, again = generate_deployments(50, SEED), generate_deployments(50, SEED)
    assert first.equals(again)
    assert not first.equals(generate_deployments(50, SEED + 1))


def test_the_harness_measures_20_rows_and_writes_a_report(tmp_path, capsys):
    """Test that `python -m benchmarks` on 20 rows without browser prints and writes a filled table."""
    results = tmp_path / "RESULTS.md"
    status = main(["--sizes", str(SMOKE_ROWS), "--runs", "1", "--no-browser", "--out", str(tmp_path),
                   "--results", str(results)])
    printed, report = capsys.readouterr().out, results.read_text(encoding="utf-8")
    assert status == 0
    assert (tmp_path / f"deployments-{SMOKE_ROWS}.csv").exists()
    rows = {line.split(" | ")[0].strip("| "): line for line in report.splitlines() if line.startswith("| ")}
    assert f"| {SMOKE_ROWS} / " in rows["Rows kept / markers (errors)"]
    assert " B (×" in rows["Map payload per marker"]
    assert rows["Browser: nav → markers"].endswith("| — |")
    assert "## Machine" in report and "No goal is set at these sizes" in report
    assert "## Load (20 concurrent sessions)\n\nNot measured: --no-browser." in report
    assert rows["Map payload per marker"] in printed


# --- zoom: medians, goals, table rows -----------------------------------------------------------------

def zoom_step(settled_ms: float | None, longest_frame_ms: float, zoomend_ms: float = 250.0) -> dict:
    return {"settled_ms": settled_ms, "longest_frame_ms": longest_frame_ms, "zoomend_ms": zoomend_ms}


def test_zoom_medians_leave_out_the_steps_that_timed_out():
    """Test that a step that never settled counts in no median, not even the longest frame's."""
    steps = [zoom_step(500, 30, 260), zoom_step(None, 900), zoom_step(700, 50, 280), zoom_step(600, 40, 270)]
    assert zoom_medians(steps) == {"zoom_ms": 600, "zoomend_ms": 270, "zoom_frame_ms": 40}


@pytest.mark.parametrize("steps", [[], [zoom_step(None, 120), zoom_step(None, 80)]])
def test_zoom_medians_are_not_a_number_when_no_step_settled(steps):
    """Test that without a settled step every zoom figure is NaN (shown as not measured)."""
    assert all(math.isnan(value) for value in zoom_medians(steps).values())


def zoom_verdicts(size: int, figures: BrowserFigures | None) -> dict[str, str]:
    verdicts = check_goals({size: SizeResult(size, browser=figures)})
    return {v.goal.text: f"{v.word}: {v.found}" for v in verdicts if "zoom" in v.goal.text}


SETTLED, FRAME = ("A zoom step settled (zoom ended, clusters redrawn) ≤ 1 s",
                  "Longest frame during a zoom step ≤ 100 ms")


@pytest.mark.parametrize(("zoom_ms", "frame_ms", "expected"), [
    (980.0, 100.0, {SETTLED: "met: 0.98 s", FRAME: "met: 100 ms"}),
    (1001.0, 16.7, {SETTLED: "MISSED: 1 s", FRAME: "met: 17 ms"}),
    (300.0, 240.0, {SETTLED: "met: 0.3 s", FRAME: "MISSED: 240 ms"}),
    (math.nan, math.nan, {SETTLED: "not measured: —", FRAME: "not measured: —"}),
])
def test_zoom_goals_at_10000_rows_judge_the_settle_time_and_the_longest_frame(zoom_ms, frame_ms, expected):
    """Test that the two zoom goals read the browser's zoom medians: at most 1 s and at most 100 ms."""
    figures = BrowserFigures(markers_ms=1000.0, zoom_ms=zoom_ms, zoom_frame_ms=frame_ms)
    assert zoom_verdicts(10_000, figures) == expected


@pytest.mark.parametrize("size", [1_000, 50_000])
def test_zoom_goals_are_set_at_10000_rows_only(size):
    """Test that zoom is reported at other sizes but judged only at 10 000 rows."""
    assert zoom_verdicts(size, BrowserFigures(zoom_ms=900.0, zoom_frame_ms=300.0)) == {}


def table_rows(table: str) -> dict[str, list[str]]:
    cells = [line.strip("|").split(" | ") for line in table.splitlines()[2:]]
    return {row[0].strip(): [cell.strip() for cell in row[1:]] for row in cells}


def test_the_table_gives_the_zoom_figures_with_their_ratio_to_the_baseline_where_it_was_measured():
    """Test that the zoom rows show atlas figures, with (×r) when the baseline ran in the browser."""
    atlas = BrowserFigures(zoom_ms=600.0, zoomend_ms=270.0, zoom_frame_ms=45.0)
    naive = BrowserFigures(zoom_ms=500.0, zoomend_ms=270.0, zoom_frame_ms=90.0)
    rows = table_rows(results_table({10_000: SizeResult(10_000, browser=atlas, naive_browser=naive),
                                     50_000: SizeResult(50_000, browser=atlas)}))
    assert rows["Browser: zoom step → settled"] == ["600 ms (×1.2)", "600 ms"]
    assert rows["…of which until Leaflet's zoomend"] == ["270 ms (×1)", "270 ms"]
    assert rows["Browser: longest frame during a zoom"] == ["45 ms (×0.5)", "45 ms"]


# --- the load test in RESULTS.md ------------------------------------------------------------------------

MB = 1_000_000


def load_run(sessions: list[Session]) -> dict:
    return {"sessions": sessions, "alone": Session(0, 2000.0, 500.0, 270), "wall_s": 60.0, "cpu_s": 12.0,
            "before": 240 * MB, "peak": 360 * MB, "open_after": 300 * MB, "closed_after": 290 * MB,
            "data": DEPLOYMENTS_CSV, "rows": 281, "located": 270, "browsers": 2}


def good_sessions(count: int) -> list[Session]:
    """Session n drew its markers after n seconds and redrew after n/10 seconds."""
    return [Session(n, 1000.0 * n, 100.0 * n, 270) for n in range(1, count + 1)]


def test_p95_is_the_nearest_rank_the_19th_of_20_values():
    """Test that p95 of 1..20 is 19 (nearest rank), of one value that value, of none NaN."""
    assert (p95(list(range(20, 0, -1))), p95([7.0])) == (19, 7.0)
    assert math.isnan(p95([]))


def test_the_load_outcome_counts_only_successful_sessions_in_the_times_and_all_in_memory():
    """Test that a failed session is left out of median and p95 but counts in memory per session."""
    failed = Session(21, error="TimeoutError: 240000 ms exceeded")
    outcome = load_outcome(load_run([*good_sessions(20), failed]))
    assert (outcome.sessions, outcome.succeeded) == (21, 20)
    assert (outcome.markers_median_ms, outcome.markers_p95_ms) == (10_500.0, 19_000.0)
    assert (outcome.filter_median_ms, outcome.filter_p95_ms) == (1050.0, 1900.0)
    assert (outcome.idle_mb, outcome.peak_mb, outcome.open_mb) == (240, 360, 300)
    assert outcome.per_session_mb == pytest.approx(60 / 21)


def test_the_load_section_gives_times_memory_and_every_failed_session():
    """Test that RESULTS.md's load section has its heading, the figures, and names a failed session."""
    dialog = Session(4, 3000.0, 300.0, 270, dialogs=["Page not found"])
    section = results_section(load_run([*good_sessions(3), dialog]))
    assert section.startswith("## Load (4 concurrent sessions)\n")
    assert "`data/deployments.csv` (281 rows, 270 on the map)" in section
    assert "| Sessions that succeeded | 3 / 4 |" in section
    assert "| Navigation → all markers drawn, median / p95 | 2.0 s / 3.0 s |" in section
    assert "| Technology picked → map redrawn, median / p95 | 0.2 s / 0.3 s |" in section
    assert "| Server memory idle / peak / with the sessions open | 240 / 360 / 300 MB |" in section
    assert "| Server memory per open session | 15.0 MB |" in section
    assert section.rstrip().endswith("- session 4: Page not found")


def test_results_markdown_ends_with_the_load_section_after_the_goals():
    """Test that RESULTS.md holds the load test's section, after the figures and the goals."""
    section = results_section(load_run(good_sessions(20)))
    report = results_markdown({"Cores": "2"}, "| Figure |", [], "--sizes 100", section)
    assert report.index("## Figures") < report.index("## Goals") < report.index("## Load (20 concurrent")
    assert report.endswith(section)


def test_a_load_test_that_did_not_run_says_why():
    """Test that the load section names the reason when the test was skipped or failed."""
    expected = "## Load (20 concurrent sessions)\n\nNot measured: --no-load.\n"
    assert not_measured_section(20, "--no-load") == expected
