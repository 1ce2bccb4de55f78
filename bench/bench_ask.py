"""Time warm answers on a store of the news corpus: `briefing.ask` for the first 20 calibration questions of
bench/gold/questions.json, beside the floor measured in the same run (embedding one question). Timings are
printed, never asserted.

    .venv/bin/python bench/bench_ask.py --store /tmp/news-store
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import briefing

GOLD = Path(__file__).resolve().parent / "gold" / "questions.json"
GOAL_MS = 150  # warm p50 (issue 21)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument("-n", type=int, default=20, help="how many calibration questions")
    args = parser.parse_args()
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    questions = [q["question"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["questions"]]
    questions = questions[: args.n]
    briefing.ask(questions[0], runtime=rt)  # warm: the model and the store loaded
    times = []
    for question in questions:
        start = time.perf_counter()
        briefing.ask(question, runtime=rt)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    for question in questions:
        rt.embedder.embed_query(question)
    floor = (time.perf_counter() - start) / len(questions)
    p90 = sorted(times)[int(0.9 * (len(times) - 1))]
    print(f"warm ask over {len(times)} questions: p50 {statistics.median(times) * 1000:.0f} ms (goal {GOAL_MS}),")
    print(f"  p90 {p90 * 1000:.0f} ms; floor: embedding one question {floor * 1000:.0f} ms")


if __name__ == "__main__":
    main()
