"""Query latency as the store grows: hybrid retrieval and an extractive `ask` at 10k, 100k and 300k chunks.

Stores that large are made from a store of the news corpus without embedding anything again: its chunks
are copied with new chunk and article ids (`~r<n>` appended), dates moved on by n weeks, and vectors
nudged by a little noise (then normalised), so the copies are distinct points, not duplicates. The
sentences of each copied article are copied the same way (briefs read them), and each gets a ready
catalog entry, as ingest writes one. For each size, over the
questions of bench/gold/questions.json and the topics of the bench/gold stories:

  keyword index   time to build the BM25 index over every chunk (the first query after a write pays it)
  retrieval       p50/p95 of `retrieval.search` (dense query + BM25 + fusion + spread), the question's
                  vector computed beforehand
  embed question  p50 of embedding one question (the model's part of an ask)
  ask             p50/p95 of `briefing.ask` with the extractive engine, end to end
  briefs          median of a topic brief over the stories' topics, and of three briefs on everything

With --server the big store lives in a `chroma run` server started here (CHROMA_HOST), the keyword index
beside it on disk as a user's would be.

    .venv/bin/python bench/bench_scale.py --source /tmp/news/store [--sizes 10000,100000,300000] [--server]

With --keep DIR the stores are kept (DIR/chunks-<size>), so a later run measures the same stores (before and
after a change) without copying them again.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from results import record

import briefing
from briefing.store.keywords import KeywordIndex
from briefing.store.quotable import pack
from briefing.store.records import ArticleRecord, ChunkRecord
from briefing.store.search import keyword_hits, search

BENCH = Path(__file__).resolve().parent
GOLD = BENCH / "gold" / "questions.json"
PLACE = ("chunk", "start", "end")  # a chunk's place in its article: not in the catalog entry


def shifted(date: str, weeks: int) -> str:
    if not date:
        return date
    from datetime import date as day
    from datetime import timedelta

    return (day.fromisoformat(date) + timedelta(weeks=weeks)).isoformat()


def copied(passage_id: str, meta: dict, vector: np.ndarray, copy: int, rng: np.random.Generator) -> tuple:
    """A stored item's copy number `copy`: new ids, date moved on by `copy` weeks, vector nudged."""
    tag = f"~r{copy}"
    moved = {**meta, "article_id": f"{meta['article_id']}{tag}", "origin": f"{meta.get('origin', '')}{tag}"}
    if meta.get("date"):
        moved["date"] = shifted(str(meta["date"]), copy)
        moved["date_num"] = int(moved["date"].replace("-", ""))
    nudged = vector + rng.normal(0, 0.01, vector.shape).astype(np.float32)
    return f"{passage_id}{tag}", nudged / np.linalg.norm(nudged), moved


def fill(source: briefing.Runtime, target: briefing.Runtime, size: int) -> int:
    """Copy the source's chunks (and the sentences of their articles) into the target until it holds
    `size` chunks; returns the chunks written."""
    start = target.store.chunk_count()
    if start >= size:  # a kept store built before
        return 0
    hits = source.store.passages()
    said = source.store.sentences_of([a.id for a in source.store.ready()])
    by_article: dict[str, list[int]] = {}
    for n, m in enumerate(said.meta):
        by_article.setdefault(str(m["article_id"]), []).append(n)
    rng = np.random.default_rng(7)
    n = len(hits.passages)
    for first in range(start, size, 4096):  # item k is copy k // n of source chunk k % n
        chunks, sentences, entries = [], [], []
        for k in range(first, min(size, first + 4096)):
            p, copy = hits.passages[k % n], k // n
            new_id, vector, meta = copied(p.id, hits.meta[k % n], hits.vectors[k % n], copy, rng)
            chunks.append(ChunkRecord(new_id, p.text, vector, meta))
            if p.chunk == 0:  # the article's catalog entry and sentences come with its first chunk
                entries.append(ArticleRecord(meta["article_id"], {k: v for k, v in meta.items() if k not in PLACE}))
                rows, vectors = [], []
                for i in by_article.get(p.article_id, []):
                    s, m = said.passages[i], said.meta[i]
                    vectors.append(copied(s.id, m, said.vectors[i], copy, rng)[1])
                    rows.append((s.start, s.end, str(m.get("referent", "")), bool(m.get("damaged")), s.text))
                sentences.append(pack(meta["article_id"], rows, np.asarray(vectors), entries[-1].metadata))
        target.store.begin(entries)
        target.store.write_chunks(chunks, sentences)
        target.store.commit(entries)
    target.store.catalog.modify(metadata={"revision": f"copies-{size}"})  # the keyword index catches up
    return size - start


def targets(
    source: briefing.Runtime, sizes: list[int], args: argparse.Namespace
) -> Iterator[tuple[int, briefing.Runtime]]:
    """A store of each size, filled: one store grown size by size, or with --keep a folder store per size in
    that folder (`chunks-<size>`, each begun as a copy of the one before), kept for the next run."""
    if args.keep:
        before = None
        for size in sizes:
            folder = args.keep / f"chunks-{size}"
            if before is not None and not folder.exists():
                shutil.copytree(before, folder)
            yield size, briefing.Runtime(briefing.Settings(store_dir=folder, progress=False), embedder=source.embedder)
            before = folder
        return
    with (
        tempfile.TemporaryDirectory(prefix="briefing-scale-", dir=args.work) as tmp,
        settings_for(Path(tmp), args.server) as settings,
    ):
        target = briefing.Runtime(settings, embedder=source.embedder)  # one model in memory
        for size in sizes:
            yield size, target


