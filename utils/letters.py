"""Request letters an organiser can send about a deployment, a commune or a store, in French.

Three ways to ask: the right of access to administrative documents (CRPA, to a town hall, a prefecture
or a public operator) and the GDPR rights of information and access (to a private operator such as a
supermarket). The wording lives in utils/templates/letters/ (plain-text Jinja templates, editable
without touching the code); this module turns a deployment into the facts those templates print.
Text in [brackets] is left for the organiser to fill in: every such blank is listed in BLANKS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from utils.boundaries import department_name
from utils.dates_in_words import french_date
from utils.filters import fold
from utils.i18n import tr
from utils.labels import label
from utils.names import strip_accents
from utils.paths import ROOT
from utils.schema import split_multi

TEMPLATES_DIR = ROOT / "utils" / "templates" / "letters"
KINDS = ("mairie", "prefecture", "organisme", "rgpd")
KIND_LABELS = {
    "mairie": ("Mairie : accès aux documents administratifs (CRPA)",
               "Town hall: access to administrative documents (CRPA)"),
    "prefecture": ("Préfecture : accès aux documents administratifs (CRPA)",
                   "Prefecture: access to administrative documents (CRPA)"),
    "organisme": ("Exploitant public : accès aux documents administratifs (CRPA)",
                  "Public operator: access to administrative documents (CRPA)"),
    "rgpd": ("Exploitant privé, magasin : droits d'information et d'accès (RGPD)",
             "Private operator, store: rights of information and access (GDPR)"),
}
# Whom to ask first, by operator type: public bodies answer under the CRPA, private ones under the GDPR.
DEFAULT_KIND = {"municipality": "mairie", "police": "prefecture", "state": "prefecture",
                "transport": "organisme", "education": "organisme", "health": "organisme"}
# The organiser's blanks, and the ones standing for a fact the data does not give.
BLANKS = (
    "[Vos nom et prénom]", "[Votre adresse postale]", "[Votre adresse électronique]", "[Lieu]", "[Date]",
    "[Signature]", "[Adresse de la mairie]", "[Adresse de la préfecture]", "[Adresse du destinataire]",
    "[Dates et heures de vos passages]", "[Vos raisons]",
    "[Commune]", "[Département]", "[Nom de l'exploitant]", "[Nom du magasin]",
)
ALGORITHMIC = {"behaviour_detection", "crowd_analytics", "video_search", "audio_detection"}
MAX_LISTED = 20  # deployments described in full in one letter; the others are named by id
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Letter:
    """A ready letter: its kind (one of KINDS), subject line, full text, and a slug for file names."""

    kind: str
    subject: str
    text: str
    slug: str

    def file_name(self, extension: str) -> str:
        """`lettre-mairie-marseille-snef-2018.txt` and the like."""
        return f"lettre-{self.kind}-{self.slug}.{extension}"


def default_kind(operator_type: str, department_code: str = "") -> str:
    """The letter to write first for a deployment run by this type of operator, in this department."""
    kind = DEFAULT_KIND.get(operator_type, "rgpd")
    # A nationwide State system has no prefecture of its own: ask the ministry or agency that runs it.
    return "organisme" if kind == "prefecture" and not department_code else kind


def kind_label(kind: str, lang: str) -> str:
    """The name of a kind of letter, in the interface's language."""
    return tr(lang, *KIND_LABELS[kind])


def deployment_letter(row: Mapping[str, object], kind: str | None = None, *, objection: bool = False
                      ) -> Letter:
    """The letter about one deployment (a row of the data) to the recipient of `kind`."""
    kind = kind or default_kind(_clean(row.get("operator_type")), _clean(row.get("department_code")))
    facts = deployment_facts(row)
    return _letter(kind, [facts], [], facts["id"], objection=objection)


def commune_letter(commune: str, rows: pd.DataFrame, department_code: str = "") -> Letter:
    """The letter to a town hall about every system in the commune, naming those of `rows` it has."""
    same = rows["commune"] == commune
    if department_code:
        same &= rows["department_code"] == department_code
    facts = [deployment_facts(row) for row in rows[same].to_dict("records")]
    commune = _clean(commune) or "[Commune]"
    context = {"commune": commune, "vendors": _unique(v for f in facts for v in f["vendors"])}
    return _letter("mairie", facts[:MAX_LISTED], [f["id"] for f in facts[MAX_LISTED:]], _slug(commune),
                   extra=context)


