"""Names and places in a sentence, for `briefing.text.spans`: runs of capitalised words cut at titles,
a place after a locative preposition ("in Yelnya", "in the town of Nasu"), a person's full name (not the
title before it, not the speaker of a quote), a body in the role a question's name is given. Pure
functions."""

from __future__ import annotations

import re

from briefing.text.facts import mentions, names_in
from briefing.text.questions import last_question, named
from briefing.text.sentences import STOPWORDS, stem, terms
from briefing.text.span_roles import asked_role, companion, role_in, verbs_asked
from briefing.text.spans_base import HEAD, VERBISH, Span, span_of, text_key
from briefing.text.vocabulary import CALENDAR_WORDS, MONTH_ABBREVIATIONS

Found = list[tuple[Span, float]]


# --- names and places -----------------------------------------------------------------------------------
_PARTICLE = r"(?:of|de|da|del|della|la|le|al|el|du|van|von|bin|for|and)"
_CAPS = rf"(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w’'.&-]*(?:\s+(?:{_PARTICLE}\s+)?[A-Z][\w’'.&-]*)*"
_NAME_RUN = re.compile(_CAPS)
NO_VERB = 0.5  # taken off a name's fit when its sentence does not say the verb a who-question asks about: it
# may be anyone the story names ("Det Supt Crossley described how Masood …" for who carried out the attack)
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
    head = HEAD.match(last_question(question))
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
    Representative Permanent Secretary-General Foundation Federation Fund Trust Society Authority Organisation
    Organization""".split()
)


_PLACE_WORDS = frozenset(
    """Co County Province Prefecture Region District Street Road Avenue Square Airport Station Stadium Camp Sea
    River Lake Mountain Mount Island Islands Bay Coast Valley Park Bridge Hospital Hotel Centre Center Terminal
    Arena Hall Palace Port Harbour""".split()
)
_ACTS = re.compile(
    r"(?:['’]s)?\s+(?:\w+ly\s+)?(?:has|have|had|was|were|is|are|will|would|did|does|can|could|\w+ed|said|says)\b"
)
_SAYING = (
    r"(?:said|says|told|tells|added|stated|wrote|tweeted|warned|warns|stressed|insisted|announced|argued|"
    r"claimed|noted)\b"
)
_SPEAKS = re.compile(rf",?\s+(?:has\s+|had\s+)?{_SAYING}")
_SAYING_ASKED = re.compile(rf"\bwho (?:has |had )?{_SAYING}", re.I)
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


_CONTRACTED = re.compile(r"(?:I|It|He|She|We|They|You|That|There|What|Here|Let)['’][a-z]{1,2}$")  # "I'm", "It's"


def _titled_as(before: str, question: str) -> bool:
    """Whether the words just before a name give it the title a who-is question asks about ("NATO
    Secretary-General" before "Jens Stoltenberg", for "Who is NATO's secretary-general?")."""
    title: list[str] = []
    words = before.split()[-7:]
    if len(words) >= 2 and words[-1][:1].isupper() and words[-2].endswith(","):
        words = words[:-1]  # a first name cut off the name ("Jan" of "Jan Kros", read as a month)
    # in apposition: "The port's harbour master, Jan Kros, said": the words before the comma, whatever case
    apposed = bool(words) and words[-1].endswith(",") and not words[-1].endswith('",')
    if apposed:
        words[-1] = words[-1][:-1]
    for word in reversed(words):  # else the capitalised run before the name, "of"/"the" within it
        if (not apposed and not (word[:1].isupper() or word in ("of", "the", "and"))) or word[-1:] in ',;:"”':
            break
        title.append(word)
    given = {stem(w) for w in terms(" ".join(title))}
    # the title's own words: "The head of El Salvador's Zoological Foundation" shares only a name with who was
    # arrested over the attack at El Salvador's zoo
    names = {stem(w) for n in named(question) for w in terms(n)}
    shared = given & {stem(w) for w in terms(question)} - names
    # "Bank Governor Mark Carney" is not titled as the "deputy governor" asked about
    lesser = list(re.finditer(r"\b(deputy|vice|assistant|acting|former|interim|junior)\s+(\w+)", question, re.I))
    unmatched = any(stem(m[2]) in shared and stem(m[1].lower()) not in given for m in lesser)
    return bool(shared) and not unmatched


def names(sentence: str, question: str) -> Found:
    given, part = named(question), last_question(question)
    head = HEAD.match(part)
    noun = head.group(2).lower() if head and not VERBISH.match(head.group(2)) else ""
    if noun in ("country", "countries", "city", "cities", "town", "place", "region", "state"):
        return places(sentence, question)
    person = bool(_PERSON.search(part))
    asked = asked_role(question)
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
                or (len(words) == 1 and (text.lower() in STOPWORDS or not names_in(text) or _CONTRACTED.match(text)))
            ):
                continue
            start, end = s + ps, s + pe
            if person and (
                any(w.lower() in STOPWORDS or w in _PLACE_WORDS or w in _ORGANS for w in words)
                or re.search(
                    r"\b(?:in|at|from|near|to|of|told)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w'’-]+,?\s+(?:and|or)\s+)?$",
                    sentence[:start],
                )
            ):
                continue  # "in the small Co Kildare", "in India and South Africa", "How To Deal With", "ABC News"
            if person and any(mentions(g, text) for g in given):
                continue  # "Donald Trump" when the question asks about what Trump did
            if len(words) == 1 and _DEMONYM.search(text):
                fit: float = 0  # "German", "Ukrainian": who someone is, not their name or a body's
            elif person:  # a full name; one word only when it does something ("Belgacem wrested …")
                # "Belgacem wrested", "counterpart Zelensky", "Masood's victims" (whose victims, for who killed)
                one = bool(_ACTS.match(sentence, end) or _ROLE_BEFORE.search(sentence[:start])) or (
                    asked is not None and role_in(sentence, start, end, asked) == asked.role
                )
                # "The port's harbour master, Jan Kros, said": a speaker given the title a who-is question asks for
                said = asked is None and _SPEAKS.match(sentence, end)
                one = one or bool(said and _titled_as(sentence[:start], part))
                fit = 2 if len(words) >= 2 else 1 if one else 0
                quotes = sum(sentence[:start].count(q) for q in '"“”')
                fit -= 0.5 * (quotes % 2)  # a name inside quoted words is who is spoken of, seldom who did it
                # who said it is seldom who did it: no answer at all unless the question asks who said
                # (or the speaker is given the title asked about: "NATO Secretary-General Jens Stoltenberg said")
                speaks = _SPEAKS.match(sentence, end) and not _SAYING_ASKED.search(part)
                fit -= 2 if speaks and not _titled_as(sentence[:start], part) else 0
                fit = min(fit, 1) if _ROLE_AFTER.match(sentence, end) else fit  # "United States secretary of …"
                # "North Korea's leader", "the Kremlin": an owner or a thing, not the person asked for
                fit = min(fit, 1) if re.match(r"['’]s\b", sentence[end:]) else fit
                fit = 0 if re.search(r"\bthe\s+$", sentence[:start], re.I) else fit
                fit = 0 if asked is not None and companion(sentence, start, end, asked) else fit
            elif titled and has_given:  # "NATO" of "NATO Secretary-General Jens Stoltenberg": the body he leads
                fit = 2
            else:
                fit = 2 if noun and any(stem(w.lower()) == stem(noun.rstrip("s")) for w in words) else 1
            if asked is not None and fit > 0:  # the one who did what is asked, not the one it was done to
                role = role_in(sentence, start, end, asked)
                fit += 0.0 if role is None else 1.0 if role == asked.role else -1.0
                fit -= NO_VERB if role is None and not verbs_asked(sentence, asked) else 0.0
            out.append((span_of(sentence, start, end, text_key(text)), fit))
    return out


