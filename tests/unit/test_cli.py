"""The CLI at its edge, with click's CliRunner and the test plugin's `words` embedder chosen by setting."""

from __future__ import annotations

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
