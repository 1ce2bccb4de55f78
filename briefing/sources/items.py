"""What the API takes as articles: paths of files or folders, article texts, or Articles, told apart."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.errors import BriefingError
from briefing.sources.articles import SUFFIXES, make_article, read_files
from briefing.sources.files import is_pattern, not_found
from briefing.types import Article

Item = str | Path | Article
Items = Item | Iterable[Item]


def looks_like_path(item: str) -> bool:
    """Whether a string names a file or folder rather than being an article's text."""
    if "\n" in item or len(item) >= 1024:
        return False
    try:
        return Path(item).exists() or Path(item).suffix.lower() in SUFFIXES
    except (OSError, ValueError):  # e.g. a one-line article longer than a file name may be
        return False


def expand(path: str | Path) -> list[Path]:
    """A path, or the files and folders a pattern in it matches (`today/*.html`, `news/**/*.csv`), in name
    order. A path that exists is taken as it is, whatever its name holds; a pattern that matches nothing is
    kept, so that reading it says it is not there."""
    text = str(path)
    if Path(text).exists() or not is_pattern(text):
        return [Path(text)]
    return [Path(p) for p in sorted(glob.glob(text, recursive=True))] or [Path(text)]


def split_urls(items: Items) -> tuple[list[str], list[Item]]:
    """The web addresses among the items (feeds or pages to fetch), and the rest."""
    from briefing.sources.fetching import is_url

    if isinstance(items, str | Path | Article):
        items = [items]
    urls: list[str] = []
    rest: list[Item] = []
    for item in items:
        if isinstance(item, str) and is_url(item):
            urls.append(item.strip())
        else:
            rest.append(item)
    return urls, rest


def split_items(items: Items) -> tuple[list[Article], list[Path]]:
    """Articles given as such or as texts (each made an Article), and the paths to read (patterns expanded)."""
    if isinstance(items, str | Path | Article):
        items = [items]
    articles: list[Article] = []
    paths: list[Path] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Path) or looks_like_path(item):
            paths += expand(item)
        else:
            articles.append(make_article(item, default_source=f"text {n}"))
    return articles, paths


def read_given(items: Items, max_bytes: int) -> Sequence[Article]:
    """Articles from paths, texts or Articles, for briefing without the store.

    Raises:
        BriefingError: A path does not exist, or nothing at all could be read.
    """
    articles, paths = split_items(items)
    for path in paths:
        if not path.exists():
            raise BriefingError(not_found(path, named=True))
    found, skipped, _, _ = read_files(paths, max_bytes)
    if paths and not found and skipped:
        reasons = "; ".join(f"{name}: {why}" for name, why in skipped)
        raise BriefingError(f"nothing could be read: {reasons}")
    return articles + found
