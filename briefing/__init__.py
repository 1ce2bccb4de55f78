"""briefing: sourced situation briefs and cited answers from news articles.

The Python API. The CLI and the page are thin layers over these functions::

    from briefing import ingest, ask, summarize
    ingest(["seeds/"])
    print(ask("How many troops are on the border?").markdown)
    print(summarize(topic="NATO").markdown)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel

from briefing.answer import Answer, AnswerStream, answer_extractive, condense, stream_llm_answer
from briefing.articles import SUFFIXES, Article, make_article
from briefing.brief import Brief, build_brief
from briefing.brief_llm import build_llm_brief
from briefing.citations import Claim, Source
from briefing.config import Settings, get_settings, resolve_engine
from briefing.ingest import IngestReport, passages_of, read_inputs, store_articles
from briefing.llm import ContextTooLong, LLMError, explain
from briefing.models import embedder_name, engine_label, make_chat, make_embedder
from briefing.retrieval import Passage, all_passages, as_matrix, build_where, check_date, search
from briefing.store import Store, StoreError, open_store

__all__ = [
    "Answer",
    "AnswerStream",
    "Article",
    "Brief",
    "BriefingError",
    "Claim",
    "IngestReport",
    "Runtime",
    "Settings",
    "Source",
    "Stats",
    "StoreError",
    "ask",
    "ask_stream",
    "doctor",
    "forget",
    "ingest",
    "stats",
    "summarize",
]


class BriefingError(ValueError):
    """A request that cannot be carried out as given; the message says what to do instead."""


class Runtime:
    """Settings plus the embedder and store they select, each built once on first use and then shared."""

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embeddings | None = None,
        store: Store | None = None,
        chat: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._store = store
        self._chat = chat

    @property
    def engine(self) -> str:
        """The answer engine in use: `extractive`, `openai` or `local` (or `custom` for a chat passed in)."""
        return "custom" if self._chat is not None else resolve_engine(self.settings)

    @cached_property
    def chat(self) -> BaseChatModel | None:
        """The chat model of an LLM engine, or None for the extractive engine."""
        try:
            return self._chat or make_chat(self.settings)
        except LLMError as exc:
            raise BriefingError(str(exc)) from exc

    def prompt_chars(self) -> int:
        """How much source text fits a prompt: bounded by the local model's context, else generous."""
        if self.engine == "local":
            return max(1500, (self.settings.local_ctx - self.settings.max_tokens - 400) * 3)
        return 40_000

    @cached_property
    def embedder(self) -> Embeddings:
        return self._embedder or make_embedder(self.settings)

    @cached_property
    def store(self) -> Store:
        return self._store or open_store(self.settings, embedder_name(self.embedder))


_default: Runtime | None = None


def _runtime(runtime: Runtime | None) -> Runtime:
    # One shared runtime for scripts that call the API without passing one: the model loads once.
    global _default
    if runtime is not None:
        return runtime
    if _default is None:
        _default = Runtime()
    return _default


def ingest(
    paths: Iterable[str | Path], *, runtime: Runtime | None = None, progress: bool | None = None
) -> IngestReport:
    """Ingest files and folders (recursively) into the store.

    Bad files are reported in the result and skipped; everything else still lands. Re-ingesting an
    unchanged article does nothing; an edited one replaces its old chunks.

    Args:
        paths: Files or folders: .txt, .md, .html/.htm, .json, .jsonl, .csv.
        runtime: Settings, embedder and store to use (default: from the environment).
        progress: Show a progress bar (default: the `progress` setting, on a terminal).

    Returns:
        An IngestReport with counts of added, unchanged and replaced articles, chunks written,
        and each skipped file with its reason.
    """
    rt = _runtime(runtime)
    settings = rt.settings
    articles, skipped, files = read_inputs(paths, int(settings.max_file_mb * 1e6))
    report = IngestReport(files=files, skipped=skipped)
    if not articles:
        return report
    show = settings.progress if progress is None else progress
    from tqdm import tqdm

    with tqdm(total=len(articles), unit="article", desc="ingest", disable=None if show else True) as bar:
        store_articles(
            articles,
            rt.store,
            rt.embedder,
            chunk_size=settings.chunk_size,
            chunk_overlap=settings.chunk_overlap,
            batch_size=settings.batch_size,
            report=report,
            on_progress=bar.update,
        )
    return report


