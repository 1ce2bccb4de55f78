"""Articles: the unit analysts think in, read from files or given as text. Parsing is pure where it can be."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from briefing.errors import SkipFile
from briefing.facts import parse_date
from briefing.text import split_sentences
from briefing.types import Article, article_id

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv"}
# Column or key names accepted for each field, first match wins (a news data set loads as it is).
ALIASES = {
    "text": ("text", "content", "body", "article", "article_text", "maintext"),
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet", "source_name", "sitename"),
    "url": ("url", "link", "article_source_link", "source_url"),
    "date": ("date", "publish_date", "published", "published_at", "pub_date", "datetime", "timestamp"),
    "id": ("id", "article_id", "guid", "uid"),
}
_LOST_BREAK = re.compile(r"(?<=[.!?\"”])-(?=\s+[A-Z])")  # "fulfilled.- Officials": a paragraph break lost
_DATE_HEADER = re.compile(r"\A\s*(?:date|Date|DATE)\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")


def repair(text: str) -> str:
    """Text with mojibake undone ("doesnâ€™t" -> "doesn’t") by ftfy; curly quotes stay curly."""
    import ftfy

    return str(ftfy.fix_text(text, uncurl_quotes=False)) if text else text


def derive_title(text: str, words: int = 12) -> str:
    """A title for an article that has none: its first line if short, else its first sentence, cut."""
    first_line = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    if 0 < len(first_line) <= 100 and not first_line.endswith((".", "!", "?", '"', "”")):
        return first_line
    sentences = split_sentences(text.strip())
    first = sentences[0] if sentences else text.strip()
    tokens = first.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def make_article(
    text: str,
    *,
    key: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    date: object = None,
    default_source: str = "",
) -> Article:
    """Build an article from raw fields: cleans text, reads a `date YYYY-MM-DD` header, fills gaps.

    `key` says which article this is, so that an edited version replaces it: the URL when there is one,
    else `key` (a file, record id), else the text itself (a text given on its own is never replaced).
    """
    text = repair(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
    text = _LOST_BREAK.sub("", text)
    header = _DATE_HEADER.match(text)
    if header:
        date = date if parse_date(date) else header.group(1)
        text = text[header.end() :]
    text = text.strip()
    if not text:
        raise SkipFile("no text")
    url = (url or "").strip()
    source = (source or "").strip() or (urlparse(url).netloc.removeprefix("www.") if url else "")
    source = source or default_source or "unknown"
    return Article(
        text=text,
        title=repair(title or "").strip() or derive_title(text),
        source=source,
        key=url or key or article_id(text),
        url=url,
        date=parse_date(date),
    )


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), then Windows-1252; binary data is refused."""
    if not data.strip():
        raise SkipFile("empty file")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SkipFile("binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        if encoding == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 0.01 * max(1, len(text[:8192])):
            raise SkipFile("binary file (control characters)")
        return text
    raise SkipFile("not text: neither UTF-8 nor Windows-1252")


def _pick(record: dict[str, object], name: str) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for alias in ALIASES[name]:
        value = lowered.get(alias)
        if value not in (None, ""):
            return str(value)
    return None


def parse_records(records: Iterable[tuple[str, object]], origin: str) -> Iterator[Article | SkipFile]:
    """Articles from JSON/CSV-like records, each given with its label ("record 3", "line 7", "row 2").

    A record that cannot be an article yields a SkipFile naming it; the records after it still come.
    """
    for label, record in records:
        if not isinstance(record, dict):
            yield SkipFile(f"{label}: not an object")
            continue
        text = _pick(record, "text")
        if not text or not text.strip():
            yield SkipFile(f"{label}: no text")
            continue
        try:
            yield make_article(
                text,
                key=f"{origin}#{_pick(record, 'id') or label.split()[-1]}",
                title=_pick(record, "title"),
                source=_pick(record, "source"),
                url=_pick(record, "url"),
                date=_pick(record, "date"),
                default_source=Path(origin).name,
            )
        except SkipFile as exc:
            yield SkipFile(f"{label}: {exc}")


def parse_html(html: str, origin: str) -> Article:
    """Article text and metadata from an HTML page, with trafilatura's extractor."""
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    doc = found.as_dict() if found is not None and hasattr(found, "as_dict") else found
    if not isinstance(doc, dict) or not (doc.get("text") or "").strip():
        raise SkipFile("no article text found in the HTML")
    return make_article(
        str(doc["text"]),
        key=origin,
        title=doc.get("title"),
        source=doc.get("sitename") or doc.get("hostname"),
        url=doc.get("url"),
        date=doc.get("date"),
        default_source=Path(origin).name,
    )


_MD_TITLE = re.compile(r"\A\s*(?:date\s*:?\s+\d{4}-\d{2}-\d{2}[ \t]*\n\s*)?(#[ \t]+(.+?)[ \t#]*(?:\n|\Z))", re.I)


def parse_markdown(text: str, origin: str) -> Article:
    """A Markdown article: a `# Title` first line (after an optional date line) becomes the title."""
    title = None
    match = _MD_TITLE.match(text)
    if match:
        title = match.group(2).strip()
        text = text[: match.start(1)] + text[match.end(1) :]
    return make_article(text, key=origin, title=title, default_source=Path(origin).name)


def parse_json(text: str, origin: str, lines: bool) -> Iterator[Article | SkipFile]:
    """Records from a JSON file (an object, a list of objects, or {"articles": [...]}) or JSON Lines."""
    records: list[tuple[str, object]] = []
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((f"line {number}", SkipFile(f"line {number}: invalid JSON ({exc.msg})")))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SkipFile(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"record {n}", r) for n, r in enumerate(items, start=1) if r is not None]
    if not records:
        raise SkipFile("no records in the file")
    for label, record in records:
        if isinstance(record, SkipFile):
            yield record
        else:
            yield from parse_records([(label, record)], origin)


