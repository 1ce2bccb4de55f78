"""Pure text helpers: sentences, terms, numbers and dates found in sentences."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "fig",
    "approx",
    "est",
    "dept",
    "univ",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "u.n",
}
# A sentence ends at . ! or ? (with closing quotes or brackets), before white space and a capital,
# a digit or an opening quote. A blank line always ends one.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?(\w))""")
_PARAGRAPH = re.compile(r"\n\s*\n")


def normalize(text: str) -> str:
    """Unicode-normalise and fold white space: the form an article's id is computed from."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences, returned as (start, end) character offsets without outer blanks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for para in [*_PARAGRAPH.finditer(text), None]:
        end = para.start() if para else len(text)
        spans.extend(_split_block(text, start, end))
        if para:
            start = para.end()
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    block = text[start:end]
    cut = 0
    for match in _END.finditer(block):
        following = match.group(1)
        if not (following.isupper() or following.isdigit()):  # any script's capitals, not only A-Z
            continue
        word = re.search(r"([\w.]+)\s*$", block[cut : match.start() + 1].rstrip("."))
        last = word.group(1).lower() if word else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        spans.append((cut, match.end()))
        cut = match.end()
    spans.append((cut, len(block)))
    out = []
    for s, e in spans:
        piece = block[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            out.append((start + s + lead, start + s + trail))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped."""
    return [text[s:e] for s, e in sentence_spans(text)]


STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours said
    says say also one two many much new tell me please know
    """.split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


def stem(word: str) -> str:
    """A very light stemmer: enough to match `troops` with `troop` and `stationed` with `station`."""
    if re.search(r"(?:ss|x|z|ch|sh)es$", word) and len(word) >= 6:  # glasses, boxes, marches
        return word[:-2]
    for suffix in ("ing", "ed", "s"):  # forces -> force, troops -> troop, stationed -> station
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """Content terms of `text`: lower-cased, stop words removed, lightly stemmed."""
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower().strip("'’-.,").removesuffix("'s").removesuffix("’s")
        if word and word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            out.append(stem(word))
    return out


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


_CLAUSE = re.compile(
    r"[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|while|whereas|as well as|which|adding that|stating that|warning that)\s+"
)


def clauses(sentence: str, min_words: int = 3) -> list[str]:
    """The clauses of a sentence (split at commas, semicolons, dashes and joining words), each 3+ words."""
    return [part.strip(" \"'“”") for part in _CLAUSE.split(sentence) if len(part.split()) >= min_words]


_NEGATION = re.compile(r"\b(not|no|never|none|nor|without|n't|cannot)\b|n't\b", re.I)


def negated(text: str) -> bool:
    """Whether a sentence says something is not so."""
    return bool(_NEGATION.search(text.replace("’", "'")))
