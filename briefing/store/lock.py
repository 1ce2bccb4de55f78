"""One writer at a time on a folder store: a file lock in the store folder, held while a process writes.

Chroma's folder store (`PersistentClient`) is not safe for two processes writing at once: two ingests
into a new folder raced on creating its tables (one failed), and two into one store each saved their own
copy of the vector index over the other's (vectors of about 100 of 1,600 chunks were lost to search). So
every write (ingest, forget) holds `briefing.lock` in the store folder (`filelock`); a second writer says
on stderr that it waits, and gives up with a clear error after `BRIEFING_LOCK_TIMEOUT` seconds. Readers
take no lock. A Chroma server (CHROMA_HOST) orders writes itself: no lock then.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.config import Settings
from briefing.errors import StoreError
from briefing.store.client import Guarded

LOCK_FILE = "briefing.lock"


def lock_path(settings: Settings) -> Path | None:
    """The lock file of the settings' store: in its folder, or None for a Chroma server."""
    return None if settings.chroma_host else Path(settings.store_dir) / LOCK_FILE


def waiting_message(folder: Path) -> str:
    return f"waiting for another briefing process writing to {folder}…"


def timeout_message(folder: Path, seconds: float) -> str:
    return (
        f"another briefing process has been writing to {folder} for {seconds:g} s; try again when it has "
        f"finished, or wait longer with BRIEFING_LOCK_TIMEOUT (seconds). If no briefing process is running, "
        f"the lock ({folder / LOCK_FILE}) is held by something else."
    )


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writing(settings: Settings, say: Callable[[str], None] = _to_stderr) -> Iterator[None]:
    """Hold the store's write lock for the block (nothing to hold for a Chroma server).

    Raises:
        StoreError: Another process held the lock for longer than `settings.lock_timeout`.
    """
    path = lock_path(settings)
    if path is None:
        yield
        return
    lock = FileLock(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            say(waiting_message(path.parent))
            try:
                lock.acquire(timeout=settings.lock_timeout)
            except Timeout:
                raise StoreError(timeout_message(path.parent, settings.lock_timeout)) from None
    except OSError as exc:  # a folder this process may not write, a full disk (filelock's Timeout is one too)
        raise Guarded(None, str(path.parent), path.parent).failure(exc) from exc
    try:
        yield
    finally:
        lock.release()


@contextmanager
def unless_written(settings: Settings) -> Iterator[bool]:
    """Hold the store's write lock for the block if no process (this one included) holds it now: yields
    whether it is held, i.e. whether no one writes meanwhile (always True for a Chroma server)."""
    path = lock_path(settings)
    if path is None:
        yield True
        return
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):  # another writer, or a folder that cannot hold the lock file
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
