"""What to improve in the deployments: `python -m utils.report [FILE] [--lang en] [--today AAAA-MM-JJ]`.

Not errors (the validator finds those) but the work left for editors: rows resting on a single
source, descriptions missing in one language, rows not checked for a year, commune-level points of
rows that name their site, suspected duplicates, vendors without a card in data/vendors.csv.
Prints Markdown-ish text, counts first. Exit status 0, or 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from utils.checks import Sheet
from utils.checks_content import check_suspected_duplicates
from utils.i18n import normalize_lang, tr
from utils.paths import deployments_path
from utils.schema import split_multi
from utils.tabular import TableReadError, read_table
from utils.vendors import VendorCards, load_vendor_cards

EXIT_UNREADABLE = 2
ROWS_NAMED = 5  # ids listed per vendor


@dataclass(frozen=True)
class Finding:
    """One thing to improve: the rows concerned, what they are (an id, a vendor) and why."""

    rows: tuple[int, ...]
    label: str
    detail: str


@dataclass(frozen=True)
class Section:
    """One category of the report, titled in the reader's language."""

    key: str
    title: str
    findings: list[Finding]


def _one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def single_source(frame: pd.DataFrame, lang: str) -> list[Finding]:
    """Rows with at most one source: one more would corroborate them."""
    counts = frame["sources"].map(lambda cell: len(split_multi(cell)))
    return [_finding(frame, row, frame.at[row, "sources"] or tr(lang, "aucune source", "no source"))
            for row in counts.index[counts <= 1]]


def missing_translations(frame: pd.DataFrame, lang: str) -> list[Finding]:
    """Rows whose French or English description is empty, or both are the same text."""
    fr, en = frame["description_fr"], frame["description_en"]
    findings = []
    for row in frame.index:
        if not fr[row] or not en[row]:
            empty = "description_fr" if not fr[row] else "description_en"
            findings.append(_finding(frame, row, tr(lang, f"{empty} vide", f"{empty} is empty")))
        elif fr[row].casefold() == en[row].casefold():
            findings.append(_finding(frame, row, tr(lang, "descriptions identiques en français et en anglais",
                                                    "same text in French and English")))
    return findings


def stale(frame: pd.DataFrame, lang: str, today: dt.date) -> list[Finding]:
    """Rows whose last_verified is empty or more than 12 months before `today`."""
    cutoff = pd.Timestamp(_one_year_before(today))
    checked = pd.to_datetime(frame["last_verified"], format="%Y-%m-%d", errors="coerce")
    never = frame["last_verified"] == ""
    old = checked < cutoff
    return [_finding(frame, row, tr(lang, "jamais vérifiée", "never checked") if never[row]
                     else tr(lang, f"vérifiée le {frame.at[row, 'last_verified']}",
                             f"checked on {frame.at[row, 'last_verified']}"))
            for row in frame.index[never | old]]


def placeable_on_site(frame: pd.DataFrame, lang: str) -> list[Finding]:
    """Rows placed at their commune's point although they name a site (geocode --online can place them)."""
    at_commune = (frame["geo_precision"] == "commune") & (frame["site"] != "")
    return [_finding(frame, row, frame.at[row, "site"]) for row in frame.index[at_commune]]


def suspected_duplicates(frame: pd.DataFrame, lang: str, file: str = "") -> list[Finding]:
    """Rows sharing commune, vendor and technology with an earlier row (the validator's rule)."""
    sheet = Sheet(file, frame, list(frame.columns))
    problems = check_suspected_duplicates(sheet)
    # Messages read "attendu …; trouvé <the earlier row>": the report keeps what was found.
    return [_finding(frame, problem.row, problem.message.split("; trouvé ", 1)[-1]) for problem in problems]


def vendors_without_card(frame: pd.DataFrame, lang: str, cards: VendorCards) -> list[Finding]:
    """Vendor names used in rows that have no card in data/vendors.csv, with the rows that use them."""
    rows: dict[str, list[int]] = {}
    for row, cell in frame["vendor"].items():
        for name in split_multi(cell):
            rows.setdefault(name, []).append(row)
    return [Finding(tuple(found), name, _ids(frame, found, lang))
            for name, found in rows.items() if cards.card(name) is None]


