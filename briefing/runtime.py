"""The runtime: settings plus the embedder, store and answer engine they select, each built once."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from chromadb.errors import ChromaError
from langchain_core.embeddings import Embeddings

from briefing.config import Settings, collection_problem, folder_name, get_settings
from briefing.engines import Engine
from briefing.errors import StoreError
from briefing.models import registry
from briefing.store.client import discard, make_client, stopped
from briefing.store.keywords import KeywordIndex
from briefing.store.lock import lock_path, timeout_message, unless_written, writing
from briefing.store.readonly import read_only, readable_copy, refuse_writes
from briefing.store.store import STORE_SUFFIXES, Store, open_store

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

T = TypeVar("T")
READ_TRIES = 3  # reads of a folder store anew after Chroma failed on one (another process writing)


def chroma_failed(exc: Exception) -> bool:
    """Whether Chroma itself failed (the store wraps its failures in StoreErrors), not a bad request."""
    return isinstance(exc, ChromaError) or isinstance(exc.__cause__, ChromaError)


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
        self._writing = threading.Lock()  # one write at a time in this process, and no re-reading during one
        self._seen = ""  # the revision of the folder store when this process last read it anew or wrote

    @cached_property
    def embedder(self) -> Embeddings:
        return self._embedder or registry.make_embedder(self.settings)

    @cached_property
    def store(self) -> Store:
        """The store. A store folder not made yet is made under the write lock: two processes creating
        Chroma's tables at once collide."""
        folder = lock_path(self.settings)
        if self._store is None and folder is not None and not (folder.parent / "chroma.sqlite3").exists():
            with self._writing, writing(self.settings):
                return self._open()
        return self._open()

    @cached_property
    def read_only(self) -> bool:
        """Whether the store is a folder this process may read but not write (read from a copy)."""
        return self._store is None and not self.settings.chroma_host and read_only(Path(self.settings.store_dir))

    @property
    def _folder(self) -> Path:
        """Where the folder store is read from: the folder, or a copy of it when it is read-only."""
        folder = Path(self.settings.store_dir)
        return readable_copy(folder) if self.read_only else folder

    def store_missing(self) -> bool:
        """Whether there is no store yet where the settings point: a folder that holds none (a store passed
        in, or a server, is there). Answers without opening, so without making, the store."""
        if self._store is not None or "store" in self.__dict__ or self.settings.chroma_host:
            return False
        return not (Path(self.settings.store_dir) / "chroma.sqlite3").exists()

    def _open(self, fresh: bool = False) -> Store:
        if self._store is not None:
            return self._store
        client = make_client(self.settings, fresh, self._folder)
        store = open_store(self.settings, registry.embedder_name(self.embedder), client)
        if lock_path(self.settings) is not None:
            self._seen = store.revision()  # read before Chroma loads any vector index: never newer than it
        return store

    @property
    def _reopens(self) -> bool:
        """Whether this runtime opened a folder store itself (and so may open it anew)."""
        return self._store is None and lock_path(self.settings) is not None

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store to write to, held for this process alone (`briefing.lock`) and read anew from the
        folder once held: a view read before may lack what another process wrote, and writing from it
        would save its stale vector index over theirs.

        Raises:
            StoreError: Another writer held the store longer than `lock_timeout`, or the store is read-only.
        """
        if self.read_only:
            raise refuse_writes(Path(self.settings.store_dir))
        if not self._writing.acquire(timeout=self.settings.lock_timeout):
            raise StoreError(timeout_message(Path(self.settings.store_dir), self.settings.lock_timeout))
        try:
            with writing(self.settings):
                if self._reopens:
                    self.__dict__["store"] = self._open(fresh="store" in self.__dict__)
                try:
                    yield self.store
                except StoreError:
                    self._roll_back()
                    raise
                if self._reopens:
                    self._seen = self.store.revision()  # this process's own writes: its view holds them
        finally:
            self._writing.release()

    def _roll_back(self) -> None:
        """After a failed write (a full disk), roll back what it left pending, so that readers meanwhile
        see only complete articles; when that fails too, the next write's repair does it. A folder store
        is opened anew first: the failed instance may hold a transaction every later call would wait on."""
        if self._reopens:
            discard(self.__dict__.pop("store").client)  # the next use opens it anew
        with contextlib.suppress(StoreError):
            if self._reopens:
                self.__dict__["store"] = self._open()
            self.store.repair()

    def refresh(self) -> None:
        """Read a folder store anew when another process wrote to it since this one last did or looked
        (Chroma would go on answering from the vector index it loaded first). Nothing to do for a Chroma
        server, a store passed in, a store not opened yet, or while this process writes."""
        if not self._reopens or "store" not in self.__dict__ or not self._writing.acquire(blocking=False):
            return
        try:
            # a failed write of another collection stopped the Chroma instance this one shared (`discard`)
            if stopped(self.store.client) or self.store.revision() != self._seen:
                self.__dict__["store"] = self._open(fresh=True)
        finally:
            self._writing.release()

    def reading(self, read: Callable[[Store], T]) -> T:
        """`read(store)`; when Chroma fails on it, read a folder store anew and run it again.

        Another process writing meanwhile makes the catalog (SQLite, always current) hold chunks whose
        vectors the index this process loaded lacks, and Chroma fails on them ("Error finding id"). The
        read is tried again (`READ_TRIES` times) also while this process writes or waits to; the store is
        called damaged only when a last try, with no process writing, fails as well.

        Raises:
            StoreError: The store is damaged, or could not be read while another process kept writing.
        """
        store = self.store
        try:
            return read(store)
        except Exception as exc:
            if not self._reopens or not (chroma_failed(exc) or stopped(store.client)):
                raise
        for _ in range(READ_TRIES):
            store = self._read_anew(store)
            try:
                return read(store)
            except (ChromaError, StoreError) as exc:
                if not chroma_failed(exc):
                    raise
                failed = exc
        return self._last_try(read, failed)

    def _read_anew(self, failed: Store) -> Store:
        """The folder store read anew, for a read that failed on `failed`. While this process writes (or
        waits to), the store it writes through, opened once it held the lock, holds every write; before
        that, a store is opened for this read alone and the writer keeps its own."""
        if self._writing.acquire(blocking=False):
            try:
                self.__dict__["store"] = self._open(fresh=True)
                return self.store
            finally:
                self._writing.release()
        current = self.__dict__.get("store")
        return current if current is not None and current is not failed else self._open(fresh=True)

    def _last_try(self, read: Callable[[Store], T], failed: Exception) -> T:
        """One more read with no process writing: when it fails too, the store is damaged (its error says
        so); while another process writes all along, the store is not called damaged (`failed` is the
        last failure)."""
        with unless_written(self.settings) as alone:
            if alone:
                return read(self._read_anew(self.store))  # a failure now is the store's own
        msg = (
            f"the store at {self.settings.store_dir} could not be read while another process writes to it "
            f"({failed.__cause__ or failed}). Nothing is lost: ask again when that write is done."
        )
        raise StoreError(msg) from failed

    def release(self) -> bool:
        """Close the folder store's Chroma instance, which every collection's runtime in this process shares,
        so that what it holds for collections no longer used is freed: Chroma keeps the vector index files
        and memory of every collection it has read until the instance stops (8 open files and ~5 MB each).
        Each runtime opens the store anew on its next use (`refresh`, `reading`). Returns whether it was
        closed: not for a Chroma server or a store passed in, nor while any process writes to the store.
        """
        if not self._reopens or "store" not in self.__dict__:
            return False
        with unless_written(self.settings) as alone:
            if alone:
                discard(self.store.client)
            return alone

    @cached_property
    def keywords(self) -> KeywordIndex:
        """The keyword index beside the store (a folder per store and collection, under the store folder)."""
        s = self.settings
        return KeywordIndex((Path(s.store_dir) if s.chroma_host else self._folder) / "keywords" / folder_name(s))

    @cached_property
    def engine(self) -> Engine:
        """The answer engine: `extractive`, or an LLM engine (`openai`, `local`, or `custom` for a chat passed in)."""
        return registry.make_engine(self.settings, self.embedder, self._chat)

    @property
    def engine_label(self) -> str:
        """The engine the settings select, in a few words (without loading it)."""
        return "custom" if self._chat is not None else registry.engine_label(self.settings)

    def with_collection(self, name: str) -> Runtime:
        """A runtime over another collection of the same store, sharing this one's embedder and engine.

        Raises:
            StoreError: The name breaks Chroma's rules for collection names.
        """
        name = (name or "").strip()
        problem = collection_problem(name, STORE_SUFFIXES)
        if problem:
            raise StoreError(problem)
        other = Runtime(self.settings.model_copy(update={"collection": name}), embedder=self.embedder, chat=self._chat)
        with contextlib.suppress(Exception):  # an engine that cannot be built here fails there, with its message
            other.__dict__["engine"] = self.engine
        return other

    @property
    def embedder_name(self) -> str:
        """The embedding model's name (loads it)."""
        return registry.embedder_name(self.embedder)


_shared: Runtime | None = None


def shared(runtime: Runtime | None = None) -> Runtime:
    """`runtime`, or one runtime built from the environment and shared by every call without one; its
    store brought up to date with what other processes wrote (`Runtime.refresh`)."""
    global _shared
    if runtime is None:
        if _shared is None:
            _shared = Runtime()
        runtime = _shared
    runtime.refresh()
    return runtime
