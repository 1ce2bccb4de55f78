"""The Chroma store: chunk vectors plus a small catalog of articles that makes writes all-or-nothing.

Each article is written in three steps: a `pending` catalog entry, then all its chunks, then the entry
turns `ready`. `repair()` (run before every ingest) finishes or rolls back whatever a crash left pending,
so the next run completes the store without duplicates.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.errors import ChromaError

from briefing.config import Settings, set_offline_env

CATALOG_SUFFIX = "-articles"


class StoreError(Exception):
    """The store cannot be used as asked; the message says what to change."""


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


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma client: a server when CHROMA_HOST is set, else the persisted local folder."""
    set_offline_env()
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
        ready = self.catalog.get(where={"status": "ready"}, include=[])
        return len(ready["ids"]), self.chunks.count()

    def articles(self, ids: Iterable[str] | None = None, where: dict[str, Any] | None = None) -> list[ArticleRecord]:
        """Catalog entries, by id or by filter."""
        id_list = list(ids) if ids is not None else None
        if id_list == []:
            return []
        got = self.catalog.get(ids=id_list, where=where, include=["metadatas"])
        return [ArticleRecord(i, dict(m or {})) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None) -> dict[str, Any]:
        """The k nearest chunks (documents, metadatas, distances)."""
        total = self.chunks.count()
        if total == 0:
            return {"ids": [], "documents": [], "metadatas": [], "distances": []}
        got = self.chunks.query(
            query_embeddings=[list(embedding)],
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return {key: (got.get(key) or [[]])[0] for key in ("ids", "documents", "metadatas", "distances")}

    def get_chunks(self, where: dict[str, Any] | None = None, embeddings: bool = False) -> dict[str, Any]:
        """All chunks that match a filter, paged so a large store does not load in one call."""
        include: list[Any] = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        out: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        offset = 0
        while True:
            got = self.chunks.get(where=where, include=include, limit=self._batch, offset=offset)
            if not got["ids"]:
                break
            out["ids"] += got["ids"]
            out["documents"] += got["documents"] or []
            out["metadatas"] += got["metadatas"] or []
            if embeddings and got.get("embeddings") is not None:
                out["embeddings"] += list(got["embeddings"])
            offset += len(got["ids"])
        return out

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
            self.catalog.update(
                ids=[a.id for a in articles],
                metadatas=[{"status": "ready"} for _ in articles],
            )

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
