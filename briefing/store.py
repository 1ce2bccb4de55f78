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
from datetime import date
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.errors import ChromaError

from briefing.chroma import (
    ArticleRecord,
    ChunkRecord,
    Hits,
    all_of,
    as_matrix,
    make_client,
    newest_day_in,
    passage_of,
    where_of,
)
from briefing.config import Settings
from briefing.copies import regroup
from briefing.errors import StoreError
from briefing.quotable import sentence_hits
from briefing.types import Filters, Passage

CATALOG_SUFFIX = "-articles"
QUOTABLE_SUFFIX = "-quotable"  # one record per article: its quotable sentences with their vectors
OLD_SENTENCES_SUFFIX = "-sentences"  # schema 2 and 3: one record per sentence, vector-indexed; dropped
STORE_SUFFIXES = (CATALOG_SUFFIX, QUOTABLE_SUFFIX, OLD_SENTENCES_SUFFIX)  # the store's own collections
READY = {"status": "ready"}
FULL = ("documents", "metadatas", "embeddings")
SENTENCE_SETS = 64  # sentence records a write takes at a time (one is about 40 kB)
IDS_PAGE = 100_000  # rows a read of ids alone takes at a time
REGROUPING = "regrouping"  # in the catalog's metadata while copy groups are renamed after a removal
# 2: quotable sentences with their vectors, copy groups; 3: chunk vectors made from sentence vectors;
# 4: an article's sentences in one record, not indexed by vector
SCHEMA = 4  # an article written by an older schema is rewritten


