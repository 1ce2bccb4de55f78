"""Chroma calls cut to Chroma's limits: a write holds at most `get_max_batch_size()` records (5,461 for the
folder store) and a bounded amount of text, a read by ids at most as many ids (SQLite allows each call only
so many variables: 40,000 ids failed). Callers write and read any number; `Batched` cuts the calls."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

WRITE_CHARS = 4_000_000  # text (documents and string metadata) one write holds at most
SPLIT = ("add", "upsert", "update")  # calls that write records: cut by count and by characters
RECORD = ("ids", "embeddings", "metadatas", "documents", "uris", "images")  # a write's arguments of one item a record


def spans(sizes: Sequence[int], most: int, chars: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive runs of records, each of at most `most` records and `chars` characters
    (a record larger than `chars` alone makes a run)."""
    start, held = 0, 0
    for at, size in enumerate(sizes):
        if at > start and (at - start >= most or held + size > chars):
            yield start, at
            start, held = at, 0
        held += size
    if start < len(sizes):
        yield start, len(sizes)


def record_chars(documents: Sequence[Any] | None, metadatas: Sequence[Any] | None, count: int) -> list[int]:
    """The characters of each record: its document and the strings of its metadata."""
    sizes = [len(d or "") for d in documents] if documents is not None else [0] * count
    for k, meta in enumerate(metadatas or []):
        sizes[k] += sum(len(v) for v in (meta or {}).values() if isinstance(v, str))
    return sizes


def part(kwargs: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """A write's arguments for records start..end (every per-record argument sliced)."""
    return {key: value[start:end] if key in RECORD and value is not None else value for key, value in kwargs.items()}


ROWS = ("ids", "embeddings", "documents", "metadatas", "uris", "data")  # a `get` result's fields of one item a row


def merged(parts: Sequence[dict[str, Any]], offset: int = 0, limit: int | None = None) -> dict[str, Any]:
    """The results of several `get`s as one (rows `offset` to `offset + limit` of them all): each row field
    joined (vectors as one matrix), the others taken from the first."""
    out = dict(parts[0])
    end = None if limit is None else offset + limit
    for key in ROWS:
        given = [got[key] for got in parts if got.get(key) is not None]
        if not given:
            continue
        if isinstance(given[0], np.ndarray):
            out[key] = np.concatenate(given)[offset:end]
        else:
            out[key] = [row for rows in given for row in rows][offset:end]
    return out


class Batched:
    """A Chroma collection whose writes, deletions and reads by ids are cut into calls Chroma accepts;
    everything else passes through."""

    def __init__(self, collection: Any, most: int, chars: int = WRITE_CHARS) -> None:
        self._collection, self._most, self._chars = collection, max(1, most), chars

    def __getattr__(self, name: str) -> Any:
        if name in SPLIT:
            return lambda **kwargs: self._write(name, kwargs)
        return getattr(self._collection, name)

    def _write(self, name: str, kwargs: dict[str, Any]) -> None:
        count = len(kwargs["ids"])
        sizes = record_chars(kwargs.get("documents"), kwargs.get("metadatas"), count)
        call = getattr(self._collection, name)
        for start, end in spans(sizes, self._most, self._chars):
            call(**part(kwargs, start, end))

    def delete(self, ids: Sequence[str] | None = None, **kwargs: Any) -> None:
        if ids is None or len(ids) <= self._most:
            self._collection.delete(ids=ids, **kwargs)
            return
        for start in range(0, len(ids), self._most):
            self._collection.delete(ids=list(ids[start : start + self._most]), **kwargs)

    def get(self, ids: Sequence[str] | None = None, **kwargs: Any) -> dict[str, Any]:
        """Rows by id (and filter), the ids asked in slices; `limit` and `offset` apply to all of them."""
        if ids is None or len(ids) <= self._most:
            return dict(self._collection.get(ids=ids, **kwargs))
        limit, offset = kwargs.pop("limit", None), kwargs.pop("offset", None) or 0
        step = self._most
        parts = [dict(self._collection.get(ids=list(ids[s : s + step]), **kwargs)) for s in range(0, len(ids), step)]
        return merged(parts, offset, limit)
