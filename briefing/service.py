"""The API scripts call, and the CLI and page sit on: questions answered and briefs written from the store
(or from texts given directly), by whichever engine the runtime holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from briefing.brief import BriefSpec, select
from briefing.chroma import Hits, as_matrix
from briefing.engines import History, Question
from briefing.errors import require_text
from briefing.ingest import passages_of
from briefing.library import Items, read_given
from briefing.retrieval import search
from briefing.runtime import Runtime, shared
from briefing.types import Answer, AnswerStream, Brief, Filters

EMPTY_QUESTION = 'the question is empty: ask something, e.g. briefing ask "Where are the troops?"'
EMPTY_TOPIC = "the topic is empty: give a topic, or none to brief everything"
TOPIC_PASSAGES, TOPIC_CANDIDATES = 200, 400  # a topic brief reads the best 200 of 400 vector candidates


def _vector(rt: Runtime, text: str) -> np.ndarray:
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
    asked = require_text(question, EMPTY_QUESTION)
    rt = shared(runtime)
    chosen = filters or Filters.of(since, until, source)
    engine = rt.engine
    standalone = engine.condense(asked, history)
    vector = _vector(rt, standalone)
    found = search(rt.store, standalone, vector, k or rt.settings.top_k, chosen)
    return engine.stream(Question(asked, standalone, vector), found.passages)


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


def summarize(
    paths_or_texts: Items | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    *,
    source: str | None = None,
    words: int | None = None,
    filters: Filters | None = None,
    runtime: Runtime | None = None,
) -> Brief:
    """Write a one-page situation brief in which every sentence cites its source.

    Args:
        paths_or_texts: Files, folders, article texts or Articles to brief on directly, without
            touching the store. None briefs the stored articles.
        topic: What the brief is about. None briefs everything (within the dates).
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (stored articles only).
        words: Word budget (default: the `brief_words` setting, 600).
        filters: A `Filters` instead of since/until/source.
        runtime: Settings, embedder and store to use (default: from the environment).

    Returns:
        A Brief with `.markdown`, `.sections` (each a list of cited claims) and `.sources`.

    Raises:
        BriefingError: The topic is given but empty, a date cannot be read, or a path does not exist.
    """
    topic = require_text(topic, EMPTY_TOPIC) if topic is not None else None
    rt = shared(runtime)
    chosen = filters or Filters.of(since, until, source)
    spec = BriefSpec(topic, words or rt.settings.brief_words, chosen)
    focus = _vector(rt, topic) if topic else None
    if paths_or_texts is not None:
        found = _in_memory(paths_or_texts, rt, chosen)
    elif topic and focus is not None:
        found = search(rt.store, topic, focus, TOPIC_PASSAGES, chosen, fetch_k=TOPIC_CANDIDATES)
    else:
        found = rt.store.passages(chosen)
    selection = select(found.passages, found.vectors, rt.embedder, topic, focus, rt.settings.min_relevance)
    if selection.message:
        return spec.abstain(selection.articles, selection.message)
    return rt.engine.brief(selection, spec)


def _in_memory(items: Items, rt: Runtime, filters: Filters) -> Hits:
    """Chunk and embed articles given directly, in memory only (the date filters apply; the source does not)."""
    settings = rt.settings
    articles = read_given(items, int(settings.max_file_mb * 1e6))
    kept = {a.id: a for a in articles if filters.admits_date(a.date)}
    passages = [p for a in kept.values() for p in passages_of(a, settings.chunk_size, settings.chunk_overlap)]
    vectors = rt.embedder.embed_documents([p.text for p in passages]) if passages else []
    return Hits(passages, as_matrix(vectors, len(passages)))
