"""Writing a brief to a file in the format its name asks for: .md, .html, .pdf or .docx."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import BriefingError
from briefing.export.chart import timeline_png
from briefing.export.content import blocks
from briefing.results import Brief
from briefing.text.markup import to_html

FORMATS = (".md", ".html", ".pdf", ".docx")
PICTURE = "timeline.png"  # the timeline picture, beside a brief's files where the page writes them


def brief_files(folder: Path) -> list[Path]:
    """Where the page keeps a brief in `folder`: its .md, .html, .pdf and .docx, then its timeline picture."""
    return [*(folder / f"brief{suffix}" for suffix in FORMATS), folder / PICTURE]


def check_format(path: Path) -> str:
    """The format a file name asks for (its suffix), or a BriefingError naming the ones there are."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = suffix or "no suffix"
        msg = f"cannot write a brief to {path.name!r} ({shown}): end the name in {', '.join(FORMATS)}"
        raise BriefingError(msg)
    return suffix


def write_html(brief: Brief, path: Path, picture: bytes | None = None) -> Path:
    """The standalone HTML page (loads nothing), the timeline picture inline as a data: image."""
    picture = picture or timeline_png(brief)
    path.write_text(to_html(brief.markdown, brief.title, picture), encoding="utf-8", errors="replace")
    return path


def write_pdf(brief: Brief, path: Path, picture: bytes | None = None) -> Path:
    """The PDF: one A4 page when the brief keeps to its word budget, with the timeline picture."""
    from briefing.export.pdf import render_pdf

    return render_pdf(blocks(brief), brief.title, path, picture or timeline_png(brief))


def write_docx(brief: Brief, path: Path, picture: bytes | None = None) -> Path:
    """The Word document: the parts as headings, citations linked, the timeline picture."""
    from briefing.export.word import render_docx

    return render_docx(blocks(brief), brief.title, path, picture or timeline_png(brief))


def save(brief: Brief, path: str | Path, picture: bytes | None = None) -> Path:
    """Write the brief to `path` in the format its suffix names (see `check_format`)."""
    path = Path(path)
    suffix = check_format(path)
    if suffix == ".md":
        path.write_text(brief.markdown, encoding="utf-8", errors="replace")  # a lone surrogate: "?"
        return path
    writer = {".html": write_html, ".pdf": write_pdf, ".docx": write_docx}[suffix]
    return writer(brief, path, picture)
