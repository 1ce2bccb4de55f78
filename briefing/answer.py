"""Answers: cited sentences for a question, or a plain statement that the sources don't cover it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from briefing.citations import ABSTAIN, CheckReport, Citer, Claim, Source, check_generated, render_sources
from briefing.extractive import candidates, mmr, relevance
from briefing.prompts import render
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
        check: For generated answers, what the citation check did with each sentence.
        notes: Anything the user should know about how the answer was made (e.g. trimmed context).
        standalone_question: A follow-up question as rewritten for retrieval.
    """

    question: str
    claims: list[Claim]
    sources: list[Source]
    abstained: bool = False
    engine: str = "extractive"
    message: str = ""
    passages: list[Passage] = field(default_factory=list, repr=False)
    check: CheckReport | None = None
    notes: list[str] = field(default_factory=list)
    standalone_question: str | None = None

    @property
    def text(self) -> str:
        """The answer as prose with inline [n] citations (or the abstention message)."""
        if self.abstained:
            return self.message or NOT_COVERED
        return " ".join(c.markdown() for c in self.claims)

    @property
    def markdown(self) -> str:
        """The answer, notes on how it was made, and its numbered `Sources` with quoted passages."""
        lines = [self.text]
        extra = [*self.notes, *([self.check.summary()] if self.check else [])]
        if extra:
            lines.append("\n".join(f"_{note}_" for note in extra))
        if self.sources:
            lines.append(f"## Sources\n\n{render_sources(self.sources)}")
        return "\n\n".join(lines)


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


# --- answers written by an LLM engine, then checked ------------------------------------------------------


def group_by_article(passages: Sequence[Passage]) -> list[list[Passage]]:
    """Passages as numbered sources: one per article, in order of the article's best passage."""
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.article_id, []).append(passage)
    return [sorted(group, key=lambda p: p.start) for group in groups.values()]


def format_sources(groups: Sequence[Sequence[Passage]], start: int = 1) -> str:
    """The numbered sources block of a prompt (numbers from `start`)."""
    blocks = []
    for number, group in enumerate(groups, start=start):
        head = group[0]
        line = f"[{number}] {head.title} ({', '.join(x for x in (head.source, head.date) if x)})"
        blocks.append(line + "\n" + "\n...\n".join(p.text for p in group))
    return "\n\n".join(blocks)


def fit_sources(groups: list[list[Passage]], max_chars: int) -> list[list[Passage]]:
    """Keep the best sources whose text fits `max_chars` (always at least one passage)."""
    kept: list[list[Passage]] = []
    used = 0
    for group in groups:
        room: list[Passage] = []
        for passage in group:
            if used + len(passage.text) <= max_chars or not (kept or room):
                room.append(passage)
                used += len(passage.text)
        if room:
            kept.append(room)
    return kept


def answer_messages(question: str, groups: Sequence[Sequence[Passage]], max_sentences: int = 5) -> list[BaseMessage]:
    """The chat messages that ask a model to answer from numbered sources."""
    return [
        SystemMessage(render("answer_system", max_sentences=max_sentences)),
        HumanMessage(render("answer_user", sources=format_sources(groups), question=question)),
    ]


_FOLLOW_UP = re.compile(
    r"^(and|but|also|what about|how about|then|so)\b|\b(it|its|they|them|their|there|he|she|his|her|this|that|"
    r"these|those)\b",
    re.I,
)


def looks_like_follow_up(question: str) -> bool:
    """Whether a question leans on the one before ("And where is it?") rather than standing alone."""
    return bool(_FOLLOW_UP.search(question))


def condense(question: str, history: Sequence[tuple[str, str]], chat: BaseChatModel | None) -> str:
    """A follow-up question rewritten to stand alone, using the conversation so far."""
    if not history:
        return question
    if chat is None:  # no model to rewrite with: a follow-up borrows the previous question's words
        return f"{history[-1][0]} {question}" if looks_like_follow_up(question) else question
    turns = "\n".join(f"User: {q}\nAssistant: {a}" for q, a in history[-4:])
    reply = chat.invoke([HumanMessage(render("condense_question", history=turns, question=question))])
    rewritten = str(reply.content).strip().splitlines()[0].strip().strip('"') if str(reply.content).strip() else ""
    # A weak model may ramble or echo; keep the original unless the rewrite looks like one question.
    return (
        rewritten if 3 <= len(rewritten.split()) <= 3 * len(question.split()) + 25 else f"{history[-1][0]} {question}"
    )


class AnswerStream:
    """Tokens of an answer as the model writes them; once exhausted, `.answer` is the checked Answer."""

    def __init__(self, tokens: Iterator[str], finish: Callable[[str], Answer]) -> None:
        self._tokens = tokens
        self._finish = finish
        self._parts: list[str] = []
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        # Picks up where an earlier, interrupted iteration stopped; the text checked is always all of it.
        if self.answer is not None:
            return
        for token in self._tokens:
            self._parts.append(token)
            yield token
        self.answer = self._finish("".join(self._parts))

    def result(self) -> Answer:
        """Run the stream to the end (if not yet done) and return the checked answer."""
        if self.answer is None:
            for _ in self:
                pass
        assert self.answer is not None
        return self.answer


def stream_llm_answer(
    question: str,
    standalone: str,
    passages: Sequence[Passage],
    chat: BaseChatModel,
    embedder: Embeddings,
    *,
    threshold: float,
    max_chars: int,
    explain: Callable[[Exception], Exception],
    engine: str,
    too_long: Callable[[Exception], Exception] = lambda exc: exc,
) -> AnswerStream:
    """Ask the model (the `standalone` form of the question), stream its tokens, then check every sentence
    against the sources it cites."""
    rewritten = standalone if standalone != question else None
    if not passages:
        empty = Answer(question, [], [], True, engine, NOTHING_STORED, standalone_question=rewritten)
        return AnswerStream(iter(()), lambda _: empty)
    groups = fit_sources(group_by_article(passages), max_chars)
    notes: list[str] = []

    def tokens() -> Iterator[str]:
        nonlocal groups
        while True:
            started = False
            try:
                for chunk in chat.stream(answer_messages(standalone, groups)):
                    if chunk.content:
                        started = True
                        yield str(chunk.content)
                return
            except Exception as exc:  # the provider's own errors, mapped to one plain message
                error = explain(exc)
                if type(error).__name__ != "ContextTooLong" or started:
                    raise error from exc
                if sum(map(len, groups)) <= 1:
                    raise too_long(error) from exc
                groups = fit_sources(groups, sum(len(p.text) for g in groups for p in g) // 2)
                notes[:] = [f"the sources were trimmed to {sum(map(len, groups))} passages to fit the model's context"]

    def finish(text: str) -> Answer:
        claims, sources, report = check_generated(text, groups, embedder, threshold)
        used = [p for g in groups for p in g]
        if not claims:
            said_so = bool(ABSTAIN.search(text))
            message = (
                NOT_COVERED
                if said_so or not report.checked
                else f"{NOT_COVERED} (no generated sentence could be supported)"
            )
            return Answer(question, [], [], True, engine, message, used, report, notes, rewritten)
        return Answer(question, claims, sources, False, engine, "", used, report, notes, rewritten)

    return AnswerStream(tokens(), finish)
