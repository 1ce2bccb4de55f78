"""Why and how questions: a sentence that gives the reason or the means of the asked event, by a causal or a
means connective ("because", "due to", "in exchange for", "in order to", "by -ing") standing beside the
question's own words, not one that only tells what happened. Pure functions."""

from __future__ import annotations

import re

from briefing.text.sentences import related, terms

TIED_WORDS = 12  # words either side of a connective in which the question's words tie it to the asked event

_CAUSAL = re.compile(
    r"\b(?:because(?: of)?|due to|owing to|as a result(?: of)?|in order to|so as to|so that|in exchange for|"
    r"in protest (?:at|against|over)|in response to|in retaliation (?:for|against)|for fear|on the grounds that|"
    r"after (?:\w+ ){0,3}?(?:warned|said|found|failed|discovered|refused|admitted|declared)|argu(?:ed|es|ing) that|"
    r"(?:was|were|is|are) (?:caused|prompted|triggered|sparked) by|led to|resulted in|blamed (?:\w+ ){0,3}?on)\b",
    re.I,
)
_MEANS = re.compile(
    r"\bby (?:\w+ly )?(?!being\b)\w+ing\b|\busing\b|\bwith the help of\b|\bby means of\b|\bthrough (?:a|an|the)\b",
    re.I,
)
_HOW_ASKED = re.compile(
    r"^\s*how (?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\b(?! \w+ (?:many|much))", re.I
)
_WHY_ASKED = re.compile(r"^\s*why\b|\b(?:cause of|reasons? for|what (?:caused|prompted|triggered|led to))\b", re.I)


def connective_asked(question: str) -> re.Pattern[str] | None:
    """The connectives that answer a question: causal ones for why, means ones for how it was done."""
    if _WHY_ASKED.search(question):
        return _CAUSAL
    if _HOW_ASKED.match(question):
        return _MEANS
    return None


def gives_reason(sentence: str, question: str) -> bool:
    """Whether a sentence gives the reason (why) or the means (how) of the asked event: a connective of that
    kind with one of the question's own words within `TIED_WORDS` of it ("… were ordered to evacuate … due
    to erosion of the emergency spillway"; not "due to" in a clause about something else)."""
    pattern = connective_asked(question)
    if pattern is None:
        return False
    asked = set(terms(question))
    for match in pattern.finditer(sentence):
        before = terms(sentence[: match.start()])[-TIED_WORDS:]
        after = terms(sentence[match.end() :])[:TIED_WORDS]
        if any(related(a, w) for a in asked for w in (*before, *after)):
            return True
    return False
