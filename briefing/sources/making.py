"""Making an Article from raw fields: its text cleaned (mojibake, invisible characters, formula signs), its
date read from a header, a title derived when none is given, its outlet from its URL. Pure."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from briefing.errors import SkipFile
from briefing.sources.headers import UNREADABLE, date_header
from briefing.text.clean import printable, printable_line
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
