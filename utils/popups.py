"""The text of a deployment's popup, as HTML fragments: every CSV string is escaped, links are http(s) only.

Fragments are escaped here, once, in Python; the map's JavaScript only concatenates them (see map_layers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from urllib.parse import urlsplit

from utils.i18n import tr
from utils.labels import label
from utils.schema import split_multi

FULL_FIELDS = ("commune", "site", "operator", "vendor", "technology", "status", "dates", "description",
               "sources")
SHORT_FIELDS = ("commune", "technology", "status")
FIELD_LABELS = {
    "commune": ("Commune", "Municipality"),
    "site": ("Lieu", "Site"),
    "operator": ("Exploitant", "Operator"),
    "vendor": ("Fournisseur", "Vendor"),
    "technology": ("Technologie", "Technology"),
    "status": ("Statut", "Status"),
    "dates": ("Dates", "Dates"),
    "description": ("Description", "Description"),
    "sources": ("Sources", "Sources"),
}
# The columns each field is built from (rows sharing them share the fragment: built once).
FIELD_COLUMNS = {
    "commune": ("commune", "department_code"),
    "site": ("site",),
    "operator": ("operator",),
    "vendor": ("vendor",),
    "technology": ("technology",),
    "status": ("status",),
    "dates": ("start_date", "end_date"),
    "description": ("description_fr", "description_en"),
    "sources": ("sources",),
}
LINK_ATTRIBUTES = 'target="_blank" rel="noopener noreferrer"'
SAFE_SCHEMES = ("http", "https")


def text(value: object) -> str:
    """A cell as HTML text content (& < > escaped; quotes are harmless outside attributes)."""
    return escape(str(value or "").strip(), quote=False)


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (javascript:, data:, relative…)."""
    url = str(value or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def link(url: str, label_text: str) -> str:
    """An escaped link that opens in a new tab without giving the target page a handle on ours."""
    return f'<a href="{escape(url, quote=True)}" {LINK_ATTRIBUTES}>{text(label_text)}</a>'


def source_links(cell: object) -> str:
    """The `sources` cell as links named by their site; anything not http(s) stays inert text."""
    parts = []
    for source in split_multi(str(cell or "")):
        url = safe_url(source)
        parts.append(link(url, _site_name(url)) if url else text(source))
    return " · ".join(parts)


def field_label(field: str, lang: str) -> str:
    """The escaped name of a popup field in `lang`."""
    return text(tr(lang, *FIELD_LABELS[field]))


def fragment(field: str, row: Mapping[str, object], lang: str) -> str:
    """The escaped HTML of one popup field for one deployment ("" when the data says nothing)."""
    return _BUILDERS[field](row, lang)


def date_range(start: object, end: object, lang: str) -> str:
    """'2018-11 → 2020-02', 'depuis 2018' / 'since 2018', "jusqu'en 2020" / 'until 2020', or ''."""
    start, end = text(start), text(end)
    if start and end:
        return f"{start} → {end}"
    if start:
        return tr(lang, f"depuis {start}", f"since {start}")
    return tr(lang, f"jusqu'en {end}", f"until {end}") if end else ""


def description(row: Mapping[str, object], lang: str) -> str:
    """The description in `lang`, or in the other language when it is missing there."""
    preferred, fallback = ("description_en", "description_fr") if lang == "en" else (
        "description_fr", "description_en")
    return text(row.get(preferred) or row.get(fallback))


def _site_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _commune(row: Mapping[str, object], lang: str) -> str:
    department = text(row.get("department_code"))
    return text(row.get("commune")) + (f" ({department})" if department and row.get("commune") else "")


def _labels(column: str) -> Callable[[Mapping[str, object], str], str]:
    def labels(row: Mapping[str, object], lang: str) -> str:
        return ", ".join(text(label(column, code, lang)) for code in split_multi(row.get(column)))

    return labels


_BUILDERS: dict[str, Callable[[Mapping[str, object], str], str]] = {
    "commune": _commune,
    "site": lambda row, lang: text(row.get("site")),
    "operator": lambda row, lang: text(row.get("operator")),
    "vendor": lambda row, lang: ", ".join(text(name) for name in split_multi(row.get("vendor"))),
    "technology": _labels("technology"),
    "status": _labels("status"),
    "dates": lambda row, lang: date_range(row.get("start_date"), row.get("end_date"), lang),
    "description": description,
    "sources": lambda row, lang: source_links(row.get("sources")),
}
