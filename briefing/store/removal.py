"""Removing articles so that they can be put back: what `Store.delete` drops (the catalog entries, the chunks
with their texts and vectors, the sentence records) is read first and kept in memory, with the copy groups
the removal renames; `put_back` writes it all again as it was, through the same pending → ready steps as
an ingest (so a crash half-way is finished or rolled back by `repair()`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefing.store.quotable import PLACEHOLDER
from briefing.store.reads import FULL
from briefing.store.records import ArticleRecord, ChunkRecord
from briefing.store.store import Store


@dataclass(frozen=True)
class Removed:
    """Articles removed from a store, whole: what putting them back needs."""

    entries: list[ArticleRecord]
    chunks: list[ChunkRecord] = field(repr=False)
    sentences: list[ChunkRecord] = field(repr=False)
    groups: dict[str, str] = field(default_factory=dict)  # the other members' `copy_of` before the removal

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    @property
    def titles(self) -> list[str]:
        return [str(e.metadata.get("title", "")) for e in self.entries]


def take(store: Store, article_ids: Iterable[str]) -> Removed:
    """Remove these (ready) articles from the store and return them whole; ids not in it are ignored."""
    entries = store.ready(list(dict.fromkeys(article_ids)))
    ids = [e.id for e in entries]
    if not ids:
        return Removed([], [], [])
    got = store._get(store.chunks, where={"article_id": {"$in": ids}}, include=[*FULL])
    chunks = [
        ChunkRecord(i, d, v, dict(m or {}))
        for i, d, v, m in zip(got["ids"], got["documents"], got["embeddings"], got["metadatas"], strict=True)
    ]
    read = store._get(store.quotable, ids=ids, include=["metadatas"])
    sentences = [
        ChunkRecord(i, "", PLACEHOLDER, dict(m or {})) for i, m in zip(read["ids"], read["metadatas"], strict=True)
    ]
    members = store._get(store.catalog, where={"copy_of": {"$in": ids}}, include=["metadatas"])
    groups = {
        i: str((m or {}).get("copy_of", ""))
        for i, m in zip(members["ids"], members["metadatas"], strict=True)
        if i not in ids
    }
    store.delete(ids)
    return Removed(entries, chunks, sentences, groups)


def put_back(store: Store, removed: Removed) -> list[str]:
    """Write removed articles back as they were, and their copy groups as they were; an article in the store
    again meanwhile (ingested anew) is left as it is. Returns the ids written back."""
    present = {a.id for a in store.articles(removed.ids)}
    entries = [e for e in removed.entries if e.id not in present]
    if not entries:
        return []
    wanted = {e.id for e in entries}
    store.catalog.upsert(  # step 1, as `Store.begin` but keeping when the article was first ingested
        ids=[e.id for e in entries],
        embeddings=[PLACEHOLDER] * len(entries),
        metadatas=[{**e.metadata, "status": "pending", "replaces": ""} for e in entries],
    )
    store.write_chunks(
        [c for c in removed.chunks if c.metadata.get("article_id") in wanted],
        [s for s in removed.sentences if s.id in wanted],
    )
    store.commit(entries)
    still = {a.id for a in store.ready(removed.groups)}
    groups = {member: copy_of for member, copy_of in removed.groups.items() if member in still}
    if groups:
        store.set_copy_of(groups)
        store._changed()
    return [e.id for e in entries]
