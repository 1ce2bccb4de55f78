"""Answers: cited sentences for a question, or a plain statement that the sources don't cover it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.citations import Citer, Claim, Source, render_sources
from briefing.extractive import candidates, mmr, relevance
from briefing.retrieval import Passage

NOT_COVERED = "The sources in the store don't cover this question."
NOTHING_STORED = "The store holds no articles that match these filters, so there is nothing to answer from."


@dataclass
class Answer:
    """An answer: its claims, each citing numbered sources, or an abstention.

    Attributes:
        question: The question asked.
        claims: The answer's sentences, each with the numbers of the sources supporting it.
        sources: The numbered sources, with the passage quoted from each.
        abstained: True when the sources did not cover the question and nothing was answered.
        engine: The answer engine that produced it.
    """

    question: str
    claims: list[Claim]
    sources: list[Source]
    abstained: bool = False
    engine: str = "extractive"
    message: str = ""
    passages: list[Passage] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """The answer as prose with inline [n] citations (or the abstention message)."""
        if self.abstained:
            return self.message or NOT_COVERED
        return " ".join(c.markdown() for c in self.claims)

    @property
    def markdown(self) -> str:
        """The answer followed by its numbered `Sources` with quoted passages."""
        if not self.sources:
            return self.text
        return f"{self.text}\n\n## Sources\n\n{render_sources(self.sources)}"


def answer_extractive(
    question: str,
    passages: Sequence[Passage],
    embedder: Embeddings,
    min_relevance: float,
    max_sentences: int = 3,
) -> Answer:
    """Answer with the source sentences that best answer the question, or abstain.

    A second or third sentence is added only when it is nearly as relevant as the best one and says
    something the others don't.
    """
    if not passages:
        return Answer(question, [], [], abstained=True, message=NOTHING_STORED)
    cands = candidates(passages, embedder)
    scores = relevance(question, np.asarray(embedder.embed_query(question)), cands)
    if not cands or float(scores.max()) < min_relevance:
        return Answer(question, [], [], abstained=True, message=NOT_COVERED, passages=list(passages))
    floor = max(min_relevance, 0.8 * float(scores.max()))
    good = [i for i in range(len(cands)) if scores[i] >= floor]
    vectors = np.stack([c.vector for c in cands])
    picked = mmr(scores, vectors, max_sentences, diversity=0.2, max_similarity=0.8, allowed=good)
    citer = Citer()
    claims = []
    for i in picked:
        cand = cands[i]
        number = citer.cite(cand.passage, cand.start, cand.end)
        claims.append(Claim(cand.text, [number], date=cand.passage.date))
    return Answer(question, claims, citer.sources, passages=list(passages))
