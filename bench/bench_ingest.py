"""Benchmark ingest against the raw embedding limit, then ask and summarize on the store it made.

In one run, on the first N articles of the real news corpus (bench/fetch_news.py):

  a. raw limit: the configured MiniLM (ONNX Runtime by default) encoding the text of the articles once:
     each sentence once, as ingest embeds it (and, for reference, the chunks plus the sentences, which is
     what ingest embedded before chunk vectors were made from sentence vectors);
  b. `briefing.ingest` into a fresh temporary store: wall time, ratio to (a), embedding and (overlapped)
     write time;
  c. re-ingest of the same file (everything should be unchanged);
  d. `briefing.ask` latency, median over a set of questions;
  e. `briefing.summarize` of the whole store (no topic), and with a topic.

Timings are printed, never asserted.

    python bench/bench_ingest.py --limit 300
    python bench/bench_ingest.py                # 1,000 articles
    python bench/bench_ingest.py --limit 0      # all of them
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from results import record

# Set before briefing and its libraries load (in main): nothing may wait on a network that is not there.
OFFLINE = {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false"}

BENCH = Path(__file__).resolve().parent
DEFAULT_CSV = BENCH / "data" / "news.csv"
QUESTIONS = [
    "Who was confirmed as education secretary?",
    "What did the Senate vote on Betsy DeVos's nomination?",
    "What happened to Trump's travel ban in court?",
    "How many people were killed in the attack?",
    "What did Russia say about Syria?",
    "What is happening in Aleppo?",
    "What did North Korea launch?",
    "What did Theresa May say about Brexit?",
    "How did China respond to Trump?",
    "What did the European Union decide?",
    "What did Angela Merkel say about refugees?",
]
TOPIC = "Donald Trump"


class TimedEmbeddings(Embeddings):
    """Delegates to an embedder and adds up the time spent inside it (to split ingest time)."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)  # the store records the model by name
        self.seconds = 0.0
        self.texts = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        start = time.perf_counter()
        try:
            return self.inner.embed_documents(texts)
        finally:
            self.seconds += time.perf_counter() - start
            self.texts += len(texts)

    def embed_query(self, text: str) -> list[float]:
        start = time.perf_counter()
        try:
            return self.inner.embed_query(text)
        finally:
            self.seconds += time.perf_counter() - start

    def encode(self, texts: list[str]) -> Any:
        start = time.perf_counter()
        try:
            encode = getattr(self.inner, "encode", None)
            return encode(texts) if callable(encode) else self.inner.embed_documents(texts)
        finally:
            self.seconds += time.perf_counter() - start
            self.texts += len(texts)


