"""The API scripts call, and the CLI and page sit on: questions answered and briefs written from the store
(or from texts given directly), by whichever engine the runtime holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np

from briefing.analysis import stories
from briefing.analysis.check import CheckReport
from briefing.analysis.evidence import gather
from briefing.analysis.layout import BriefSpec
from briefing.analysis.scoring import Candidate, candidates, stored_candidates
from briefing.api import history
from briefing.api.history import changes_since_date
from briefing.api.library import Items, read_given
from briefing.engines import History, Question
from briefing.runtime import Runtime, shared
from briefing.sources.chunks import passages_of
from briefing.store.copies import CopyIndex, Member, signature
from briefing.store.search import search
from briefing.store.store import Store
from briefing.text.questions import parts, read_request
from briefing.text.sentences import terms
from briefing.types import NOT_COVERED, Answer, AnswerStream, Brief, Claim, Filters, Source

ASK_SOMETHING = 'ask something, e.g. briefing ask "Where are the troops?"'
GIVE_A_TOPIC = "give a topic, or none to brief everything"
PER_PART = 2  # sentences that answer one part of a question asking several things
NOT_COVERED_PART = "The sources in the store don't cover this part of the question."
OLD_STORE = (
    "This store was written by an older version of briefing, without the sentence vectors briefs are made "
    "from: run `briefing ingest` on its files again (unchanged articles are rewritten once)."
)
# A topic brief reads the sentences of the 80 articles nearest the topic among those of its 200 nearest
# passages (200 found the most of the calibration stories' articles: bench/eval_brief.py), and a story's
# nearby articles among those of the 100 passages nearest its centre
TOPIC_PASSAGES = 200
TOPIC_CHUNKS = 100
TOPIC_ARTICLES = 80


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
    asked = read_request(question, "question", ASK_SOMETHING)
    rt = shared(runtime)
    chosen = filters or Filters.of(since, until, source)
    engine = rt.engine
    pieces = parts(asked)
    top, kw = k or rt.settings.top_k, rt.keywords
    answers = []
    for shown, alone in pieces:  # a question that asks two things is answered part by part
        standalone = engine.condense(alone, history)
        vector = _vector(rt, standalone)
        found = rt.reading(partial(search, query=standalone, vector=vector, k=top, filters=chosen, keywords=kw))
        rarity = rt.keywords.rarity(terms(standalone))
        if len(pieces) == 1:
            return engine.stream(Question(asked, standalone, vector, rarity), found.passages)
        answers.append((shown, engine.answer(Question(shown, standalone, vector, rarity), found.passages)))
    return AnswerStream.of(merged(asked, answers))


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
    changes_since: str | None = None,
    filters: Filters | None = None,
    keep: bool = True,
    runtime: Runtime | None = None,
) -> Brief:
    """Write a one-page situation brief in which every sentence cites its source.

    Sentences that report the same thing in several articles are one claim, with the number of
    independent sources that carry it (reprints counted once); figures the sources give differently are
    shown as disputed; dated events make the timeline, future ones the outlook.

    Args:
        paths_or_texts: Files, folders, article texts or Articles to brief on directly, without
            touching the store. None briefs the stored articles.
        topic: What the brief is about. None briefs everything (within the dates).
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (stored articles only).
        words: Word budget (default: the `brief_words` setting, 600).
        changes_since: The date of the last brief (YYYY-MM-DD), or `last` for the day the collection's
            last kept brief was written: adds a part on what was first reported after it.
        filters: A `Filters` instead of since/until/source.
        keep: Keep a brief of the stored articles in the collection's history (`briefing.briefs`; the
            newest `brief_history` are kept); `brief.kept` is then the folder of its .md and .html.
        runtime: Settings, embedder and store to use (default: from the environment).

    Returns:
        A Brief with `.markdown`, `.sections` (each a list of cited claims) and `.sources`.

    Raises:
        BriefingError: The topic is given but empty, a date cannot be read, a path does not exist, or
            `changes_since` is `last` and no brief is kept yet.
    """
    topic = read_request(topic, "topic", GIVE_A_TOPIC) if topic is not None else None
    rt = shared(runtime)
    chosen = filters or Filters.of(since, until, source)
    spec = BriefSpec(topic, words or rt.settings.brief_words, chosen, changes_since_date(changes_since, rt.settings))
    result = _brief(rt, spec, paths_or_texts)
    if keep and paths_or_texts is None and not result.abstained:
        entry = history.keep(result, rt.settings, chosen, spec.changes_since)
        result.kept = Path(entry.folder) if entry else None
    return result


def _brief(rt: Runtime, spec: BriefSpec, paths_or_texts: Items | None) -> Brief:
    topic, chosen = spec.topic, spec.filters
    focus = _vector(rt, topic) if topic else None
    story_of: dict[str, str] = {}
    if paths_or_texts is not None:
        cands = _given(paths_or_texts, rt, chosen)
    elif focus is not None:
        cands = rt.reading(partial(_about, focus=focus, filters=chosen))
    else:
        cands, story_of = rt.reading(partial(_whole_store, filters=chosen))
    if not cands:
        if paths_or_texts is None and rt.store.chunk_count() and not rt.store.has_sentences():
            return spec.abstain(0, OLD_STORE)
        return spec.abstain(0, "No articles match these filters, so there is nothing to brief.")
    if topic and focus is not None:

        def more(centre: np.ndarray, known: set[str]) -> list[Candidate]:
            return rt.reading(partial(_near, centre=centre, known=known, filters=chosen))

        nearby = more if paths_or_texts is None else None
        cands, score = stories.topical(cands, topic, focus, rt.settings.min_relevance, nearby)
        if not cands:
            msg = f"The sources don't cover “{topic}”: no passage in the store is relevant enough to brief on."
            return spec.abstain(0, msg)
    else:
        score = stories.whole_set_relevance(cands, story_of)
    articles = len({c.passage.article_id for c in cands})
    evidence = gather(cands, score, articles)
    evidence.story_of = story_of
    return rt.engine.brief(evidence, spec)


def _about(store: Store, focus: np.ndarray, filters: Filters) -> list[Candidate]:
    """Every sentence of the stored articles whose passages come nearest the topic."""
    best: dict[str, float] = {}
    for passage in store.query(focus, TOPIC_PASSAGES, filters).passages:
        best[passage.article_id] = max(best.get(passage.article_id, 0.0), passage.score)
    articles = sorted(best, key=lambda a: -best[a])[:TOPIC_ARTICLES]
    found = store.sentences_of(articles)
    return stored_candidates(found.passages, found.vectors, found.meta)


def _near(store: Store, centre: np.ndarray, known: set[str], filters: Filters) -> list[Candidate]:
    """The sentences of stored articles near a story's centre that are not among `known` yet."""
    near = store.query(centre, TOPIC_CHUNKS, filters)
    articles = list(dict.fromkeys(p.article_id for p in near.passages if p.article_id not in known))
    found = store.sentences_of(articles[:TOPIC_ARTICLES])
    return stored_candidates(found.passages, found.vectors, found.meta)


