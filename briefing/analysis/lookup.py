"""A search result: what the store holds about a request that asks nothing (a headline, a name, a few
keywords), as the best sentences of the article most about it, quoted and cited. It never declines: a
lookup has no question the sources could fail to answer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.analysis.citations import quoted_claims
from briefing.analysis.scoring import candidates, mmr, relevance, unit
from briefing.results import NOT_COVERED, NOTHING_STORED, Answer
from briefing.text.sentences import related, terms
from briefing.types import Passage

PER_RESULT = 3  # sentences quoted from the article
PASSAGES = 20  # retrieved for a lookup: the article it names may be ranked below the first few
FOUND = "No question asked: the passages most about it, from the article that matches it best."
FAR = "No question asked, and no stored article uses most of its words: the passages nearest to it."


def search_result(
    query: str,
    vector: np.ndarray,
    passages: Sequence[Passage],
    embedder: Embeddings,
    engine: str = "extractive",
) -> Answer:
    """Of the retrieved articles, the one whose title is nearest the query (`most_about`), and its sentences
    most relevant to the query, in the article's order; the next article when it has no quotable sentence.
    When the article does not use most of the query's words it says the match is far, and still shows it."""
    for article in most_about(vector, passages, embedder):
        cands = candidates([p for p in passages if p.article_id == article], embedder)
        if not cands:
            continue
        scores = relevance(query, vector, cands)
        vectors = np.stack([c.vector for c in cands])
        best = mmr(scores, vectors, PER_RESULT, diversity=0.2, max_similarity=0.8)
        picked = sorted(best, key=lambda i: cands[i].order)
        claims, sources = quoted_claims([cands[i] for i in picked])
        note = FOUND if uses_most(query, [cands[0].passage.title, *(c.text for c in cands)]) else FAR
        return Answer(query, claims, sources, engine=engine, passages=list(passages), notes=[note])
    message = NOT_COVERED if passages else NOTHING_STORED
    return Answer(query, [], [], abstained=True, engine=engine, message=message, passages=list(passages))


def most_about(vector: np.ndarray, passages: Sequence[Passage], embedder: Embeddings) -> list[str]:
    """The retrieved articles, the one whose title is nearest the query first (a title says what its article
    is about; a headline typed as a query names its article); ties keep retrieval's order."""
    titles = {p.article_id: p.title for p in passages}
    if not titles:
        return []
    rows = unit(np.asarray(embedder.embed_documents([t or "" for t in titles.values()]), dtype=np.float32))
    near = rows @ unit(np.asarray(vector, dtype=np.float32))
    order = sorted(range(len(titles)), key=lambda i: -float(near[i]))
    ids = list(titles)
    return [ids[i] for i in order]


def uses_most(query: str, texts: Sequence[str]) -> bool:
    """Whether the texts use most of the query's words (in any of their forms)."""
    asked = set(terms(query))
    used = {t for text in texts for t in terms(text)}
    found = sum(t in used or any(related(t, u) for u in used) for t in asked)
    return not asked or found * 2 > len(asked)
