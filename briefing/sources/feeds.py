"""Feeds and article pages as articles: telling a feed from a page, reading a feed's items (feedparser, from
bytes already fetched), and making each item an article from its page's text, or from the feed's summary
(marked as such) when the page cannot be read. Pure: the fetching is in `sources/web.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing.errors import SkipFile
from briefing.sources.articles import make_article, parse_html
from briefing.types import Article

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
FROM_SUMMARY = "text from the feed's summary: the page could not be read ({why})"


class FeedError(SkipFile):
    """A feed that cannot be read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: what identifies it (guid, else link), its page, and what the feed says of it."""

    guid: str
    link: str
    title: str = ""
    summary: str = ""
    date: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]


def is_feed(content_type: str, body: bytes) -> bool:
    """Whether a fetched document is a feed (RSS, Atom, RDF) rather than a page: by its content type, and for
    generic XML or an unhelpful type by its root element."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in FEED_TYPES:
        return True
    if kind == "text/html" or kind == "application/xhtml+xml":
        return False
    head = body[:2048].lstrip()
    return bool(_FEED_ROOT.search(head))


def site_of(url: str) -> str:
    """The site a URL is on, as an outlet name (`www.` dropped)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _text(html: str) -> str:
    import html as html_lib

    return " ".join(html_lib.unescape(_TAGS.sub(" ", html)).split())


def parse_feed(body: bytes, url: str = "") -> ParsedFeed:
    """A feed's title and items, parsed from its bytes (feedparser never fetches anything here).

    Raises:
        FeedError: The feed declares XML entities (an entity bomb is possible: refused unread), or it is not
            a feed feedparser can read at all.
    """
    import feedparser

    if _ENTITY.search(body[:100_000]):
        raise FeedError("the feed declares XML entities (refused: it may be an entity bomb)")
    parsed = feedparser.parse(body, response_headers={"content-location": url} if url else None)
    items = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        guid = str(entry.get("id") or link).strip()
        if not guid:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        summary = entry.get("summary") or ""
        if entry.get("content"):
            summary = max((str(c.get("value") or "") for c in entry["content"]), key=len) or summary
        items.append(FeedItem(guid, link, _text(str(entry.get("title") or "")), _text(str(summary)), date))
    if not items and (parsed.bozo or not parsed.get("version")):  # broken, or not a feed at all
        why = parsed.get("bozo_exception")
        raise FeedError(f"not a feed that can be read ({why})" if why else "not a feed that can be read")
    return ParsedFeed(_text(str(parsed.feed.get("title") or "")), items)


def page_article(html: str, url: str, *, title: str | None = None, date: str | None = None) -> Article:
    """The article on a fetched page: its extracted text, title (the feed's `title`, else the page's), date (the
    page's, else `date`), outlet (the site's name the page gives, else its host) and URL.

    Raises:
        SkipFile: The page holds no article text.
    """
    found = parse_html(html, url, guess_date=False)
    return make_article(
        found.text,
        title=title or found.title,  # the feed's headline when there is one (a page's may carry the site's name)
        source=found.source if found.source and found.source != urlsplit(url).hostname else site_of(url),
        url=url,
        date=found.date or date,
    )


def summary_article(item: FeedItem, feed_url: str) -> Article:
    """The article an item's summary makes when its page cannot be read (the caller notes why).

    Raises:
        SkipFile: The item has no summary to fall back on.
    """
    if not item.summary:
        raise SkipFile("the page could not be read and the feed gives no summary")
    return make_article(
        item.summary,
        title=item.title or None,
        source=site_of(item.link or feed_url),
        url=item.link,
        key=item.guid,
        date=item.date,
    )
