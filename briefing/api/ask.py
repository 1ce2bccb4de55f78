"""Questions the API answers from the store: `ask`, `ask_stream` and a `Conversation` that keeps the turns; a
question that asks two things is answered part by part."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np

from briefing.analysis.check import CheckReport
from briefing.analysis.lookup import PASSAGES, search_result
from briefing.analysis.scoring import Candidate, stored_candidates
from briefing.api.stored import readable
from briefing.engines import History, Question
from briefing.results import NOT_COVERED, Answer, AnswerStream
from briefing.runtime import Runtime, shared
from briefing.store.records import Hits
from briefing.store.search import search
from briefing.text.questions import is_question, named, questions_in, read_request
from briefing.text.sentences import terms
from briefing.text.span_names import asks_person
from briefing.types import Claim, Filters, Lead, Passage, Source

ASK_SOMETHING = 'ask something, e.g. briefing ask "Where are the troops?"'
PER_PART = 2  # sentences that answer one part of a question asking several things
NOT_COVERED_PART = "The sources in the store don't cover this part of the question."


def query_vector(rt: Runtime, text: str) -> np.ndarray:
    """The runtime's embedding of a question or topic, as float32."""
    return np.asarray(rt.embedder.embed_query(text), dtype=np.float32)


def ask(
    question: str,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    k: int | None = None,
    history: History = (),
    filters: Filters | None = None,
    runtime: Runtime | None = None,
) -> Answer:
    """Answer a question from the stored articles, citing a source for every sentence.

    With an LLM engine the model writes the answer and every sentence is then checked against the
    source it cites: unsupported sentences are repaired (replaced by the best supporting source
    sentence) or dropped, and `answer.check` says how many.

    Args:
        question: The question, in plain language.
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (case-insensitive).
        k: How many passages to retrieve (default: the `top_k` setting).
        history: Earlier (question, answer) turns; a follow-up is rewritten to stand alone first
            (or use a `Conversation`, which keeps them).
        filters: A `Filters` instead of since/until/source.
        runtime: Settings, embedder, store and model to use (default: from the environment).

    Returns:
        An Answer: its claims with citations and numbered sources, or `abstained=True` with a plain
        message when the sources don't cover the question.

    Raises:
        BriefingError: The question is empty, a date cannot be read, or the model cannot be used
            (the message names the setting to change).
    """
    return ask_stream(
        question, since=since, until=until, source=source, k=k, history=history, filters=filters, runtime=runtime
    ).result()


def ask_stream(
    question: str,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    k: int | None = None,
    history: History = (),
    filters: Filters | None = None,
    runtime: Runtime | None = None,
) -> AnswerStream:
    """Like `ask`, but yields the answer's tokens as the model writes them.

    Iterate over the result for the raw tokens; afterwards `.answer` (or `.result()`) is the checked
    Answer, which is what should be shown as sourced. The extractive engine yields its answer at once.

    Raises:
        BriefingError: As `ask`, and while iterating when the model call fails.
    """
    asked = read_request(question, "question", ASK_SOMETHING)
    rt = shared(runtime)
    chosen = readable(rt, filters or Filters.of(since, until, source))
    engine = rt.engine
    top, kw = k or rt.settings.top_k, rt.keywords
    if not is_question(asked):  # a headline, a name, keywords: a search result from any engine, never a decline
        vector = query_vector(rt, asked)
        wide = max(top, PASSAGES)
        found = rt.reading(partial(search, query=asked, vector=vector, k=wide, filters=chosen, keywords=kw))
        remember_sentences(rt, found.passages)
        return AnswerStream.of(search_result(asked, vector, found.passages, rt.embedder, engine.name))
    pieces = questions_in(asked)
    answers = []
    for shown, alone in pieces:  # a question that asks two things is answered part by part
        standalone = engine.condense(alone, history)
        vector = query_vector(rt, standalone)
        found = rt.reading(partial(search, query=standalone, vector=vector, k=top, filters=chosen, keywords=kw))
        unheard = never_mentioned(rt, standalone)  # after the search, which brings the keyword index in step
        if unheard:  # a name no stored article holds in any form: nothing in the store is about it
            message = f"{NOT_COVERED} No stored article mentions {unheard}."
            passages = list(found.passages)
            answers.append(
                (shown, Answer(shown, [], [], True, engine.name, message, passages, standalone_question=standalone))
            )
            if len(pieces) == 1:
                return AnswerStream.of(replace(answers[0][1], question=asked))
            continue
        rarity = rt.keywords.rarity(terms(standalone))
        hits = remember_sentences(rt, found.passages, asks_person(standalone))
        stored = article_sentences(standalone, hits)
        if len(pieces) == 1:
            return engine.stream(Question(asked, standalone, vector, rarity, stored), found.passages)
        answers.append((shown, engine.answer(Question(shown, standalone, vector, rarity, stored), found.passages)))
    return AnswerStream.of(merged(asked, answers))


