"""Pure date finders: a date-like value read as an ISO date, and the dates a sentence names, relative ones
("on Friday", "yesterday") resolved against the article's date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from briefing.text.vocabulary import MONTH_PATTERN, WEEKDAYS

DATE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:{MONTH_PATTERN})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?(?:,? \d{{4}})?\b", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{MONTH_PATTERN})\.?(?:,? \d{{4}})?\b", re.I),
]
_WEEKDAYS = [day.lower() for day in WEEKDAYS]
_DAY = "(" + "|".join(_WEEKDAYS) + ")"
_WEEKDAY = re.compile(
    rf"\b(?:(on|last|this past|next|this coming|coming|until|by|from) {_DAY}"
    rf"|{_DAY} (?:night|morning|evening|afternoon))\b",
    re.I,
)
_FORWARD = {"next", "this coming", "coming", "until", "by"}
# A sentence about what will happen: "on Friday" in it is the Friday to come.
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is set to|are set to|is scheduled|are scheduled|is expected to|are expected to|"
    r"plans? to|to be held|going to)\b",
    re.I,
)
_RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1, "last week": -7, "next week": 7}


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, or None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text:
        return None
    try:
        # Parsed twice with different defaults: a date missing its year, month or day differs and is refused
        # rather than completed with today's values.
        one = dateparser.parse(text, default=datetime(2001, 1, 1))
        two = dateparser.parse(text, default=datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if one is None or one.date() != two.date() or not 1800 <= one.year <= 2200:
        return None
    return one.date().isoformat()


def dates_in(sentence: str, reference: str | None = None) -> list[str]:
    """Explicit dates a sentence names, as ISO dates, oldest first.

    Resolved against the reference (the article's) date: a month and day without a year is the one
    nearest it (up to 9 months before, 3 after: "December 30" in a January article is last December);
    "on Friday", "Friday night", "last Friday" and "yesterday" look back; "next Friday", and "on Friday"
    in a sentence about what will happen, look ahead; "last week" and "next week" are 7 days off.
    """
    ref = date.fromisoformat(reference) if reference else None
    found: set[str] = set()
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            day = _explicit(match.group(), ref)
            if day:
                found.add(day.isoformat())
    if ref is not None:
        for match in _WEEKDAY.finditer(sentence):
            word, name = (match.group(1) or "").lower(), (match.group(2) or match.group(3)).lower()
            weekday = _WEEKDAYS.index(name)
            # "will meet on Friday" looks ahead; "on Friday gave a warning, stating that ... will" does not
            ahead = bool(_FUTURE.search(_clause_around(sentence, match.start(), match.end())))
            if word == "next":  # "next Wednesday": the Wednesday of next week
                found.add((ref + timedelta(days=7 - ref.weekday() + weekday)).isoformat())
            elif word in _FORWARD or (ahead and word in ("on", "", "from")):
                found.add((ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)).isoformat())
            else:
                found.add((ref - timedelta(days=(ref.weekday() - weekday) % 7)).isoformat())
        for words, shift in _RELATIVE.items():
            if re.search(rf"\b{words}\b", sentence, re.I):
                found.add((ref + timedelta(days=shift)).isoformat())
    return sorted(found)


_BOUNDARY = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:that|which|who|while|after|before|but|and)\b")


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of a sentence that holds sentence[start:end] (between commas, dashes, 'that', 'and'...)."""
    before = [m.end() for m in _BOUNDARY.finditer(sentence, 0, start)]
    after = _BOUNDARY.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def _explicit(text: str, ref: date | None) -> date | None:
    """A written date; without a year, the one nearest `ref` (9 months back to 3 ahead)."""
    has_year = bool(re.search(r"\d{4}", text))
    if not has_year and ref is None:
        return None
    text = re.sub(r"(?<=[a-z.] \d)[-–]\d{1,2}\b|(?<=[a-z.] \d\d)[-–]\d{1,2}\b", "", text, flags=re.I)  # "January 23-24"
    try:
        default = datetime(ref.year, 1, 1) if ref and not has_year else None
        parsed = dateparser.parse(text.replace(" of ", " "), default=default)
    except (ValueError, OverflowError):
        return None
    if not parsed or not 1800 <= parsed.year <= 2200:
        return None
    day = parsed.date()
    if not has_year and ref is not None:
        if (day - ref).days > 92:
            day = _shift_year(day, -1)
        elif (ref - day).days > 275:
            day = _shift_year(day, 1)
    return day


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