def communes(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """The (commune, department code) pairs of `rows`, sorted, for choosing a town hall to write to."""
    return sorted({pair for pair in zip(rows["commune"], rows["department_code"], strict=True) if pair[0]})


def retail_vendors(rows: pd.DataFrame) -> list[str]:
    """The vendors of retail theft detection in `rows`: the systems a store letter asks about."""
    retail = rows[rows["technology"].map(lambda cell: "retail_theft_detection" in split_multi(cell))]
    names = {fold(name): name for cell in reversed(retail["vendor"].tolist()) for name in split_multi(cell)}
    return sorted(names.values(), key=fold)


def store_letter(store: str, commune: str = "", vendors: Iterable[str] = ()) -> Letter:
    """The GDPR letter to a store the atlas does not list (as in a survey of local supermarkets)."""
    store = _clean(store) or "[Nom du magasin]"
    context = {"recipient": store, "commune": _clean(commune), "vendors": _unique(vendors)}
    return _letter("rgpd", [], [], _slug(f"{store} {commune}"), extra=context)


def deployment_facts(row: Mapping[str, object]) -> dict:
    """What a letter says about a deployment, cleaned for plain text (technologies and status in French)."""
    code = _clean(row.get("department_code"))
    return {
        "id": _clean(row.get("id")),
        "commune": _clean(row.get("commune")),
        "department": f"{department_name(code) or code}, {code}" if code else "",
        "department_code": code,
        "operator": _clean(row.get("operator")),
        "site": _clean(row.get("site")),
        "vendors": _unique(split_multi(_clean(row.get("vendor")))),
        "product": _clean(row.get("product")),
        "technology_codes": split_multi(_clean(row.get("technology"))),
        "technologies": [_lower_first(label("technology", c, "fr"))
                         for c in split_multi(_clean(row.get("technology")))],
        "use_case": _clean(row.get("use_case")),
        "period": period(row.get("start_date"), row.get("end_date")),
        "status": _lower_first(label("status", _clean(row.get("status")), "fr")),
        "sources": split_multi(_clean(row.get("sources"))),
    }


def period(start: object, end: object) -> str:
    """'depuis le 2 novembre 2018', 'du 2 mars 2019 au 12 janvier 2021', "jusqu'en 2020", or ''."""
    start, end = french_date(start), french_date(end)
    if start and start == end:
        return f"{'le' if _has_day(start) else 'en'} {start}"
    if start and end:
        return f"{'du' if _has_day(start) else 'de'} {start} {'au' if _has_day(end) else 'à'} {end}"
    if start:
        return f"depuis {'le ' if _has_day(start) else ''}{start}"
    return f"jusqu'{'au' if _has_day(end) else 'en'} {end}" if end else ""


def _has_day(french: str) -> bool:
    return french[:1].isdigit() and " " in french


def and_join(items: Iterable[str]) -> str:
    """'A', 'A et B', 'A, B et C'."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}" if items else ""


def _letter(kind: str, items: list[dict], more: list[str], slug: str, *, objection: bool = False,
            extra: Mapping[str, object] | None = None) -> Letter:
    if kind not in KINDS:
        raise ValueError(f"type de lettre inconnu : « {kind} » (attendu : {', '.join(KINDS)})")
    context = {**_context(items), **(extra or {}), "items": items, "more": more, "objection": objection}
    context["subject"] = _subject(kind, context)
    text = _environment().get_template(f"{_template(kind)}.txt.j2").render(**context)
    return Letter(kind, context["subject"], _tidy(text), _slug(slug) or kind)


def _context(items: list[dict]) -> dict:
    first = items[0] if items else {}
    codes = {code for item in items for code in item["technology_codes"]}
    department = first.get("department_code", "")
    return {
        "commune": first.get("commune") or "[Commune]",
        "operator": first.get("operator") or "[Nom de l'exploitant]",
        "operators": _unique(item["operator"] for item in items if item["operator"]),
        "recipient": first.get("operator") or first.get("site") or "[Nom du magasin]",
        "vendors": _unique(vendor for item in items for vendor in item["vendors"]),
        "prefecture": _prefecture(department),
        "drone": "drone" in codes,
        "algorithmic": bool(codes & ALGORITHMIC),
    }


def _prefecture(department: str) -> str:
    # Vidéoprotection is authorised by the préfet de police in Paris, and requested from the préfecture
    # de police des Bouches-du-Rhône there (code de la sécurité intérieure, art. R. 252-1 and R. 252-2).
    if department == "75":
        return "Préfecture de police (Paris)"
    if department == "13":
        return "Préfecture de police des Bouches-du-Rhône"
    name = department_name(department)
    return f"Préfecture — {name} ({department})" if name else "Préfecture — [Département]"


def _subject(kind: str, context: Mapping[str, object]) -> str:
    if kind == "rgpd":
        return ("Demande d'information et d'accès (articles 12 à 15 du RGPD) — analyse automatisée "
                f"des images de vidéosurveillance, {context['recipient']}")
    items = context["items"]
    where = f" à {context['commune']}" if kind == "mairie" else ""
    return f"Demande de communication de documents administratifs (CRPA) — {_about(items)}{where}"


def _about(items: list[dict]) -> str:
    if len(items) != 1:
        return "dispositifs de surveillance algorithmique"
    product = f" « {items[0]['product']} »" if items[0]["product"] else ""
    return f"dispositif de {and_join(items[0]['technologies'])}{product}"


def _template(kind: str) -> str:
    return "rgpd" if kind == "rgpd" else f"crpa_{kind}"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # Plain text, not HTML: nothing to escape here; the HTML and .docx renderers escape on their side.
    environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), undefined=StrictUndefined,
                              autoescape=False, trim_blocks=True, lstrip_blocks=True)  # noqa: S701
    environment.filters["and_join"] = and_join
    environment.filters["upper_first"] = lambda text: text[:1].upper() + text[1:]
    return environment


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _clean(value: object) -> str:
    """A cell as one line of plain text: control characters dropped, spaces collapsed."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")[:60]
