"""Readers per format: records (JSON, JSON Lines, CSV rows), HTML pages and Markdown, each to Articles, a
record that cannot be one named (`SkipFile`) while the rest still come."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from briefing.errors import SkipFile
from briefing.sources.headers import front_matter
from briefing.sources.making import ALIASES, MAX_TITLE, dated, make_article
from briefing.text.clean import MIN_WORDS
from briefing.types import Article

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
