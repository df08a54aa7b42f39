"""Legal and political milestones (data/events.csv), numbered, dated in words, drawn on the time axis.

Bad rows are reported with their spreadsheet row and column and left off the chart; a missing or
empty file only means there are no milestones to draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from utils.dates_in_words import readable_date
from utils.i18n import tr
from utils.paths import EVENTS_CSV
from utils.popups import safe_url
from utils.problems import WARNING, Problem
from utils.tabular import TableReadError, read_table
from utils.timeline import date_midpoint

EVENT_COLUMNS = ("date", "title_fr", "title_en", "description_fr", "description_en", "kind", "source")
REQUIRED_COLUMNS = ("date", "title_fr", "title_en")
# (French, English) label of each kind of milestone (data/events.schema.json).
KINDS = {
    "law": ("Loi ou décret", "Law or decree"),
    "court": ("Décision de justice", "Court ruling"),
    "regulator": ("CNIL ou autorité de contrôle", "CNIL or regulator"),
    "policy": ("Décision publique", "Public policy"),
}
@dataclass
class Events:
    """The milestones that can be drawn (`when` = middle of their date's period) and the problems found."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False  # True when the file is absent, empty or unreadable


def load_events(path: Path | str | None = None) -> Events:
    """Read data/events.csv; rows with a bad date or no title are reported and left out."""
    path = Path(path or EVENTS_CSV)
    try:
        frame = read_table(path).to_frame()
    except TableReadError as exc:
        return Events(_empty_frame(), [Problem(path.name, 0, "", "", str(exc))], missing=True)
    absent = [name for name in REQUIRED_COLUMNS if name not in frame.columns]
    if absent:
        received = ", ".join(frame.columns[:-1])  # the last column is the reader's __extra__
        message = f"colonnes attendues absentes : {', '.join(absent)} (reçu : {received})"
        return Events(_empty_frame(), [Problem(path.name, 0, "", "", message)], missing=frame.empty)
    frame = frame.reindex(columns=list(EVENT_COLUMNS)).fillna("").astype(str)
    frame = frame.apply(lambda col: col.str.strip())
    problems = [problem for row, cells in frame.iterrows()
                for problem in _row_problems(path.name, row, cells)]
    bad = {problem.row for problem in problems if problem.is_error}
    good = frame[~frame.index.isin(bad)].copy()
    good["when"] = pd.to_datetime(good["date"].map(date_midpoint))
    return Events(good.sort_values("when", kind="stable"), problems, missing=frame.empty)


def localized_events(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The milestones in one language, numbered in date order: when, number, date, title, kind, source,
    site (the source's site name, short enough for a tooltip on a phone).

    `date` is written in words ("25 octobre 2019"); a title missing in `lang` falls back to the other
    language; a source that is not an http(s) URL (reported when loading) is left out, so that a list
    can show sources as links.
    """
    events = events.sort_values("when", kind="stable")
    first, second = ("title_en", "title_fr") if lang == "en" else ("title_fr", "title_en")
    title = events[first].where(events[first] != "", events[second])
    sources = events["source"].map(lambda url: safe_url(url) or "")
    return pd.DataFrame({
        "when": events["when"],
        "number": range(1, len(events) + 1),
        "date": [readable_date(text, lang) for text in events["date"]],
        "title": title,
        "kind": [kind_label(code, lang) for code in events["kind"]],
        "source": sources,
        "site": [source_name(url) if url else "" for url in sources],
    }).reset_index(drop=True)


def kind_label(code: str, lang: str) -> str:
    """The label of a kind of milestone (law, court, regulator, policy), or the code itself if unknown."""
    names = KINDS.get(code)
    return tr(lang, *names) if names else code


def placed_milestones(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                      min_gap_share: float) -> pd.DataFrame:
    """The milestones (localized_events) from `start` to just before `end`, each with its marker's `row`.

    Markers closer than `min_gap_share` of the period stagger into rows (see stagger), so that their
    numbers do not overlap.
    """
    shown = events[(events["when"] >= start) & (events["when"] < end)].sort_values("when", kind="stable")
    days = [(when - start).days for when in shown["when"]]
    return shown.assign(row=stagger(days, (end - start).days * min_gap_share)).reset_index(drop=True)


def stagger(positions: list[float], min_gap: float) -> list[int]:
    """A row for each sorted position, so that two markers in a row are at least `min_gap` apart.

    Each marker takes the lowest row whose last marker is far enough: row 0 when there is room.
    """
    last_in_row: list[float] = []
    rows = []
    for position in positions:
        row = next((index for index, last in enumerate(last_in_row) if position - last >= min_gap),
                   len(last_in_row))
        if row == len(last_in_row):
            last_in_row.append(position)
        last_in_row[row] = position
        rows.append(row)
    return rows


def source_name(url: str) -> str:
    """The site a source is on, as a link's text ("cnil.fr" for https://www.cnil.fr/…)."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def missing_note(lang: str) -> str:
    """What the timeline says when there are no milestones to draw."""
    return tr(lang, "Aucun jalon juridique à afficher : le fichier data/events.csv est absent ou vide.",
              "No legal milestones to show: the file data/events.csv is missing or empty.")


def _row_problems(file: str, row: int, cells: pd.Series) -> list[Problem]:
    problems = []
    if date_midpoint(cells["date"]) is None:
        message = f"date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ, reçu « {cells['date']} »"
        problems.append(Problem(file, row, "", "date", message))
    if not cells["title_fr"] and not cells["title_en"]:
        problems.append(Problem(file, row, "", "title_fr", "titre manquant (title_fr ou title_en)"))
    if cells["source"] and safe_url(cells["source"]) is None:
        problems.append(Problem(file, row, "", "source", f"URL http(s) attendue, reçu « {cells['source']} »",
                                WARNING))
    return problems


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({**{name: pd.Series(dtype=str) for name in EVENT_COLUMNS},
                         "when": pd.Series(dtype="datetime64[ns]")})
