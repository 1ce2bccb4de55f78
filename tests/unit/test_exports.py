"""The brief as PDF, Word and HTML files, and its timeline picture; each file read back with a library."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

import briefing
from briefing.export import save, timeline_data, timeline_png
from briefing.export.chart import short_label
from briefing.results import Brief, Part, Section
from briefing.text.markup import to_html
from briefing.types import Claim
from tests.conftest import ROOT, SEED

DATA = ROOT / "tests" / "data" / "port_strike.jsonl"
A4 = (595.28, 841.89)  # points


@pytest.fixture
def brief(fake_runtime: briefing.Runtime) -> Brief:
    """A brief on the port strike test data: every part, dated events, five outlets over three days."""
    made = briefing.summarize([DATA], topic="Port Selwyn strike", runtime=fake_runtime)
    assert not made.abstained and len(made.part(Part.TIMELINE)) >= 2
    return made


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- the timeline picture ----------------------------------------------------------------------------


def _dated(*labels: str | None, volume: dict[str, dict[str, int]] | None = None) -> Brief:
    claims = [Claim(f"Event number {i} happened at the port, officials said.", [i + 1], label) for i, label in
              enumerate(labels)]  # fmt: skip
    return Brief("t", None, [Section(Part.TIMELINE, claims)], [], 3, volume=volume or {})


@pytest.mark.parametrize(
    ("labels", "events"),
    [
        (["2024-06-05", "2024-06-04"], [(date(2024, 6, 4), (2,), False), (date(2024, 6, 5), (1,), False)]),
        (["2024-06-05 (published)", None, "not a date"], [(date(2024, 6, 5), (1,), True)]),  # only what has a date
        (["2024-02-30"], []),  # no such day
        ([], []),
    ],
)
def test_one_event_per_dated_timeline_claim(labels: list[str | None], events: list[tuple]) -> None:
    data = timeline_data(_dated(*labels))
    assert [(e.day, e.citations, e.published) for e in data.events] == events
    for e in data.events:
        assert e.label.startswith(f"Event number {e.citations[0] - 1} happened")
        assert e.caption.endswith(f"[{e.citations[0]}]") and str(e.day.year) in e.caption
        assert ("(published)" in e.caption) == e.published  # a publication date is said to be one


def test_volume_per_day_by_outlet_with_the_rest_summed_and_stray_old_articles_left_off() -> None:
    volume = {f"outlet {i}": {"2024-06-05": i, "2024-06-06": 1} for i in range(1, 8)}
    volume["Old Times"] = {"2023-01-01": 1}  # one stray article a year before the rest
    data = timeline_data(_dated("2024-06-04", volume=volume), outlets=3)
    assert data.days == [date(2024, 6, 5), date(2024, 6, 6)]
    assert list(data.volume) == ["outlet 7", "outlet 6", "outlet 5", "other outlets"]
    assert data.volume["outlet 7"] == [7, 1] and data.volume["other outlets"] == [1 + 2 + 3 + 4, 4]
    assert data.earlier == 1
    assert data.span == (date(2024, 6, 3), date(2024, 6, 7))  # the event and the articles, a day's margin


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Talks resume.", "Talks resume"),
        ("On March 13, both houses of the British Parliament agreed on the bill.", "both houses of the British "
         "Parliament agreed on…"),
        ("Dock workers at Port Selwyn walked out on Tuesday night over pay.", "Dock workers at Port Selwyn walked "
         "out on…"),
        ("A" * 80, "A" * 52 + "…"),
    ],
)  # fmt: skip
def test_short_labels(text: str, label: str) -> None:
    assert short_label(text) == label


def test_the_picture_is_a_png_and_nothing_dated_draws_none(brief: Brief) -> None:
    png = timeline_png(brief)
    assert png is not None
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG" and image.size[0] > 2 * image.size[1]
    assert timeline_png(_dated()) is None


def test_a_dollar_sign_in_source_text_is_not_a_formula() -> None:
    brief = _dated("2024-06-04", volume={"$x^$ Times": {"2024-06-04": 1}})
    brief.sections[0].claims[0].text = r"Prices rose to $\frac{1}$ overnight, to $5 from $4."
    assert timeline_png(brief) is not None  # matplotlib's mathtext would raise on the unbalanced "$"


# --- PDF ---------------------------------------------------------------------------------------------


def test_pdf_is_one_a4_page_with_the_brief_the_links_and_the_picture(brief: Brief, tmp_path: Path) -> None:
    assert brief.words <= 600  # within the word budget (the body)
    path = save(brief, tmp_path / "brief.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    text = one_line(page.extract_text())
    assert text.startswith(brief.title)
    assert one_line(brief.basis) in text  # the header line: articles, outlets, dates, copies
    for part in [*Part, "Sources"]:
        assert part in text
    for claim in brief.claims:
        assert "".join(f"[{n}]" for n in claim.citations) in text
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"]
    assert set(links) == {s.url for s in brief.sources}
    cited = sum(len(c.citations) for c in brief.claims)
    assert len(links) >= cited + 2 * len(brief.sources)  # every [n], and each source's title and address
    assert len(page.images) == 1  # the timeline picture
    assert reader.metadata is not None and reader.metadata.title == brief.title


def test_a_longer_brief_is_set_smaller_to_keep_to_one_page(brief: Brief, tmp_path: Path) -> None:
    from briefing.export.content import blocks
    from briefing.export.pdf import SCALES, _render

    picture = timeline_png(brief)
    for _ in range(20):  # a few lines more, until the full size runs onto a second page
        brief.notes += ["A note long enough to matter. " * 6]
        if _render(blocks(brief), brief.title, picture, SCALES[0]).pages_count == 2:
            break
    assert _render(blocks(brief), brief.title, picture, SCALES[0]).pages_count == 2
    assert len(PdfReader(save(brief, tmp_path / "b.pdf")).pages) == 1
    brief.notes += ["A note long enough to matter. " * 200]  # no size fits that on one page
    assert len(PdfReader(save(brief, tmp_path / "c.pdf")).pages) == 2


def test_a_long_sources_list_is_run_in_to_keep_to_one_page(brief: Brief, tmp_path: Path) -> None:
    from briefing.export.content import blocks
    from briefing.export.pdf import SCALES, _render
    from briefing.types import Source

    first, url = brief.sources[0], "https://news.example.org/2024/06/port-selwyn-strike-report-number-{}"
    title = "Another report on the port, number {}"
    extra = [
        replace(first, number=len(brief.sources) + i + 1, title=title.format(i), url=url.format(i)) for i in range(30)
    ]
    assert all(isinstance(s, Source) for s in extra)
    brief.sources += extra
    assert _render(blocks(brief), brief.title, timeline_png(brief), SCALES[-1]).pages_count == 2  # a line each
    reader = PdfReader(save(brief, tmp_path / "b.pdf"))
    assert len(reader.pages) == 1
    text = one_line(reader.pages[0].extract_text())
    assert "Another report on the port, number 29" in text and "port-selwyn-strike-report-number" not in text
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert {s.url for s in brief.sources} <= set(links)  # titles and outlets linked, the addresses not printed


def test_pdf_of_an_abstained_brief(tmp_path: Path, fake_runtime: briefing.Runtime) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    abstained = briefing.summarize(topic="sourdough bread recipe", runtime=fake_runtime)
    assert abstained.abstained
    text = PdfReader(save(abstained, tmp_path / "a.pdf")).pages[0].extract_text()
    assert abstained.message in one_line(text)


# --- DOCX --------------------------------------------------------------------------------------------


def test_docx_has_the_parts_as_headings_linked_citations_and_the_picture(brief: Brief, tmp_path: Path) -> None:
    doc = Document(str(save(brief, tmp_path / "brief.docx")))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", brief.title)
    assert styles[1] == ("Normal", brief.basis)
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == [*(s.title for s in brief.sections), "Sources"]
    bullets = [text for style, text in styles if style == "List Bullet"]
    assert len(bullets) == sum(len(s.claims) for s in brief.sections[1:])
    assert any("(single source; carried by 3 outlets)" in b for b in bullets)
    urls = {s.number: s.url for s in brief.sources}
    links = [(h.text, h.address) for p in doc.paragraphs for h in p.hyperlinks]
    for claim in brief.claims:
        for n in claim.citations:
            assert (f"[{n}]", urls[n]) in links
    for source in brief.sources:
        assert (source.title, source.url) in links
    assert len(doc.inline_shapes) == 1
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# --- HTML --------------------------------------------------------------------------------------------


def test_html_holds_the_picture_under_the_timeline_heading(brief: Brief) -> None:
    png = timeline_png(brief)
    page = to_html(brief.markdown, brief.title, png)
    assert "img-src data:" in page and page.count("<img ") == 1
    assert page.index("<h2>Timeline</h2>") < page.index("<img src='data:image/png;base64,") < page.index("<h2>Outl")
    plain = to_html(brief.markdown, brief.title)
    assert "<img" not in plain and "img-src" not in plain


# --- the CLI, and what `briefing ask` does not load ---------------------------------------------------


@pytest.mark.parametrize(("suffix", "starts"), [(".md", b"# Situation brief"), (".html", b"<!doctype html>"),
                                                (".pdf", b"%PDF-"), (".docx", b"PK\x03\x04")])  # fmt: skip
def test_cli_writes_the_format_the_suffix_names(suffix: str, starts: bytes, tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    store = ["--store", str(tmp_path / "store")]
    assert CliRunner().invoke(cli, [*store, "ingest", str(DATA)]).exit_code == 0
    out = tmp_path / f"brief{suffix.upper() if suffix == '.pdf' else suffix}"
    result = CliRunner().invoke(cli, [*store, "brief", "Port Selwyn strike", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and out.read_bytes().startswith(starts)


@pytest.mark.parametrize("name", ["brief.txt", "brief", "brief.pdf.exe"])
def test_cli_refuses_other_suffixes(name: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "brief", "-o", str(tmp_path / name)])
    assert result.exit_code != 0
    assert f"cannot write a brief to '{name}'" in result.output and ".md, .html, .pdf, .docx" in result.output
    assert not (tmp_path / name).exists()


def test_asking_loads_no_document_or_chart_library() -> None:
    code = (
        "import json, sys, briefing, briefing.cli, briefing.api.ask, briefing.api.summarize\n"
        "print(json.dumps([m for m in ('matplotlib', 'fpdf', 'docx', 'pypdf') if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
