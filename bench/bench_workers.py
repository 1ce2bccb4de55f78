"""Ingest throughput against one `chroma run` server with 1 and 2 `briefing ingest` workers at once.

The first N articles of the news corpus (bench/fetch_news.py) go, in one run, to a fresh collection on a
server started here: once by one worker, then split in halves between two workers started together (each
a `briefing ingest` process with CHROMA_HOST set, as on two machines). Printed: wall time, articles per
second and the peak RSS of each worker, beside the limit measured in the same run: one process encoding
the same sentences with the configured MiniLM. Nothing is asserted.

    python bench/bench_workers.py --limit 600
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench_memory import corpus  # noqa: E402
from results import record  # noqa: E402

from tests.servers import chroma_server  # noqa: E402


def ingest(files: list[Path], env: dict[str, str], collection: str) -> tuple[float, list[int], list[str]]:
    """Run one `briefing ingest` per file, all at once; wall time, each one's peak RSS (KB), summaries."""
    briefing = str(Path(sys.executable).with_name("briefing"))
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", briefing, "ingest", str(f)],
            env={**env, "BRIEFING_COLLECTION": collection},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    outs = [p.communicate() for p in procs]
    seconds = time.perf_counter() - start
    for p, (out, err) in zip(procs, outs, strict=True):
        if p.returncode:
            sys.exit(f"a worker failed:\n{out}\n{err}")
    peaks = [int(err.strip().splitlines()[-1]) for _, err in outs]
    return seconds, peaks, [out.strip().splitlines()[-1] for out, _ in outs]


def raw_limit(data: Path) -> tuple[float, int]:
    """Seconds for one process to encode the articles' sentences once with the configured MiniLM."""
    import briefing
    from briefing.pipeline.vectors import embed, pieces
    from briefing.sources.articles import read_files
    from briefing.text.clean import sentences

    articles = read_files([data], 10**9)[0]
    texts = [a.text[p.start : p.end] for a in articles for p in pieces(a.text, sentences(a.text))]
    model = briefing.Runtime().embedder
    embed(model, texts[:64])  # warm up
    start = time.perf_counter()
    embed(model, texts)
    return time.perf_counter() - start, len(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="articles (default 600)")
    args = parser.parse_args(argv)
    source = BENCH / "data" / "news.csv"
    if not source.exists():
        sys.exit(f"{source} is missing: run bench/fetch_news.py first")
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        folder = Path(tmp)
        data = folder / "all.csv"
        corpus(source, args.limit, 1, data)
        halves = [folder / "half1.csv", folder / "half2.csv"]
        csv.field_size_limit(2**31 - 1)  # halves by article, not by line (texts hold newlines)
        with data.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for n, half in enumerate(halves):
            with half.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows[n::2])
        limit_s, articles = raw_limit(data)
        print(f"{articles} articles; limit: one process encodes their sentences once in {limit_s:.1f} s")
        with chroma_server(folder) as port:
            env = {
                **os.environ,
                "HF_HUB_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False",
                "BRIEFING_PROGRESS": "0",
                "CHROMA_HOST": "127.0.0.1",
                "CHROMA_PORT": str(port),
                "BRIEFING_STORE_DIR": str(folder / "store"),
            }
            rows_out = []
            for workers, files, collection in ((1, [data], "one-worker"), (2, halves, "two-workers")):
                seconds, peaks, summaries = ingest(files, env, collection)
                rows_out.append((workers, seconds, peaks))
                for s in summaries:
                    print(f"  {workers} worker(s): {s}")
        print(f"\n{'workers':>7} {'seconds':>8} {'articles/s':>10} {'vs limit':>8} {'peak RSS MB per worker':>24}")
        for workers, seconds, peaks in rows_out:
            limit = f"one process encodes the text in {limit_s:.1f} s"
            record("workers", f"{workers} ingest worker(s), {articles} articles, chroma run", seconds, "s", limit)
            print(
                f"{workers:>7} {seconds:>8.1f} {articles / seconds:>10.2f} {seconds / limit_s:>7.2f}x "
                f"{', '.join(f'{p / 1024:.0f}' for p in peaks):>24}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
