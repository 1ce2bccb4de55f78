"""What a dispute is and who takes its sides: the parties that a sentence reports as saying, claiming or
denying something. Pure functions over sentence text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.text.countries import country_of
from briefing.text.headings import OPENERS
from briefing.text.vocabulary import CALENDAR_WORDS

if TYPE_CHECKING:
    from briefing.analysis.evidence import Finding
    from briefing.analysis.scoring import Candidate

FIGURE, CLAIM, COUNT = "figure", "claim", "count"


@dataclass
class Dispute:
    """Findings that disagree: different figures for one quantity (or its source revising its figure), a
    claim and another party's denial, or one sentence saying its figure contradicts another's count."""

    quantity: str  # what is disputed: the counted thing, or the parties of a claim
    sides: tuple[Finding, ...]  # oldest first; one side for a sentence that disputes another's count
    revision: bool = False  # the same source changed its figure
    kind: str = FIGURE
    who: tuple[str, ...] = ()  # who says each side ("" when the sentence does not say)
    quotes: tuple[Candidate, ...] = ()  # the sentence of each side that says it (default: each side's lead)
    figures: tuple[str, ...] = ()  # the figure each quote gives ("31 seats"; default: its key figure)

    @property
    def said(self) -> tuple[Candidate, ...]:
        """The sentence quoted for each side."""
        return self.quotes or tuple(side.lead for side in self.sides)


def superseded(disputes: list[Dispute]) -> set[int]:
    """The findings (by id) whose figure their own source later revised: the revision speaks for them."""
    return {id(d.sides[0]) for d in disputes if d.revision and d.said[0] is d.sides[0].lead}


_VERBS = (
    r"(?:said|says|told|stated|insisted|claimed|claims|estimated|estimates|warned|argued|denied|denies|rejected|"
    r"rejects|dismissed|dismisses|refuted|disputed|disputes|contradicted|accused|accuses|blamed|blames)"
)
_CAPITALS = r"(?:[A-Z][\w.'’-]*|al-\w+)(?:\s+(?:(?:of|for|and|the|al|bin)\s+)*(?:[A-Z][\w.'’-]*|al-\w+)){0,5}"
# "Tahrir al-Sham", "Assad's government", "the coalition", "the Iraqi military"
_NOT_HEAD = r"(?!(?:has|have|had|also|already)\b|[a-z]+ly\b)"  # "the U.S. has denied", "the US publicly denied"
_NAMED = rf"(?:{_CAPITALS}(?:['’]s [a-z]+)?|\b[Tt]he (?:[A-Z][\w.'’-]*\s+){{0,3}}{_NOT_HEAD}[a-z]+)"
# what stands between a party and its verb: an apposition in commas ("Rutte, the prime minister, said"), or
# one that runs up to the verb ("John Thomas, a spokesman for US Central Command in Tampa denied")
_APPOSITION = r"(?:,[^,]{3,80},|,\s+(?:a|an|the)\s+[^,]{3,80}?)"
# the party a reporting or denial verb has for subject: "Tahrir al-Sham denied", "the U.S. has denied"
_PARTY = re.compile(
    rf"(?P<who>{_NAMED})(?P<apposition>{_APPOSITION})?\s+(?:(?:has|have|had|also|already|repeatedly|fiercely|strongly|flatly|"
    rf"on \w+|later|earlier|again|[a-z]+ly)\s+)*{_VERBS}\b|\baccording to (?:the )?(?P<source>{_NAMED})"
)
_NOT_PARTIES = frozenset("The This That It He She They We I But And In On At As A An If When While the of and".split())


# the name an apposition ends with: "On the first day of the gathering, the party's deputy leader Angus
# Robertson said": Robertson said it, not "the gathering"
_NAME_LAST = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*,?$")


def party_of(text: str) -> str:
    """Who a sentence reports as saying, denying or accusing ("" when it names no one as its subject)."""
    for match in _PARTY.finditer(text):
        words = (match.group("who") or match.group("source")).split()
        named = _NAME_LAST.search(match.group("apposition") or "")
        common = match.group("who") and words[0] in ("The", "the") and not any(w[:1].isupper() for w in words[1:])
        if named and common:  # a common noun ("the gathering") before a named person
            words = named.group().rstrip(" ,").split()
        while words and (words[0] in _NOT_PARTIES or words[0] in CALENDAR_WORDS or words[0].lower() in OPENERS):
            words = words[1:]
        if words and not (len(words) == 1 and words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")):
            return " ".join(words[-6:])
    return ""


def same_party(a: str, b: str) -> bool:
    """Whether two named parties are one ("Rutte", "Mark Rutte"; "the Dutch government", "Dutch government";
    "Pyongyang", "North Korea": a capital stands for its country's government, `text.countries`)."""
    countries = country_of(a), country_of(b)
    if None not in countries:  # "North Korea" is not "South Korea"
        return countries[0] == countries[1]
    x, y = a.casefold().split(), b.casefold().split()
    return bool(x and y) and (x[-1] == y[-1] or " ".join(x) in " ".join(y) or " ".join(y) in " ".join(x))


DENIES = r"(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|disputed|disputes|contradicted)"
_CONDITION = re.compile(r"\b(?:if|whether|unless|when)\b[^,;]*$", re.I)
# what a denial denies is something said or done: "denied that …", "rejected Erdogan's claims", "denied
# involvement"; not a vote's object or a demand ("MPs rejected a Lords amendment", "rejected calls for …")
CLAIM_NOUNS = r"claims?|allegations?|accusations?|charges?|reports?|suggestions?|assertions?"
_STATEMENT = (
    rf"(?:{CLAIM_NOUNS}|comments?|remarks?|"
    r"criticism|the idea|the notion|involvement|responsibility|wrongdoing|knowledge|any\b|ever\b|having|it\b|this\b)"
)
_DENIED = re.compile(rf"\s+(?:that\b|{_STATEMENT}|(?:the |these |those |such )?(?:[\w.'’-]+['’]s )?{_STATEMENT})", re.I)


def denier_of(text: str) -> str:
    """The party a sentence reports as denying or rejecting something said or done ("" when none is named);
    not a denial in a condition ("if Parliament rejected the deal"), nor a vote against a motion or a call
    ("MPs rejected a Lords amendment")."""
    for match in _PARTY.finditer(text):
        if not re.search(rf"{DENIES}$", match.group()) or _CONDITION.search(text[: match.start()]):
            continue
        if _DENIED.match(text, match.end()):
            return party_of(match.group())
    return ""
