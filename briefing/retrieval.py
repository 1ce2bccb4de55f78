"""Retrieval: filters, vector search fused with keyword ranking, and whole-store reads for briefs."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.store import Store
from briefing.text import parse_date, terms


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with what a citation needs: article, title, source, date, offsets."""

    id: str
    text: str
    article_id: str
    title: str
    source: str
    date: str | None
    url: str
    chunk: int
    start: int
    end: int
    score: float = 0.0

    @classmethod
    def from_chroma(cls, chunk_id: str, text: str, meta: dict[str, Any], score: float = 0.0) -> Passage:
        return cls(
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


def check_date(value: str | None, name: str) -> str | None:
    """An ISO date from a user-given date, or a ValueError saying what to type."""
    if value is None or str(value).strip() == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        msg = f"cannot read {name} date {value!r}; use YYYY-MM-DD"
        raise ValueError(msg)
    return parsed


def build_where(since: str | None = None, until: str | None = None, source: str | None = None) -> dict[str, Any] | None:
    """A Chroma `where` filter for a date range (inclusive) and a source name (case-insensitive)."""
    clauses: list[dict[str, Any]] = []
    start, end = check_date(since, "--since"), check_date(until, "--until")
    if start and end and start > end:
        msg = f"--since {start} is after --until {end}"
        raise ValueError(msg)
    if start:
        clauses.append({"date_num": {"$gte": int(start.replace("-", ""))}})
    if end:
        clauses.append({"date_num": {"$lte": int(end.replace("-", ""))}})
    if source and source.strip():
        clauses.append({"source_key": {"$eq": source.strip().casefold()}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def bm25_scores(query: str, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    """Okapi BM25 of each text for the query, with statistics from these texts alone."""
    docs = [Counter(terms(t)) for t in texts]
    if not docs:
        return []
    avg = sum(sum(d.values()) for d in docs) / len(docs) or 1.0
    query_terms = set(terms(query))
    scores = []
    for doc in docs:
        length = sum(doc.values())
        score = 0.0
        for term in query_terms:
            tf = doc.get(term, 0)
            if tf:
                df = sum(1 for d in docs if term in d)
                idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
        scores.append(score)
    return scores


def rrf(rankings: Sequence[Sequence[int]], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion of several rankings of the same items."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return fused


def search(
    store: Store,
    embedder: Embeddings,
    query: str,
    k: int = 6,
    where: dict[str, Any] | None = None,
    fetch_k: int | None = None,
) -> list[Passage]:
    """The k passages best matching the query: vector candidates re-ranked with BM25 by rank fusion."""
    got = store.query(embedder.embed_query(query), fetch_k or max(4 * k, 24), where)
    if not got["ids"]:
        return []
    similarity = [1.0 - float(d) for d in got["distances"]]
    keyword = bm25_scores(query, got["documents"])
    by_vector = sorted(range(len(similarity)), key=lambda i: -similarity[i])
    by_keyword = sorted((i for i in range(len(keyword)) if keyword[i] > 0), key=lambda i: -keyword[i])
    fused = rrf([by_vector, by_keyword])
    best = sorted(fused, key=lambda i: -fused[i])[:k]
    return [Passage.from_chroma(got["ids"][i], got["documents"][i], got["metadatas"][i], similarity[i]) for i in best]


def all_passages(store: Store, where: dict[str, Any] | None = None) -> tuple[list[Passage], np.ndarray]:
    """Every passage that matches the filter, with its stored vector (for whole-store briefs)."""
    got = store.get_chunks(where, embeddings=True)
    passages = [
        Passage.from_chroma(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
    return passages, as_matrix(got["embeddings"], len(passages))


def as_matrix(vectors: Any, rows: int) -> np.ndarray:
    """Vectors as a float32 matrix of `rows` rows (an empty store gives a 0 x 0 matrix)."""
    if rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(rows, -1)
