"""Ingest: files to articles to chunks to vectors in the store, in batches, all-or-nothing per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from briefing.chunks import chunk_article
from briefing.clean import sentences
from briefing.copies import CopyIndex, Member, decode, encode, signature
from briefing.store import Store
from briefing.types import Article
from briefing.writer import Todo, Writer, encode_batch


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
    notes: list[tuple[str, str]] = field(default_factory=list)  # kept, with a change to say (e.g. a bad date)

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


class ChunkTexts(Mapping[str, str]):
    """The text of each chunk a run wrote, by chunk id, kept as its article and offsets (the articles are in
    memory anyway): the keyword index takes the texts from here rather than reading them back from the store
    (a chunk id always names the same text: ids come from the article's content)."""

    def __init__(self) -> None:
        self._spans: dict[str, tuple[Article, int, int] | str] = {}

    def add(self, todo: Iterable[Todo]) -> None:
        for item in todo:
            text = item.article.text
            for c in item.chunks:
                self._spans[c.id] = (item.article, c.start, c.end) if text[c.start : c.end] == c.text else c.text

    def __getitem__(self, chunk_id: str) -> str:
        span = self._spans[chunk_id]
        if isinstance(span, str):
            return span
        article, start, end = span
        return article.text[start:end]

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


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
    written: ChunkTexts | None = None,
) -> IngestReport:
    """Write articles to the store: unchanged ones are left alone, edited ones replace their old chunks.

    Each article is written with its chunks, its quotable sentences (with their vectors) and its copy
    group: a near-duplicate of an article already stored (a reprint) joins that article's group. The
    texts of the chunks written are noted in `written`, when given.
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
            writer.put(todo, encode_batch(embedder, todo), len(group))
            if written is not None:
                written.add(todo)
            for item in todo:
                for gone in item.replaces:
                    copies.remove(gone)
            report.chunks += sum(len(item.chunks) for item in todo)
    finally:
        # what was embedded is written, even when a later batch failed; after a failed write (a full
        # disk) `Runtime.writing` rolls back what it left pending
        writer.close()
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
