"""Between our types and Chroma's: the client, records to write, `where` filters, stored chunks as Passages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient

from briefing.config import Settings
from briefing.errors import StoreError
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


def make_client(settings: Settings, fresh: bool = False) -> ClientAPI:
    """A Chroma client: a server when CHROMA_HOST is set, else the persisted local folder.

    `fresh` reads a folder store anew. Chroma keeps one instance per folder in a process, holding its own
    copy of the vector index in memory that it never reads again: another process's writes stay invisible
    to it (`get` sees them, `query` does not), and its next write saves its stale copy over theirs. Clients
    made before keep their instance until they are dropped.
    """
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
    if fresh:
        SharedSystemClient.clear_system_cache()
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
