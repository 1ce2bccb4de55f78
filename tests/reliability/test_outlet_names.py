"""A file's name never reaches the catalog, the library, the page or the terminal as an outlet (a text,
Markdown or HTML file, or records without a `source`, have no outlet), and an outlet given for them
(`ingest --source NAME`) is cleaned like every other text: no bidi override, zero-width character, terminal
escape or line break."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.sources.articles import make_article

TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."
# a right-to-left override, a zero-width space and joiner, a terminal escape (red), a line break and a tab
HOSTILE = "Daily\u202eEvil\u200b\u200dNews\x1b[31m Red\nWire\tDesk"
UNSEEN = ("\u202e", "\u200b", "\u200d", "\x1b", "\n", "\t")
CLEAN = "DailyEvilNews Red Wire Desk"


@pytest.mark.parametrize(
    ("suffix", "content"),
    [
        (".txt", TEXT),
        (".md", f"# Grain talks\n\n{TEXT}"),
        (".html", f"<html><body><article><p>{TEXT}</p></article></body></html>"),
        (".jsonl", json.dumps({"text": TEXT, "title": "Grain talks"})),
        (".csv", f'text,title\n"{TEXT}",Grain talks\n'),
    ],
    ids=["txt", "md", "html", "jsonl", "csv"],
)
def test_a_hostile_file_name_is_no_outlet_and_a_given_outlet_is_cleaned(
    suffix: str, content: str, fake_runtime: briefing.Runtime, tmp_path: Path
) -> None:
    path = tmp_path / f"{HOSTILE}{suffix}"
    path.write_text(content, encoding="utf-8")
    report = briefing.ingest([path], runtime=fake_runtime)
    assert report.ingested == 1, report.skipped
    (stored,) = briefing.list_articles(runtime=fake_runtime)
    assert stored.source == ""  # no outlet: never the file's name
    assert not any(c in stored.source + stored.title for c in UNSEEN)
    path.write_text(content.replace("Tuesday", "Wednesday"), encoding="utf-8")  # edited: stored again, named
    briefing.ingest([path], source=HOSTILE, sync=True, runtime=fake_runtime)  # a record keyed by its text: sync
    (stored,) = briefing.list_articles(runtime=fake_runtime)
    assert stored.source == CLEAN
    assert not any(c in stored.source + stored.title for c in UNSEEN)


def test_the_terminal_gets_no_escape_or_line_break_of_a_file_name_or_outlet(tmp_path: Path) -> None:
    path = tmp_path / f"{HOSTILE}.txt"
    path.write_text(TEXT, encoding="utf-8")
    other = tmp_path / f"{HOSTILE}-2.txt"
    other.write_text(TEXT.replace("Riga", "Tallinn"), encoding="utf-8")
    env = {"BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_EMBEDDER": "fake", "BRIEFING_ENGINE": "extractive"}
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--no-progress", str(path)], env=env).exit_code == 0
    named = runner.invoke(cli, ["ingest", "--no-progress", "--source", HOSTILE, str(other)], env=env)
    assert named.exit_code == 0, named.output
    listed = runner.invoke(cli, ["stats", "--articles"], env=env)
    assert listed.exit_code == 0, listed.output
    assert CLEAN in listed.output and "Daily" not in listed.output.replace(CLEAN, "")  # the file's name: nowhere
    assert not any(c in listed.output for c in UNSEEN if c != "\n")


@pytest.mark.parametrize("field", ["source", "title"])
def test_a_given_outlet_or_title_is_one_clean_line(field: str) -> None:
    article = make_article(TEXT, **{field: HOSTILE})
    assert getattr(article, field) == CLEAN


def test_the_ingest_report_names_a_hostile_file_as_one_clean_line(tmp_path: Path) -> None:
    (tmp_path / f"{HOSTILE}.txt").write_text("", encoding="utf-8")  # skipped: empty
    (tmp_path / f"{HOSTILE}.pdf").write_text("x", encoding="utf-8")  # skipped: not a format read
    env = {"BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_EMBEDDER": "fake", "BRIEFING_ENGINE": "extractive"}
    result = CliRunner().invoke(cli, ["ingest", "--no-progress", str(tmp_path)], env=env)
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2 and all(CLEAN in line for line in skipped), result.output
    assert not any(c in result.output for c in UNSEEN if c != "\n")
