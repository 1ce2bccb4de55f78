"""A file's articles as a set: those read from a file before that it no longer holds, reported, and
removed only when asked (`ingest(..., sync=True)`, `briefing ingest --sync`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from briefing.store.store import Store
from briefing.types import Article


def left_behind(store: Store, articles: Sequence[Article], unread: Iterable[str] = ()) -> dict[str, list[str]]:
    """The stored articles last read from one of these articles' files that this read of the file did not
    find, by file. A file in `unread` (one with a record or part that could not be read) is left out: what
    it still holds cannot be told."""
    skip = set(unread)
    files = sorted({a.origin for a in articles if a.origin and a.origin not in skip})
    present = {a.id for a in articles}
    found = store.ready_by_file(files)
    gone = {name: sorted(i for i in ids if i not in present) for name, ids in found.items()}
    return {name: ids for name, ids in gone.items() if ids}
