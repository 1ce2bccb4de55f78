"""Query latency as the store grows: hybrid retrieval and an extractive `ask` at 10k, 100k and 300k chunks.

Stores that large are made from a store of the news corpus without embedding anything again: its chunks
are copied with new chunk and article ids (`~r<n>` appended), dates moved on by n weeks, and vectors
nudged by a little noise (then normalised), so the copies are distinct points, not duplicates. Only the
chunk collection is copied (what `ask` reads); briefs, which read the sentence collection too, are not
measured here. For each size, over the questions of bench/gold/questions.json:

  keyword index   time to build the BM25 index over every chunk (the first query after a write pays it)
  retrieval       p50/p95 of `retrieval.search` (dense query + BM25 + fusion + spread), the question's
                  vector computed beforehand
  embed question  p50 of embedding one question (the model's part of an ask)
  ask             p50/p95 of `briefing.ask` with the extractive engine, end to end

    .venv/bin/python bench/bench_scale.py --source /tmp/news/store [--sizes 10000,100000,300000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import briefing
from briefing.chroma import ChunkRecord
from briefing.keywords import KeywordIndex
from briefing.retrieval import keyword_hits, search

GOLD = Path(__file__).resolve().parent / "gold" / "questions.json"


def shifted(date: str, weeks: int) -> str:
    if not date:
        return date
    from datetime import date as day
    from datetime import timedelta

    return (day.fromisoformat(date) + timedelta(weeks=weeks)).isoformat()


def fill(source: briefing.Runtime, target: briefing.Runtime, size: int) -> int:
    """Copy the source's chunks into the target until it holds `size` chunks; returns the chunks written."""
    hits = source.store.passages()
    rng = np.random.default_rng(7)
    n = len(hits.passages)
    start = target.store.chunk_count()
    for first in range(start, size, 4096):  # item k is copy k // n of source chunk k % n
        records = []
        for k in range(first, min(size, first + 4096)):
            p, vector, meta = hits.passages[k % n], hits.vectors[k % n], hits.meta[k % n]
            copy = k // n
            tag = f"~r{copy}"
            moved = {**meta, "article_id": f"{p.article_id}{tag}", "origin": f"{meta.get('origin', '')}{tag}"}
            if meta.get("date"):
                moved["date"] = shifted(str(meta["date"]), copy)
                moved["date_num"] = int(moved["date"].replace("-", ""))
            nudged = vector + rng.normal(0, 0.01, vector.shape).astype(np.float32)
            records.append(ChunkRecord(f"{p.id}{tag}", p.text, nudged / np.linalg.norm(nudged), moved))
        target.store.write_chunks(records)
    target.store.catalog.modify(metadata={"revision": f"copies-{size}"})  # the keyword index catches up
    return size - start


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a store with the news corpus ingested")
    parser.add_argument("--sizes", default="10000,100000,300000", help="chunk counts, ascending")
    parser.add_argument("--work", type=Path, help="folder for the big store (default: a temporary one)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    questions = [q["question"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["questions"]]
    source = briefing.Runtime(briefing.Settings(store_dir=args.source, progress=False))
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-scale-", dir=args.work) as tmp:
        settings = briefing.Settings(store_dir=Path(tmp) / "store", progress=False)
        target = briefing.Runtime(settings, embedder=source.embedder)  # one model in memory
        for size in sizes:
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
            rows.append((size, fill_s, index_s, load_s, found, statistics.median(embed), asked))
            print(
                f"{target.store.chunk_count():>7} chunks (copied in {fill_s:.0f} s): keyword index built "
                f"{index_s:.1f} s, loaded {load_s:.2f} s; retrieval p50 {percentile(found, 50) * 1e3:.0f} ms "
                f"p95 {percentile(found, 95) * 1e3:.0f} ms; ask p50 {percentile(asked, 50) * 1e3:.0f} ms "
                f"p95 {percentile(asked, 95) * 1e3:.0f} ms",
                flush=True,
            )
    print(f"\nquery latency by store size ({len(questions)} questions; the limit: embedding one question)")
    print(f"{'chunks':>8} {'BM25 build':>10} {'retrieval p50':>13} {'p95':>6} {'embed q':>8} {'ask p50':>8} {'p95':>6}")
    for size, _, index_s, _, found, embed_s, asked in rows:
        print(
            f"{size:>8} {index_s:>9.1f}s {percentile(found, 50) * 1e3:>11.0f}ms {percentile(found, 95) * 1e3:>4.0f}ms "
            f"{embed_s * 1e3:>6.0f}ms {percentile(asked, 50) * 1e3:>6.0f}ms {percentile(asked, 95) * 1e3:>4.0f}ms"
        )


if __name__ == "__main__":
    main()
