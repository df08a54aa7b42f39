"""The two languages of the atlas: French first, English on request."""

from __future__ import annotations

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


def tr(lang: str, fr: str, en: str) -> str:
    """The French or English text, according to `lang` (anything but "en" means French)."""
    return en if lang == "en" else fr


def normalize_lang(value: object) -> str:
    """A language code from an untrusted value (URL, session): "en" or "fr", French by default."""
    text = str(value or "").strip().lower()[:8]
    return text if text in LANGS else DEFAULT_LANG


def quote(lang: str, text: str) -> str:
    """`text` between the quotation marks of `lang`: « text » or “text”."""
    return tr(lang, f"« {text} »", f"“{text}”")


def join_words(lang: str, items: list[str], word: tuple[str, str] = ("et", "and")) -> str:
    """`a, b et c` / `a, b and c` (or with another linking word, such as ("ou", "or"))."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {tr(lang, *word)} {items[-1]}"
