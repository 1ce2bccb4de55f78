"""Feeds you follow and fetching: the list of followed feeds (kept beside the store, per collection), and
`fetch`, which brings each feed's new items (or the given feed and article URLs) into the store through the
same write path as files. The list itself is in `api/feed_list.py`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from briefing.api.feed_list import Feed, find_feed, now, read_feeds, update_feeds
from briefing.errors import BriefingError, SkipFile
from briefing.pipeline.plan import IngestReport
from briefing.runtime import Runtime, shared
from briefing.sources.feeds import parse_feed
from briefing.sources.fetching import Fetched, fetcher, items_articles, url_articles
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
    known: int = 0  # feed items stored before, not fetched again

    @property
    def ingested(self) -> int:
        """Articles now in the store from this run, counting feed items stored before."""
        return super().ingested + self.known

    def absorb(self, other: IngestReport) -> None:
        """Add another ingest's counts, skipped files and notes to this report."""
        self.added += other.added
        self.unchanged += other.unchanged
        self.replaced += other.replaced
        self.chunks += other.chunks
        self.files += other.files
        self.repaired += other.repaired
        self.removed += other.removed
        self.skipped += other.skipped
        self.notes += other.notes
        self.left += other.left
        self.known += getattr(other, "known", 0)

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
    with fetcher(settings) as web:
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
    report.absorb(done)
    return done.added + done.replaced


def _known(rt: Runtime, seen: Collection[str] = ()) -> Callable[[Sequence[str]], Collection[str]]:
    """Which of the given item ids and links are known already: seen in the feed before, or stored (by URL)."""

    def known(keys: Sequence[str]) -> Collection[str]:
        stored = set() if rt.store_missing() else set(rt.reading(lambda store: store.ready_by_key(keys)))
        return stored | {k for k in keys if k in seen}

    return known


def _add(report: FetchReport, got: Fetched) -> None:
    report.known += got.known
    report.skipped += got.skipped
    report.notes += got.notes


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
            got = items_articles(web, parsed, feed.url, _known(rt, set(feed.seen)))
            _add(report, got)
            result.added = _store(rt, got.articles, report, progress)
            changes |= {"etag": page.etag, "last_modified": page.last_modified, "new_items": result.added}
            changes["seen"] = list(dict.fromkeys([*got.done, *feed.seen]))[:SEEN_KEPT]
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
        result.items, got = url_articles(web, url, _known(rt))
        _add(report, got)
        result.added = _store(rt, got.articles, report, progress)
    except (FetchError, SkipFile) as exc:
        result.error = str(exc)
        report.skipped.append((url, result.error))
