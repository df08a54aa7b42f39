"""The dossier of an area: one self-contained HTML file, offline and printable on A4.

For a department, a region or any filtered view: a map (inline SVG, utils.dossier_map), the deployments
with their sources, the vendors, the legal actions, the sentence describing the filters, the data
licence, the geographic attribution and the date it was made. Rendered by Jinja2 with autoescaping:
every value from the data is escaped, and only a source's http(s) URL becomes a link.

    python -m utils.dossier --dept 13 [--region 93] [--params "tech=drone&from=2020"] [--lang fr] \
        [-o out.html]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from utils import boundaries
from utils.data import load_deployments
from utils.dates_in_words import readable_date
from utils.dossier_map import MIXED_COLOUR, map_panels
from utils.filters import FilterOptions, Filters, filter_options
from utils.i18n import normalize_lang, tr
from utils.labels import label
from utils.letters import period
from utils.map_palette import ALL_GROUPS, group_indices
from utils.names import strip_accents
from utils.paths import DATAPACKAGE_JSON, ROOT
from utils.popups import date_range, description, safe_url
from utils.schema import split_multi
from utils.vendors import load_vendor_cards, vendor_summary

TEMPLATES_DIR = ROOT / "utils" / "templates" / "dossier"
PLACE_KEYS = ("dept", "region")


def build_dossier(rows: pd.DataFrame, filters: Filters, options: FilterOptions, lang: str,
                  made_on: date | None = None) -> str:
    """The dossier (HTML) of the deployments of `rows` that pass `filters`."""
    shown = sort_rows(filters.apply(rows))
    panels = map_panels(shown, highlighted_departments(filters, shown), lang)
    context = {
        "lang": lang, "t": lambda fr, en: tr(lang, fr, en),
        "title": dossier_title(filters, options, lang),
        "sentence": filters.describe(lang, options),
        "made_on": _long_date(made_on or date.today(), lang),
        "entries": [_entry(number, row, lang) for number, row in enumerate(shown.to_dict("records"), 1)],
        "panels": panels,
        "mixed": any(point.colour == MIXED_COLOUR for panel in panels for point in panel.points),
        "legend": _legend(shown, lang),
        "vendors": _vendors(shown, lang),
        "communes": int(shown["commune"].replace("", pd.NA).dropna().nunique()),
        **_credits(),
    }
    return _environment().get_template("dossier.html.j2").render(**context)


def dossier_title(filters: Filters, options: FilterOptions, lang: str) -> str:
    """'Bouches-du-Rhône (13)', a region's name or 'France entière'; ' (sélection)' if narrowed further."""
    places = [f"{options.label('dept', code, lang)} ({code})" for code in filters.dept]
    places += [options.label("region", code, lang) for code in filters.region]
    title = ", ".join(places) or tr(lang, "France entière", "All of France")
    others = {key for key in filters.to_params() if key not in PLACE_KEYS}
    return title + (tr(lang, " (sélection)", " (selection)") if others else "")


def dossier_file_name(title: str) -> str:
    """'dossier-bouches-du-rhone-13.html' for the title 'Bouches-du-Rhône (13)'."""
    slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(title).lower()).strip("-")[:60]
    return f"dossier-{slug or 'atlas'}.html"


def highlighted_departments(filters: Filters, rows: pd.DataFrame) -> set[str]:
    """The departments the map stresses: those chosen (directly or by region), else those with deployments."""
    chosen = set(filters.dept) | {code for code, area in boundaries.departments().items()
                                  if area.region_code in filters.region}
    return chosen or {code for code in rows["department_code"] if code}


def sort_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Deployments by department, commune, start date and id; nationwide ones last."""
    keys = rows.assign(_national=rows["department_code"] == "")
    order = keys.sort_values(["_national", "department_code", "commune", "start_date", "id"]).index
    return rows.loc[order]


def _entry(number: int, row: Mapping[str, object], lang: str) -> dict:
    return {
        "number": number, "id": row["id"], "commune": row["commune"], "department": row["department_code"],
        "site": row["site"], "operator": row["operator"], "product": row["product"],
        "operator_type": label("operator_type", str(row["operator_type"]), lang),
        "vendors": split_multi(row["vendor"]),
        "technologies": [label("technology", code, lang) for code in split_multi(row["technology"])],
        "status": label("status", str(row["status"]), lang), "use_case": row["use_case"],
        # utils.popups returns text already escaped for HTML: marked safe so it is not escaped twice.
        "dates": period(row["start_date"], row["end_date"]) if lang != "en"
        else Markup(date_range(row["start_date"], row["end_date"], lang)),  # noqa: S704
        "description": Markup(description(row, lang)), "legal_action": row["legal_action"],  # noqa: S704
        "sources": [{"url": safe_url(source), "text": source} for source in split_multi(row["sources"])],
    }


def _legend(rows: pd.DataFrame, lang: str) -> list[dict]:
    counts = group_indices(rows["technology"]).value_counts() if len(rows) else pd.Series(dtype=int)
    return [{"colour": ALL_GROUPS[index].colour, "label": ALL_GROUPS[index].label(lang), "count": int(count)}
            for index, count in sorted(counts.items())]


def _vendors(rows: pd.DataFrame, lang: str) -> list[dict]:
    cards = load_vendor_cards()
    summary = vendor_summary(rows) if len(rows) else pd.DataFrame()
    return [{**record, "card": cards.card(record["vendor"]) or {},
             "technologies": [label("technology", code, lang) for code in record["technologies"]]}
            for record in summary.to_dict("records")]


@lru_cache(maxsize=1)
def _credits() -> dict:
    package = json.loads(DATAPACKAGE_JSON.read_text(encoding="utf-8"))
    licence = package["licenses"][0]
    geographic = [source["title"] for source in package.get("sources", [])
                  if "Licence Ouverte" in source["title"] or "CC BY" in source["title"]]
    return {"licence": licence, "geographic_sources": geographic, "package_title": package["title"]}


def _long_date(day: date, lang: str) -> str:
    return readable_date(day.isoformat(), lang)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the dossier of a department, a region or a URL's filters."""
    parser = argparse.ArgumentParser(prog="python -m utils.dossier", description=__doc__.splitlines()[0])
    parser.add_argument("--dept", action="append", default=[], help="code du département (répétable)")
    parser.add_argument("--region", action="append", default=[], help="code de la région (répétable)")
    parser.add_argument("--params", default="", help="filtres comme dans l'URL : \"tech=drone&from=2020\"")
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--data", help="fichier CSV des déploiements (par défaut : $ATLAS_DATA ou data/)")
    parser.add_argument("-o", "--output", help="fichier HTML à écrire (par défaut : sortie standard)")
    args = parser.parse_args(argv)
    lang = normalize_lang(args.lang)
    dataset = load_deployments(args.data)
    params = {**parse_qs(args.params), **({"dept": args.dept} if args.dept else {}),
              **({"region": args.region} if args.region else {})}
    options = filter_options(dataset.rows)
    filters, notices = Filters.from_params(params, options, lang)
    for message in [*notices, *(problem.format() for problem in dataset.problems if problem.is_error)]:
        print(message, file=sys.stderr)
    html = build_dossier(dataset.rows, filters, options, lang)
    if args.output:
        Path(args.output).write_text(html, encoding="utf-8")
    else:
        sys.stdout.write(html)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
