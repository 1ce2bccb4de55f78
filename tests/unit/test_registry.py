"""The registry: engines and embedders by name, built in or added by an installed package's entry points.

The test plugin (tests/plugins, on the path under pytest: tests/conftest.py) adds the `words` and
`words-64` embedders and the `parrot` engine; these tests use it as a user would, from the CLI and the API,
and check that a name nobody registered, or a plugin that fails to load, is refused with what is available.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from pydantic import ValidationError

import briefing
from briefing.cli import cli
from briefing.config import Settings
from briefing.engines.llm import LLMEngine
from briefing.models import registry
from tests.conftest import PLUGINS, ROOT, SEED
from tests.fakes import WordEmbeddings

# the parrot repeats the first sentence of source [1]: the seed article's first sentence
FIRST = 'stating that any attempts to invade Ukraine "will have consequences". [1]'


def test_the_built_in_names_come_from_the_registry() -> None:
    assert list(registry.ENGINES) == ["extractive", "openai", "local"]
    assert list(registry.EMBEDDERS) == ["minilm", "openai", "fake"]
    assert registry.engine_names()[:4] == ["auto", "extractive", "openai", "local"]


def test_the_test_plugin_is_found_through_its_entry_points() -> None:
    engines, embedders = registry.engines(), registry.embedders()
    assert engines["parrot"].origin == "briefing-test-plugin" and engines["parrot"].chat is not None
    assert embedders["words"].origin == "briefing-test-plugin"
    assert (
        embedders["words-64"].description
        == "Word-overlap vectors in 64 dimensions (a plain function as an entry point)."
    )
    assert "parrot" in registry.engine_names()


@pytest.mark.parametrize(
    ("name", "size"),
    [("words", 1024), ("words-64", 64)],
)
def test_a_plugin_embedder_is_chosen_by_its_name(name: str, size: int, tmp_path: Path) -> None:
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", embedder=name, progress=False))
    assert isinstance(rt.embedder, WordEmbeddings) and rt.embedder.size == size
    assert rt.embedder_name == f"fake-words-{size}"


def test_a_plugin_engine_writes_and_the_citation_check_judges(tmp_path: Path) -> None:
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", embedder="words", engine="parrot", progress=False))
    briefing.ingest([SEED], runtime=rt)
    assert isinstance(rt.engine, LLMEngine) and rt.engine_label == "parrot (top 6)"
    answer = briefing.ask("Where is Russia's 41st army stationed?", runtime=rt)
    assert answer.engine == "parrot" and answer.check is not None
    assert [c.status for c in answer.claims] == ["supported"] and answer.claims[0].citations == [1]


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        (
            "engine",
            "bogus",
            "unknown engine 'bogus': set BRIEFING_ENGINE to one of auto, extractive, local, openai, parrot",
        ),
        (
            "embedder",
            "nope",
            "unknown embedder 'nope': set BRIEFING_EMBEDDER to one of fake, minilm, openai, words, words-64",
        ),
    ],
)
def test_an_unknown_name_lists_what_is_available(setting: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(**{setting: value})
    assert message in str(refused.value)


def run(*args: str, env: dict[str, str], store: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "briefing.cli", "--store", str(store), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)


def plain_env(**extra: str) -> dict[str, str]:
    """This checkout, without the test profile's plugin, unless `PYTHONPATH` is given."""
    drop = ("CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL", "PYTHONPATH")
    base = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_") and k not in drop}
    return {**base, "PYTHONPATH": str(ROOT), "BRIEFING_PROGRESS": "0", **extra}


def test_the_cli_uses_an_installed_plugin_and_refuses_it_once_uninstalled(tmp_path: Path) -> None:
    store = tmp_path / "store"
    installed = plain_env(PYTHONPATH=os.environ["PYTHONPATH"], BRIEFING_EMBEDDER="words")
    assert run("ingest", str(SEED), env=installed, store=store).returncode == 0
    asked = run("--engine", "parrot", "ask", "Where is Russia's 41st army stationed?", env=installed, store=store)
    assert asked.returncode == 0, asked.stderr
    assert FIRST in asked.stdout and "citation check: 1 sentences checked, 1 supported" in asked.stdout
    doctor = run("doctor", env=installed, store=store)
    assert "ok    engines   auto, extractive, openai, local, parrot (briefing-test-plugin)" in doctor.stdout
    assert "words (briefing-test-plugin), words-64 (briefing-test-plugin)" in doctor.stdout

    gone = run("--engine", "parrot", "stats", env=plain_env(), store=tmp_path / "other")
    assert gone.returncode == 2
    assert "'parrot' is not one of 'auto', 'extractive', 'openai', 'local'" in gone.stderr


def test_the_help_lists_the_plugin_engine() -> None:
    shown = CliRunner().invoke(cli, ["--help"]).output
    assert "[auto|extractive|openai|local|parrot]" in shown.replace("\n", "").replace(" ", "")


@pytest.fixture
def broken_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A package whose entry point names a module that is not there, installed (on the path) for one test."""
    info = tmp_path / "site" / "briefing_broken-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: briefing-broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[briefing.engines]\nbroken = briefing_broken_missing:ENGINE\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    registry.plugin_engines.cache_clear()
    yield
    monkeypatch.undo()
    registry.plugin_engines.cache_clear()


def test_a_plugin_that_fails_to_load_is_named_not_fatal(broken_plugin: None, tmp_path: Path) -> None:
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", progress=False), embedder=WordEmbeddings())
    briefing.ingest([SEED], runtime=rt)
    assert "Yelnya" in briefing.ask("Where is the 41st army stationed?", runtime=rt).text  # the rest works
    with pytest.raises(ValidationError) as refused:
        Settings(engine="broken")
    assert "plugins that failed to load: broken (briefing-broken: ModuleNotFoundError" in str(refused.value)
    engines = next(row for row in briefing.doctor(runtime=rt) if row[0] == "engines")
    assert engines[1] is False and "broken failed to load: briefing-broken: ModuleNotFoundError" in engines[2]


def test_the_plugin_folder_is_what_makes_the_test_profile() -> None:
    assert str(PLUGINS) in sys.path and os.environ["PYTHONPATH"].split(os.pathsep)[:2] == [str(PLUGINS), str(ROOT)]


def test_minilm_loads_its_model_when_it_first_embeds_not_when_made(tmp_path: Path, monkeypatch) -> None:
    """Opening a store asks for the embedder's name only: a brief on everything embeds nothing."""
    from briefing.models import minilm

    minilm.onnx_path(tmp_path).write_bytes(b"")  # made before: no export
    loaded: list[str] = []

    class Session:
        def run(self, _: object, feeds: dict) -> list:
            return [np.ones((len(feeds["input_ids"]), 384), dtype=np.float32)]

    class Tokens:
        def encode_batch(self, texts: list[str]) -> list:
            return [type("E", (), {"ids": [1, 2], "type_ids": [0, 0]})() for _ in texts]

    monkeypatch.setattr(minilm, "_load_onnx", lambda path: loaded.append(path) or (Session(), Tokens()))
    model = minilm.OnnxMiniLM(tmp_path)
    assert registry.embedder_name(model) == minilm.NAME and loaded == []
    assert model.encode(["One sentence."]).shape == (1, 384) and len(loaded) >= 1
