"""Reading a question: what it asks for (a name, a figure, a date, a place), the names it is about, and its
parts when it asks two things at once. Pure functions."""

from __future__ import annotations

import re

from briefing.actors import speaker
from briefing.facts import dates_in, figures_in, mentions, names_in, numbers_in
from briefing.text import stem

NAME, QUANTITY, DATE, PLACE, SAID, OTHER = "name", "quantity", "date", "place", "said", "other"
FIT = 0.15  # added to a sentence's relevance when it states exactly what was asked

_PEOPLE = (
    r"person|people|man|woman|men|women|girl|boy|leader|minister|judge|official|president|politician|player|"
    r"manager|coach|trainer|chief|head|spokes\w+|envoy|ambassador|candidate|author|writer|actor|actress|singer|"
    r"survivor|winner"
)
_PERSONS = _PEOPLE + r"|company|firm|group|party|body|organi[sz]ation|agency|court|team|club|country|nation|horse"
_QUANTITY = (
    r"\b(?:how (?:many|much|high|far|long|old|big|large|tall|deep|often)|what (?:number|share|percentage|"
    r"proportion|price|amount|sum|margin|(?:net )?profit|toll|age|size)|by what margin|by how much)\b"
)
_DATE = r"^\s*(?:when|on what (?:date|day)|what (?:date|day|year|time))\b|\bin what year\b"
_PLACE = (
    r"^\s*(?:where|in what (?:city|country|town|place|region)|(?:to|from|in|at) which (?:\w+ ){0,2}(?:city|"
    r"country|town|place|region|port|airport|state|province))\b|^\s*which (?:\w+ )?(?:city|country|town|place|"
    r"region|state)\b"
)
_NAME = rf"^\s*(?:who|whom|whose)\b|^\s*(?:which|what) (?:\w+ ){{0,3}}?(?:{_PERSONS})\b"
_SAID_ASKED = re.compile(
    r"^\s*what (?:did|does|has|have|had) (?P<who>.+?) (?:say|said|tell|told|warn|warned|announce|claim|argue|state|"
    r"write|tweet)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|warned|warns|stated|announced|added|argued|claimed|insisted|wrote|tweeted|"
    r"stressed|noted|declared|according to)\b|[\"“”]",
    re.I,
)
_ASKS = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in ((QUANTITY, _QUANTITY), (DATE, _DATE), (PLACE, _PLACE), (NAME, _NAME))
]
_QUESTION_WORDS = frozenset("what which who whom whose when where why how did does do is are was were".split())
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|off)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+|central\s+)?"
    r"(?:[A-Z][\w'’-]+\s?){1,3}"
)
_MONEY_ASKED = re.compile(r"\b(?:profit|price|cost|amount|sum|worth|revenue|budget|fine|salary|value)\b", re.I)
_MONEY = re.compile(
    r"[$€£¥]|\b(?:euros?|dollars?|pounds?|rubles?|roubles?|yuan|yen|rupees?|mln|million|billion)\b", re.I
)
_WHEN = re.compile(
    r"\b(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"spring|summer|autumn|winter|(?:next|last|this) (?:week|month|year)|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|yesterday|today|tomorrow)\b"
)
_PERSON_ASKED = re.compile(
    rf"^\s*(?:who|whom|whose)\b|^\s*which (?:\w+ ){{0,3}}?(?:{_PERSONS.split('|company')[0]})\b", re.I
)
_WHICH_PERSON = re.compile(rf"^\s*which (?:\w+ ){{0,3}}?(?:{_PERSONS.split('|company')[0]})\b", re.I)
_FULL_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,5}\b")
_NOT_NAME = re.compile(
    r"President|Prime|Minister|Secretary|General|Judge|Justice|Chief|Chancellor|Governor|Mayor|Senator|Leader|"
    r"Supreme|Court|District|Department|Ministry|Council|Committee|House|Office|United|States|Kingdom|Republic|"
    r"The|A|An|In|On|At|By|For|Of|And|Mr|Mrs|Ms|Dr|Sir|Lady|Lord|Saint|St"
)
_SMALL_NUMBER = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|half)\b", re.I)
_SPLIT = re.compile(
    r"(?:,|;)?\s+and\s+(?=(?:how|where|when|who|whom|which|what|why)\b)|[;?]\s+(?=(?:and\s+)?(?:how|where|when|who|"
    r"which|what|why)\b)",
    re.I,
)


