"""The finders behind `briefing.text.spans`: in one sentence, the pieces of each kind a question may ask
for (figures with their unit, dates, the thing named; names and places: `briefing.text.span_names`), each
with how squarely it fits the question (`fit`: 2 fits it squarely, 1 is of the kind, 0 barely). Pure
functions."""

from __future__ import annotations

import re

from briefing.text.dates import DATE_PATTERNS, dates_in
from briefing.text.facts import numbers_in
from briefing.text.predicates import predicates
from briefing.text.questions import counted, last_question
from briefing.text.sentences import STOPWORDS, related, stem, terms
from briefing.text.spans_base import VERBISH, Span, span_of, text_key, thing_head
from briefing.text.vocabulary import MONTH_PATTERN, WEEKDAY_PATTERN

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
    # how tall, high or deep: a height, not a distance ("an 800-km crossing" is not how tall a mountain is)
    "height": r"[\s-]?(?:feet|foot|ft|metres?|meters?|m|cm|centimet(?:er|re)s?|inches|storeys|stories|floors)\b",
    "time": r"[\s-]?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b",
    "age": r"(?:-year-old|\s?years? old)\b",
    "times": r"\s?times\b",
}
_CHANGE = (
    r"rise|rose|risen|fall|fell|fallen|increase|grow|grew|grown|drop|climb|jump|gain|shrink|shrank|decline|"
    r"slump|soar|surge|plunge|tumble|cut|reduce|lower|raise|go (?:up|down)|went (?:up|down)|change"
)
_UNIT_ASKED = [
    # "how much did cargo rise", "by how much": a change, in whatever it is measured (percent, money, points)
    ("change", re.compile(rf"\bby how much\b|\bhow much (?:[\w'’-]+ ){{1,5}}?(?:{_CHANGE})(?:d|s|ed)?\b", re.I)),
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
    ("height", re.compile(r"\bhow (?:high|tall|deep)\b", re.I)),
    ("size", re.compile(r"\bhow (?:big|large|wide)\b", re.I)),
    ("time", re.compile(r"\bhow long\b|\b(?:sentence|term)\b", re.I)),
    ("times", re.compile(r"\bhow often\b", re.I)),
]
# "90 votes to 34", "97-2", "34 votes to Hayatou's 20" (the loser's name between the two figures)
_TALLY = re.compile(r"\b\d+(?:\s+votes?)?\s*(?:-|–|to)\s*(?:[A-Z][\w’'-]+['’]s\s+)?\d+(?:\s+votes?)?\b", re.I)
_TALLY_ASKED = re.compile(r"\bmargin\b|\bhow many votes\b|\b(?:vote|tally|score)\b", re.I)
_AGE = re.compile(r"\b(?:aged|at the age of|age)\s+\d{1,3}\b|\b\d{1,3}(?:-year-old|\s?years? old)\b", re.I)
_PART_OF_NAME = re.compile(r"(?:Article|Resolution|Section|Flight|No\.?|[Nn]umber|Unit|Block|Route|Gate|G)\s?$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_VAGUE = re.compile(rf"{_QUALIFIER}(?:dozens|hundreds|thousands|millions|billions)(?: of)?", re.I)


# a figure not realised: one that could have been ("could have priced the IPO at as much as $19 a share"), or
# one asked for ("applied to a court … for State compensation of more than 13.9 million yuan"): no answer to
# what was paid, awarded or reached, unless the question asks for it ("How much did the family seek?")
_UNREALISED = re.compile(
    r"\b(?:could|would|might|should)\s+(?:not\s+)?have\b|\b(?:appl(?:y|ies|ied|ying)|ask(?:s|ed|ing)?|"
    r"su(?:e|es|ed|ing))\s+(?:[\w’'-]+\s+){0,8}?for\b|\b(?:seek(?:s|ing)?|sought|demand(?:s|ed|ing)?)\b",
    re.I,
)
UNREALISED_WORDS = 8  # words between such a cue and the figure, within its clause


def unrealised(before: str) -> bool:
    """Whether the words just before a figure make it one not reached: a cue (`_UNREALISED`) at most
    `UNREALISED_WORDS` words before it in its clause; a figure in brackets ("($2 million; …)") is a
    conversion of the one before them, and judged as it is."""
    if before.count("(") > before.count(")"):
        before = before[: before.rfind("(")]
    clause = re.split(r"[;:!?]|\.(?!\d)|\bbut\b|\bwhile\b", before)[-1]
    cues = list(_UNREALISED.finditer(clause))
    return bool(cues) and len(clause[cues[-1].end() :].split()) <= UNREALISED_WORDS


_EVENTS = frozenset({"die", "injur", "arrest"})  # what a count of people says happened to them (`predicates`)
_CLAUSE_END = re.compile(r"[,;:()]|\.(?!\d)|\band\b|\bwhile\b|\bbut\b")


def other_event(question: str, sentence: str, start: int, end: int) -> bool:
    """Whether the clause of a figure says another thing happened to those it counts than the question asks
    (the dead, the injured, the arrested): "50 injured" is no answer to how many were killed."""
    asked = _EVENTS & predicates(question)
    if not asked:
        return False
    before = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    after = next((m.start() for m in _CLAUSE_END.finditer(sentence, end)), len(sentence))
    told = _EVENTS & predicates(sentence[before:after])
    return bool(told) and not told & asked


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
        if _VAGUE.fullmatch(value.strip()):  # "millions of dollars", "hundreds": no figure, so no answer to how many
            continue
        if unrealised(sentence[:start]) and not _UNREALISED.search(question):
            continue  # a price it could have had, a sum asked for: not what was paid or awarded
        fit = 0
        unit = re.match(_UNITS[asked], sentence[end:], re.I) if asked in _UNITS else None
        if unit:
            end, fit = end + unit.end(), 2
        elif asked == "change":  # a percentage or a sum fits it squarely, as does a figure it changed "by"
            unit = re.match(f"{_UNITS['percent']}|{_UNITS['money']}", sentence[end:], re.I)
            if unit:
                end = end + unit.end()
            by = re.search(r"\b(?:by|to)\s+$", sentence[:start], re.I)
            fit = 2 if unit or by or re.search(r"[$€£¥]", value) else 1
        elif asked in ("money", "percent"):
            if not re.search(r"[$€£¥]|\?\d", value):
                continue
            fit = 2
        elif noun:  # "how many troops": the figure that counts troops, with them
            words = re.match(r"((?:\s+(?:[\w’'-]+))){1,3}", sentence[end:])
            for word in re.finditer(r"[\w’'-]+", words.group() if words else ""):
                said = word.group().lower()
                if stem(said) == stem(noun) or related(stem(said), stem(noun)):
                    end, fit = end + word.end(), 2
                    break
                if word.group().lower() in STOPWORDS:
                    break
        elif not asked:
            fit = 1
        if asked and not fit:
            continue
        if fit == 2 and noun and other_event(question, sentence, start, end):
            fit = 0  # "how many people were killed": "More than 35 people were injured" counts people, not the dead
        out.append((span_of(sentence, start, end, _number_key(sentence[start:end])), fit))
    return _partitives(sentence, question, noun, out) if noun and not asked else out


# "Seven of the 11 people arrested … have been released": a part (seven) of a whole (11 people)
_PARTITIVE = re.compile(r"(?:\s+of)?\s+(?:the|its|their|those|these|his|her|(?:the\s+)?[A-Za-z-]+['’]s)\s+$", re.I)
# ("33 of parliament's 150 seats": the whole is a body's)
_ASKED_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|been|be)\s+(?:\w+ly\s+)?([a-z]+(?:ed|en))\b", re.I)


