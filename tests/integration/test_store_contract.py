"""One contract for the store, run against both places it can live: the local folder (PersistentClient) and a
real `chroma run` server (HttpClient). Whatever passes here, ingest, retrieval and briefs can rely on."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import chromadb
import numpy as np
import pytest

from briefing.errors import StoreError
from briefing.store.quotable import sentence_set
from briefing.store.records import ArticleRecord, ChunkRecord
from briefing.store.store import Store
from briefing.text.clean import Sentence
from briefing.types import Filters
from tests.fakes import WordEmbeddings

EMBEDDER = WordEmbeddings()
ARTICLES = {
    "a1": ("2024-03-04", "Harbour Post", ["Ships wait at the port of Odesa.", "Mines remain a risk for shipping."]),
    "a2": ("2024-03-05", "Wire", ["Grain exports resumed from Odesa.", "Insurers raised premiums for ships."]),
    "a3": ("2024-02-10", "Wire", ["Voters in Finland chose a new president."]),
}

MakeStore = Callable[..., Store]


@pytest.fixture(params=["folder", "server"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> MakeStore:
    """Opens a store (a fresh collection per test) in a local folder, or on the session's `chroma run` server."""
    settings = chromadb.config.Settings(anonymized_telemetry=False)
    if request.param == "folder":
        client = chromadb.PersistentClient(path=str(tmp_path / "store"), settings=settings)
    else:
        port = request.getfixturevalue("chroma_port")
        client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=settings)
    name = f"contract-{uuid.uuid4().hex[:12]}"
    return lambda embedder=EMBEDDER.name: Store(client, name, embedder)


def records(article: str, copy_of: str = "") -> tuple[ArticleRecord, list[ChunkRecord], list[ChunkRecord]]:
    """An article's catalog entry, chunks and the record of its sentences (here each chunk is one sentence,
    and the article's text is its sentences joined by spaces)."""
    date, source, texts = ARTICLES[article]
    meta = {"article_id": article, "key": f"key-{article}", "title": f"Title {article}", "source": source}
    meta |= {"source_key": source.casefold(), "url": "", "date": date, "date_num": int(date.replace("-", ""))}
    meta |= {"copy_of": copy_of, "origin": copy_of or article}
    chunks, sentences, start = [], [], 0
    for n, text in enumerate(texts):
        vector = EMBEDDER.vector(text).tolist()
        end = start + len(text)
        chunks.append(ChunkRecord(f"{article}:{n}", text, vector, {**meta, "chunk": n, "start": start, "end": end}))
        sentences.append(Sentence(start, end, referent="Kyiv" if n else None))
        start = end + 1
    vectors = np.asarray([EMBEDDER.vector(t) for t in texts], dtype=np.float32)
    said = sentence_set(article, " ".join(texts), sentences, vectors, meta)
    entry = {**meta, "chunks": len(chunks), "sentences": len(sentences), "replaces": "", "minhash": f"sig-{article}"}
    return ArticleRecord(article, entry), chunks, [said]


def put(store: Store, *articles: str, copy_of: str = "") -> None:
    entries = [records(a, copy_of) for a in articles]
    store.begin([e for e, _, _ in entries])
    store.write_chunks([c for _, chunks, _ in entries for c in chunks], [s for _, _, said in entries for s in said])
    store.commit([e for e, _, _ in entries])


def test_an_article_is_seen_only_once_committed(make_store: MakeStore) -> None:
    store = make_store()
    entry, chunks, sentences = records("a1")
    store.begin([entry])
    store.write_chunks(chunks, sentences)
    assert store.ready() == [] and store.count() == (0, 2)
    assert [a.metadata["status"] for a in store.articles()] == ["pending"]
    store.commit([entry])
    assert [a.id for a in store.ready()] == ["a1"] and store.count() == (1, 2)
    assert store.ready(["a1", "missing"])[0].metadata["title"] == "Title a1"
    assert store.ready_by_key(["key-a1", "key-zz"]) == {"key-a1": ["a1"]}


