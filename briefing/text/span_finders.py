"""The finders behind `briefing.text.spans`: in one sentence, the pieces of each kind a question may ask
for (figures with their unit, dates, places, names, the thing named), each with how squarely it fits the
question (`fit`: 2 fits it squarely, 1 is of the kind, 0 barely). Pure functions."""

from __future__ import annotations

import re

from briefing.text.dates import DATE_PATTERNS, dates_in
from briefing.text.facts import mentions, names_in, numbers_in
from briefing.text.questions import counted, last_question, named
from briefing.text.sentences import STOPWORDS, related, stem, terms
from briefing.text.spans_base import Span, span_of, text_key
from briefing.text.vocabulary import CALENDAR_WORDS, MONTH_ABBREVIATIONS, MONTH_PATTERN, WEEKDAY_PATTERN

Found = list[tuple[Span, float]]


# --- quantities -----------------------------------------------------------------------------------------
_QUALIFIER = (
    r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|under|more than|less than|fewer than|"
    r"at least|up to|as many as|as much as|as few as|an estimated|a total of)\s+)?"
)
_WORD_NUMBER = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|a dozen|dozens|hundreds|thousands|millions)"
    r"(?:[\s-](?:hundred|thousand|million|billion))?(?: of)?"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mln|bln|bn|mn|m|k)\b)?"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?:{_QUALIFIER})(?:(?:[$€£¥]|\?(?=\d))\s?\d[\d,]*(?:\.\d+)?{_SCALE}"
    rf"|(?<![\w.$€£¥?])\d[\d,]*(?:\.\d+)?{_SCALE}|\b{_WORD_NUMBER}\b)",
    re.I,
)
_UNITS = {  # what a question asks to be measured in, and the words that measure it
    "money": r"\s?(?:euros?|dollars?|pounds?|rubles?|roubles?|yuan|yen|rupees?|francs?|pesos?|dirhams?|won)\b",
    "percent": r"\s?(?:%|percent\b|per cent\b|percentage points?\b)",
    "distance": r"[\s-]?(?:km|kilomet(?:er|re)s?|miles?|metres?|meters?|m)\b",
    "size": r"[\s-]?(?:feet|foot|ft|metres?|meters?|m|cm|inches|km|kilomet(?:er|re)s?|miles?|square \w+)\b",
    "time": r"[\s-]?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b",
    "age": r"(?:-year-old|\s?years? old)\b",
    "times": r"\s?times\b",
}
_UNIT_ASKED = [
    (
        "money",
        re.compile(
            r"\b(?:profit|loss|price|cost|amount|sum|worth|revenue|budget|fined?|fines|salary|value|"
            r"money|invest\w*|spen[dt]|paid|pay|earn\w*|funding|valued|how much)\b",
            re.I,
        ),
    ),
    ("percent", re.compile(r"\b(?:percentage|per ?cent|proportion|share)\b", re.I)),
    ("age", re.compile(r"\bhow old\b|\bwhat age\b", re.I)),
    ("distance", re.compile(r"\bhow far\b", re.I)),
    ("size", re.compile(r"\bhow (?:high|tall|deep|big|large|wide)\b", re.I)),
    ("time", re.compile(r"\bhow long\b|\b(?:sentence|term)\b", re.I)),
    ("times", re.compile(r"\bhow often\b", re.I)),
]
_TALLY = re.compile(r"\b\d+(?:\s+votes?)?\s*(?:-|–|to)\s*\d+(?:\s+votes?)?\b", re.I)
_TALLY_ASKED = re.compile(r"\bmargin\b|\bhow many votes\b|\b(?:vote|tally|score)\b", re.I)
_AGE = re.compile(r"\b(?:aged|at the age of|age)\s+\d{1,3}\b|\b\d{1,3}(?:-year-old|\s?years? old)\b", re.I)
_PART_OF_NAME = re.compile(r"(?:Article|Resolution|Section|Flight|No\.?|Number|Unit|Block|Route|Gate|G)\s?$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def quantities(sentence: str, question: str) -> Found:
    asked = next((unit for unit, pattern in _UNIT_ASKED if pattern.search(question)), "")
    given = numbers_in(question)
    dated = [m.span() for p in DATE_PATTERNS for m in p.finditer(sentence)]
    if _TALLY_ASKED.search(question) and not asked:
        return [(span_of(sentence, m.start(), m.end(), _number_key(m.group())), 2) for m in _TALLY.finditer(sentence)]
    if asked == "age":
        return [(span_of(sentence, m.start(), m.end(), _number_key(m.group())), 2) for m in _AGE.finditer(sentence)]
    noun = _counted_head(question) or counted(question).lower()
    out: Found = []
    for match in _AMOUNT.finditer(sentence):
        start, end = match.span()
        value = match.group()
        if any(s <= start < e for s, e in dated) or _PART_OF_NAME.search(sentence[:start]):
            continue
        if _YEAR.fullmatch(value) or (numbers_in(value) and numbers_in(value) <= given):
            continue
        fit = 0
        unit = re.match(_UNITS[asked], sentence[end:], re.I) if asked else None
        if unit:
            end, fit = end + unit.end(), 2
        elif asked in ("money", "percent"):
            if not re.search(r"[$€£¥]|\?\d", value):
                continue
            fit = 2
        elif noun:  # "how many troops": the figure that counts troops, with them
            words = re.match(r"((?:\s+(?:[\w’'-]+))){1,3}", sentence[end:])
            for word in re.finditer(r"[\w’'-]+", words.group() if words else ""):
                if stem(word.group().lower()) == stem(noun) or related(stem(word.group().lower()), stem(noun)):
                    end, fit = end + word.end(), 2
                    break
                if word.group().lower() in STOPWORDS:
                    break
        elif not asked:
            fit = 1
        if asked and not fit:
            continue
        out.append((span_of(sentence, start, end, _number_key(sentence[start:end])), fit))
    return out


_HOW_MANY = re.compile(
    r"\bhow many ((?:[\w-]+ ){0,3}?)([\w-]+) (?:were|was|are|is|did|do|does|has|have|had|will)\b", re.I
)


def _counted_head(question: str) -> str:
    """The thing a how-many question counts, its last word: "how many WeChat red packets were …": packets."""
    asked = _HOW_MANY.search(question)
    return asked.group(2).lower() if asked else ""


_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "bn": 1e9, "bln": 1e9}
_SCALES |= {"billion": 1e9, "trillion": 1e12}
_VALUE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(k|thousand|mn|mln|million|m|bn|bln|billion|trillion)?\b", re.I)


