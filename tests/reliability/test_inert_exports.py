"""Hostile source text through the PDF, Word and HTML exports and the timeline picture: text stays text.

One brief holds every hostile string (as title, claim, label, outlet and source title) and every hostile
URL. The files must be written, read back with the text as it was written, link only to http(s)
addresses, and hold nothing that runs (no PDF JavaScript or launch action, no Word field).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from briefing.export import timeline_png, write_docx, write_html, write_pdf
from briefing.results import Brief, Part, Section
from briefing.text.markup import web_url
from briefing.types import Claim, Source
from tests.reliability.hostile import HOSTILE, HOSTILE_URLS, LONG, scan_html

UNPRINTABLE = "nul\x00 bell\x07 vt\x0b esc\x1b del\x7f c1\x85 bidi\u202e lone\ud800 nonchar\uffff end"
SCRIPTS = "Кремль заявил, Ελλάδα, 北京 说, مرحبا, 東京"
TEXTS = [*HOSTILE, UNPRINTABLE, SCRIPTS]
GOOD_URL = "https://news.example/story?id=1&x=2"
PWN = "<script>window.__pwned=1</script>"


def _hostile_brief() -> Brief:
    sources = [Source(i + 1, f"a{i}", t, t, "2024-06-05", HOSTILE_URLS[i % len(HOSTILE_URLS)]) for i, t in
               enumerate(TEXTS)]  # fmt: skip
    sources.append(Source(len(sources) + 1, "good", "A good source", "Good Times", "2024-06-05", GOOD_URL))
    claims = [Claim(t, [i + 1, len(sources)], label=t[:40], reports=2, outlets=[t, "b", "c"]) for i, t in
              enumerate(TEXTS)]  # fmt: skip
    timeline = [Claim(t, [i + 1], label=f"2024-06-{1 + i % 28:02d}") for i, t in enumerate(TEXTS)]
    sections = [
        Section(Part.BOTTOM_LINE, claims[:2]),
        Section(Part.KEY_FIGURES, claims),
        Section(Part.TIMELINE, timeline),
    ]
    volume = {t: {"2024-06-05": 2, "2024-06-06": 1} for t in TEXTS[:12]}
    return Brief(f"Situation brief: {PWN} {SCRIPTS}", PWN, sections, sources, 40, outlets=12, volume=volume)


@pytest.fixture(scope="module")
def brief() -> Brief:
    return _hostile_brief()


@pytest.fixture(scope="module")
def picture(brief: Brief) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a character the font lacks is replaced, not warned about per brief
        png = timeline_png(brief)
    assert png is not None
    Image.open(io.BytesIO(png)).verify()
    return png


def _only_web_urls(urls: list[str]) -> None:
    assert urls
    allowed = {web_url(u) for u in [*HOSTILE_URLS, GOOD_URL]} - {None}
    assert GOOD_URL in urls
    for url in urls:
        assert re.match(r"https?://", url) and url in allowed, url


def test_pdf_keeps_hostile_text_as_text_and_links_only_to_web_addresses(
    brief: Brief, picture: bytes, tmp_path: Path
) -> None:
    reader = PdfReader(write_pdf(brief, tmp_path / "hostile.pdf", picture))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert PWN in text and "[click](javascript:window.__pwned=1)" in text and "Кремль заявил" in text
    assert "\ufffd" in text and "北京" not in text  # DejaVu has no Chinese: shown as the replacement character
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert annot["/Subtype"] == "/Link" and annot["/A"]["/S"] == "/URI"  # no JavaScript, launch, form
            uris.append(str(annot["/A"]["/URI"]))
    _only_web_urls(uris)
    root = reader.trailer["/Root"]
    assert not {"/AA", "/AcroForm"} & set(root.keys())
    assert isinstance(root.get("/OpenAction", []), list)  # a page to open at (fpdf2's zoom), not an action
    assert "/Names" not in root or "/JavaScript" not in root["/Names"]
    raw = (tmp_path / "hostile.pdf").read_bytes()
    assert b"/JavaScript" not in raw and b"/Launch" not in raw and b"/JS " not in raw


def test_docx_keeps_hostile_text_as_text_and_links_only_to_web_addresses(
    brief: Brief, picture: bytes, tmp_path: Path
) -> None:
    path = write_docx(brief, tmp_path / "hostile.docx", picture)
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert PWN in text and "[click](javascript:window.__pwned=1)" in text and SCRIPTS in text
    assert LONG in text and "nul bell vt esc del c1 bidi\u202e lone nonchar end" in text  # unprintables dropped
    _only_web_urls([h.address for p in doc.paragraphs for h in p.hyperlinks])
    external = [r.target_ref for r in doc.part.rels.values() if r.is_external]
    _only_web_urls(external)
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "<w:fldSimple" not in body and "<w:instrText" not in body  # no field (a field can run a link)
    assert "<script>" not in body  # escaped in the XML, as text


def test_html_with_the_picture_loads_nothing_but_it(brief: Brief, picture: bytes, tmp_path: Path) -> None:
    page = write_html(brief, tmp_path / "hostile.html", picture).read_text(encoding="utf-8")
    body = page[page.index("<body>") + len("<body>") : page.index("</body>")]
    problems, visible = scan_html(body)
    inline = re.findall(r"src='(data:image/png;base64,[A-Za-z0-9+/=]+)'", body)
    assert len(inline) == 1 and problems == ["<img> element", f"src={inline[0]!r} on <img>"]  # the picture only
    assert PWN in visible
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"" in page
