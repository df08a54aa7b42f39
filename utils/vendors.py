"""Who sells the systems: per-vendor summaries of the deployments, and vendor cards (data/vendors.csv).

A `vendor` cell may name several vendors separated by "|": the deployment counts for each of them.
Vendor names are matched to their card ignoring case and accents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from utils.filters import fold
from utils.i18n import tr
from utils.paths import VENDORS_CSV
from utils.popups import link, safe_url, text
from utils.problems import WARNING, Problem
from utils.schema import TECHNOLOGIES, split_multi
from utils.tabular import TableReadError, read_table

CARD_COLUMNS = ("name", "country", "headquarters", "website", "description_fr", "description_en")
SUMMARY_COLUMNS = ("vendor", "deployments", "communes", "technologies", "first_year", "last_year")


@dataclass
class VendorCards:
    """Vendor cards by folded name, the problems found in the file, and whether it was missing."""

    cards: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False

    def card(self, name: str) -> dict[str, str] | None:
        """The card of a vendor named in the data (case and accents ignored), or None."""
        return self.cards.get(fold(name))


def vendor_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (deployment, vendor); deployments without a vendor are left out."""
    records = [{**row, "vendor": name} for row in df.to_dict("records")
               for name in dict.fromkeys(split_multi(row.get("vendor")))]
    return pd.DataFrame(records, columns=list(df.columns))


def vendor_summary(df: pd.DataFrame, only: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per vendor: deployments, communes (distinct), technologies (codes), first and last year mentioned.

    Sorted by deployments (most first), then name. `only` keeps just these vendors (e.g. the vendor filter:
    the co-vendors of a selected vendor's deployments are not summarised).
    """
    pairs = vendor_rows(df)
    if only:
        pairs = pairs[pairs["vendor"].map(fold).isin({fold(name) for name in only})]
    summary = [_summarise(name, group) for name, group in pairs.groupby("vendor", sort=False)]
    frame = pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS))
    frame = frame.astype({"deployments": int, "communes": int, "first_year": "Int64", "last_year": "Int64"})
    frame = frame.assign(_key=frame["vendor"].map(fold)).sort_values(["deployments", "_key"],
                                                                     ascending=[False, True])
    return frame.drop(columns="_key").reset_index(drop=True)


def deployments_of(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The deployments of `df` whose vendor cell names `name` (case and accents ignored)."""
    wanted = fold(name)
    names = df["vendor"].map(lambda cell: any(fold(vendor) == wanted for vendor in split_multi(cell)))
    return df[names.astype(bool)]


def by_name(summary: pd.DataFrame) -> list[str]:
    """The vendors of a summary in alphabetical order (case and accents ignored), for a picker."""
    return sorted(summary["vendor"], key=lambda name: (fold(name), name))


def _summarise(name: str, group: pd.DataFrame) -> dict:
    places = group["insee_code"].where(group["insee_code"] != "", group["commune"])
    codes = {code for cell in group["technology"] for code in split_multi(cell)}
    years = pd.concat([group["start_year"], group["end_year"]]).dropna()
    return {
        "vendor": name,
        "deployments": len(group),
        "communes": int(places[places != ""].nunique()),
        "technologies": tuple(code for code in TECHNOLOGIES if code in codes),
        "first_year": int(years.min()) if len(years) else None,
        "last_year": int(years.max()) if len(years) else None,
    }


def load_vendor_cards(path: Path | str | None = None) -> VendorCards:
    """Read data/vendors.csv; a row without a name, or naming a vendor twice, is reported and skipped."""
    path = Path(path or VENDORS_CSV)
    try:
        frame = read_table(path).to_frame()
    except TableReadError as exc:
        return VendorCards(problems=[Problem(path.name, 0, "", "", str(exc))], missing=True)
    if "name" not in frame.columns:
        return VendorCards(problems=[Problem(path.name, 0, "", "name", "colonne « name » absente")])
    frame = frame.reindex(columns=list(CARD_COLUMNS)).fillna("").astype(str)
    cards, problems = {}, []
    for row, cells in frame.iterrows():
        card = {name: value.strip() for name, value in cells.items()}
        problem = _card_problem(path.name, row, card, cards)
        if problem:
            problems.append(problem)
        if problem is None or not problem.is_error:
            cards[fold(card["name"])] = card
    return VendorCards(cards, problems, missing=frame.empty)


def _card_problem(file: str, row: int, card: dict[str, str], cards: dict) -> Problem | None:
    if not card["name"]:
        return Problem(file, row, "", "name", "nom du fournisseur manquant")
    if fold(card["name"]) in cards:
        message = f"fournisseur déjà décrit plus haut : « {card['name']} »"
        return Problem(file, row, card["name"], "name", message)
    if card["website"] and safe_url(card["website"]) is None:
        message = f"URL http(s) attendue, reçu « {card['website']} »"
        return Problem(file, row, card["name"], "website", message, WARNING)
    return None


def missing_note(lang: str) -> str:
    """What the vendors page says when data/vendors.csv cannot be used."""
    return tr(lang, "Le fichier data/vendors.csv est absent ou vide : les fiches des fournisseurs ne sont "
                    "pas disponibles.",
              "The file data/vendors.csv is missing or empty: vendor cards are not available.")


def without_card(names: pd.Series | list[str], cards: VendorCards) -> list[str]:
    """The vendor names that have no card yet ("fiche à rédiger"), in the given order."""
    return [name for name in names if cards.card(name) is None]


def card_html(card: dict[str, str], lang: str) -> str:
    """A vendor card as one line of escaped HTML: country, headquarters, website link, description.

    Only an http(s) website becomes a link (opening in a new tab, rel="noopener noreferrer").
    """
    facts = [(tr(lang, "Pays", "Country"), text(card.get("country"))),
             (tr(lang, "Siège", "Headquarters"), text(card.get("headquarters"))),
             (tr(lang, "Site web", "Website"), _website(card.get("website", "")))]
    colon = tr(lang, " :", ":")
    items = "".join(f"<li><strong>{escape(name)}</strong>{colon} {value}</li>"
                    for name, value in facts if value)
    description = _description(card, lang)
    listing = f"<ul>{items}</ul>" if items else ""
    paragraph = f"<p>{text(description)}</p>" if description else ""
    return " ".join(f'<div class="atlas-vendor-card">{listing}{paragraph}</div>'.split())


def _website(url: str) -> str:
    safe = safe_url(url)
    return link(safe, safe) if safe else text(url)


def _description(card: dict[str, str], lang: str) -> str:
    preferred = tr(lang, "description_fr", "description_en")
    fallback = tr(lang, "description_en", "description_fr")
    return card.get(preferred) or card.get(fallback) or ""