def _number_key(text: str) -> str:
    """What two wordings of one figure share: its value, scale words read ("£7bn" is 7000000000)."""
    first = _VALUE.search(text)
    if first and len(_VALUE.findall(text)) == 1:
        value = float(first.group(1).replace(",", "")) * _SCALES.get((first.group(2) or "").lower(), 1)
        return f"{value:g}"
    values = sorted(numbers_in(text))
    return " ".join(f"{v:g}" for v in values) or text_key(text)


# --- dates ----------------------------------------------------------------------------------------------
_RELATIVE_DAY = re.compile(
    rf"\b(?:(?:on|last|this past|next|this coming|coming|until|by|from)\s+(?:{WEEKDAY_PATTERN})|"
    rf"(?:{WEEKDAY_PATTERN})(?:\s+(?:night|morning|evening|afternoon))?|yesterday|today|tomorrow|last week|"
    r"next week)\b",
    re.I,
)
_MONTH_OR_YEAR = re.compile(
    rf"\b(?:(?:{MONTH_PATTERN})\.?(?:,?\s+(?:1[89]|20)\d\d)?|(?:in|since|by|until)\s+(?:1[89]|20)\d\d|"
    r"(?:early|mid|late)[\s-](?:1[89]|20)\d\d|(?:spring|summer|autumn|winter)(?:\s+(?:1[89]|20)\d\d)?)\b"
)
_SAID_ON = re.compile(
    r"\b(?:said|says|told|stated|added|noted|reported|announced|wrote|tweeted|explained|statement)\b"
    r"(?:\s+[\w'’-]+){0,3}?\s*(?:on|last|this past)?\s*$",
    re.I,
)


