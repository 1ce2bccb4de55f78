"""An outlet named after its file (a text, Markdown or HTML file, or records without a `source`) is cleaned like
every other text: no bidi override, zero-width character, terminal escape or line break of a file name
reaches the catalog, the library, the page or the terminal."""

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
def test_an_outlet_named_after_its_file_is_cleaned(
    suffix: str, content: str, fake_runtime: briefing.Runtime, tmp_path: Path
) -> None:
    path = tmp_path / f"{HOSTILE}{suffix}"
    path.write_text(content, encoding="utf-8")
    report = briefing.ingest([path], runtime=fake_runtime)
    assert report.ingested == 1, report.skipped
    (stored,) = briefing.list_articles(runtime=fake_runtime)
    assert stored.source == f"{CLEAN}{suffix}"
    assert not any(c in stored.source + stored.title for c in UNSEEN)


def test_the_terminal_gets_no_escape_or_line_break_of_a_file_name(tmp_path: Path) -> None:
    path = tmp_path / f"{HOSTILE}.txt"
    path.write_text(TEXT, encoding="utf-8")
    env = {"BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_EMBEDDER": "fake", "BRIEFING_ENGINE": "extractive"}
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--no-progress", str(path)], env=env).exit_code == 0
    listed = runner.invoke(cli, ["stats", "--articles"], env=env)
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.output.splitlines() if "Daily" in line)
    assert f"{CLEAN}.txt" in row
    assert not any(c in listed.output for c in UNSEEN if c != "\n")


@pytest.mark.parametrize("field", ["source", "title"])
def test_a_given_outlet_or_title_is_one_clean_line(field: str) -> None:
    article = make_article(TEXT, **{field: HOSTILE})
    assert getattr(article, field) == CLEAN
