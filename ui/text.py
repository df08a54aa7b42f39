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


def md_link(label: object, url: str) -> str:
    """A Markdown link to an http(s) `url` (already checked), label escaped, URL percent-encoded."""
    return f"[{md(label)}]({quote(url, safe=_URL_SAFE)})"


# Characters kept as they are in a link target: everything else, notably ( ) < > and spaces, is encoded.
_URL_SAFE = ":/?#@!$&'*+,;=%~"