def _ids(frame: pd.DataFrame, rows: list[int], lang: str) -> str:
    ids = ", ".join(frame.at[row, "id"] or f"?{row}" for row in rows[:ROWS_NAMED])
    more = "…" if len(rows) > ROWS_NAMED else ""
    return tr(lang, f"{len(rows)} ligne(s) : {ids}{more}", f"{len(rows)} row(s): {ids}{more}")


def _finding(frame: pd.DataFrame, row: int, detail: str) -> Finding:
    return Finding((int(row),), frame.at[row, "id"], detail)


def quality_report(frame: pd.DataFrame, lang: str = "fr", today: dt.date | None = None,
                   cards: VendorCards | None = None, file: str = "") -> list[Section]:
    """Every category for an all-text frame of deployments indexed by spreadsheet row."""
    frame = _prepared(frame)
    today = today or dt.date.today()
    cards = cards if cards is not None else load_vendor_cards()
    return [
        Section("single_source", tr(lang, "Lignes à une seule source", "Rows with a single source"),
                single_source(frame, lang)),
        Section("translation", tr(lang, "Traductions manquantes", "Missing translations"),
                missing_translations(frame, lang)),
        Section("stale", tr(lang, "Vérifiées il y a plus de 12 mois", "Checked more than 12 months ago"),
                stale(frame, lang, today)),
        Section("site", tr(lang, "Points à la commune qui pourraient être placés sur leur site",
                           "Commune-level points that could be placed on their site"),
                placeable_on_site(frame, lang)),
        Section("duplicates", tr(lang, "Doublons possibles", "Suspected duplicates"),
                suspected_duplicates(frame, lang, file)),
        Section("vendors", tr(lang, "Fournisseurs sans fiche", "Vendors without a card"),
                vendors_without_card(frame, lang, cards)),
    ]


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    """Stripped text cells; a column the file lacks reads as empty."""
    needed = ["id", "sources", "description_fr", "description_en", "last_verified", "geo_precision", "site",
              "vendor", "commune", "department_code", "technology"]
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = frame.reindex(columns=list(dict.fromkeys([*frame.columns, *needed])), fill_value="")
    frame = frame.astype(object).fillna("").astype(str)
    return frame.apply(lambda column: column.str.strip())


def to_text(sections: list[Section], title: str, lang: str = "fr") -> str:
    """The report as Markdown-ish text: a table of counts, then each category with its rows."""
    lines = [f"# {title}", "", tr(lang, "| Catégorie | Nombre |", "| Category | Count |"), "| --- | ---: |"]
    lines += [f"| {section.title} | {len(section.findings)} |" for section in sections]
    for section in sections:
        lines += ["", f"## {section.title} ({len(section.findings)})", ""]
        colon = tr(lang, " : ", ": ")
        lines += [f"- {_where(finding, lang)}{colon}{finding.detail}" for finding in section.findings]
    return "\n".join(lines) + "\n"


def _where(finding: Finding, lang: str) -> str:
    if len(finding.rows) == 1:
        return f"{tr(lang, 'ligne', 'row')} {finding.rows[0]} [{finding.label}]"
    return finding.label


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m utils.report", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path,
                        help="CSV (défaut : $ATLAS_DATA ou data/deployments.csv)")
    parser.add_argument("--lang", default="fr", help="fr (défaut) ou en")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="date du jour (AAAA-MM-JJ)")
    args = parser.parse_args(argv)
    path, lang = args.file or deployments_path(), normalize_lang(args.lang)
    try:
        table = read_table(path)
    except TableReadError as exc:
        print(f"{path}: erreur: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    sections = quality_report(table.to_frame(), lang, args.today, file=table.path.name)
    title = tr(lang, f"Rapport de qualité : {table.path.name} ({len(table.rows)} lignes)",
               f"Quality report: {table.path.name} ({len(table.rows)} rows)")
    print(to_text(sections, title, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
