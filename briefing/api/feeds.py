"""Feeds you follow and fetching: the list of followed feeds (kept beside the store, per collection), and
`fetch`, which brings each feed's new items (or the given feed and article URLs) into the store through the
same write path as files. The list itself is in `api/feed_list.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from briefing.api.feed_list import Feed, find_feed, now, read_feeds, update_feeds
from briefing.errors import BriefingError, SkipFile
from briefing.pipeline.plan import IngestReport
from briefing.runtime import Runtime, shared
from briefing.sources.feeds import FROM_SUMMARY, FeedItem, is_feed, page_article, parse_feed, summary_article
from briefing.sources.web import Fetcher, FetchError, check_url
from briefing.types import Article

SEEN_KEPT = 5000  # item ids remembered per feed (a feed lists far fewer at a time)


@dataclass
class FeedRound:
    """What one fetch did for one feed or URL: items it listed, articles it added, the error that stopped it."""

    url: str
    name: str = ""
    items: int = 0
    added: int = 0
    not_modified: bool = False
    error: str | None = None


@dataclass
class FetchReport(IngestReport):
    """What a fetch did: the ingest counts over everything it brought, each item or page it could not read
    (`skipped`, with why), and a line per feed or URL (`rounds`)."""

    rounds: list[FeedRound] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A line per feed or URL: added, not modified, or its error."""
        out = []
        for r in self.rounds:
            label = r.name or r.url
            if r.error:
                out.append(f"{label}: error: {r.error}")
            elif r.not_modified:
                out.append(f"{label}: not modified")
            else:
                out.append(f"{label}: {r.added} added ({r.items} items)")
        return out


def add_feed(url: str, name: str | None = None, *, runtime: Runtime | None = None) -> Feed:
    """Follow a feed: `fetch()` brings its new items from now on. Nothing is fetched yet.

    Args:
        url: The feed's http(s) address.
        name: A short name for it (default: its address).
        runtime: Settings and store to use (default: from the environment).

    Raises:
        BriefingError: The URL is not http(s), or is followed already (by URL or name).
    """
    rt = shared(runtime)
    url = check_url(url, allow_private=True)  # addresses are checked when fetched (DNS may change)
    label = " ".join((name or "").split())
    feed = Feed(url=url, name=label or url, added=now())

    def change(feeds: list[Feed]) -> Feed:
        for known in feeds:
            if known.url == url or known.name == feed.name:
                raise BriefingError(f"already followed: {known.name} ({known.url})")
        feeds.append(feed)
        return feed

    return update_feeds(rt.settings, change)


def feeds(*, runtime: Runtime | None = None) -> list[Feed]:
    """The feeds followed in the runtime's collection, in the order they were added."""
    return read_feeds(shared(runtime).settings)


def remove_feed(url_or_name: str, *, runtime: Runtime | None = None) -> Feed:
    """Stop following a feed (its articles stay in the store).

    Raises:
        BriefingError: No followed feed has that URL or name.
    """
    rt = shared(runtime)

    def change(feeds: list[Feed]) -> Feed:
        feed = find_feed(feeds, url_or_name)
        feeds.remove(feed)
        return feed

    return update_feeds(rt.settings, change)


def fetch(
    urls: str | Iterable[str] | None = None, *, runtime: Runtime | None = None, progress: bool | None = None
) -> FetchReport:
    """Fetch every followed feed once, or the given feed and article URLs, and store what is new.

    A feed's items already stored (by id or URL) are not fetched again; each new item is stored with its
    page's text (or the feed's summary, noted, when the page cannot be read). A feed that fails is named in
    the report and in its `last_error`; the others still land. A followed feed is asked conditionally
    (ETag / Last-Modified): unchanged, it costs one request.

    Args:
        urls: Feed or article URLs (a followed feed's name too); None fetches every followed feed.
        runtime: Settings, embedder and store to use (default: from the environment).
        progress: Show a progress bar (default: the `progress` setting, on a terminal).

    Returns:
        A FetchReport: the ingest counts, each item that could not be read, and a line per feed or URL.
    """
    rt = shared(runtime)
    settings = rt.settings
    followed = read_feeds(settings)
    if urls is None:
        targets: list[Feed | str] = list(followed)
    else:
        given = [urls] if isinstance(urls, str) else list(urls)
        targets = [_followed(followed, u) or u for u in given]
    report = FetchReport()
    with Fetcher(
        timeout=settings.fetch_timeout,
        max_bytes=int(settings.max_page_mb * 1e6),
        delay=settings.fetch_delay,
        allow_private=settings.allow_private_urls,
    ) as web:
        for target in targets:
            if isinstance(target, Feed):
                _fetch_feed(rt, web, target, report, progress)
            else:
                _fetch_url(rt, web, target, report, progress)
    return report


