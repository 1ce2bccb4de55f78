"""Articles: the unit analysts think in, read from files or given as text. Parsing is pure where it can be."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

from briefing.errors import SkipFile
from briefing.sources.files import decode, find_files, read_bytes
from briefing.sources.headers import UNREADABLE, date_header, front_matter
from briefing.text.clean import MIN_WORDS, printable, printable_line
from briefing.text.dates import parse_date
from briefing.text.sentences import split_sentences
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
MAX_CHARS = 1_000_000  # a book is about this long; a longer "article" is a dump that should be split
MAX_TITLE = 300
# A spreadsheet runs a cell that starts with "=" (or with +, -, @ before a function or a DDE link) as a formula.
_FORMULA = re.compile(r"^\s*(?:=|[+\-@](?=\s*[A-Za-z_][\w.]*\s*[(|!]))")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOST_BREAK = re.compile(r"(?<=[.!?\"”])-(?=\s+[A-Z])")  # "fulfilled.- Officials": a paragraph break lost


def repair(text: str) -> str:
    """Text with mojibake undone ("doesnâ€™t" -> "doesn’t") by ftfy; curly quotes stay curly."""
    import ftfy

    return str(ftfy.fix_text(text, uncurl_quotes=False)) if text else text


def inert(value: str) -> str:
    """A value that a spreadsheet shows as text: leading formula signs dropped ("=HYPERLINK(...)")."""
    while _FORMULA.match(value):
        value = _FORMULA.sub("", value, count=1)
    return value


def derive_title(text: str, words: int = 12) -> str:
    """A title for an article that has none: its first line if short, else its first sentence, cut."""
    first_line = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    if 0 < len(first_line) <= 100 and not first_line.endswith((".", "!", "?", '"', "”")):
        return first_line
    sentences = split_sentences(text.strip())
    first = sentences[0] if sentences else text.strip()
    tokens = first.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def dated(text: str, date: object) -> tuple[str, object, list[str]]:
    """The text without its date header, the date (a given one wins over the header's), and a note when
    the header's date cannot be read."""
    header = date_header(text)
    if not header:
        return text, date, []
    if parse_date(date):
        return header.rest, date, []
    if header.day or _ISO.fullmatch(header.written):  # an ISO date that is not a real day: make_article says so
        return header.rest, header.day or header.written, []
    return header.rest, date, [UNREADABLE.format(value=header.written)]


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
    An article whose outlet is not given (nor a URL's site, nor `default_source`) has none: source "", shown
    as "no outlet". Invisible and control characters are removed; a date that is not a real day, or a title longer than
    MAX_TITLE, is dropped or cut with a note (`Article.notes`).
    """
    if len(text) > MAX_CHARS:
        raise SkipFile(f"too long for one article ({len(text):,} characters, at most {MAX_CHARS:,}): split it")
    text = inert(_LOST_BREAK.sub("", printable(repair(text))))
    text, date, notes = dated(text, date)
    text = text.strip()
    if not text:
        raise SkipFile("no text")
    day = parse_date(date)
    if day is None and date is not None and str(date).strip():
        notes.append(f"date {str(date).strip()[:40]!r} is not a day between 1800 and 2200; stored without a date")
    url = printable(url or "").strip()
    source = inert(printable_line(source or ""))
    if re.match(r"(?i)https?://\S+$", source):  # a source column holding the article's address: its site
        source = urlparse(source).netloc.removeprefix("www.")
    source = source or (urlparse(url).netloc.removeprefix("www.") if url else "")
    # none: "no outlet", never the file's name (cleaned as any other text when one is given)
    source = source or inert(printable_line(default_source))
    title = inert(printable_line(repair(title or ""))) or derive_title(text)
    if len(title) > MAX_TITLE:
        notes.append(f"title cut to {MAX_TITLE} characters (it had {len(title):,})")
        title = title[: MAX_TITLE - 1].rstrip() + "…"
    return Article(
        text=text,
        title=title,
        source=source[:MAX_TITLE],
        key=url or key or article_id(text),
        url=url,
        date=day,
        notes=tuple(notes),
    )


_KIND = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def _pick(record: dict[str, object], name: str) -> str | None:
    """A field's value as text; a value that is not a string, number (or, for `text`, a string) is refused."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for alias in ALIASES[name]:
        value = lowered.get(alias)
        if value in (None, ""):
            continue
        if isinstance(value, str) or (name != "text" and type(value) in (int, float)):
            return str(value)
        raise SkipFile(f"`{alias}` is {_KIND.get(type(value), type(value).__name__)}, not text")
    return None


def record_key(origin: str, article: Article, record_id: str | None) -> str:
    """What a record is, so that an edit replaces it and a moved row stays itself: its id within its
    outlet and file, else its URL, else its text (`make_article` gave the latter two). Never its position."""
    return f"{origin}#{article.source.casefold()}#{record_id}" if record_id else article.key


def parse_records(
    records: Iterable[tuple[str, object]], origin: str, taken: dict[str, tuple[str, str]] | None = None
) -> Iterator[Article | SkipFile]:
    """Articles from JSON/CSV-like records, each given with its label ("record 3", "line 7", "row 2").

    A record that cannot be an article yields a SkipFile naming it; the records after it still come.
    `taken` holds the keys the file's records had so far (key -> label, article id): a record whose id
    (within its outlet) or URL an earlier one of the file had, with other text, is kept too, keyed by its
    text, and a note names both (never one silently replacing the other).
    """
    taken = {} if taken is None else taken
    for label, record in records:
        if not isinstance(record, dict):
            yield SkipFile(f"{label}: not an object")
            continue
        try:
            text = _pick(record, "text")
            if not text or not text.strip():
                raise SkipFile("no text")
            record_id = _pick(record, "id")
            article = make_article(
                text,
                title=_pick(record, "title"),
                source=_pick(record, "source"),
                url=_pick(record, "url"),
                date=_pick(record, "date"),
            )
        except SkipFile as exc:
            yield SkipFile(f"{label}: {exc}")
            continue
        key = record_key(origin, article, record_id)
        notes = list(article.notes)
        first, first_id = taken.setdefault(key, (label, article.id))
        if first_id != article.id:
            what = f"id {record_id[:80]!r} of {article.source}" if record_id else f"URL {article.url[:200]}"
            notes.append(f"{what} is also {first}'s, with other text: both kept")
            key = article.id
        yield replace(article, key=key, notes=tuple(f"{label}: {note}" for note in notes))


def _plain(line: str) -> str:
    return " ".join(line.casefold().split()).strip(" #:-–—|")


def without_headline(text: str, title: str) -> str:
    """An extracted page's text without its headline (the `<h1>` the extractor keeps as the first line), so
    that the headline is the title and not glued onto the first sentence."""
    first, _, rest = text.lstrip().partition("\n")
    line, wanted = _plain(first), _plain(title)
    if line and wanted and (line == wanted or (len(line) > 15 and wanted.startswith(line))) and rest.strip():
        return rest
    return text


def parse_html(html: str, origin: str, guess_date: bool = True) -> Article:
    """Article text and metadata from an HTML page, with trafilatura's extractor. Without `guess_date`, only
    a date the page's metadata gives is taken (not one guessed from its text, such as a copyright year)."""
    import trafilatura

    dates = None if guess_date else {"extensive_search": False}
    found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, date_extraction_params=dates)
    doc = found.as_dict() if found is not None and hasattr(found, "as_dict") else found
    if not isinstance(doc, dict) or not (doc.get("text") or "").strip():
        raise SkipFile("no article text found in the HTML")
    if all(len(line.split()) < MIN_WORDS for line in str(doc["text"]).splitlines()):
        raise SkipFile("no article text found in the HTML (only menus, links or scripts)")  # not one sentence
    title = str(doc.get("title") or "").strip()
    return make_article(
        without_headline(str(doc["text"]), title),
        key=origin,
        title=title or None,
        source=doc.get("sitename") or doc.get("hostname"),
        url=doc.get("url"),
        date=doc.get("date"),
    )


_MD_TITLE = re.compile(r"\A\s*(#[ \t]+(.+?)[ \t#]*(?:\n|\Z))")


def parse_markdown(text: str, origin: str) -> Article:
    """A Markdown (or text) article: YAML front matter gives its title, date, outlet, URL and author; else a
    `# Title` first line (after an optional date line) is the title."""
    found = front_matter(text)
    fields: dict[str, object] = found.fields if found else {}
    body = found.body if found else text
    body, date, notes = dated(body, fields.get("date"))
    title = fields.get("title")
    match = None if title else _MD_TITLE.match(body)
    if match:
        title = match.group(2).strip()
        body = body[: match.start(1)] + body[match.end(1) :]
    article = make_article(
        body,
        key=origin,
        title=str(title) if title else None,
        source=str(fields.get("source") or "") or None,
        url=str(fields.get("url") or "") or None,
        date=date,
    )
    author = str(fields.get("author") or "")
    notes = ([found.problem] if found and found.problem else []) + notes
    return replace(article, author=author[:MAX_TITLE], notes=(*notes, *article.notes))


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
            except RecursionError:
                records.append((f"line {number}", SkipFile(f"line {number}: invalid JSON (nested too deeply)")))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SkipFile(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
        except RecursionError as exc:
            raise SkipFile("invalid JSON: nested too deeply") from exc
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"record {n}", r) for n, r in enumerate(items, start=1) if r is not None]
    if not records:
        raise SkipFile("no records in the file")
    taken: dict[str, tuple[str, str]] = {}
    for label, record in records:
        if isinstance(record, SkipFile):
            yield record
        else:
            yield from parse_records([(label, record)], origin, taken)


def parse_csv(text: str, origin: str) -> Iterator[Article | SkipFile]:
    """Records from a CSV file whose header names a text column."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not any(alias in header for alias in ALIASES["text"]):
        shown = ", ".join(h if len(h) <= 40 else h[:39].rstrip() + "…" for h in header[:10]) or "none"
        raise SkipFile(f"CSV has no text column (header: {shown}); name one `text`")
    rows = 0
    taken: dict[str, tuple[str, str]] = {}
    try:
        for rows, row in enumerate(reader, start=1):
            yield from parse_records([(f"row {rows + 1}", row)], origin, taken)
    except csv.Error as exc:
        raise SkipFile(f"malformed CSV: {exc}") from exc
    if not rows:
        raise SkipFile("CSV has a header but no rows")


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
            unmatched = " (no file matches the pattern)" if re.search(r"[*?[]", str(path)) else ""
            skipped.append((str(path), f"no such file or folder{unmatched}"))
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
