"""Actors: who a sentence reports as saying or doing something, and the role the text gives them."""

from __future__ import annotations

import re

from briefing.text.vocabulary import CALENDAR_WORDS

_REPORTING = re.compile(
    r"\b(said|says|stated|states|warned|warns|told|added|stressed|accused|accuses|blamed|blames|urged|urges|"
    r"called|denied|denies|insisted|argued|claimed|claims|announced|announces|suggested|reiterated|vowed|"
    r"pledged|threatened|supports|rejected|condemned|demanded|believes|wants|regret|regrets)\b"
)
_NAME = re.compile(r"(?:[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)")
_NOT_ACTORS = {
    "The",
    "This",
    "That",
    "These",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Moreover",
    "However",
    "If",
    "In",
    "On",
    "At",
    "About",
    "Amid",
    "According",
    "There",
    "What",
    "When",
    # words that start a sentence without naming anyone
    *"Both All Many Some Several Most Few Other Others Each Every No Such Their His Her Its Our A An One Two Three "
    "Four Five Local Critics Analysts Experts Officials Residents Witnesses Sources Reports People Meanwhile "
    "Instead Still Yet Now Then Later Earlier Today Yesterday Last Next After Before During While Although".split(),
    *CALENDAR_WORDS,
}
_ROLE_WORDS = re.compile(
    r"\b(?:minister|secretary|president|chancellor|premier|spokes\w+|chief|head|leader|director|governor|mayor|"
    r"judge|general|commander|ambassador|envoy|chairman|chairwoman|chair|senator|adviser|advisor|official|"
    r"master|negotiator|attorney|prosecutor|commissioner|king|queen|prince|pope|ceo|founder)\b",
    re.I,
)


def actor_of(sentence: str) -> str | None:
    """The named actor whose statement or position a sentence reports, if it names one near the verb."""
    for verb in _REPORTING.finditer(sentence):
        window = sentence[max(0, verb.start() - 45) : verb.start()]
        before = [m.group() for m in _NAME.finditer(window) if m.group() not in _NOT_ACTORS]
        after = _NAME.match(sentence, verb.end() + 1)
        after = after or _NAME.match(sentence, verb.end() + 5) if sentence[verb.end() :].startswith(" the ") else after
        if verb.group() == "told":  # "she told Al Jazeera": who is told is not who speaks
            after = None
        name = before[-1] if before else (after.group() if after else None)
        words = [w.strip(" .,'’\"“”") for w in (name or "").split() if w not in _NOT_ACTORS]
        if words:
            return " ".join(words[-3:])
    return None


def _surname(label: str) -> str:
    return label.split()[-1].casefold() if label.split() else ""


def role_of(sentence: str, name: str) -> str | None:
    """The role a sentence gives a named actor ("the port's harbour master" for Jan Kros), if it gives one."""
    escaped = re.escape(name)
    patterns = [
        rf"{escaped},\s+((?:the |a |an )?[^,.;]{{3,60}}?),",  # "Jan Kros, the port's harbour master,"
        rf"((?:the |a |an )[^,.;]{{3,60}}?),\s+(?:[A-Z][\w’'.-]*\s+)*{escaped}\b",  # "the harbour master, Jan Kros"
        rf"((?:[A-Z][\w’'.-]*\s+){{1,4}}){escaped}\b",  # "NATO Secretary-General Jens Stoltenberg"
    ]
    for pattern in patterns:
        match = re.search(pattern, sentence)
        if match and _ROLE_WORDS.search(match.group(1)):
            role = match.group(1).strip()
            for given in name.split():
                role = role.removesuffix(given).strip()
            return role or None
    return None


def person_of(label: str) -> str:
    """A name without the title in front of it ("NATO Secretary-General Jens Stoltenberg" -> "Jens Stoltenberg")."""
    words = label.split()
    titled = [i for i, w in enumerate(words) if _ROLE_WORDS.search(w)]
    return " ".join(words[titled[-1] + 1 :]) if titled and titled[-1] < len(words) - 1 else label


_SAID = re.compile(
    r"(?:^|[,;]\s+|“|\")(?:according to\s+)?(?P<who>(?:the |The |a |A )?[A-Za-z][\w'’.-]*(?: [\w'’.-]+){0,4}?)\s+"
    r"(?:said|says|told|reported|announced|claimed|stated|estimated)\b"
)


def speaker(sentence: str) -> str | None:
    """Who a sentence says something came from ("the port authority", "Jan Kros"), if it says."""
    match = _SAID.search(sentence)
    who = match.group("who").strip() if match else ""
    if who and who.split()[0].lower() not in ("he", "she", "it", "they", "we", "i", "officials", "who"):
        return who
    # No "X said", or only "it said": the named actor of a reporting verb ("NATO accused Russia of …, which, it
    # said, …") is who it came from.
    name = actor_of(sentence)
    return person_of(name) if name else None


_PARTY = r"(?P<name>[A-Z][\w’'.-]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]+)*)"
# a body named by its country or group ("the Iraqi military", "EU leaders") is a party too
_BODY = (
    r"(?P<body>\s+(?:leaders?|officials?|spokes(?:man|woman|person)|government|ministry|military|army|forces|police|"
)
_BODY += r"prosecutors?|authorities|delegation|opposition|rebels|president|prime minister))?"
_VERBS = (
    r"said|says|stated|warned|warns|told|added|stressed|accused|accuses|blamed|blames|urged|urges|denied|denies|"
    r"insisted|insists|argued|argues|claimed|claims|announced|announces|declared|declares|vowed|pledged|"
    r"promised|threatened|rejected|rejects|refused|condemned|demanded|demands|welcomed|dismissed|critici[sz]ed|"
    r"praised|admitted|confirmed|acknowledged|called"
)
_ATTRIBUTED = [
    # "Rutte said", "Mark Rutte, the prime minister, has warned", "Turkey on Sunday denied", "EU leaders said"
    re.compile(
        rf"{_PARTY}(?:’s|'s)?{_BODY}(?:,\s[^,]{{3,80}},)?\s+(?:has\s+|have\s+|had\s+|also\s+|again\s+|"
        rf"later\s+|on\s+\w+\s+|on\s+\w+\s+\d+\s+)?(?:{_VERBS})\b"
    ),
    # "…, said Rutte.", "according to Amnesty," (a name that ends the clause: "said the UK would" names none)
    re.compile(rf"\b(?:said|says|according to)\s+(?:the\s+)?{_PARTY}{_BODY}(?=\s*(?:[,.;:!?)”\"]|$))"),
]


def attributed(sentence: str) -> list[str]:
    """The names a sentence attributes a statement or a position to ("Rutte said", "said Rutte", "according to
    Amnesty"), titles in front of a person's name left out, in order."""
    out = []
    for pattern in _ATTRIBUTED:
        for match in pattern.finditer(sentence):
            words = match.group("name").split()
            while words and words[0] in _NOT_ACTORS:  # "In Brussels", "But Rutte"; "Theresa May" keeps "May"
                words = words[1:]
            name = person_of(" ".join(words))
            if name and match.group("body"):
                name = f"{name}{match.group('body')}"
            if name and name not in out:
                out.append(name)
    return out
