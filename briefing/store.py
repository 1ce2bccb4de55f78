"""The Chroma store: chunk vectors plus a small catalog of articles that makes writes all-or-nothing.

Each article is written in three steps: a `pending` catalog entry, then all its chunks, then the entry
turns `ready`. `repair()` (run before every ingest) finishes or rolls back whatever a crash left pending,
so the next run completes the store without duplicates. Only `ready` articles are ever read back.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.errors import ChromaError

from briefing.config import Settings
from briefing.errors import StoreError
from briefing.types import Filters, Passage

CATALOG_SUFFIX = "-articles"
READY = {"status": "ready"}


@dataclass(frozen=True)
class ChunkRecord:
    """A chunk ready to be written: id, text, vector and metadata."""

    id: str
    text: str
    embedding: Sequence[float]
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


def where_of(filters: Filters | None) -> dict[str, Any] | None:
    """The Chroma `where` filter for a date range (inclusive) and a source name (case-insensitive)."""
    if filters is None:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.since:
        clauses.append({"date_num": {"$gte": int(filters.since.replace("-", ""))}})
    if filters.until:
        clauses.append({"date_num": {"$lte": int(filters.until.replace("-", ""))}})
    if filters.source:
        clauses.append({"source_key": {"$eq": filters.source.casefold()}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


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
    )


def as_matrix(vectors: Any, rows: int) -> np.ndarray:
    """Vectors as a float32 matrix of `rows` rows (no rows gives a 0 x 0 matrix)."""
    if rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(rows, -1)


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma client: a server when CHROMA_HOST is set, else the persisted local folder."""
    chroma_settings = chromadb.config.Settings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        except Exception as exc:
            msg = (
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({exc}); "
                "start it (`chroma run`) or unset CHROMA_HOST to use the local folder"
            )
            raise StoreError(msg) from exc
    path = Path(settings.store_dir)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class Store:
    """Chunks and the article catalog of one collection, tied to one embedding model."""

    def __init__(self, client: ClientAPI, name: str, embedder: str) -> None:
        self.client = client
        self.name = name
        self.embedder = embedder
        # chromadb's own type hints are narrower than what it accepts; the collections are typed loosely.
        self.chunks: Any
        self.catalog: Any
        try:
            self.chunks = client.get_or_create_collection(
                name,
                metadata={"embedder": embedder, "hnsw:space": "cosine"},
                embedding_function=None,
            )
            self.catalog = client.get_or_create_collection(name + CATALOG_SUFFIX, embedding_function=None)
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
        got = self.catalog.get(ids=id_list, where=where, include=["metadatas"])
        return [ArticleRecord(i, dict(m or {})) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]

    def ready(self, ids: Iterable[str] | None = None) -> list[ArticleRecord]:
        """The articles readers may see (all, or those among `ids`): every chunk landed and committed."""
        return [
            a for a in self.articles(ids, None if ids is not None else READY) if a.metadata.get("status") == "ready"
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
        total = self.chunk_count()
        if total == 0:
            return Hits([], as_matrix([], 0))
        got = self.chunks.query(
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
        return Hits(passages, as_matrix(vectors, len(passages)))

    def passages(self, filters: Filters | None = None) -> Hits:
        """Every stored passage that matches the filters, with its vector, paged so a large store does not
        load in one call."""
        passages: list[Passage] = []
        vectors: list[Any] = []
        offset = 0
        while True:
            got = self.chunks.get(
                where=where_of(filters),
                include=["documents", "metadatas", "embeddings"],
                limit=self._batch,
                offset=offset,
            )
            if not got["ids"]:
                break
            for i, d, m in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True):
                passages.append(passage_of(i, d, dict(m or {})))
            if got.get("embeddings") is not None:
                vectors += list(got["embeddings"])
            offset += len(got["ids"])
        return Hits(passages, as_matrix(vectors, len(passages)))

    # --- writing -------------------------------------------------------------------------------
    def begin(self, articles: Sequence[ArticleRecord]) -> None:
        """Step 1: mark articles pending, so a crash before `commit` is rolled back or finished."""
        if articles:
            self.catalog.upsert(
                ids=[a.id for a in articles],
                embeddings=[[1.0]] * len(articles),
                metadatas=[{**a.metadata, "status": "pending", "ingested_at": time.time()} for a in articles],
            )

    def write_chunks(self, chunks: Sequence[ChunkRecord]) -> None:
        """Step 2: upsert chunks in batches (ids are deterministic, so a repeat overwrites)."""
        for start in range(0, len(chunks), self._batch):
            part = chunks[start : start + self._batch]
            self.chunks.upsert(
                ids=[c.id for c in part],
                embeddings=[list(c.embedding) for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata for c in part],
            )

    def commit(self, articles: Sequence[ArticleRecord], replaced: Iterable[str] = ()) -> None:
        """Step 3: drop the articles these replace, then mark them ready."""
        self.delete(replaced)
        if articles:
            self.catalog.update(ids=[a.id for a in articles], metadatas=[{**READY} for _ in articles])

    def delete(self, article_ids: Iterable[str]) -> int:
        """Remove articles and all their chunks; returns how many chunks went."""
        ids = list(article_ids)
        if not ids:
            return 0
        found = self.chunks.get(where={"article_id": {"$in": ids}}, include=[])
        if found["ids"]:
            self.chunks.delete(ids=found["ids"])
        self.catalog.delete(ids=ids)
        return len(found["ids"])

    def repair(self) -> tuple[int, int]:
        """Finish pending articles whose chunks all landed; roll back the rest. Returns (done, undone)."""
        done, undone = 0, 0
        for entry in self.articles(where={"status": "pending"}):
            have = self.chunks.get(where={"article_id": entry.id}, include=[])
            replaced = [r for r in str(entry.metadata.get("replaces", "")).split(",") if r]
            if len(have["ids"]) == int(entry.metadata.get("chunks", -1)):
                self.commit([entry], replaced)
                done += 1
            else:
                self.delete([entry.id])
                undone += 1
        return done, undone


def open_store(settings: Settings, embedder: str, client: ClientAPI | None = None) -> Store:
    """Open (or create) the store the settings name, for vectors from `embedder`."""
    return Store(client or make_client(settings), settings.collection, embedder)
