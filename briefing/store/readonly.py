"""A store folder this process may read but not write (its permissions, a read-only mount, a backup).

Chroma cannot open a folder it cannot write (it updates its tables as it starts: "attempt to write a readonly
database"), so such a store is copied, once per process, into a temporary folder and read from there; the
copy goes when the process ends. Writes (ingest, forget) are refused with a message that says the store is
read-only and that reading still works.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path

from briefing.errors import StoreError, read_only_failure

DATABASE = "chroma.sqlite3"
_copies: dict[Path, Path] = {}
_copying = threading.Lock()


def read_only(folder: Path) -> bool:
    """Whether `folder` holds a store that this process may read but not write: the folder, its database or
    one of its folders (vector segments, keyword index, kept briefs) is not writable."""
    database = folder / DATABASE
    if not database.is_file():
        return False  # no store yet: making one fails, or not, as any write does
    try:
        parts = [folder, database, *(p for p in folder.iterdir() if p.is_dir())]
    except OSError:
        return False  # not even readable: opening it says so
    return not all(os.access(p, os.W_OK) for p in parts)


def readable_copy(folder: Path) -> Path:
    """A writable copy of the read-only store `folder`, made on first use in this process and removed at exit.

    Raises:
        StoreError: The copy cannot be made (no room for it in the temporary folder, a file not readable).
    """
    folder = folder.resolve()
    with _copying:
        if folder in _copies:
            return _copies[folder]
        where = Path(tempfile.mkdtemp(prefix="briefing-read-only-"))
        atexit.register(shutil.rmtree, where, ignore_errors=True)
        copy = where / "store"
        try:
            # the copy's files take the temporary folder's modes, not the read-only ones of the original
            shutil.copytree(folder, copy, copy_function=shutil.copyfile, ignore=shutil.ignore_patterns("*.lock"))
            for path in (copy, *copy.rglob("*")):
                path.chmod(0o700 if path.is_dir() else 0o600)
        except OSError as exc:
            shutil.rmtree(where, ignore_errors=True)
            detail = f"and it cannot be copied to {where.parent} to be read: {exc}"
            raise read_only_failure(str(folder), detail) from exc
        _copies[folder] = copy
        return copy


def refuse_writes(folder: Path) -> StoreError:
    """The message for a write to a read-only store."""
    return read_only_failure(str(folder), "this process may not write to it")