def dates(sentence: str, question: str, reference: str | None) -> Found:
    given = set(dates_in(question, reference)) | {text_key(m.group()) for m in _MONTH_OR_YEAR.finditer(question)}
    found: Found = []
    taken: list[tuple[int, int]] = []
    layers = [(p, 3) for p in DATE_PATTERNS] + [(_RELATIVE_DAY, 2), (_MONTH_OR_YEAR, 1)]
    for pattern, fit in layers:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            masked = sentence[:start].translate(_BLANK) + match.group() + sentence[end:].translate(_BLANK)
            days = dates_in(masked, reference) if fit > 1 else []
            key = days[0] if days else text_key(match.group())
            if key in given:
                continue
            said = bool(_SAID_ON.search(sentence[:start]))  # the day something was said is not the event's
            text = re.sub(r"^(?:on|in|since|by|until)\s+", "", match.group(), flags=re.I)
            begin = end - len(text)
            found.append((Span(text, begin, end, key, days[0] if days else None), fit - 2 * said))
    return found


_BLANK = str.maketrans({c: " " for c in "0123456789"}) | {ord(c): " " for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


# --- names and places -----------------------------------------------------------------------------------
_PARTICLE = r"(?:of|de|da|del|della|la|le|al|el|du|van|von|bin|for|and)"
_CAPS = rf"(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w’'.&-]*(?:\s+(?:{_PARTICLE}\s+)?[A-Z][\w’'.&-]*)*"
_NAME_RUN = re.compile(_CAPS)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|off|from|to|into|inside|across|between|and|with)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|island|region|province|district|state|county|area|port|coast|capital|suburb|"
    r"country|republic)\s+of\s+(?:the\s+)?)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?",
    re.I,
)
_TITLES = frozenset(
    """President Prime Minister Secretary General Judge Justice Chief Chancellor Governor Mayor Senator Leader
    Supreme Court District Department Ministry Council Committee Office Federal Deputy Foreign Finance Interior
    Defence Defense State Acting Former First Vice Director King Queen Prince Princess Pope Ayatollah Sheikh
    Mr Mrs Ms Dr Sir Lady Lord Saint St The A An In On At By For Of And U.S. US UK UN EU Retired Admiral
    Captain Colonel Major Commander Coach Manager Trainer Chairman CEO Adm Gen Lt Col Sgt Rep Sen Gov""".split()
)
_NOT_NAMES = frozenset((*CALENDAR_WORDS, *MONTH_ABBREVIATIONS)) | {
    w.capitalize() for w in "the a an this that these those it he she they we but and if in on at there".split()
}
_PERSON = re.compile(
    r"^\s*(?:who|whom|whose)\b|^\s*(?:which|what) (?:\w+ ){0,3}?(?:person|people|man|woman|men|women|girl|boy|"
    r"leader|minister|judge|official|president|politician|player|manager|coach|trainer|chief|head|spokes\w+|"
    r"envoy|ambassador|candidate|author|writer|actor|actress|singer|survivor|winner|admiral|general)\b",
    re.I,
)
_HEAD = re.compile(r"^\s*(?:(?:to|from|in|at|with|by|for|of) )?(?:which|what) ((?:[\w-]+ ){0,2}?)([\w-]+)\b", re.I)
_VERBISH = re.compile(r"^(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)$", re.I)


def _runs(sentence: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The runs of capitalised words in sentence[start:end], less their leading title words and any
    hyphen-joined lower-case word the corpus's lost spaces left on their end ("Collins-has")."""
    out: list[tuple[int, int]] = []
    for match in _NAME_RUN.finditer(sentence, start, len(sentence) if end is None else end):
        s, e = match.span()
        text = match.group()
        lost = re.search(r"-[a-z]+$", text)
        if lost and lost.group()[1:] in STOPWORDS:
            e -= len(lost.group())
        words = list(re.finditer(r"\S+", sentence[s:e]))
        while words and (words[0].group().rstrip(",.") in _TITLES or words[0].group() in _NOT_NAMES):
            words = words[1:]
        if words:
            s, e = s + words[0].start(), s + words[-1].end()
            e -= 2 if re.search(r"['’]s$", sentence[s:e]) else 0  # "Japan's": Japan
            while e > s and sentence[e - 1] in ".,’'":
                e -= 1
            out.append((s, e))
    return out


def _is_given(text: str, given: list[str]) -> bool:
    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper()]
    return bool(words) and all(any(mentions(g, w) or mentions(w, g) for g in given) for w in words)


