"""Whose a figure or a day is: a question asking what one party did ("How much money did Foxconn invest in
Mobike?") is not answered by a figure whose clause tells what another party of the question did ("Mobike
raised $215 million in a new round of funding"). Crude cues over the words of the span's clause, no parser.
Pure functions."""

from __future__ import annotations

import re

from briefing.text.facts import mentions
from briefing.text.questions import last_question, named

_AUX = re.compile(r"\b(?:did|does|do|will|would|has|have|had|can|could)\s+", re.I)
_WORD = re.compile(r"[\w’'.&-]+")
# where the clause a span stands in begins: a clause mark or a word opening another clause
_CLAUSE = re.compile(r"[;:!?(),]|\.(?!\d)|\b(?:and|but|while|after|before|when|as|since|because|which|that)\b")
LEAD_WORDS = 3  # words of a clause before its subject ("the bike-sharing startup Mobike")


def _capital(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"[a-z]{1,3}-[A-Z]", word))  # "al-Bashir"


def doers(question: str) -> list[str]:
    """The names of whoever a question asks what they did: the words after its auxiliary up to its verb
    (the first lower-case word not followed by a name): "did Foxconn invest" Foxconn; "did Russia's UN
    ambassador Vitaly Churkin die" Russia, UN, Vitaly, Churkin."""
    aux = _AUX.search(last_question(question))
    if aux is None:
        return []
    words = _WORD.findall(last_question(question)[aux.end() :])
    subject: list[str] = []
    for n, word in enumerate(words):
        if not _capital(word) and (n + 1 == len(words) or not _capital(words[n + 1])):
            break
        subject.append(word)
    return [re.sub(r"^[a-z]{1,3}-|['’]s$", "", w) for w in subject if _capital(w)]


def another_party(question: str, sentence: str, start: int) -> bool:
    """Whether the span at sentence[start:] tells what another party of the question did, not the one asked
    about (`doers`): the sentence never names it, and the subject of the span's clause (a name among its
    first `LEAD_WORDS` words) is another name of the question: "Mobike raised $215 million", asked how much
    Foxconn invested in Mobike. A clause whose subject is no name of the question ("It invested …", "The
    British parliament backed …") may tell of the one asked about, and counts."""
    asked = doers(question)
    if not asked or any(mentions(word, sentence) for word in asked):
        return False
    others = [n for n in named(question) if n not in asked]
    clause = _WORD.findall(_CLAUSE.split(sentence[:start])[-1])
    subject = next((w for w in clause[: LEAD_WORDS + 1] if _capital(w)), None)
    return subject is not None and any(mentions(n, subject) for n in others)
