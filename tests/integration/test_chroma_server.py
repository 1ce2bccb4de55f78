"""Past one machine: the same ingest and ask against a real `chroma run` server (CHROMA_HOST/CHROMA_PORT)."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.config import Settings
from tests.conftest import ROOT
from tests.servers import free_port


def test_ingest_and_ask_through_a_chroma_server(chroma_port: int, tmp_path: Path, minilm, monkeypatch) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_port))
    monkeypatch.setenv("BRIEFING_COLLECTION", "seed-over-http")
    settings = Settings(store_dir=tmp_path / "unused-local", progress=False)
    assert settings.chroma_host == "127.0.0.1" and settings.chroma_port == chroma_port
    rt = briefing.Runtime(settings, embedder=minilm)
    report = briefing.ingest([ROOT / "seeds"], runtime=rt)
    assert report.added == 1 and report.chunks > 1
    assert not (tmp_path / "unused-local").exists()  # nothing written locally

    # A second client (another process's view) sees the same store.
    other = briefing.Runtime(Settings(progress=False), embedder=minilm)
    assert briefing.stats(runtime=other).articles == 1
    assert briefing.ingest([ROOT / "seeds"], runtime=other).unchanged == 1
    answer = briefing.ask("Where is Russia's 41st army stationed?", runtime=other)
    assert "Yelnya" in answer.text and answer.claims[0].citations == [1]
    assert "127.0.0.1" in briefing.stats(runtime=other).location


def test_unreachable_server_is_a_clear_error(minilm, monkeypatch) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(free_port()))
    rt = briefing.Runtime(Settings(progress=False), embedder=minilm)
    with pytest.raises(briefing.StoreError, match=r"cannot reach the Chroma server.*CHROMA_HOST"):
        briefing.stats(runtime=rt)
