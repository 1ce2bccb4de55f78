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

from briefing.text.casing import Casing, casing
from briefing.text.clean import INJECTION, Sentence, sentences, shown
from briefing.text.headings import broken_start, glued_start
from briefing.text.sentences import normalize, terms
from briefing.types import Passage

NOT_EVIDENCE = ("too ", "a fragment (starts", INJECTION)


@dataclass
class Candidate:
    """A source sentence: where it is (passage, offsets), its vector, and whether it may be quoted."""

    passage: Passage
    start: int
    end: int
    vector: np.ndarray
    order: int  # position in its article, for lead bonus and reading order
    referent: str | None = None  # who a leading "He"/"She" stands for
    damaged: bool = False  # damaged in encoding
    quotable: bool = True
    origin: str = ""  # the copy group of its article (reprints of one story share it)

    @property
    def text(self) -> str:
        """The source's own words."""
        return self.passage.text[self.start : self.end]

    @property
    def shown(self) -> str:
        """The sentence as shown: its words, with a leading pronoun's referent in brackets."""
        return shown(self.text, self.referent)

    @property
    def article_start(self) -> int:
        return self.passage.start + self.start


def sentences_of(passages: Sequence[Passage], quotable_only: bool = True) -> list[tuple[Passage, Sentence]]:
    """The sentences of the passages, each once (overlapping chunks repeat sentences): only those that may
    be quoted, or (`quotable_only=False`) every sentence of a reasonable length, as evidence to check against
    (never one that speaks to a language model: what a model repeats from it has nothing to stand on)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for passage in passages:
        for sentence in sentences(passage.text, cut_start=passage.start > 0, cut_end=True):
            if sentence.junk and (quotable_only or sentence.junk.startswith(NOT_EVIDENCE)):
                continue
            key = (passage.article_id, normalize(passage.text[sentence.start : sentence.end]))
            if key not in seen:
                seen.add(key)
                out.append((passage, sentence))
    return out


def candidates(passages: Sequence[Passage], embedder: Embeddings, quotable_only: bool = True) -> list[Candidate]:
    """Candidate sentences with their vectors (one embedding call for all); see `sentences_of`."""
    found = sentences_of(passages, quotable_only)
    if not found:
        return []
    texts = [p.text[s.start : s.end] for p, s in found]
    vectors = unit(np.asarray(embedder.embed_documents(texts), dtype=np.float32))
    return [
        Candidate(p, s.start, s.end, vectors[i], p.chunk * 1000 + s.start, s.referent, s.damaged, s.junk is None)
        for i, (p, s) in enumerate(found)
    ]


def stored_candidates(passages: Sequence[Passage], vectors: np.ndarray, meta: Sequence[dict]) -> list[Candidate]:
    """Candidates from the store's sentences (each a one-sentence passage), with the vectors stored for them."""
    rows = unit(np.asarray(vectors, dtype=np.float32)) if len(passages) else vectors
    # a heading run into a stored sentence (stored before it was cut at ingest) is cut off here, and one
    # that only how the sentences around it write their words shows ("… North Koreans Relations between …")
    found = casing([p.text for p in passages])
    starts = [_start(p.text, found) for p in passages]
    return [
        Candidate(
            p,
            start or 0,
            len(p.text),
            rows[i],
            p.chunk * 1000,
            (str(m.get("referent") or "") or None) if not start else None,
            bool(m.get("damaged", False)),
            start is not None,
            str(m.get("origin") or p.article_id),
        )
        for i, (p, m, start) in enumerate(zip(passages, meta, starts, strict=True))
    ]


def _start(text: str, found: Casing) -> int | None:
    """Where a stored sentence's own words start (see `glued_start`, `broken_start`), or None."""
    start = glued_start(text)
    if start is None:
        return None
    broken = broken_start(text[start:], found)
    return None if broken is None else start + broken


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
