"""Reading a question: what it asks for (a name, a figure, a date, a place), the names it is about, and its
parts when it asks two things at once. Pure functions."""

from __future__ import annotations

import re

from briefing.errors import BriefingError
from briefing.text.actors import role_of, speaker
from briefing.text.clean import printable
from briefing.text.dates import dates_in
from briefing.text.facts import figures_in, mentions, names_in, numbers_in
from briefing.text.reasons import connective_asked, gives_reason
from briefing.text.sentences import stem, terms
from briefing.text.vocabulary import FULL_MONTH_PATTERN, SHORT_MONTH_PATTERN, WEEKDAY_PATTERN

MAX_CHARS = 2000  # a question or topic is a sentence or two; a pasted article is not one
NAME, QUANTITY, DATE, PLACE, SAID, CAUSE, OTHER = "name", "quantity", "date", "place", "said", "cause", "other"
FIT = 0.15  # added to a sentence's relevance when it states exactly what was asked


def read_request(value: str | None, noun: str, advice: str) -> str:
    """A question or topic as typed, without invisible or control characters; a BriefingError naming what is
    wrong (and `advice`) when it is empty, has no words, or is longer than MAX_CHARS."""
    text = printable(value or "").strip()
    if not text:
        raise BriefingError(f"the {noun} is empty: {advice}")
    if len(text) > MAX_CHARS:
        raise BriefingError(f"the {noun} is too long ({len(text):,} characters, at most {MAX_CHARS:,}): shorten it")
    if not any(ch.isalnum() for ch in text):
        raise BriefingError(f"the {noun} has no words in it, only {text[:20]!r}: {advice}")
    return text


