"""The keyword index over every stored chunk: it finds what the vectors miss and keeps in step with the store."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

import briefing
from briefing.store.keyword_reads import Damaged
from briefing.store.keywords import KeywordIndex
from briefing.store.search import keyword_hits, search
from briefing.store.store import Store
from briefing.types import Filters

FILLER = " ".join(f"word{n}" for n in range(60))
NEEDLE = f"The council of Varnholt decided to close the harbour. {FILLER}."


def stocked(rt: briefing.Runtime) -> None:
    texts = [NEEDLE] + [f"The committee will decide on item {n} of the agenda today." for n in range(20)]
    briefing.ingest(
        [briefing.make_article(t, source=f"s{n}", date="2024-06-03") for n, t in enumerate(texts)], runtime=rt
    )


def test_an_exact_name_the_vectors_miss_is_found_by_keyword(fake_runtime: briefing.Runtime) -> None:
    stocked(fake_runtime)
    query = "What did Varnholt decide?"
    vector = np.asarray(fake_runtime.embedder.embed_query(query))
    dense_only = search(fake_runtime.store, query, vector, k=4, fetch_k=3)
    assert not any("Varnholt" in p.text for p in dense_only.passages)  # the long chunk is far in meaning
    # in the keyword ranking the needle is first; fused, it may come after passages both rankings hold
    fused = search(fake_runtime.store, query, vector, k=4, fetch_k=3, keywords=fake_runtime.keywords)
    assert any("Varnholt" in p.text for p in fused.passages)
    answer = briefing.ask(query, runtime=fake_runtime)
    assert not answer.abstained and "Varnholt decided" in answer.text


def test_the_index_keeps_in_step_with_ingest_forget_and_other_writers(fake_runtime: briefing.Runtime) -> None:
    stocked(fake_runtime)
    index = fake_runtime.keywords
    hits = keyword_hits(fake_runtime.store, index, "Varnholt", 3, None)
    assert [p.text[:30] for p in hits.passages] == [NEEDLE[:30]]
    article = next(a for a in briefing.list_articles(runtime=fake_runtime) if a.source == "s0")
    briefing.forget(article.id, runtime=fake_runtime)
    assert not any(
        "Varnholt" in p.text for p in search(fake_runtime.store, "Varnholt", np.zeros(1024), 3, keywords=index).passages
    )
    # another process writes to the same store: this index notices and catches up
    other = briefing.Runtime(fake_runtime.settings, embedder=fake_runtime.embedder)
    briefing.ingest([briefing.make_article("Varnholt reopened the harbour on Friday.", source="late")], runtime=other)
    found = keyword_hits(fake_runtime.store, index, "Varnholt", 3, None)
    assert [p.source for p in found.passages] == ["late"]
    # the index on disk is whole and reloads without reading the store again
    again = KeywordIndex(index.folder)
    assert again.revision == index.revision and again.search("Varnholt", 3)[0][0] == found.passages[0].id


def test_filters_apply_to_keyword_hits(fake_runtime: briefing.Runtime) -> None:
    stocked(fake_runtime)
    index = fake_runtime.keywords
    assert keyword_hits(fake_runtime.store, index, "Varnholt", 3, Filters.of(source="s1")).passages == []
    assert [
        p.source for p in keyword_hits(fake_runtime.store, index, "Varnholt", 3, Filters.of(source="s0")).passages
    ] == ["s0"]


def test_word_rarity_comes_from_the_whole_store_and_an_older_index_is_rebuilt(fake_runtime: briefing.Runtime) -> None:
    stocked(fake_runtime)
    index = fake_runtime.keywords
    keyword_hits(fake_runtime.store, index, "Varnholt", 3, None)  # builds the index
    rarity = index.rarity(["varnholt", "committee", "councillor", "absent"])
    # one chunk of 21 holds Varnholt (and its council), 20 the committee: the rare word weighs most; a form
    # of a stored word takes its weight; a word the store lacks weighs as the rarest of the others
    assert rarity["varnholt"] > rarity["committee"] > 0
    assert rarity["councillor"] == rarity["absent"] == rarity["varnholt"]
    assert index.rarity(["absent"]) == {"absent": 1.0}
    (index.folder / "df.json").unlink()  # an index written before rarities were kept
    older = KeywordIndex(index.folder)
    assert not older.in_step(fake_runtime.store.revision())
    keyword_hits(fake_runtime.store, older, "Varnholt", 3, None)
    assert older.rarity(["varnholt"]) == pytest.approx({"varnholt": rarity["varnholt"]})
    assert KeywordIndex(index.folder.with_name("none")).rarity(["varnholt"]) == {}


def test_two_writers_catching_up_at_once_leave_one_whole_index(fake_runtime: briefing.Runtime) -> None:
    stocked(fake_runtime)
    store, folder = fake_runtime.store, fake_runtime.keywords.folder
    revision, ids = store.revision(), store.chunk_ids()
    errors: list[BaseException] = []

    def build() -> None:
        try:
            KeywordIndex(folder).catch_up(revision, ids, store.chunk_texts)
        except BaseException as exc:
            errors.append(exc)

    for _ in range(5):
        writers = [threading.Thread(target=build) for _ in range(4)]
        for w in writers:
            w.start()
        for w in writers:
            w.join()
    assert errors == []
    index = KeywordIndex(folder)
    assert index.in_step(revision) and index.ids == ids
    assert [p.text[:30] for p in keyword_hits(store, index, "Varnholt", 3, None).passages] == [NEEDLE[:30]]
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no leftovers


def test_ingest_leaves_the_index_in_step_so_the_next_question_does_not_build_it(
    fake_runtime: briefing.Runtime, monkeypatch
) -> None:
    stocked(fake_runtime)
    on_disk = KeywordIndex(fake_runtime.keywords.folder)  # what a fresh process (the page, `ask`) finds
    assert on_disk.in_step(fake_runtime.store.revision())
    built = []
    monkeypatch.setattr(KeywordIndex, "catch_up", lambda *args: built.append(args))
    assert keyword_hits(fake_runtime.store, on_disk, "Varnholt", 3, None).passages
    assert built == []


def test_ingest_builds_the_index_from_the_texts_it_wrote_without_reading_them_back(
    fake_runtime: briefing.Runtime, monkeypatch
) -> None:
    stocked(fake_runtime)  # an index over the first articles; the next ingest adds to it
    asked: list[str] = []
    read = Store.chunk_texts
    monkeypatch.setattr(Store, "chunk_texts", lambda self, ids: asked.extend(ids) or read(self, ids))
    late = briefing.make_article(f"Varnholt reopened the harbour on Friday. {FILLER}.", source="late")
    briefing.ingest([late], runtime=fake_runtime)
    assert asked == []  # neither the new chunks' texts nor the kept ones' were read from the store
    store = fake_runtime.store  # (a write opens the store anew)
    index = KeywordIndex(fake_runtime.keywords.folder)
    assert index.in_step(store.revision()) and sorted(index.ids) == sorted(store.chunk_ids())
    assert {p.source for p in keyword_hits(store, index, "Varnholt harbour", 3, None).passages} == {"s0", "late"}
    # the index lost (a damaged one is reset): the next ingest reads the chunks it did not write from the store
    fake_runtime.keywords.reset()
    kept = store.chunk_ids()
    briefing.ingest([briefing.make_article("Varnholt fishermen protest.", source="later")], runtime=fake_runtime)
    store = fake_runtime.store
    assert sorted(asked) == sorted(kept) and len(store.chunk_ids()) == len(kept) + 1
    hits = keyword_hits(store, fake_runtime.keywords, "Varnholt", 5, None).passages
    assert {p.source for p in hits} == {"s0", "late", "later"}


WORDS = "harbour council strike grain ships insurers mines premiums dockers ferry storm wages port vote".split()


def corpus(n: int, seed: int = 0) -> dict[str, str]:
    rng = np.random.default_rng(seed)
    return {f"c{seed}-{k}": " ".join(rng.choice(WORDS, size=int(rng.integers(5, 30)))) for k in range(n)}


def test_chunks_added_later_are_kept_beside_the_whole_index_and_ranked_as_a_rebuild_would(tmp_path: Path) -> None:
    first, later = corpus(600), corpus(40, seed=1)
    texts = {**first, **later}
    read: list[str] = []

    def reader(ids: list[str]) -> list[str]:
        read.extend(ids)
        return [texts[i] for i in ids]

    index = KeywordIndex(tmp_path / "kw")
    index.catch_up("r1", list(first), reader)
    assert not (index.folder / "recent.jsonl").exists()
    inode = (index.folder / "tokens.jsonl").stat().st_ino
    read.clear()
    index.catch_up("r2", [*first, *later], reader)
    assert read == list(later)  # only the new texts are read
    assert (index.folder / "tokens.jsonl").stat().st_ino == inode  # the whole index is linked, not rewritten
    assert sorted(index.ids) == sorted(texts)
    reopened = KeywordIndex(tmp_path / "kw")  # as another process reads it
    rebuilt = KeywordIndex(tmp_path / "whole")
    rebuilt.catch_up("r2", [*first, *later], reader)
    assert reopened.in_step("r2") and not (rebuilt.folder / "recent.jsonl").exists()
    for query in ("harbour strike", "grain ships insurers", "dockers wages vote", "storm ferry port"):
        got, want = reopened.search(query, 10), rebuilt.search(query, 10)
        assert [i for i, _ in got[:5]] == [i for i, _ in want[:5]], query
        assert np.allclose([s for _, s in got], [s for _, s in want], rtol=0.05)
    assert reopened.rarity(["harbour", "zebra"]) == pytest.approx(rebuilt.rarity(["harbour", "zebra"]), rel=0.01)


def test_chunks_gone_leave_the_results_and_a_tenth_of_the_index_gone_or_added_rebuilds_it(tmp_path: Path) -> None:
    first = corpus(600)
    texts = {**first, **corpus(700, seed=2)}
    index = KeywordIndex(tmp_path / "kw")
    index.catch_up("r1", list(first), lambda ids: [texts[i] for i in ids])
    best = index.search("harbour strike", 3)[0][0]
    kept = [i for i in first if i != best]
    index.catch_up("r2", kept, lambda ids: [texts[i] for i in ids])
    assert (index.folder / "gone.json").exists()
    assert best not in index.ids and best not in [
        i for i, _ in KeywordIndex(tmp_path / "kw").search("harbour strike", 600)
    ]
    index.catch_up("r3", list(texts), lambda ids: [texts[i] for i in ids])  # 700 more than 600: rebuilt whole
    assert not (index.folder / "recent.jsonl").exists() and not (index.folder / "gone.json").exists()
    assert sorted(KeywordIndex(tmp_path / "kw").ids) == sorted(texts)


@pytest.mark.parametrize("name", ["recent.jsonl", "gone.json"])
def test_garbage_in_the_recent_files_rebuilds_the_index(tmp_path: Path, name: str) -> None:
    first, later = corpus(100), corpus(10, seed=3)
    texts = {**first, **later}
    index = KeywordIndex(tmp_path / "kw")
    index.catch_up("r1", list(first), lambda ids: [texts[i] for i in ids])
    index.catch_up("r2", list(texts), lambda ids: [texts[i] for i in ids])
    (index.folder / name).write_bytes(b"\x00garbage{[" * 10)
    damaged = KeywordIndex(tmp_path / "kw")
    with pytest.raises(Damaged):
        damaged.search("harbour", 3)
    damaged.catch_up("r3", list(texts), lambda ids: [texts[i] for i in ids])
    assert sorted(damaged.ids) == sorted(texts) and damaged.search("harbour", 3)