def remember_sentences(rt: Runtime, passages: Sequence[Passage], wanted: bool = False) -> Hits | None:
    """The stored sentences of the found articles, with their vectors (embedded at ingest), given to the
    embedding model too, so that answering does not embed them again: most of a warm answer's time was
    that. None when they are not `wanted` and the model cannot take them."""
    remember = getattr(rt.embedder, "remember", None)
    if not passages or (remember is None and not wanted):
        return None
    ids = list(dict.fromkeys(p.article_id for p in passages))
    hits = rt.reading(lambda store: store.sentences_of(ids))
    if remember is not None and hits.passages:
        remember([p.text for p in hits.passages], hits.vectors)
    return hits


def article_sentences(question: str, hits: Hits | None) -> list[Candidate] | None:
    """Every stored sentence of the retrieved articles, for a question asking for a person (the name a short
    answer gives is looked up in full in its article: "Belgacem" is "Ziyed Ben Belgacem"; a name in the asked
    role is looked for in them when no retrieved sentence gives one); else None."""
    if not asks_person(question) or hits is None or not hits.passages:
        return None
    return stored_candidates(hits.passages, hits.vectors, hits.meta)


def never_mentioned(rt: Runtime, question: str) -> str | None:
    """The first name a question is about that the store holds in none of its words ("Taj Mahal"), or None."""
    for name in named(question):
        words = terms(name)
        if words and rt.keywords.unknown(words) == set(words):
            return name
    return None


@dataclass
class Conversation:
    """A chat: each question may follow up on the ones before ("And where is it stationed?").

    Example::

        chat = Conversation()
        chat.ask("Where is Russia's 41st army?")
        chat.ask("And how far is it from the border?")
    """

    runtime: Runtime | None = None
    filters: Filters = field(default_factory=Filters)
    history: list[tuple[str, str]] = field(default_factory=list)

    def ask_stream(self, question: str) -> AnswerStream:
        """As `briefing.ask_stream`, in this conversation; the turn is kept once the answer is done."""
        stream = ask_stream(question, history=list(self.history), filters=self.filters, runtime=self.runtime)
        return stream.then(lambda answer: self.history.append((question.strip(), answer.text)))

    def ask(self, question: str) -> Answer:
        """As `briefing.ask`, in this conversation."""
        return self.ask_stream(question).result()


def merged(question: str, parts: Sequence[tuple[str, Answer]], standalone: str | None = None) -> Answer:
    """One answer from the answers to each part of a question: every claim labelled with its part, the
    sources numbered anew, and a part the sources don't cover said so on its own line."""
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    leads: list[Lead] = []

    def renumbered(answer: Answer, citations: list[int]) -> list[int]:
        numbers = []
        for n in citations:
            src = answer.sources[n - 1]
            mine = sources.setdefault(src.article_id, replace(src, number=len(sources) + 1, quotes=[]))
            mine.quotes += [q for q in src.quotes if all(q.start != k.start for k in mine.quotes)]
            numbers.append(mine.number)
        return numbers

    for shown, answer in parts:
        if answer.abstained:
            claims.append(Claim(NOT_COVERED_PART, [], shown, status="not covered"))
            continue
        for claim in answer.claims[:PER_PART]:
            same = next((c for c in claims if c.text == claim.text), None)
            if same is not None:  # one sentence answers both parts: said once, under both
                same.label = f"{same.label} {shown}"
                continue
            claims.append(replace(claim, citations=renumbered(answer, claim.citations), label=shown))
        leads += [replace(lead, citations=renumbered(answer, lead.citations), label=shown) for lead in answer.leads]
    answers = [a for _, a in parts]
    covered = any(c.citations for c in claims)
    checks = [a.check for a in answers if a.check is not None]
    report = CheckReport([v for c in checks for v in c.verdicts]) if checks else None
    return Answer(
        question,
        claims if covered else [],
        list(sources.values()),
        abstained=not covered,
        engine=answers[0].engine,
        message="" if covered else NOT_COVERED,
        passages=[p for a in answers for p in a.passages],
        check=report,
        notes=[n for a in answers for n in a.notes],
        standalone_question=standalone,
        leads=leads if covered else [],
    )
