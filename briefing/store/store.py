"""The Chroma store: chunk vectors plus a small catalog of articles that makes writes all-or-nothing.

Each article is written in three steps: a `pending` catalog entry, then all its chunks and the record of
its quotable sentences (`quotable.py`), then the entry turns `ready`. `repair()` (run before every
ingest) finishes or rolls back whatever a crash left pending, so the next run completes the store without
duplicates. Only `ready` articles are ever read back.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.errors import ChromaError

from briefing.config import Settings
from briefing.errors import StoreError
from briefing.store.batches import Batched
from briefing.store.client import make_client
from briefing.store.copies import bands, regroup
from briefing.store.reads import IDS_PAGE, READY, StoreReads
from briefing.store.records import ArticleRecord, ChunkRecord

CATALOG_SUFFIX = "-articles"
QUOTABLE_SUFFIX = "-quotable"  # one record per article: its quotable sentences with their vectors
OLD_SENTENCES_SUFFIX = "-sentences"  # schema 2 and 3: one record per sentence, vector-indexed; dropped
STORE_SUFFIXES = (CATALOG_SUFFIX, QUOTABLE_SUFFIX, OLD_SENTENCES_SUFFIX)  # the store's own collections
SENTENCE_SETS = 64  # sentence records a write takes at a time (one is about 40 kB)
BANDED = "banded"  # in a catalog entry that holds its signature's band keys (`copies.bands`); in the catalog's
# metadata once every entry does (entries written since always do)
REGROUPING = "regrouping"  # in the catalog's metadata while copy groups are renamed after a removal
# 2: quotable sentences with their vectors, copy groups; 3: chunk vectors made from sentence vectors;
# 4: an article's sentences in one record, not indexed by vector
SCHEMA = 4  # an article written by an older schema is rewritten


class Store(StoreReads):
    """Chunks, sentences and the article catalog of one collection, tied to one embedding model; the
    reading half is `StoreReads` (reads.py)."""

    def __init__(self, client: ClientAPI, name: str, embedder: str) -> None:
        self.client = client
        self.name = name
        self.embedder = embedder
        try:
            # every call is cut to Chroma's limit of records a call (its write batch size), which a read by
            # ids keeps too (SQLite holds only so many variables)
            self._batch = max(1, min(client.get_max_batch_size(), 4096))
            chunks = client.get_or_create_collection(
                name,
                metadata={"embedder": embedder, "hnsw:space": "cosine"},
                embedding_function=None,
            )
            self.chunks = Batched(chunks, self._batch)
            self.catalog = Batched(
                client.get_or_create_collection(name + CATALOG_SUFFIX, embedding_function=None), self._batch
            )
            self.quotable = Batched(
                client.get_or_create_collection(name + QUOTABLE_SUFFIX, embedding_function=None), self._batch
            )
        except StoreError:
            raise  # a damaged store or a full disk: the message says so
        except (ValueError, ChromaError) as exc:
            msg = f"cannot open collection {name!r}: {exc}. Set BRIEFING_COLLECTION to a valid name."
            raise StoreError(msg) from exc
        recorded = (self.chunks.metadata or {}).get("embedder")
        if recorded != embedder:
            msg = (
                f"the collection {name!r} holds vectors from {recorded!r}, but the embedder now is "
                f"{embedder!r}. Mixing them would give wrong answers: switch BRIEFING_EMBEDDER back, or "
                "use another BRIEFING_COLLECTION (or BRIEFING_STORE_DIR) and ingest again."
            )
            raise StoreError(msg)
        # Chroma holds the GIL for a whole write (about 0.5 ms a record): smaller writes let ingest's
        # embedding thread start its next step sooner
        self._write_batch = min(self._batch, 512)
        self._ids_page = IDS_PAGE

    # --- writing -------------------------------------------------------------------------------
    def _marks(self) -> dict[str, Any]:
        """The catalog's own metadata: its revision and marks (read fresh: another process may write)."""
        return dict(self.client.get_collection(self.catalog.name).metadata or {})

    def _changed(self, regrouping: bool = False) -> None:
        """A new revision; `regrouping` marks copy groups as being renamed until the next change (the mark
        that every entry has its band keys stays)."""
        kept = {BANDED: 1} if self._marks().get(BANDED) else {}
        self.catalog.modify(metadata={"revision": uuid.uuid4().hex, **kept, **({REGROUPING: 1} if regrouping else {})})

    def begin(self, articles: Sequence[ArticleRecord]) -> None:
        """Step 1: mark articles pending, so a crash before `commit` is rolled back or finished."""
        if articles:
            self.catalog.upsert(
                ids=[a.id for a in articles],
                embeddings=[[1.0]] * len(articles),
                metadatas=[{**a.metadata, "status": "pending", "ingested_at": time.time()} for a in articles],
            )

    def write_chunks(self, chunks: Sequence[ChunkRecord], sentences: Sequence[ChunkRecord] = ()) -> None:
        """Step 2: upsert chunks and the articles' sentence records in batches (ids are deterministic, so a
        repeat overwrites)."""
        self._upsert(self.chunks, chunks, self._write_batch)
        self._upsert(self.quotable, sentences, SENTENCE_SETS, documents=False)

    def _upsert(self, collection: Any, records: Sequence[ChunkRecord], batch: int, documents: bool = True) -> None:
        for start in range(0, len(records), batch):
            part = records[start : start + batch]
            collection.upsert(
                ids=[c.id for c in part],
                embeddings=np.asarray([c.embedding for c in part], dtype=np.float32),
                metadatas=[c.metadata for c in part],
                **({"documents": [c.text for c in part]} if documents else {}),
            )

    def commit(self, articles: Sequence[ArticleRecord], replaced: Iterable[str] = ()) -> None:
        """Step 3: drop the articles these replace, then mark them ready."""
        self.delete(replaced)
        if articles:
            self.catalog.update(ids=[a.id for a in articles], metadatas=[{**READY} for _ in articles])
            self._changed()

    def relabel(self, changes: dict[str, dict[str, str]]) -> None:
        """Give stored articles a new key and file (an unchanged article read now from another row or file),
        in their catalog entries, which is where both are looked up."""
        ids = sorted(changes)
        for start in range(0, len(ids), self._write_batch):
            part = ids[start : start + self._write_batch]
            self.catalog.update(ids=part, metadatas=[changes[i] for i in part])

    def delete(self, article_ids: Iterable[str]) -> int:
        """Remove articles with their chunks and sentences; returns how many chunks went. The copies of a
        removed article are regrouped under the first that stays.

        The entries are marked `deleting` first, so a crash half-way is finished by `repair()` rather than
        leaving a ready article that lacks some of its chunks."""
        ids = list(article_ids)
        if not ids:
            return 0
        present = [a.id for a in self.articles(ids)]
        if present:
            self.catalog.update(ids=present, metadatas=[{"status": "deleting"}] * len(present))
        found = self._get(self.chunks, where={"article_id": {"$in": ids}}, include=[])
        if found["ids"]:
            self.chunks.delete(ids=found["ids"])
        self.quotable.delete(ids=ids)
        # marked before the entries go, so that a crash before the copy groups are renamed is finished by
        # `repair()` (which then reads the whole catalog); without a crash only the removed groups are read
        self._changed(regrouping=True)
        if present:
            self.catalog.delete(ids=present)
        self._regroup(ids)
        self._changed()
        return len(found["ids"])

    def _regroup(self, gone: Sequence[str] | None = None) -> None:
        """Rename the copy groups named after these removed articles (None: every group whose first article
        is gone, also one a crash left half renamed: the catalog entry of a member changes last, so it
        still names the gone one) after their next member."""
        where = None if gone is None else {"copy_of": {"$in": list(gone)}}
        got = self._get(self.catalog, where=where, include=["metadatas"])
        present = set(got["ids"])
        members = [
            (i, str(m.get("copy_of", "")), f"{m.get('date', '')}|{i}")
            for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
            if m and m.get("minhash")
        ]
        orphaned = {group for _, group, _ in members if group and group not in present}
        if orphaned:
            self.set_copy_of(regroup(members, orphaned))

    def set_copy_of(self, changes: dict[str, str]) -> None:
        """Record new copy groups (`copy_of`: the group's first article, "" for the first itself) on the
        articles, their chunks and their sentences.

        Written so that a crash half-way can be redone from the catalog: each article's chunks and sentences
        change before its entry, and a group's new first article changes after its other members."""
        for article, copy_of in sorted(changes.items(), key=lambda change: change[1] == ""):
            origin = copy_of or article
            changed = {"copy_of": copy_of, "origin": origin}
            got = self._get(self.chunks, where={"article_id": article}, include=[])
            if got["ids"]:
                self.chunks.update(ids=got["ids"], metadatas=[changed] * len(got["ids"]))
            if self.quotable.get(ids=[article], include=[])["ids"]:
                self.quotable.update(ids=[article], metadatas=[changed])
            self.catalog.update(ids=[article], metadatas=[{"copy_of": copy_of}])

    def repair(self) -> tuple[int, int]:
        """Finish what a crash left half done: deletions are completed, pending articles whose chunks all
        landed are made ready and the rest rolled back, copy groups left half renamed are renamed.
        Returns (done, undone)."""
        done, undone = 0, 0
        self._drop_old_sentences()
        self._band_old_entries()
        deleting = [a.id for a in self.articles(where={"status": "deleting"})]
        if deleting:
            self.delete(deleting)
            undone += len(deleting)
        for entry in self.articles(where={"status": "pending"}):
            have = self.chunks.get(where={"article_id": entry.id}, include=[])
            landed = bool(self.quotable.get(ids=[entry.id], include=[])["ids"])
            replaced = [r for r in str(entry.metadata.get("replaces", "")).split(",") if r]
            if landed and len(have["ids"]) == int(entry.metadata.get("chunks", -1)):
                self.commit([entry], replaced)
                done += 1
            else:
                self.delete([entry.id])
                undone += 1
        if self._marks().get(REGROUPING):
            self._regroup()  # a crash while copy groups were renamed
            self._changed()
        return done, undone

    def _band_old_entries(self) -> None:
        """Give the ready entries an earlier version wrote the band keys of their signatures, which ingest
        finds copies by (`copy_candidates`); once per store (the catalog is marked then), without reading any
        text again."""
        if self._marks().get(BANDED):
            return
        banded = set(self._get(self.catalog, where={BANDED: 1}, include=[])["ids"])
        missing = [i for i in self._get(self.catalog, where=READY, include=[])["ids"] if i not in banded]
        for start in range(0, len(missing), self._write_batch):
            entries = self.articles(missing[start : start + self._write_batch])
            keys = [band_keys(str(e.metadata.get("minhash", ""))) for e in entries]
            if entries:
                self.catalog.update(ids=[e.id for e in entries], metadatas=keys)
        self.catalog.modify(metadata={**self._marks(), BANDED: 1})

    def _drop_old_sentences(self) -> None:
        """Drop the sentence collection of schemas 2 and 3 (one vector-indexed record per sentence), which
        nothing reads; its articles are rewritten when next ingested."""
        old = self.name + OLD_SENTENCES_SUFFIX
        if any(getattr(c, "name", c) == old for c in self.client.list_collections()):
            self.client.delete_collection(old)


def band_keys(signature: str) -> dict[str, Any]:
    """What a catalog entry keeps to be found as a candidate copy: its signature's band keys, and the mark
    that it has them (an entry without a signature has none to keep)."""
    return {**(bands(signature) if signature else {}), BANDED: 1}


def open_store(settings: Settings, embedder: str, client: ClientAPI | None = None) -> Store:
    """Open (or create) the store the settings name, for vectors from `embedder`."""
    return Store(client or make_client(settings), settings.collection, embedder)
