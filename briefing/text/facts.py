"""Pure fact finders: the figures, numbers and names a sentence states (its dates: `briefing.text.dates`)."""

from __future__ import annotations

import re

from briefing.text.dates import DATE_PATTERNS
from briefing.text.numbers import numbers_in as numbers_in  # re-exported: the fact finders read numbers
from briefing.text.sentences import STOPWORDS
from briefing.text.vocabulary import CALENDAR_WORDS

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
    date_spans = [m.span() for p in DATE_PATTERNS for m in p.finditer(sentence)]
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
        if low in _WHEN:
            break  # "33 seats Wednesday night": the day is when, not what is counted
        if taken and (low in STOPWORDS or low in _VERBS or low.endswith(("ed", "ing"))):
            break
        taken.append(word.strip(",.;:"))
        if word.endswith((",", ".", ";", ":")):
            break
    return taken[:3]


_WHEN = frozenset(
    [w.lower() for w in CALENDAR_WORDS] + "today tonight yesterday tomorrow night morning evening afternoon".split()
)
_NAME_WORD = re.compile(r"\b(?:[A-Z][a-z’']*[a-z]|[A-Z]{2,}s?)\b")
_COMMON_CAPITALS = frozenset(
    """the a an and but or so if in on at of for to by with from as this that these those it its he she they we
    i you his her their our my your there here when where what who which why how after before while during
    according also however moreover meanwhile mr mrs ms dr about some
    nearly almost around only all many most several each every no not one two three four five six seven eight
    nine ten both either neither another other such than then now today yesterday tomorrow last next earlier
    later still yet even just once eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
    twenty thirty forty fifty sixty seventy eighty ninety hundreds thousands dozens""".split()
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
_PERIOD_NAMED = re.compile(r"\b(?:first|last|past|next|coming|previous|final)\s*$", re.I)
_SPAN = re.compile(r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'-]+|\baged)\s*,?\s*$")


def key_figure(sentence: str) -> str | None:
    """The first figure a sentence states with what it counts ("3,000 households"), never a date, a time,
    an age or a year; None when it states none."""
    found = _digit_figures(sentence)  # a count in words is a key figure, not a quantity to dispute or keep
    return found[0][0] if found else None


def key_figures(sentence: str) -> list[tuple[str, int]]:
    """Every figure a sentence states with what it counts (`key_figure`), with where it stands: figures in
    digits and counts in words ("Four people were killed"), a count of those something happened to read as
    such ("50 injured", "50 were injured": 50 injured)."""
    found = _digit_figures(sentence) + _word_figures(sentence)
    return sorted(found, key=lambda item: item[1])


_SMALL_WORD = re.compile(
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen)\b(?![-’'])",
    re.I,
)


def _word_figures(sentence: str) -> list[tuple[str, int]]:
    """Counts written in words with what they count ("Four people", "Two men"); "one" is left out (it is
    rarely a count), and so are compounds ("two-year-old") and shares ("two of the victims")."""
    out = []
    for match in _SMALL_WORD.finditer(sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        if re.match(r"\s*(?:hundred|thousand|million|billion)\b", after, re.I) or _NAMED_NUMBER.search(before):
            continue
        if any(p.match(after) for p in _NOT_A_FIGURE[:4]) or re.search(
            r"\b(?:aged|the|those|these|top|last|first)\s*$", before, re.I
        ):
            continue  # "aged twenty", "the two men", "those two committees" (counted before), "the last three"
        counted = _participle(after) or _counted(_phrase(after), after.startswith(","))
        if re.match(r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|times|rounds?)\b", counted, re.I):
            continue  # "two years", "three times": a span or a repeat, not a count
        if counted and counted.split()[0].lower() not in _VAGUE and not any(p.search(counted) for p in DATE_PATTERNS):
            out.append((f"{match.group()} {counted}", match.start()))
    return out


def _phrase(after: str) -> str:
    tail = _COUNTED.match(after)
    words = [w for w in (tail.group(1).split() if tail else []) if w.lower() not in ("of", "the", "a")]
    if tail and tail.group(1).split()[:1] == ["of"]:
        return "of"  # "two of the victims" is a share of a count said elsewhere
    return " ".join(w.removesuffix("'s").removesuffix("’s") for w in _take_noun_phrase(words))


# A count, then what happened to those counted: "50 injured", "1,600 wounded", "50 were injured and …"; the
# participle ends the clause (a comma, a conjunction or a preposition follows), so it is not a verb with an
# object ("60,000 gathered signatures").
_PARTICIPLE = re.compile(
    r"\s+(?:(?:were|have been|had been|are|was)\s+)?([a-z]+ed|hurt)(?=[,.;:]|\s+(?:and|or|in|at|on|by|from|"
    r"after|when|during|as|while|near|across|since|last|this|overnight|yesterday|were|are|was)\b|\s*$)"
)


def _participle(after: str) -> str:
    match = _PARTICIPLE.match(after)
    return match.group(1) if match else ""


def _digit_figures(sentence: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    date_spans = [m.span() for p in DATE_PATTERNS for m in p.finditer(sentence)]
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
        if _NAMED_NUMBER.search(before) or _NAMED_LOWER.search(before):
            continue  # "Article 50", "Resolution 2254", "Flight 17": part of a name
        if _PERIOD_NAMED.search(before) and _SPAN.match(after):
            continue  # "the first 100 days", "the past 24 hours": a period things happen in, not a count
        if any(re.fullmatch(r"\s*(?:and|to|or|-|–)\s*", before[e:]) for _, e in date_spans if e <= match.start()):
            continue  # "on January 11 and 12": the second day of a date
        if _VAGUE_AMOUNT.fullmatch(value) or (_CLOCK.fullmatch(value) and after[1:2].isupper()):
            continue  # "millions of" is no figure; "21.10 Exit polls show" is a live blog's time stamp
        if re.search(r"[%$€£]|percent|per cent", value, re.I):
            out.append((value, match.start()))  # a share or a sum says what it is
            continue
        if re.search(r"million|billion|trillion", value, re.I) and not re.match(r"['’]s\b", after):
            # "17 million people", "3 billion" alone; not "this nation of 17 million's economic recovery"
            what = [counted for v, counted in figures_in(sentence[match.start() :]) if v == value]
            out.append((f"{value} {what[0]}" if what and what[0] else value, match.start()))
            continue
        found = [(v, counted) for v, counted in figures_in(sentence[match.start() :]) if v.startswith(value[:1])]
        counted = found[0][1] if found else ""
        ahead = figures_in(sentence[match.start() :])[1:2]
        if counted == "to" and ahead:  # a range: "24 to 28 seats"; "358 to 256 after a debate" counts nothing named
            upper, noun = ahead[0]
            out.append((" ".join(x for x in (found[0][0], "to", upper, _counted(noun, False)) if x), match.start()))
            continue
        counted = _participle(after) or _counted(counted, after.startswith(","))
        if re.match(r"\s*[A-Za-z]+ of\b", after):  # "17 units of special equipment": units
            counted = " ".join(counted.split()[:1])
        if counted and counted.split()[0].lower() not in _VAGUE and not any(p.search(counted) for p in DATE_PATTERNS):
            out.append((f"{found[0][0]} {counted}", match.start()))
    return out


_NAMED_LOWER = re.compile(r"\b(?:resolutions?|articles?)\s?(?:\d[\d,]*\s?(?:,|and)\s?)*$", re.I)
_WHEN_NEXT = frozenset("last this next since".split())
_AFTER_COUNTED = frozenset("since as after before than in on at for by".split())


def _counted(counted: str, comma: bool) -> str:
    """What a figure counts, cut where the noun phrase ends ("220 civilians since" -> "civilians"); "" when
    the figure stands alone ("90 votes to 34, Scottish parliament …") or a verb follows it ("60,000 have")."""
    if comma:
        return ""
    words = counted.split()
    if words and (words[0].lower() in STOPWORDS or words[0].lower().endswith(("ing", "ed"))):
        return ""
    when = next((i for i, w in enumerate(words) if w.lower() in _WHEN_NEXT), len(words))
    words = words[:when]  # "41 ships last year": ships
    while words and words[-1].lower() in _AFTER_COUNTED | STOPWORDS:
        words.pop()
    return " ".join(words)


_VAGUE_AMOUNT = re.compile(r"(?:hundreds|thousands|millions|billions|dozens) of", re.I)
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")  # a time of day as a live blog stamps its entries
_VAGUE = frozenset("others other more times ones of each and or per".split())  # "11 others" counts nothing
