"""Answer engines: one interface (`Engine`), two kinds: quoting source sentences, or a model held to them.

`LLMEngine` is loaded on first use: LangChain's chat-model machinery is not needed to quote sources.
"""

from typing import TYPE_CHECKING, Any

from briefing.engines.base import Engine, History, Question
from briefing.engines.extractive import ExtractiveEngine

if TYPE_CHECKING:
    from briefing.engines.llm import LLMEngine

__all__ = ["Engine", "ExtractiveEngine", "History", "LLMEngine", "Question"]


def __getattr__(name: str) -> Any:
    if name == "LLMEngine":
        from briefing.engines.llm import LLMEngine

        return LLMEngine
    raise AttributeError(name)
