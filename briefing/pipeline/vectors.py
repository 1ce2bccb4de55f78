"""Each piece of an article's text is embedded once: its title and its sentences, one by one; a chunk's
vector is made from the vectors of the sentences it holds (their mean, each weighed by how much of it lies
in the chunk) and of the title.

Embedding the chunks as well as the sentences would encode most text twice, and the chunks' overlap a
third time. A quotable sentence's vector is the sentence embedded alone, which is what the citation check
and the brief compare; the chunk vector made from the sentences' vectors is what retrieval ranks, measured
in bench/eval_answers.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.text.clean import Sentence

LONGEST = 1000  # characters: an unquotable run longer than this (a list, a table) is embedded in windows
COVERED = 0.5  # a chunk with less of its text in sentences than this is embedded whole


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def pieces(text: str, sentences: Sequence[Sentence]) -> list[Span]:
    """The spans of `text` to embed: every sentence once (a quotable sentence whole, as it is quoted), a
    long unquotable one in windows that end at a space (the model reads only its first 256 tokens)."""
    out: list[Span] = []
    for s in sentences:
        if s.end <= s.start:
            continue
        if s.junk is None or s.end - s.start <= LONGEST:
            out.append(Span(s.start, s.end))
            continue
        start = s.start
        while start < s.end:
            end = min(s.end, start + LONGEST)
            if end < s.end:
                end = max(text.rfind(" ", start + LONGEST // 2, end), start + LONGEST // 2)
            out.append(Span(start, end))
            start = end
    return out


def embed(embedder: Embeddings, texts: Sequence[str]) -> np.ndarray:
    """The vectors of the texts as one float32 matrix (a model that can give it directly does)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    encode = getattr(embedder, "encode", None)
    if callable(encode):
        return np.asarray(encode(list(texts)), dtype=np.float32)
    return np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)


def chunk_vectors(chunks: Sequence[Span], spans: Sequence[Span], vectors: np.ndarray) -> list[np.ndarray | None]:
    """Each chunk's vector: the normalised mean of the vectors of the spans it overlaps, weighed by the
    characters they share; None for a chunk that sentences cover too little (`COVERED`): embed it whole."""
    out: list[np.ndarray | None] = []
    starts = np.asarray([s.start for s in spans])
    ends = np.asarray([s.end for s in spans])
    for chunk in chunks:
        shared = np.clip(np.minimum(ends, chunk.end) - np.maximum(starts, chunk.start), 0, None)
        if shared.sum() < COVERED * (chunk.end - chunk.start):
            out.append(None)
            continue
        mean = shared.astype(np.float32) @ vectors
        out.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
    return out


def with_title(vector: np.ndarray, title: np.ndarray, title_chars: int, chunk_chars: int) -> np.ndarray:
    """A chunk's vector with its article's title added, weighed as if the title's characters stood in the
    chunk beside its own (every chunk of an article is about what its headline says)."""
    mixed = vector + (title_chars / max(1, chunk_chars)) * title
    return mixed / max(float(np.linalg.norm(mixed)), 1e-12)
