"""The benchmark's generator makes valid rows, and its harness runs end to end (no timing asserted)."""

import csv
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.generate import SEED, generate_deployments, write_deployments
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
    assert rows["Map payload per marker"] in printed