def test_query_returns_the_nearest_passages_with_their_vectors(make_store: MakeStore) -> None:
    store = make_store()
    put(store, "a1", "a2", "a3")
    query = "Mines remain a risk for shipping."
    hits = store.query(EMBEDDER.vector(query), k=3)
    assert hits.passages[0].id == "a1:1"
    assert hits.passages[0].score == pytest.approx(1.0, abs=1e-4)  # cosine similarity of an identical text
    scores = [p.score for p in hits.passages]
    assert scores == sorted(scores, reverse=True) and len(scores) == 3
    assert hits.vectors.shape == (3, EMBEDDER.size)
    assert np.allclose(hits.vectors[0], EMBEDDER.vector(query), atol=1e-5)
    p = hits.passages[0]
    assert (p.article_id, p.title, p.source, p.date, p.chunk) == ("a1", "Title a1", "Harbour Post", "2024-03-04", 1)


@pytest.mark.parametrize(
    ("filters", "articles"),
    [
        (Filters(), {"a1", "a2", "a3"}),
        (Filters.of(since="2024-03-01"), {"a1", "a2"}),
        (Filters.of(until="2024-03-04"), {"a1", "a3"}),
        (Filters.of("2024-03-05", "2024-03-05"), {"a2"}),
        (Filters.of(source="WIRE"), {"a2", "a3"}),
        (Filters.of(since="2024-03-01", source="wire"), {"a2"}),
        (Filters.of(source="nobody"), set()),
    ],
)
def test_filters_narrow_queries_and_reads_alike(make_store: MakeStore, filters: Filters, articles: set[str]) -> None:
    store = make_store()
    put(store, "a1", "a2", "a3")
    queried = store.query(EMBEDDER.vector("Odesa ships"), k=10, filters=filters)
    assert {p.article_id for p in queried.passages} == articles
    read = store.passages(filters)
    assert {p.article_id for p in read.passages} == articles
    assert read.vectors.shape[0] == len(read.passages)


def test_whole_store_reads_page_through_everything(make_store: MakeStore) -> None:
    store = make_store()
    put(store, "a1", "a2", "a3")
    store._batch = 2  # force several pages
    read = store.passages()
    assert sorted(p.id for p in read.passages) == ["a1:0", "a1:1", "a2:0", "a2:1", "a3:0"]
    for passage, vector in zip(read.passages, read.vectors, strict=True):
        assert np.allclose(vector, EMBEDDER.vector(passage.text), atol=1e-5)


@pytest.mark.parametrize(
    ("n", "filters", "leads"),
    [
        (1, None, ["a2:0"]),
        (2, None, ["a1:0", "a2:0"]),
        (3, None, ["a1:0", "a2:0", "a3:0"]),
        (1, Filters.of(until="2024-03-04"), ["a1:0"]),
        (1, Filters.of(source="wire"), ["a2:0"]),
    ],
)
def test_newest_leads_found_through_the_date_index(make_store: MakeStore, n, filters, leads) -> None:
    store = make_store()
    put(store, "a1", "a2", "a3")
    found = store.newest_leads(n, filters)
    assert sorted(p.id for p in found.passages) == leads
    assert found.vectors.shape == (len(leads), EMBEDDER.vector("x").shape[0])


def test_an_empty_store_answers_with_nothing(make_store: MakeStore) -> None:
    store = make_store()
    assert store.query(EMBEDDER.vector("anything"), k=5).passages == []
    assert store.passages().passages == [] and store.count() == (0, 0)


