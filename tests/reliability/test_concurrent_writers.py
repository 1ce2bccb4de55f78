"""Several processes on one store at once: real `briefing ingest` processes, a reader asking in a loop, the
page uploading, and a real `chroma run` server. Embeddings are the `fake` embedder (`BRIEFING_EMBEDDER`):
what is counted here is articles, chunks and vectors, not answers. (Random vectors on purpose: the
generated articles look alike, and with the `words` embedder's vectors of them a search of the whole HNSW
index reached only 292 of 600 chunks, so the count of the vector index below could not be made.)

After every run the store must hold exactly the articles of every input (none lost, none twice, nothing
pending for `repair()`), every chunk with its catalog count, every chunk in the vector index and every
article's sentences (Chroma's folder store lost some to a second writer before the lock: search saw 1,508 of 1,600).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import briefing
from briefing.config import Settings
from briefing.store.lock import lock_path, waiting_message, writing
from briefing.store.store import Store
from tests.servers import briefing_page, chroma_server

pytestmark = pytest.mark.integration


def write_articles(folder: Path, tag: str, n: int) -> list[str]:
    """`n` distinct short articles as .txt files in `folder`; returns their file names."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = (
            f"The {tag} harbour number {i} reported that cargo volumes rose by {i * 7 + 3} percent in May. "
            f"Officials of the {tag} district {i} said dock workers would sign a new contract. "
        ) * 4
        (folder / f"{tag}{i:03d}.txt").write_text(f"date 2024-05-{1 + i % 28:02d}\n{text}", encoding="utf-8")
    return sorted(p.name for p in folder.iterdir())


def store_env(store: Path, **more: str) -> dict[str, str]:
    """The environment of a briefing process on `store` (a folder; a server when `more` names one)."""
    unset = ("CHROMA_HOST", "CHROMA_PORT", "OPENAI_BASE_URL", "OPENAI_API_KEY")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return {
        **env,
        "BRIEFING_STORE_DIR": str(store),
        "BRIEFING_EMBEDDER": "fake",
        "BRIEFING_ENGINE": "extractive",
        **more,
    }


