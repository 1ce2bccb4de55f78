"""A plugin the way a separate package writes one: an embedder and an engine that briefing finds through the
entry-point groups `briefing.embedders` and `briefing.engines` (see `../briefing_test_plugin-0.1.0.dist-info/
entry_points.txt`, the metadata `pip install` would write), without a line of briefing's own code naming it.

The test profile (tests/conftest.py) puts `tests/plugins` on the path of pytest and of every process it
starts, so subprocess tests choose `BRIEFING_EMBEDDER=words`: word-overlap vectors that mean what a reader
would guess, where the built-in `fake` gives random ones.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import SimpleChatModel
from langchain_core.messages import BaseMessage

from briefing.config import Settings
from briefing.models.registry import EmbedderEntry, EngineEntry
from tests.fakes import WordEmbeddings

_FIRST_SOURCE = re.compile(r"^\[1\][^\n]*\n(?P<text>.+?[.!?])(?=\s|$)", re.M | re.S)


class Parrot(SimpleChatModel):
    """A chat model that answers with the first sentence of source [1], citing it; a ping gets `ready`."""

    def _call(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        found = _FIRST_SOURCE.search(str(messages[-1].content))
        return f"{found['text'].strip()} [1]" if found else "ready"

    @property
    def _llm_type(self) -> str:
        return "parrot"


WORDS = EmbedderEntry(
    "words", "word-overlap vectors (tests/fakes.py): cosine = the share of words in common", lambda _: WordEmbeddings()
)
PARROT = EngineEntry(
    "parrot",
    "repeats the first sentence of the best source, citing it (the citation check still judges it)",
    chat=lambda _: Parrot(),
    label=lambda settings: f"parrot (top {settings.top_k})",
)


def small_words(settings: Settings) -> Embeddings:
    """Word-overlap vectors in 64 dimensions (a plain function as an entry point)."""
    return WordEmbeddings(size=64)
