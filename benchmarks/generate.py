"""Synthetic deployments for the benchmark: valid, seeded, placed on real communes, clearly fake.

Communes are drawn from data/geo/communes.csv weighted by population; technologies, statuses and
the other codes from the schema's vocabularies with roughly the real data's frequencies; vendors
from data/vendors.csv. Sources are https://example.org/synthetic/… URLs and every description says
it is synthetic. Rows sharing commune, vendor and technology are redrawn, so the validator's
duplicate warning stays quiet. Files go to benchmarks/out/ (git-ignored), never into data/.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from utils.gazetteer import Commune, load_gazetteer
from utils.labels import technology_labels
from utils.names import strip_accents
from utils.paths import VENDORS_CSV
from utils.schema import TECHNOLOGIES, columns
from utils.tabular import canonical_csv

SEED = 20261127
OUT_DIR = Path(__file__).resolve().parent / "out"
PRECISIONS = {"commune": 95, "site": 2, "national": 3}
STATUSES = {"active": 37, "ended": 26, "trial": 11, "planned": 11, "unknown": 6, "suspended_by_court": 5,
            "banned": 3, "abandoned": 1}
OPERATOR_TYPES = {"municipality": 45, "police": 31, "transport": 8, "retail": 6, "state": 4, "education": 3,
                  "health": 2, "event": 1, "sport_venue": 1, "private_other": 1}
EVIDENCE = {"press": 80, "official_act": 13, "activist": 4, "court_or_regulator": 2, "vendor": 1}
ENDED_STATUSES = ("ended", "suspended_by_court", "banned", "abandoned")
FIRST_YEAR, LAST_YEAR = 2012, 2025
SITE_JITTER_DEG = 0.003  # ≈ 300 m: a site stays within the validator's 500 m of its department
REDRAWS = 30  # attempts at a commune/vendor/technology combination not used yet


@dataclass(frozen=True)
class Vocabulary:
    """What rows are drawn from: communes with their weights, vendor names, technology labels."""

    communes: list[Commune]
    weights: list[int]
    vendors: list[str]
    labels: dict[str, tuple[str, str]]

    @classmethod
    def load(cls) -> Vocabulary:
        """From the gazetteer, data/vendors.csv and data/technologies.csv (sorted: the seed decides)."""
        communes = sorted(load_gazetteer().communes, key=lambda commune: commune.insee_code)
        return cls(communes, [commune.population + 1 for commune in communes], _vendor_names(),
                   technology_labels())


def dataset_path(count: int, out_dir: Path = OUT_DIR) -> Path:
    """Where the dataset of `count` rows is written."""
    return out_dir / f"deployments-{count}.csv"


def write_deployments(count: int, seed: int = SEED, out_dir: Path = OUT_DIR) -> Path:
    """Generate `count` rows and write them as canonical CSV (UTF-8, commas); returns the path."""
    path = dataset_path(count, out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(canonical_csv(generate_deployments(count, seed), columns()), encoding="utf-8")
    return path


def generate_deployments(count: int, seed: int = SEED) -> pd.DataFrame:
    """`count` synthetic rows with every schema column, as text; the same seed gives the same rows."""
    rng, vocabulary = random.Random(seed), Vocabulary.load()
    places = rng.choices(vocabulary.communes, cum_weights=_cumulative(vocabulary.weights), k=count)
    seen: set[str] = set()
    rows = [_row(index, place, rng, vocabulary, seen) for index, place in enumerate(places, start=1)]
    return pd.DataFrame(rows, columns=columns()).fillna("")


def _row(index: int, commune: Commune, rng: random.Random, vocabulary: Vocabulary, seen: set[str]) -> dict:
    precision = _draw(rng, PRECISIONS)
    place = _place(commune, precision, rng)
    technology, vendor = _new_combination(place, rng, vocabulary, seen)
    status = _draw(rng, STATUSES)
    row_id = f"synth-{_slug(place.get('commune') or 'france')}-{index}"
    return {"id": row_id, **place, **_operator(place, rng), "vendor": vendor, "technology": technology,
            "status": status, **_dates(status, rng), **_texts(place, technology, vendor, rng, vocabulary),
            "sources": _sources(row_id, rng), "evidence": _draw(rng, EVIDENCE)}


def _place(commune: Commune, precision: str, rng: random.Random) -> dict:
    if precision == "national":
        return {"geo_precision": "national", "site": "Système national (synthétique)"}
    jitter = SITE_JITTER_DEG if precision == "site" else 0.0
    return {"commune": commune.name, "department_code": commune.department_code,
            "insee_code": commune.insee_code, "region_code": commune.region_code,
            "site": rng.choice(SITES), "geo_precision": precision,
            "lat": f"{commune.lat + rng.uniform(-jitter, jitter):.5f}",
            "lon": f"{commune.lon + rng.uniform(-jitter, jitter):.5f}"}


def _new_combination(place: dict, rng: random.Random, vocabulary: Vocabulary, seen: set[str]) -> tuple:
    for _ in range(REDRAWS):
        technology = "|".join(rng.sample(TECHNOLOGIES, 1 if rng.random() < 0.95 else 2))
        vendor = "|".join(rng.sample(vocabulary.vendors, _vendor_count(rng)))
        key = "/".join([place.get("department_code", ""), place.get("commune", "").casefold(),
                        *sorted(vendor.casefold().split("|")), *sorted(technology.split("|"))])
        if not place.get("commune") or key not in seen:
            break
    seen.add(key)
    return technology, vendor


def _vendor_count(rng: random.Random) -> int:
    roll = rng.random()
    return 0 if roll < 0.55 else 1 if roll < 0.95 else 2


def _operator(place: dict, rng: random.Random) -> dict:
    kind = _draw(rng, OPERATOR_TYPES)
    where = place.get("commune") or "France"
    return {"operator": f"{OPERATOR_NAMES[kind]} ({where})", "operator_type": kind}


def _dates(status: str, rng: random.Random) -> dict:
    verified = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
    if rng.random() < 0.3:
        return {"last_verified": verified.isoformat()}
    start = dt.date(rng.randint(FIRST_YEAR, LAST_YEAR - 1), 1, 1) + dt.timedelta(days=rng.randrange(365))
    end = start + dt.timedelta(days=rng.randrange(30, 700))
    has_end = status in ENDED_STATUSES and rng.random() < 0.8 and end.year <= LAST_YEAR
    return {"start_date": _partial(start, rng), "end_date": _partial(end, rng) if has_end else "",
            "last_verified": verified.isoformat()}


def _partial(day: dt.date, rng: random.Random) -> str:
    """A date at day, month or year precision, as editors write them."""
    return day.isoformat()[: rng.choice((10, 10, 7, 4))]


def _texts(place: dict, technology: str, vendor: str, rng: random.Random, vocabulary: Vocabulary) -> dict:
    labels = [vocabulary.labels.get(code, (code, code)) for code in technology.split("|")]
    where = place.get("commune") or "France"
    use_fr, use_en = rng.choice(USE_CASES)
    seller_fr = f"fourni par {vendor.replace('|', ' et ')}" if vendor else "d'un fournisseur non identifié"
    seller_en = f"supplied by {vendor.replace('|', ' and ')}" if vendor else "from an unidentified vendor"
    fr = (f"Ligne synthétique du banc d'essai : à {where}, un exploitant fictif utilise un dispositif de "
          f"{' et '.join(fr for fr, _ in labels).lower()} {seller_fr}, pour {use_fr}.")
    en = (f"Synthetic benchmark row: in {where}, a fictitious operator uses a "
          f"{' and '.join(en for _, en in labels).lower()} system {seller_en}, for {use_en}.")
    return {"use_case": use_fr.capitalize(), "product": f"Produit {rng.randint(1, 99)}" if vendor else "",
            "legal_action": "Recours fictif devant le tribunal administratif" if rng.random() < 0.2 else "",
            "description_fr": _pad(fr, FILLER_FR, rng), "description_en": _pad(en, FILLER_EN, rng)}


def _pad(text: str, filler: tuple[str, ...], rng: random.Random, length: int = 300) -> str:
    sentences = rng.sample(filler, len(filler))  # each at most once, in a random order
    while len(text) < length and sentences:
        text += " " + sentences.pop()
    return text


def _sources(row_id: str, rng: random.Random) -> str:
    count = rng.choice((1, 1, 2))
    return "|".join(f"https://example.org/synthetic/{row_id}/{n}" for n in range(1, count + 1))


def _draw(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _cumulative(weights: list[int]) -> list[int]:
    total, cumulative = 0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(name).lower()).strip("-")


def _vendor_names() -> list[str]:
    with VENDORS_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return sorted({row["name"].strip() for row in csv.DictReader(handle) if row["name"].strip()})


SITES = ("Réseau municipal de vidéoprotection", "Centre de supervision urbain", "Gare et parvis",
         "Centre commercial", "Stade municipal", "Lycée public", "Parking souterrain", "Place du marché",
         "Entrées de ville (lecture de plaques)", "Périmètre d'un festival")
OPERATOR_NAMES = {"municipality": "Ville fictive", "police": "Police municipale fictive",
                  "transport": "Réseau de transport fictif", "retail": "Enseigne fictive",
                  "state": "Préfecture fictive", "education": "Établissement fictif",
                  "health": "Hôpital fictif", "event": "Organisateur fictif",
                  "sport_venue": "Club fictif", "private_other": "Société fictive"}
USE_CASES = (("détecter des attroupements et des objets abandonnés",
              "detecting gatherings and abandoned objects"),
             ("repérer les dépôts sauvages et lire les plaques", "spotting fly-tipping and reading plates"),
             ("rechercher des personnes dans les enregistrements", "searching recordings for people"),
             ("compter la fréquentation d'un lieu", "counting how busy a place is"),
             ("surveiller les caisses contre le vol", "watching checkouts against theft"))
FILLER_FR = ("Les données de cette ligne sont inventées pour mesurer les performances de l'atlas.",
             "Aucune délibération réelle n'est citée ; les sources pointent vers example.org.",
             "Le nombre de caméras, la durée et le coût sont laissés de côté.",
             "Un recours « fictif » peut être mentionné pour tester l'affichage & l'échappement.")
FILLER_EN = ("The data in this row is made up to measure the atlas's performance.",
             "No real decision is cited; the sources point to example.org.",
             "The number of cameras, the duration and the cost are left out.",
             "A \"fictitious\" appeal may be mentioned to test display & escaping.")
