"""Ingest with LangChain's fake embedding and a tmp_path Chroma: ids, idempotency, bad input, crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing
from briefing.errors import StoreError
from briefing.sources.articles import make_article
from briefing.sources.chunks import chunk_article
from briefing.store.records import ArticleRecord
from briefing.store.store import Store
from tests.conftest import SEED
from tests.fakes import WordEmbeddings

ARTICLE = (
    "date 2024-03-01\nThe port of Odesa reopened on Monday after a week of closures. Officials said 40 ships "
    "were waiting to load grain.\n\nThe harbour master warned that mines remain a risk for shipping. Insurers "
    "raised premiums by 15 percent."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def chunk_ids(rt: briefing.Runtime) -> list[str]:
    return sorted(rt.store.chunks.get(include=[])["ids"])


@pytest.mark.parametrize(("size", "overlap"), [(200, 0), (300, 60), (800, 120)])
def test_chunks_keep_exact_offsets(size: int, overlap: int) -> None:
    article = make_article(SEED.read_text(encoding="utf-8"), key="seed")
    chunks = chunk_article(article, size, overlap)
    assert len(chunks) >= 2
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert article.text[c.start : c.end] == c.text
        assert len(c.text) <= size
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert len(covered) >= 0.95 * len(article.text.strip())


def test_ingest_seed_then_again_is_a_no_op(fake_runtime: briefing.Runtime) -> None:
    first = briefing.ingest([SEED.parent], runtime=fake_runtime)
    assert (first.added, first.unchanged, first.replaced, first.skipped) == (1, 0, 0, [])
    assert first.chunks == fake_runtime.store.chunks.count() > 1
    before = chunk_ids(fake_runtime)
    second = briefing.ingest([SEED], runtime=fake_runtime)
    assert (second.added, second.unchanged, second.chunks) == (0, 1, 0)
    assert chunk_ids(fake_runtime) == before
    assert second.summary() == "0 added, 1 unchanged, 0 replaced; 0 chunks written; 0 skipped"


def test_the_same_article_twice_in_one_file_lands_once(tmp_path: Path, fake_runtime: briefing.Runtime) -> None:
    rows = "text,title,url\n" + "".join(f'"{ARTICLE}",Odesa,https://news.example/{n}\n' for n in range(3))
    report = briefing.ingest([write(tmp_path / "dupes.csv", rows)], runtime=fake_runtime)
    assert (report.added, report.unchanged) == (1, 2)
    assert fake_runtime.store.count()[0] == 1


def test_chunk_metadata_points_at_the_passage(fake_runtime: briefing.Runtime) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    got = fake_runtime.store.chunks.get(include=["documents", "metadatas"])
    text = make_article(SEED.read_text(encoding="utf-8"), key="x").text
    for doc, meta in zip(got["documents"], got["metadatas"], strict=True):
        assert text[meta["start"] : meta["end"]] == doc
        assert meta["date"] == "2021-11-27" and meta["date_num"] == 20211127
        assert meta["source"] == "" and meta["title"].startswith("Amid border tensions")
        assert {"article_id", "chunk", "url", "key"} <= meta.keys()


def test_edited_article_replaces_its_old_chunks(tmp_path: Path, fake_runtime: briefing.Runtime) -> None:
    path = write(tmp_path / "in" / "odesa.txt", ARTICLE)
    briefing.ingest([path], runtime=fake_runtime)
    old_id = fake_runtime.store.ready()[0].id
    write(path, ARTICLE.replace("40 ships", "45 ships"))
    report = briefing.ingest([path], runtime=fake_runtime)
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 0)
    entries = fake_runtime.store.ready()
    assert len(entries) == 1 and entries[0].id != old_id
    assert all(i.startswith(entries[0].id) for i in chunk_ids(fake_runtime))
    docs = " ".join(fake_runtime.store.chunks.get(include=["documents"])["documents"])
    assert "45 ships" in docs and "40 ships" not in docs


def test_bad_files_are_reported_by_name_and_the_rest_lands(tmp_path: Path, settings) -> None:
    folder = tmp_path / "batch"
    write(folder / "good.txt", ARTICLE)
    write(folder / "empty.txt", "")
    write(folder / "blank.md", "   \n\n ")
    write(folder / "binary.txt", bytes(range(256)) * 10)
    write(folder / "broken.json", '{"text": "unterminated')
    write(folder / "notext.csv", "title,date\nA,2024-01-01\n")
    write(folder / "huge.txt", "word " * 300_000)
    write(
        folder / "records.jsonl",
        json.dumps({"text": "A ceasefire was agreed in the north on Tuesday."})
        + "\n"
        + json.dumps({"title": "no text here"})
        + "\n",
    )
    write(folder / "picture.png", b"\x89PNG\r\n")
    settings.max_file_mb = 1.0
    rt = briefing.Runtime(settings, embedder=WordEmbeddings())
    report = briefing.ingest([folder, tmp_path / "missing.txt"], runtime=rt)
    reasons = {Path(name).name: why for name, why in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "invalid JSON" in reasons["broken.json"]
    assert "no text column" in reasons["notext.csv"]
    assert "too large" in reasons["huge.txt"] and "BRIEFING_MAX_FILE_MB" in reasons["huge.txt"]
    assert reasons["records.jsonl"] == "line 2: no text"
    assert "unsupported file type .png" in reasons["picture.png"]
    assert reasons["missing.txt"] == "no such file or folder"
    assert report.added == 2  # good.txt and the jsonl record with text
    assert rt.store.count()[0] == 2


def test_crash_mid_write_is_rolled_back_and_the_next_run_completes(
    tmp_path: Path, fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    for n in range(5):
        write(folder / f"a{n}.txt", ARTICLE.replace("40 ships", f"{n} ships"))
    fake_runtime.settings.batch_chars = 1  # one write group per article
    fake_runtime.settings.chunk_size = 200
    real = Store.write_chunks
    calls = {"n": 0}

    def crash_on_third(self: Store, chunks: list, sentences: list = ()) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            real(self, chunks[:1], sentences[:1])  # part of an article lands, then the process dies
            raise RuntimeError("power cut")
        real(self, chunks, sentences)

    monkeypatch.setattr(Store, "write_chunks", crash_on_third)
    with pytest.raises(RuntimeError, match="power cut"):
        briefing.ingest([folder], runtime=fake_runtime)
    assert fake_runtime.store.count()[0] == 2  # two articles ready, the third pending
    monkeypatch.setattr(Store, "write_chunks", real)
    report = briefing.ingest([folder], runtime=fake_runtime)
    assert report.repaired == 1
    assert (report.added, report.unchanged) == (3, 2)
    articles, chunks = fake_runtime.store.count()
    assert articles == 5
    ids = chunk_ids(fake_runtime)
    assert len(ids) == len(set(ids)) == chunks
    per_article = {i.split(":")[0] for i in ids}
    assert len(per_article) == 5


def test_a_failed_write_is_rolled_back_on_a_store_opened_anew(
    tmp_path: Path, fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write Chroma refuses (a full disk) leaves no pending article behind in this process, and the
    rollback runs on a new Chroma instance: the failed one may hold a transaction a later call waits on."""
    folder = tmp_path / "many"
    for n in range(3):
        write(folder / f"a{n}.txt", ARTICLE.replace("40 ships", f"{n} ships"))
    fake_runtime.settings.batch_chars = 1
    fake_runtime.settings.chunk_size = 200
    briefing.ingest([folder / "a0.txt"], runtime=fake_runtime)
    real = Store.write_chunks
    failed: list[Store] = []

    def disk_fills(self: Store, chunks: list, sentences: list = ()) -> None:
        real(self, chunks[:1], sentences[:1])
        if chunks:  # not the empty write of a group with nothing new
            failed.append(self)
            raise StoreError("the store cannot be used: no space left on its device")

    monkeypatch.setattr(Store, "write_chunks", disk_fills)
    with pytest.raises(StoreError, match="no space left"):
        briefing.ingest([folder], runtime=fake_runtime)
    assert fake_runtime.store is not failed[0]
    assert [a.id for a in fake_runtime.store.articles(where={"status": "pending"})] == []
    assert fake_runtime.store.count()[0] == 1
    monkeypatch.undo()
    report = briefing.ingest([folder], runtime=fake_runtime)
    assert (report.added, report.unchanged, report.repaired) == (2, 1, 0)


