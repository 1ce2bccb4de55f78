"""Ingest: files to articles to chunks to vectors in the store, in batches, all-or-nothing per article."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from briefing.chroma import ArticleRecord, ChunkRecord
from briefing.clean import Sentence, sentences
from briefing.copies import CopyIndex, Member, decode, encode, signature
from briefing.store import SCHEMA, Store
from briefing.types import Article, Passage
from briefing.vectors import Span, chunk_vectors, embed, pieces, with_title

# Sentence-aware splitting: paragraphs first, then sentence ends, then clauses, then words.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    """A piece of an article with its character offsets into the article text."""

    article_id: str
    index: int
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.article_id}:{self.index}"


@dataclass
class IngestReport:
    """What one ingest did: counts, and each skipped file or record with its reason."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    chunks: int = 0
    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    repaired: int = 0

    @property
    def ingested(self) -> int:
        """Articles now in the store from this run (new, replaced or already there)."""
        return self.added + self.unchanged + self.replaced

    def summary(self) -> str:
        """The one line a run ends with."""
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced; "
            f"{self.chunks} chunks written; {len(self.skipped)} skipped"
        )


def chunk_article(article: Article, size: int, overlap: int) -> list[Chunk]:
    """Split an article into overlapping, sentence-aware chunks that keep their offsets."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=min(overlap, size // 2),
        separators=SEPARATORS,
        keep_separator="end",
        add_start_index=True,
        strip_whitespace=True,
    )
    chunks = []
    for index, doc in enumerate(splitter.create_documents([article.text])):
        start = int(doc.metadata["start_index"])
        if start < 0 or article.text[start : start + len(doc.page_content)] != doc.page_content:
            start = article.text.find(doc.page_content)
        chunks.append(Chunk(article.id, index, start, start + len(doc.page_content), doc.page_content))
    return chunks


def passages_of(article: Article, size: int, overlap: int) -> list[Passage]:
    """An article's chunks as passages, for briefing or checking texts that are not in the store."""
    return [
        Passage(
            c.id, c.text, article.id, article.title, article.source, article.date, article.url, c.index, c.start, c.end
        )
        for c in chunk_article(article, size, overlap)
    ]


def article_metadata(article: Article) -> dict[str, str | int]:
    """Metadata every chunk of an article carries (Chroma takes no None values)."""
    meta: dict[str, str | int] = {
        "article_id": article.id,
        "key": article.key,
        "title": article.title,
        "source": article.source,
        "source_key": article.source.casefold(),
        "url": article.url,
    }
    if article.date:
        meta["date"] = article.date
        meta["date_num"] = int(article.date.replace("-", ""))
    return meta


def _groups(articles: Sequence[Article], chunk_size: int, max_chars: int) -> Iterable[list[Article]]:
    group: list[Article] = []
    chars = 0
    for article in articles:
        group.append(article)
        chars += len(article.text)
        if chars >= max_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


@dataclass
class Todo:
    """An article to write: its chunks, its sentences (quotable or not), what it replaces, its copy group."""

    article: Article
    chunks: list[Chunk]
    all_sentences: list[Sentence]
    replaces: list[str]
    signature: str = ""
    copy_of: str = ""

    @property
    def sentences(self) -> list[Sentence]:
        """The quotable sentences, which are stored with their vectors."""
        return [s for s in self.all_sentences if s.junk is None]