def places(sentence: str, question: str) -> Found:
    given = named(question)
    head = _HEAD.match(last_question(question))
    noun = head.group(2).lower() if head else ""  # "at which airport": "John Wayne Airport" above "California"
    out: Found = []
    for match in _LOCATIVE.finditer(sentence):
        run = _NAME_RUN.match(sentence, match.end())
        if not run or sentence[: match.start()].rstrip().lower().endswith("according"):
            continue  # "according to ABC News": a source, not a place
        for s, e in _runs(sentence, run.start(), run.end())[:1]:
            if s != run.start() and sentence[run.start() : s].strip() not in ("The", "the"):
                continue
            owner = re.match(r"['’]s\s+(" + _CAPS + ")", sentence[e:])  # "Spain's Reus"
            if owner:
                e += owner.end()
            after = re.match(
                r",\s+((?:Co\.?\s+)?[A-Z][\w’'-]+)(?=\s*(?:[.;,)]|$|\s(?:on|in|at|after|where)\b))", sentence[e:]
            )
            if after and not _is_given(after.group(1), given):  # "Tuam, Co Galway", "Jackson, Michigan"
                e += after.end()
            joined = re.match(r"(.+?)\s+and\s+", sentence[s:e])
            if joined and _is_given(joined.group(1), given):  # "between Moscow and Spain's Reus": not Moscow
                s += joined.end()
            text = sentence[s:e]
            if text in _NOT_NAMES or _is_given(text, given):
                continue
            out.append((span_of(sentence, s, e, text_key(text)), 3 if noun and noun in text.lower() else 2))
    return out


_ORGANS = frozenset(
    """Nations Agency Initiatives Party Group Ministry Union Bank Court Council News Navy Army Force Forces SEAL
    Association Committee Commission Office Service Institute University Corporation Company Post Journal
    Representative Permanent Secretary-General""".split()
)


_PLACE_WORDS = frozenset(
    """Co County Province Prefecture Region District Street Road Avenue Square Airport Station Stadium Camp Sea
    River Lake Mountain Mount Island Islands Bay Coast Valley Park Bridge Hospital Hotel Centre Center Terminal
    Arena Hall Palace Port Harbour""".split()
)
_ACTS = re.compile(
    r"(?:['’]s)?\s+(?:\w+ly\s+)?(?:has|have|had|was|were|is|are|will|would|did|does|can|could|\w+ed|\w+[^s\W]s)\b"
)
_SPEAKS = re.compile(
    r",?\s+(?:has\s+|had\s+)?(?:said|says|told|tells|added|stated|wrote|tweeted|warned|warns|stressed|insisted|"
    r"announced|argued|claimed|noted)\b"
)
_IDENTITY = re.compile(r"^\s*who (?:is|was|are|were)\b", re.I)
_ROLE_AFTER = re.compile(
    r"\s+(?:secretary|minister|president|official|spokes\w+|ambassador|envoy|chief|leader|head|counterpart)\b"
)
_ROLE_BEFORE = re.compile(
    r"\b(?:counterpart|president|minister|leader|chief|spokes\w+|judge|coach|manager|trainer|envoy|ambassador|"
    r"secretary|chairman|chairwoman|ceo|founder|captain|striker|goalkeeper|gunman|suspect)\s+$",
    re.I,
)
_DEMONYM = re.compile(r"(?:ian|ean|yan|ese|ish|ch)$|^(?:German|Greek|Thai|Swiss|Iraqi|Israeli|Pakistani|Saudi|Yemeni)$")


def _pieces(text: str, person: bool) -> list[tuple[int, int, bool]]:
    """A run of capitalised words cut where a title, a body or a joining word stands ("NATO Secretary-General
    Jens Stoltenberg": "NATO", then "Jens Stoltenberg"); each piece's offsets, and whether a title follows it."""
    out: list[tuple[int, int, bool]] = []
    start: int | None = None
    previous = 0
    for word in re.finditer(r"[^\s]+", text):
        owner = re.sub(r"['’]s$", "", word.group())
        bare = owner.rstrip(".")
        joins = person and (bare in _ORGANS or bare.lower() in ("of", "for", "and"))  # a body's name is whole
        cut = joins or bare in _TITLES or ("-" in bare and any(part in _TITLES for part in bare.split("-")))
        if cut:
            if start is not None:
                out.append((start, previous, bare not in ("of", "for", "and")))
            start = None
            continue
        if start is None:
            start = word.start()
        previous = word.start() + len(bare)
        if owner != word.group():  # "Iran's": a piece ends at a possessive
            out.append((start, previous, True))
            start = None
    if start is not None:
        out.append((start, len(text), False))
    return out


