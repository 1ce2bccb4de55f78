"""What the store holds, as the library lists it: the stats, every article, one article whole, and the
collections beside it. Reading makes no store: with none, these say so or list nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefing.api.stored import location
from briefing.errors import BriefingError
from briefing.runtime import Runtime, shared
from briefing.sources.chunks import join_chunks
from briefing.store.store import CATALOG_SUFFIX
from briefing.types import Article


@dataclass
class Stats:
    """What the store holds."""

    articles: int
    chunks: int
    sources: Counter[str] = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    embedder: str = ""
    location: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """One article in the store, as the library lists it."""

    id: str
    title: str
    source: str
    date: str | None
    url: str
    chunks: int
    copy_of: str = ""  # the id of the article this one reprints (the first of its copy group), if any


def stats(*, runtime: Runtime | None = None) -> Stats:
    """Counts of articles and chunks, the sources and the date range in the store."""
    rt = shared(runtime)
    if rt.store_missing():  # reading makes no store
        return Stats(0, 0, embedder=rt.settings.embedder, location=f"{location(rt.settings)}, not made yet")
    entries = list_articles(runtime=rt)
    dates = sorted(e.date for e in entries if e.date)
    return Stats(
        articles=len(entries),
        chunks=rt.store.chunk_count(),
        sources=Counter(e.source for e in entries),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        embedder=rt.store.embedder,
        location=location(rt.settings),
    )


def list_articles(*, runtime: Runtime | None = None) -> list[StoredArticle]:
    """Every article in the store, in the store's order (none when there is no store: reading makes none)."""
    rt = shared(runtime)
    if rt.store_missing():
        return []
    return [
        StoredArticle(
            e.id,
            str(m.get("title", "")),
            str(m.get("source", "")),
            str(m["date"]) if m.get("date") else None,
            str(m.get("url", "")),
            int(m.get("chunks", 0)),
            str(m.get("copy_of", "") or ""),
        )
        for e in rt.store.ready()
        for m in [e.metadata]
    ]


def article(article_id: str, *, runtime: Runtime | None = None) -> Article:
    """One stored article, whole: its text rejoined from its chunks (offsets into it are those quotes give),
    with its title, source, date and URL.

    Raises:
        BriefingError: No ready article has this id.
    """
    rt = shared(runtime)
    wanted = (article_id or "").strip()
    entries = rt.store.ready([wanted]) if wanted and not rt.store_missing() else []
    if not entries:
        raise BriefingError(f"no article with id {wanted[:40]!r} in the store (it may have been deleted)")
    meta = entries[0].metadata
    text = join_chunks([(p.start, p.text) for p in rt.store.article_chunks(wanted)])
    date = str(meta["date"]) if meta.get("date") else None
    fields = {k: str(meta.get(k, "")) for k in ("title", "source", "key", "url")}
    return Article(text, fields["title"], fields["source"], fields["key"], fields["url"], date, id=wanted)


def collections(*, runtime: Runtime | None = None) -> list[str]:
    """The names of the collections in the store (the folder or the server), the runtime's own included."""
    rt = shared(runtime)
    found = rt.store.client.list_collections()
    names = {str(getattr(c, "name", c)) for c in found}
    ours = {n.removesuffix(CATALOG_SUFFIX) for n in names if n.endswith(CATALOG_SUFFIX)}
    return sorted(ours | {rt.settings.collection}, key=str.lower)
