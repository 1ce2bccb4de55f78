"""Fakes with designed behaviour, so unit tests can assert exact outcomes at the product's real settings.

- `WordEmbeddings`: each word of a text hashed to one dimension, the vector normalised. Two texts' cosine
  is the share of words they have in common (stop words aside), so "similar" means what a reader would
  guess from the wording, and the real thresholds (`min_relevance`, `check_threshold`) decide as designed.
- `RecordingChat`: replies with given texts in turn (streamed a character at a time), records every prompt
  it receives, and fails as told (an error on every call, or a context overflow past a prompt length).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from briefing.errors import ContextTooLong

_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been has have had it its this that "
    "these those he she they we i you his her their our what which who whom when where why how do does did not "
    "no said says will would can could there than then so if into about after before over under".split()
)


def words(text: str) -> list[str]:
    """Lower-cased words without stop words, plural `s` dropped: the fake's whole idea of meaning."""
    out = []
    for word in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", "")):
        if word not in _STOP:
            out.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return out


class WordEmbeddings(Embeddings):
    """Bag-of-words vectors in `size` dimensions: cosine = overlap of the two texts' words (see `words`)."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.name = f"fake-words-{size}"  # the store records the model that made its vectors by this name
        self.calls: list[list[str]] = []  # every batch embedded, for tests that count the work done

    def vector(self, text: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        for word, count in Counter(words(text)).items():
            out[int(hashlib.md5(word.encode()).hexdigest()[:8], 16) % self.size] += count
        norm = float(np.linalg.norm(out))
        return out / norm if norm else out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self.vector(t).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class RecordingChat(FakeListChatModel):
    """Replies with `responses` in turn and records each prompt (`prompts`: the messages of every call).

    `error` is raised on every call; with `max_prompt`, a last message longer than that many characters
    raises ContextTooLong, as a model with a small context would.
    """

    error: Exception | None = None
    max_prompt: int = 0
    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    def _record(self, messages: list[BaseMessage]) -> None:
        self.prompts.append(list(messages))
        if self.error is not None:
            raise self.error
        if self.max_prompt and len(str(messages[-1].content)) > self.max_prompt:
            raise ContextTooLong("Requested tokens exceed context window")

    @property
    def texts(self) -> list[str]:
        """Each prompt received, its messages joined into one text."""
        return ["\n".join(str(m.content) for m in prompt) for prompt in self.prompts]

    def _call(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        self._record(messages)
        return super()._call(messages, stop, run_manager, **kwargs)

    def _stream(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Any:
        self._record(messages)
        yield from super()._stream(messages, stop, run_manager, **kwargs)
