"""Feeds and article URLs in (issue 24): against the local fixture web server (tests/servers.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing
from briefing.config import Settings
from briefing.errors import BriefingError
from tests.fakes import WordEmbeddings
from tests.servers import WEB, FixtureSite, free_port

PAGES = json.loads((WEB / "pages.json").read_text(encoding="utf-8"))
BOILERPLATE = [
    "Share on Facebook",
    "We use cookies",
    "Sign up to our morning newsletter",
    "Totally agree with the union",
    "worst strike I have seen",
    "Ten gardening tips",
    "All rights reserved",
    "dataLayer",
    "Subscribe for",
]


@pytest.fixture
def rt(tmp_path: Path) -> briefing.Runtime:
    settings = Settings(
        store_dir=tmp_path / "store",
        embedder="words",
        progress=False,
        allow_private_urls=True,
        fetch_delay=0,
        fetch_timeout=1,
    )
    return briefing.Runtime(settings, embedder=WordEmbeddings())


def _record(slug: str) -> dict[str, str]:
    index = PAGES["pages"][slug]["record"]
    lines = (Path(__file__).parent.parent / "data" / "port_strike.jsonl").read_text(encoding="utf-8").splitlines()
    return dict(json.loads(lines[index]))


def test_feed_items_land_once_with_the_pages_text_not_the_menu(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", "harbour", runtime=rt)
    briefing.add_feed(f"{site.base}/atom.xml", runtime=rt)
    report = briefing.fetch(runtime=rt)
    assert report.added == 7, report
    assert [r.added for r in report.rounds] == [5, 2]
    stored = {a.title: a for a in briefing.list_articles(runtime=rt)}
    assert len(stored) == 7
    for slug in ("dockers-strike", "ships-queue", "union-strike-goes-on", "traffic-halted"):
        record = _record(slug)
        listed = stored[record["title"]]
        text = briefing.article(listed.id, runtime=rt).text
        assert record["text"].split(". ")[1] in text  # the article's own sentences
        assert not [b for b in BOILERPLATE if b in text], slug  # not the menu, share bar, comments or footer
        assert listed.source == record["source"]  # the site's name the page gives
        assert listed.url == f"{site.base}/articles/{slug}.html"
    # a page without a date takes the item's (not the copyright year trafilatura would guess)
    assert stored["Union says strike will go on"].date == "2024-06-06"
    assert stored["Dockers strike at Port Selwyn"].date == "2024-06-05"
    # the item whose page is gone is stored from the feed's summary, and the report says so
    summary = stored["Harbour master keeps safety crews at work"]
    assert "safety crews would stay at work" in briefing.article(summary.id, runtime=rt).text
    assert any("gone.html" in name and "feed's summary" in note and "404" in note for name, note in report.notes)
    feeds = {f.name: f for f in briefing.feeds(runtime=rt)}
    assert feeds["harbour"].new_items == 5 and feeds["harbour"].last_fetched and feeds["harbour"].etag


def test_a_second_fetch_asks_conditionally_and_adds_nothing(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    briefing.add_feed(f"{site.base}/atom.xml", runtime=rt)
    briefing.fetch(runtime=rt)
    first = len(site.requests)
    again = briefing.fetch(runtime=rt)
    asked = site.requests[first:]
    assert [path for path, _ in asked] == ["/feed.xml", "/atom.xml"]  # no page fetched again
    rss_headers = asked[0][1]
    assert rss_headers["If-None-Match"] and rss_headers["If-Modified-Since"] == "Wed, 05 Jun 2024 08:00:00 GMT"
    assert again.rounds[0].not_modified
    assert again.added == 0 and again.rounds[1].added == 0 and again.known == 2  # atom: known by id
    assert len(briefing.list_articles(runtime=rt)) == 7
    assert all("briefing/" in headers["User-Agent"] for _, headers in site.requests)


def test_a_new_item_is_the_only_page_fetched(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    briefing.fetch(runtime=rt)
    site.feed_version = 2
    first = len(site.requests)
    report = briefing.fetch(runtime=rt)
    asked = [p for p in site.paths()[first:] if p != "/robots.txt"]  # read once per fetch, before the first page
    assert asked == ["/feed.xml", "/articles/employers-raise-offer.html"]
    assert report.added == 1
    assert briefing.feeds(runtime=rt)[0].new_items == 1


def test_bad_feeds_are_named_and_the_rest_lands(site: FixtureSite, rt: briefing.Runtime) -> None:
    site.slow_seconds = 3
    for path in ("/broken.xml", "/feed.xml", "/laughs.xml", "/missing", "/error", "/slow"):
        briefing.add_feed(site.base + path, runtime=rt)
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    briefing.add_feed(dead, runtime=rt)
    report = briefing.fetch(runtime=rt)
    errors = {r.url.removeprefix(site.base): r.error for r in report.rounds}
    assert errors["/feed.xml"] is None and report.added == 5
    assert "not a feed" in str(errors["/broken.xml"])
    assert "entities" in str(errors["/laughs.xml"])
    assert "404" in str(errors["/missing"]) and "500" in str(errors["/error"])
    assert "no answer within 1 s" in str(errors["/slow"])
    assert "ConnectError" in str(next(r.error for r in report.rounds if r.url == dead))
    skipped = dict(report.skipped)
    assert {site.base + p for p in ("/broken.xml", "/laughs.xml", "/missing", "/error", "/slow")} <= set(skipped)
    last = {f.url.removeprefix(site.base): f.last_error for f in briefing.feeds(runtime=rt)}
    assert last["/feed.xml"] is None and "404" in str(last["/missing"])
    assert len(briefing.list_articles(runtime=rt)) == 5


def test_ingest_takes_article_and_feed_urls(site: FixtureSite, rt: briefing.Runtime) -> None:
    page = f"{site.base}/articles/traffic-halted.html"
    report = briefing.ingest([page, f"{site.base}/not-article.html"], runtime=rt)
    assert report.added == 1
    assert "no article text" in dict(report.skipped)[f"{site.base}/not-article.html"]
    (listed,) = briefing.list_articles(runtime=rt)
    assert listed.title == "Strike halts container traffic in Selwyn" and listed.url == page
    again = briefing.ingest(page, runtime=rt)
    assert again.added == 0 and again.unchanged == 1  # the same id: known as the file's would be
    feed = briefing.ingest(f"{site.base}/atom.xml", runtime=rt)  # a feed told apart by its content
    assert feed.added == 1 and feed.known == 1  # the page above is not fetched again
    assert briefing.feeds(runtime=rt) == []  # ingesting a feed does not follow it


def test_summarize_takes_urls_without_the_store(site: FixtureSite, rt: briefing.Runtime) -> None:
    brief = briefing.summarize([f"{site.base}/feed.xml"], topic="dock strike", runtime=rt)
    assert "Selwyn" in brief.markdown
    assert rt.store_missing()
    with pytest.raises(BriefingError, match="404"):
        briefing.summarize([f"{site.base}/missing"], runtime=rt)


def test_following_feeds(site: FixtureSite, rt: briefing.Runtime) -> None:
    briefing.add_feed(f"{site.base}/feed.xml", " Harbour  Post ", runtime=rt)
    with pytest.raises(BriefingError, match="already followed"):
        briefing.add_feed(f"{site.base}/feed.xml", runtime=rt)
    with pytest.raises(BriefingError, match="http"):
        briefing.add_feed("file:///etc/passwd", runtime=rt)
    assert [f.name for f in briefing.feeds(runtime=rt)] == ["Harbour Post"]
    other = rt.with_collection("other")
    assert briefing.feeds(runtime=other) == []  # per collection
    assert briefing.remove_feed("Harbour Post", runtime=rt).url == f"{site.base}/feed.xml"
    assert briefing.feeds(runtime=rt) == []
    with pytest.raises(BriefingError, match="no followed feed"):
        briefing.remove_feed("Harbour Post", runtime=rt)


def test_a_feed_list_that_cannot_be_written_is_an_error_not_a_traceback(
    rt: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from briefing.api import feed_list

    def refused(*_: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(feed_list.os, "replace", refused)
    with pytest.raises(BriefingError, match=r"cannot write the list of feeds .*Read-only file system"):
        briefing.add_feed("https://example.org/feed.xml", runtime=rt)