class Timer:
    """Wraps a method on an object and adds up the time spent in it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def wrap(self, owner: Any, name: str) -> None:
        method: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1

        setattr(owner, name, timed)


def subset_csv(source: Path, limit: int, out: Path, same_text: Callable[[str], str] | None = None) -> int:
    """Copy the first `limit` articles (0: all) of a CSV to `out`; returns how many were written.

    With `same_text` (text -> key), a row whose text has the key of an earlier row is left out.
    """
    csv.field_size_limit(2**31 - 1)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    if limit:
        rows = rows[:limit]
    if same_text is not None:
        seen: set[str] = set()
        kept = []
        for row in rows:
            key = same_text(row["text"].strip())
            if key not in seen:
                seen.add(key)
                kept.append(row)
        rows = kept
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def chroma_alone(store: Any, folder: Path) -> tuple[float, float, int]:
    """Chroma's own share of ingest: every chunk and article sentence record of `store` (read back with its
    vector) written to an empty store in `folder` as ingest writes them; (seconds, cores busy, records)."""
    import chromadb

    from briefing.store.reads import FULL
    from briefing.store.store import SENTENCE_SETS

    client = chromadb.PersistentClient(str(folder), settings=chromadb.config.Settings(anonymized_telemetry=False))
    rows = [
        ("chunks", store._get(store.chunks, include=[*FULL]), store._write_batch, {"hnsw:space": "cosine"}),
        ("quotable", store._get(store.quotable, include=["metadatas", "embeddings"]), SENTENCE_SETS, None),
    ]
    start, cpu = time.perf_counter(), time.process_time()
    for name, got, step, meta in rows:
        target = client.create_collection(name, metadata=meta, embedding_function=None)
        for at in range(0, len(got["ids"]), step):
            texts = {"documents": got["documents"][at : at + step]} if "documents" in got else {}
            target.upsert(
                ids=got["ids"][at : at + step],
                embeddings=got["embeddings"][at : at + step],
                metadatas=got["metadatas"][at : at + step],
                **texts,
            )
    seconds = time.perf_counter() - start
    return seconds, (time.process_time() - cpu) / seconds, sum(len(got["ids"]) for _, got, _, _ in rows)


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def table(title: str, rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="articles to use, 0 for all (default: 1000)")
    parser.add_argument(
        "--csv", type=Path, default=DEFAULT_CSV, help="news CSV (default: bench/data/news.csv, fetched if missing)"
    )
    parser.add_argument(
        "--raw-sample",
        type=int,
        default=1024,
        help="chunks and sentences embedded for the reference figure of the old design, spread evenly; 0 for "
        "all (default: 1024); the raw limit itself always encodes all the text",
    )
    parser.add_argument(
        "--drop-duplicate-texts",
        action="store_true",
        help="leave out articles whose text repeats an earlier one (a work-around: two articles with the same "
        "text in one ingest batch crash briefing.ingest with chromadb's DuplicateIDError)",
    )
    parser.add_argument("--keep", type=Path, help="keep the store made here (a new folder) for other benchmarks")
    args = parser.parse_args(argv)
    if args.keep and args.keep.exists():
        parser.error(f"--keep {args.keep}: the folder exists already")
    if args.limit < 0 or args.raw_sample < 0:
        parser.error("--limit and --raw-sample must be 0 (all) or more")

    if not args.csv.exists():
        if args.csv.resolve() != DEFAULT_CSV:
            parser.error(f"no such file: {args.csv}; leave --csv out to fetch the news corpus")
        print(f"{args.csv} is missing: fetching the news corpus")
        sys.path.insert(0, str(BENCH))
        from fetch_news import fetch_news

        fetch_news(DEFAULT_CSV.parent)

    for key, value in OFFLINE.items():
        os.environ.setdefault(key, value)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    import briefing
    from briefing.models.registry import make_embedder
    from briefing.pipeline.vectors import embed, pieces
    from briefing.sources.articles import read_files
    from briefing.sources.chunks import chunk_article
    from briefing.store.store import Store
    from briefing.text.clean import sentences
    from briefing.types import article_id

    import_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        data = Path(tmp) / "news.csv"
        n_rows = subset_csv(args.csv, args.limit, data, article_id if args.drop_duplicate_texts else None)
        settings = briefing.Settings(store_dir=args.keep or Path(tmp) / "store", progress=True)
        print(f"{n_rows} articles from {args.csv} -> {data}; store {settings.store_dir}")
        print(
            f"settings: chunk_size={settings.chunk_size} chunk_overlap={settings.chunk_overlap} "
            f"batch_size={settings.batch_size} batch_chars={settings.batch_chars}"
        )

        # --- model load ------------------------------------------------------------------------------
        start = time.perf_counter()
        model = make_embedder(settings)
        load_s = time.perf_counter() - start
        model.embed_documents(["warm-up sentence"] * 8)
        print(f"model ({settings.minilm_runtime}) loaded in {load_s:.1f} s (imports {import_s:.1f} s)")

        # --- (a) raw embedding limit on the chunks ingest will make -----------------------------------
        articles, skipped, *_ = read_files([data], int(settings.max_file_mb * 1e6))
        unique = list({a.id: a for a in articles}.values())  # ingest embeds a repeated text once
        if len(unique) < len(articles):
            print(
                f"    warning: {len(articles) - len(unique)} article(s) repeat the text of another; ingest may "
                "fail with DuplicateIDError (see --drop-duplicate-texts)"
            )
        chunks = [c.text for a in unique for c in chunk_article(a, settings.chunk_size, settings.chunk_overlap)]
        once = [a.text[p.start : p.end] for a in unique for p in pieces(a.text, sentences(a.text))]
        quotable = [a.text[q.start : q.end] for a in unique for q in sentences(a.text) if q.junk is None]
        print(
            f"(a) raw: {len(articles)} articles parsed ({len(unique)} distinct texts, {len(skipped)} skipped): "
            f"{len(once)} sentences ({sum(map(len, once)) / 1e6:.2f} M chars), {len(chunks)} chunks "
            f"({sum(map(len, chunks)) / 1e6:.2f} M chars)"
        )
        start, cpu = time.perf_counter(), time.process_time()
        embed(model, once)
        raw_s = time.perf_counter() - start
        raw_cores = (time.process_time() - cpu) / raw_s
        print(f"(a) raw: the text once, {len(once)} sentences in {raw_s:.1f} s ({raw_cores:.2f} cores busy)")
        step = max(1, len(chunks) // args.raw_sample) if args.raw_sample else 1
        sample = chunks[::step][: args.raw_sample or None]
        start = time.perf_counter()
        embed(model, sample)
        chunk_s = (time.perf_counter() - start) * len(chunks) / max(1, len(sample))
        step = max(1, len(quotable) // args.raw_sample) if args.raw_sample else 1
        picked = quotable[::step][: args.raw_sample or None]
        start = time.perf_counter()
        embed(model, picked)
        quotable_s = (time.perf_counter() - start) * len(quotable) / max(1, len(picked))
        before_s = chunk_s + quotable_s
        print(
            f"(a) for reference, the chunks and then the quotable sentences (ingest before): {chunk_s:.1f} + "
            f"{quotable_s:.1f} = {before_s:.1f} s (from {len(sample)} + {len(picked)} of them)"
        )

        # --- (b) full ingest into a fresh store ------------------------------------------------------
        embedder = TimedEmbeddings(model)
        runtime = briefing.Runtime(settings, embedder=embedder)
        start = time.perf_counter()
        store = runtime.store
        open_s = time.perf_counter() - start
        writes = Timer()  # on the class: ingest writes through the store it opens anew once it holds the lock
        for name in ("begin", "write_chunks", "commit"):
            writes.wrap(Store, name)
        start, cpu = time.perf_counter(), time.process_time()
        report = briefing.ingest([data], runtime=runtime, progress=True)
        ingest_s = time.perf_counter() - start
        ingest_cores = (time.process_time() - cpu) / ingest_s
        embed_s, write_s = embedder.seconds, writes.seconds
        store = runtime.store  # the store as ingest left it (the one opened before is stale now)
        print(
            f"(b) ingest: {report.summary()} in {ingest_s:.1f} s ({ingest_cores:.2f} cores busy; "
            f"store opened in {open_s:.2f} s)"
        )
        print(
            f"(b) ingest: embedding {embed_s:.1f} s ({embedder.texts} texts), Chroma writes {write_s:.1f} s "
            f"({writes.calls} calls, in a thread of their own while the next batch is embedded)"
        )
        for name, why in report.skipped[:5]:
            print(f"    skipped {name}: {why}")
        if report.chunks != len(chunks):
            print(f"    note: ingest wrote {report.chunks} chunks; chunk_article made {len(chunks)}")
        stats = briefing.stats(runtime=runtime)
        print(f"(b) store: {stats.articles} articles, {stats.chunks} chunks, {len(stats.sources)} sources")
        chroma_s, chroma_cores, records = chroma_alone(store, Path(tmp) / "copy")
        print(
            f"(b) Chroma alone: the {records} records ingest wrote (chunks, each article's sentences) "
            f"written again to an empty store in {chroma_s:.1f} s ({chroma_cores:.2f} cores busy)"
        )

        # --- (c) re-ingest of the same file ----------------------------------------------------------
        embedder.seconds, embedder.texts = 0.0, 0
        start = time.perf_counter()
        again = briefing.ingest([data], runtime=runtime, progress=True)
        again_s = time.perf_counter() - start
        print(f"(c) re-ingest: {again.summary()} in {again_s:.1f} s ({embedder.texts} chunks embedded)")

        # --- (d) ask latency -------------------------------------------------------------------------
        ask_s: list[float] = []
        abstained = 0
        for question in QUESTIONS:
            start = time.perf_counter()
            answer = briefing.ask(question, runtime=runtime)
            ask_s.append(time.perf_counter() - start)
            abstained += answer.abstained
            shown = answer.message if answer.abstained else answer.text
            print(f"(d) ask {ask_s[-1]:.2f} s  {question}  ->  {shown[:110]}")

        # --- (e) summarize ---------------------------------------------------------------------------
        start = time.perf_counter()
        passages = store.passages().passages
        load_all_s = time.perf_counter() - start
        embedder.seconds = 0.0
        start = time.perf_counter()
        whole = briefing.summarize(runtime=runtime)
        whole_s = time.perf_counter() - start
        whole_embed_s = embedder.seconds
        embedder.seconds = 0.0
        start = time.perf_counter()
        topical = briefing.summarize(topic=TOPIC, runtime=runtime)
        topic_s = time.perf_counter() - start
        topic_embed_s = embedder.seconds
        for label, brief in (("whole store", whole), (f"topic {TOPIC!r}", topical)):
            words = len(brief.markdown.split())
            print(
                f"(e) summarize {label}: {len(brief.claims)} claims, {len(brief.sources)} sources, "
                f"{brief.articles} articles, {words} words{' (abstained)' if brief.abstained else ''}"
            )
        print(f"(e) reading all {len(passages)} chunks with vectors from the store alone: {load_all_s:.1f} s")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    results = [
        ("machine", f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"),
        ("articles / chunks", f"{n} / {report.chunks} (chunk {settings.chunk_size}, batch {settings.batch_chars})"),
        ("model load", f"{load_s:.1f} s (+ {import_s:.1f} s imports)"),
        ("(a) raw: the text once", f"{raw_s:.1f} s ({len(once)} sentences; {raw_cores:.2f} cores)"),
        ("(a) raw: chunks + sentences", f"{before_s:.1f} s (what ingest embedded before)"),
        ("(b) ingest wall time", f"{ingest_s:.1f} s ({ingest_cores:.2f} cores busy; {rate(n, ingest_s):.2f} art/s)"),
        ("(b) ingest / raw (text once)", f"{ingest_s / raw_s:.2f}"),
        (
            "(b) Chroma alone, same records",
            f"{chroma_s:.1f} s ({chroma_cores:.2f} cores); raw + Chroma alone = {raw_s + chroma_s:.1f} s, "
            f"ingest / that = {ingest_s / (raw_s + chroma_s):.2f}",
        ),
        ("(b) ingest time split", f"embedding {embed_s:.1f} s, Chroma writes {write_s:.1f} s (overlapped)"),
        (
            "(c) re-ingest",
            f"{again_s:.1f} s ({again.unchanged} unchanged, {again.added} added, {again.replaced} replaced)",
        ),
        (
            "(d) ask median",
            f"{statistics.median(ask_s):.2f} s over {len(ask_s)} questions "
            f"(min {min(ask_s):.2f}, max {max(ask_s):.2f}; {abstained} abstained)",
        ),
        ("(e) summarize, whole store", f"{whole_s:.1f} s (of which embedding {whole_embed_s:.1f} s)"),
        (f"(e) summarize, topic {TOPIC!r}", f"{topic_s:.1f} s (of which embedding {topic_embed_s:.1f} s)"),
        ("peak memory (RSS)", f"{peak_mb:.0f} MB"),
        # Other work on the machine slows the embedding; a 1-minute load above the core count says so.
        ("load average, start / end", f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"),
    ]
    print()
    print(table(f"briefing ingest benchmark: {n} articles", results))
    record("ingest", f"ingest of {n} articles", ingest_s, "s", f"1.1 x raw encode = {1.1 * raw_s:.1f} s")
    record("ingest", "ingest / raw encode of the text once", ingest_s / raw_s, "x", "1.1")
    record("ingest", "ask, median", statistics.median(ask_s), "s", "")
    record("ingest", f"peak RSS, {n} articles", peak_mb, "MB", "1536 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
