"""What the Contribute page says about a reviewed file, in French and English: sizes, placements, verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from utils.canonical import Note
from utils.geocode import GeocodeReport, Placement
from utils.i18n import quote, tr

if TYPE_CHECKING:  # utils.upload imports this module
    from utils.upload import Review

KILO = 1000  # file sizes are written as people read them elsewhere: 360 ko is 360 000 octets


def file_size(size: int, lang: str) -> str:
    """`850 octets`, `360 ko`, `1,2 Mo` / `850 bytes`, `360 kB`, `1.2 MB`."""
    if size < KILO:
        return tr(lang, f"{size} octet{'s' if size > 1 else ''}", f"{size} byte{'s' if size != 1 else ''}")
    if round(size / KILO) < KILO:
        return tr(lang, f"{round(size / KILO)} ko", f"{round(size / KILO)} kB")
    megabytes = f"{size / KILO / KILO:.1f}"
    return tr(lang, f"{megabytes.replace('.', ',')} Mo", f"{megabytes} MB")


def geocoding_notes(report: GeocodeReport, before: pd.DataFrame, after: pd.DataFrame) -> list[Note]:
    """Each row placed or left unplaced by the offline geocoder, in both languages.

    The French is the command line's; the English is worded from the cells before and after.
    """
    notes = [placement_note(placement, before, after) for placement in report.placements]
    return notes + [Note(f"ligne {problem.row}{_id(problem.row_id)} : {problem.message}",
                         f"row {problem.row}{_id(problem.row_id)}: {problem.message}")
                    for problem in report.problems]


def placement_note(placement: Placement, before: pd.DataFrame, after: pd.DataFrame) -> Note:
    """`ligne 283 [id] : placée au point de la commune Évreux (27), INSEE 27229` and its English."""
    cells = after.loc[placement.row]
    typed = str(before.at[placement.row, "commune"]).strip() if "commune" in before.columns else ""
    official = cells["commune"]
    english = (f"placed at the point of the municipality {official} ({cells['department_code']}), "
               f"INSEE {cells['insee_code']}")
    if not typed:
        english += f"; municipality filled from the INSEE code: {quote('en', official)}"
    elif typed != official:
        english += (f"; municipality rewritten to its official spelling: {quote('en', typed)} -> "
                    f"{quote('en', official)}")
    where = _id(placement.row_id)
    return Note(f"ligne {placement.row}{where} : {placement.message}",
                f"row {placement.row}{where}: {english}")


def _id(row_id: str) -> str:
    return f" [{row_id}]" if row_id else ""


def verdict(review: Review, lang: str) -> str:
    """`282 lignes lues, toutes conservées : aucune erreur, aucun nouvel avertissement. Le fichier …`."""
    rows, errors = len(review.table.rows), len(review.errors)
    read = (tr(lang, "1 ligne lue, conservée", "1 row read and kept") if rows == 1
            else tr(lang, f"{rows} lignes lues, toutes conservées", f"{rows} rows read, all kept"))
    found = (f"{_errors(errors, len(review.rows_with_errors), lang)}, "
             f"{_new_warnings(len(review.new_warnings), lang)}")
    advice = (tr(lang, "Corrigez les erreurs avant de proposer le fichier.",
                 "Fix the errors before proposing the file.") if errors
              else tr(lang, "Le fichier canonique est prêt à être proposé.",
                      "The canonical file is ready to be proposed."))
    return f"{read}{tr(lang, ' : ', ': ')}{found}. {advice}"


def _errors(count: int, rows: int, lang: str) -> str:
    if not count:
        return tr(lang, "aucune erreur", "no error")
    return tr(lang, f"{_counted(count, 'erreur', 'erreurs')} sur {_counted(rows, 'ligne', 'lignes')}",
              f"{_counted(count, 'error', 'errors')} on {_counted(rows, 'row', 'rows')}")


def _new_warnings(count: int, lang: str) -> str:
    if not count:
        return tr(lang, "aucun nouvel avertissement", "no new warning")
    return tr(lang, _counted(count, "nouvel avertissement", "nouveaux avertissements"),
              _counted(count, "new warning", "new warnings"))


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
