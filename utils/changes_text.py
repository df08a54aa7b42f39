"""What an editor's file changes, in words: the one-line summary and the outcomes, in French and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from utils.geocode import GeocodeReport
from utils.i18n import tr
from utils.labels import label

if TYPE_CHECKING:  # utils.diff imports this module
    from utils.diff import Changes

NAMED = 5  # rows named in one line of the outcomes


def changes_summary(changes: Changes, lang: str) -> str:
    """`2 lignes ajoutées, aucune retirée, 1 modifiée (1 cellule)`."""
    if changes.is_empty:
        return tr(lang, "aucun changement par rapport aux données publiées",
                  "no change from the published data")
    added, removed, changed, cells = (len(changes.added), len(changes.removed), len(changes.changed_ids),
                                      len(changes.cells))
    if lang == "en":
        cells_part = f" ({cells} {'cell' if cells == 1 else 'cells'})" if cells else ""
        return (f"{_number(added, 'no')} {'row' if added == 1 else 'rows'} added, "
                f"{_number(removed, 'none')} removed, {_number(changed, 'none')} changed{cells_part}")
    cells_part = f" ({cells} {_feminine(cells, 'cellule')})" if cells else ""
    return (f"{_number(added, 'aucune')} {_feminine(added, 'ligne')} {_feminine(added, 'ajoutée')}, "
            f"{_number(removed, 'aucune')} {_feminine(removed, 'retirée')}, "
            f"{_number(changed, 'aucune')} {_feminine(changed, 'modifiée')}{cells_part}")


def _number(count: int, zero: str) -> str:
    return str(count) if count else zero


def _feminine(count: int, word: str) -> str:
    """`ligne`, `lignes`: French puts 0 and 1 in the singular."""
    return word if count <= 1 else f"{word}s"


def outcomes(changes: Changes, edited: pd.DataFrame, geocoding: GeocodeReport, lang: str) -> list[str]:
    """The changes at a glance, one line per kind: rows added (with where they are placed), changed, removed.

    `edited` is the reviewed file as an all-text frame indexed by row; `geocoding` what placed its rows.
    """
    if changes.is_empty:
        return [changes_summary(changes, lang)]
    added = [_added(edited.loc[row], row, row_id, geocoding, lang) for row, row_id in changes.added]
    columns: dict[tuple[int, str], list[str]] = {}
    for cell in changes.cells:
        columns.setdefault((cell.row, cell.row_id), []).append(cell.column)
    changed = [f"{row_id} ({tr(lang, f'ligne {row} : ', f'row {row}: ')}{', '.join(names)})"
               for (row, row_id), names in columns.items()]
    kinds = [(("ligne ajoutée", "lignes ajoutées", "row added", "rows added"), added),
             (("ligne modifiée", "lignes modifiées", "row changed", "rows changed"), changed),
             (("ligne retirée", "lignes retirées", "row removed", "rows removed"), changes.removed),
             (("colonne ajoutée", "colonnes ajoutées", "column added", "columns added"),
              changes.columns_added),
             (("colonne retirée", "colonnes retirées", "column removed", "columns removed"),
              changes.columns_removed)]
    return [_listed(words, items, lang) for words, items in kinds if items]


def _listed(words: tuple[str, str, str, str], items: list[str], lang: str) -> str:
    """`2 lignes ajoutées : a ; b` with at most NAMED of the items, then how many more."""
    count, plural = len(items), len(items) > 1
    named = tr(lang, " ; ", "; ").join(items[:NAMED])
    more = tr(lang, f" ; et {count - NAMED} autres", f"; and {count - NAMED} more") if count > NAMED else ""
    what = tr(lang, words[plural], words[2 + plural])
    return f"{count} {what}{tr(lang, ' : ', ': ')}{named}{more}"


def _added(cells: pd.Series, row: int, row_id: str, geocoding: GeocodeReport, lang: str) -> str:
    """`evreux-vsa-2026 (ligne 283), Évreux (27), placée au point de la commune, INSEE 27229`."""
    name = row_id or tr(lang, "sans id", "no id")
    commune, department = cells.get("commune", ""), cells.get("department_code", "")
    place = f"{commune} ({department})" if commune and department else commune
    parts = [f"{name} ({tr(lang, 'ligne', 'row')} {row})", place, _placement(cells, row, geocoding, lang)]
    return ", ".join(part for part in parts if part)


def _placement(cells: pd.Series, row: int, geocoding: GeocodeReport, lang: str) -> str:
    """How the new row is placed on the map."""
    if cells.get("geo_precision") == "national":
        return tr(lang, "portée nationale", "nationwide")
    if any(placement.row == row for placement in geocoding.placements):
        return tr(lang, f"placée au point de la commune, INSEE {cells.get('insee_code', '')}",
                  f"placed at the municipality's point, INSEE {cells.get('insee_code', '')}")
    if any(problem.row == row for problem in geocoding.problems):
        return tr(lang, "non placée : voir « Géocodage hors ligne »", "not placed: see “Offline geocoding”")
    if cells.get("lat") and cells.get("lon"):
        precision = label("geo_precision", cells.get("geo_precision", ""), lang).lower()
        return tr(lang, f"point donné dans le fichier (précision : {precision})",
                  f"point given in the file (precision: {precision})")
    return tr(lang, "sans point sur la carte", "no point on the map")
