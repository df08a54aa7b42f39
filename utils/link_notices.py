"""Notices for the parts of a shared link the atlas does not read: a language it lacks, unknown parameters.

Unknown filter values are reported by utils.filters; these are the rest of the link. The trackers that
platforms append to shared links (utm_*, fbclid…) are dropped without a word: they are not the sender's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from utils.i18n import LANGS, quote, tr

# Parameters read outside the shared filters: ?id= (Data and Act pages) and Streamlit's own.
OTHER_KEYS = ("id", "embed", "embed_options")
TRACKER = re.compile(r"utm_\w*|\w*clid|mc_[ce]id|igshid|_ga|_gl|ref|si", re.IGNORECASE)
NAMED = 3  # unknown parameters named in the notice; the others are counted
MAX_NAME_LENGTH = 40


def language_notices(asked: Iterable[str], lang: str) -> list[str]:
    """A notice when the link asks for a language other than fr or en (the page is then in `lang`)."""
    value = str(next(iter(asked), "") or "").strip()
    if not value or value.lower() in LANGS:
        return []
    shown = quote(lang, _shorten(value))
    return [tr(lang, f"Langue inconnue ignorée : {shown} ; l'atlas est en français (fr) et en anglais (en).",
               f"Unknown language ignored: {shown}; the atlas is in French (fr) and English (en).")]


def unknown_key_notices(keys: Iterable[str], known: Iterable[str], lang: str) -> list[str]:
    """A notice naming the parameters of the link that no page reads, trackers aside."""
    allowed = {*known, *OTHER_KEYS}
    unknown = [key for key in keys if key not in allowed and not TRACKER.fullmatch(key)]
    if not unknown:
        return []
    names = ", ".join(quote(lang, _shorten(key)) for key in unknown[:NAMED])
    more = len(unknown) - NAMED
    tail = tr(lang, f" et {more} autre(s)", f" and {more} more") if more > 0 else ""
    return [tr(lang, f"Paramètre inconnu ignoré dans le lien : {names}{tail}.",
               f"Unknown link parameter ignored: {names}{tail}.")]


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_NAME_LENGTH else text[: MAX_NAME_LENGTH - 1] + "…"
