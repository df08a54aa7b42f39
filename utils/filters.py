"""The shared filters of every page, as one pure object read from and written to the URL.

Datasette's pattern: the URL is the state. `Filters.from_params` reads untrusted query parameters
(values it does not know are dropped and reported), `to_params` writes them back, `apply` filters
the deployments and `describe` is the sentence a person reads when a link is shared with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from utils.i18n import join_words, quote, tr
from utils.labels import label
from utils.schema import MULTI_VALUE_COLUMNS, TECHNOLOGIES, enum, split_multi
from utils.search import fold, mentions
from utils.timeline import STOPPED_STATUSES

# URL parameter (= widget key) of each choice filter, and the column it filters.
FILTER_COLUMNS = {
    "tech": "technology",
    "vendor": "vendor",
    "region": "region_code",
    "dept": "department_code",
    "status": "status",
    "operator": "operator_type",
    "evidence": "evidence",
}
YEAR_KEYS = ("from", "to")
QUERY_KEY = "q"
PARAM_KEYS = (*FILTER_COLUMNS, *YEAR_KEYS, QUERY_KEY)
# Bounds that keep hostile links cheap: values read per key, characters per value, plausible years.
MAX_VALUES_PER_KEY = 500
MAX_VALUE_LENGTH = 200
MAX_QUERY_LENGTH = 200
YEAR_RANGE = (1900, 2100)
NOTICE_SAMPLE = 3
FILTER_NAMES = {
    "tech": ("technologie", "technology"),
    "vendor": ("fournisseur", "vendor"),
    "region": ("région", "region"),
    "dept": ("département", "department"),
    "status": ("statut", "status"),
    "operator": ("type d'exploitant", "operator type"),
    "evidence": ("preuve", "evidence"),
    "from": ("à partir de", "from"),
    "to": ("jusqu'à", "to"),
}
# How the sentence of `describe` introduces the values chosen in each filter.
CLAUSES = {
    "tech": ("utilisant", "using"),
    "vendor": ("fournis par", "supplied by"),
    "region": ("dans la région", "in the region"),
    "dept": ("dans le département", "in the department"),
    "status": ("au statut", "with status"),
    "operator": ("exploités par un acteur de type", "run by an operator of type"),
    "evidence": ("dont la meilleure preuve est", "whose best evidence is"),
}


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter can take (codes, in display order), names of places, years of the data."""

    values: Mapping[str, tuple[str, ...]]
    place_names: Mapping[str, Mapping[str, str]]  # "region"/"dept" -> code -> name
    year_min: int
    year_max: int

    def label(self, key: str, code: str, lang: str) -> str:
        """What a person reads for `code` in filter `key`: a place name, a translated label, a vendor."""
        if key in self.place_names:
            return self.place_names[key].get(code, code)
        return code if key == "vendor" else label(FILTER_COLUMNS[key], code, lang)

    def lookup(self, key: str) -> dict[str, str]:
        """Folded code or label (French or English) -> code, to read values typed by hand."""
        codes = self.values[key]
        names = {fold(self.label(key, code, lang)): code for lang in ("en", "fr") for code in codes}
        return {**names, **{fold(code): code for code in codes}}


