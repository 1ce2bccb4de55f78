"""The runtime: settings plus the embedder, store and answer engine they select, each built once."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from briefing import components
from briefing.config import Settings, get_settings
from briefing.engines import Engine
from briefing.keywords import KeywordIndex
from briefing.store import Store, open_store

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel


class Runtime:
    """Settings plus the embedder, store and engine they select, each built on first use and then shared.

    Pass parts in to replace them (tests hand in fakes; a script may share one embedder between stores).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embeddings | None = None,
        store: Store | None = None,
        chat: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._store = store
        self._chat = chat

    @cached_property
    def embedder(self) -> Embeddings:
        return self._embedder or components.make_embedder(self.settings)

    @cached_property
    def store(self) -> Store:
        return self._store or open_store(self.settings, components.embedder_name(self.embedder))

    @cached_property
    def keywords(self) -> KeywordIndex:
        """The keyword index beside the store (a folder per store and collection, under the store folder)."""
        s = self.settings
        where = f"{s.chroma_host}_{s.chroma_port}_{s.collection}" if s.chroma_host else s.collection
        return KeywordIndex(Path(s.store_dir) / "keywords" / where)

    @cached_property
    def engine(self) -> Engine:
        """The answer engine: `extractive`, or an LLM engine (`openai`, `local`, or `custom` for a chat passed in)."""
        return components.make_engine(self.settings, self.embedder, self._chat)

    @property
    def engine_label(self) -> str:
        """The engine the settings select, in a few words (without loading it)."""
        return "custom" if self._chat is not None else components.engine_label(self.settings)

    @property
    def embedder_name(self) -> str:
        """The embedding model's name (loads it)."""
        return components.embedder_name(self.embedder)


_shared: Runtime | None = None


def shared(runtime: Runtime | None = None) -> Runtime:
    """`runtime`, or one runtime built from the environment and shared by every call without one."""
    global _shared
    if runtime is not None:
        return runtime
    if _shared is None:
        _shared = Runtime()
    return _shared
