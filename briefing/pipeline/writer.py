"""Writing a planned batch: its texts embedded once (`encode`), then written all-or-nothing per article
(`write`), in a thread of its own (`Writer`) so that the next batch is embedded meanwhile."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.pipeline.vectors import Span, chunk_vectors, embed, pieces, with_title
from briefing.sources.chunks import Chunk, article_metadata
from briefing.store.quotable import sentence_set
from briefing.store.records import ArticleRecord, ChunkRecord
from briefing.store.store import SCHEMA, Store, band_keys
from briefing.text.clean import Sentence
from briefing.types import Article


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

    def __init__(self, store: Store, on_written: Callable[[int], object] | None, depth: int = 2) -> None:
        self.store, self.on_written = store, on_written
        self.waiting: queue.Queue[tuple[list[Todo], Encoded, int] | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="briefing-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.waiting.get()) is not None:
            if self.error is None:
                try:
                    write_batch(self.store, job[0], job[1])
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


@dataclass
class Encoded:
    """The vectors of a batch: per article, one per chunk and one per quotable sentence (in their order)."""

    chunks: list[list[np.ndarray]]
    sentences: list[np.ndarray]


def encode_batch(embedder: Embeddings, todo: list[Todo]) -> Encoded:
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


def write_batch(store: Store, todo: list[Todo], encoded: Encoded, now: datetime | None = None) -> None:
    """Write a batch all-or-nothing per article: catalog entries pending, chunks and sentences, ready. Each
    carries when it was ingested (`now`), which says what is new to the store since the last brief."""
    ingested = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    records = []
    chunk_records = []
    sentence_records = []
    for item, chunk_vectors_, sentence_vectors in zip(todo, encoded.chunks, encoded.sentences, strict=True):
        meta = {
            **article_metadata(item.article),
            "copy_of": item.copy_of,
            "origin": item.copy_of or item.article.id,
            "ingested": ingested,
        }
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
                    **band_keys(item.signature),
                    **({"file": item.article.origin} if item.article.origin else {}),
                    "schema": SCHEMA,
                },
            )
        )
        for c, vector in zip(item.chunks, chunk_vectors_, strict=True):
            chunk_meta = {**meta, "chunk": c.index, "start": c.start, "end": c.end}
            chunk_records.append(ChunkRecord(c.id, c.text, vector, chunk_meta))
        sentence_records.append(sentence_set(item.article.id, item.article.text, quotable, sentence_vectors, meta))
    store.begin(records)
    store.write_chunks(chunk_records, sentence_records)
    store.commit(records, [i for item in todo for i in item.replaces])