_PEOPLE = (
    r"person|people|man|woman|men|women|girl|boy|leader|minister|judge|official|president|politician|player|"
    r"manager|coach|trainer|chief|head|spokes\w+|envoy|ambassador|candidate|author|writer|actor|actress|singer|"
    r"survivor|winner"
)
_PERSONS = _PEOPLE + r"|company|firm|group|party|body|organi[sz]ation|agency|court|team|club|country|nation|horse"
_QUANTITY = (
    r"\b(?:how (?:many|much|high|far|long|old|big|large|tall|deep|often)|what (?:number|share|percentage|"
    r"proportion|price|amount|sum|margin|(?:net )?profit|toll|age|size|(?:prison |jail )?(?:sentence|term))|"
    r"by what margin|by how much|what was the (?:[\w.'’-]+ ){0,3}?(?:vote|tally|score))\b"
)
_DATE = r"^\s*(?:when|on what (?:date|day)|what (?:date|day|year|time))\b|\bin what year\b"
_PLACE = (
    r"^\s*(?:where|in what (?:city|country|town|place|region)|(?:to|from|in|at) which (?:\w+ ){0,2}(?:city|"
    r"country|town|place|region|port|airport|state|province))\b|^\s*which (?:\w+ )?(?:city|country|town|place|"
    r"region|state)\b"
)
_NAME = rf"^\s*(?:who|whom|whose|which)\b|^\s*(?:which|what) (?:\w+ ){{0,3}}?(?:{_PERSONS})\b"
_SAID_ASKED = re.compile(
    r"^\s*what (?:did|does|has|have|had) (?P<who>.+?) (?:say|said|tell|told|warn|warned|announce|claim|argue|state|"
    r"write|tweet)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|warned|warns|stated|announced|added|argued|claimed|insisted|wrote|tweeted|"
    r"stressed|noted|declared|commented|responded|replied|according to)\b|[\"“”]",
    re.I,
)
_CAUSE_ASKED = (
    r"^\s*why\b|\b(?:cause of|reason for|reasons for|what (?:caused|prompted|triggered|led to|drove|is behind|"
    r"was behind|explains))\b"
)
_ASKS = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (QUANTITY, _QUANTITY),
        (DATE, _DATE),
        (PLACE, _PLACE),
        (NAME, _NAME),
        (CAUSE, _CAUSE_ASKED),
    )
]
_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|caused|causes?|reasons?|after|following|amid|over|since|as a result|"
    r"in protest|protest(?:ing|s)? against|against|sparked|triggered|prompted|led to|blamed|so that|to avoid|"
    r"for fear|feared|fears?|threat(?:ened)?|risk|danger|died of|died from|in order to|so as to|aim(?:s|ed)? to|"
    r"wants? to|wanted to|in favou?r of|instead|in response to|in retaliation|to make|to focus|to stop|to prevent)\b",
    re.I,
)
_TERM_ASKED = re.compile(r"\b(?:prison|jail) (?:sentence|term)|\bsentence did\b|\bsentenced to\b", re.I)
_TERM = re.compile(
    r"\bsentenced\b|\b(?:years?|months?) (?:in (?:prison|jail)|behind bars)|\b(?:prison|jail) (?:sentence|term)\b|"
    r"\blife imprisonment\b",
    re.I,
)
_MARGIN_ASKED = re.compile(r"\bmargin\b|\bhow many votes\b|\bby how many\b|\b(?:vote|tally|score)\b", re.I)
_TALLY = re.compile(r"\b\d+\s*(?:-|–|to)\s*\d+\b|\b\d+\s+votes?\b", re.I)
_CASUALTY = (
    r"\b(?:died|dies|dead|deaths?|killed|kill(?:s|ing)?|injured|wounded|hurt|casualt(?:y|ies)|fatalit(?:y|ies)|toll)\b"
)
_CASUALTY_ASKED = re.compile(_CASUALTY, re.I)
_PERCENT_ASKED = re.compile(r"\b(?:percentage|per ?cent|proportion|share)\b", re.I)
_PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage points?\b", re.I)
_QUESTION_WORDS = frozenset("what which who whom whose when where why how did does do is are was were".split())
_MONEY_ASKED = re.compile(
    r"\b(?:profit|price|cost|amount|sum|worth|revenue|budget|fined?|fines|salary|value|money|invest\w*|spen[dt]|"
    r"paid|funding|valued)\b",
    re.I,
)
_MONEY = re.compile(r"[$€£¥]|\b(?:euros?|dollars?|pounds?|rubles?|roubles?|yuan|yen|rupees?|francs?|pesos?)\b", re.I)
_WHEN = re.compile(
    rf"\b(?:(?:19|20)\d\d|(?:{SHORT_MONTH_PATTERN})\.? \d{{1,2}}|{FULL_MONTH_PATTERN}|"
    r"spring|summer|autumn|winter|(?:next|last|this) (?:week|month|year)|"
    rf"{WEEKDAY_PATTERN}|yesterday|today|tomorrow)\b"
)
_WHICH_PERSON = re.compile(rf"^\s*which (?:\w+ ){{0,3}}?(?:{_PERSONS.split('|company')[0]})\b", re.I)
_PERSON_ASKED = re.compile(rf"^\s*(?:who|whom|whose)\b|{_WHICH_PERSON.pattern}", re.I)
_FULL_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,5}\b")
_NOT_NAME = re.compile(
    r"President|Prime|Minister|Secretary|General|Judge|Justice|Chief|Chancellor|Governor|Mayor|Senator|Leader|"
    r"Supreme|Court|District|Department|Ministry|Council|Committee|House|Office|United|States|Kingdom|Republic|"
    r"The|A|An|In|On|At|By|For|Of|And|Mr|Mrs|Ms|Dr|Sir|Lady|Lord|Saint|St"
)
_COMMON_ENDING = re.compile(r"(?:[^s]s|ing|ed|ly|ment|tion|ness)$")
_SMALL_NUMBER = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|half)\b", re.I)
_SPLIT = re.compile(
    r"(?:,|;)?\s+and\s+(?=(?:(?:at|in|on|by|for|from|to|with|under) )?(?:how|where|when|who|whom|which|what|why)\b)|"
    r"[;?]\s+(?=(?:and\s+)?(?:how|where|when|who|which|what|why)\b)",
    re.I,
)


_AUXILIARY = (
    r"is|are|was|were|am|do|does|did|will|would|can|could|should|shall|has|have|had|may|might|must|isn['’]t|"
    r"aren['’]t|wasn['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|can['’]t"
)
_QUESTION_MARK = re.compile(r"(?<=[\w'\"’”)\]])\?(?=\s|$|[\"'’”)])")  # not "fined ?129m", not "…"?expert" (lost dashes)
_ASKS_DIRECTLY = re.compile(
    rf"^\W*(?:(?:{_AUXILIARY})\b|(?:who|whom|whose|which)\b|what\b(?!\s+(?:(?-i:[A-Z])|(?:to|the|a|an|we|you|they|i|it|he|"
    rf"she|this|that|these|those|his|her|their|our|my|its)\b))|(?:why|how|where|when)\s+(?:{_AUXILIARY})\b|how\s+"
    r"(?:many|much|far|long|old|big|large|tall|deep|often|high|soon|bad|close|likely)\b|(?:who|what|why|how|where|when)\W*$)",
    re.I,
)


