"""Chroma's own limits: a call writes at most `get_max_batch_size()` records (5,461 for the folder store),
however many articles one ingest holds."""

from __future__ import annotations

import csv
from pathlib import Path

import briefing
from briefing.store.batches import Batched, spans

ROWS = 6000  # one-line articles: one ingest batch of characters, more records than one Chroma call takes


def test_many_short_articles_land_and_go(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    """6,000 one-line rows of a CSV: all land (they failed whole: "Batch size of 6000 is greater than max
    batch size of 5461"), are read back by id, and are removed again in one go."""
    path = tmp_path / "short.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "text"])
        for n in range(ROWS):
            writer.writerow([f"r{n}", f"Note {n}", f"Harbour note {n}: the quay {n % 97} reopened today."])
    report = briefing.ingest([path], runtime=fake_runtime)
    assert (report.added, report.skipped) == (ROWS, [])
    store = fake_runtime.store
    ids = [e.id for e in store.ready()]
    assert len(ids) == ROWS
    assert len(store.articles(ids)) == ROWS  # read by ids: more than one call holds
    assert len(store.sentences_of(ids).passages) == ROWS
    assert store.delete(ids) == ROWS
    assert store.count() == (0, 0)


def test_calls_are_cut_by_records_and_by_characters() -> None:
    """Every write is cut both ways; a record larger than the text limit goes alone."""
    assert list(spans([1] * 7, 3, 100)) == [(0, 3), (3, 6), (6, 7)]
    assert list(spans([40, 40, 40, 200, 10], 10, 100)) == [(0, 2), (2, 3), (3, 4), (4, 5)]
    assert list(spans([], 3, 100)) == []

    calls: list[dict] = []

    class Recording:
        def upsert(self, **kwargs: object) -> None:
            calls.append(kwargs)

    Batched(Recording(), 2, chars=10).upsert(ids=["a", "b", "c", "d"], documents=["x" * 6] * 4, metadatas=[{}] * 4)
    assert [c["ids"] for c in calls] == [["a"], ["b"], ["c"], ["d"]]
    calls.clear()
    Batched(Recording(), 2).upsert(ids=["a", "b", "c"], embeddings=[[1.0], [2.0], [3.0]])
    assert [(c["ids"], c["embeddings"]) for c in calls] == [(["a", "b"], [[1.0], [2.0]]), (["c"], [[3.0]])]