def names(sentence: str, question: str) -> Found:
    given, part = named(question), last_question(question)
    head = _HEAD.match(part)
    noun = head.group(2).lower() if head and not _VERBISH.match(head.group(2)) else ""
    if noun in ("country", "countries", "city", "cities", "town", "place", "region", "state"):
        return places(sentence, question)
    person = bool(_PERSON.search(part))
    identity = bool(_IDENTITY.match(part))  # "who is NATO's secretary-general?": who speaks may be the answer
    out: Found = []
    for s, e in _runs(sentence):
        whole = sentence[s:e]
        has_given = any(mentions(g, whole) for g in given)
        for ps, pe, titled in _pieces(whole, person):
            text = whole[ps:pe]
            words = text.split()
            if (
                not words
                or _is_given(text, given)
                or (len(words) == 1 and (text.lower() in STOPWORDS or not names_in(text)))
            ):
                continue
            start, end = s + ps, s + pe
            if person and (
                any(w.lower() in STOPWORDS or w in _PLACE_WORDS or w in _ORGANS for w in words)
                or re.search(r"\b(?:in|at|from|near|to)\s+(?:the\s+)?(?:[a-z]+\s+)?$", sentence[:start])
            ):
                continue  # "in the small Co Kildare", "How To Deal With", "ABC News": a place, a title, a body
            if person and any(mentions(g, text) for g in given):
                continue  # "Donald Trump" when the question asks about what Trump did
            if len(words) == 1 and _DEMONYM.search(text):
                fit: float = 0  # "German", "Ukrainian": who someone is, not their name or a body's
            elif person:  # a full name; one word only when it does something ("Belgacem wrested …")
                one = _ACTS.match(sentence, end) or _ROLE_BEFORE.search(sentence[:start])  # "counterpart Zelensky"
                fit = 2 if len(words) >= 2 else 1 if one else 0
                quotes = sum(sentence[:start].count(q) for q in '"“”')
                fit -= 0.5 * (quotes % 2)  # a name inside quoted words is who is spoken of, seldom who did it
                fit -= not identity and bool(_SPEAKS.match(sentence, end))  # who said it is seldom who did it
                fit = min(fit, 1) if _ROLE_AFTER.match(sentence, end) else fit  # "United States secretary of …"
                # "North Korea's leader", "the Kremlin": an owner or a thing, not the person asked for
                fit = min(fit, 1) if re.match(r"['’]s\b", sentence[end:]) else fit
                fit = 0 if re.search(r"\bthe\s+$", sentence[:start], re.I) else fit
            elif titled and has_given:  # "NATO" of "NATO Secretary-General Jens Stoltenberg": the body he leads
                fit = 2
            else:
                fit = 2 if noun and any(stem(w.lower()) == stem(noun.rstrip("s")) for w in words) else 1
            out.append((span_of(sentence, start, end, text_key(text)), fit))
    return out


def things(sentence: str, question: str) -> Found:
    """What <thing> …: the phrase of the sentence that ends in the thing ("a reckless anti-satellite missile test")."""
    head = _HEAD.match(last_question(question))
    if not head or (not head.group(1) and _VERBISH.match(head.group(2))) or head.group(2).lower() in STOPWORDS:
        return []
    noun = head.group(2).lower()
    asked = set(terms(question))
    out: Found = []
    for match in re.finditer(rf"\b((?:[\w’'-]+\s+){{1,4}}){re.escape(noun)}s?\b", sentence, re.I):
        words = match.group(1).split()
        keep: list[str] = []
        for word in reversed(words):
            bare = word.strip("'\"’“”,").lower()
            if bare in STOPWORDS or not bare or word[-1:] in ",;:" or re.search(r"['’]s$", bare):
                break  # "the e-commerce giant's plan": what the plan is, not whose
            keep.insert(0, word)
        if keep and any(stem(w.strip("'\"’“”").lower()) not in asked for w in keep):
            s = sentence.rfind(keep[0], match.start(), match.end())
            out.append((span_of(sentence, s, match.end(), text_key(sentence[s : match.end()])), 1))
    return out
