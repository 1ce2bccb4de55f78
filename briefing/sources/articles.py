"""Articles: the unit analysts think in, read from files or given as text. Parsing is pure where it can be.

This module reads files (which reader for which suffix; what was skipped and why); an Article is made from raw
fields in `making.py`, and each format is read in `formats.py`. Their names stay importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

# re-exported (`X as X`): scripts and tests import these from here
from briefing.errors import SkipFile as SkipFile
from briefing.sources.files import decode as decode
from briefing.sources.files import find_files as find_files
from briefing.sources.files import not_found
from briefing.sources.files import read_bytes as read_bytes
from briefing.sources.formats import parse_csv as parse_csv
from briefing.sources.formats import parse_html as parse_html
from briefing.sources.formats import parse_json as parse_json
from briefing.sources.formats import parse_markdown as parse_markdown
from briefing.sources.formats import parse_records as parse_records
from briefing.sources.formats import record_key as record_key
from briefing.sources.formats import without_headline as without_headline
from briefing.sources.making import ALIASES as ALIASES
from briefing.sources.making import MAX_CHARS as MAX_CHARS
from briefing.sources.making import MAX_TITLE as MAX_TITLE
from briefing.sources.making import SUFFIXES as SUFFIXES
from briefing.sources.making import dated as dated
from briefing.sources.making import derive_title as derive_title
from briefing.sources.making import inert as inert
from briefing.sources.making import make_article as make_article
from briefing.sources.making import repair as repair
from briefing.types import Article as Article
from briefing.types import article_id as article_id


def origin_of(path: Path, uploaded: bool = False) -> str:
    """What a file is called in the store: its full path, or `upload/NAME` for a page upload (whose
    temporary folder changes each time: the same name in a collection is the same file)."""
    if uploaded:
        return f"upload/{path.name}"
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symbolic link loop: the file is skipped as such, under this name
        return str(path.absolute())


def parse_file(path: Path, max_bytes: int, origin: str | None = None) -> Iterator[Article | SkipFile]:
    """Articles from one file, each with its `origin` (default: the file's full path). Raises SkipFile for
    a file that cannot be read at all."""
    origin = origin or origin_of(path)
    for item in _parse_file(path, max_bytes, origin):
        yield item if isinstance(item, SkipFile) else replace(item, origin=origin)


def _parse_file(path: Path, max_bytes: int, origin: str) -> Iterator[Article | SkipFile]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SkipFile(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUFFIXES))}")
    text = decode(read_bytes(path, max_bytes), path.name)
    if suffix in (".json", ".jsonl"):
        yield from parse_json(text, origin, lines=suffix == ".jsonl")
    elif suffix == ".csv":
        yield from parse_csv(text, origin)
    elif suffix in (".html", ".htm"):
        yield parse_html(text, origin)
    elif suffix in (".md", ".markdown"):
        yield parse_markdown(text, origin)
    else:
        yield make_article(text, key=origin)


Named = list[tuple[str, str]]


def read_files(
    paths: Iterable[Path | str], max_bytes: int, uploaded: bool = False
) -> tuple[list[Article], Named, int, Named]:
    """Parse files and folders. Returns the articles, the skipped (name, reason) pairs, the file count, and
    (name, note) pairs on what was kept with a change (a date dropped, a title cut).

    A folder that holds no files is skipped as such. `uploaded`: the files are page uploads, each known
    by its name alone (`origin_of`).
    """
    articles: list[Article] = []
    skipped: Named = []
    notes: Named = []
    files = 0
    for given in (Path(p) for p in paths):
        if given.is_dir() and next(find_files([given]), None) is None:
            skipped.append((str(given), "empty folder (no files in it)"))
    for path in find_files(Path(p) for p in paths):
        files += 1
        if not path.exists() and not path.is_symlink():
            skipped.append((str(path), not_found(path)))
            continue
        try:
            for item in parse_file(path, max_bytes, origin_of(path, uploaded)):
                if isinstance(item, SkipFile):
                    skipped.append((str(path), str(item)))
                else:
                    articles.append(item)
                    notes += [(str(path), note) for note in item.notes]
        except SkipFile as exc:
            skipped.append((str(path), str(exc)))
    return articles, skipped, files, notes