# a nationality glued to a name ("Frenchman Ziyed Ben Belgacem", "Briton Peter Saunders"): who he is, not his name
_NATIONAL = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|ch|sh|ican)(?:man|woman|men|women)?|Briton|Brit|Scot|Scotsman|Swede|Dane|"
    r"Pole|Finn|Turk|Kurd|Arab|Greek|Thai|Swiss|German|Iraqi|Israeli|Pakistani|Saudi|Yemeni|Kuwaiti|Qatari|"
    r"Somali|Bangladeshi|Afghan)$"
)


def asks_person(question: str) -> bool:
    """Whether a question asks for a person ("Who …", "Which minister …"), not a body or a place."""
    return bool(_PERSON.search(last_question(question)))


def name_forms(sentence: str) -> list[tuple[int, int]]:
    """The offsets of the names a sentence writes out: runs of capitalised words cut at titles and bodies
    (as `names` cuts them), less a nationality before a name of two words or more ("Frenchman Ziyed Ben
    Belgacem": Ziyed Ben Belgacem; "Christian Eriksen" stays whole)."""
    out = []
    for s, e in _runs(sentence):
        for ps, pe, _ in _pieces(sentence[s:e], True):
            words = list(re.finditer(r"\S+", sentence[s + ps : s + pe]))
            if len(words) >= 3 and _NATIONAL.match(words[0].group()):
                ps += words[1].start()
            out.append((s + ps, s + pe))
    return out