def parse_csv(text: str, origin: str) -> Iterator[Article | SkipFile]:
    """Records from a CSV file whose header names a text column."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not any(alias in header for alias in ALIASES["text"]):
        raise SkipFile(f"CSV has no text column (header: {', '.join(header) or 'none'}); name one `text`")
    try:
        yield from parse_records(((f"row {n}", row) for n, row in enumerate(reader, start=2)), origin)
    except csv.Error as exc:
        raise SkipFile(f"malformed CSV: {exc}") from exc


def parse_file(path: Path, max_bytes: int) -> Iterator[Article | SkipFile]:
    """Articles from one file. Raises SkipFile for a file that cannot be read at all."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SkipFile(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUFFIXES))}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(
                f"too large ({size / 1e6:,.2f} MB, limit {max_bytes / 1e6:,.2f} MB; raise BRIEFING_MAX_FILE_MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from exc
    text = decode(data, path.name)
    origin = str(path.resolve())
    if suffix in (".json", ".jsonl"):
        yield from parse_json(text, origin, lines=suffix == ".jsonl")
    elif suffix == ".csv":
        yield from parse_csv(text, origin)
    elif suffix in (".html", ".htm"):
        yield parse_html(text, origin)
    elif suffix in (".md", ".markdown"):
        yield parse_markdown(text, origin)
    else:
        yield make_article(text, key=origin, default_source=path.name)


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the files inside folders named (recursively, hidden ones left out), sorted."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in relative):
                    yield child
        else:
            yield path


def read_files(paths: Iterable[Path | str], max_bytes: int) -> tuple[list[Article], list[tuple[str, str]], int]:
    """Parse files and folders. Returns the articles, the skipped (name, reason) pairs and the file count."""
    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    files = 0
    for path in find_files(Path(p) for p in paths):
        files += 1
        if not path.exists():
            skipped.append((str(path), "no such file or folder"))
            continue
        try:
            for item in parse_file(path, max_bytes):
                if isinstance(item, SkipFile):
                    skipped.append((str(path), str(item)))
                else:
                    articles.append(item)
        except SkipFile as exc:
            skipped.append((str(path), str(exc)))
    return articles, skipped, files
