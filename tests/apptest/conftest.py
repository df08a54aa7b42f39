"""Fixtures for the AppTest suites: small deployments files (ATLAS_DATA) and pages run alone."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from utils.schema import columns

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "app"
SMALL_CSV = FIXTURES / "deployments.csv"  # 8 valid rows of the real data
BAD_ROW_CSV = FIXTURES / "bad_row.csv"  # the same 8 rows and, at spreadsheet row 5, one with a bad status
BAD_ROW_ID, BAD_ROW_NUMBER = "nice-bad-status-2021", 5
TIMEOUT = 60
_COUNT = re.compile(r"^\*\*(\d+)\*\* (?:sur|of) (\d+) ")


@pytest.fixture
def small_data(monkeypatch) -> Path:
    """ATLAS_DATA points at the small valid file."""
    monkeypatch.setenv("ATLAS_DATA", str(SMALL_CSV))
    return SMALL_CSV


@pytest.fixture
def bad_row_data(monkeypatch) -> Path:
    """ATLAS_DATA points at the file with one bad row."""
    monkeypatch.setenv("ATLAS_DATA", str(BAD_ROW_CSV))
    return BAD_ROW_CSV


def open_app(script: str, lang: str = "fr", **params: str | list[str]) -> AppTest:
    """Run `script` (app.py or pages/x.py) once, as a visitor following a link with these parameters."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    if lang != "fr":
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def url(at: AppTest) -> dict[str, list[str]]:
    """The query parameters after the run, every value as a list."""
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


def texts(at: AppTest) -> str:
    """Every Markdown text and caption of the page, without the escaping of ui.text.md."""
    return "\n".join(element.value for element in [*at.markdown, *at.caption]).replace("\\", "")


def count(at: AppTest) -> tuple[int, int]:
    """(shown, total) from the "**N** sur M déploiements" line."""
    return next((int(m[1]), int(m[2])) for element in at.markdown if (m := _COUNT.match(element.value)))


def warnings(at: AppTest) -> list[str]:
    """The text of every warning, unescaped."""
    return [warning.value.replace("\\", "") for warning in at.warning]


def write_deployments(path: Path, fields: tuple[str, ...], rows: list[tuple], common: dict) -> Path:
    """A deployments CSV of `rows` (values of `fields`), completed by `common` and an operator per commune."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns())
        writer.writeheader()
        for values in rows:
            row = dict(zip(fields, values, strict=True))
            writer.writerow({**common, **row, "operator": f"Ville de {row['commune']}"})
    return path


def run_with_params(at: AppTest, lang: str = "fr", **params: list[str]) -> AppTest:
    """Run a page not yet run, as a visitor following a link in `lang` with these parameters."""
    at.query_params["lang"] = [lang]
    for key, values in params.items():
        at.query_params[key] = values
    return at.run()
