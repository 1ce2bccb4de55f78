"""Answer engines: one interface (`Engine`), two kinds: quoting source sentences, or a model held to them."""

from briefing.engines.base import Engine, History, Question
from briefing.engines.extractive import ExtractiveEngine
from briefing.engines.llm import LLMEngine

__all__ = ["Engine", "ExtractiveEngine", "History", "LLMEngine", "Question"]