def asks(question: str) -> str:
    """What a question asks for: NAME (who, which official…), QUANTITY, DATE, PLACE, SAID (what did someone
    say), or OTHER (what, why…)."""
    if _SAID_ASKED.search(question):
        return SAID
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return kind
    return OTHER


def named(question: str) -> list[str]:
    """The proper names a question is about ("Vitaly Churkin", "UN"), question words aside."""
    return [n for n in names_in(question) if n.lower() not in _QUESTION_WORDS]


def supplies(kind: str, sentence: str, question: str, reference: str | None = None) -> bool:
    """Whether a sentence states the kind of thing the question asks for, beyond what the question says."""
    if kind == QUANTITY:
        if _MONEY_ASKED.search(question):  # a profit, a price, a fine: a sum of money
            return bool(_MONEY.search(sentence))
        asked = numbers_in(question)
        return bool(numbers_in(sentence) - asked) or bool(_SMALL_NUMBER.search(sentence))
    if kind == DATE:
        return bool(dates_in(sentence, reference) or _WHEN.search(sentence))
    given = named(question)
    if kind == SAID:  # what did Merkel say: a sentence that reports her words, not one that names her
        said = _SAID_ASKED.search(question)
        whose = named(said.group("who"))[-1:] if said else []
        who = speaker(sentence)
        if not whose:  # "what did the ministry say": any report of words
            return bool(_REPORTED.search(sentence))
        return who is not None and mentions(whose[0], who)
    new = [n for n in names_in(sentence) if not any(mentions(g, n) or mentions(n, g) for g in given)]
    if kind == NAME and _PERSON_ASKED.search(question):  # who: a person's name, not a place or a title
        for match in _FULL_NAME.finditer(sentence):
            words = [w for w in re.split(r"[ -]", match.group()) if not _NOT_NAME.fullmatch(w)]
            if len([w for w in words if not any(mentions(g, w) for g in given)]) >= 2:
                return True  # a full name the question does not give ("Derrick Watson", not "Donald" Trump)
        return bool(new) and not _WHICH_PERSON.search(question)  # who: a country or a body may answer
    return bool(new) if kind in (NAME, PLACE) else True


def parts(question: str) -> list[tuple[str, str]]:
    """The questions a question asks ("How many troops …, and where is the army?" is two), each as shown
    and as it stands alone: a part that leans on the first ("and where is it?") borrows its words."""
    pieces = [p.strip(" ,;") for p in _SPLIT.split(question.strip()) if p and p.strip(" ,;?")]
    if len(pieces) < 2:
        return [(question.strip(), question.strip())]
    first = pieces[0].rstrip("?") + "?"
    out = [(first, first)]
    for piece in pieces[1:]:
        shown = piece[0].upper() + piece[1:].rstrip("?") + "?"
        leans = re.search(r"\b(?:it|they|them|he|she|his|her|its|their|there)\b", piece, re.I)
        out.append((shown, f"{shown} {first}" if leans else shown))
    return out


_COUNTED_ASKED = re.compile(r"\bhow many (\w+)|\bnumber of (\w+)|\bhow much (\w+)", re.I)


def fits(kind: str, sentence: str, question: str) -> float:
    """How squarely a sentence states what a question asks for, beyond stating it at all: a figure that
    counts the thing asked about ("how many troops" → "90,000 troops") scores highest."""
    if kind != QUANTITY:
        return 0.0
    asked = _COUNTED_ASKED.search(question)
    noun = next((g for g in asked.groups() if g), "") if asked else ""
    if not noun:
        return 0.0
    counted = " ".join(what for _, what in figures_in(sentence)).lower()
    return FIT if stem(noun.lower()) in {stem(w) for w in counted.split()} else 0.0