@contextlib.contextmanager
def settings_for(folder: Path, server: bool) -> Iterator[briefing.Settings]:
    """Settings for the big store: a folder store, or a `chroma run` server with its data in `folder`."""
    if not server:
        yield briefing.Settings(store_dir=folder / "store", progress=False)
        return
    sys.path.insert(0, str(BENCH.parent))
    from tests.servers import chroma_server

    with chroma_server(folder) as port:
        yield briefing.Settings(store_dir=folder / "store", chroma_host="127.0.0.1", chroma_port=port, progress=False)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a store with the news corpus ingested")
    parser.add_argument("--sizes", default="10000,100000,300000", help="chunk counts, ascending")
    parser.add_argument("--work", type=Path, help="folder for the big store (default: a temporary one)")
    parser.add_argument("--server", action="store_true", help="the big store in a `chroma run` server")
    parser.add_argument("--keep", type=Path, help="build a folder store per size here and keep it for the next run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    questions = [q["question"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["questions"]]
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((BENCH / "gold").glob("*.json"))]
    topics = [story["topic"] for story in stories if "topic" in story]
    source = briefing.Runtime(briefing.Settings(store_dir=args.source, progress=False))
    rows = []
    if args.keep and args.server:
        parser.error("--keep keeps folder stores; it cannot be used with --server")
    for size, target in targets(source, sizes, args):
        start = time.perf_counter()
        fill(source, target, size)
        fill_s = time.perf_counter() - start
        index = target.keywords
        start = time.perf_counter()
        keyword_hits(target.store, index, "warm up", 5, None)  # builds the index at this revision
        index_s = time.perf_counter() - start
        reloaded = KeywordIndex(index.folder)
        start = time.perf_counter()
        keyword_hits(target.store, reloaded, "Aleppo ceasefire", 5, None)  # a fresh process: loads it
        load_s = time.perf_counter() - start
        vectors = [np.asarray(target.embedder.embed_query(q)) for q in questions]
        embed = []
        for q in questions[:40]:
            start = time.perf_counter()
            target.embedder.embed_query(q)
            embed.append(time.perf_counter() - start)
        found = []
        for q, v in zip(questions, vectors, strict=True):
            start = time.perf_counter()
            search(target.store, q, v, target.settings.top_k, keywords=index)
            found.append(time.perf_counter() - start)
        asked = []
        for q in questions:
            start = time.perf_counter()
            briefing.ask(q, runtime=target)
            asked.append(time.perf_counter() - start)
        topic_s = []
        for topic in topics:
            start = time.perf_counter()
            briefing.summarize(topic=topic, runtime=target)
            topic_s.append(time.perf_counter() - start)
        everything_s = []
        for _ in range(3):
            start = time.perf_counter()
            briefing.summarize(runtime=target)
            everything_s.append(time.perf_counter() - start)
        briefs = (statistics.median(topic_s), statistics.median(everything_s))
        rows.append((size, fill_s, index_s, load_s, found, statistics.median(embed), asked, briefs))
        print(
            f"{target.store.chunk_count():>7} chunks (copied in {fill_s:.0f} s): keyword index built "
            f"{index_s:.1f} s, loaded {load_s:.2f} s; retrieval p50 {percentile(found, 50) * 1e3:.0f} ms "
            f"p95 {percentile(found, 95) * 1e3:.0f} ms; ask p50 {percentile(asked, 50) * 1e3:.0f} ms "
            f"p95 {percentile(asked, 95) * 1e3:.0f} ms; topic brief {briefs[0]:.2f} s, on everything "
            f"{briefs[1]:.2f} s",
            flush=True,
        )
    where = "a `chroma run` server" if args.server else "a folder store"
    print(f"\nquery latency by store size, {where} ({len(questions)} questions, {len(topics)} topics)")
    print("limits: retrieval p95 50 ms at 100k; topic brief 2 s, on everything 5 s; the floor: embedding a question")
    print(
        f"{'chunks':>8} {'BM25 build':>10} {'retrieval p50':>13} {'p95':>6} {'embed q':>8} {'ask p50':>8} {'p95':>6}"
        f" {'topic brief':>11} {'everything':>10}"
    )
    for size, _, index_s, _, found, embed_s, asked, briefs in rows:
        kind = "server" if args.server else "folder"
        p95 = percentile(found, 95) * 1e3
        record(
            "scale",
            f"{size} chunks ({kind}): retrieval p95",
            p95,
            "ms",
            f"50 ms at 100k; embed q {embed_s * 1e3:.0f} ms",
        )
        record("scale", f"{size} chunks ({kind}): ask p50", percentile(asked, 50) * 1e3, "ms", "")
        record("scale", f"{size} chunks ({kind}): topic brief", briefs[0], "s", "2 s")
        record("scale", f"{size} chunks ({kind}): brief on everything", briefs[1], "s", "5 s")
        print(
            f"{size:>8} {index_s:>9.1f}s {percentile(found, 50) * 1e3:>11.0f}ms {percentile(found, 95) * 1e3:>4.0f}ms "
            f"{embed_s * 1e3:>6.0f}ms {percentile(asked, 50) * 1e3:>6.0f}ms {percentile(asked, 95) * 1e3:>4.0f}ms"
            f" {briefs[0]:>10.2f}s {briefs[1]:>9.2f}s"
        )


if __name__ == "__main__":
    main()
