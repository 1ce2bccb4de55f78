"""What a file says about an article before its text: a `date …` first line, and YAML front matter (`---`
… `---`, as static sites and note tools write articles). Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefing.text.dates import parse_date
from briefing.text.vocabulary import MONTH_PATTERN, WEEKDAYS

_MONTH = rf"(?i:{MONTH_PATTERN})\.?"
# Dates a header may give with the text on the same line (the seed's layout: `date 2021-11-27 Text…`).
_DAY = (
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"  # 14/05/2024, 14.05.2024: day first
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 14 May 2024
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # May 14, 2024
)
_WORD = r"(?:date|Date|DATE)"
_SAME_LINE = re.compile(rf"\A\s*{_WORD}\s*:?\s+(?P<day>{_DAY})(?![\w/.-]*\w)[ \t]*\n?")
# A first line that is a date header whatever it holds: `date:` anything, or `date` and a value that starts
# like a date (a digit, a month or a weekday); "Date palms grow …" is text.
_STARTS = rf"\d|(?i:(?:{MONTH_PATTERN}|{'|'.join(WEEKDAYS)})\b)"
_OWN_LINE = re.compile(rf"\A\s*{_WORD}(?:[ \t]*:[ \t]*|[ \t]+(?={_STARTS}))(?P<value>[^\n]{{1,40}}?)[ \t]*\r?\n")
UNREADABLE = (
    "date header {value!r} cannot be read (write it as 2024-05-14, 14/05/2024 or 14 May 2024); stored without a date"
)


@dataclass(frozen=True)
class DateHeader:
    """A date header read off a text: the day (ISO) or, when it cannot be read, the value as written."""

    day: str | None
    written: str
    rest: str


def date_header(text: str) -> DateHeader | None:
    """The text's `date …` first line, if it has one: ISO, day-first numbers (14/05/2024, 14.05.2024) or
    with a month's name (14 May 2024, May 14, 2024); the rest of the text after it."""
    found = _SAME_LINE.match(text) or _OWN_LINE.match(text)
    if not found:
        return None
    value = (found.groupdict().get("day") or found.group("value")).strip()
    return DateHeader(parse_date(value, dayfirst=True), value, text[found.end() :])


_FRONT = re.compile(r"\A\ufeff?[ \t]*(?:\r?\n)*---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FIELDS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate", "published_at", "date_published", "created"),
    "source": ("source", "outlet", "publisher", "publication", "site", "site_name", "sitename"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url", "permalink"),
    "author": ("author", "authors", "byline", "creator"),
}


@dataclass(frozen=True)
class FrontMatter:
    """Fields read from a text's front matter, the text after it, and why it could not be read (if so)."""

    fields: dict[str, object]
    body: str
    problem: str = ""


def _value(value: object) -> object:
    """A front-matter value as a field takes it: text, a date, or a list's items joined; else nothing."""
    if isinstance(value, date):
        return value
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    if isinstance(value, list):
        items = [str(v).strip() for v in value if isinstance(v, str | int | float) and str(v).strip()]
        return ", ".join(items) or None
    if isinstance(value, dict):  # `author: {name: …}`
        name = value.get("name")
        return str(name).strip() if isinstance(name, str) and name.strip() else None
    return None


def front_matter(text: str) -> FrontMatter | None:
    """The YAML front matter a text opens with (`---` lines around it), if any."""
    import yaml

    found = _FRONT.match(text)
    if not found:
        return None
    body = text[found.end() :]
    try:
        data = yaml.safe_load(found.group("yaml"))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        return FrontMatter({}, body, f"front matter is not valid YAML{line}; its fields were not read")
    if not isinstance(data, dict):  # `---` then text: a rule, not front matter
        return None
    lowered = {str(k).strip().lower(): v for k, v in data.items()}
    fields: dict[str, object] = {}
    for name, aliases in FIELDS.items():
        for alias in aliases:
            value = _value(lowered.get(alias))
            if value is not None:
                fields[name] = value
                break
    return FrontMatter(fields, body)
