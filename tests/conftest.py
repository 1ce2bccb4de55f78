"""Shared fixtures: every test gets its own store folder and never touches the network."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from briefing.config import set_offline_env

set_offline_env()

import briefing  # noqa: E402
from briefing.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8d5bc0601753441a.txt"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the store at tmp_path and clear settings a developer may have in the environment."""
    for key in list(os.environ):
        if key.startswith("BRIEFING_") or key in ("CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("BRIEFING_STORE_DIR", str(tmp_path / "vectorstore"))
    monkeypatch.setattr(briefing.runtime, "_shared", None)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The fake embedding has no meaning, so relevance and support rest on wording alone (exact copies aside):
    # lower bars than MiniLM's. The real thresholds are tested with the real model in tests/integration.
    return Settings(
        store_dir=tmp_path / "store", embedder="fake", progress=False, min_relevance=0.3, check_threshold=0.25
    )


@pytest.fixture
def fake_runtime(settings: Settings) -> briefing.Runtime:
    """A runtime with LangChain's deterministic fake embedding and a tmp_path Chroma store."""
    return briefing.Runtime(settings, embedder=DeterministicFakeEmbedding(size=384))


@pytest.fixture(scope="session")
def minilm():
    """The real all-MiniLM-L6-v2 model from the wheel (loaded once per test session)."""
    from briefing.components import MiniLMEmbeddings

    return MiniLMEmbeddings()


@pytest.fixture
def real_runtime(tmp_path: Path, minilm) -> briefing.Runtime:
    return briefing.Runtime(Settings(store_dir=tmp_path / "real", progress=False), embedder=minilm)
