"""Retrieval: the vector ranking and a keyword (BM25) ranking over every stored chunk, fused by reciprocal
rank fusion, then spread over articles so several chunks of one article don't crowd out the others."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from briefing.store.keyword_reads import Damaged
from briefing.store.keywords import KeywordIndex
from briefing.store.records import Hits, as_matrix
from briefing.store.store import Store
from briefing.types import Filters

PER_ARTICLE = 2  # chunks of one article among the passages an answer reads


def rrf(rankings: Sequence[Sequence[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion of several rankings of the same items."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return fused


def in_step(store: Store, index: KeywordIndex, known: Mapping[str, str] | None = None) -> None:
    """Bring the keyword index up to the store's last write (a no-op when it is there already). Texts of
    chunks in `known` (those an ingest just wrote) are taken from there, the rest read from the store."""
    revision = store.revision()
    if index.in_step(revision):
        return
    if not known:
        index.catch_up(revision, store.chunk_ids(), store.chunk_texts)
        return
    given = known

    def texts(ids: Sequence[str]) -> list[str]:
        read = iter(store.chunk_texts([i for i in ids if i not in given]))
        return [given[i] if i in given else next(read) for i in ids]

    index.catch_up(revision, store.chunk_ids(), texts)


def keyword_hits(store: Store, index: KeywordIndex, query: str, k: int, filters: Filters | None) -> Hits:
    """The chunks whose words match the query best (BM25 over the whole store), within the filters."""
    in_step(store, index)
    wanted = k if filters is None or filters == Filters() else 5 * k
    try:
        found = index.search(query, wanted)
    except Damaged:  # garbage in the index's files: it is rebuilt from the store
        index.reset()
        in_step(store, index)
        found = index.search(query, wanted)
    return store.chunks_by_id([i for i, _ in found], filters)


def search(
    store: Store,
    query: str,
    vector: Sequence[float] | np.ndarray,
    k: int = 6,
    filters: Filters | None = None,
    fetch_k: int | None = None,
    keywords: KeywordIndex | None = None,
) -> Hits:
    """The k passages best matching the query (and their vectors): the vector ranking (`vector` is the
    query's embedding) fused with the keyword ranking over the whole store, at most `PER_ARTICLE` from
    one article while other articles have passages to give."""
    fetch = fetch_k or max(4 * k, 24)
    dense = store.query(vector, fetch, filters)
    lexical = (
        keyword_hits(store, keywords, query, fetch, filters) if keywords is not None else Hits([], dense.vectors[:0])
    )
    rows = {p.id: (hits, n) for hits in (lexical, dense) for n, p in enumerate(hits.passages)}
    fused = rrf([[p.id for p in dense.passages], [p.id for p in lexical.passages]])
    ranked = sorted(fused, key=lambda i: -fused[i])
    chosen: list[str] = []
    per_article: dict[str, int] = {}
    for chunk in ranked:
        hits, n = rows[chunk]
        article = hits.passages[n].article_id
        if per_article.get(article, 0) < PER_ARTICLE:
            per_article[article] = per_article.get(article, 0) + 1
            chosen.append(chunk)
        if len(chosen) >= k:
            break
    chosen += [c for c in ranked if c not in chosen][: k - len(chosen)]  # few articles: their other chunks
    picked = [rows[i] for i in chosen]
    passages = [hits.passages[n] for hits, n in picked]
    vectors = [hits.vectors[n] for hits, n in picked]
    meta = [hits.meta[n] if hits.meta else {} for hits, n in picked]
    return Hits(passages, as_matrix(vectors, len(passages)), meta)
