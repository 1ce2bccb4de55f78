"""Each piece of text is embedded once: sentence pieces, and chunk vectors made from them."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import numpy as np
import pytest

import briefing
from briefing.pipeline.vectors import LONGEST, Span, chunk_vectors, pieces, with_title
from briefing.sources.chunks import chunk_article
from briefing.store.store import Store
from briefing.text.clean import Sentence, sentences
from tests.conftest import SEED
from tests.fakes import WordEmbeddings


def test_pieces_are_the_sentences_once_and_a_long_unquotable_run_in_windows() -> None:
    table = " ".join(f"row{n} 12 34" for n in range(200))  # no sentence ends: one long junk "sentence"
    text = f"The port reopened on Monday. Table: {table}"
    found = sentences(text)
    spans = pieces(text, [*found, Sentence(5, 5, junk="empty")])
    assert spans[0] == Span(found[0].start, found[0].end)  # a quotable sentence whole
    rest = spans[1:]
    assert len(rest) >= 2 and all(len(text[s.start : s.end]) <= LONGEST for s in rest)
    assert rest[0].start == found[1].start and rest[-1].end == found[1].end
    assert all(a.end == b.start and text[a.end] == " " for a, b in itertools.pairwise(rest))  # cut at spaces


def test_a_chunk_vector_is_the_overlap_weighted_mean_of_its_sentences() -> None:
    spans = [Span(0, 10), Span(10, 30), Span(30, 40)]
    vectors = np.eye(3, dtype=np.float32)
    first, middle, bare = chunk_vectors([Span(0, 20), Span(5, 35), Span(100, 120)], spans, vectors)
    assert first is not None and np.allclose(first, np.array([10, 10, 0]) / np.hypot(10, 10))
    assert middle is not None and np.allclose(middle, np.array([5, 20, 5]) / np.linalg.norm([5, 20, 5]))
    assert bare is None  # no sentence covers it: embedded whole
    titled = with_title(first, np.array([0, 0, 1], dtype=np.float32), 20, 20)  # the title weighs as its chars
    assert np.allclose(titled, (first + np.array([0, 0, 1])) / np.linalg.norm(first + np.array([0, 0, 1])))


def test_ingest_embeds_each_piece_of_text_once(fake_runtime: briefing.Runtime) -> None:
    fake = fake_runtime.embedder
    assert isinstance(fake, WordEmbeddings)
    fake_runtime.settings.chunk_size, fake_runtime.settings.chunk_overlap = 300, 100
    article = briefing.make_article(SEED.read_text(encoding="utf-8"), key="seed")
    briefing.ingest([article], runtime=fake_runtime)
    embedded = [t for batch in fake.calls for t in batch]
    assert embedded[-1] == article.title  # the title once, besides the text
    text = embedded[:-1]
    assert len(text) == len(set(text)) and sum(map(len, text)) <= len(article.text)  # no text twice
    got = fake_runtime.store.sentences_of([article.id])
    assert got.passages
    for passage, vector in zip(got.passages, got.vectors, strict=True):  # a sentence: its own vector
        assert np.allclose(vector, fake.vector(passage.text), atol=1e-6)
    spans = pieces(article.text, sentences(article.text))
    vectors = np.stack([fake.vector(article.text[s.start : s.end]) for s in spans])
    chunks = chunk_article(article, 300, 100)
    expected = chunk_vectors([Span(c.start, c.end) for c in chunks], spans, vectors)
    stored = fake_runtime.store.chunks_by_id([c.id for c in chunks])
    assert len(stored.passages) == len(chunks) > 2
    title = fake.vector(article.title)
    for chunk, want, vector in zip(chunks, expected, stored.vectors, strict=True):
        assert want is not None
        assert np.allclose(vector, with_title(want, title, len(article.title), len(chunk.text)), atol=1e-5)


def test_the_next_batch_is_embedded_while_the_last_one_is_written(
    tmp_path: Path, fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"Article {n} says the port of Odesa reopened with {n} ships waiting." for n in range(3)]
    fake_runtime.settings.batch_chars, fake_runtime.settings.chunk_size = 1, 200  # a batch per article
    second_embedded = threading.Event()
    fake = fake_runtime.embedder
    assert isinstance(fake, WordEmbeddings)
    real_embed, real_write = fake.embed_documents, Store.write_chunks

    def embed(batch: list[str]) -> list[list[float]]:
        if any("Article 1" in t for t in batch):
            second_embedded.set()
        return real_embed(batch)

    def write(self: Store, chunks: list, sentences: list = ()) -> None:
        if any("Article 0" in c.text for c in chunks):  # the first write waits for the second embedding
            assert second_embedded.wait(timeout=30), "the next batch was not embedded during the write"
        real_write(self, chunks, sentences)

    monkeypatch.setattr(fake, "embed_documents", embed)
    monkeypatch.setattr(Store, "write_chunks", write)
    report = briefing.ingest(
        [briefing.make_article(t, source=f"s{n}") for n, t in enumerate(texts)], runtime=fake_runtime
    )
    assert report.added == 3 and fake_runtime.store.count()[0] == 3
