"""The one factory: builds the embedder, the chat model and the answer engine that the settings ask for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings
from pydantic import SecretStr

from briefing.config import Settings, resolve_engine
from briefing.engines import Engine, ExtractiveEngine
from briefing.errors import LLMError
from briefing.models.minilm import OnnxMiniLM, TorchMiniLM

if TYPE_CHECKING:  # chat models load only when an LLM engine is chosen
    from langchain_core.language_models.chat_models import BaseChatModel


def embedder_name(embedder: Embeddings) -> str:
    """The name a collection records for the model that made its vectors."""
    if isinstance(embedder, DeterministicFakeEmbedding):
        return f"fake-deterministic-{embedder.size}"
    if type(embedder).__name__ == "OpenAIEmbeddings":
        return f"openai/{getattr(embedder, 'model', '')}"
    return str(getattr(embedder, "name", type(embedder).__name__))


def make_embedder(settings: Settings) -> Embeddings:
    """The embedding model the settings name."""
    match settings.embedder:
        case "minilm":
            if settings.minilm_runtime == "torch":
                return TorchMiniLM(batch_size=settings.batch_size)
            return OnnxMiniLM(settings.cache_dir, batch_size=settings.batch_size)
        case "fake":
            return DeterministicFakeEmbedding(size=384)
        case "openai":
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
    msg = f"unknown embedder {settings.embedder!r}; set BRIEFING_EMBEDDER to minilm, openai or fake"
    raise ValueError(msg)


def make_engine(settings: Settings, embedder: Embeddings, chat: BaseChatModel | None = None) -> Engine:
    """The answer engine the settings select; a chat model passed in makes an LLM engine named `custom`."""
    model = chat if chat is not None else make_chat(settings)
    if model is None:
        return ExtractiveEngine(embedder, settings.min_relevance)
    from briefing.engines.llm import LLMEngine

    return LLMEngine(model, embedder, settings, "custom" if chat is not None else resolve_engine(settings))


def make_chat(settings: Settings) -> BaseChatModel | None:
    """The chat model of the engine the settings select, or None for the `extractive` engine."""
    match resolve_engine(settings):
        case "extractive":
            return None
        case "openai":
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
        case "local":
            from briefing.models.llama import LlamaCppChat, default_gguf

            path = settings.local_model or default_gguf()
            return LlamaCppChat(
                model_path=str(path),
                n_ctx=settings.local_ctx,
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
            )
    msg = f"unknown engine {settings.engine!r}; set BRIEFING_ENGINE to auto, extractive, openai or local"
    raise ValueError(msg)


def engine_label(settings: Settings) -> str:
    """A short description of the active engine, for status lines."""
    engine = resolve_engine(settings)
    if engine == "openai":
        return f"openai ({settings.llm_model} at {settings.openai_base_url or 'api.openai.com'})"
    if engine == "local":
        return f"local ({settings.local_model or 'SmolLM2-135M-Instruct'})"
    return engine
