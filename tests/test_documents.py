"""Letters as .docx: every line kept, markup kept as text, blanks highlighted, stray characters harmless."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from utils.documents import letter_docx
from utils.letters import deployment_letter

HOSTILE = '<script>alert("x")</script> & <w:p/> ]]>'


def document_text(data: bytes) -> list[str]:
    """The paragraphs of a .docx as python-docx reads them back."""
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def body_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_that_every_line_of_the_letter_is_in_the_document():
    """Test that the document holds each line of the letter, paragraphs where the text has blank lines."""
    letter = deployment_letter({"id": "a-1", "commune": "Nîmes", "operator": "Ville de Nîmes",
                                "operator_type": "municipality", "technology": "drone", "status": "active",
                                "sources": "https://example.org/a"})
    paragraphs = document_text(letter_docx(letter.text, letter.subject))
    assert len(paragraphs) == len([part for part in letter.text.split("\n\n") if part.strip()])
    joined = "\n".join(paragraphs)
    for line in filter(None, letter.text.splitlines()):
        assert line in joined


@pytest.mark.parametrize("text", [HOSTILE, f"Objet : {HOSTILE}\n\n{HOSTILE}"])
def test_that_markup_in_the_text_stays_text(text):
    """Test that markup from a cell is written escaped in the XML and reads back as the same text."""
    data = letter_docx(text, HOSTILE)
    assert HOSTILE in "\n".join(document_text(data))
    xml = body_xml(data)
    assert "<script>" not in xml and "<w:p/> ]]>" not in xml
    assert "&lt;script&gt;" in xml


def test_that_the_blanks_are_highlighted():
    """Test that each [blank] is its own yellow run and ordinary text is not highlighted."""
    data = letter_docx("[Vos nom et prénom]\nMadame, Monsieur, le [Date].")
    runs = [run for paragraph in Document(io.BytesIO(data)).paragraphs for run in paragraph.runs if run.text]
    highlighted = {run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW}
    assert highlighted == {"[Vos nom et prénom]", "[Date]"}


def test_that_control_characters_do_not_break_the_export():
    """Test that characters XML 1.0 forbids are replaced instead of making the export fail."""
    data = letter_docx("Parking\x0bnord\x00 et\x1f sud", "Titre\x07")
    assert "Parking nord  et  sud" in document_text(data)[0]
