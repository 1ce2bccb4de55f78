"""Writing a brief to a file in the format its name asks for: .md, .html, .pdf or .docx."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import BriefingError
from briefing.export.chart import timeline_png
from briefing.export.content import EVIDENCE, blocks
from briefing.export.html import brief_html
from briefing.results import Brief, render_sources

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


def check_path(path: Path) -> str:
    """`check_format`, and that a file can be written there: its folder exists and it is not a folder itself."""
    suffix = check_format(path)
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise BriefingError(f"cannot write {path}: the folder {folder} {what}")
    if path.is_dir():
        raise BriefingError(f"cannot write {path}: it is a folder")
    return suffix


def markdown_of(brief: Brief, evidence: bool = False) -> str:
    """The brief's Markdown, with the Evidence appendix (each source's quoted passages) when asked."""
    if not evidence or brief.abstained or not any(s.quotes for s in brief.sources):
        return brief.markdown
    return f"{brief.markdown.rstrip()}\n\n## {EVIDENCE}\n\n{render_sources(brief.sources, quotes=True)}\n"


def write_markdown(brief: Brief, path: Path, picture: bytes | None = None, evidence: bool = False) -> Path:
    """The brief's Markdown (`.md`), with the Evidence appendix when asked."""
    path.write_text(markdown_of(brief, evidence), encoding="utf-8", errors="replace")  # a lone surrogate: "?"
    return path


def write_html(brief: Brief, path: Path, picture: bytes | None = None, evidence: bool = True) -> Path:
    """The standalone HTML page (loads nothing): `[n]` linked to its source with the passage on hover, the
    passages under each source unless `evidence` is False, the timeline picture inline as a data: image."""
    page = brief_html(brief, picture or timeline_png(brief), evidence)
    path.write_text(page, encoding="utf-8", errors="replace")
    return path


def write_pdf(brief: Brief, path: Path, picture: bytes | None = None, evidence: bool = False) -> Path:
    """The PDF: one A4 page when the brief keeps to its word budget, with the timeline picture; the Evidence
    appendix on the pages after it when asked."""
    from briefing.export.pdf import render_pdf

    return render_pdf(blocks(brief, evidence), brief.title, path, picture or timeline_png(brief))


def write_docx(brief: Brief, path: Path, picture: bytes | None = None, evidence: bool = False) -> Path:
    """The Word document: the parts as headings, citations linked, the timeline picture; the Evidence appendix."""
    from briefing.export.word import render_docx

    return render_docx(blocks(brief, evidence), brief.title, path, picture or timeline_png(brief))


def save(brief: Brief, path: str | Path, picture: bytes | None = None, evidence: bool | None = None) -> Path:
    """Write the brief to `path` in the format its suffix names (see `check_format`). `evidence` adds the
    appendix quoting each cited passage (None: on for .html, off for the others)."""
    path = Path(path)
    suffix = check_path(path)
    writer = {".md": write_markdown, ".html": write_html, ".pdf": write_pdf, ".docx": write_docx}[suffix]
    try:
        return writer(brief, path, picture, evidence=suffix == ".html" if evidence is None else evidence)
    except OSError as exc:
        raise BriefingError(f"cannot write {path}: {exc.strerror or exc}") from exc
