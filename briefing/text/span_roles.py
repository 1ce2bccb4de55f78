"""The role a name stands in, for a who-question: the one who did what it asks (the subject of the asked
verb, its passive "by" agent, "X, who carried out…", "attacker X") or the one it was done to (the verb's
object, a passive subject, a victim). "Who carried out the attack?" is not answered by "Masood's victims
were … Aysha Frade". Crude cues over the words around the asked verb, no parser. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text.questions import last_question
from briefing.text.sentences import STOPWORDS, related, stem

AGENT, PATIENT = "agent", "patient"
NEAR_WORDS = 8  # words between a name and the verb it is the subject of ("Khalid Masood, 52, was the man who carried")
OBJECT_WORDS = 4  # lower-case words between a verb and the name that is its object ("stabbed PC Keith Palmer")
TITLED_WORDS = 10  # words in all, a title's among them ("appointed Director General of the Agency for …")
ROLE_NOUN_WORDS = 6  # words between a role noun and the name it introduces ("the attacker, 52-year-old … Masood")

_AUX = frozenset("is are was were did do does has have had will would can could".split())
_BE = frozenset("is are was were be been being".split())
_PARTICLES = frozenset("out up off down over away".split())
_LINKS = frozenset("of for the".split())  # inside a title: "Director General of the Agency for Strategic Initiatives"
_DETERMINERS = frozenset("the a an his her their its former fellow".split())
_VIOLENCE = frozenset("attack kill shoot shot bomb stab murder assault carri behind".split())
_AGENT_NOUNS = frozenset("attacker assailant gunman gunmen perpetrator bomber killer shooter murderer".split())
_VICTIMS = re.compile(r"\bvictims?\b|\b(?:died|dead|killed|injured)\s+(?:were|was|are|included|include)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_JOINS = r"\band\b|\bbut\b|\bwhile\b|\bafter\b|\bbefore\b|\bwhen\b"  # words that open another clause
_BREAK = re.compile(rf"[;:.!?]|{_JOINS}", re.I)
_CLAUSE_MARK = re.compile(rf"[;:.!?,]|{_JOINS}", re.I)  # a comma too
# before the asked verb, what makes a name no subject of it: a possessive after the name, or a verb of the
# name's own between them (a past form, a verb of saying)
_OWN_VERB = re.compile(r"^['’]s\b|\b[a-z]{3,}ed\b|\b(?:said|says|told|tells)\b")
_PERSON_NOUN = re.compile(r"(?:or|er|ist|ant|ent|ian|man)$")  # a noun for someone: "ambassador", "officer"
# a participle the light stemmer cannot tie to its verb ("shot" of shoot; "won" of win)
_IRREGULAR = {"shot": "shoot", "won": "win", "beaten": "beat", "chosen": "choos", "held": "hold", "taken": "tak"}


@dataclass(frozen=True)
class Asked:
    """What a who-question asks for: the asked verb's stem, which side of it (`AGENT` or `PATIENT`), and the
    nouns that name someone in that role ("attacker" for who carried out an attack)."""

    verb: str
    role: str
    nouns: frozenset[str]
    described: frozenset[str] = frozenset()  # the question's own nouns for the other side ("the Russian ambassador")


def _root(word: str) -> str:
    word = word.lower()
    return stem(_IRREGULAR.get(word, word))


def _participle(word: str) -> bool:
    return bool(re.search(r"(?:ed|en)$", word.lower())) or word.lower() in _IRREGULAR


def asked_role(question: str) -> Asked | None:
    """The verb a who/which-question asks about and the role it asks for: "Who carried out…" the agent of
    "carried"; "Who was appointed…" and "Whom did Putin appoint…" the patient. None when it asks no verb's
    role ("Who is NATO's secretary-general?")."""
    part = last_question(question)
    words = _WORD.findall(part)
    lower = [w.lower() for w in words]
    if not lower or lower[0] not in ("who", "whom", "which", "what"):
        return None
    at = 1
    if lower[0] in ("which", "what"):  # "Which group claimed…": the verb after the noun asked about
        at = next((n for n in range(2, min(len(lower), 6)) if lower[n] in _AUX or lower[n].endswith("ed")), 0)
        if not at:
            return None
    rest, shown = lower[at:], words[at:]
    if not rest:
        return None
    role, verb = AGENT, ""
    if rest[0] in ("did", "does", "do", "will", "would", "can", "could") or lower[0] == "whom":
        # "Whom did Morocco's King Mohammed VI name…": the object of the first plain word after the subject
        after = [w for w in shown[1:] if w[:1].islower() and w.lower() not in STOPWORDS]
        role, verb = PATIENT, (after[0] if after else "")
    elif rest[0] in _BE and len(rest) > 1:
        follow = rest[2] if rest[1] == "been" and len(rest) > 2 else rest[1]
        if not _participle(follow):
            return None  # "Who is the eight-year-old girl…": who someone is, not a role of a verb
        role, verb = PATIENT, follow
    elif rest[0] in ("has", "have", "had") and len(rest) > 1 and rest[1] != "been":
        verb = rest[1]
    elif rest[0] not in _AUX and rest[0] not in STOPWORDS:
        verb = rest[0]
    if not verb:
        return None
    root = _root(verb)
    objects = [stem(w.lower()) for w in shown[1:] if w[:1].islower() and w.lower() not in STOPWORDS]
    nouns: set[str] = set()
    if role == AGENT:
        nouns = {f"{w}er" for w in (root, *objects)} | {f"{w}r" for w in (root, *objects) if w.endswith("e")}
        if _VIOLENCE & {root, *objects}:
            nouns |= _AGENT_NOUNS
    people = [w for w in objects if _PERSON_NOUN.search(w) and not w.endswith("ment")]  # "ambassador", "officer"
    described = frozenset(people) - _VIOLENCE - {root} if role == AGENT else frozenset()
    return Asked(root, role, frozenset(nouns), described)


def verbs_asked(sentence: str, asked: Asked) -> list[re.Match[str]]:
    """The words of a sentence that say the asked verb."""
    return [m for m in _WORD.finditer(sentence) if m.group()[:1].islower() and related(_root(m.group()), asked.verb)]


def _passive(sentence: str, verb: re.Match[str]) -> bool:
    """Whether the verb is said in the passive: "was carried out", "were fatally shot"."""
    before = [w.lower() for w in _WORD.findall(sentence[: verb.start()])][-3:]
    return any(w in _BE for w in before) and _participle(verb.group())


def role_in(sentence: str, start: int, end: int, asked: Asked) -> str | None:
    """The role the name at sentence[start:end] stands in towards the asked verb: `AGENT`, `PATIENT`, or None
    when no cue says (the sentence lacks the verb, or the name stands apart from it)."""
    before, after = sentence[:start], sentence[end:]
    if asked.role == AGENT and re.match(r"['’]s\s+(?:\w+\s+)?victims?\b", after):
        return AGENT  # "Masood's victims": whose victims they were
    lead_in = list(_WORD.finditer(before))[-ROLE_NOUN_WORDS:]
    noun = next((m for m in reversed(lead_in) if m.group().lower() in asked.nouns), None)
    if noun is not None and not _BREAK.search(before[noun.end() :]):
        return AGENT  # "attacker Khalid Masood", "the attacker, 52-year-old British man Khalid Masood"
    told = next((m for m in reversed(lead_in) if stem(m.group().lower()) in asked.described), None)
    if told is not None and not _BREAK.search(before[told.end() :]):
        return PATIENT  # who shot "the Russian ambassador": not "Russian ambassador to Turkey, Andrey Karlov"
    if re.match(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(\w+)", after) and any(
        w.lower() in asked.nouns for w in _WORD.findall(after[:40])[:4]
    ):
        return AGENT  # "Khalid Masood, the attacker"
    for verb in verbs_asked(sentence, asked):
        if verb.start() >= end:  # the verb after the name: its subject, or the subject of its passive
            between = sentence[end : verb.start()]
            if len(_WORD.findall(between)) > NEAR_WORDS or _BREAK.search(between) or _OWN_VERB.search(between):
                continue  # far, in another clause, a possessor ("Trump's pick to replace"), or the subject of
                # a verb of its own ("North Korea has not confirmed that the person killed")
            return PATIENT if _passive(sentence, verb) else AGENT
        if verb.end() <= start:  # the name after the verb: its object, or its passive's "by" agent
            between = sentence[verb.end() : start]
            words = [w for w in _WORD.findall(between) if not w[:1].isupper() and w not in _LINKS]  # titles aside
            if len(words) > OBJECT_WORDS or len(between.split()) > TITLED_WORDS or re.search(r"[;:.,!?]", between):
                continue
            if "by" in words:
                return AGENT
            if all(w in _PARTICLES or w in _DETERMINERS or w.endswith("ly") or re.search(r"\d|-", w) for w in words):
                # "stabbed PC Keith Palmer", "appointed Director General of the Agency … Andrei Nikitin"; not
                # "stabbed outside Parliament"
                return PATIENT
    victims = _VICTIMS.search(before)
    if victims and not verbs_asked(before[victims.start() :], asked):  # "Masood's victims were … Aysha Frade"
        return PATIENT if asked.role == AGENT else None
    return None


_COMPANION = re.compile(
    r"\b(?:with|alongside|beside)\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[a-z-]+\s+){0,2}$", re.I
)  # "with Chris Hayes", "alongside fellow presenter …": the one something was done with


def companion(sentence: str, start: int, end: int, asked: Asked) -> bool:
    """Whether the name at sentence[start:end] is the one something was done with, in a clause not stating
    the asked verb: "he appeared on the MSNBC show "All In" with Chris Hayes" names no one charged with
    murder; "with Barca needing to score three more times" states it (the name is the one who must score)."""
    if not _COMPANION.search(sentence[:start]):
        return False
    clause = _CLAUSE_MARK.split(sentence[:start])[-1] + sentence[start:end] + _CLAUSE_MARK.split(sentence[end:])[0]
    return not verbs_asked(clause, asked)
