"""The brief as a deliverable: PDF, Word and HTML files, and the timeline picture.

Imported only when a file is written: fpdf2, python-docx and matplotlib load then, never on `briefing ask`.
"""

from briefing.export.chart import TimelineData, timeline_data, timeline_png
from briefing.export.files import (
    FORMATS,
    PICTURE,
    brief_files,
    check_format,
    check_path,
    markdown_of,
    save,
    write_docx,
    write_html,
    write_pdf,
)

__all__ = [
    "FORMATS",
    "PICTURE",
    "TimelineData",
    "brief_files",
    "check_format",
    "check_path",
    "markdown_of",
    "save",
    "timeline_data",
    "timeline_png",
    "write_docx",
    "write_html",
    "write_pdf",
]
