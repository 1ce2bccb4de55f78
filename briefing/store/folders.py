"""A folder replaced whole: its new files are written into a folder beside it, which then takes its place,
so a reader finds the old folder or the new one, never half of either. Used by the keyword index."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path


def replace_folder(folder: Path, write: Callable[[Path], None]) -> None:
    """Fill a new folder (`write`), then put it in place of `folder` (another writer's may win: both hold
    the same). The new one is removed again if `write` fails."""
    # each writer builds in a folder of its own (named with its process id, so that what a killed
    # process left is known for a leftover): two processes replacing the folder at once don't collide
    sweep(folder)
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        tmp.mkdir(parents=True)
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = folder.with_name(f"{folder.name}.{os.getpid()}-{uuid.uuid4().hex}.old")
    with contextlib.suppress(FileNotFoundError):  # none yet, or another writer moved it
        folder.rename(old)  # the old folder stays whole until the new one is built
    try:
        tmp.rename(folder)
    except OSError:  # another writer put its folder in place first
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def sweep(folder: Path) -> None:
    """Remove the half-built (`.tmp`) and set-aside (`.old`) folders of writers that died mid-swap."""
    for leftover in folder.parent.glob(f"{glob.escape(folder.name)}.*-*.*"):
        pid = leftover.name[len(folder.name) + 1 :].split("-", 1)[0]
        if leftover.suffix in (".tmp", ".old") and pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def linked(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (a folder: its files, each linked), or a copy where links fail."""
    if source.is_dir():
        target.mkdir()
        for item in source.iterdir():
            linked(item, target / item.name)
    elif source.exists():
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return 0


def same_files(source: Path, target: Path, names: Iterable[str]) -> bool:
    """Whether each of these files (and folders' files) in `target` is linked to the one in `source`."""
    for name in names:
        a, b = source / name, target / name
        if a.is_dir():
            if not (b.is_dir() and same_files(a, b, [p.name for p in a.iterdir()])):
                return False
        elif inode(a) != inode(b):
            return False
    return True
