"""Watching a situation (issue 24 item 5): a round fetches the followed feeds and, when they brought something
new, keeps the brief of what changed; the feeds, fetch and watch commands (click's CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.config import Settings
from tests.fakes import WordEmbeddings
from tests.servers import FixtureSite

ENV = {"BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_FETCH_DELAY": "0", "BRIEFING_EMBEDDER": "words"}


@pytest.fixture
def rt(tmp_path: Path) -> briefing.Runtime:
    settings = Settings(
        store_dir=tmp_path / "store", embedder="words", progress=False, allow_private_urls=True, fetch_delay=0
    )
    return briefing.Runtime(settings, embedder=WordEmbeddings())


def _changed(brief: briefing.Brief) -> list[briefing.Claim]:
    return next(s.claims for s in brief.sections if s.title.startswith("What changed since"))


def _cited_urls(brief: briefing.Brief, claims: list[briefing.Claim]) -> set[str]:
    by_number = {s.number: s for s in brief.sources}
    return {by_number[n].url for c in claims for n in c.citations}


def test_a_round_briefs_only_what_is_new_and_nothing_when_nothing_is(
    site: FixtureSite, rt: briefing.Runtime, tmp_path: Path
) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    first = briefing.watch_round(None, out=tmp_path / "out", formats=(".md",), runtime=rt)
    assert first.new == 5 and first.brief is not None and first.brief.kept
    assert len(briefing.briefs(runtime=rt)) == 1 and len(first.files) == 1 and first.files[0].is_file()

    quiet = briefing.watch_round(None, out=tmp_path / "out", formats=(".md",), runtime=rt)
    assert quiet.new == 0 and quiet.brief is None and quiet.files == []
    assert len(briefing.briefs(runtime=rt)) == 1  # nothing written
    assert len(list((tmp_path / "out").iterdir())) == 1
    assert "no brief (nothing new)" in quiet.line()

    site.feed_version = 2  # the employers' new offer is published
    news = briefing.watch_round(None, out=tmp_path / "out", formats=(".md",), runtime=rt)
    assert news.new == 1 and news.brief is not None
    changed = _changed(news.brief)
    assert changed, news.brief.markdown
    assert _cited_urls(news.brief, changed) == {f"{site.base}/articles/employers-raise-offer.html"}
    kept = briefing.briefs(runtime=rt)
    assert len(kept) == 2 and kept[0].changes_since == kept[1].time  # since the previous round's brief
    assert "brief kept to" in news.line()


def test_a_round_counts_from_the_last_brief_on_its_own_topic(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    briefing.watch_round("dockers", runtime=rt)
    briefing.summarize(topic="ships", runtime=rt)  # another topic's brief, kept later
    site.feed_version = 2
    news = briefing.watch_round("dockers", runtime=rt)
    dockers = [k for k in briefing.briefs(runtime=rt) if k.topic == "dockers"]
    assert news.brief is not None and dockers[0].changes_since == dockers[1].time


def test_a_round_on_a_topic_the_news_does_not_cover_keeps_no_brief(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    result = briefing.watch_round("banana bread recipes", runtime=rt)
    assert result.new == 5 and result.brief is not None and result.brief.abstained
    assert "no brief (" in result.line() and "kept" not in result.line()
    assert briefing.briefs(runtime=rt) == []


def test_feeds_fetch_and_watch_commands(site: FixtureSite, tmp_path: Path) -> None:
    runner = CliRunner()
    env = {**ENV, "BRIEFING_STORE_DIR": str(tmp_path / "store")}
    added = runner.invoke(cli, ["feeds", "add", f"{site.base}/feed.xml", "--name", "harbour"], env=env)
    assert added.exit_code == 0 and "following harbour" in added.output
    runner.invoke(cli, ["feeds", "add", f"{site.base}/missing"], env=env)
    fetched = runner.invoke(cli, ["fetch", "--no-progress"], env=env)
    assert fetched.exit_code == 0, fetched.output
    assert "harbour: 5 added (5 items)" in fetched.output and "404" in fetched.output
    listed = runner.invoke(cli, ["feeds", "list"], env=env)
    assert "harbour" in listed.output and "5 new" in listed.output and "error: the server answered 404" in listed.output
    watched = runner.invoke(cli, ["watch", "--rounds", "1", "--every", "10s", "--out", str(tmp_path / "out")], env=env)
    assert watched.exit_code == 0, watched.output
    assert (
        "2 feeds, 0 new, 1 failed; no brief (nothing new)" in watched.output
        and "stopped after 1 rounds" in watched.output
    )
    removed = runner.invoke(cli, ["feeds", "remove", "harbour"], env=env)
    assert removed.exit_code == 0 and "stopped following harbour" in removed.output
    ingested = runner.invoke(cli, ["ingest", f"{site.base}/articles/traffic-halted.html"], env=env)
    assert ingested.exit_code == 0 and "1 added" in ingested.output
    bad = runner.invoke(cli, ["watch", "--every", "1s"], env=env)
    assert bad.exit_code == 2 and "between 10s and 7d" in bad.output


def test_fetch_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["fetch"], env={**ENV, "BRIEFING_STORE_DIR": str(tmp_path / "s")})
    assert done.exit_code == 2 and "briefing feeds add URL" in done.output


def test_watch_stops_cleanly_on_sigterm(site: FixtureSite, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env |= {**ENV, "BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_PROGRESS": "false"}
    cli_ = [sys.executable, "-m", "briefing.cli"]
    subprocess.run([*cli_, "feeds", "add", f"{site.base}/feed.xml"], env=env, check=True, capture_output=True)
    with subprocess.Popen(
        [*cli_, "watch", "--every", "10m"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()  # the first round is done; it now waits 10 minutes
        assert "1 feeds, 5 new; brief kept" in first
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == 0
        assert "stopped after 1 rounds" in proc.stderr.read()
    assert len(list((tmp_path / "store" / "briefs").rglob("brief.json"))) == 1