def _whole_store(store: Store, filters: Filters) -> tuple[list[Candidate], dict[str, str]]:
    """The sentences of the stories the most independent outlets covered, and each article's story."""
    leads = store.newest_leads(stories.MAX_ARTICLES, filters)
    found = stories.group(leads.passages, leads.vectors, leads.origins())
    chosen = found[: stories.TOP]  # the widest covered first
    story_of = {a: s.label for s in chosen for a in s.articles[:TOPIC_ARTICLES]}
    hits = store.sentences_of(list(story_of))
    return stored_candidates(hits.passages, hits.vectors, hits.meta), story_of


def _given(items: Items, rt: Runtime, filters: Filters) -> list[Candidate]:
    """Sentences of articles given directly, in memory only (the date filters apply; the source does not);
    reprints among them are found as at ingest."""
    settings = rt.settings
    articles = read_given(items, int(settings.max_file_mb * 1e6))
    kept = {a.id: a for a in articles if filters.admits_date(a.date)}
    index, origins = CopyIndex(), {}
    for article in kept.values():
        found = signature(article.text)
        origins[article.id] = index.group_of(found) or article.id
        index.add(Member(article.id, found, origins[article.id]))
    passages = [p for a in kept.values() for p in passages_of(a, settings.chunk_size, settings.chunk_overlap)]
    cands = candidates(passages, rt.embedder)
    for cand in cands:
        cand.origin = origins[cand.passage.article_id]
    return cands


def merged(question: str, parts: Sequence[tuple[str, Answer]], standalone: str | None = None) -> Answer:
    """One answer from the answers to each part of a question: every claim labelled with its part, the
    sources numbered anew, and a part the sources don't cover said so on its own line."""
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    for shown, answer in parts:
        if answer.abstained:
            claims.append(Claim(NOT_COVERED_PART, [], shown, status="not covered"))
            continue
        for claim in answer.claims[:PER_PART]:
            same = next((c for c in claims if c.text == claim.text), None)
            if same is not None:  # one sentence answers both parts: said once, under both
                same.label = f"{same.label} {shown}"
                continue
            numbers = []
            for n in claim.citations:
                src = answer.sources[n - 1]
                mine = sources.setdefault(src.article_id, replace(src, number=len(sources) + 1, quotes=[]))
                mine.quotes += [q for q in src.quotes if all(q.start != k.start for k in mine.quotes)]
                numbers.append(mine.number)
            claims.append(replace(claim, citations=numbers, label=shown))
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
    )
