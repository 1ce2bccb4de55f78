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
_DAY = "(?P<day>(?i:" + "|".join(WEEKDAYS) + "))"
_PART = r"(?:night|morning|evening|afternoon)"
# A weekday with what tells it is a date: a word before it ("on Friday", "by Friday", "as early as Friday"), a
# part of the day or a possessive after it ("Friday night", "Friday's vote"), or, bare, a lower-case word
# before it ("polls opened Wednesday"). A sentence opening "Friday was quiet" or a holiday is none.
_WEEKDAY = re.compile(
    r"(?:\b(?P<word>(?i:on|last|this past|next|this coming|coming|until|till|by|as early as|as soon as|from|since|"
    r"early|late))\s+)?"
    rf"\b{_DAY}\b(?P<after>['’]s\b|\s+{_PART}\b)?"
)
# A holiday, or a weekday as a kind of day ("29 March 2019, a Friday", "every Friday"): no date reference.
_HOLIDAY = re.compile(
    r"\b(?:good|black|super|ash|easter|palm|bloody|cyber|holy|maundy|shrove|a|an|every|each|any)\s+$", re.I
)
# A clause about what will happen: a weekday in it is the one to come.
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)(?:n['’]t)?(?:\s+(?:not|also|still|now|\w+ly))?\s+(?:due|set to|scheduled|expected to)|"
    r"plans? to|to be held|going to|is to|are to|can|must|upcoming|won['’]t)\b|['’]ll\b",
    re.I,
)
# A move to a later day ("postponed her trip until Friday") looks ahead, whatever the tense.
_MOVED = re.compile(r"\b(?:postpon|delay|put off|defer|adjourn|pushed back|push back|reschedul)", re.I)
# A clause in the past tense; reporting verbs aside ("officials said the vote is on Friday" looks ahead).
_PAST = re.compile(
    r"\b(?:was|were|had|did|didn['’]t|hadn['’]t|wasn['’]t|weren['’]t|met|went|came|took|gave|made|won|lost|left|"
    r"held|began|fell|saw|led|sent|struck|broke|ran|spoke|wrote|brought|became|kept|shot|rose|stood|got|sought|"
    r"fought|caught|fled|paid|spent|built|felt|heard|sold|shook|withdrew|drew|flew|grew|knew|threw|chose|"
    r"(?!(?:reported|need|united|hundred|indeed|based|armed)\b)[a-z]+ed)\b",
    re.I,
)
# Present tense about a scheduled thing: "heads to the polls on Wednesday", "are voting on Wednesday",
# "ahead of Wednesday's vote", "the summit opens on Monday": the day to come (today included).
_PRESENT = re.compile(
    r"\b(?:is|are|am)\s+(?:\w+\s+)?\w+ing\b|\b(?:heads?|goes|go) to\b|\bahead of\b|\b(?:takes?|taking) place\b|"
    r"\b(?:opens|begins|starts|resumes|ends|meets|visits|arrives|travels|returns|hosts|faces|votes)\b",
    re.I,
)
_RELATIVE = {"yesterday": -1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "tomorrow": 1}
# "Next week" names no day, nor does "last week"; see `announced_on`.
_NEXT_PERIOD = re.compile(r"\b(?:next|coming) (?:week|month)\b", re.I)
_WILL = re.compile(r"\b(?:will|won['’]t)\b|['’]ll\b", re.I)


def parse_date(value: object, dayfirst: bool = False) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, or None when it cannot be read. `dayfirst` reads
    `05/06/2024` as 5 June (as written outside the US); a day above 12 is read as the day either way."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text:
        return None
    dayfirst = dayfirst and not re.match(r"\d{4}", text)  # 2024-03-05 is year, month, day however read
    try:
        # Parsed twice with different defaults: a date missing its year, month or day differs and is refused
        # rather than completed with today's values.
        one = dateparser.parse(text, default=datetime(2001, 1, 1), dayfirst=dayfirst)
        two = dateparser.parse(text, default=datetime(2002, 2, 2), dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    if one is None or one.date() != two.date() or not 1800 <= one.year <= 2200:
        return None
    return one.date().isoformat()


def dates_in(sentence: str, reference: str | None = None) -> list[str]:
    """Explicit dates a sentence names, as ISO dates, oldest first.

    Resolved against the reference (the article's) date as the text means them: a month and day without a
    year is the one nearest it (up to 9 months before, 3 after: "December 30" in a January article is last
    December); a weekday is the one before, or the one to come when its clause looks ahead ("next Friday",
    "will meet on Friday", "heads to the polls on Wednesday", "until Friday" unless said of the past);
    "yesterday", "today", "tomorrow" are a day off or none. "Last week" and "next week" name no day.
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
            read = _weekday(match, sentence, ref)
            if read is not None:
                found.add(read[0].isoformat())
        for words, shift in _RELATIVE.items():
            if re.search(rf"\b{words}\b", sentence, re.I):
                found.add((ref + timedelta(days=shift)).isoformat())
    return sorted(found)


def announced_on(sentence: str, reference: str | None) -> str | None:
    """The reference (article's) day when the sentence announces what will happen in a coming period
    ("will cancel visa-free entry starting next week"): the news is the announcement, made that day."""
    for match in _NEXT_PERIOD.finditer(sentence):
        if reference and _WILL.search(_clause_around(sentence, match.start(), match.end())):
            return reference
    return None


def untold_days(sentence: str, reference: str | None) -> dict[str, str]:
    """The days `dates_in` read from a weekday whose clause does not tell past from future ("Polls suggest
    Wednesday's results could be close"), each with the other reading: the same weekday a week on."""
    if not reference:
        return {}
    ref, out = date.fromisoformat(reference), {}
    for match in _WEEKDAY.finditer(sentence):
        read = _weekday(match, sentence, ref)
        if read is not None and not read[1]:
            out[read[0].isoformat()] = (read[0] + timedelta(7)).isoformat()
    return out


def _weekday(match: re.Match[str], sentence: str, ref: date) -> tuple[date, bool] | None:
    """The day a weekday mention means, read from the words around it, and whether they told past from
    future (None: not a date reference)."""
    word, after = (match.group("word") or "").lower(), match.group("after") or ""
    before = sentence[: match.start()]
    if not word and (_HOLIDAY.search(before) or (not after and not re.search(r"[a-z]\s+$", before))):
        return None
    if not word and not match.group("day")[0].isupper():
        return None
    weekday = WEEKDAYS.index(match.group("day").capitalize())
    back = ref - timedelta(days=(ref.weekday() - weekday) % 7)
    ahead = ref + timedelta(days=(weekday - ref.weekday()) % 7)
    # Today counts as ahead for a part of today ("Tuesday night" said on Tuesday), the future or present tense.
    later = (
        ahead if ahead != ref or after.strip() in ("night", "morning", "evening", "afternoon") else ahead + timedelta(7)
    )
    if word == "next":  # "next Wednesday": the Wednesday of next week
        return ref + timedelta(days=7 - ref.weekday() + weekday), True
    if word in ("last", "this past"):  # "last Wednesday" in a Wednesday's article: a week before
        return (back - timedelta(7) if back == ref else back), True
    if word == "since":
        return back, True
    if word in ("this coming", "coming"):
        return later, True
    clause = _clause_around(sentence, match.start(), match.end())
    # the verb before the weekday tells first ("were preparing Thursday to start what will be ..."), else the clause
    near = clause[: max(0, clause.find(match.group()))]
    tense = _tense(near) or _tense(clause)
    if tense == "past" and _AHEAD_OF.search(near):  # "was key to her thinking ahead of the vote on Wednesday":
        return back, False  # the vote may be the Wednesday to come; untold (see `untold_days`)
    if tense:  # what will happen on the article's own weekday is that day's news ("will go ahead on Sunday")
        return (ahead if tense == "future" else back), True
    if word in ("until", "till", "by"):
        return later, True
    if word in ("as early as", "as soon as"):  # "could come as early as Wednesday" said on a Wednesday: today
        return ahead, True
    lead_in = _LEAD_IN.search(before)  # "two days before Wednesday's election": the clause before tells
    if lead_in:
        return (
            (back, True) if _PAST.search(_clause_around(sentence, lead_in.start(), lead_in.start())) else (ahead, True)
        )
    if _PRESENT.search(clause):
        return ahead, True
    # the day alone at the end ("…, on Thursday."), or in a clause with no verb of its own ("before the
    # triggering of Article 50 on Wednesday"): the sentence's future tells ("will not visit …")
    if (len(clause.split()) <= 3 or not _VERB.search(clause)) and _tense(sentence) == "future":
        return ahead, True
    return back, False


def looks_ahead(text: str) -> bool:
    """Whether a sentence tells what is to come (future tense, a plan, a schedule: "will be opened on
    Thursday", "heads to the polls on Wednesday"), not what was said or done ("On Sunday Basu revealed …")."""
    tense = _tense(text)
    return tense == "future" or (tense is None and bool(_PRESENT.search(text)))


def _tense(text: str) -> str | None:
    """ "future" or "past" when the words say which, else None."""
    if _MOVED.search(text) or _FUTURE.search(text):
        return "future"
    return "past" if _PAST.search(text) else None


_VERB = re.compile(  # a clause's verb of its own: an auxiliary, a modal, a past form
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|shall|do|does|did|"
    r"[a-z]{3,}ed)\b",
    re.I,
)
_AHEAD_OF = re.compile(r"\b(?:ahead of|before|in the run-up to)\b", re.I)
_LEAD_IN = re.compile(r"\b(?:before|ahead of)\s+(?:the\s+|this\s+)?$", re.I)
_BOUNDARY = re.compile(r"[,;:()]|\s(?:--|[-–—])\s|\b(?:that|which|who|while|after|before|but|and)\b")


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of a sentence that holds sentence[start:end] (between commas, dashes, 'that', 'and'...);
    an opening phrase ("On Wednesday, voters will ...") with the clause after it."""
    before = [m.end() for m in _BOUNDARY.finditer(sentence, 0, start)]
    after = _BOUNDARY.search(sentence, end)
    left, right = before[-1] if before else 0, after.start() if after else len(sentence)
    if after and len(sentence[left:right].split()) <= 3:
        more = _BOUNDARY.search(sentence, after.end())
        right = more.start() if more else len(sentence)
    return sentence[left:right]


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