@dataclass(frozen=True)
class Filters:
    """The active filters; empty tuples, None and "" mean "no filter"."""

    tech: tuple[str, ...] = ()
    vendor: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    dept: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    operator: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    q: str = ""

    @classmethod
    def from_params(
        cls, params: Mapping[str, object], options: FilterOptions, lang: str = "fr"
    ) -> tuple[Filters, list[str]]:
        """Filters from query parameters (a key maps to a list of values), and a notice per problem."""
        notices: list[str] = []
        chosen = {key: _known_values(key, _values(params, key), options, lang, notices)
                  for key in FILTER_COLUMNS}
        years = [_year(params, key, lang, notices) for key in YEAR_KEYS]
        if None not in years and years[0] > years[1]:
            years.reverse()
            notices.append(tr(lang, f"Années inversées : période lue de {years[0]} à {years[1]}.",
                              f"Years reversed: period read as {years[0]} to {years[1]}."))
        query = _query(params, lang, notices)
        return cls(**chosen, year_from=years[0], year_to=years[1], q=query), notices

    def to_params(self) -> dict[str, list[str]]:
        """The query parameters that reproduce these filters (only the active ones)."""
        params = {key: list(getattr(self, key)) for key in FILTER_COLUMNS if getattr(self, key)}
        for key, year in zip(YEAR_KEYS, (self.year_from, self.year_to), strict=True):
            if year is not None:
                params[key] = [str(year)]
        if self.q:
            params[QUERY_KEY] = [self.q]
        return params

    @property
    def is_empty(self) -> bool:
        """True when no filter is active."""
        return not self.to_params()

    @property
    def has_years(self) -> bool:
        """True when a period (start year, end year or both) is chosen."""
        return self.year_from is not None or self.year_to is not None

    def apply(self, df: pd.DataFrame, current_year: int | None = None) -> pd.DataFrame:
        """The rows of `df` (typed deployments) that pass every active filter."""
        mask = pd.Series(True, index=df.index)
        for key, column in FILTER_COLUMNS.items():
            if getattr(self, key):
                mask &= _matches(df[column], set(getattr(self, key)), column in MULTI_VALUE_COLUMNS)
        if self.has_years:
            mask &= self._in_period(df, current_year or date.today().year)
        if self.q:
            mask &= mentions(df, self.q)
        return df[mask]

    def _in_period(self, df: pd.DataFrame, current_year: int) -> pd.Series:
        # A deployment runs from its start year to its end year, or to this year while it has not ended
        # (a stopped one with no end date: its start year only, as the timeline counts it);
        # one whose start is unknown cannot be placed in a period.
        start = df["start_year"]
        open_end = start.where(df["status"].isin(STOPPED_STATUSES), other=current_year)
        end = pd.concat([df["end_year"].fillna(open_end), start], axis=1).max(axis=1)
        keep = start.notna()
        if self.year_to is not None:
            keep &= start <= self.year_to
        if self.year_from is not None:
            keep &= end >= self.year_from
        return keep.fillna(False).astype(bool)

    def describe(self, lang: str, options: FilterOptions) -> str:
        """One plain sentence saying which deployments are shown."""
        clauses = [_choice_clause(key, getattr(self, key), lang, options)
                   for key in FILTER_COLUMNS if getattr(self, key)]
        if self.has_years:
            clauses.append(_period_clause(self.year_from, self.year_to, lang))
        if self.q:
            clauses.append(tr(lang, "qui mentionnent ", "that mention ") + quote(lang, self.q))
        if not clauses:
            return tr(lang, "Aucun filtre : tous les déploiements sont affichés.",
                      "No filter: all deployments are shown.")
        return tr(lang, "Déploiements ", "Deployments ") + join_words(lang, clauses) + "."


def filter_options(df: pd.DataFrame, current_year: int | None = None) -> FilterOptions:
    """The values each filter can take: vocabularies, vendors of the data, all regions and departments."""
    current_year = current_year or date.today().year
    places = _place_names()
    values = {"tech": TECHNOLOGIES, "vendor": _vendors(df), "region": tuple(places["region"]),
              "dept": tuple(places["dept"]), "status": enum("status"), "operator": enum("operator_type"),
              "evidence": enum("evidence")}
    starts = df["start_year"].dropna() if "start_year" in df else []
    year_min = min(int(starts.min()), current_year) if len(starts) else current_year
    return FilterOptions(values, places, year_min, current_year)


def _vendors(df: pd.DataFrame) -> tuple[str, ...]:
    names = {name for cell in df.get("vendor", []) for name in split_multi(cell)}
    return tuple(sorted(names, key=lambda name: (fold(name), name)))


