"""A store folder this process may read but not write (its permissions, a read-only mount, a backup): `ask`,
`brief`, `stats` and `doctor` work (from a copy, as Chroma cannot open a folder it cannot write), and `ingest`
and `forget` say the store is read-only, which folder, and that reading still works; never "damaged", never a
traceback; the folder is left as it was.

Run as root, the commands run without the capabilities that let root write anywhere (`setpriv`), so that
the folder's permissions hold for them as for anyone else."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing
from briefing.config import Settings
from briefing.store.client import Guarded
from tests.conftest import SEED

AS_ANYONE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"] if os.geteuid() == 0 else []
pytestmark = pytest.mark.skipif(bool(AS_ANYONE) and not shutil.which("setpriv"), reason="needs setpriv as root")


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def _writable(folder: Path, on: bool) -> None:
    for path in (folder, *folder.rglob("*")):
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if on else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "store"
    rt = briefing.Runtime(Settings(store_dir=folder, embedder="words", progress=False))
    briefing.ingest([SEED], runtime=rt)
    briefing.summarize(topic="troops", runtime=rt)  # a kept brief: the briefs folder exists too
    del rt
    _writable(folder, False)
    yield folder
    _writable(folder, True)


def _briefing(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env |= {"BRIEFING_STORE_DIR": str(store), "BRIEFING_EMBEDDER": "words", "BRIEFING_ENGINE": "extractive"}
    command = [*AS_ANYONE, sys.executable, "-m", "briefing.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_a_read_only_store_is_read_and_writes_say_so(store: Path, tmp_path: Path) -> None:
    probe = subprocess.run([*AS_ANYONE, "touch", str(store / "probe")], capture_output=True, check=False)
    if probe.returncode == 0:
        pytest.skip("this process may write to a folder without write permission")
    before = _tree(store)
    extra = tmp_path / "extra.txt"
    extra.write_text("Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet in May.")
    reads = {
        "ask": _briefing(store, "ask", "Where is Russia's 41st army stationed?"),
        "brief": _briefing(store, "brief"),
        "stats": _briefing(store, "stats", "--articles"),
        "doctor": _briefing(store, "doctor"),
    }
    writes = {"ingest": _briefing(store, "ingest", str(extra)), "forget": _briefing(store, "forget", "abcdef12")}
    for name, done in {**reads, **writes}.items():
        said = done.stdout + done.stderr
        assert "Traceback" not in said and "damaged" not in said, f"{name}: {said[-600:]}"
    for name, done in reads.items():
        assert done.returncode == 0, f"{name}: {done.stderr[-600:]}"
    assert "Yelnya" in reads["ask"].stdout
    assert "Drawn from 1 article(s)" in reads["brief"].stdout
    assert "articles: 1" in reads["stats"].stdout
    assert "read-only" in reads["doctor"].stdout and "FAIL  store" not in reads["doctor"].stdout
    for name, done in writes.items():
        assert done.returncode == 2, f"{name}: {done.stderr[-600:]}"
        assert f"the store at {store} is read-only" in done.stderr and "Reading it still works" in done.stderr
    assert _tree(store) == before  # nothing written, no lock file, no copy left inside


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("attempt to write a readonly database"),
        RuntimeError("error returned from database: (code: 8) attempt to write a readonly database"),
        PermissionError(13, "Permission denied", "chroma.sqlite3"),
        OSError(30, "Read-only file system", "chroma.sqlite3"),
    ],
    ids=["sqlite", "chroma", "permission", "read-only mount"],
)
def test_a_refused_write_is_called_read_only_not_damaged(error: Exception, tmp_path: Path) -> None:
    message = str(Guarded(None, str(tmp_path), tmp_path).failure(error))
    assert f"the store at {tmp_path} is read-only" in message and "damaged" not in message
    assert "Reading it still works" in message
