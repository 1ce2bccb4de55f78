"""The Chroma client: a server or the local folder, with failures (a damaged file, a full disk, a failing
server) raised as StoreErrors that say how to recover."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import resource
import shutil
import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.errors import InternalError

from briefing.config import Settings
from briefing.errors import StoreError, store_failure

FULL_SIGNS = ("disk is full", "no space left", "file too large", "quota exceeded")
READ_ONLY_SIGNS = ("readonly database", "read-only file system", "permission denied")
LOW_SPACE = 64 * 2**20  # below this much free space, a failed write is taken for a full disk
STORE_FAILURES = (InternalError, sqlite3.DatabaseError, OSError)


def is_full(exc: BaseException, folder: Path | None) -> bool:
    """Whether a failed store call comes from a full disk (Chroma often reports one only as a failed
    compaction, so the free space of the store's device is looked at too)."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    if any(sign in str(exc).lower() for sign in FULL_SIGNS):
        return True
    if folder is None:
        return False
    try:
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]  # a file-size limit (`ulimit -f`) fills it as well
        near_limit = limit != resource.RLIM_INFINITY and (folder / "chroma.sqlite3").stat().st_size + LOW_SPACE > limit
        return near_limit or shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def is_read_only(exc: BaseException) -> bool:
    """Whether a failed store call comes from a folder or file this process may not write."""
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    return any(sign in str(exc).lower() for sign in READ_ONLY_SIGNS)


class Guarded:
    """A Chroma client or collection whose failures (a damaged file, a full disk, a failing server) are
    raised as StoreErrors that name the store and say how to recover. Everything else passes through."""

    def __init__(self, target: Any, where: str, folder: Path | None) -> None:
        self._target, self._where, self._folder = target, where, folder

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value
        return self._guard(value, collection=name.endswith("collection"))

    def _guard(self, call: Callable[..., Any], collection: bool) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                out = call(*args, **kwargs)
            except STORE_FAILURES as exc:
                raise self.failure(exc) from exc
            return Guarded(out, self._where, self._folder) if collection else out

        return guarded

    def failure(self, exc: BaseException) -> StoreError:
        detail = str(exc).strip() or type(exc).__name__
        local = self._folder is not None
        return store_failure(
            detail,
            self._where,
            full=is_full(exc, self._folder),
            server=not local,
            read_only=local and is_read_only(exc),
        )


STOPPED: weakref.WeakSet[Any] = weakref.WeakSet()  # Chroma instances `discard` stopped


def discard(client: ClientAPI) -> None:
    """Close a folder client's Chroma instance and forget it, so the next client opens the folder anew.

    After a failed write (a full disk) the instance's SQLite connection can keep its transaction open, and
    every later call of this process then waits on it for ever (1 run in 4 under a file-size limit). Every
    client of this folder in the process shares the instance (other collections' runtimes too): each opens
    the folder anew on its next use (`stopped`).
    """
    with contextlib.suppress(Exception):  # the API the client's collections call
        STOPPED.add(client._server)  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):  # an instance already closed, or never fully opened
        client._system.stop()  # type: ignore[attr-defined]
    SharedSystemClient.clear_system_cache()


def stopped(client: ClientAPI) -> bool:
    """Whether the client's Chroma instance was stopped (`discard`): it must be opened anew."""
    server = getattr(client, "_server", None)
    return server is not None and server in STOPPED


M_ARENA_MAX = -8  # glibc's mallopt parameter
ARENAS = 2


def fewer_malloc_arenas() -> None:
    """Let glibc's malloc keep at most `ARENAS` arenas. By default every thread that allocates (Chroma's
    Rust threads, ONNX Runtime's, our writer) may get one of up to 8 per core, and memory freed in one stays
    held by it: an ingest of 1,000 articles peaked 38 MB lower with 2. Arenas made before stay; elsewhere
    than glibc this does nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, ARENAS)


def make_client(settings: Settings, fresh: bool = False, folder: Path | None = None) -> ClientAPI:
    """A Chroma client: a server when CHROMA_HOST is set, else the persisted local folder (or `folder`, a copy
    of it read in its place; messages still name the store folder).

    `fresh` reads a folder store anew. Chroma keeps one instance per folder in a process, holding its own
    copy of the vector index in memory that it never reads again: another process's writes stay invisible
    to it (`get` sees them, `query` does not), and its next write saves its stale copy over theirs. Clients
    made before keep their instance until they are dropped.
    """
    chroma_settings = chromadb.config.Settings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            server = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            return cast(ClientAPI, Guarded(server, f"{settings.chroma_host}:{settings.chroma_port}", None))
        except Exception as exc:
            msg = (
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({exc}); "
                "start it (`chroma run`) or unset CHROMA_HOST to use the local folder"
            )
            raise StoreError(msg) from exc
    fewer_malloc_arenas()  # before Chroma starts its threads: a folder store lives in this process
    path = folder or Path(settings.store_dir)
    opener = Guarded(chromadb, str(settings.store_dir), path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise opener.failure(exc) from exc
    if fresh:
        SharedSystemClient.clear_system_cache()
    client = opener.PersistentClient(path=str(path), settings=chroma_settings)
    return cast(ClientAPI, Guarded(client, str(settings.store_dir), path))
