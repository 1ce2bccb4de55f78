"""Extraction quality on the fixture article pages (tests/data/web): how much of each article's text the
product's page reader recovers, and how much of the page's boilerplate leaks into it.

Each page is one of tests/data/port_strike.jsonl's articles set in real-looking HTML: a cookie banner, a
menu, a share bar, a newsletter box, related links, two reader comments, a footer and scripts. Printed
(never asserted), per page and overall, for the product (`briefing.sources.feeds.page_article`:
trafilatura with metadata and recall favoured) beside a baseline measured in the same run (all the page's
visible text, `trafilatura.html2txt`):

  recovered: the share of the article's sentences found whole in the extracted text;
  leaked: the share of the page's boilerplate pieces (menu entries, banner, share links, newsletter,
          related headlines, comments, footer) found in it.

    python bench/bench_extract.py

The pages were written for the tests, from one template, so the figures say that the reader keeps the
article and drops this kind of boilerplate; they are not a measure on real sites (trafilatura's own
evaluation is: article-body F1 0.958 on the ScrapingHub benchmark).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from results import record

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "tests" / "data" / "web"
RECORDS = [json.loads(line) for line in (ROOT / "tests" / "data" / "port_strike.jsonl").read_text().splitlines()]


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", flat(text)) if s]


def boilerplate(spec: dict[str, object]) -> list[str]:
    pieces: list[str] = []
    for value in spec.values():
        pieces += value if isinstance(value, list) else [str(value)]
    return [flat(p) for p in pieces]


def product(html: str, url: str) -> str:
    from briefing.sources.feeds import page_article

    return page_article(html, url).text


def baseline(html: str, _: str) -> str:
    import trafilatura

    return str(trafilatura.html2txt(html))


def measure(extract: Callable[[str, str], str]) -> list[tuple[str, float, float]]:
    index = json.loads((WEB / "pages.json").read_text(encoding="utf-8"))
    noise = boilerplate(index["boilerplate"])
    rows = []
    for slug, page in sorted(index["pages"].items()):
        html = (WEB / f"{slug}.html").read_text(encoding="utf-8")
        got = flat(extract(html, f"https://news.example/articles/{slug}.html"))
        wanted = sentences(RECORDS[page["record"]]["text"])
        recovered = sum(s in got for s in wanted) / len(wanted)
        leaked = sum(p in got for p in noise) / len(noise)
        rows.append((slug, recovered, leaked))
    return rows


def main() -> None:
    results = {"briefing (trafilatura)": measure(product), "baseline: all visible text": measure(baseline)}
    names = [slug for slug, _, _ in next(iter(results.values()))]
    print(f"{'page':30s}" + "".join(f"{name:>32s}" for name in results))
    print(f"{'':30s}" + "".join(f"{'recovered  leaked':>32s}" for _ in results))
    for n, slug in enumerate(names):
        cells = "".join(f"{rows[n][1]:>22.0%}{rows[n][2]:>10.0%}" for rows in results.values())
        print(f"{slug:30s}{cells}")
    totals = {}
    for name, rows in results.items():
        totals[name] = (sum(r[1] for r in rows) / len(rows), sum(r[2] for r in rows) / len(rows))
    label = f"all {len(names)} pages"
    print(f"{label:30s}" + "".join(f"{r:>22.0%}{lk:>10.0%}" for r, lk in totals.values()))
    recovered, leaked = totals["briefing (trafilatura)"]
    base_recovered, base_leaked = totals["baseline: all visible text"]
    record(
        "extract", "article sentences recovered (fixture pages)", recovered * 100, "%", f"all text {base_recovered:.0%}"
    )
    record("extract", "boilerplate leaked (fixture pages)", leaked * 100, "%", f"all text {base_leaked:.0%}")


if __name__ == "__main__":
    main()
