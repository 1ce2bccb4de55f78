"""Ingest: files to articles to chunks to vectors in the store, in batches, all-or-nothing per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from briefing.chroma import ArticleRecord, ChunkRecord
from briefing.clean import Sentence, clean_sentences
from briefing.copies import CopyIndex, Member, decode, encode, signature
from briefing.store import SCHEMA, Store
from briefing.types import Article, Passage

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
    """An article to write: its chunks, its quotable sentences, what it replaces, its copy group."""

    article: Article
    chunks: list[Chunk]
    sentences: list[Sentence]
    replaces: list[str]
    signature: str = ""
    copy_of: str = ""


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
    # Embedding runs in batches of about `batch_size` chunks; an article's chunks never straddle a write.
    for group in _groups(articles, chunk_size, max_chars=batch_size * chunk_size):
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
                item = Todo(
                    article,
                    chunk_article(article, chunk_size, chunk_overlap),
                    clean_sentences(article.text),
                    old,
                    encode(found),
                    copy_of=group_of or "",
                )
                copies.add(Member(article.id, found, group_of or article.id))
                todo.append(item)
                if old or article.id in stale:
                    report.replaced += 1
                else:
                    report.added += 1
            seen[article.key] = article.id
        if todo:
            _write(store, embedder, todo)
            for item in todo:
                for gone in item.replaces:
                    copies.remove(gone)
            report.chunks += sum(len(item.chunks) for item in todo)
        if on_progress:
            on_progress(len(group))
    return report


def _write(store: Store, embedder: Embeddings, todo: list[Todo]) -> None:
    texts = [c.text for item in todo for c in item.chunks]
    texts += [item.article.text[s.start : s.end] for item in todo for s in item.sentences]
    vectors = iter(embedder.embed_documents(texts))  # one stream: chunks, then sentences
    records = []
    chunk_records = []
    for item in todo:
        meta = {**article_metadata(item.article), "copy_of": item.copy_of, "origin": item.copy_of or item.article.id}
        records.append(
            ArticleRecord(
                item.article.id,
                {
                    **meta,
                    "chunks": len(item.chunks),
                    "sentences": len(item.sentences),
                    "replaces": ",".join(item.replaces),
                    "minhash": item.signature,
                    "schema": SCHEMA,
                },
            )
        )
        for c in item.chunks:
            chunk_meta = {**meta, "chunk": c.index, "start": c.start, "end": c.end}
            chunk_records.append(ChunkRecord(c.id, c.text, next(vectors), chunk_meta))
    sentence_records = []
    for item in todo:
        meta = {**article_metadata(item.article), "copy_of": item.copy_of, "origin": item.copy_of or item.article.id}
        for order, s in enumerate(item.sentences):
            text = item.article.text[s.start : s.end]
            extra = {"chunk": order, "start": s.start, "end": s.end, "referent": s.referent or "", "damaged": s.damaged}
            sentence_records.append(
                ChunkRecord(f"{item.article.id}:s{s.start}", text, next(vectors), {**meta, **extra})
            )
    store.begin(records)
    store.write_chunks(chunk_records, sentence_records)
    store.commit(records, [i for item in todo for i in item.replaces])
