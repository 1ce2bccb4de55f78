"""Ingest: files to articles to chunks to vectors in the store, in batches, all-or-nothing per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from briefing.pipeline.writer import Encoded, Todo, Writer, encode_batch
from briefing.sources.chunks import chunk_article
from briefing.store.copies import CopyIndex, Member, encode_signature, signature
from briefing.store.store import SCHEMA, Store
from briefing.text.clean import sentences
from briefing.types import Article


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
    left: list[tuple[str, int]] = field(default_factory=list)  # (file, articles stored from it it no longer holds)
    removed: int = 0  # of those, removed (`sync`)

    @property
    def ingested(self) -> int:
        """Articles now in the store from this run (new, replaced or already there)."""
        return self.added + self.unchanged + self.replaced

    def summary(self) -> str:
        """The one line a run ends with."""
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced; "
            f"{self.chunks} chunks written; {len(self.skipped)} skipped"
        ) + (f"; {self.removed} removed" if self.removed else "")

    def left_lines(self, advice: str = "use --sync to remove") -> list[str]:
        """A line for each file that no longer holds articles stored from it: kept (with `advice`) or removed."""
        done = "removed" if self.removed else f"kept — {advice}"
        return [f"{n} no longer in {name}; {done}" for name, n in self.left]


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


@dataclass
class Known:
    """What the store held of a run's articles before the run wrote anything: read once up front, because a
    read while the writer thread writes waits for that write (a read per batch cost ingest a tenth of its time)."""

    current: set[str] = field(default_factory=set)  # ready, and written by this version
    stale: set[str] = field(default_factory=set)  # ready, but written by an older version: rewritten
    by_key: dict[str, list[str]] = field(default_factory=dict)  # ready ids for each article key
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # (key, file) of each ready article

    @classmethod
    def read(cls, store: Store, articles: Sequence[Article], step: int = 1000) -> Known:
        known = cls()
        ids = sorted({a.id for a in articles})  # a data set may hold the same article twice
        keys = sorted({a.key for a in articles})
        for start in range(0, len(ids), step):  # in slices: a query holds a bounded number of variables
            for entry in store.ready(ids[start : start + step]):
                current = int(entry.metadata.get("schema", 1)) >= SCHEMA
                (known.current if current else known.stale).add(entry.id)
                known.labels[entry.id] = (str(entry.metadata.get("key", "")), str(entry.metadata.get("file", "")))
        for start in range(0, len(keys), step):
            for key, found in store.ready_by_key(keys[start : start + step]).items():
                known.by_key.setdefault(key, []).extend(found)
        return known


def _groups(articles: Sequence[Article], max_chars: int) -> Iterable[list[Article]]:
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
    batch_chars: int,
    report: IngestReport | None = None,
    on_progress: Callable[[int], object] | None = None,
    written: ChunkTexts | None = None,
) -> IngestReport:
    """Write articles to the store: unchanged ones are left alone, edited ones replace their old chunks.

    Each article is written with its chunks, its quotable sentences (with their vectors) and its copy
    group: a near-duplicate of an article already stored (a reprint) joins that article's group. The
    texts of the chunks written are noted in `written`, when given.
    """
    report = report or IngestReport()
    report.repaired += sum(store.repair())
    copies = CopyIndex()  # each batch's stored candidates are looked up as it is planned
    seen: dict[str, str] = {}  # key -> id, within this run
    moved: dict[str, dict[str, str]] = {}  # unchanged articles read now under another key or from another file
    known = Known.read(store, articles)
    writer = Writer(store, on_progress)
    encoded: tuple[list[Todo], Encoded, int] | None = None  # the last batch embedded, not yet handed over
    try:
        # Embedding runs in batches of about `batch_chars` of text; an article never straddles two writes.
        # A batch's texts are embedded sorted by length, each model call padded to its longest: the 51k
        # characters of a batch before padded the tokens by 24% and made the embedding 22% slower than the
        # same text in one batch (at 400k: 5% and 2%).
        # While one batch is written, the next is embedded. The next is planned before the last is handed
        # to the writer: Chroma holds the GIL while it writes, so planning beside a write waited for it.
        for group in _groups(articles, batch_chars):
            todo = _plan(group, store, known, copies, seen, moved, report, chunk_size, chunk_overlap)
            if encoded is not None:
                writer.put(*encoded)
                encoded = None
            encoded = (todo, encode_batch(embedder, todo), len(group))
            if written is not None:
                written.add(todo)
            for item in todo:
                for gone in item.replaces:
                    copies.remove(gone)
            report.chunks += sum(len(item.chunks) for item in todo)
    finally:
        # what was embedded is written, even when a later batch failed; after a failed write (a full
        # disk) `Runtime.writing` rolls back what it left pending
        try:
            if encoded is not None and writer.error is None:
                writer.put(*encoded)
        finally:
            writer.close()
    store.relabel(moved)
    return report


def _plan(
    group: list[Article],
    store: Store,
    known: Known,
    copies: CopyIndex,
    seen: dict[str, str],
    moved: dict[str, dict[str, str]],
    report: IngestReport,
    chunk_size: int,
    chunk_overlap: int,
) -> list[Todo]:
    """What to write of a group of articles: the new and the edited ones (with their copy groups, looked up
    among the stored articles that share an LSH band with one of them, and those written before). An
    unchanged article read from a file under another key or from another file is noted in `moved`, so
    that its entry says where it is now (and an edit of it replaces it)."""
    todo: list[Todo] = []
    found_of = {a.id: signature(a.text) for a in group if a.id not in known.current}
    copies.look_up(store.copy_candidates([encode_signature(found) for found in found_of.values()]))
    for article in group:
        if article.id in known.current or seen.get(article.key) == article.id or article.id in seen.values():
            report.unchanged += 1
            label = known.labels.get(article.id)
            if article.origin and label and label != (article.key, article.origin) and article.id not in moved:
                moved[article.id] = {"key": article.key, "file": article.origin}
        else:
            old = [i for i in known.by_key.get(article.key, []) if i != article.id]
            if seen.get(article.key):
                old.append(seen[article.key])
            found = found_of[article.id]
            group_of = copies.group_of(found, exclude=[*old, article.id])
            chunks = chunk_article(article, chunk_size, chunk_overlap)
            todo.append(
                Todo(article, chunks, sentences(article.text), old, encode_signature(found), copy_of=group_of or "")
            )
            copies.add(Member(article.id, found, group_of or article.id))
            if old or article.id in known.stale:
                report.replaced += 1
            else:
                report.added += 1
        seen[article.key] = article.id
    return todo
