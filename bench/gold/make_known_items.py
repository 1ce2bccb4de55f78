"""Make bench/gold/known_items.json: 200 known-item queries drawn from the news corpus.

A known-item query looks for one article the asker knows exists. Drawn mechanically, not judged:

  1. articles whose title is non-empty and occurs once in the corpus (so the title names one article);
  2. 200 of them chosen with random.Random(2026), in the order drawn (ids k001-k200);
  3. 100 of the 200 (chosen with the same generator) get a keyword query: 3-5 of the title's content
     words (words that are not stop words), picked at random but kept in the title's order and never the
     whole title (so only titles with enough content words can be chosen); the other 100 get the title as
     it is.

Deterministic: the same corpus gives the same file.

    python bench/gold/make_known_items.py [path/to/news.csv]    # default bench/data/news.csv
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "data" / "news.csv"
OUT = HERE / "known_items.json"
N, N_KEYWORDS, SEED = 200, 100, 2026

STOP = set(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers him his how i if in into is it its just me more most my no nor not now of off on once
    only or other our out over own s same says said she should so some such than that the their them then
    there these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your i'm i'll i've i'd it's that's there's he's she's let's we're we've
    they're you're don't doesn't didn't can't won't isn't aren't wasn't""".split()
)
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def content_words(title: str) -> list[str]:
    """The title's words that are not stop words (contractions such as "it's" are; possessives stay words)."""
    return [w for w in WORD.findall(title) if w.lower().replace("’", "'") not in STOP]


def can_shorten(title: str) -> bool:
    """At least 3 content words, and a keyword query that differs from the title is possible."""
    words = content_words(title)
    return len(words) >= 4 or (len(words) == 3 and " ".join(words) != title)


def main(path: Path) -> None:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    counts = Counter(r["title"] for r in rows)
    eligible = [r for r in rows if r["title"].strip() and counts[r["title"]] == 1]
    rng = random.Random(SEED)
    picked = rng.sample(eligible, N)
    keyword_able = [i for i, r in enumerate(picked) if can_shorten(r["title"])]
    as_keywords = set(rng.sample(keyword_able, N_KEYWORDS))
    items = []
    for i, r in enumerate(picked):
        query = r["title"]
        if i in as_keywords:
            words = content_words(r["title"])
            k = rng.randint(3, min(5, len(words)))
            if k == len(words) and " ".join(words) == r["title"]:  # would be the title itself
                k -= 1
            query = " ".join(words[j] for j in sorted(rng.sample(range(len(words)), k)))
        items.append({"id": f"k{i + 1:03d}", "url": r["url"], "title": r["title"], "query": query})
    about = (
        f"Known-item queries made by bench/gold/make_known_items.py from {path.name} ({len(rows)} articles): "
        f"{N} articles with a non-empty title unique in the corpus, drawn with random.Random({SEED}); "
        f"{N - N_KEYWORDS} queries are the title as it is, {N_KEYWORDS} are 3-5 of the title's content words "
        "(stop words removed) in the title's order, never the title itself. The right answer to each query is its url."
    )
    OUT.write_text(json.dumps({"about": about, "items": items}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(items)} items ({N_KEYWORDS} keyword queries) written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