def test_crash_after_chunks_landed_is_finished_not_redone(fake_runtime: briefing.Runtime, monkeypatch) -> None:
    monkeypatch.setattr(Store, "commit", lambda self, articles, replaced=(): None)
    briefing.ingest([SEED], runtime=fake_runtime)
    assert fake_runtime.store.count()[0] == 0
    monkeypatch.undo()
    done, undone = fake_runtime.store.repair()
    assert (done, undone) == (1, 0)
    assert fake_runtime.store.count()[0] == 1


def test_store_refuses_vectors_from_another_model(settings, fake_runtime: briefing.Runtime) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    client = fake_runtime.store.client
    with pytest.raises(StoreError, match=r"holds vectors from .fake-words-1024.*BRIEFING_EMBEDDER"):
        Store(client, settings.collection, "sentence-transformers/all-MiniLM-L6-v2")


def test_bad_collection_name_is_a_clear_error(settings) -> None:
    settings.collection = "a"
    rt = briefing.Runtime(settings, embedder=WordEmbeddings())
    with pytest.raises(StoreError, match="BRIEFING_COLLECTION"):
        _ = rt.store


def test_forget_removes_article_and_chunks(fake_runtime: briefing.Runtime) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    article = fake_runtime.store.ready()[0].id
    with pytest.raises(briefing.BriefingError, match="at least 6"):
        briefing.forget("22", runtime=fake_runtime)
    full, chunks = briefing.forget(article[:8], runtime=fake_runtime)
    assert full == article and chunks > 0
    assert fake_runtime.store.count() == (0, 0)
    with pytest.raises(briefing.BriefingError, match="no article"):
        briefing.forget(article, runtime=fake_runtime)


