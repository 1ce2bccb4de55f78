"""Another process writing to the store folder while this one reads (two pages on one store, a page and a
CLI ingest): a read Chroma fails on is tried again on the store read anew, also while this process holds
the write lock or waits for it, and a healthy store is never called damaged."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromadb.errors import InternalError
from filelock import FileLock

import briefing
from briefing.errors import StoreError
from briefing.store.lock import lock_path
from briefing.store.store import Store
from tests.reliability.crashing import env

DAMAGED = "Move the folder aside"


def chroma_fails(store: Store) -> None:
    """A read Chroma fails on, as it does on chunks another process wrote meanwhile."""
    raise StoreError(f"the store is damaged or unreadable (Error finding id). {DAMAGED}") from InternalError(
        "Error finding id"
    )


@pytest.fixture
def another_writer(rt: briefing.Runtime) -> Iterator[None]:
    """Another process holds the store's write lock (what `briefing ingest` holds while it writes)."""
    path = lock_path(rt.settings)
    assert path is not None
    lock = FileLock(path)
    lock.acquire()
    yield
    lock.release()


def test_a_read_is_tried_again_while_this_process_writes(rt: briefing.Runtime) -> None:
    """This process holds its write lock (an upload writing, or waiting for another writer): the read that
    failed runs again on the store read anew. Before, it was not tried again and said "damaged"."""
    first = rt.store
    with rt._writing:
        assert rt.reading(lambda store: "read" if store is not first else chroma_fails(store)) == "read"
        # the writer keeps the store it writes through
        assert rt.store is first


def harbour(n: int) -> str:
    return (
        f"date 2024-05-{1 + n % 28:02d}\nThe harbour number {n} reported cargo rose by {n * 7 + 3} percent in May. "
        f"Dock workers in district {n} signed a contract."
    )


def test_the_page_asks_while_it_waits_to_write_and_another_process_ingests(
    rt: briefing.Runtime, tmp_path: Path
) -> None:
    """The page has loaded the store and waits to write (an upload behind another writer's lock) while a
    `briefing ingest` process adds 200 articles: its questions are answered from them. Before, every
    question said "damaged or unreadable (… Error finding id). Move the folder aside" until the page wrote."""
    briefing.ingest([harbour(n) for n in range(20)], runtime=rt)
    assert "harbour number 3 " in briefing.ask("How much did cargo rise at harbour number 3?", runtime=rt).text
    more = tmp_path / "more"
    more.mkdir()
    for n in range(20, 220):
        (more / f"h{n}.txt").write_text(harbour(n), encoding="utf-8")
    with rt._writing:  # this process holds its write lock: before, that stopped the read from being tried again
        written = subprocess.run(
            [sys.executable, "-m", "briefing.cli", "ingest", str(more)],
            env={**env(rt.settings.store_dir), "BRIEFING_BATCH_CHARS": "400000"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert written.returncode == 0, written.stderr
        for n in (150, 210):
            answer = briefing.ask(f"How much did cargo rise at harbour number {n}?", runtime=rt)
            assert not answer.abstained, answer.text  # the answer, not "the nearest they come" (which quoted it)
            assert f"harbour number {n} reported cargo rose by {n * 7 + 3} percent" in answer.text


def test_a_store_another_process_keeps_writing_is_not_called_damaged(
    rt: briefing.Runtime, another_writer: None
) -> None:
    """Every try fails while another process writes: the message says so and that nothing is lost, and
    never tells the operator to move a healthy store aside."""
    with pytest.raises(StoreError) as failed:
        rt.reading(chroma_fails)
    message = str(failed.value)
    assert "could not be read while another process writes" in message and "Nothing is lost" in message
    assert DAMAGED not in message and "Error finding id" in message


def test_a_store_that_fails_with_no_one_writing_is_damaged(rt: briefing.Runtime) -> None:
    """With no process writing, a read that fails on every try says the store is damaged (and how to recover)."""
    with pytest.raises(StoreError, match=DAMAGED):
        rt.reading(chroma_fails)


def test_a_bad_request_is_not_tried_again(rt: briefing.Runtime) -> None:
    calls = []

    def refused(store: Store) -> None:
        calls.append(store)
        raise briefing.BriefingError("give a question")

    with pytest.raises(briefing.BriefingError, match="give a question"):
        rt.reading(refused)
    assert len(calls) == 1
