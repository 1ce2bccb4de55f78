"""A brief on everything reads the newest articles only: the day from which there are n is found through
Chroma's date index, and the choice is the same as sorting every article's date."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

import briefing
from briefing.store.records import ArticleRecord, ChunkRecord, day_number, newest_day
from briefing.types import Filters


def probe(days: list[int], asked: list[int]) -> Any:
    def count(day: int) -> int:
        asked.append(day)
        return sum(d >= day for d in days)

    return count


@pytest.mark.parametrize(
    ("days", "n", "admitted"),
    [
        ([20240305, 20240301, 20240220, 20240304], 2, 2),
        ([20240305, 20240301, 20240220, 20240304], 4, 4),
        ([20240305, 20240305, 20240305, 20240101], 2, 3),  # ties: the whole day
        ([20240305, 20240305, 20240101], 3, 3),
        ([20240305], 2, None),  # too few dated
        ([20261231, 20240101], 1, 1),  # dated after `top`: from `top` on there are enough
    ],
)
def test_newest_day(days: list[int], n: int, admitted: int | None) -> None:
    day = newest_day(probe(days, []), n, date(2025, 6, 1))
    assert (day if day is None else sum(d >= day for d in days)) == admitted


@pytest.mark.parametrize("spread", [30, 900, 4000])
def test_newest_day_admits_the_newest_n_and_not_many_more_in_a_few_questions(spread: int) -> None:
    rng = random.Random(spread)
    for _ in range(100):
        first = date(2000, 1, 1) + timedelta(days=rng.randrange(3000))  # all before `top`
        skew = rng.choice([1, 3])  # 3: most articles of the last days, as in a news store
        count = rng.randrange(1, 3000)
        days = [day_number(first + timedelta(days=int(spread * rng.random() ** (1 / skew)))) for _ in range(count)]
        n = rng.randrange(1, len(days) + 1)
        asked: list[int] = []
        day = newest_day(probe(days, asked), n, date(2026, 11, 27))
        admitted, exact = sum(d >= day for d in days), sorted(days, reverse=True)[n - 1]
        assert admitted >= n and (admitted <= n + n // 4 or day == exact), (admitted, n, day, exact)
        assert len(asked) <= 30


def lead(n: int, day: str | None, source: str) -> ChunkRecord:
    meta: dict[str, Any] = {"article_id": f"a{n}", "chunk": 0, "source": source, "source_key": source, "title": ""}
    if day:
        meta |= {"date": day, "date_num": int(day.replace("-", ""))}
    vector = np.zeros(1024, dtype=np.float32)
    vector[n] = 1.0
    return ChunkRecord(f"a{n}:0", f"Lead {n}.", vector, meta)


def put(store: Any, records: list[ChunkRecord], pending: int = 0) -> None:
    """Write first passages as ingest does: catalog entries, passages, then all but `pending` entries ready."""
    entries = [ArticleRecord(r.metadata["article_id"], dict(r.metadata)) for r in records]
    store.begin(entries)
    store.write_chunks(records)
    store.commit(entries[: len(entries) - pending])


def by_sorting(records: list[ChunkRecord], n: int, filters: Filters | None) -> list[str]:
    """The old way: every lead's date read, sorted newest first (ties in the store's order), the first n."""
    kept = [r for r in records if not filters or not filters.source or r.metadata["source"] == filters.source]
    kept = [r for r in kept if not filters or not filters.until or r.metadata.get("date", "") <= filters.until]
    newest = sorted(kept, key=lambda r: str(r.metadata.get("date", "")), reverse=True)[:n]
    return sorted(r.id for r in newest)


class Counting:
    """A Chroma collection that counts the metadata rows read through it."""

    def __init__(self, collection: Any) -> None:
        self.collection, self.rows = collection, 0

    def get(self, **query: Any) -> Any:
        got = self.collection.get(**query)
        self.rows += len(got["metadatas"] or []) if "metadatas" in query.get("include", []) else 0
        return got


@pytest.mark.parametrize(
    ("n", "filters"),
    [(10, None), (40, None), (59, None), (60, None), (8, Filters(source="b")), (5, Filters(until="2024-02-10"))],
)
def test_newest_leads_are_those_sorting_every_date_picks(fake_runtime: briefing.Runtime, n, filters) -> None:
    rng = random.Random(5)
    days = [(date(2024, 1, 1) + timedelta(days=rng.randrange(60))).isoformat() for _ in range(50)]
    records = [lead(k, day, "a" if k % 3 else "b") for k, day in enumerate(days + [None] * 10)]  # 10 undated
    rng.shuffle(records)
    store = fake_runtime.store
    put(store, records[:30])
    store.write_chunks(
        [ChunkRecord(f"a{k}:1", "More.", np.ones(1024), {"article_id": f"a{k}", "chunk": 1}) for k in range(60)]
    )
    put(store, records[30:])
    leads = store.newest_leads(n, filters)
    assert sorted(p.id for p in leads.passages) == by_sorting(records, n, filters)
    assert leads.vectors.shape == (len(leads.passages), 1024)


def test_newest_leads_read_the_dates_of_the_newest_only(fake_runtime: briefing.Runtime) -> None:
    store = fake_runtime.store
    put(store, [lead(k, (date(2024, 1, 1) + timedelta(days=k)).isoformat(), "a") for k in range(200)])
    store.chunks = counting = Counting(store.chunks)
    leads = store.newest_leads(20)
    assert sorted(int(p.article_id[1:]) for p in leads.passages) == list(range(180, 200))
    assert counting.rows <= 40  # the 20 chosen, their texts and vectors read again: not all 200 dates


def test_too_few_from_the_day_found_reads_them_all(fake_runtime: briefing.Runtime, monkeypatch) -> None:
    """Articles deleted between finding the day and reading from it: the newest are still the newest."""
    store = fake_runtime.store
    records = [lead(k, (date(2024, 1, 1) + timedelta(days=k)).isoformat(), "a") for k in range(30)]
    put(store, records)
    monkeypatch.setattr(
        briefing.store.reads, "newest_day_in", lambda *_: 20240125
    )  # 6 from that day: 10 were there before
    assert sorted(p.id for p in store.newest_leads(10).passages) == by_sorting(records, 10, None)


def test_the_newest_are_found_while_newer_entries_are_still_pending(fake_runtime: briefing.Runtime) -> None:
    """Catalog entries of an ingest under way whose passages have not landed yet are not counted as leads."""
    store = fake_runtime.store
    records = [lead(k, (date(2024, 1, 1) + timedelta(days=k)).isoformat(), "a") for k in range(40)]
    put(store, records[:30])
    store.begin([ArticleRecord(r.metadata["article_id"], dict(r.metadata)) for r in records[30:]])  # no passages
    assert sorted(p.id for p in store.newest_leads(10).passages) == by_sorting(records[:30], 10, None)


def test_a_store_of_no_more_than_n_articles_is_read_in_one_call(fake_runtime: briefing.Runtime) -> None:
    """A brief on everything of a store smaller than its article cap (the 3,808-article news store under
    5,000) read every lead's metadata, then the same leads again with their vectors: twice the rows."""
    store = fake_runtime.store
    records = [lead(k, (date(2024, 1, 1) + timedelta(days=k)).isoformat(), "a") for k in range(30)]
    put(store, records)
    store.chunks = counting = Counting(store.chunks)
    leads = store.newest_leads(50)
    assert sorted(p.id for p in leads.passages) == by_sorting(records, 50, None)
    assert counting.rows == 30
