"""Commune names as people type them, reduced to one comparable key.

`normalise("St-Étienne")`, `normalise("saint etienne")` and `normalise("Saint-Étienne")` are equal;
so are `Paris 15e`, `Paris XVe`, `Paris 15ème` and the official `Paris 15e Arrondissement`.
"""

from __future__ import annotations

import re
import unicodedata

# Cities divided into municipal arrondissements, each with its own INSEE code in the gazetteer.
ARRONDISSEMENT_CITIES = ("paris", "lyon", "marseille")
ARTICLES = ("le", "la", "les", "l")
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}

_SUR_ABBREVIATION = re.compile(r"\bs/\s*", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_ARRONDISSEMENT = re.compile(
    rf"^(?P<city>{'|'.join(ARRONDISSEMENT_CITIES)}) "
    r"(?P<number>\d{1,2}|[ivx]{1,5}) ?(?:e|er|ere|eme|ieme|em)?(?: arrondissement| arrdt| arr)?$"
)


def strip_accents(text: str) -> str:
    """`Île-de-Ré` -> `Ile-de-Re`; ligatures spelled out (`œ` -> `oe`)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(name: str) -> str:
    """Lower-case ASCII words separated by single spaces, abbreviations expanded.

    Apostrophes, hyphens, dots and spaces all become one space; `St`/`Ste` become
    `saint`/`sainte`; `s/` becomes `sur`; arrondissements get one canonical form.
    """
    text = _SUR_ABBREVIATION.sub("sur ", strip_accents(str(name or "")))
    words = _NOT_ALNUM.sub(" ", text.lower()).split()
    key = " ".join(ABBREVIATIONS.get(word, word) for word in words)
    return canonical_arrondissement(key) or key


def canonical_arrondissement(key: str) -> str | None:
    """`paris xve` / `paris 15eme arrondissement` -> `paris 15 arrondissement`; None if not one."""
    match = _ARRONDISSEMENT.match(key)
    if not match:
        return None
    number = match["number"]
    value = int(number) if number.isdigit() else roman_to_int(number)
    return f"{match['city']} {value} arrondissement" if value else None


def roman_to_int(numeral: str) -> int | None:
    """`xv` -> 15, `iv` -> 4; None when the letters do not form a numeral we expect (1-39)."""
    values = [ROMAN_VALUES[char] for char in numeral.lower()]
    total = 0
    for value, following in zip(values, [*values[1:], 0], strict=True):
        total += -value if value < following else value
    return total if total > 0 and int_to_roman(total) == numeral.lower() else None


def int_to_roman(number: int) -> str:
    """15 -> `xv` (enough for arrondissement numbers)."""
    tens, units = divmod(number, 10)
    unit_forms = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
    return "x" * tens + unit_forms[units]


def without_article(key: str) -> str:
    """`les sables d olonne` -> `sables d olonne` (a normalised key, leading article removed)."""
    first, _, rest = key.partition(" ")
    return rest if first in ARTICLES and rest else key


def without_qualifier(name: str) -> str:
    """`Bors (Canton de Charente-Sud)` -> `Bors`: the name without its parenthesised qualifier."""
    return name.split("(", 1)[0].strip() or name
