"""Text from the data or the URL, made safe for Streamlit's Markdown."""

from __future__ import annotations

import re
from urllib.parse import quote

# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping them all
# neutralises links, images, emphasis, HTML, LaTeX ($), emoji and colour directives (:red[…]).
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """`text` as literal Markdown: no link, image, HTML, formula or formatting can come from it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def md_keeping_code(text: str) -> str:
    """`text` escaped like `md`, except its `code spans`, which stay code.

    A code span shows its content literally (no link, emphasis or HTML can come out of it), so a
    file's `name` reads as code instead of showing its backticks.
    """
    parts = str(text or "").split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: nothing is code
        return md(text)
    return "".join(f"`{part}`" if index % 2 else _md_spaced(part) for index, part in enumerate(parts))


def _md_spaced(part: str) -> str:
    # md() trims; the spaces around a code span must stay.
    lead = " " if part[:1].isspace() else ""
    trail = " " if part[-1:].isspace() and part.strip() else ""
    return lead + md(part) + trail


def md_link(label: object, url: str) -> str:
    """A Markdown link to an http(s) `url` (already checked), label escaped, URL percent-encoded."""
    return f"[{md(label)}]({quote(url, safe=_URL_SAFE)})"


# Characters kept as they are in a link target: everything else, notably ( ) < > and spaces, is encoded.
_URL_SAFE = ":/?#@!$&'*+,;=%~"