def _partitives(sentence: str, question: str, noun: str, found: Found) -> Found:
    """In "A of the B <noun> <participle>", which figure a how-many question asks for: the whole (B) when its
    participle is the question's verb ("how many people were arrested": 11), else the part, which the
    sentence's own verb is said of ("how many were released": seven of the 11), shown with its whole."""
    verb = _ASKED_VERB.search(last_question(question))
    found = list(found)
    out: Found = []
    for n, (span, fit) in enumerate(found):
        whole = next(((w, f) for w, f in found[n + 1 :] if _PARTITIVE.fullmatch(sentence[span.end : w.start])), None)
        if whole is None or whole[1] < 2:
            out.append((span, fit))
            continue
        after = re.match(r"\s+([a-z]+(?:ed|en))\b", sentence[whole[0].end :])
        said_of_whole = bool(verb and after and stem(after.group(1).lower()) == stem(verb.group(1).lower()))
        part = span_of(sentence, span.start, whole[0].end, _number_key(span.text))
        out.append((part, 1 if said_of_whole else 2))
        if not said_of_whole:  # the whole is not what the question counts
            found[n + 1 :] = [(w, 1) if w == whole[0] else (w, f) for w, f in found[n + 1 :]]
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


# a word after a what-question's head that is no part of the thing asked about: a verb, a function word
_NOT_NOUN = re.compile(
    r"(?:ed|ing)$|^(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|of|in|on|at|for|to|from|by|"
    r"with|that|which|the|a|an)$"
)


def things(sentence: str, question: str) -> Found:
    """What <thing> …: the phrase of the sentence that ends in the thing ("a reckless anti-satellite missile test")."""
    head = thing_head(question)
    if head is None:
        return []
    noun = head.group(2).lower()
    after = last_question(question)[head.end() :].split()
    compound = len(after) > 1 and after[0].isalpha() and after[0].islower() and not _NOT_NOUN.search(after[0])
    if compound and (after[1].endswith("ed") or VERBISH.match(after[1])):  # "What nerve agent killed …": a
        noun = f"{noun} {after[0]}"  # nerve agent; not "What test put the station at risk"
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
            # a name or a code of the kind ("VX nerve agent") tells which one; "highly toxic" only what it is like
            named = any(w[:1].isupper() or any(c.isdigit() for c in w) for w in keep if s > 0 or w is not keep[0])
            own = " ".join(w for w in keep if stem(w.strip("'\"’“”").lower()) not in asked)  # what tells it apart
            out.append((span_of(sentence, s, match.end(), text_key(own)), 1.5 if named else 1))
    return out
