"""The chunks added to the keyword index since its last rebuild: their words, and BM25 scores for them
computed at search time as bm25s computes the whole index's (so the two rankings merge)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

K1, B = 1.5, 0.75  # bm25s's defaults, with which the whole index is built: recent chunks are scored alike


class Recent:
    """The chunks added since the whole index was built: their tokens, and for each word the chunks holding it."""

    def __init__(self, docs: dict[str, list[str]]) -> None:
        self.docs = docs
        self.ids = list(docs)
        self.lengths = np.asarray([len(t) for t in docs.values()], dtype=np.float32)
        self.postings: dict[str, dict[int, int]] = {}
        for n, tokens in enumerate(docs.values()):
            for word in tokens:
                row = self.postings.setdefault(word, {})
                row[n] = row.get(n, 0) + 1

    def search(self, words: Sequence[str], k: int, n: int, df: dict[str, int], avgdl: float) -> list[tuple[str, float]]:
        """The k best chunks for the words, scored as bm25s scores the whole index (Lucene's BM25), with `n`
        chunks in all, `df` the whole index's document frequencies and `avgdl` its mean chunk length."""
        scores = np.zeros(len(self.ids), dtype=np.float32)
        for word in words:
            holding = self.postings.get(word)
            if not holding:
                continue
            count = df.get(word, 0) + len(holding)
            idf = math.log(1 + (n - count + 0.5) / (count + 0.5))
            rows = np.fromiter(holding.keys(), dtype=np.int64, count=len(holding))
            tf = np.fromiter(holding.values(), dtype=np.float32, count=len(holding))
            scores[rows] += idf * tf / (K1 * ((1 - B) + B * self.lengths[rows] / max(avgdl, 1.0)) + tf)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]
