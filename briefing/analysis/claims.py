"""Claim disputes: one party's claim against another party's denial, each side with who says it. Pure
functions over findings' lead sentences and their vectors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from briefing.analysis.sides import CLAIM, CLAIM_NOUNS, DENIES, Dispute, denier_of, party_of, same_party
from briefing.text.facts import mentions
from briefing.text.sentences import related, terms

if TYPE_CHECKING:
    from briefing.analysis.evidence import Finding

ANSWER = 0.6  # cosine at which a denial answers a claim that names who it answers (tuned on calibration)
ANSWER_UNNAMED = 0.65  # ... or when it does not name them

_DENIAL_WORD = re.compile(DENIES)
# a sentence that calls another's charge groundless is itself a denial, not the claim a denial answers
_DISMISSES = re.compile(r"\b(?:groundless(?:ly)?|baseless(?:ly)?|unfounded|falsely)\b", re.I)
# a denial of what its own article just told: "disputed that allegation", "rejected these claims"
_POINTS_BACK = re.compile(
    rf"{DENIES}\s+(?:that|this|these|those|such)\s+(?:\w+\s+)?(?:{CLAIM_NOUNS}|characteri[sz]ations?)\b"
)


# a denial that says what it denies: "dismissed the idea that the government at Westminster could seek to
# block …", "denied allegations that the US-led coalition had relaxed its rules", "denied that it had …"
_STATED = re.compile(
    rf"{DENIES}\s+(?:(?:the |these |those |such |any )?(?:idea|notion|{CLAIM_NOUNS})\s+)?that\s+(?P<clause>[^;:]+)"
)
# where the denied clause's subject ends: its first auxiliary ("could seek", "had relaxed", "was a mosque")
_AUXILIARY = re.compile(r"\b(?:could|would|had|has|have|was|were|is|are|will|did|does|do|can|may|might|should|must)\b")
_PRONOUNS = frozenset("it he she they we this".split())


def denied_subject(text: str) -> list[str] | None:
    """The content terms of the subject of what a denial says it denies ("the government at Westminster" of
    "dismissed the idea that the government at Westminster could seek to block …"): [] when that subject is
    a pronoun (the denier itself: "denied that it had loosened its rules"), None when the denial does not
    say what it denies ("rejected Erdogan's claims", "denied responsibility")."""
    match = _STATED.search(text)
    if not match:
        return None
    clause = match.group("clause")
    verb = _AUXILIARY.search(clause)
    head = clause[: verb.start()] if verb else " ".join(clause.split()[:4])
    return [t for t in terms(head) if t not in _PRONOUNS]


def answers(denial: str, denier: str, claim: str) -> bool:
    """Whether a claim can be what a denial denies, as far as the denial says: a denial that states what it
    denies is about the subject of that statement, which the claim must name (the denier itself when that
    subject is a pronoun). "Angus Robertson dismissed the idea that the government at Westminster could seek
    to block a second independence vote" does not answer "the majority of Scots do not want a second
    independence referendum": a second referendum is both sentences' topic, not what is denied."""
    subject = denied_subject(denial)
    if subject is None:
        return True
    if not subject:
        return mentions(denier.split()[-1], claim)
    said = terms(claim)
    return any(related(a, b) for a in subject for b in said)


def claim_disputes(found: Sequence[Finding]) -> list[Dispute]:
    """A party's denial and the claim it answers, made by another party: the two sentences (of any of the
    findings' sentences, not only their leads) close in meaning (closer still when the denial does not name
    who it answers), each side's party named. One article may report both sides: the parties, not the
    reports, are what disagree."""
    said = [(i, c) for i, finding in enumerate(found) for c in finding.sentences if not c.damaged and c.quotable]
    if not said:
        return []
    vectors = np.stack([cand.vector for _, cand in said])
    deniers = {k: denier_of(cand.text) for k, (_, cand) in enumerate(said) if _DENIAL_WORD.search(cand.text)}
    parties: dict[int, str] = {}  # read only for sentences close to a denial
    out: list[Dispute] = []
    taken: set[int] = set()  # findings already on a side
    for d, denier in deniers.items():
        i, denial = said[d]
        if not denier or i in taken:
            continue
        similar = vectors @ denial.vector
        back = bool(_POINTS_BACK.search(denial.text))
        best, best_sim = -1, 0.0
        for c in (int(k) for k in np.flatnonzero(similar >= ANSWER)):
            j, claim = said[c]
            if j == i or j in taken or deniers.get(c) or claim.text == denial.text or _DISMISSES.search(claim.text):
                continue  # two denials answer no claim
            if back and claim.passage.article_id != denial.passage.article_id:
                continue  # "that allegation" is the one its own article tells
            claimant = parties.setdefault(c, party_of(claim.text))
            if not claimant or same_party(claimant, denier) or not answers(denial.text, denier, claim.text):
                continue
            needed = ANSWER if mentions(claimant.split()[-1], denial.text) else ANSWER_UNNAMED
            if similar[c] >= needed and similar[c] > best_sim:
                best, best_sim = c, float(similar[c])
        if best >= 0:
            j, claim = said[best]
            taken |= {i, j}
            who = (parties[best], denier)
            out.append(Dispute(f"{who[0]} vs {denier}", (found[j], found[i]), False, CLAIM, who, (claim, denial)))
    return out + [d for d in _answered(found) if not any(id(d.sides[0]) in map(id, x.sides) for x in out)]


# one sentence with both sides: "Amnesty said …, though the U.S. has denied any loosening of the rules"
_ANSWERED = re.compile(r"[,;]\s+(?:though|but|while|whereas|however)\s+(?P<rest>.+)")
# … or its claim the object of the denial: "Syria claims their missiles downed one Israeli jet and hit
# another, which Israel rejected as "absolutely untrue.""
_REJECTED_WHICH = re.compile(
    rf",\s+which\s+(?P<who>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+(?:has\s+|had\s+)?"
    rf"(?:[a-z]+ly\s+)?{DENIES}\b"
)


def _answered(found: Sequence[Finding]) -> list[Dispute]:
    """Disputes told in one sentence, one per finding (its lead first, then its other sentences)."""
    out = []
    for finding in found:
        for cand in sorted(finding.sentences, key=lambda c: c is not finding.lead):
            who = _both_sides(cand.text)
            if who and not cand.damaged:
                out.append(Dispute(" vs ".join(who), (finding,), False, CLAIM, who, (cand,)))
                break
    return out


def _both_sides(text: str) -> tuple[str, str] | None:
    """The claimant and the denier of a sentence that tells both sides of a claim dispute."""
    match = _ANSWERED.search(text)
    which = _REJECTED_WHICH.search(text)
    if which and (not match or which.start() < match.start()):
        claimant, denier = party_of(text[: which.start()]), party_of(which.group())
    elif match:
        claimant, denier = party_of(text[: match.start()]), denier_of(match.group("rest"))
    else:
        return None
    return (claimant, denier) if claimant and denier and not same_party(claimant, denier) else None
