"""Polite, guarded fetching (briefing/sources/web.py) and telling feeds from pages (sources/feeds.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.sources.feeds import FeedError, is_feed, parse_feed
from briefing.sources.web import Fetcher, FetchError, check_url
from tests.servers import WEB, FixtureSite, _billion_laughs, fixture_web


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureSite]:
    with fixture_web() as served:
        yield served


def _public(host: str) -> list[str]:
    """A resolver that calls 127.0.0.1 public (as a site on the internet would be), any other host itself."""
    return ["93.184.216.34"] if host == "127.0.0.1" else [host]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "only http"),
        ("ftp://example.org/feed", "only http"),
        ("javascript:alert(1)", "only http"),
        ("http:///feed.xml", "no host"),
        ("http://127.0.0.1:8000/feed.xml", "private or local"),
        ("http://10.1.2.3/", "private or local"),
        ("http://169.254.169.254/latest/meta-data/", "private or local"),
        ("http://[::1]/", "private or local"),
        ("http://0.0.0.0/", "private or local"),
    ],
)
def test_refused_urls(url: str, why: str) -> None:
    with pytest.raises(FetchError, match=why):
        check_url(url, allow_private=False, resolve=lambda host: [host.strip("[]")])


def test_public_and_allowed_urls_pass() -> None:
    assert check_url("https://example.org/feed", False, resolve=lambda _: ["93.184.216.34"])
    assert check_url("http://127.0.0.1:8000/feed.xml", allow_private=True)


@pytest.mark.parametrize(
    ("kind", "body", "feed"),
    [
        ("application/rss+xml", b"", True),
        ("application/atom+xml; charset=utf-8", b"", True),
        ("application/xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', True),
        ("text/xml", b'<feed xmlns="http://www.w3.org/2005/Atom">', True),
        ("", b"<rdf:RDF xmlns:rdf='x'>", True),
        ("text/html; charset=utf-8", b"<html><body><rss>", False),
        ("application/xml", b"<?xml version='1.0'?><sitemap>", False),
        ("text/plain", b"just words", False),
    ],
)
def test_feeds_are_told_from_pages(kind: str, body: bytes, feed: bool) -> None:
    assert is_feed(kind, body) is feed


def test_an_entity_bomb_feed_is_refused_unread() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_feed(_billion_laughs())


def test_rss_and_atom_items() -> None:
    rss = parse_feed((WEB / "feed.xml").read_text(encoding="utf-8").replace("{base}", "http://h").encode())
    assert rss.title == "Harbour Post: Port Selwyn"
    first = rss.items[0]
    assert (first.guid, first.link, first.date) == ("hp-1001", "http://h/articles/dockers-strike.html", "2024-06-05")
    atom = parse_feed((WEB / "atom.xml").read_text(encoding="utf-8").replace("{base}", "http://h").encode())
    assert [i.guid for i in atom.items] == ["urn:coastal-times:2001", "urn:coastal-times:2002"]
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed((WEB / "broken.xml").read_bytes())


def test_too_large_bodies_are_refused(site: FixtureSite) -> None:
    with Fetcher(allow_private=True, delay=0, max_bytes=1_000_000) as web:
        with pytest.raises(FetchError, match=r"too large \(60,000,000 bytes.*not read"):
            web.get(f"{site.base}/huge")  # said by its length: refused before reading
        with pytest.raises(FetchError, match="too large"):
            web.get(f"{site.base}/endless")  # no length: cut at the cap
        with pytest.raises(FetchError, match="too large"):
            web.get(f"{site.base}/bomb")  # 200 kB that unzip to 200 MB: the cap counts decoded bytes
        assert web.get(f"{site.base}/articles/dockers-strike.html").status == 200  # the same fetcher goes on


def test_redirects_are_bounded_and_rechecked(site: FixtureSite) -> None:
    with Fetcher(allow_private=True, delay=0) as web, pytest.raises(FetchError, match="more than 5 redirects"):
        web.get(f"{site.base}/loop")
    before = len(site.requests)
    private = pytest.raises(FetchError, match=r"169\.254\.169\.254 is a private or local address")
    with Fetcher(allow_private=False, delay=0, resolve=_public) as web, private:
        web.get(f"{site.base}/to-private")
    assert site.paths()[before:] == ["/to-private"]  # the first hop only


def test_robots_txt_is_honoured_for_pages(site: FixtureSite) -> None:
    with Fetcher(allow_private=True, delay=0) as web:
        with pytest.raises(FetchError, match=r"robots\.txt"):
            web.get(f"{site.base}/private/ships-queue.html", robots=True)
        assert web.get(f"{site.base}/articles/ships-queue.html", robots=True).status == 200


@pytest.mark.parametrize(("status", "allowed"), [(403, False), (401, False), (404, True), (500, True)])
def test_a_robots_txt_that_is_refused_disallows_and_one_missing_allows(
    site: FixtureSite, status: int, allowed: bool
) -> None:
    site.robots_status = status
    try:
        with Fetcher(allow_private=True, delay=0) as web:
            page = f"{site.base}/articles/ships-queue.html"
            if allowed:
                assert web.get(page, robots=True).status == 200
            else:
                with pytest.raises(FetchError, match=r"robots\.txt"):
                    web.get(page, robots=True)
    finally:
        site.robots_status = 200


def test_a_slow_server_is_given_up(site: FixtureSite) -> None:
    site.slow_seconds = 2
    with Fetcher(allow_private=True, delay=0, timeout=0.5) as web, pytest.raises(FetchError, match="no answer"):
        web.get(f"{site.base}/slow")
