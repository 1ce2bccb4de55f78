"""Time briefs on a store of the news corpus: topic briefs and a brief on everything, warm through the API, and
`briefing brief TOPIC` from a cold process; beside the floor measured in the same run (embedding the topic
and the store's nearest-sentence query, which every topic brief must do). Timings are printed, never asserted.

    .venv/bin/python bench/bench_brief.py --store /tmp/news-store
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from results import record

import briefing
from briefing.analysis.reading import TOPIC_PASSAGES

BENCH = Path(__file__).resolve().parent
GOALS = {"topic": 2.0, "everything": 5.0, "cold": 10.0}


def timed(call, runs: int = 3) -> float:
    """The median wall time of `call` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((BENCH / "gold").glob("*.json"))]
    topics = [story["topic"] for story in stories if "topic" in story]  # questions.json is not a story
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    stats = briefing.stats(runtime=rt)
    print(f"store: {stats.articles} articles, {stats.chunks} chunks, {rt.store.quotable.count()} articles' sentences")
    briefing.summarize(topic=topics[0], runtime=rt)  # load the model, warm the store
    embed = timed(lambda: rt.embedder.embed_query(topics[0]), args.runs)
    vector = rt.embedder.embed_query(topics[0])
    query = timed(lambda: rt.store.query(vector, TOPIC_PASSAGES), args.runs)
    print(f"floor: embed a topic {embed * 1000:.0f} ms; nearest {TOPIC_PASSAGES} passages {query * 1000:.0f} ms")
    rows = []
    for topic in topics:
        seconds = timed(lambda t=topic: briefing.summarize(topic=t, runtime=rt), args.runs)
        rows.append((f"topic brief: {topic}", seconds, GOALS["topic"]))
    rows.append(("brief on everything", timed(lambda: briefing.summarize(runtime=rt), args.runs), GOALS["everything"]))
    env = {**os.environ, "BRIEFING_STORE_DIR": str(args.store), "BRIEFING_PROGRESS": "false"}
    command = [sys.executable, "-m", "briefing.cli", "brief", topics[0]]
    cold = timed(lambda: subprocess.run(command, env=env, check=True, capture_output=True), 2)
    rows.append((f"cold `briefing brief {topics[0]}`", cold, GOALS["cold"]))
    print(f"\n  {'':52s} {'seconds':>8s} {'goal':>6s}")
    for name, seconds, goal in rows:
        record("brief", name, seconds, "s", f"{goal:g} s")
        print(f"  {name[:52]:52s} {seconds:8.2f} {goal:6.1f}{'' if seconds <= goal else '  OVER'}")


if __name__ == "__main__":
    main()
