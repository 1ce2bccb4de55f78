"""The Library tab's Feeds part (issue 24 item 6): its rows, choices and messages as pure functions, and its
events as plain functions over the fake embedder against the local fixture web server (tests/servers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.api.feeds import FeedRound, FetchReport
from briefing.config import Settings
from briefing.ui import Handlers
from briefing.ui.feeds import NONE_YET, FeedEvents, feed_choices, feed_rows, fetch_message, when
from tests.fakes import WordEmbeddings
from tests.servers import FixtureSite

HOSTILE = "<img src=x onerror=alert(1)> **Bold** [link](javascript:alert(1))\u202e\nnext line"


@pytest.fixture
def events(tmp_path: Path) -> FeedEvents:
    settings = Settings(
        store_dir=tmp_path / "store",
        embedder="words",
        progress=False,
        allow_private_urls=True,
        fetch_delay=0,
        fetch_timeout=2,
    )
    return FeedEvents(Handlers(briefing.Runtime(settings, embedder=WordEmbeddings())))


def feed(**given: object) -> briefing.Feed:
    fields = {"url": "http://example.org/feed.xml", "name": "harbour", "added": "2024-06-05T09:00:00+00:00"}
    return briefing.Feed(**{**fields, **given})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stamp", "shown"), [(None, "never"), ("", "never"), ("2024-06-05T09:30:12+00:00", "2024-06-05 09:30 UTC")]
)
def test_when(stamp: str | None, shown: str) -> None:
    assert when(stamp) == shown


def test_rows_and_choices_show_web_text_as_one_clean_line() -> None:
    never = feed()
    fetched = feed(
        url="http://example.org/a.xml",
        name=HOSTILE,
        last_fetched="2024-06-05T09:30:00+00:00",
        new_items=3,
        last_error="the server answered 404\nNot found",
    )
    rows = feed_rows([never, fetched])
    assert rows[0] == ["harbour", "http://example.org/feed.xml", "never", "", ""]
    assert rows[1][2:] == ["2024-06-05 09:30 UTC", 3, "the server answered 404 Not found"]
    assert "\n" not in rows[1][0] and "\u202e" not in rows[1][0]  # no line break, no bidi override
    assert rows[1][0].startswith("<img src=x onerror=alert(1)>")  # shown as the text it is (a table cell is text)
    assert feed_choices([never, fetched]) == [("harbour", never.url), (rows[1][0], fetched.url)]


def test_the_fetch_message_is_inert_markdown() -> None:
    report = FetchReport(added=1)
    report.rounds = [FeedRound(url="http://x/f.xml", name=HOSTILE, error="bad <b>feed</b>"), FeedRound("u", "ok")]
    said = fetch_message(report)
    assert said.splitlines()[0] == (
        "- \\<img src=x onerror=alert(1)\\> \\*\\*Bold\\*\\* \\[link\\](javascript:alert(1)) next line: error: "
        "bad \\<b\\>feed\\</b\\>"
    )  # no markup, no bidi override, one line
    assert said.splitlines()[1] == "- ok: 0 added (0 items)"
    assert said.endswith("1 added, 0 unchanged, 0 replaced; 0 chunks written; 0 skipped")
    assert fetch_message(FetchReport()) == f"⚠️ {NONE_YET}"


def test_follow_fetch_and_stop_following_on_the_sessions_collection(site: FixtureSite, events: FeedEvents) -> None:
    shown = events.show()
    assert shown[0] == NONE_YET and shown[1] == []
    note, rows, choices, url, name = events.add(f"{site.base}/feed.xml", "harbour", "")
    assert note == "Following **harbour**: **Fetch now** brings its items." and (url, name) == ("", "")
    assert rows == [["harbour", f"{site.base}/feed.xml", "never", "", ""]]
    assert choices["choices"] == [("harbour", f"{site.base}/feed.xml")]
    again = events.add(f"{site.base}/feed.xml", "", "")
    assert again[0].startswith("⚠️ already followed: harbour") and again[3] == f"{site.base}/feed.xml"  # kept
    refused = events.add("file:///etc/passwd", "", "")
    assert refused[0].startswith("⚠️ only http(s) URLs are fetched") and len(refused[1]) == 1
    events.add(f"{site.base}/missing", "gone", "")

    note, rows, choices = events.fetch("")
    assert note.splitlines()[:2] == ["- harbour: 5 added (5 items)", "- gone: error: the server answered 404 Not Found"]
    assert rows[0][2].endswith(" UTC") and rows[0][3:] == [5, ""]
    assert rows[1][3:] == [0, "the server answered 404 Not Found"]
    assert len(briefing.list_articles(runtime=events.h.rt)) == 5

    note, rows, choices = events.remove(f"{site.base}/missing", "")
    assert note == "Stopped following **gone**; its articles stay." and [r[0] for r in rows] == ["harbour"]
    assert events.remove(None, "")[0] == "⚠️ Choose a feed to stop following first."
    assert events.remove("nothing-such", "")[0].startswith("⚠️ no followed feed has the URL or name")


def test_each_collection_follows_its_own_feeds(site: FixtureSite, events: FeedEvents) -> None:
    events.add(f"{site.base}/feed.xml", "harbour", "")
    rows = events.add(f"{site.base}/atom.xml", "wire", "desk-two")[1]
    assert [r[0] for r in rows] == ["wire"]
    assert [r[0] for r in events.show("")[1]] == ["harbour"]
    assert events.fetch("desk-two")[0].splitlines()[0] == "- wire: 2 added (2 items)"
    assert len(briefing.list_articles(runtime=events.h.on("desk-two"))) == 2
    assert briefing.list_articles(runtime=events.h.rt) == []  # nothing fetched into the page's own


def test_fetch_now_with_nothing_followed_says_how_to_follow_one(events: FeedEvents) -> None:
    assert events.fetch("")[0] == f"⚠️ {NONE_YET}"
