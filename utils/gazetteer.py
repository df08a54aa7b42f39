"""The communes of France (data/geo/communes.csv), looked up by INSEE code or by name as people type it."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from utils.names import normalise, without_article, without_qualifier
from utils.paths import COMMUNES_CSV

MAX_CANDIDATES_SHOWN = 8  # homonyms listed in a message (Sainte-Colombe has 12)


@dataclass(frozen=True)
class Commune:
    """One commune (or municipal arrondissement) with its official codes and point."""

    insee_code: str
    name: str
    department_code: str
    region_code: str
    population: int
    lat: float
    lon: float

    @property
    def label(self) -> str:
        """`Saint-Denis (93)`: the name with its department, to tell homonyms apart."""
        return f"{self.name} ({self.department_code})"


def normalise_department(code: str | None) -> str:
    """`'1'` -> `'01'`, `' 2a '` -> `'2A'` (Excel drops leading zeros); '' when missing."""
    code = str(code or "").strip().upper()
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def normalise_insee(code: str | None) -> str:
    """`'1053'` -> `'01053'`, `'2a004'` -> `'2A004'` (Excel drops leading zeros); '' when missing."""
    code = str(code or "").strip().upper()
    return code.zfill(5) if code.isdigit() and len(code) == 4 else code


class Gazetteer:
    """Lookup of communes by INSEE code and by tolerant name."""

    def __init__(self, communes: list[Commune]):
        self.communes = sorted(communes, key=lambda commune: -commune.population)
        self._by_code = {commune.insee_code: commune for commune in self.communes}
        self._by_key: dict[str, list[Commune]] = defaultdict(list)
        self._by_alias: dict[str, list[Commune]] = defaultdict(list)
        self._keys = [(normalise(commune.name), commune) for commune in self.communes]
        for key, commune in self._keys:
            self._by_key[key].append(commune)
            for alias in _aliases(key, commune.name):
                self._by_alias[alias].append(commune)

    def __len__(self) -> int:
        return len(self.communes)

    def by_code(self, insee_code: str) -> Commune | None:
        """The commune with this INSEE code (leading zero restored), or None."""
        return self._by_code.get(normalise_insee(insee_code))

    def find(self, name: str, department_code: str | None = None) -> list[Commune]:
        """Communes whose name matches, however typed; biggest first.

        An exact match of the normalised name wins; failing that, the name without its leading
        article (`Sables d'Olonne`) or without a parenthesised qualifier (`Bors`) is tried.
        Several results mean homonyms: `department_code` narrows them down.
        """
        key = normalise(name)
        if not key:
            return []
        candidates = self._by_key.get(key) or self._by_alias.get(without_article(key), [])
        department = normalise_department(department_code)
        if department:
            candidates = [commune for commune in candidates if commune.department_code == department]
        return list(candidates)

    def search(self, text: str, limit: int = 20) -> list[Commune]:
        """Communes for a picker: exact name, then names starting with `text`, then containing it.

        Within each group the biggest population comes first. Empty text gives the biggest communes.
        """
        key = normalise(text)
        if not key:
            return self.communes[:limit]
        exact, prefix, inside = [], [], []
        for name_key, commune in self._keys:
            if name_key == key:
                exact.append(commune)
            elif name_key.startswith(key):
                prefix.append(commune)
            elif key in name_key:
                inside.append(commune)
        return (exact + prefix + inside)[:limit]

    def resolve(self, name: str, department_code: str = "", insee_code: str = "") -> Commune | str:
        """The one commune a row designates, or the reason (in French) why there is none.

        An INSEE code wins but must agree with the name and department; otherwise the name is
        looked up, a homonym being settled by the department.
        """
        department = normalise_department(department_code)
        if str(insee_code or "").strip():
            return self._resolve_code(normalise_insee(insee_code), str(name or "").strip(), department)
        return self._resolve_name(str(name or "").strip(), department)

    def _resolve_code(self, code: str, name: str, department: str) -> Commune | str:
        commune = self.by_code(code)
        if commune is None:
            return f"code INSEE « {code} » inconnu du référentiel des communes (commune « {name} »)"
        if department and department != commune.department_code:
            return (f"le code INSEE {code} ({commune.label}) n'est pas dans le département {department} : "
                    "corrigez l'un ou l'autre")
        if name and not self.name_fits(name, commune):
            return (f"le code INSEE {code} est celui de {commune.label}, pas de « {name} » : "
                    "corrigez l'un ou l'autre")
        return commune

    def _resolve_name(self, name: str, department: str) -> Commune | str:
        candidates = self.find(name, department)
        spelled_exactly = [commune for commune in candidates if commune.name == name]
        if len(candidates) == 1 or len(spelled_exactly) == 1:  # `Melle` is not `Mellé`
            return (spelled_exactly or candidates)[0]
        if candidates:
            return (f"commune « {name} » ambiguë, précisez department_code ou insee_code ; "
                    f"candidats : {describe_communes(candidates)}")
        elsewhere = self.find(name) if department else []
        if elsewhere:
            return (f"commune « {name} » introuvable dans le département {department} ; "
                    f"communes de ce nom : {describe_communes(elsewhere)}")
        suggestions = self.search(name, limit=3)
        hint = f" ; vouliez-vous dire : {describe_communes(suggestions)} ?" if suggestions else ""
        return f"commune « {name} » inconnue du référentiel des communes{hint}"

    def name_fits(self, name: str, commune: Commune) -> bool:
        """Whether a typed name designates this commune (`Paris` fits an arrondissement of Paris)."""
        return commune in self.find(name) or normalise(commune.name).startswith(normalise(name) + " ")


def describe_communes(communes: list[Commune], shown: int = MAX_CANDIDATES_SHOWN) -> str:
    """`Saint-Denis (93, INSEE 93066), …` for a message, at most `shown` of them."""
    text = ", ".join(f"{c.name} ({c.department_code}, INSEE {c.insee_code})" for c in communes[:shown])
    hidden = len(communes) - shown
    return text + (f" et {hidden} autre{'s' if hidden > 1 else ''}" if hidden > 0 else "")


def _aliases(key: str, name: str) -> set[str]:
    """Keys a commune also answers to: without its article, without its qualifier."""
    keys = {key, normalise(without_qualifier(name))} if "(" in name else {key}
    return keys | {without_article(alias) for alias in keys}


def _commune(record: dict[str, str]) -> Commune:
    return Commune(
        insee_code=record["insee_code"],
        name=record["name"],
        department_code=record["department_code"],
        region_code=record["region_code"],
        population=int(record["population"] or 0),
        lat=float(record["lat"]),
        lon=float(record["lon"]),
    )


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = COMMUNES_CSV) -> Gazetteer:
    """The gazetteer read from `path` (codes kept as text), built once per path."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return Gazetteer([_commune(record) for record in csv.DictReader(handle)])
