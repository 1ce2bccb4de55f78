"""Shared fixtures: every test gets its own store folder and never touches the network."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing  # sets the offline environment (no hub downloads, no telemetry) before any library loads
from briefing.config import Settings
from tests.fakes import WordEmbeddings
from tests.servers import FixtureSite, fixture_web

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "tests" / "plugins"
# The test profile: the test plugin (tests/plugins: the `words` embedder, the `parrot` engine) is installed, for
# pytest and for every process a test starts, as a package's entry points are once it is installed.
sys.path.insert(0, str(PLUGINS))
os.environ["PYTHONPATH"] = os.pathsep.join([str(PLUGINS), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
SEED = ROOT / "seeds" / "000_8d5bc0601753441a.txt"
_PAGE_MARK = re.compile(
    r'<span class="cite [^"]*" tabindex="0" role="button">\[(\d+)\]<span class="cite-pop">.*?</span></span></span>'
)
_STATUS = re.compile(r'<sup class="claim-status [^"]*" title="[^"]*">[a-z]+</sup>')


def unmarked(markdown: str) -> str:
    """The page's Markdown with its openable citation marks made plain `[n]` again and statuses dropped."""
    return _STATUS.sub("", _PAGE_MARK.sub(r"[\1]", markdown))


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
    """The product's settings (real thresholds included), with a tmp_path store and no progress bars."""
    return Settings(store_dir=tmp_path / "store", embedder="words", progress=False)


@pytest.fixture
def fake_runtime(settings: Settings) -> briefing.Runtime:
    """A runtime with the word-overlap fake embedder (tests/fakes.py) and a tmp_path Chroma store."""
    return briefing.Runtime(settings, embedder=WordEmbeddings())


@pytest.fixture(scope="session")
def minilm():
    """The real all-MiniLM-L6-v2 model from the wheel, run as the product runs it by default (ONNX Runtime;
    loaded once per test session)."""
    from briefing.models.minilm import OnnxMiniLM

    return OnnxMiniLM(Settings().cache_dir)


@pytest.fixture
def real_runtime(tmp_path: Path, minilm) -> briefing.Runtime:
    return briefing.Runtime(Settings(store_dir=tmp_path / "real", progress=False), embedder=minilm)


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    """The fixture web site (feeds and article pages, tests/servers.py), served for one test."""
    with fixture_web() as served:
        yield served
