"""Chunks: an article split into overlapping, sentence-aware pieces that keep their offsets, and the
metadata every piece of an article carries into the store."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

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
    if article.author:
        meta["author"] = article.author
    if article.date:
        meta["date"] = article.date
        meta["date_num"] = int(article.date.replace("-", ""))
    return meta


def join_chunks(pieces: list[tuple[int, str]]) -> str:
    """An article's text from its chunks, given as (start offset, text) in any order.

    Chunks overlap, so each adds only what lies past the text so far; the whitespace the splitter
    stripped between two chunks comes back as a paragraph break (two or more characters) or a space, so
    every offset into the article still points at the same character.
    """
    text = ""
    for start, piece in sorted(pieces):
        gap = start - len(text)
        if gap > 0:
            text += ("\n\n" + " " * (gap - 2)) if gap >= 2 else " "
        text += piece[max(0, len(text) - start) :]
    return text