def ask(
    question: str,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    k: int | None = None,
    history: Sequence[tuple[str, str]] = (),
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
        history: Earlier (question, answer) turns; a follow-up is rewritten to stand alone first.
        runtime: Settings, embedder, store and model to use (default: from the environment).

    Returns:
        An Answer: its claims with citations and numbered sources, or `abstained=True` with a plain
        message when the sources don't cover the question.

    Raises:
        BriefingError: The question is empty, a date cannot be read, or the model cannot be used
            (the message names the setting to change).
    """
    return ask_stream(question, since=since, until=until, source=source, k=k, history=history, runtime=runtime).result()


def ask_stream(
    question: str,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    k: int | None = None,
    history: Sequence[tuple[str, str]] = (),
    runtime: Runtime | None = None,
) -> AnswerStream:
    """Like `ask`, but yields the answer's tokens as the model writes them.

    Iterate over the result for the raw tokens; afterwards `.answer` (or `.result()`) is the checked
    Answer, which is what should be shown as sourced. The extractive engine yields its answer at once.

    Raises:
        BriefingError: As `ask`, and while iterating when the model call fails.
    """
    if not question or not question.strip():
        raise BriefingError('the question is empty: ask something, e.g. briefing ask "Where are the troops?"')
    rt = _runtime(runtime)
    where = _where(since, until, source)
    chat = rt.chat
    try:
        standalone = condense(question.strip(), history, chat)
    except Exception as exc:
        raise BriefingError(str(explain(exc, rt.settings))) from exc
    passages = search(rt.store, rt.embedder, standalone, k or rt.settings.top_k, where)
    if chat is None:
        answer = answer_extractive(standalone, passages, rt.embedder, rt.settings.min_relevance)
        answer.question = question.strip()
        answer.standalone_question = standalone if standalone != question.strip() else None
        return AnswerStream(iter([answer.text]), lambda _: answer)

    return stream_llm_answer(
        question.strip(),
        standalone,
        passages,
        chat,
        rt.embedder,
        threshold=rt.settings.check_threshold,
        max_chars=rt.prompt_chars(),
        explain=lambda exc: _plain(exc, rt),
        engine=rt.engine,
        too_long=lambda exc: _too_long(rt),
    )


def summarize(
    paths_or_texts: Sequence[str | Path | Article] | str | Path | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    *,
    source: str | None = None,
    words: int | None = None,
    runtime: Runtime | None = None,
) -> Brief:
    """Write a one-page situation brief in which every sentence cites its source.

    Args:
        paths_or_texts: Files, folders or article texts to brief on directly, without touching the
            store. None briefs the stored articles.
        topic: What the brief is about. None briefs everything (within the dates).
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (stored articles only).
        words: Word budget (default: the `brief_words` setting, 600).
        runtime: Settings, embedder and store to use (default: from the environment).

    Returns:
        A Brief with `.markdown`, `.sections` (each a list of cited claims) and `.sources`.

    Raises:
        BriefingError: The topic is given but empty, a date cannot be read, or a path does not exist.
    """
    if topic is not None and not topic.strip():
        raise BriefingError("the topic is empty: give a topic, or none to brief everything")
    topic = topic.strip() if topic else None
    rt = _runtime(runtime)
    where = _where(since, until, source)
    start, end = check_date(since, "--since"), check_date(until, "--until")
    if paths_or_texts is not None:
        passages, vectors = _passages_from(paths_or_texts, rt, start, end)
    elif topic:
        passages = search(rt.store, rt.embedder, topic, k=200, where=where, fetch_k=400)
        got = (
            rt.store.chunks.get(ids=[p.id for p in passages], include=["embeddings"])
            if passages
            else {"ids": [], "embeddings": []}
        )
        by_id = dict(zip(got["ids"], got["embeddings"] if got["embeddings"] is not None else [], strict=True))
        vectors = as_matrix([by_id[p.id] for p in passages], len(passages))
    else:
        passages, vectors = all_passages(rt.store, where)
    budget = words or rt.settings.brief_words
    chat = rt.chat
    if chat is None:
        return build_brief(passages, vectors, rt.embedder, topic, budget, rt.settings.min_relevance, start, end)
    try:
        return _llm_brief(passages, vectors, chat, topic, budget, start, end, rt)
    except ContextTooLong as exc:
        raise _too_long(rt) from exc


def _llm_brief(
    passages: list[Passage],
    vectors: np.ndarray,
    chat: BaseChatModel,
    topic: str | None,
    budget: int,
    start: str | None,
    end: str | None,
    rt: Runtime,
) -> Brief:
    return build_llm_brief(
        passages,
        vectors,
        rt.embedder,
        chat,
        topic=topic,
        words=budget,
        min_relevance=rt.settings.min_relevance,
        threshold=rt.settings.check_threshold,
        max_chars=rt.prompt_chars(),
        explain=lambda exc: _plain(exc, rt),
        engine=rt.engine,
        since=start,
        until=end,
    )


def _plain(exc: Exception, rt: Runtime) -> Exception:
    """A model failure as one plain message; a context overflow stays recognisable so callers can shrink."""
    error = explain(exc, rt.settings)
    return error if isinstance(error, ContextTooLong) else BriefingError(str(error))


def _too_long(rt: Runtime) -> BriefingError:
    setting = "BRIEFING_LOCAL_CTX" if rt.engine == "local" else "the server's context size, or lower BRIEFING_TOP_K"
    return BriefingError(f"even one source passage does not fit the model's context: raise {setting}")


@dataclass
class Stats:
    """What the store holds."""

    articles: int
    chunks: int
    sources: Counter[str] = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    embedder: str = ""
    location: str = ""


def stats(*, runtime: Runtime | None = None) -> Stats:
    """Counts of articles and chunks, the sources and the date range in the store."""
    rt = _runtime(runtime)
    entries = rt.store.articles(where={"status": "ready"})
    dates = sorted(str(e.metadata["date"]) for e in entries if e.metadata.get("date"))
    settings = rt.settings
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.store_dir)
    return Stats(
        articles=len(entries),
        chunks=rt.store.chunks.count(),
        sources=Counter(str(e.metadata.get("source", "")) for e in entries),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        embedder=rt.store.embedder,
        location=f"{where} (collection {settings.collection})",
    )


def doctor(*, runtime: Runtime | None = None) -> list[tuple[str, bool, str]]:
    """Check each part of the set-up. Returns (part, works, detail) for the store, embedder and engine."""
    rt = _runtime(runtime)
    checks: list[tuple[str, bool, str]] = []
    try:
        s = stats(runtime=rt)
        checks.append(("store", True, f"{s.location}: {s.articles} articles, {s.chunks} chunks"))
    except Exception as exc:
        checks.append(("store", False, str(exc)))
    try:
        size = len(rt.embedder.embed_query("ping"))
        checks.append(("embedder", True, f"{embedder_name(rt.embedder)} ({size} dimensions)"))
    except Exception as exc:
        checks.append(("embedder", False, f"{rt.settings.embedder}: {explain(exc, rt.settings)}"))
    label = engine_label(rt.settings)
    try:
        chat = rt.chat
        if chat is None:
            checks.append(("engine", True, f"{label}: offline, quotes source sentences"))
        else:
            reply = chat.invoke("Reply with the word ready.")
            checks.append(("engine", True, f"{label}: answered {str(reply.content).strip()[:40]!r}"))
    except Exception as exc:
        checks.append(("engine", False, f"{label}: {explain(exc, rt.settings)}"))
    return checks


def forget(article_id: str, *, runtime: Runtime | None = None) -> tuple[str, int]:
    """Remove an article (by id, or a unique prefix of at least 6 characters) and all its chunks.

    Returns:
        The full id removed and how many chunks went with it.

    Raises:
        BriefingError: No article, or more than one, matches.
    """
    rt = _runtime(runtime)
    wanted = article_id.strip()
    if len(wanted) < 6:
        raise BriefingError("give at least 6 characters of the article id (see `briefing stats --articles`)")
    ids = [e.id for e in rt.store.articles(where={"status": "ready"}) if e.id.startswith(wanted)]
    if len(ids) != 1:
        found = "no article" if not ids else f"{len(ids)} articles"
        raise BriefingError(f"{found} with id {wanted!r}; see `briefing stats --articles` for ids")
    return ids[0], rt.store.delete(ids)


def _where(since: str | None, until: str | None, source: str | None) -> dict[str, object] | None:
    try:
        return build_where(since, until, source)
    except ValueError as exc:
        raise BriefingError(str(exc)) from exc


def _passages_from(
    items: Sequence[str | Path | Article] | str | Path, rt: Runtime, since: str | None, until: str | None
) -> tuple[list[Passage], np.ndarray]:
    """Chunk and embed articles given directly, in memory only."""
    if isinstance(items, str | Path):
        items = [items]
    articles: list[Article] = []
    paths: list[Path] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Path) or _looks_like_path(item):
            if not Path(item).exists():
                raise BriefingError(f"no such file or folder: {item}")
            paths.append(Path(item))
        else:
            articles.append(make_article(item, key=f"text-{n}", default_source=f"text {n}"))
    if paths:
        found, skipped, _ = read_inputs(paths, int(rt.settings.max_file_mb * 1e6))
        articles += found
        if not found and skipped:
            reasons = "; ".join(f"{name}: {why}" for name, why in skipped)
            raise BriefingError(f"nothing could be read: {reasons}")
    articles = [a for a in articles if _in_range(a.date, since, until)]
    size, overlap = rt.settings.chunk_size, rt.settings.chunk_overlap
    passages = [p for article in {a.id: a for a in articles}.values() for p in passages_of(article, size, overlap)]
    vectors = rt.embedder.embed_documents([p.text for p in passages]) if passages else []
    return passages, as_matrix(vectors, len(passages))


def _looks_like_path(item: str) -> bool:
    if "\n" in item or len(item) >= 1024:
        return False
    try:
        return Path(item).exists() or Path(item).suffix.lower() in SUFFIXES
    except (OSError, ValueError):  # e.g. a one-line article longer than a file name may be
        return False


def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    return day is not None and (not since or day >= since) and (not until or day <= until)
