"""The brief as a PDF (fpdf2): one A4 page when it keeps to the word budget, the timeline picture in it.

Text is written as text (fpdf2's markdown mode is never used), in DejaVu Sans from matplotlib's own fonts
(Latin, Greek, Cyrillic, Arabic letters unjoined, …), so no system font is needed; a character DejaVu
lacks (Chinese, Japanese, …) is shown as the replacement character �. (matplotlib's Last Resort font would
show a box naming the script, but fpdf2 takes 4 s to load it.) Citations [n] and source titles are links to
the sources' http(s) addresses. When the page overflows, the text is set smaller (down to 82 %) before a
second page is allowed, first with the Sources list run in as one paragraph (titles and outlets still linked).
"""

from __future__ import annotations

import io
from importlib.util import find_spec
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode

from briefing.export.content import EVIDENCE, Block, Run, compact_sources
from briefing.results import Part

SCALES = (1.0, 0.94, 0.88, 0.82)  # text sizes tried, largest first, until the brief fits on one page
SIZE = 9.0  # body text, points
MARGIN = 13.0  # millimetres
PICTURE = 160.0  # the timeline picture's width at full size, millimetres (it is drawn 6.3 inches wide)
PT = 0.3528  # millimetres in a point
LINK = (20, 70, 160)
GREY = (90, 90, 90)
_STYLES = {"": "", "bold": "B", "italic": "I", "url": ""}


def _fonts() -> Path:
    spec = find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def render_pdf(brief_blocks: list[Block], title: str, path: Path, picture: bytes | None) -> Path:
    """Write the blocks to `path` as a PDF, at the largest text size that keeps it to one page (the Sources
    list run in when a line per source does not fit). An Evidence appendix starts on a page of its own."""
    at = next((i for i, b in enumerate(brief_blocks) if b.kind == "heading" and b.text == EVIDENCE), len(brief_blocks))
    brief_blocks, appendix = brief_blocks[:at], brief_blocks[at:]
    compact = compact_sources(brief_blocks)
    for content, scale in [*((brief_blocks, s) for s in SCALES), *((compact, s) for s in SCALES[1:])]:
        pdf = _render(content, title, picture, scale)
        if pdf.pages_count == 1:
            break
    if appendix:
        pdf.add_page()
        for block in appendix:
            _block(pdf, block, SIZE * scale)
    path.write_bytes(bytes(pdf.output()))
    return path


def _render(content: list[Block], title: str, picture: bytes | None, scale: float) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_creator("briefing")
    pdf.set_margins(MARGIN, MARGIN * 0.8, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN * 0.8)
    fonts = _fonts()
    for style, name in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"), ("I", "DejaVuSans-Oblique")):
        pdf.add_font("DejaVu", style, fonts / f"{name}.ttf")
    pdf.add_page()
    size = SIZE * scale
    for block in content:
        _block(pdf, block, size)
        if block.kind == "heading" and block.text == Part.TIMELINE and picture:
            width = min(pdf.epw, PICTURE) * (0.85 + 0.15 * scale)  # the picture shrinks with the text
            pdf.image(io.BytesIO(picture), x=pdf.l_margin, w=width, alt_text="Timeline picture")
            pdf.ln(size * PT * 0.4)
    return pdf


def _block(pdf: FPDF, block: Block, size: float) -> None:
    kind = block.kind
    points = {"title": size * 1.6, "heading": size * 1.15, "basis": size * 0.85, "note": size * 0.85}
    points["source"] = points["sources"] = points["quote"] = size * 0.82
    at = points.get(kind, size)
    height = at * PT * 1.25
    if kind == "heading":
        pdf.ln(size * PT * 0.5)
    grey = kind in ("basis", "note")
    indent = {"bullet": at * PT * 1.6, "source": at * PT * 2.2, "quote": at * PT * 4.4}.get(kind, 0.0)
    left = pdf.l_margin
    if kind == "bullet":
        pdf.set_font("DejaVu", "", at)
        pdf.write(height, "•")
    if indent:
        pdf.set_left_margin(left + indent)
        pdf.set_x(left + indent)
    style = "B" if kind in ("title", "heading") else ""
    for run in block.runs:
        _run(pdf, run, height, at, style, grey)
    pdf.ln(height)
    pdf.set_left_margin(left)
    pdf.ln(at * PT * (0.5 if kind == "title" else 0.25))


def _run(pdf: FPDF, run: Run, height: float, size: float, style: str, grey: bool) -> None:
    pdf.set_font("DejaVu", style or _STYLES.get(run.style, ""), size * (0.92 if run.style == "url" else 1.0))
    colour = LINK if run.link and run.style != "url" else GREY if grey or run.style == "url" else (0, 0, 0)
    pdf.set_text_color(*colour)
    wrap = WrapMode.CHAR if run.style == "url" else WrapMode.WORD
    pdf.write(height, _drawable(pdf, run.text), link=run.link or "", wrapmode=wrap)


def _drawable(pdf: FPDF, text: str) -> str:
    """The text with each character the current font has no glyph for replaced by �."""
    glyphs = pdf.current_font.cmap  # type: ignore[union-attr]
    return "".join(c if ord(c) in glyphs or c in "\n\t" else "\ufffd" for c in text)
