"""Between our types and Chroma's: records to write, `where` filters, stored chunks as Passages, the newest
day that holds n items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from briefing.types import Filters, Passage


@dataclass(frozen=True)
class ChunkRecord:
    """A chunk ready to be written: id, text, vector and metadata."""

    id: str
    text: str
    embedding: Sequence[float] | np.ndarray
    metadata: dict[str, Any]


@dataclass(frozen=True)
class ArticleRecord:
    """A catalog entry: what is known of an article and how many chunks it has."""

    id: str
    metadata: dict[str, Any]


@dataclass
class Hits:
    """Passages found by a query or a read, with their stored vectors (one row each)."""

    passages: list[Passage]
    vectors: np.ndarray
    meta: list[dict[str, Any]] = field(default_factory=list)  # each passage's stored metadata

    def rows(self, kept: Sequence[int]) -> Hits:
        """These rows only, in the order given."""
        return Hits([self.passages[k] for k in kept], self.vectors[list(kept)], [self.meta[k] for k in kept])

    def origins(self) -> dict[str, str]:
        """Each article's copy group (its own id when it is no copy)."""
        return {
            p.article_id: str(m.get("origin") or p.article_id) for p, m in zip(self.passages, self.meta, strict=False)
        }


def where_of(filters: Filters | None) -> dict[str, Any] | None:
    """The Chroma `where` filter for a date range (inclusive) and a source name (case-insensitive)."""
    if filters is None:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.since:
        clauses.append({"date_num": {"$gte": int(filters.since.replace("-", ""))}})
    if filters.until:
        clauses.append({"date_num": {"$lte": int(filters.until.replace("-", ""))}})
    if filters.outlets is not None:  # the stored names the source means (matched loosely beforehand)
        keys = sorted({name.casefold() for name in filters.outlets})
        clauses.append({"source_key": {"$in": keys}} if len(keys) != 1 else {"source_key": {"$eq": keys[0]}})
    elif filters.source:
        clauses.append({"source_key": {"$eq": filters.source.casefold()}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def all_of(*clauses: dict[str, Any] | None) -> dict[str, Any] | None:
    """One `where` filter that needs every given clause (None ones left out)."""
    given = [c for c in clauses if c]
    if not given:
        return None
    return given[0] if len(given) == 1 else {"$and": given}


LAST = 64  # the items written last, whose newest date starts the search for the newest n


def day_number(day: date) -> int:
    """A day as the `date_num` the chunks carry (2024-03-05 is 20240305)."""
    return day.year * 10_000 + day.month * 100 + day.day


def newest_day(count: Callable[[int], int], n: int, top: date, floor: date = date(1000, 1, 1)) -> int | None:
    """A day (as a `date_num`) from which on at least `n` items are dated, and not many more: at most n·5/4,
    or else the latest such day; given `count(day)`, how many are dated that day or later. None when even
    `floor` has fewer than n.

    Asking costs as many rows as the answer counts, so it steps back from `top` in spans that grow (by
    what the counts so far say the span to n is, at most eightfold), then narrows the last span by
    interpolating the counts (by at least an eighth of it; every other time, or with nothing counted at
    its late end, halving it), so that skewed dates converge too."""
    first, end = floor.toordinal(), top.toordinal() + 1
    late, had = end, 0  # from `late` on, `had` (< n) are dated
    early = max(first, end - 1)
    while (found := count(day_number(date.fromordinal(early)))) < n:
        if early == first:
            return None
        late, had = early, found
        span = end - late
        wanted = 2 * span if found == 0 else min(8 * span, max(2 * span, -(-span * n * 5 // (4 * found))))
        early = max(first, end - wanted)
    tries = 0
    while found > n + n // 4 and late - early > 1:
        tries += 1
        share = (n + n // 8 - had) / (found - had)  # of the span, from `late` back, expected to hold n·9/8
        if had == 0 or tries % 2 == 0:  # nothing to interpolate from, or its turn to halve
            share = 0.5
        width = late - early
        middle = late - min(width - max(1, width // 8), max(max(1, width // 8), round(width * share)))
        counted = count(day_number(date.fromordinal(middle)))
        if counted >= n:
            early, found = middle, counted
        else:
            late, had = middle, counted
    return day_number(date.fromordinal(early))


def newest_day_in(collection: Any, where: dict[str, Any] | None, n: int, top: date) -> int | None:
    """A day from which on at least `n` (and not many more) of the items `where` admits are dated, found
    through the collection's index of `date_num` (ids only); None when there are no more than n.

    The search starts at the newest date among the items written last (rarely far from the newest of all),
    not at `top`: a count costs as many rows as it counts, and one from years before the store's newest
    item counts it all."""

    def count(since: int) -> int:
        # the date first: Chroma narrows by the first condition, and the date is what narrows most
        return len(collection.get(where=all_of({"date_num": {"$gte": since}}, where), include=[])["ids"])

    total = collection.count()
    if total < n:
        return None
    last = collection.get(include=["metadatas"], limit=LAST, offset=total - LAST if total > LAST else 0)
    written = [int(m["date_num"]) for m in last["metadatas"] or [] if m and m.get("date_num")]
    if written:
        newest = max(written)
        top = min(top, date(newest // 10_000, newest // 100 % 100, newest % 100))
    return newest_day(count, n, top)


def passage_of(chunk_id: str, text: str, meta: dict[str, Any], score: float = 0.0) -> Passage:
    """A stored chunk as a Passage."""
    return Passage(
        id=chunk_id,
        text=text,
        article_id=str(meta.get("article_id", "")),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        date=str(meta["date"]) if meta.get("date") else None,
        url=str(meta.get("url", "")),
        chunk=int(meta.get("chunk", 0)),
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        score=score,
        ingested=str(meta["ingested"]) if meta.get("ingested") else None,
    )


def as_matrix(vectors: Any, rows: int) -> np.ndarray:
    """Vectors as a float32 matrix of `rows` rows (no rows gives a 0 x 0 matrix)."""
    if rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(rows, -1)
