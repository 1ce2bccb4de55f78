"""A store written by an older version: what still works, what says to ingest again, and that ingesting
again upgrades it in place (schema 3 kept one vector-indexed record per sentence in `<name>-sentences`)."""

from __future__ import annotations

import briefing
from briefing.api.summarize import OLD_STORE
from briefing.store.store import OLD_SENTENCES_SUFFIX, SCHEMA
from tests.conftest import SEED


def make_old(rt: briefing.Runtime) -> None:
    """Turn a freshly ingested store into what schema 3 left: entries marked 3, no sentence records, and
    the old per-sentence collection beside it."""
    store = rt.store
    ids = [a.id for a in store.ready()]
    store.catalog.update(ids=ids, metadatas=[{"schema": SCHEMA - 1}] * len(ids))
    store.quotable.delete(ids=ids)
    old = store.client.get_or_create_collection(rt.settings.collection + OLD_SENTENCES_SUFFIX)
    old.upsert(ids=[f"{i}:s0" for i in ids], embeddings=[[0.1] * 8] * len(ids), documents=["A sentence."] * len(ids))


def test_an_old_store_answers_says_to_ingest_again_for_briefs_and_is_upgraded_by_ingest(
    fake_runtime: briefing.Runtime,
) -> None:
    rt = fake_runtime
    assert briefing.ingest([SEED], runtime=rt).added == 1
    make_old(rt)
    rt.refresh()
    assert not briefing.ask("How many troops?", runtime=rt).abstained  # the passages are all there
    brief = briefing.summarize(topic="troops", runtime=rt, keep=False)
    assert brief.abstained and OLD_STORE in brief.render()
    report = briefing.ingest([SEED], runtime=rt)  # the same file: rewritten once, not skipped as unchanged
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 0)
    names = {getattr(c, "name", c) for c in rt.store.client.list_collections()}
    assert rt.settings.collection + OLD_SENTENCES_SUFFIX not in names  # nothing reads it any more
    assert {int(a.metadata["schema"]) for a in rt.store.ready()} == {SCHEMA}
    assert not briefing.summarize(topic="troops", runtime=rt, keep=False).abstained
    assert briefing.ingest([SEED], runtime=rt).unchanged == 1  # and only once
