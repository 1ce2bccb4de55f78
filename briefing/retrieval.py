"""Retrieval: vector search fused with keyword ranking by reciprocal rank fusion."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from briefing.chroma import Hits
from briefing.store import Store
from briefing.text import terms
from briefing.types import Filters


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
    query: str,
    vector: Sequence[float] | np.ndarray,
    k: int = 6,
    filters: Filters | None = None,
    fetch_k: int | None = None,
) -> Hits:
    """The k passages best matching the query (and their vectors): vector candidates re-ranked with BM25
    by rank fusion. `vector` is the query's embedding."""
    got = store.query(vector, fetch_k or max(4 * k, 24), filters)
    if not got.passages:
        return got
    similarity = [p.score for p in got.passages]
    keyword = bm25_scores(query, [p.text for p in got.passages])
    by_vector = sorted(range(len(similarity)), key=lambda i: -similarity[i])
    by_keyword = sorted((i for i in range(len(keyword)) if keyword[i] > 0), key=lambda i: -keyword[i])
    fused = rrf([by_vector, by_keyword])
    best = sorted(fused, key=lambda i: -fused[i])[:k]
    return Hits([got.passages[i] for i in best], got.vectors[best], [got.meta[i] for i in best] if got.meta else [])