def _place_names() -> dict[str, dict[str, str]]:
    from utils import boundaries

    return {
        "region": {code: area.name for code, area in sorted(boundaries.regions().items())},
        "dept": {code: area.name for code, area in sorted(boundaries.departments().items())},
    }


def _values(params: Mapping[str, object], key: str) -> list[str]:
    raw = params.get(key) or []
    values = [raw] if isinstance(raw, str) else list(raw)[:MAX_VALUES_PER_KEY]
    return [text for value in values if (text := str(value)[:MAX_VALUE_LENGTH].strip())]


def _known_values(key: str, values: list[str], options: FilterOptions, lang: str,
                  notices: list[str]) -> tuple[str, ...]:
    allowed, lookup = set(options.values[key]), options.lookup(key) if values else {}
    codes = [value if value in allowed else lookup.get(fold(value)) for value in values]
    unknown = [value for value, code in zip(values, codes, strict=True) if code is None]
    if unknown:
        shown = ", ".join(quote(lang, _shorten(value)) for value in unknown[:NOTICE_SAMPLE])
        more = len(unknown) - NOTICE_SAMPLE
        shown += tr(lang, f" et {more} autre(s)", f" and {more} more") if more > 0 else ""
        name = quote(lang, tr(lang, *FILTER_NAMES[key]))
        notices.append(tr(lang, f"Valeur inconnue ignorée pour le filtre {name} : {shown}.",
                          f"Unknown value ignored for the {name} filter: {shown}."))
    return tuple(dict.fromkeys(code for code in codes if code))


def _year(params: Mapping[str, object], key: str, lang: str, notices: list[str]) -> int | None:
    values = _values(params, key)
    if not values:
        return None
    if re.fullmatch(r"\d{4}", values[0]) and YEAR_RANGE[0] <= int(values[0]) <= YEAR_RANGE[1]:
        return int(values[0])
    shown, name, (low, high) = quote(lang, _shorten(values[0])), quote(lang, key), YEAR_RANGE
    notices.append(tr(lang, f"Année ignorée pour {name} : {shown} n'est pas une année de {low} à {high}.",
                      f"Year ignored for {name}: {shown} is not a year from {low} to {high}."))
    return None


def _query(params: Mapping[str, object], lang: str, notices: list[str]) -> str:
    raw = params.get(QUERY_KEY) or [""]
    text = " ".join(str(raw if isinstance(raw, str) else raw[0])[: MAX_QUERY_LENGTH * 4].split())
    if len(text) > MAX_QUERY_LENGTH:
        notices.append(tr(lang, f"Recherche coupée à {MAX_QUERY_LENGTH} caractères.",
                          f"Search cut to {MAX_QUERY_LENGTH} characters."))
    return text[:MAX_QUERY_LENGTH].strip()


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _matches(column: pd.Series, selected: set[str], multi: bool) -> pd.Series:
    if multi:
        return column.map(lambda cell: not selected.isdisjoint(split_multi(cell))).astype(bool)
    return column.isin(selected)


def _choice_clause(key: str, codes: tuple[str, ...], lang: str, options: FilterOptions) -> str:
    names = [options.label(key, code, lang) for code in codes]
    return f"{tr(lang, *CLAUSES[key])} {join_words(lang, names, ('ou', 'or'))}"


def _period_clause(year_from: int | None, year_to: int | None, lang: str) -> str:
    if year_from is not None and year_to is not None:
        if year_from == year_to:
            return tr(lang, f"en service en {year_from}", f"in service in {year_from}")
        return tr(lang, f"en service entre {year_from} et {year_to}",
                  f"in service between {year_from} and {year_to}")
    if year_from is not None:
        return tr(lang, f"en service en {year_from} ou après", f"in service in {year_from} or later")
    return tr(lang, f"en service en {year_to} ou avant", f"in service in {year_to} or earlier")
