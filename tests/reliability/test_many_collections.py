"""What one visitor can make the page hold: collections made through the page stop at
`BRIEFING_MAX_COLLECTIONS` with a message, and the page keeps the runtimes (with what they hold open) of
the few collections used last only."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import briefing
from briefing.config import Settings
from briefing.store.lock import writing
from briefing.ui import Handlers
from briefing.ui.handlers import OPEN
from tests.fakes import WordEmbeddings

TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."


def test_a_visitor_cannot_make_more_collections_than_the_setting(settings: Settings) -> None:
    """With a limit of 5 (the page's own counts): 4 more are made, the 5th more is refused with the setting
    named, nothing of it is made, and the existing ones still take articles. Before, every name made one."""
    rt = briefing.Runtime(settings.model_copy(update={"max_collections": 5}), embedder=WordEmbeddings())
    page = Handlers(rt)
    assert page.ingest_text(TEXT).startswith("1 added")
    for n in range(4):
        assert page.ingest_text(TEXT, collection=f"desk-{n}").startswith("1 added")
    refused = page.ingest_text(TEXT, collection="desk-4")
    assert refused.startswith("⚠️") and "BRIEFING_MAX_COLLECTIONS=5" in refused
    assert briefing.collections(runtime=rt) == ["briefing", "desk-0", "desk-1", "desk-2", "desk-3"]
    assert page.ingest_text(TEXT + " Again.", collection="desk-2").startswith("1 added")


def test_the_page_lets_go_of_collections_used_long_ago(settings: Settings) -> None:
    """A visitor going through 3 x OPEN collections leaves the page holding the runtimes of the OPEN used
    last (and its own); one let go opens again when asked. Before, every runtime was kept for good."""
    rt = briefing.Runtime(settings.model_copy(update={"max_collections": 100}), embedder=WordEmbeddings())
    page = Handlers(rt)
    names = [f"desk-{n}" for n in range(3 * OPEN)]
    for name in names:
        assert page.ingest_text(TEXT, collection=name).startswith("1 added")
        assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=page.on(name)).abstained
    assert list(page._runtimes) == names[-OPEN:]
    assert page.on("") is rt
    assert len(briefing.list_articles(runtime=page.on(names[0]))) == 1


def store_files(folder: Path) -> int:
    """How many files of the store folder this process holds open."""
    held = 0
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            held += os.readlink(fd).startswith(str(folder))
    return held


def test_the_page_lets_go_of_what_chroma_holds_for_collections_used_long_ago(settings: Settings) -> None:
    """Chroma keeps the vector index files (and memory) of every collection it has read until its instance
    stops; the page closes it once `OPEN` runtimes were let go, so a visitor going round 4 x OPEN collections
    twice leaves at most the files of 2 x OPEN + 1 collections open, and every collection still answers
    after. Before, each collection read kept 8 files open for good (40 collections: 500 files, 516 MB)."""
    rt = briefing.Runtime(settings.model_copy(update={"max_collections": 100}), embedder=WordEmbeddings())
    page = Handlers(rt)
    names = [f"desk-{n}" for n in range(4 * OPEN)]
    for name in ["", *names]:
        assert page.ingest_text(TEXT, collection=name).startswith("1 added")
    folder = Path(settings.store_dir)
    rt.release()
    base = store_files(folder)
    assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=rt).abstained
    each = store_files(folder) - base  # what reading one collection holds open
    assert each > 0
    most = 0
    for name in names + names:
        assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=page.on(name)).abstained
        most = max(most, store_files(folder))
    assert most <= base + each * (2 * OPEN + 1)
    assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=page.on("")).abstained


def test_the_store_is_not_closed_while_a_write_is_under_way(settings: Settings) -> None:
    """`Runtime.release` leaves the Chroma instance alone while any process (this one too) holds the write
    lock: closing it under a write would fail the write."""
    rt = briefing.Runtime(settings, embedder=WordEmbeddings())
    Handlers(rt).ingest_text(TEXT + " Again.")
    with writing(settings):
        assert not rt.release()
    assert rt.release()
    assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=rt).abstained