def is_question(text: str) -> bool:
    """Whether a request asks something rather than naming what to look up (a headline, a name, keywords):
    a question mark ending a word, or a clause opening as a question does ("who won", "did Russia…", "how
    many…", "why did…"). "Why Google honours him", "How firms should react", "What we know about…" open
    as headlines do: a question word, then its subject."""
    if _QUESTION_MARK.search(text):
        return True
    return any(_ASKS_DIRECTLY.match(piece) for piece in re.split(r"(?<=[.!:;])\s+", text.strip()))


def last_question(question: str) -> str:
    """The question itself when words before it give its context ("How many missiles did North Korea fire?
    Where did they come down?": the second)."""
    pieces = [p for p in re.split(r"(?<=[?.!:])\s+(?=[A-Z\"“])", question.strip()) if p]  # not "Jr. and"
    return pieces[-1] if pieces else question


def kind_asked(question: str) -> str:
    """What a question asks for: NAME (who, which official…), QUANTITY, DATE, PLACE, SAID (what did someone
    say), CAUSE (why, the cause of…) or OTHER (what…)."""
    question = last_question(question)
    if _SAID_ASKED.search(question):
        return SAID
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return kind
    return OTHER


def named(question: str) -> list[str]:
    """The proper names a question is about ("Vitaly Churkin", "UN"), question words aside."""
    return [n for n in names_in(question) if n.lower() not in _QUESTION_WORDS]


_AT_PLACE = r"\b(?:in|at|near|outside)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
_LOCATIVE = re.compile(_AT_PLACE)


def places_at(text: str) -> set[str]:
    """The places a text puts something at ("in Quetta", "at Orly airport"): capitalised words after a
    locative preposition, months and weekdays aside."""
    found = (re.split(r"['’]s\s+", m.group(1)) for m in _LOCATIVE.finditer(text))  # "Syria's Saydnaya": two
    return {place for pieces in found for place in pieces if names_in(place)}


# a place named bare ("in Quetta on 16 February"), not a name used as an adjective ("in the CAF election")
_PLACE_ASKED = re.compile(
    _AT_PLACE + r"(?=\s*(?:[?,.;]|$|\s(?:on|in|at|during|last|this|since|after|before|between|from)\b))"
)


def elsewhere(question: str, sentence: str) -> bool:
    """Whether a sentence tells of something at another place than the one the question asks about: the
    question puts it in a place ("the suicide bombing in Quetta"), the sentence in others and not there
    ("a suicide attack … in Peshawar, killing six people")."""
    asked = {m.group(1) for m in _PLACE_ASKED.finditer(last_question(question)) if names_in(m.group(1))}
    told = places_at(sentence)
    return bool(asked and told) and not any(mentions(a, sentence) for a in asked)


def supplies_kind(kind: str, sentence: str, question: str, reference: str | None = None) -> bool:
    """Whether a sentence states the kind of thing the question asks for, beyond what the question says (a
    figure or a day of what happened at the place asked about, not elsewhere: `elsewhere`)."""
    if kind in (QUANTITY, DATE) and elsewhere(question, sentence):
        return False  # another attack's toll
    given, part = named(question), last_question(question)
    if kind == QUANTITY:
        if _TERM_ASKED.search(part):  # a prison sentence: a term, not any figure in the story
            return bool(_TERM.search(sentence))
        if _CASUALTY_ASKED.search(part) and not re.search(_CASUALTY, sentence, re.I):  # how many died: the dead
            return False
        if _PERCENT_ASKED.search(part):  # what share of the vote: a percentage
            return bool(_PERCENT.search(sentence))
        if _MARGIN_ASKED.search(part):  # a vote's margin: a tally
            return bool(_TALLY.search(sentence))
        if _MONEY_ASKED.search(part):  # a profit, a price, a fine: a sum of money
            return bool(_MONEY.search(sentence))
        asked = numbers_in(question)
        return bool(numbers_in(sentence) - asked) or bool(_SMALL_NUMBER.search(sentence))
    if kind == DATE:
        return bool(dates_in(sentence, reference) or _WHEN.search(sentence))
    if kind == CAUSE:  # why: a sentence that gives a reason, not one that only tells what happened
        return bool(_CAUSE.search(sentence))
    if kind == SAID:  # what did Merkel say: a sentence that reports her words, not one that names her
        said = _SAID_ASKED.search(part)
        group = said.group("who") if said else ""
        whose = named(group)[-1:]
        if whose:
            who = speaker(sentence)
            return who is not None and mentions(whose[0], who)
        # "what did the employers' association say": a report whose words come from someone so called
        called = set(terms(group))
        return any(called & set(terms(sentence[: m.start()])) or not called for m in _REPORTED.finditer(sentence))
    new = [n for n in _proper_names(sentence) if not any(mentions(g, n) or mentions(n, g) for g in given)]
    if kind == NAME and _PERSON_ASKED.search(part):  # who: a person's name, not a place or a title
        for match in _FULL_NAME.finditer(sentence):
            words = [w for w in re.split(r"[ -]", match.group()) if not _NOT_NAME.fullmatch(w)]
            if len([w for w in words if not any(mentions(g, w) for g in given)]) >= 2:
                return True  # a full name the question does not give ("Derrick Watson", not "Donald" Trump)
        # who: a country or a body may answer, when the sentence has it do something ("Russia has cut…")
        return not _WHICH_PERSON.search(part) and any(_acts(n, sentence) for n in new)
    return bool(new) if kind in (NAME, PLACE) else True