def test_large_reads_come_in_pages(fake_runtime: briefing.Runtime) -> None:
    """One Chroma get may return no more rows than SQLite has variables for (about 32k with metadata):
    the store reads the catalog and sentences in pages, and a page smaller than the result loses nothing."""
    articles = [make_article(f"{ARTICLE} Ship {n} sailed on day {n}.", source=f"s{n}") for n in range(7)]
    briefing.ingest(articles, runtime=fake_runtime)
    store = fake_runtime.store
    ids = sorted(a.id for a in store.ready())
    catalog = [(a.id, sorted(a.metadata.items())) for a in store.articles()]
    whole = (sorted(catalog), sorted(store.sentences_of(ids).passages, key=lambda p: p.id))
    chunks = sorted(store.chunk_ids())
    store._batch = store._ids_page = 2  # pages of two rows
    assert sorted(store.chunk_ids()) == chunks and len(chunks) == 7
    assert sorted(a.id for a in store.ready()) == ids
    catalog = [(a.id, sorted(a.metadata.items())) for a in store.articles()]
    assert (sorted(catalog), sorted(store.sentences_of(ids).passages, key=lambda p: p.id)) == whole
    assert len(whole[1]) > 14
    assert store.delete(ids[:5]) == 5 and len(store.ready()) == 2  # one chunk each


def test_a_catalog_past_sqlite_variable_limit_still_reads(fake_runtime: briefing.Runtime) -> None:
    """33,000 articles: more rows than one unpaged Chroma get can return with their metadata."""
    records = [ArticleRecord(f"a{n}", {"minhash": "x", "copy_of": "", "date": "2017-01-01"}) for n in range(33_000)]
    for start in range(0, len(records), 5000):
        fake_runtime.store.begin(records[start : start + 5000])
    assert len(fake_runtime.store.articles()) == 33_000


def test_a_brief_on_everything_reads_the_newest_articles_only(fake_runtime: briefing.Runtime) -> None:
    dates = ["2024-03-01", "2024-03-05", "2024-02-20", "2024-03-04"]
    articles = [make_article(f"{ARTICLE} Ship {n} sailed.", source=f"s{n}", date=d) for n, d in enumerate(dates)]
    briefing.ingest(articles, runtime=fake_runtime)
    leads = fake_runtime.store.newest_leads(2)
    assert sorted(p.date or "" for p in leads.passages) == ["2024-03-04", "2024-03-05"]
    assert leads.vectors.shape == (2, 1024) and all(p.chunk == 0 for p in leads.passages)
    assert len(fake_runtime.store.newest_leads(10).passages) == 4


def test_the_catalog_is_read_once_up_front_and_each_batch_is_planned_before_the_last_is_handed_over(
    tmp_path: Path, fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chroma holds the GIL while it writes: a catalog read or a batch's planning beside a write waits for it.
    So the catalog is read before the first write, and batch n+1 is planned before batch n goes to the writer."""
    from briefing.pipeline import plan as ingest_module
    from briefing.pipeline.writer import Writer

    folder = tmp_path / "many"
    for n in range(4):
        write(folder / f"a{n}.txt", ARTICLE.replace("40 ships", f"{n} ships"))
    briefing.ingest([folder / "a0.txt"], runtime=fake_runtime)  # one of them is already stored
    fake_runtime.settings.batch_chars = 1  # a batch per article
    events: list[str] = []
    real_ready, real_by_key, real_plan, real_put = Store.ready, Store.ready_by_key, ingest_module._plan, Writer.put

    def ready(self: Store, ids: object = None) -> object:
        events.append("read")
        return real_ready(self, ids)  # type: ignore[arg-type]

    def by_key(self: Store, keys: object) -> object:
        events.append("read")
        return real_by_key(self, keys)  # type: ignore[arg-type]

    def plan(group: list, *args: object) -> object:
        events.append("plan")
        return real_plan(group, *args)  # type: ignore[arg-type]

    def put(self: Writer, todo: list, *args: object) -> None:
        events.append("put")
        real_put(self, todo, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "ready", ready)
    monkeypatch.setattr(Store, "ready_by_key", by_key)
    monkeypatch.setattr(ingest_module, "_plan", plan)
    monkeypatch.setattr(Writer, "put", put)
    report = briefing.ingest([folder], runtime=fake_runtime)
    assert (report.added, report.unchanged) == (3, 1)
    assert events == ["read", "read", "plan", "plan", "put", "plan", "put", "plan", "put", "put"]
