"""How often the prompt-injection patterns (briefing/text/injection.py) match real news text: every sentence
of the news corpus (bench/fetch_news.py) is tested and each match printed, so a pattern that would take
honest sentences out of quoting shows up here.

    python bench/check_injection.py [--csv bench/data/news.csv]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.sources.articles import read_files
from briefing.text.injection import addresses_a_model
from briefing.text.sentences import sentence_spans

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "news.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args(argv)
    articles = read_files([args.csv], 10**9)[0]
    total, hits = 0, []
    for article in articles:
        for start, end in sentence_spans(article.text):
            total += 1
            sentence = article.text[start:end]
            if addresses_a_model(sentence):
                hits.append((article.source, sentence))
    for source, sentence in hits:
        print(f"- [{source}] {sentence[:300]}")
    print(f"\n{len(hits)} of {total} sentences in {len(articles)} articles match ({len(hits) / max(1, total):.3%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
