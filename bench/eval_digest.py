"""How many of the period's biggest stories the brief on everything (the digest) names.

Gold: bench/gold/top_stories.json, the period's ten biggest stories written by hand, each with keywords. A
digest line (its label, topic words and claim) names the story whose keywords it holds most often (ties: the
keyword that comes first in the line); each line names one story at most. Goal (issue 20): >= 6 of 10.

Splits: the whole corpus (`top_stories.json`, the default) is the calibration set that grouping was tuned on;
February 2017 (`top_stories_feb2017.json`, its `since`/`until` applied to the digest) is held out, written
before any digest was run on that period: run it once, with the final code.

    .venv/bin/python bench/eval_digest.py --store /tmp/news-store [--gold bench/gold/top_stories_feb2017.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import briefing
from briefing.results import TOP_STORIES

GOLD = Path(__file__).resolve().parent / "gold" / "top_stories.json"


def named(line: str, stories: list[dict]) -> int | None:
    """The index of the story a digest line names, None when it names none."""
    text = line.casefold()
    best: tuple[int, int, int] | None = None
    for i, story in enumerate(stories):
        hits = [text.find(k.casefold()) for k in story["keywords"] if k.casefold() in text]
        if hits and (best is None or (-len(hits), min(hits)) < (best[0], best[1])):
            best = (-len(hits), min(hits), i)
    return best[2] if best else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the period's top stories (default: whole corpus)")
    parser.add_argument("--show", action="store_true", help="print the digest")
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    stories = gold["stories"]
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    start = time.perf_counter()
    brief = briefing.summarize(since=gold.get("since"), until=gold.get("until"), runtime=rt, keep=False)
    seconds = time.perf_counter() - start
    lines = [f"{c.label or ''} {c.text}" for s in brief.sections if s.title == TOP_STORIES for c in s.claims]
    found = {i for line in lines if (i := named(line, stories)) is not None}
    if args.show:
        print(brief.render(sources=False))
    shown = f"{len(found)}/{len(stories)} of the period's biggest named"
    print(f"digest: {len(lines)} stories shown, {shown} ({seconds:.1f} s)")
    for i, story in enumerate(stories):
        print(f"  {'named ' if i in found else 'missing'} {story['story']}")


if __name__ == "__main__":
    main()
