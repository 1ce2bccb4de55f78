"""The brief as a Word document (python-docx): A4, the parts as headings, citations linked to the sources.

python-docx has no call for hyperlinks, so `_link` adds the `w:hyperlink` element itself; footnotes are not
in its API either, so citations are [n] markers linked to the source's address, and the numbered Sources
list at the end gives each source's title, outlet, date and address. Text goes in as text (runs), never
parsed as markup.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefing.export.content import Block, Run
from briefing.results import Part

LINK = RGBColor(0x14, 0x46, 0xA0)
GREY = RGBColor(0x5A, 0x5A, 0x5A)
STYLES = {"title": "Title", "heading": "Heading 1", "bullet": "List Bullet", "quote": "Quote"}


def render_docx(content: list[Block], title: str, path: Path, picture: bytes | None) -> Path:
    """Write the blocks to `path` as a .docx, the timeline picture under the Timeline heading."""
    doc = Document()
    doc.core_properties.title = title[:255]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    doc.styles["Normal"].font.size = Pt(10)
    for block in content:
        paragraph = doc.add_paragraph(style=STYLES.get(block.kind))
        for run in block.runs:
            _run(paragraph, run, block.kind)
        if block.kind == "heading" and block.text == Part.TIMELINE and picture:
            doc.add_picture(io.BytesIO(picture), width=Mm(170))
    doc.save(str(path))
    return path


def _run(paragraph: Paragraph, run: Run, kind: str) -> None:
    if run.link:
        _link(paragraph, run.text, run.link, small=run.style == "url")
        return
    added = paragraph.add_run(run.text)
    added.bold = run.style == "bold" or None
    added.italic = run.style == "italic" or None
    if kind in ("basis", "note"):
        added.font.color.rgb = GREY
        added.font.size = Pt(9)
    if kind in ("source", "quote"):
        added.font.size = Pt(9)


def _link(paragraph: Paragraph, text: str, url: str, small: bool = False) -> None:
    """Append `text` to the paragraph as a link to `url` (an external relationship of the document)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = paragraph.add_run(text)
    run.font.color.rgb = LINK
    run.font.underline = True
    if small:
        run.font.size = Pt(8)
    link.append(run._r)  # moved from the paragraph into the link
    paragraph._p.append(link)
