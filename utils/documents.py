"""Letters as word-processor documents (.docx, with python-docx): one paragraph per paragraph of text.

.docx rather than .odt: python-docx is actively maintained, and Word, LibreOffice, OnlyOffice and
Google Docs all open the file. The blanks left for the organiser ([Vos nom et prénom]…) are
highlighted so none is forgotten. python-docx writes text nodes, so markup in a cell stays text.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BLANK = re.compile(r"(\[[^\[\]\n]{1,80}\])")
# XML 1.0 forbids these characters; a stray one in a cell must not make the export fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
FONT = "Liberation Serif"


def letter_docx(text: str, title: str = "") -> bytes:
    """The letter `text` as a .docx file: paragraphs split on blank lines, lines kept, blanks highlighted."""
    document = Document()
    document.core_properties.title = _xml_safe(title)[:250]
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(11)
    for paragraph in re.split(r"\n\s*\n", _xml_safe(text).strip()):
        _add_paragraph(document, paragraph.split("\n"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_paragraph(document, lines: list[str]) -> None:
    paragraph = document.add_paragraph()
    for number, line in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        for piece in BLANK.split(line):
            if piece:
                run = paragraph.add_run(piece)
                if BLANK.fullmatch(piece):
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(" ", str(text or ""))
