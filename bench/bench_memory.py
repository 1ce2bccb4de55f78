"""Peak memory of `briefing ingest` as the corpus grows: 1k articles, the whole corpus, and the corpus
replicated (each copy with its own URL, its dates moved on by a year per copy, and a first line "Copy n."
that gives it an id of its own; the rest of the text unchanged, so copies join their original's copy group).

Each size is ingested by a fresh `briefing ingest` process into a fresh store; its peak RSS comes from the
kernel (`getrusage` of the child). Printed beside the limit the issue sets (1.5 GB) and the size of the
store the run left, never asserted.

    python bench/bench_memory.py                      # 1,000, all, all x 3
    python bench/bench_memory.py --sizes 1000,0 --copies 2
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import record

BENCH = Path(__file__).resolve().parent
DEFAULT_CSV = BENCH / "data" / "news.csv"
LIMIT_MB = 1536


def corpus(source: Path, limit: int, copies: int, out: Path) -> int:
    """Write the first `limit` articles (0: all) of `source`, `copies` times over, to `out`."""
    csv.field_size_limit(2**31 - 1)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    rows = rows[:limit] if limit else rows
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for copy in range(copies):
            for row in rows:
                if copy:  # an article's id comes from its text: each copy gets a line of its own
                    row = {**row, "url": f"{row['url']}#copy{copy}", "text": f"Copy {copy}.\n\n{row['text']}"}
                    if len(row.get("date") or "") >= 4 and row["date"][:4].isdigit():
                        row["date"] = f"{int(row['date'][:4]) + copy}{row['date'][4:]}"
                writer.writerow(row)
    return len(rows) * copies


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--sizes", default="1000,0", help="article counts, 0 for all (default: 1000,0)")
    parser.add_argument("--copies", type=int, default=3, help="also ingest the whole corpus this many times over")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        sys.exit(f"{args.csv} is missing: run bench/fetch_news.py first")
    runs = [(int(s), 1) for s in args.sizes.split(",") if s.strip()]
    if args.copies > 1:
        runs.append((0, args.copies))
    briefing = Path(sys.executable).with_name("briefing")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "BRIEFING_PROGRESS": "0"}
    print(f"{'articles':>9} {'chunks':>8} {'seconds':>8} {'peak RSS MB':>12} {'limit MB':>9} {'store MB':>9}")
    for limit, copies in runs:
        with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
            data = Path(tmp) / "news.csv"
            articles = corpus(args.csv, limit, copies, data)
            store = Path(tmp) / "store"
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            done = subprocess.run(
                [str(briefing), "ingest", str(data)],
                env={**env, "BRIEFING_STORE_DIR": str(store)},
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if done.returncode:
                print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
                return done.returncode
            # ru_maxrss of children is the largest of any child so far: a smaller run after a larger
            # one would show the larger; the sizes run ascending, so each figure is its own run's.
            chunks = next((w for line in done.stdout.splitlines() for w in [line] if "chunks written" in w), "")
            written = chunks.split(";")[1].split()[0] if ";" in chunks else "?"
            note = "" if peak > before else " (not above an earlier run's)"
            record("memory", f"ingest peak RSS, {articles} articles", peak / 1024, "MB", f"{LIMIT_MB} MB{note}")
            print(
                f"{articles:>9} {written:>8} {seconds:>8.0f} {peak / 1024:>12.0f} {LIMIT_MB:>9} "
                f"{folder_mb(store):>9.0f}{note}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
