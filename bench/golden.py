"""Write what briefing says on fixed inputs to a folder, to compare two checkouts byte for byte.

For a change that must not change behaviour (a move, a rename, a split): run it on the code before and
after, then compare the two folders. It ingests the seed and the first 300 articles of the news corpus
into temporary stores, asks fixed questions (and a two-turn Conversation), writes fixed topic briefs and
the brief on everything, and dumps `stats` and `list_articles`, one file each. Store paths are masked.

    PYTHONPATH=OLD_CHECKOUT .venv/bin/python bench/golden.py /tmp/golden/before
    .venv/bin/python bench/golden.py /tmp/golden/after
    diff -r /tmp/golden/before /tmp/golden/after && echo identical
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
from pathlib import Path

import briefing

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "bench" / "data" / "news.csv"
SEED_QUESTIONS = [
    "Where is Russia's 41st army?",
    "How many troops are on the border?",
    "What did NATO say about the missile test?",
    "Who won the 2018 World Cup?",
    "Which organisation does Stoltenberg lead? And what did Austin say?",
]
SEED_TOPICS = [None, "NATO", "Russia troops"]
NEWS_QUESTIONS = [
    "Who was confirmed as secretary of education?",
    "What did the 9th Circuit decide about the travel ban?",
    "How many people died?",
    "What did Trump say about voter fraud?",
    "Who cast the tie-breaking vote?",
    "What is the capital of Australia?",
    "Why did the House committee vote to eliminate the election commission?",
]
NEWS_TOPICS = [None, "travel ban", "Betsy DeVos", "election commission", "Russia"]


def run(name: str, store: Path, items: list[str], questions: list[str], topics: list[str | None], out: Path) -> None:
    """Ingest `items` into `store` and write every answer, brief and listing under `out` as `name-*`."""
    rt = briefing.Runtime(briefing.Settings(store_dir=store, progress=False))
    masked = re.compile(re.escape(str(store.parent)) + "/")

    def write(suffix: str, text: str) -> None:
        (out / f"{name}-{suffix}").write_text(masked.sub("", text), encoding="utf-8")

    write("ingest.txt", repr(briefing.ingest(items, runtime=rt)))
    answers = [briefing.ask(q, runtime=rt).markdown for q in questions]
    chat = briefing.Conversation(runtime=rt)
    answers += [chat.ask(q).markdown for q in questions[:2]]
    write("answers.md", "\n\n=====\n\n".join(answers))
    for n, topic in enumerate(topics):
        write(f"brief-{n}.md", briefing.summarize(topic=topic, keep=False, runtime=rt).markdown)
    write("stats.txt", repr(briefing.stats(runtime=rt)))
    write("list.txt", "\n".join(repr(a) for a in briefing.list_articles(runtime=rt)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write the outputs to")
    parser.add_argument("--limit", type=int, default=300, help="news articles to ingest (default 300)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        run("seed", Path(tmp) / "seed", [str(ROOT / "seeds")], SEED_QUESTIONS, SEED_TOPICS, args.out)
        with NEWS.open(encoding="utf-8", newline="") as source:
            rows = [row for _, row in zip(range(args.limit), csv.DictReader(source), strict=False)]
        news = Path(tmp) / "news.csv"
        with news.open("w", encoding="utf-8", newline="") as sink:
            writer = csv.DictWriter(sink, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        run("news", Path(tmp) / "news", [str(news)], NEWS_QUESTIONS, NEWS_TOPICS, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
