"""Human labels, in French and English, of the vocabulary codes stored in the data."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from utils.i18n import tr
from utils.paths import TECHNOLOGIES_CSV
from utils.schema import split_multi

# (French, English) label of each code of the enumerated columns of deployments.csv.
VOCABULARIES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "planned": ("Prévu", "Planned"),
        "trial": ("Expérimentation", "Trial"),
        "active": ("En service", "Active"),
        "ended": ("Terminé", "Ended"),
        "abandoned": ("Abandonné", "Abandoned"),
        "suspended_by_court": ("Suspendu par la justice", "Suspended by a court"),
        "banned": ("Interdit", "Banned"),
        "unknown": ("Inconnu", "Unknown"),
    },
    "operator_type": {
        "municipality": ("Commune ou intercommunalité", "Municipality"),
        "police": ("Police ou gendarmerie", "Police"),
        "state": ("État", "State"),
        "transport": ("Transports", "Transport"),
        "retail": ("Commerce", "Retail"),
        "education": ("Enseignement", "Education"),
        "sport_venue": ("Stade ou salle de sport", "Sports venue"),
        "event": ("Événement", "Event"),
        "health": ("Santé", "Health"),
        "private_other": ("Autre acteur privé", "Other private operator"),
    },
    "evidence": {
        "official_act": ("Acte officiel", "Official act"),
        "court_or_regulator": ("Justice ou CNIL", "Court or regulator"),
        "vendor": ("Fournisseur", "Vendor"),
        "press": ("Presse", "Press"),
        "activist": ("Association", "Civil society"),
    },
    "geo_precision": {
        "commune": ("Commune", "Municipality"),
        "site": ("Lieu précis", "Precise site"),
        "national": ("National", "Nationwide"),
    },
}


def label(column: str, code: str, lang: str) -> str:
    """The label of `code` in column `column` ("status", "technology"…), or the code itself if unknown."""
    if column == "technology":
        names = technology_labels().get(code)
    else:
        names = VOCABULARIES.get(column, {}).get(code)
    return tr(lang, *names) if names else code


@lru_cache(maxsize=4)
def technology_labels(path: Path = TECHNOLOGIES_CSV) -> dict[str, tuple[str, str]]:
    """(French, English) label of each technology code, read from data/technologies.csv ({} if absent)."""
    return {
        row["code"].strip(): (row.get("label_fr") or row["code"], row.get("label_en") or row["code"])
        for row in _read_csv(path)
        if (row.get("code") or "").strip()
    }


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError:
        return []


# Header of each column shown in a table (Data page, the map's table twin), in French and English.
COLUMN_HEADERS = {
    "id": ("Identifiant", "Identifier"),
    "commune": ("Commune", "Municipality"),
    "department_code": ("Département", "Department"),
    "site": ("Lieu", "Site"),
    "operator": ("Exploitant", "Operator"),
    "vendor": ("Fournisseur", "Vendor"),
    "technology": ("Technologie", "Technology"),
    "status": ("Statut", "Status"),
    "start_date": ("Début", "Start"),
    "end_date": ("Fin", "End"),
    "evidence": ("Preuve", "Evidence"),
    "geo_precision": ("Précision", "Precision"),
}


def column_header(column: str, lang: str) -> str:
    """The header of a data column in `lang` (the column name itself when it has none)."""
    return tr(lang, *COLUMN_HEADERS.get(column, (column, column)))


# Columns of the table on the Data page, in reading order.
TABLE_COLUMNS = ("id", "commune", "department_code", "site", "operator", "vendor", "technology", "status",
                 "start_date", "end_date", "evidence", "sources")
LABELLED_COLUMNS = ("technology", "status", "evidence")


def labelled_rows(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as people read them: codes replaced by labels, `sources` reduced to its first web link."""
    table = df.reindex(columns=list(TABLE_COLUMNS), fill_value="").astype(object).fillna("").astype(str)
    table = table.reset_index(drop=True)
    for column in LABELLED_COLUMNS:
        table[column] = table[column].map(lambda cell, column=column: label_list(column, cell, lang))
    table["sources"] = table["sources"].map(lambda cell: next(web_links(cell), None))
    return table


def label_list(column: str, cell: object, lang: str) -> str:
    """`drone|facial_recognition` -> `Drones, Reconnaissance faciale`."""
    return ", ".join(label(column, code, lang) for code in split_multi(cell))


def web_links(cell: object) -> Iterator[str]:
    """The http(s) URLs of a `sources` cell; anything else (javascript:, relative…) is dropped."""
    for part in split_multi(cell):
        parts = urlsplit(part)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            yield part


def technology_glossary(lang: str, path: Path = TECHNOLOGIES_CSV) -> list[tuple[str, str]]:
    """(label, description) of each technology in `lang`, in the order of data/technologies.csv."""
    rows = _read_csv(path)
    return [(tr(lang, row.get("label_fr", ""), row.get("label_en", "")) or row["code"],
             tr(lang, row.get("description_fr", ""), row.get("description_en", "")))
            for row in rows if (row.get("code") or "").strip()]