def _followed(followed: Sequence[Feed], value: str) -> Feed | None:
    return next((f for f in followed if value.strip() in (f.url, f.name)), None)


def _store(rt: Runtime, articles: list[Article], report: FetchReport, progress: bool | None) -> int:
    """Store articles through ingest; the added (new or replaced) count."""
    from briefing.api.library import ingest

    if not articles:
        return 0
    done = ingest(articles, runtime=rt, progress=progress)
    report.added += done.added
    report.unchanged += done.unchanged
    report.replaced += done.replaced
    report.chunks += done.chunks
    report.repaired += done.repaired
    report.skipped += done.skipped
    report.notes += done.notes
    return done.added + done.replaced


def _stored_keys(rt: Runtime, keys: Iterable[str]) -> set[str]:
    if rt.store_missing():
        return set()
    return set(rt.reading(lambda store: store.ready_by_key(keys)))


def _items_articles(
    rt: Runtime, web: Fetcher, items: Sequence[FeedItem], feed_url: str, report: FetchReport, seen: set[str]
) -> tuple[list[Article], list[str]]:
    """The articles of the items not seen or stored yet, and the ids of the items now accounted for."""
    stored = _stored_keys(rt, [i.link for i in items if i.link])
    done = [i.guid for i in items if i.guid in seen or (i.link and i.link in stored)]
    articles = []
    for item in items:
        if item.guid in done:
            continue
        try:
            articles.append(_item_article(web, item, feed_url, report))
            done.append(item.guid)
        except SkipFile as exc:
            report.skipped.append((item.link or item.guid, str(exc)))
    return articles, done


def _item_article(web: Fetcher, item: FeedItem, feed_url: str, report: FetchReport) -> Article:
    """The item's page as an article; else its summary, noted in the report with why the page was not read.

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
        report.notes.append((item.link or item.guid, FROM_SUMMARY.format(why=exc)))
        return summary_article(item, feed_url)


def _fetch_feed(rt: Runtime, web: Fetcher, feed: Feed, report: FetchReport, progress: bool | None) -> None:
    result = FeedRound(url=feed.url, name=feed.name)
    report.rounds.append(result)
    changes: dict[str, object] = {"last_fetched": now(), "new_items": 0, "last_error": None}
    try:
        page = web.get(feed.url, etag=feed.etag, modified=feed.last_modified)
        if page.not_modified:
            result.not_modified = True
        else:
            parsed = parse_feed(page.body, page.url)
            result.items = len(parsed.items)
            articles, done = _items_articles(rt, web, parsed.items, feed.url, report, set(feed.seen))
            result.added = _store(rt, articles, report, progress)
            changes |= {"etag": page.etag, "last_modified": page.last_modified, "new_items": result.added}
            changes["seen"] = list(dict.fromkeys([*done, *feed.seen]))[:SEEN_KEPT]
    except (FetchError, SkipFile) as exc:  # the feed itself; the store's own errors stop the fetch
        result.error = str(exc)
        changes["last_error"] = result.error
        report.skipped.append((feed.url, result.error))
    # the list is updated after the articles are stored: killed in between, the next fetch finds them stored
    update_feeds(rt.settings, lambda feeds: _apply(feeds, feed.url, changes))


def _apply(feeds: list[Feed], url: str, changes: dict[str, object]) -> None:
    for n, known in enumerate(feeds):
        if known.url == url:  # removed meanwhile: nothing to update
            feeds[n] = replace(known, **changes)  # type: ignore[arg-type]


def _fetch_url(rt: Runtime, web: Fetcher, url: str, report: FetchReport, progress: bool | None) -> None:
    """A URL not followed: a feed's items, or the article on a page."""
    result = FeedRound(url=url)
    report.rounds.append(result)
    try:
        page = web.get(url, robots=True)
        if is_feed(page.content_type, page.body):
            parsed = parse_feed(page.body, page.url)
            result.items = len(parsed.items)
            articles, _ = _items_articles(rt, web, parsed.items, page.url, report, set())
        else:
            result.items = 1
            articles = [page_article(page.text, page.url)]
        result.added = _store(rt, articles, report, progress)
    except (FetchError, SkipFile) as exc:
        result.error = str(exc)
        report.skipped.append((url, result.error))