def start_ingest(folder: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "briefing.cli", "ingest", "--no-progress", str(folder)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


def wait_for(check, what: str, timeout: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def assert_holds_exactly(store: Store, names: list[str]) -> None:
    """The store holds one ready article per file name and nothing else, each with all its chunks, and the
    vector index holds every chunk, the store every article's sentences; `repair()` finds nothing pending."""
    ready = store.ready()
    held = sorted(Path(str(a.metadata["key"])).name for a in ready)  # a file's article is keyed by its path
    assert held == sorted(names)  # none lost, none twice
    assert len(store.articles()) == len(ready)  # nothing pending
    per_article = Counter(str(m["article_id"]) for m in store.chunks.get(include=["metadatas"])["metadatas"])
    assert per_article == Counter({a.id: int(a.metadata["chunks"]) for a in ready})
    total = int(store.chunks.count())
    size = len(store.chunks.get(limit=1, include=["embeddings"])["embeddings"][0])  # the embedder's dimensions
    found = store.chunks.query(query_embeddings=[[0.05] * size], n_results=total, include=[])["ids"][0]
    assert len(set(found)) == total, f"the vector index holds {len(found)} of {total} chunks"
    assert sorted(store.quotable.get(include=[])["ids"]) == sorted(a.id for a in ready)  # each one's sentences
    assert store.repair() == (0, 0)


def runtime_for(store: Path) -> briefing.Runtime:
    return briefing.Runtime(Settings(store_dir=store, embedder="fake", progress=False))


def test_two_ingests_at_once_on_a_new_folder_600_articles_0_lost(tmp_path: Path) -> None:
    """Two `briefing ingest` processes, 300 articles each, into one new store folder: both wait while the
    folder is held, then contend for it; both land. Before the lock one of them failed creating Chroma's
    tables ("table collections already exists", 400 articles lost), or both finished with vectors lost."""
    store = tmp_path / "store"
    names = write_articles(tmp_path / "a", "alpha", 300) + write_articles(tmp_path / "b", "beta", 300)
    env = store_env(store)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with writing(Settings(store_dir=store)):  # both start while the folder is held, so both have to wait
        procs = [start_ingest(tmp_path / part, env, log) for part, log in zip("ab", logs, strict=True)]
        wait_for(lambda: all(waiting_message(store) in log.read_text("utf-8") for log in logs), "both to wait")
    codes = [p.wait(timeout=300) for p in procs]
    errors = [log.read_text("utf-8") for log in logs]
    assert codes == [0, 0], errors
    assert all("Traceback" not in e for e in errors)
    assert_holds_exactly(runtime_for(store).store, names)


def test_a_writer_waits_then_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    """While another process holds the store, `ingest` says it waits, then fails plainly after
    BRIEFING_LOCK_TIMEOUT seconds (exit 2, no traceback), and writes nothing."""
    store = tmp_path / "store"
    write_articles(tmp_path / "a", "alpha", 3)
    with writing(Settings(store_dir=store)):
        done = subprocess.run(
            [sys.executable, "-m", "briefing.cli", "ingest", str(tmp_path / "a")],
            env=store_env(store, BRIEFING_LOCK_TIMEOUT="3"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert waiting_message(store) in done.stderr
    assert f"error: another briefing process has been writing to {store} for 3 s" in done.stderr
    assert "BRIEFING_LOCK_TIMEOUT" in done.stderr and "Traceback" not in done.stderr
    assert briefing.stats(runtime=runtime_for(store)).articles == 0
    assert lock_path(Settings(store_dir=store)) == store / "briefing.lock"


def test_a_reader_asking_in_a_loop_while_another_process_ingests_0_errors(tmp_path: Path) -> None:
    """One long-lived reader (as the page is) asks and lists the library in a loop while another process
    ingests 300 articles: 0 errors, it never sees fewer articles than before, and afterwards it searches
    all of them (Chroma alone would go on answering from the vector index it loaded first)."""
    store = tmp_path / "store"
    names = write_articles(tmp_path / "a", "alpha", 100)
    subprocess.run(
        [sys.executable, "-m", "briefing.cli", "ingest", str(tmp_path / "a")], env=store_env(store), check=True
    )
    names += write_articles(tmp_path / "b", "beta", 300)
    reader = runtime_for(store)
    assert briefing.stats(runtime=reader).articles == 100
    writer = start_ingest(tmp_path / "b", store_env(store), tmp_path / "b.log")
    asks, errors, seen = 0, [], [100]
    while writer.poll() is None or asks < 5:
        try:
            briefing.ask("What did the beta harbour number 7 report about cargo volumes?", runtime=reader)
            seen.append(len(briefing.list_articles(runtime=reader)))
        except Exception as exc:
            errors.append(repr(exc))
        asks += 1
    assert writer.wait(timeout=300) == 0, (tmp_path / "b.log").read_text("utf-8")
    assert errors == [], f"{len(errors)} of {asks} asks failed: {errors[:3]}"
    assert seen == sorted(seen)
    briefing.list_articles(runtime=reader)  # any call brings the reader's view up to date
    assert_holds_exactly(reader.store, names)


def test_the_page_uploading_while_a_cli_ingest_runs_both_land(tmp_path: Path) -> None:
    """The page (`briefing serve`, through gradio_client) uploads articles one by one for as long as a
    `briefing ingest` of 400 articles runs into the same folder, and once more after: every upload and
    every article lands. Without reading the store anew, the page's write after the ingest saved the
    vector index it had loaded before over the other process's."""
    from gradio_client import Client, handle_file

    store = tmp_path / "store"
    names = write_articles(tmp_path / "first", "gamma", 5)
    env = store_env(store)
    with briefing_page(tmp_path, env, ingest=[tmp_path / "first"]) as url:
        client = Client(url, verbose=False)
        client.predict("What did the gamma harbour number 3 report?", api_name="/ask")
        names += write_articles(tmp_path / "b", "beta", 400)
        uploads = tmp_path / "uploads"
        writer = start_ingest(tmp_path / "b", env, tmp_path / "b.log")
        uploads.mkdir()
        results: list[list[str]] = []

        def upload() -> None:
            n = len(results)
            path = uploads / f"upload{n:03d}.txt"
            path.write_text(f"date 2024-06-01\nUpload number {n} says the {n}th convoy reached the port.", "utf-8")
            results.append(client.predict([handle_file(str(path))], "briefing", api_name="/upload")["data"][0])

        while writer.poll() is None or len(results) < 3:  # for as long as the ingest runs
            upload()
        assert writer.wait(timeout=300) == 0, (tmp_path / "b.log").read_text("utf-8")
        upload()  # and once it is over
        assert all(row[1].startswith("1 added") for row in results), results
        names += [row[0] for row in results]
        _, counts, _ = client.predict("briefing", "All sources", "", "", "", api_name="/library")
        assert f"**{len(names)} articles" in counts
    assert_holds_exactly(runtime_for(store).store, names)


def test_two_ingests_at_once_through_a_chroma_server_600_articles_0_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same two ingests against a real `chroma run` (CHROMA_HOST): the server orders the writes, no
    lock is taken, and both land."""
    names = write_articles(tmp_path / "a", "alpha", 300) + write_articles(tmp_path / "b", "beta", 300)
    local = tmp_path / "unused-local"
    with chroma_server(tmp_path / "chroma") as port:
        server = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port), "BRIEFING_COLLECTION": "two-writers"}
        env = store_env(local, **server)
        logs = [tmp_path / "a.log", tmp_path / "b.log"]
        procs = [start_ingest(tmp_path / part, env, log) for part, log in zip("ab", logs, strict=True)]
        codes = [p.wait(timeout=300) for p in procs]
        errors = [log.read_text("utf-8") for log in logs]
        assert codes == [0, 0], errors
        assert all("waiting for" not in e and "Traceback" not in e for e in errors)
        for key, value in server.items():
            monkeypatch.setenv(key, value)
        rt = runtime_for(local)
        assert rt.settings.chroma_port == port and rt.settings.collection == "two-writers"
        assert_holds_exactly(rt.store, names)
    assert not (local / "briefing.lock").exists()