class Store:
    """Chunks and the article catalog of one collection, tied to one embedding model."""

    def __init__(self, client: ClientAPI, name: str, embedder: str) -> None:
        self.client = client
        self.name = name
        self.embedder = embedder
        # chromadb's own type hints are narrower than what it accepts; the collections are typed loosely.
        self.chunks: Any
        self.catalog: Any
        self.quotable: Any
        try:
            self.chunks = client.get_or_create_collection(
                name,
                metadata={"embedder": embedder, "hnsw:space": "cosine"},
                embedding_function=None,
            )
            self.catalog = client.get_or_create_collection(name + CATALOG_SUFFIX, embedding_function=None)
            self.quotable = client.get_or_create_collection(name + QUOTABLE_SUFFIX, embedding_function=None)
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
        self._batch = max(1, min(client.get_max_batch_size(), 4096))
        # Chroma holds the GIL for a whole write (about 0.5 ms a record): smaller writes let ingest's
        # embedding thread start its next step sooner
        self._write_batch = min(self._batch, 512)
        self._ids_page = IDS_PAGE

    # --- reading -------------------------------------------------------------------------------
    def count(self) -> tuple[int, int]:
        """Articles (ready) and chunks in the store."""
        return len(self.catalog.get(where=READY, include=[])["ids"]), self.chunk_count()

    def chunk_count(self) -> int:
        """Chunks in the store."""
        return int(self.chunks.count())

    def articles(self, ids: Iterable[str] | None = None, where: dict[str, Any] | None = None) -> list[ArticleRecord]:
        """Catalog entries in any state, by id or by filter."""
        id_list = list(ids) if ids is not None else None
        if id_list == []:
            return []
        got = self._get(self.catalog, ids=id_list, where=where, include=["metadatas"])
        return [ArticleRecord(i, dict(m or {})) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]

    def ready(self, ids: Iterable[str] | None = None) -> list[ArticleRecord]:
        """The articles readers may see (all, or those among `ids`): every chunk landed and committed."""
        return [
            a for a in self.articles(ids, None if ids is not None else READY) if a.metadata.get("status") == "ready"
        ]

    def copy_groups(self, ready_only: bool = True) -> list[tuple[str, str, str, str]]:
        """(id, signature, copy_of, date) of every ready article (or every article, pending too)."""
        got = self._get(self.catalog, where=READY if ready_only else None, include=["metadatas"])
        return [
            (i, str(m.get("minhash", "")), str(m.get("copy_of", "")), str(m.get("date", "")))
            for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
            if m and m.get("minhash")
        ]

    def ready_by_key(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """Ready article ids for each article key (file, record id or URL) among `keys`."""
        key_list = sorted(set(keys))
        by_key: dict[str, list[str]] = {}
        if key_list:
            for entry in self.articles(where={"$and": [{"key": {"$in": key_list}}, READY]}):
                by_key.setdefault(str(entry.metadata["key"]), []).append(entry.id)
        return by_key

    def query(self, embedding: Sequence[float] | np.ndarray, k: int, filters: Filters | None = None) -> Hits:
        """The k chunks nearest to `embedding`, nearest first (`score` = cosine similarity), with vectors."""
        return self._nearest(self.chunks, embedding, k, filters)

    def _nearest(
        self, collection: Any, embedding: Sequence[float] | np.ndarray, k: int, filters: Filters | None
    ) -> Hits:
        total = int(collection.count())
        if total == 0:
            return Hits([], as_matrix([], 0))
        got = collection.query(
            query_embeddings=[[float(x) for x in embedding]],
            n_results=min(k, total),
            where=where_of(filters),
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        ids, docs, metas = got["ids"][0], (got["documents"] or [[]])[0], (got["metadatas"] or [[]])[0]
        distances = (got["distances"] or [[]])[0]
        passages = [
            passage_of(i, d, dict(m or {}), 1.0 - float(dist))
            for i, d, m, dist in zip(ids, docs, metas, distances, strict=True)
        ]
        vectors = got["embeddings"][0] if got.get("embeddings") is not None else []
        return Hits(passages, as_matrix(vectors, len(passages)), [dict(m or {}) for m in metas])

    def sentences_of(self, article_ids: Sequence[str]) -> Hits:
        """Every quotable sentence of these articles (in the order given), with its vector."""
        ids = list(dict.fromkeys(article_ids))
        got: dict[str, Any] = {}
        for start in range(0, len(ids), self._write_batch):
            part = self.quotable.get(ids=ids[start : start + self._write_batch], include=["metadatas"])
            got.update(zip(part["ids"], part["metadatas"] or [], strict=True))
        present = [i for i in ids if i in got]
        return sentence_hits(present, [got[i] for i in present])

    def has_sentences(self) -> bool:
        """Whether any article's sentences are stored (a store written before schema 2 has none)."""
        return bool(self.quotable.count())

    def _get(self, collection: Any, **query: Any) -> dict[str, list[Any]]:
        """`collection.get(**query)` in pages: one call may not return more rows than SQLite has variables
        for (about 32k, with metadata), so a large store reads in pages of `_batch`."""
        include = list(query.pop("include", []))
        # ids alone hold no variables: they are read in far larger pages (each page skips the rows before
        # it, so 300k ids took 27 s in pages of 4,096 and 4 s in one)
        page = self._batch if include else self._ids_page
        out: dict[str, list[Any]] = {"ids": [], **{name: [] for name in include}}
        while True:
            got = collection.get(**query, include=include, limit=page, offset=len(out["ids"]))
            for name in out:
                part = got.get(name)
                out[name] += list(part) if part is not None else []
            if len(got["ids"]) < page:
                return out

    def passages(self, filters: Filters | None = None) -> Hits:
        """Every stored passage that matches the filters, with its vector, paged so a large store does not
        load in one call."""
        return _hits(self._get(self.chunks, where=where_of(filters), include=[*FULL]))

    def newest_leads(self, n: int, filters: Filters | None = None) -> Hits:
        """The first passage of each of the `n` newest articles that match the filters, with vectors.

        The catalog (one entry per article) is asked first, through Chroma's index of `date_num` and ids
        only, from which day on `n` articles are dated; then the first passages dated from that day are read.
        A `where` costs as many rows as it admits, so a brief on a large store reads a few times n rows,
        not every article's."""
        leads = all_of(where_of(filters), {"chunk": 0})
        top = date.fromisoformat(filters.until) if filters and filters.until else date.today()
        for wanted in (n, 2 * n):  # entries still pending have no passage yet: ask again for more
            day = newest_day_in(self.catalog, where_of(filters), wanted, top)
            if day is None:
                break
            newest = all_of({"date_num": {"$gte": day}}, leads)  # the date first: it narrows most
            got = _hits(self._get(self.chunks, where=newest, include=[*FULL]))
            if len(got.passages) >= n:
                return got.rows(_newest(got.passages, n))
        got = _hits(self._get(self.chunks, where=leads, include=["metadatas"]), vectors=False)  # small or undated
        return self.chunks_by_id([got.passages[k].id for k in _newest(got.passages, n)])  # in the store's order

    def revision(self) -> str:
        """A token that changes with every write to the store (read fresh: another process may write)."""
        meta = self.client.get_collection(self.catalog.name).metadata or {}
        return str(meta.get("revision") or f"chunks:{self.chunk_count()}")

    def chunk_ids(self) -> list[str]:
        """Every stored chunk's id."""
        return list(self._get(self.chunks, include=[])["ids"])

    def article_chunks(self, article_id: str) -> list[Passage]:
        """Every stored chunk of one article, in no particular order (without vectors)."""
        got = self._get(self.chunks, where={"article_id": article_id}, include=["documents", "metadatas"])
        rows = zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        return [passage_of(i, d, dict(m or {})) for i, d, m in rows]

    def chunk_texts(self, ids: Sequence[str]) -> list[str]:
        """The texts of these chunks, in the same order ("" for one gone meanwhile)."""
        texts: dict[str, str] = {}
        for start in range(0, len(ids), self._batch):
            got = self.chunks.get(ids=list(ids[start : start + self._batch]), include=["documents"])
            texts.update(zip(got["ids"], got["documents"] or [], strict=True))
        return [texts.get(i, "") for i in ids]

    def chunks_by_id(self, ids: Sequence[str], filters: Filters | None = None) -> Hits:
        """These chunks (those that pass the filters), in the order given, with their vectors."""
        if not ids:
            return Hits([], as_matrix([], 0))
        got = self.chunks.get(ids=list(ids), where=where_of(filters), include=[*FULL])
        rows = {i: n for n, i in enumerate(got["ids"])}
        order = [rows[i] for i in ids if i in rows]
        metas = [dict((got["metadatas"] or [])[n] or {}) for n in order]
        passages = [
            passage_of(got["ids"][n], (got["documents"] or [])[n], m) for n, m in zip(order, metas, strict=True)
        ]
        vectors = [got["embeddings"][n] for n in order] if got.get("embeddings") is not None else []
        return Hits(passages, as_matrix(vectors, len(passages)), metas)

    # --- writing -------------------------------------------------------------------------------
    def _changed(self, regrouping: bool = False) -> None:
        """A new revision; `regrouping` marks copy groups as being renamed until the next change."""
        self.catalog.modify(metadata={"revision": uuid.uuid4().hex, **({REGROUPING: 1} if regrouping else {})})

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
        if (self.client.get_collection(self.catalog.name).metadata or {}).get(REGROUPING):
            self._regroup()  # a crash while copy groups were renamed
            self._changed()
        return done, undone

    def _drop_old_sentences(self) -> None:
        """Drop the sentence collection of schemas 2 and 3 (one vector-indexed record per sentence), which
        nothing reads any more; its articles are rewritten when next ingested."""
        old = self.name + OLD_SENTENCES_SUFFIX
        if any(getattr(c, "name", c) == old for c in self.client.list_collections()):
            self.client.delete_collection(old)


def _newest(passages: Sequence[Passage], n: int) -> list[int]:
    """Which are the n newest passages (undated last; of one day, those first in the store), in their order."""
    return sorted(sorted(range(len(passages)), key=lambda k: passages[k].date or "", reverse=True)[:n])


def _hits(got: dict[str, list[Any]], vectors: bool = True) -> Hits:
    """Passages with their vectors and metadata from what `Store._get` read (documents, metadatas, embeddings;
    or metadatas only, `vectors=False`: the passages then have no text and the Hits no vectors)."""
    metas = [dict(m or {}) for m in got["metadatas"]]
    texts = got["documents"] if vectors else [""] * len(metas)
    passages = [passage_of(i, d, m) for i, d, m in zip(got["ids"], texts, metas, strict=True)]
    return Hits(passages, as_matrix(got["embeddings"] if vectors else [], len(passages) if vectors else 0), metas)


def open_store(settings: Settings, embedder: str, client: ClientAPI | None = None) -> Store:
    """Open (or create) the store the settings name, for vectors from `embedder`."""
    return Store(client or make_client(settings), settings.collection, embedder)