def _proper_names(sentence: str) -> list[str]:
    """The names in a sentence, less a first word that reads as a common word capitalised ("Troops were…")."""
    found = names_in(sentence)
    first = re.match(r"\W*([A-Z][a-z]+)\b", sentence)
    if found and first and found[0] == first.group(1) and _COMMON_ENDING.search(first.group(1)):
        return found[1:]
    return found


def _acts(name: str, sentence: str) -> bool:
    """Whether a sentence has `name` as the one doing something: the name, then a verb."""
    verb = r"(?:has|have|had|was|were|is|are|will|would|did|does|can|could|\w+ed|says|said)"
    return bool(re.search(rf"\b{re.escape(name)}\b(?:['’]s)?\s+(?:\w+ly\s+)?{verb}\b", sentence))


def questions_in(question: str) -> list[tuple[str, str]]:
    """The questions a question asks ("How many troops …, and where is the army?" is two), each as shown
    and as it stands alone: a part that leans on the first ("and where is it?") borrows its words, a part
    that names nothing its names."""
    pieces = [p.strip(" ,;") for p in _SPLIT.split(question.strip()) if p and p.strip(" ,;?")]
    if len(pieces) < 2:
        return [(question.strip(), question.strip())]
    first = pieces[0].rstrip("?") + "?"
    out = [(first, first)]
    for piece in pieces[1:]:
        shown = piece[0].upper() + piece[1:].rstrip("?") + "?"
        if re.search(r"\b(?:it|they|them|he|she|his|her|its|their|there)\b", piece, re.I):
            out.append((shown, f"{first} {shown}"))  # "where did they come down?": the first part says who
        elif not named(piece) and named(first):  # "which film won?" is still at the Oscars the first names
            out.append((shown, f"{' '.join(named(first))}: {shown}"))
        else:
            out.append((shown, shown))
    return out


_AUXILIARIES = frozenset("were are was is did do does have has had will would can could of more times".split())
_COUNTED_ASKED = re.compile(r"\bhow many (\w+)|\bnumber of (\w+)", re.I)


def counted(question: str) -> str:
    """What a how-many question counts ("how many troops…": "troops"), or ""."""
    asked = _COUNTED_ASKED.search(last_question(question))
    noun = next((g for g in asked.groups() if g), "") if asked else ""
    return "" if noun.lower() in _AUXILIARIES else noun  # "how many were killed": it does not say


def fit_bonus(kind: str, sentence: str, question: str) -> float:
    """How squarely a sentence states what a question asks for, beyond stating it at all: a figure that
    counts the thing asked about ("how many troops" → "90,000 troops") scores highest."""
    if kind == NAME and not _PERSON_ASKED.search(last_question(question)):
        return FIT if _role_names(sentence, named(question)) else 0.0
    if connective_asked(last_question(question)):  # why, how: the reason or means of the asked event
        return FIT if gives_reason(sentence, last_question(question)) else 0.0
    noun = counted(question) if kind == QUANTITY else ""
    if not noun:
        return 0.0
    what = " ".join(what for _, what in figures_in(sentence)).lower()
    return FIT if stem(noun.lower()) in {stem(w) for w in what.split()} else 0.0


def _role_names(sentence: str, given: list[str]) -> list[str]:
    """The names in the role a sentence gives someone the question names, other than theirs: "NATO" in
    "NATO Secretary-General Jens Stoltenberg" when the question asks which organisation Stoltenberg leads."""
    out = []
    for name in given:
        role = role_of(sentence, name) if re.search(rf"\b{re.escape(name)}\b", sentence) else None
        out += [n for n in names_in(role or "") if not any(mentions(g, n) or mentions(n, g) for g in given)]
    return out