class Writer:
    """Writes encoded batches to the store in a thread of its own, so that the next batch is encoded
    meanwhile; at most `depth` batches wait (memory stays flat). A failed write is raised in the caller."""

    def __init__(self, store: Store, on_written: Callable[[int], None] | None, depth: int = 2) -> None:
        self.store, self.on_written = store, on_written
        self.waiting: queue.Queue[tuple[list[Todo], Encoded, int] | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="briefing-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.waiting.get()) is not None:
            if self.error is None:
                try:
                    _write(self.store, job[0], job[1])
                    if self.on_written:
                        self.on_written(job[2])
                except BaseException as exc:  # handed to the caller, which stops
                    self.error = exc

    def put(self, todo: list[Todo], encoded: Encoded, articles: int) -> None:
        self._raise()
        self.waiting.put((todo, encoded, articles))

    def close(self) -> None:
        """Wait for every batch to be written; raise the first failure."""
        self.waiting.put(None)
        self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


def store_articles(
    articles: Sequence[Article],
    store: Store,
    embedder: Embeddings,
    *,
    chunk_size: int,
    chunk_overlap: int,
    batch_size: int,
    report: IngestReport | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Write articles to the store: unchanged ones are left alone, edited ones replace their old chunks.

    Each article is written with its chunks, its quotable sentences (with their vectors) and its copy
    group: a near-duplicate of an article already stored (a reprint) joins that article's group.
    """
    report = report or IngestReport()
    report.repaired += sum(store.repair())
    copies = CopyIndex(Member(i, decode(sig), c or i) for i, sig, c, _ in store.copy_groups())
    seen: dict[str, str] = {}  # key -> id, within this run
    writer = Writer(store, on_progress)
    try:
        # Embedding runs in batches of about `batch_size` chunks' worth of text; an article never straddles
        # two writes. While one batch is written, the next is read and embedded.
        for group in _groups(articles, chunk_size, max_chars=batch_size * chunk_size):
            todo = _plan(group, store, copies, seen, report, chunk_size, chunk_overlap)
            writer.put(todo, _encode(embedder, todo), len(group))
            for item in todo:
                for gone in item.replaces:
                    copies.remove(gone)
            report.chunks += sum(len(item.chunks) for item in todo)
    finally:
        writer.close()  # what was embedded is written, even when a later batch failed
    return report


def _plan(
    group: list[Article],
    store: Store,
    copies: CopyIndex,
    seen: dict[str, str],
    report: IngestReport,
    chunk_size: int,
    chunk_overlap: int,
) -> list[Todo]:
    """What to write of a group of articles: the new and the edited ones (with their copy groups)."""
    ids = sorted({a.id for a in group})  # a data set may hold the same article twice
    current = store.current(ids)
    stale = {a.id for a in store.ready(ids)} - current  # written by an older version: rewritten
    by_key = store.ready_by_key(a.key for a in group)
    todo: list[Todo] = []
    for article in group:
        if article.id in current or seen.get(article.key) == article.id or article.id in seen.values():
            report.unchanged += 1
        else:
            old = [i for i in by_key.get(article.key, []) if i != article.id]
            if seen.get(article.key):
                old.append(seen[article.key])
            found = signature(article.text)
            group_of = copies.group_of(found, exclude=[*old, article.id])
            chunks = chunk_article(article, chunk_size, chunk_overlap)
            todo.append(Todo(article, chunks, sentences(article.text), old, encode(found), copy_of=group_of or ""))
            copies.add(Member(article.id, found, group_of or article.id))
            if old or article.id in stale:
                report.replaced += 1
            else:
                report.added += 1
        seen[article.key] = article.id
    return todo


@dataclass
class Encoded:
    """The vectors of a batch: per article, one per chunk and one per quotable sentence (in their order)."""

    chunks: list[list[np.ndarray]]
    sentences: list[np.ndarray]


def _encode(embedder: Embeddings, todo: list[Todo]) -> Encoded:
    """Each sentence and title embedded once; chunk vectors made from them (a chunk sentences cover too
    little of is embedded whole), each with its article's title added."""
    spans = [pieces(item.article.text, item.all_sentences) for item in todo]
    texts = [item.article.text[p.start : p.end] for item, ps in zip(todo, spans, strict=True) for p in ps]
    titled = [n for n, item in enumerate(todo) if item.article.title.strip()]
    vectors = embed(embedder, texts + [todo[n].article.title for n in titled])
    title_of = dict(zip(titled, vectors[len(texts) :], strict=True))
    made: list[list[np.ndarray | None]] = []
    encoded = Encoded([], [])
    at = 0
    for item, ps in zip(todo, spans, strict=True):
        mine, at = vectors[at : at + len(ps)], at + len(ps)
        row = {(p.start, p.end): k for k, p in enumerate(ps)}
        encoded.sentences.append(mine[[row[(s.start, s.end)] for s in item.sentences]])
        made.append(chunk_vectors([Span(c.start, c.end) for c in item.chunks], ps, mine))
    whole = [(n, k) for n, vs in enumerate(made) for k, v in enumerate(vs) if v is None]
    if whole:
        for (n, k), v in zip(whole, embed(embedder, [todo[n].chunks[k].text for n, k in whole]), strict=True):
            made[n][k] = v
    for n, vs in enumerate(made):
        ready = [v for v in vs if v is not None]  # every chunk has its vector by now
        if n in title_of:
            chars = len(todo[n].article.title)
            ready = [with_title(v, title_of[n], chars, len(c.text)) for v, c in zip(ready, todo[n].chunks, strict=True)]
        encoded.chunks.append(ready)
    return encoded


def _write(store: Store, todo: list[Todo], encoded: Encoded) -> None:
    """Write a batch all-or-nothing per article: catalog entries pending, chunks and sentences, ready."""
    records = []
    chunk_records = []
    sentence_records = []
    for item, chunk_vectors_, sentence_vectors in zip(todo, encoded.chunks, encoded.sentences, strict=True):
        meta = {**article_metadata(item.article), "copy_of": item.copy_of, "origin": item.copy_of or item.article.id}
        quotable = item.sentences
        records.append(
            ArticleRecord(
                item.article.id,
                {
                    **meta,
                    "chunks": len(item.chunks),
                    "sentences": len(quotable),
                    "replaces": ",".join(item.replaces),
                    "minhash": item.signature,
                    "schema": SCHEMA,
                },
            )
        )
        for c, vector in zip(item.chunks, chunk_vectors_, strict=True):
            chunk_meta = {**meta, "chunk": c.index, "start": c.start, "end": c.end}
            chunk_records.append(ChunkRecord(c.id, c.text, vector, chunk_meta))
        for order, (s, vector) in enumerate(zip(quotable, sentence_vectors, strict=True)):
            text = item.article.text[s.start : s.end]
            extra = {"chunk": order, "start": s.start, "end": s.end, "referent": s.referent or "", "damaged": s.damaged}
            sentence_records.append(ChunkRecord(f"{item.article.id}:s{s.start}", text, vector, {**meta, **extra}))
    store.begin(records)
    store.write_chunks(chunk_records, sentence_records)
    store.commit(records, [i for item in todo for i in item.replaces])
