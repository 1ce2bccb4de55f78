"""Claim disputes: one party's claim against another party's denial, each side with who says it. Pure
functions over findings' lead sentences and their vectors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from briefing.analysis.sides import CLAIM, DENIES, Dispute, denier_of, party_of, same_party
from briefing.text.facts import mentions

if TYPE_CHECKING:
    from briefing.analysis.evidence import Finding

ANSWER = 0.6  # cosine at which a denial answers a claim that names who it answers (tuned on calibration)
ANSWER_UNNAMED = 0.65  # ... or when it does not name them

_DENIAL_WORD = re.compile(DENIES)


def claim_disputes(found: Sequence[Finding], similar: np.ndarray) -> list[Dispute]:
    """A party's denial and the claim it answers, made by another party: the two sentences close in
    meaning (closer still when the denial does not name who it answers), each side's party named. One
    article may report both sides: the parties, not the reports, are what disagree."""
    parties: dict[int, str] = {}  # read only for sentences close to a denial
    deniers = [denier_of(f.lead.text) if _DENIAL_WORD.search(f.lead.text) else "" for f in found]
    out: list[Dispute] = []
    taken: set[int] = set()
    for d, finding in enumerate(found):
        denial, denier = finding.lead.text, deniers[d]
        if not denier or d in taken:
            continue
        best, best_sim = -1, 0.0
        for c in (int(i) for i in np.flatnonzero(similar[d] >= ANSWER)):
            claimant = parties.setdefault(c, party_of(found[c].lead.text))
            if c == d or c in taken or not claimant or same_party(claimant, denier):
                continue
            if deniers[c]:
                continue  # two denials answer no claim
            needed = ANSWER if mentions(claimant.split()[-1], denial) else ANSWER_UNNAMED
            if similar[d, c] >= needed and similar[d, c] > best_sim:
                best, best_sim = c, float(similar[d, c])
        if best >= 0:
            taken |= {best, d}
            sides = (found[best], finding)
            out.append(Dispute(f"{parties[best]} vs {denier}", sides, False, CLAIM, (parties[best], denier)))
    return out + [d for d in _answered(found) if not any(id(d.sides[0]) in map(id, x.sides) for x in out)]


# one sentence with both sides: "Amnesty said …, though the U.S. has denied any loosening of the rules"
_ANSWERED = re.compile(r"[,;]\s+(?:though|but|while|whereas|however)\s+(?P<rest>.+)")


def _answered(found: Sequence[Finding]) -> list[Dispute]:
    out = []
    for finding in found:
        text = finding.lead.text
        match = _ANSWERED.search(text)
        if not match:
            continue
        claimant, denier = party_of(text[: match.start()]), denier_of(match.group("rest"))
        if claimant and denier and not same_party(claimant, denier):
            out.append(Dispute(f"{claimant} vs {denier}", (finding,), False, CLAIM, (claimant, denier)))
    return out
