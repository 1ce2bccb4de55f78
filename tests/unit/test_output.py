"""Output people can read and check: plain text on a terminal, exports that link each [n] to its source and
quote the evidence, a clear error for a file that cannot be written, patterns as paths."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

import briefing
from briefing.cli import cli
from briefing.export import save
from briefing.results import Brief
from briefing.text.markup import md_text, terminal_text
from tests.conftest import ROOT, SEED

DATA = ROOT / "tests" / "data" / "port_strike.jsonl"
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")  # a Markdown backslash escape
SPECIAL = "Prices rose 5.5 percent, [Jourova] said of the plan_b figures at www.example.org *today*."


@pytest.fixture
def brief(fake_runtime: briefing.Runtime) -> Brief:
    made = briefing.summarize([DATA], topic="Port Selwyn strike", runtime=fake_runtime)
    assert not made.abstained and made.sources
    return made


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.setenv("BRIEFING_PROGRESS", "false")

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)

    return invoke


# --- the terminal ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [SPECIAL, "000_8d5bc0601753441a.txt", "# not a heading", "a \\ backslash", "<b>bold</b> & co", "1. first"],
)
def test_terminal_text_shows_source_text_as_written(text: str) -> None:
    assert terminal_text(md_text(text)) == text


def test_terminal_text_shows_a_link_bare() -> None:
    assert terminal_text("1. *T* — x <https://example.org/a?b=1>") == "1. *T* — x https://example.org/a?b=1"


def test_ask_and_brief_print_no_markdown_escapes_on_the_terminal(run, tmp_path: Path) -> None:
    record = {"text": SEED.read_text(encoding="utf-8"), "title": "[Update] NATO_chief warns", "source": "plan_b.news"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run("ingest", str(tmp_path / "a.jsonl")).exit_code == 0
    question = "How many troops has Russia stationed on the border?"
    answer = run("ask", question)
    assert "90,000" in answer.output and "[Update] NATO_chief warns" in answer.output, answer.output
    assert "plan_b.news" in answer.output and not ESCAPE.search(answer.output), answer.output
    brief = run("brief", "NATO")
    assert "[Update] NATO_chief warns" in brief.output and not ESCAPE.search(brief.output), brief.output
    assert "\\[Update\\] NATO\\_chief" in run("ask", question, "--markdown").output  # for a renderer


# --- exports -----------------------------------------------------------------------------------------


def test_html_links_each_citation_to_its_source_with_the_passage_on_hover(brief: Brief, tmp_path: Path) -> None:
    page = save(brief, tmp_path / "b.html").read_text(encoding="utf-8")
    claim = next(c for c in brief.claims if c.citations and c.quoted)
    n = claim.citations[0]
    links = re.findall(rf'<a href="#source-{n}" title="([^"]*)">\[{n}\]</a>', page)
    assert links, page[:2000]
    source = next(s for s in brief.sources if s.number == n)
    assert any(q.text.split()[0] in title for q in source.quotes for title in links)
    assert f'<li id="source-{n}" value="{n}">' in page
    for quote in source.quotes:  # the evidence under its source, on by default for HTML
        assert f"<blockquote>{quote.text[:30]}" in page.replace("&quot;", '"').replace("&#x27;", "'")
    bare = save(brief, tmp_path / "c.html", evidence=False).read_text(encoding="utf-8")
    assert "<blockquote>" not in bare and f'href="#source-{n}"' in bare


def test_markdown_docx_pdf_carry_an_evidence_appendix_when_asked(brief: Brief, tmp_path: Path) -> None:
    quote = brief.sources[0].quotes[0].text
    assert "## Evidence" not in save(brief, tmp_path / "a.md").read_text(encoding="utf-8")
    md = save(brief, tmp_path / "b.md", evidence=True).read_text(encoding="utf-8")
    assert "## Evidence" in md and f"> {md_text(quote)}" in md.split("## Evidence")[1]

    doc = Document(str(save(brief, tmp_path / "b.docx", evidence=True)))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert ("Heading 1", "Evidence") in styles
    assert ("Quote", quote) in styles
    assert "Evidence" not in [t for _, t in (p for p in [(q.style.name, q.text) for q in
                              Document(str(save(brief, tmp_path / "c.docx"))).paragraphs])]  # fmt: skip

    pages = PdfReader(save(brief, tmp_path / "b.pdf", evidence=True)).pages
    assert len(pages) >= 2  # the brief keeps its one page; the evidence follows
    assert "Evidence" in pages[1].extract_text() and "Evidence" not in pages[0].extract_text()
    assert quote.split()[2] in " ".join(p.extract_text() for p in pages[1:])
    assert len(PdfReader(save(brief, tmp_path / "c.pdf")).pages) == 1


def test_brief_evidence_option_on_the_command_line(run, tmp_path: Path) -> None:
    assert run("ingest", str(DATA)).exit_code == 0
    out = tmp_path / "b.docx"
    assert run("brief", "Port Selwyn strike", "-o", str(out), "--evidence").exit_code == 0
    assert b"Evidence" in zipfile.ZipFile(out).read("word/document.xml")


# --- files that cannot be written, paths that are patterns -------------------------------------------


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/dir/b.md", "the folder {tmp}/missing/dir does not exist"),
        ("afile.txt/b.md", "is not a folder"),
        ("adir.md", "is a directory"),  # click's own check of the option
    ],
)
def test_brief_to_a_path_that_cannot_be_written_says_why(run, tmp_path: Path, where: str, message: str) -> None:
    (tmp_path / "afile.txt").write_text("x")
    (tmp_path / "adir.md").mkdir()
    assert run("ingest", str(SEED)).exit_code == 0
    result = run("brief", "-o", str(tmp_path / where))
    assert result.exit_code == 2, result.output
    assert "error: " in result.output.lower() and message.format(tmp=tmp_path) in result.output
    assert "Traceback" not in result.output


def test_save_names_the_folder_that_does_not_exist(brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(briefing.BriefingError, match="does not exist"):
        save(brief, tmp_path / "nope" / "b.pdf")


def test_summarize_expands_a_pattern(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    today = tmp_path / "today"
    today.mkdir()
    (today / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (today / "b.txt").write_text("Talks resumed in Riga.\n\nNATO ministers met in Riga on Tuesday to discuss Russia.\n")
    (today / "c.md").write_text("Not matched\n\nThis file is not a .txt and stays out of the brief.\n")
    brief = briefing.summarize([str(today / "*.txt")], runtime=fake_runtime)
    assert brief.articles == 2
    with pytest.raises(briefing.BriefingError, match="no file matches the pattern"):
        briefing.summarize([str(today / "*.html")], runtime=fake_runtime)


COMMANDS = [
    ["ingest", "{seed}"],
    ["ask", "Where is the 41st army?"],
    ["brief", "NATO"],
    ["brief", "NATO", "-o", "{tmp}/b.pdf"],
    ["stats", "--articles"],
    ["forget", "abcdef"],
    ["doctor"],
]
BAD_STORES = ["{tmp}/afile.txt", "{tmp}/afile.txt/store", "/proc/no-store-here"]


@pytest.mark.parametrize("store", BAD_STORES)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_with_a_bad_store_path_says_so_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], store: str
) -> None:
    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    (tmp_path / "afile.txt").write_text("x")
    args = [a.format(tmp=tmp_path, seed=SEED) for a in ["--store", store, *command]]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)  # an exception fails the test
    if command[0] == "stats" and result.exit_code == 0:  # it describes a store not there: not made (reading makes none)
        assert "not made yet" in result.output, result.output
    else:
        assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "store" in result.output.lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "{tmp}/nothing-here.csv"], "no such file or folder"),
        (["ingest", "{tmp}/*.nothing"], "no file matches the pattern"),
        (["ingest", "{tmp}/afile.txt/x.csv"], "no such file or folder"),
        (["ingest", "{tmp}/emptydir"], "empty folder"),
        (["brief", "-o", "{tmp}/afile.txt"], "end the name in"),
        (["brief", "-o", "/proc/b.md"], "cannot write"),
    ],
)
def test_every_bad_input_path_is_named_without_a_traceback(run, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "afile.txt").write_text("x")
    (tmp_path / "emptydir").mkdir()
    assert run("ingest", str(SEED)).exit_code == 0
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output
