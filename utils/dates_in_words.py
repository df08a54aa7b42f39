"""Dates in words: a partial ISO date ("2019-10-01", "2022-12", "2019") in French or English.

One place for the month names of the timeline's milestones, the letters and the dossiers.
"""

from __future__ import annotations

from utils.i18n import tr
from utils.timeline import date_period

MONTHS = (
    ("janvier", "January"), ("février", "February"), ("mars", "March"), ("avril", "April"), ("mai", "May"),
    ("juin", "June"), ("juillet", "July"), ("août", "August"), ("septembre", "September"),
    ("octobre", "October"), ("novembre", "November"), ("décembre", "December"),
)


def readable_date(text: object, lang: str) -> str:
    """A partial ISO date in words: "2019-10-01" -> "1er octobre 2019" / "1 October 2019"; "2022-12"
    -> "décembre 2022"; "2019" -> "2019". Text that is not such a date is returned as it is."""
    text = str(text or "").strip()
    if date_period(text) is None:
        return text
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = tr(lang, *MONTHS[parts[1] - 1])
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = tr(lang, "1er", "1") if parts[2] == 1 else str(parts[2])
    return f"{day} {month} {parts[0]}"


def french_date(value: object) -> str:
    """`readable_date` in French: '2 novembre 2018', 'novembre 2018', '2018'."""
    return readable_date(value, "fr")
