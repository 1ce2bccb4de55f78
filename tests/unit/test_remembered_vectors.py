"""The embedding model gives back the store's sentence vectors instead of embedding them again: a warm
answer spent most of its time embedding sentences the store already holds vectors for."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import briefing
from briefing.models import minilm
from briefing.models.minilm import MiniLM
from tests.conftest import SEED
from tests.fakes import WordEmbeddings


class Counting(MiniLM):
    """MiniLM's interface over a made-up model that records what it embeds."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += texts
        return np.asarray([[float(len(t)), 1.0] for t in texts], dtype=np.float32)


def test_remembered_texts_are_not_embedded_again() -> None:
    model = Counting()
    assert model.embed_documents(["a", "bb"]) == [[1.0, 1.0], [2.0, 1.0]]  # nothing remembered: the model
    model.remember(["ccc", "dddd"], np.asarray([[9.0, 9.0], [8.0, 8.0]], dtype=np.float32))
    model.encoded.clear()
    assert model.embed_documents(["ccc", "e", "dddd", "e"]) == [[9.0, 9.0], [1.0, 1.0], [8.0, 8.0], [1.0, 1.0]]
    assert model.encoded == ["e"]  # each missing text once


def test_only_the_most_recent_are_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "KNOWN", 2)
    model = Counting()
    model.remember(["a", "b", "c"], np.ones((3, 2), dtype=np.float32))
    model.embed_documents(["a", "b", "c"])
    assert model.encoded == ["a"]


class Remembering(WordEmbeddings):
    def __init__(self) -> None:
        super().__init__()
        self.told: list[str] = []

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        assert len(texts) == len(vectors)
        self.told += texts


def test_asking_hands_the_found_articles_stored_sentences_to_the_model(settings) -> None:
    embedder = Remembering()
    rt = briefing.Runtime(settings, embedder=embedder)
    briefing.ingest([SEED], runtime=rt)
    answer = briefing.ask("What did NATO say about the missile test?", runtime=rt)
    assert not answer.abstained
    stored = rt.store.sentences_of([answer.sources[0].article_id]).passages
    assert stored and {p.text for p in stored} <= set(embedder.told)
