"""The CLI at its edge, with click's CliRunner and the test plugin's `words` embedder chosen by setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from tests.conftest import SEED


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.setenv("BRIEFING_PROGRESS", "false")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", [[], ["ingest"], ["ask"], ["brief"], ["stats"], ["forget"]])
def test_help_on_every_command(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output and len(result.output.splitlines()) > 5


def test_help_names_the_formats_and_options() -> None:
    assert ".jsonl" in CliRunner().invoke(cli, ["ingest", "--help"]).output
    ask_help = CliRunner().invoke(cli, ["ask", "--help"]).output
    for option in ("--since", "--until", "--source", "-k"):
        assert option in ask_help
    assert "Bottom line" in CliRunner().invoke(cli, ["brief", "--help"]).output


def test_ingest_ask_brief_stats_forget(run, tmp_path: Path) -> None:
    result = run("ingest", str(SEED.parent))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("1 added, 0 unchanged, 0 replaced; 5 chunks written; 0 skipped")
    again = run("ingest", str(SEED))
    assert "0 added, 1 unchanged" in again.output

    answer = run("ask", "Where has Russia's 41st army been stationed?")
    assert answer.exit_code == 0
    assert "Yelnya" in answer.output and "[1]" in answer.output and "## Sources" in answer.output

    out = tmp_path / "brief.md"
    brief = run("brief", "-o", str(out))
    assert brief.exit_code == 0 and f"wrote {out}" in brief.output
    assert "## Bottom line" in out.read_text() and "## Timeline" in out.read_text()

    stats = run("stats", "--articles")
    assert "articles: 1" in stats.output and "2021-11-27" in stats.output
    article_id = stats.output.strip().splitlines()[-1].split()[0]
    forgot = run("forget", article_id)
    assert forgot.exit_code == 0 and f"removed {article_id} (5 chunks)" in forgot.output
    assert "articles: 0" in run("stats").output


def test_ingest_exits_non_zero_only_when_nothing_lands(run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    bad = run("ingest", str(tmp_path / "empty.txt"))
    assert bad.exit_code == 1
    assert "skipped" in bad.output and "empty.txt: empty file" in bad.output
    mixed = run("ingest", str(tmp_path / "empty.txt"), str(SEED))
    assert mixed.exit_code == 0 and "1 added" in mixed.output and "1 skipped" in mixed.output


def test_ingest_says_what_a_file_no_longer_holds_and_sync_removes_it(run, tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text('{"text": "Alpha reopened the port."}\n{"text": "Bravo met in Riga."}\n', encoding="utf-8")
    run("ingest", str(news))
    news.write_text('{"text": "Bravo met in Riga."}\n{"text": "Charlie loaded grain."}\n', encoding="utf-8")
    kept = run("ingest", str(news))
    assert f"1 no longer in {news.resolve()}; kept — use --sync to remove" in kept.output
    assert "1 added, 1 unchanged, 0 replaced" in kept.output and "articles: 3" in run("stats").output
    synced = run("ingest", "--sync", str(news))
    assert f"1 no longer in {news.resolve()}; removed" in synced.output and "; 1 removed" in synced.output
    assert "articles: 2" in run("stats").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "  "], "question is empty"),
        (["brief", " "], "topic is empty"),
        (["forget", "abc"], "at least 6"),
    ],
)
def test_clear_errors(run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "error: " in result.output and message in result.output
    assert "Traceback" not in result.output


def test_bad_date_option_is_rejected_by_the_parser(run) -> None:
    result = run("ask", "anything", "--since", "27/11/2021")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output.replace("%Y-%m-%d", "YYYY-MM-DD")


NOTE = "The harbour master said on Tuesday that the port of Rotterdam reopened after the strike ended."


def test_files_without_an_outlet_say_no_outlet_not_their_file_name(run, tmp_path: Path) -> None:
    (tmp_path / "a_dated.txt").write_text(f"date 2024-05-14\n{NOTE}\n", encoding="utf-8")
    assert run("ingest", str(tmp_path / "a_dated.txt")).exit_code == 0
    stats = run("stats", "--articles")
    assert "a_dated.txt" not in stats.output
    assert "no outlet (1)" in stats.output and "2024-05-14  no outlet  " in stats.output


def test_ingest_source_names_the_outlet_of_files_that_give_none(run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{NOTE}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nsource: Harbour Times\n---\nThe strike cost the port two days.\n")
    assert run("ingest", "--source", "Field notes", str(tmp_path / "a.txt"), str(tmp_path / "b.md")).exit_code == 0
    stats = run("stats")
    assert "Field notes (1)" in stats.output and "Harbour Times (1)" in stats.output


def write_outlets(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        {"text": NOTE, "title": "Port reopens", "url": "https://www.bbc.co.uk/news/1", "date": "2024-05-14"},
        {"text": "Dock workers voted to accept the offer on Monday.", "source": "Reuters", "date": "2024-05-13"},
    ]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return folder


@pytest.mark.parametrize("given", ["BBC", "bbc", "bbc.co.uk", "www.bbc.co.uk", "BBC News"])
def test_source_filter_matches_outlets_loosely(run, tmp_path: Path, given: str) -> None:
    assert run("ingest", str(write_outlets(tmp_path))).exit_code == 0
    answer = run("ask", "When did the port of Rotterdam reopen?", "--source", given)
    assert answer.exit_code == 0, answer.output
    assert "bbc.co.uk" in answer.output and "Reuters" not in answer.output


def test_source_filter_that_matches_nothing_lists_the_outlets(run, tmp_path: Path) -> None:
    assert run("ingest", str(write_outlets(tmp_path))).exit_code == 0
    result = run("ask", "When did the port reopen?", "--source", "Guardian")
    assert result.exit_code == 2
    assert "no outlet in the store matches the source 'Guardian'" in result.output
    assert "bbc.co.uk (1)" in result.output and "Reuters (1)" in result.output


@pytest.mark.parametrize(
    "command", [["ask", "Where is the port?"], ["brief"], ["brief", "port"], ["chat"], ["doctor"], ["stats"]]
)
def test_reading_a_missing_store_says_so_and_makes_none(tmp_path: Path, monkeypatch, command: list[str]) -> None:
    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.chdir(tmp_path)  # run from another folder: the default store is ./vectorstore
    monkeypatch.delenv("BRIEFING_STORE_DIR")
    result = CliRunner().invoke(cli, command, input="Where is the port?\n\n")
    if command != ["stats"]:
        assert result.exit_code != 0, result.output
        assert f"no store at {tmp_path / 'vectorstore'}" in result.output
        assert "briefing ingest FILES" in result.output
    else:
        assert "articles: 0" in result.output and "not made yet" in result.output
    assert not (tmp_path / "vectorstore").exists()


def test_asking_an_empty_store_says_so(run, tmp_path: Path) -> None:
    assert run("ingest", str(SEED)).exit_code == 0
    article_id = run("stats", "--articles").output.strip().splitlines()[-1].split()[0]
    assert run("forget", article_id).exit_code == 0
    result = run("ask", "Where is the army?")
    assert result.exit_code == 2 and "holds no articles: fill it with `briefing ingest FILES`" in result.output
