"""Sentence scoring: source sentences as candidates with vectors, scored for a query and picked without
redundancy. Both engines and the citation check build on these."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.text import normalize, sentence_spans, terms
from briefing.types import Passage

MIN_WORDS, MAX_WORDS = 6, 70
_STARTS_WELL = re.compile(r"""^["'“‘(\[]?[A-Z0-9]""")


@dataclass
class Candidate:
    """A source sentence: where it is (passage, offsets) and its vector."""

    passage: Passage
    start: int
    end: int
    vector: np.ndarray
    order: int  # position in its article, for lead bonus and reading order

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]

    @property
    def article_start(self) -> int:
        return self.passage.start + self.start


def sentences_of(passages: Sequence[Passage]) -> list[tuple[Passage, int, int]]:
    """Whole sentences of the passages, each once (overlapping chunks repeat sentences)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for passage in passages:
        spans = sentence_spans(passage.text)
        for n, (start, end) in enumerate(spans):
            text = passage.text[start:end]
            words = len(text.split())
            # A chunk may begin or end inside a sentence; only whole sentences are quoted.
            cut_start = n == 0 and passage.start > 0 and not _STARTS_WELL.match(text)
            if cut_start or not MIN_WORDS <= words <= MAX_WORDS:
                continue
            key = (passage.article_id, normalize(text))
            if key not in seen:
                seen.add(key)
                out.append((passage, start, end))
    return out


def candidates(passages: Sequence[Passage], embedder: Embeddings) -> list[Candidate]:
    """Candidate sentences with their vectors (one embedding call for all)."""
    found = sentences_of(passages)
    if not found:
        return []
    vectors = unit(np.asarray(embedder.embed_documents([p.text[s:e] for p, s, e in found]), dtype=np.float32))
    return [Candidate(p, s, e, vectors[i], order=p.chunk * 1000 + s) for i, (p, s, e) in enumerate(found)]


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def coverage(query: str, texts: Sequence[str]) -> list[float]:
    """Share of the query's content terms each text contains, weighted by rarity among the texts.

    A query term that no text contains weighs most, so an answer about "Russia" does not pass for one
    about "Russia's GDP".
    """
    query_terms = list(dict.fromkeys(terms(query)))
    if not query_terms:
        return [0.0] * len(texts)
    bags = [set(terms(t)) for t in texts]
    df = Counter(t for bag in bags for t in bag if t in query_terms)
    n = len(bags)
    weight = {t: math.log((n + 1) / (df.get(t, 0) + 0.5)) + 1.0 for t in query_terms}
    total = sum(weight.values())
    return [sum(weight[t] for t in query_terms if t in bag) / total for bag in bags]


_QUANTITY_QUESTION = re.compile(r"\b(how (many|much|far|long|large|big)|what (number|share|percentage))\b", re.I)
_HAS_NUMBER = re.compile(r"\d")


def relevance(query: str, query_vector: np.ndarray, cands: Sequence[Candidate]) -> np.ndarray:
    """How well each candidate answers the query: meaning (cosine) and wording (coverage) together."""
    if not cands:
        return np.zeros(0)
    cosine = np.stack([c.vector for c in cands]) @ unit(np.asarray(query_vector, dtype=np.float32))
    lexical = np.asarray(coverage(query, [c.text for c in cands]))
    score = 0.5 * cosine + 0.5 * lexical
    if _QUANTITY_QUESTION.search(query):
        # A number helps a "how many" question only in a sentence that is on its subject.
        score += 0.1 * lexical * np.asarray([bool(_HAS_NUMBER.search(c.text)) for c in cands])
    return score


def centrality(cands: Sequence[Candidate]) -> np.ndarray:
    """How typical each candidate is of the whole set: cosine to the set's mean direction."""
    if not cands:
        return np.zeros(0)
    vectors = np.stack([c.vector for c in cands])
    return vectors @ unit(vectors.mean(axis=0))


def mmr(
    scores: np.ndarray,
    vectors: np.ndarray,
    n: int,
    diversity: float = 0.3,
    max_similarity: float = 0.85,
    allowed: Sequence[int] | None = None,
) -> list[int]:
    """Maximal marginal relevance: high scores, low redundancy; near-duplicates are never both picked."""
    pool = list(allowed if allowed is not None else range(len(scores)))
    chosen: list[int] = []
    while pool and len(chosen) < n:

        def value(i: int) -> float:
            overlap = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return (1 - diversity) * float(scores[i]) - diversity * overlap

        best = max(pool, key=value)
        pool.remove(best)
        if all(float(vectors[best] @ vectors[j]) < max_similarity for j in chosen):
            chosen.append(best)
    return chosen
