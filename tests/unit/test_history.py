"""Brief history: each brief of the store kept beside it, listed newest first, pruned, and `last`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import briefing
from briefing.api.history import KeptBrief, by_ask, changes_since_date, history_dir, keep_brief, kept, newest_first
from tests.conftest import SEED


@pytest.fixture
def rt(fake_runtime: briefing.Runtime) -> briefing.Runtime:
    briefing.ingest([SEED], runtime=fake_runtime)
    return fake_runtime


def test_newest_first_sorts_by_time_and_skips_what_is_not_a_brief() -> None:
    records = [
        {"id": "a", "time": "2024-05-01T10:00:00+00:00", "title": "A"},
        {"id": "c", "time": "2024-05-03T09:00:00+00:00", "title": "C", "topic": "NATO", "unknown": 1},
        {"title": "no id, no time"},
        {"id": "b", "time": "2024-05-02T23:59:59+00:00", "title": "B"},
    ]
    assert [k.id for k in newest_first(records)] == ["c", "b", "a"]
    assert newest_first(records)[0].topic == "NATO" and newest_first(records)[0].day == "2024-05-03"


@pytest.mark.parametrize(
    ("store", "host", "expected"),
    [
        ("/data/store", None, "/data/store/briefs/news"),
        ("/data/store", "chroma.example", "/cache/briefs/chroma.example_8000_news"),
    ],
)
def test_history_dir_beside_the_store_or_in_the_cache_for_a_server(store: str, host: str | None, expected: str) -> None:
    settings = briefing.Settings(store_dir=Path(store), chroma_host=host, cache_dir=Path("/cache"), collection="news")
    assert history_dir(settings) == Path(expected)


def test_every_brief_of_the_store_is_kept_with_its_files_and_filters(rt: briefing.Runtime) -> None:
    result = briefing.summarize(topic="Russia troops border", since="2021-01-01", runtime=rt)
    assert result.kept is not None and not result.abstained
    assert (result.kept / "brief.md").read_text(encoding="utf-8") == result.markdown
    assert "<h2>Bottom line</h2>" in (result.kept / "brief.html").read_text(encoding="utf-8")
    (entry,) = briefing.briefs(runtime=rt)
    assert entry.topic == "Russia troops border" and entry.since == "2021-01-01" and entry.until is None
    assert entry.articles == 1 and entry.engine == "extractive" and Path(entry.folder) == result.kept
    assert entry.filters() == "since 2021-01-01"
    assert entry.day == datetime.now(UTC).date().isoformat()
    # not kept: a brief of texts given directly, one asked not to be, one that found nothing
    briefing.summarize([SEED.read_text(encoding="utf-8")], runtime=rt)
    briefing.summarize(runtime=rt, keep=False)
    assert briefing.summarize(since="2030-01-01", runtime=rt).abstained
    assert len(briefing.briefs(runtime=rt)) == 1


def test_the_newest_are_kept_and_none_when_the_setting_is_0(rt: briefing.Runtime, settings: briefing.Settings) -> None:
    few = settings.model_copy(update={"brief_history": 3})
    brief = briefing.summarize(runtime=rt, keep=False)
    for day in range(1, 6):
        keep_brief(brief, few, briefing.Filters(), None, now=datetime(2024, 5, day, 12, tzinfo=UTC))
    assert [k.day for k in kept(few)] == ["2024-05-05", "2024-05-04", "2024-05-03"]
    assert len(list(history_dir(few).iterdir())) == 3  # the older folders are gone
    assert keep_brief(brief, settings.model_copy(update={"brief_history": 0}), briefing.Filters(), None) is None


def test_changes_since_last_is_the_time_of_the_last_brief(rt: briefing.Runtime) -> None:
    with pytest.raises(briefing.BriefingError, match="no brief of collection 'briefing' is kept yet"):
        briefing.summarize(changes_since="last", runtime=rt)
    brief = briefing.summarize(runtime=rt, keep=False)
    keep_brief(brief, rt.settings, briefing.Filters(), None, now=datetime(2021, 11, 20, 8, tzinfo=UTC))
    assert changes_since_date(" Last ", rt.settings) == "2021-11-20T08:00:00.000000+00:00"
    assert changes_since_date("2021-11-01", rt.settings) == "2021-11-01"
    result = briefing.summarize(changes_since="last", runtime=rt)
    assert "## What changed since the last brief (2021-11-20 08:00 UTC)" in result.markdown
    assert briefing.briefs(runtime=rt)[0].changes_since == "2021-11-20T08:00:00.000000+00:00"
    # per collection: another collection has none
    other = rt.with_collection("other-desk")
    with pytest.raises(briefing.BriefingError, match="'other-desk'"):
        changes_since_date("last", other.settings)


def test_the_cli_takes_changes_since_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.setenv("BRIEFING_PROGRESS", "false")

    def run(*args: str):
        return CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)

    run("ingest", str(SEED))
    none = run("brief", "--changes-since", "last")
    assert none.exit_code == 2 and "no brief of collection 'briefing' is kept yet" in none.output
    assert "write a brief without it first" in none.output  # what a user following feeds does first
    assert run("brief").exit_code == 0
    today = datetime.now(UTC).date().isoformat()
    again = run("brief", "--changes-since", "last")
    assert again.exit_code == 0 and f"## What changed since the last brief ({today} " in again.output
    bad = run("brief", "--changes-since", "yesterday")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_reruns_of_one_ask_are_versions_of_one_entry() -> None:
    def brief(ident: str, day: int, topic: str | None, **filters: str) -> KeptBrief:
        return KeptBrief(ident, f"2024-05-{day:02d}T12:00:00+00:00", "t", topic, **filters)

    entries = [
        brief("a", 1, "Port strike"),
        brief("b", 2, "port  STRIKE "),  # the same topic, typed differently
        brief("c", 3, "port strike", since="2024-06-01"),  # other filters: another ask
        brief("d", 4, None),
        brief("e", 5, "Port strike"),
        brief("f", 6, None, changes_since="2024-05-04"),
    ]
    assert [[k.id for k in group] for group in by_ask(entries)] == [["f"], ["e", "b", "a"], ["d"], ["c"]]
    assert by_ask([]) == []


OLD_NEWS = (
    "date 2019-03-02\nThe harbour authority of Rotterdam said on Friday that the port of Rotterdam reopened "
    "after the dock workers' strike ended and ships began to unload their cargo again."
)


LATER_NEWS = (
    "date 2018-07-09\nCustoms officers in Antwerp seized a record shipment of counterfeit watches hidden in "
    "containers of garden furniture, the Belgian finance ministry said on Monday."
)


def test_what_changed_since_the_last_brief_is_what_was_ingested_after_it(tmp_path: Path, monkeypatch) -> None:
    """On an archive every article was published long before the last brief: an article ingested after it
    is still what changed, shown with the day it was published; one ingested before it is not."""
    from click.testing import CliRunner

    from briefing.cli import cli

    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.setenv("BRIEFING_PROGRESS", "false")

    def run(*args: str):
        return CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)

    assert run("ingest", str(SEED)).exit_code == 0
    assert run("brief").exit_code == 0
    before = run("brief", "--changes-since", "last")
    part = before.output.split("## What changed since the last brief", 1)[1].split("\n## ", 1)[0]
    assert "[" not in part  # nothing new since the last brief
    (tmp_path / "old.txt").write_text(OLD_NEWS, encoding="utf-8")
    run("ingest", str(tmp_path / "old.txt"))
    on_topic = run("brief", "port of Rotterdam strike", "--changes-since", "last")
    part = on_topic.output.split("## What changed since the last brief", 1)[1].split("\n## ", 1)[0]
    assert "Rotterdam" in part and "**published 2019-03-02**" in part
    (tmp_path / "later.txt").write_text(LATER_NEWS, encoding="utf-8")
    run("ingest", str(tmp_path / "later.txt"))
    everything = run("brief", "--changes-since", "last")  # a digest of the stories: only the one new since
    part = everything.output.split("## What changed since the last brief", 1)[1].split("\n## ", 1)[0]
    assert "Antwerp" in part and "2018-07-09" in part and "Rotterdam" not in part and "NATO" not in part


def test_a_kept_briefs_filters_show_the_last_brief_as_a_time() -> None:
    from briefing.api.history import KeptBrief

    entry = KeptBrief("x", "2024-05-14T10:00:00.000000+00:00", "t", changes_since="2024-05-13T09:30:12.5+00:00")
    assert entry.filters() == "changes since the last brief (2024-05-13 09:30 UTC)"
    assert KeptBrief("y", "", "t", changes_since="2024-05-01").filters() == "changes since 2024-05-01"


def test_what_changed_since_a_day_is_what_was_first_reported_after_it(fake_runtime: briefing.Runtime) -> None:
    """A day given (not `last`) counts by publication: on an archive ingested today, "since 5 June" is what
    was published after 5 June, not everything ingested today."""
    from tests.conftest import ROOT

    briefing.ingest([ROOT / "tests" / "data" / "port_strike.jsonl"], runtime=fake_runtime)
    brief = briefing.summarize(topic="Port Selwyn strike", changes_since="2024-06-05", runtime=fake_runtime)
    changed = brief.part("What changed since 2024-06-05")
    assert changed
    for claim in changed:
        assert all(brief.sources[n - 1].date > "2024-06-05" for n in claim.citations), claim
