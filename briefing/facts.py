"""Pure fact finders: the dates, figures, numbers and names a sentence states."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from briefing.text import STOPWORDS

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})\.?(?:,? \d{{4}})?\b", re.I),
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?:on|last|this past) (" + "|".join(_WEEKDAYS) + r")\b", re.I)
_RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1}


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

    Month-and-day without a year takes the reference (article) date's year; "on Friday" and "yesterday"
    are resolved against the reference date.
    """
    ref = date.fromisoformat(reference) if reference else None
    found: set[str] = set()
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            text = match.group()
            has_year = bool(re.search(r"\d{4}", text))
            if not has_year and ref is None:
                continue
            try:
                default = dateparser.parse(f"{ref.year}-01-01") if ref else None
                parsed = dateparser.parse(text.replace(" of ", " "), default=default)
            except (ValueError, OverflowError):
                continue
            if parsed and 1800 <= parsed.year <= 2200:
                found.add(parsed.date().isoformat())
    if ref is not None:
        for match in _WEEKDAY.finditer(sentence):
            back = (ref.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
            found.add((ref - timedelta(days=back)).isoformat())
        for word, shift in _RELATIVE.items():
            if re.search(rf"\b{word}\b", sentence, re.I):
                found.add((ref + timedelta(days=shift)).isoformat())
    return sorted(found)


_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?"
    r"(?:\s(?:thousand|million|billion|trillion))?(?![\w])"
    r"|\b(?:hundreds|thousands|millions|billions|dozens) of\b",
    re.I,
)
_COUNTED = re.compile(r"\s*(?:-\s*)?((?:[A-Za-z][\w’'-]*\s?){1,3})")


def figures_in(sentence: str) -> list[tuple[str, str]]:
    """Numbers a sentence states with the words after them (what they count).

    Years standing alone and numbers that are part of a date are left out.
    """
    date_spans = [m.span() for p in _DATE_PATTERNS for m in p.finditer(sentence)]
    out = []
    for match in _NUMBER.finditer(sentence):
        value = match.group().strip()
        if any(s <= match.start() < e for s, e in date_spans):
            continue
        if re.fullmatch(r"(1[89]|20)\d\d|\d", value):  # a year, or a single digit
            continue
        tail = _COUNTED.match(sentence, match.end())
        words = [w for w in (tail.group(1).split() if tail else []) if w.lower() not in ("of", "the", "a")]
        phrase = [w.removesuffix("'s").removesuffix("’s") for w in _take_noun_phrase(words)]
        if sentence[match.end() : match.end() + 1] == "-" and phrase:  # "30-nation alliance"
            value, phrase = f"{value}-{phrase[0]}", phrase[1:]
        counted = " ".join(phrase)
        out.append((value, counted))
    return out


_VERBS = frozenset(
    "left fled died went came took made fell rose met won lost held sent told got gave saw ran paid fought "
    "remain remained stay stayed arrived joined".split()
)


def _take_noun_phrase(words: list[str]) -> list[str]:
    taken: list[str] = []
    for word in words:
        low = word.lower().strip(",.;:")
        if taken and (low in STOPWORDS or low in _VERBS or low.endswith(("ed", "ing"))):
            break
        taken.append(word.strip(",.;:"))
        if word.endswith((",", ".", ";", ":")):
            break
    return taken[:3]


_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion)\b)?", re.I)


_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if n > 1}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = re.compile(r"\b(?:(?:" + "|".join([*_UNITS, *_TENS, *_SCALES]) + r")(?:[\s-]+(?:and\s+)?|\b))+", re.I)


def _words_value(phrase: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.findall(r"[a-z]+", phrase.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    value = total + current
    return value if value > 10 or re.search(r"hundred|thousand|million|billion|trillion", phrase, re.I) else None


def numbers_in(text: str) -> set[float]:
    """The numeric values a text states ("90,000" and "90000" are one value; "1.2 million" is 1200000;
    "two hundred thousand" is 200000; small number words such as "two" are left out as too common)."""
    values = set()
    for match in _QUANTITY.finditer(text):
        digits = match.group(1).rstrip(",.").replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        values.add(value)
        if match.group(2):
            values.add(value * _MULTIPLIERS[match.group(2).lower()])
    for match in _NUMBER_WORDS.finditer(text):
        spelled = _words_value(match.group())
        if spelled is not None:
            values.add(spelled)
    return values


_NAME_WORD = re.compile(r"\b(?:[A-Z][a-z’']*[a-z]|[A-Z]{2,}s?)\b")
_COMMON_CAPITALS = frozenset(
    """the a an and but or so if in on at of for to by with from as this that these those it its he she they we
    i you his her their our my your there here when where what who which why how after before while during
    according also however moreover meanwhile monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december mr mrs ms dr about some
    nearly almost around only all many most several each every no not one two three four five six seven eight
    nine ten both either neither another other such than then now today yesterday tomorrow last next earlier
    later still yet even just once""".split()
)


def names_in(sentence: str) -> list[str]:
    """Proper names and acronyms in a sentence (capitalised words that are not common sentence openers)."""
    out = []
    for match in _NAME_WORD.finditer(sentence):
        word = match.group().removesuffix("’s").removesuffix("'s")
        if word.lower() not in _COMMON_CAPITALS:
            out.append(word)
    return list(dict.fromkeys(out))


def mentions(name: str, text: str) -> bool:
    """Whether `text` mentions `name`, allowing inflection ("Russian" matches "Russia") and acronyms
    ("US" matches "United States")."""
    key = name.lower()
    if name.isupper() and len(name) >= 2:
        capitals = re.findall(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|the\s+)?[A-Z][a-z]+)+", text)
        if any("".join(w[0] for w in c.split() if w[0].isupper()) == name.rstrip("s") for c in capitals):
            return True
    for word in re.findall(r"[A-Za-z][A-Za-z’']*", text):
        low = word.lower().removesuffix("’s").removesuffix("'s")
        if low == key or low in _forms(key) or key in _forms(low):
            return True
    return False


def _forms(word: str) -> set[str]:
    """A place name's usual derived forms: Russia → Russian, Ukraine → Ukrainian, China → Chinese."""
    base = word.rstrip("ae")
    return {word + "s", word + "n", word + "an", base + "ian", base + "an", base + "ese", base + "ish", base + "i"}
