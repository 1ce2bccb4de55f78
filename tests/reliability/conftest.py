"""A store that already holds an article, and a batch helper: every bad input goes in beside a good file,
so each case shows the good file still lands and nothing else in the store changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import briefing
from briefing.pipeline.plan import IngestReport
from briefing.types import article_id

RESIDENT = (
    "date 2024-03-01\nThe port of Odesa reopened on Monday after a week of closures. Officials said 40 ships "
    "were waiting to load grain."
)
GOOD_TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."
GOOD_ID = article_id(GOOD_TEXT)


@dataclass
class Batch:
    """What one ingest of a bad input beside a good file did, and the store before and after."""

    report: IngestReport
    before: set[str]
    after: set[str]
    chunks_before: int
    chunks_after: int

    @property
    def new(self) -> set[str]:
        return self.after - self.before


def stored(rt: briefing.Runtime) -> tuple[set[str], int]:
    """Ids of the ready articles and the number of chunks."""
    return {e.id for e in rt.store.ready()}, rt.store.chunk_count()


@pytest.fixture
def rt(fake_runtime: briefing.Runtime) -> briefing.Runtime:
    """The fake-embedder runtime with one article already stored."""
    briefing.ingest([RESIDENT], runtime=fake_runtime)
    return fake_runtime


def ingest_beside_good(rt: briefing.Runtime, folder: Path, *bad: Path) -> Batch:
    """Ingest the bad paths and a good file in one call."""
    good = folder / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    before, chunks_before = stored(rt)
    report = briefing.ingest([*bad, good], runtime=rt)
    after, chunks_after = stored(rt)
    assert GOOD_ID in after and before <= after  # the good file landed; nothing stored went away
    return Batch(report, before, after, chunks_before, chunks_after)


def chunks_of(rt: briefing.Runtime, ids: set[str]) -> tuple[list[str], list[dict]]:
    """Documents and metadata of the chunks of these articles."""
    got = rt.store.chunks.get(where={"article_id": {"$in": sorted(ids)}}, include=["documents", "metadatas"])
    return list(got["documents"] or []), [dict(m) for m in got["metadatas"] or []]


def catalog(rt: briefing.Runtime, article: str) -> dict:
    """The catalog entry (title, source, date, ...) of one stored article."""
    (entry,) = rt.store.ready([article])
    return entry.metadata
