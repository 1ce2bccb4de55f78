"""Articles from URLs, without the store: a feed's items (each from its page, else the feed's summary) or the
article on a page. What could not be read is collected with why; the caller decides what is already stored."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from briefing.config import Settings
from briefing.errors import BriefingError, SkipFile
from briefing.sources.feeds import (
    FROM_SUMMARY,
    FeedItem,
    ParsedFeed,
    is_feed,
    page_article,
    parse_feed,
    summary_article,
)
from briefing.sources.web import Fetcher, FetchError
from briefing.types import Article

_URL = re.compile(r"(?i)https?://\S+")


def is_url(item: object) -> bool:
    """Whether an item given to ingest or summarize is a web address (http or https, one word)."""
    return isinstance(item, str) and bool(_URL.fullmatch(item.strip()))


@dataclass
class Fetched:
    """Articles read from the web, the ids of the feed items now accounted for, and what could not be read."""

    articles: list[Article] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    known: int = 0  # items stored before (not fetched again)


def fetcher(settings: Settings) -> Fetcher:
    """A fetcher with the settings' timeout, size cap, delay and address rule."""
    return Fetcher(
        timeout=settings.fetch_timeout,
        max_bytes=int(settings.max_page_mb * 1e6),
        delay=settings.fetch_delay,
        allow_private=settings.allow_private_urls,
    )


def item_article(web: Fetcher, item: FeedItem, feed_url: str, got: Fetched) -> Article:
    """The item's page as an article; else its summary, noted with why the page was not read.

    Raises:
        SkipFile: Neither the page nor a summary could be read (why is in the message).
    """
    try:
        if not item.link:
            raise SkipFile("the item has no link")
        page = web.get(item.link, robots=True)
        return page_article(page.text, page.url, title=item.title, date=item.date)
    except (FetchError, SkipFile) as exc:
        if not item.summary:
            raise SkipFile(f"{exc}, and the feed gives no summary") from None
        got.notes.append((item.link or item.guid, FROM_SUMMARY.format(why=exc)))
        return summary_article(item, feed_url)


def items_articles(
    web: Fetcher, feed: ParsedFeed, feed_url: str, known: Callable[[Sequence[str]], Collection[str]]
) -> Fetched:
    """The articles of the feed's items that `known` (given the items' ids and links) does not already name."""
    got = Fetched()
    seen = known([*(i.guid for i in feed.items), *(i.link for i in feed.items if i.link)])
    for item in feed.items:
        if item.guid in seen or (item.link and item.link in seen):
            got.done.append(item.guid)
            got.known += 1
            continue
        try:
            got.articles.append(item_article(web, item, feed_url, got))
            got.done.append(item.guid)
        except SkipFile as exc:
            got.skipped.append((item.link or item.guid, str(exc)))
    return got


def url_articles(web: Fetcher, url: str, known: Callable[[Sequence[str]], Collection[str]]) -> tuple[int, Fetched]:
    """A URL's articles (a feed's new items, or the page's article) and how many it listed.

    Raises:
        FetchError, SkipFile: The URL itself could not be fetched or read.
    """
    page = web.get(url, robots=True)
    if is_feed(page.content_type, page.body):
        feed = parse_feed(page.body, page.url)
        return len(feed.items), items_articles(web, feed, page.url, known)
    return 1, Fetched(articles=[page_article(page.text, page.url)])


def read_urls(urls: Iterable[str], settings: Settings) -> list[Article]:
    """The articles at feed or page URLs, read for briefing without the store.

    Raises:
        BriefingError: A URL could not be fetched or read (the message names it and why).
    """
    out: list[Article] = []
    with fetcher(settings) as web:
        for url in urls:
            try:
                out += url_articles(web, url.strip(), lambda _: ())[1].articles
            except (FetchError, SkipFile) as exc:
                raise BriefingError(f"{url}: {exc}") from None
    return out