def test_delete_and_replace(make_store: MakeStore) -> None:
    store = make_store()
    put(store, "a1", "a2")
    assert store.delete(["a1"]) == 2
    assert [a.id for a in store.ready()] == ["a2"] and store.count() == (1, 2)
    entry, chunks, sentences = records("a3")
    store.begin([entry])
    store.write_chunks(chunks, sentences)
    store.commit([entry], replaced=["a2"])
    assert [a.id for a in store.ready()] == ["a3"] and store.count() == (1, 1)
    assert {p.article_id for p in store.sentences_of(["a1", "a2", "a3"]).passages} == {"a3"}


def test_repair_finishes_what_landed_and_rolls_back_the_rest(make_store: MakeStore) -> None:
    store = make_store()
    whole, whole_chunks, whole_said = records("a1")
    part, part_chunks, part_said = records("a2")
    third, third_chunks, _ = records("a3")
    store.begin([whole, part, third])
    # the process died half way: a2 lost a chunk, a3 its sentences
    store.write_chunks(whole_chunks + part_chunks[:1] + third_chunks, whole_said + part_said)
    assert store.repair() == (1, 2)
    assert [a.id for a in store.ready()] == ["a1"] and store.count() == (1, 2)
    assert {p.article_id for p in store.sentences_of(["a1", "a2", "a3"]).passages} == {"a1"}
    assert store.articles(where={"status": "pending"}) == []


def test_an_articles_sentences_come_back_whole_with_their_exact_vectors(make_store: MakeStore) -> None:
    store = make_store()
    put(store, "a1", "a2", "a3")
    hits = store.sentences_of(["a2", "missing", "a1", "a2"])  # in the order asked, each article once
    assert [p.id for p in hits.passages] == ["a2:s0", "a2:s34", "a1:s0", "a1:s33"]
    assert [p.text for p in hits.passages[:2]] == list(ARTICLES["a2"][2])
    expected = np.asarray([EMBEDDER.vector(t) for t in [*ARTICLES["a2"][2], *ARTICLES["a1"][2]]], dtype=np.float32)
    assert hits.vectors.dtype == np.float32 and np.array_equal(hits.vectors, expected)  # bit for bit
    second = hits.passages[1]
    assert (second.article_id, second.source, second.date, second.chunk, second.start, second.end) == (
        "a2",
        "Wire",
        "2024-03-05",
        1,
        34,
        34 + len(ARTICLES["a2"][2][1]),
    )
    shown = [(m["referent"], m["damaged"], m["origin"]) for m in hits.meta[:2]]
    assert shown == [("", False, "a2"), ("Kyiv", False, "a2")]
    assert "sentences" not in hits.meta[0] and "vectors" not in hits.meta[0]  # the record's own keys stay inside
    assert store.delete(["a2"]) == 2
    assert [p.article_id for p in store.sentences_of(["a1", "a2"]).passages] == ["a1", "a1"]
    assert store.sentences_of([]).passages == [] and store.has_sentences()


def test_copy_groups_reach_chunks_and_sentences_and_outlive_their_first_member(make_store: MakeStore) -> None:
    store = make_store()
    put(store, "a1")
    put(store, "a2", "a3", copy_of="a1")
    assert sorted(str(a.metadata["copy_of"]) for a in store.ready()) == ["", "a1", "a1"]
    store.delete(["a1"])  # a3 (2024-02-10) is the earliest who stays: the group is named after it
    groups = {a.id: a.metadata["copy_of"] for a in store.ready()}
    assert groups == {"a2": "a3", "a3": ""}
    origins = {m["article_id"]: m["origin"] for m in store.sentences_of(["a1", "a2", "a3"]).meta}
    assert origins == {"a2": "a3", "a3": "a3"}
    chunk_groups = {m["article_id"]: m["copy_of"] for m in store.chunks.get(include=["metadatas"])["metadatas"]}
    assert chunk_groups == {"a2": "a3", "a3": ""}


def test_a_store_refuses_another_embedding_model(make_store: MakeStore) -> None:
    make_store()
    with pytest.raises(StoreError, match="holds vectors from"):
        make_store("another-model")
