"""Pure fact finders: the dates, figures, numbers and names a sentence states."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from briefing.text.sentences import STOPWORDS
from briefing.text.vocabulary import CALENDAR_WORDS, MONTH_PATTERN, WEEKDAYS

_DATE_PATTERNS = [
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
    for pattern in _DATE_PATTERNS:
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
    according also however moreover meanwhile mr mrs ms dr about some
    nearly almost around only all many most several each every no not one two three four five six seven eight
    nine ten both either neither another other such than then now today yesterday tomorrow last next earlier
    later still yet even just once""".split()
    + [word.lower() for word in CALENDAR_WORDS]
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


_NOT_A_FIGURE = [
    re.compile(r"^\s*(?::\d|\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|local time|hrs)\b)", re.I),  # a time
    re.compile(r"^\.\d{2,4}\b"),  # "07.02.2017", "(07.02)"
    re.compile(r"^\s*(?:-year-old|-years-old|years? old)\b", re.I),  # an age
    re.compile(r"^\s*(?:years?|months?|weeks?|days?|hours?|minutes?)\s+(?:ago|earlier|later|before)\b", re.I),
    re.compile(r"^,"),  # "Mia Ayliffe-Chung, 20," reads as an age when a name stands before it
]
_NAMED_NUMBER = re.compile(
    r"\b(?:Article|Resolution|Section|Chapter|Clause|Paragraph|Rule|Act|Bill|Amendment|Protocol|Flight|Route|"
    r"Highway|Interstate|Terminal|Gate|Platform|Room|Level|Phase|Stage|Category|Class|Type|Model|Version|Unit|"
    r"Camp|Block|Building|Square|Street|No\.?|Number|Channel|Apollo|Boeing|Airbus|Windows|iPhone|G)\s?$"
)
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'-]+|\baged)\s*,?\s*$")


def key_figure(sentence: str) -> str | None:
    """The first figure a sentence states with what it counts ("3,000 households"), never a date, a time,
    an age or a year; None when it states none."""
    date_spans = [m.span() for p in _DATE_PATTERNS for m in p.finditer(sentence)]
    for match in _NUMBER.finditer(sentence):
        value = match.group().strip()
        after, before = sentence[match.end() :], sentence[: match.start()]
        if any(s <= match.start() < e for s, e in date_spans):
            continue
        if value.endswith(","):
            value, after = value[:-1], "," + after
        if re.fullmatch(r"(1[89]|20)\d\d|\d", value) or any(p.match(after) for p in _NOT_A_FIGURE[:4]):
            continue
        if (_NOT_A_FIGURE[4].match(after) and _NAME_BEFORE.search(before)) or before.rstrip().endswith("aged"):
            continue
        if match.start() > 0 and sentence[match.start() - 1] in ":.":
            continue
        if _NAMED_NUMBER.search(before):
            continue  # "Article 50", "Resolution 2254", "Flight 17": part of a name
        if re.search(r"[%$€£]|percent|per cent|million|billion|trillion", value, re.I):
            return value  # a share or a sum says what it is
        found = [(v, counted) for v, counted in figures_in(sentence[match.start() :]) if v.startswith(value[:1])]
        counted = found[0][1] if found else ""
        if counted and counted.split()[0].lower() not in _VAGUE and not any(p.search(counted) for p in _DATE_PATTERNS):
            return f"{found[0][0]} {counted}"
    return None


_VAGUE = frozenset("others other more times ones of each and or per".split())  # "11 others" counts nothing
