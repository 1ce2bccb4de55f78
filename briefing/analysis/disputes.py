"""Disputes among findings: one figure given differently by independent reports (or revised by its own
source later), one party's claim against another party's denial, and a sentence that says its own figure
contradicts another's count. Pure functions over findings' lead sentences and their vectors.

Precision first: two figures are one quantity only when they count the same thing (the words around the
figure, not only its last word), for the same subject (the names near it, its speaker left out) and the
same reference time (the day or period it is for).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from briefing.analysis.reports import same_report
from briefing.text.actors import speaker
from briefing.text.dates import dates_in
from briefing.text.facts import figures_in, key_figure, mentions, names_in, numbers_in
from briefing.text.sentences import stem, terms
from briefing.text.vocabulary import CALENDAR_WORDS

if TYPE_CHECKING:
    from briefing.analysis.evidence import Finding

FIGURE, CLAIM, COUNT = "figure", "claim", "count"
DISPUTE = 0.72  # cosine at which two sentences with different figures can be about the same quantity
COUNTED = 0.4  # share of the words around two figures they must have in common to count the same thing
ANSWER = 0.6  # cosine at which a denial answers a claim that names who it answers (tuned on calibration)
ANSWER_UNNAMED = 0.65  # ... or when it does not name them
WINDOW = 5  # content words either side of a figure that say what it counts


@dataclass
class Dispute:
    """Findings that disagree: different figures for one quantity (or its source revising its figure), a
    claim and another party's denial, or one sentence saying its figure contradicts another's count."""

    quantity: str  # what is disputed: the counted thing, or the parties of a claim
    sides: tuple[Finding, ...]  # oldest first; one side for a sentence that disputes another's count
    revision: bool = False  # the same source changed its figure
    kind: str = FIGURE
    who: tuple[str, ...] = ()  # who says each side ("" when the sentence does not say)


@dataclass(frozen=True)
class Figure:
    """What a sentence's key figure is: its values, what it counts, about whom, for when, and who says so."""

    values: frozenset[float]
    head: str  # the counted noun ("civilians")
    words: frozenset[str]  # content words around it: what it counts and what happened to them
    names: frozenset[str]  # who or where it is about (its speaker left out)
    time: str  # the day or period it is for ("" when none is named)
    source: str  # who says it ("" when the sentence does not say)
    text: str


_HARD_BOUNDARY = re.compile(r"[;:()]|\s[-–—]\s|--")
_PERIOD = re.compile(
    r"\b(?:since|over the (?:past|last)|in the (?:past|last)|during the|so far|to date|this (?:year|month|week)|"
    r"(?:a|per|each|every) (?:day|week|month)|daily|in total|overall|altogether)\b(?:\s+[\w-]+){0,2}",
    re.I,
)
_SAYS = r"(?:said|says|told|estimated|estimates|reported|claimed|announced)"
# who says it, to leave out of what it is about: "the Iraqi Ministry of … said", "according to the UN"
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w'’.-]*\s+(?:(?:of|and|the|for)\s+)?){{1,6}}{_SAYS}\b|\baccording to (?:the )?"
    r"(?:[A-Z][\w'’.-]*\s*(?:(?:of|and|the|for)\s+)?){1,6}"
)
_SOFT_BOUNDARY = re.compile(rf",\s|\b{_SAYS}(?: that)?\b|\baccording to\b")
_SHARE_OF = re.compile(r"\b([a-z]{4,})\s+(?:was|is|stood at|reached|hit|hits|rose to|fell to)\s+(?:\w+\s+){0,2}$", re.I)
_STAMPED = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d\s+[A-Z]")  # a live blog's entry ("18.00 Turnout hits …")
_TALLY = re.compile(r"\b\d[\d,]*\s+(?:votes?|goals?|points?|seats?)?\s*(?:to|-|–)\s*\d", re.I)
_NOT_ABOUT = frozenset("percent per cent said says according told more than about some nearly least".split())


def figure_of(text: str, day: str | None, figure: str | None = None, at: int = -1) -> Figure | None:
    """The sentence's key figure (never a date, an age, a year or a tally), or its `figure` standing at `at`,
    and what it is for."""
    figure = figure or key_figure(text)
    if not figure or _TALLY.search(text) or _STAMPED.match(text):
        return None
    value = figure.split()[0]
    at = at if at >= 0 else text.find(value)
    counted = next((c for v, c in figures_in(text[at:]) if v.startswith(value[:1])), "")
    head_words = [w for w in counted.lower().split() if w not in ("percent", "per", "cent")]
    share = _SHARE_OF.search(text[:at])  # "turnout was 81%": a share names what it is of before it
    if not head_words and share and re.search(r"%|percent|per cent", figure):
        head_words = [share.group(1).lower()]
    values = frozenset(numbers_in(figure.split(" ", 1)[0] if " " in figure else figure))
    if not head_words or not values:
        return None
    bounds = [0, *(m.end() for m in _HARD_BOUNDARY.finditer(text, 0, at))]
    end = _HARD_BOUNDARY.search(text, at)
    clause = text[bounds[-1] : end.start() if end else len(text)]
    who = party_of(text) or speaker(text) or ""
    said = {w.casefold() for w in who.split()}
    names = {n for n in names_in(_ATTRIBUTION.sub(" ", text)) if n.casefold() not in said}
    # what it counts: the words next to it, within its own part of the sentence (commas, attribution)
    around = clause.find(value)
    parts = [0, *(m.end() for m in _SOFT_BOUNDARY.finditer(clause, 0, around))]
    stop = _SOFT_BOUNDARY.search(clause, around + len(value))
    before = terms(clause[parts[-1] : around])[-WINDOW:]
    after = terms(clause[around + len(value) : stop.start() if stop else len(clause)])[: WINDOW + len(head_words)]
    head = head_words[-1].rstrip(".,;:")
    skip = {stem(w) for n in names for w in terms(n)} | {stem(w) for w in _NOT_ABOUT} | {stem(head)}
    words = frozenset(w for w in before + after if w not in skip and not w[:1].isdigit())
    named = dates_in(clause, day)
    period = _PERIOD.search(clause)
    time = named[0] if named else (period.group().lower() if period else "")
    return Figure(values, head, words, frozenset(names), time, who, text)


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two figures count the same thing, for the same subject and the same time."""
    if stem(a.head) != stem(b.head) or a.time != b.time:
        return False
    if a.words and b.words and len(a.words & b.words) / min(len(a.words), len(b.words)) < COUNTED:
        return False
    # the same subject: a name (person, body, place) in common, or none named by either
    if not a.names and not b.names:
        return True
    return any(mentions(n, b.text) for n in a.names) or any(mentions(n, a.text) for n in b.names)


_VERBS = (
    r"(?:said|says|told|stated|insisted|claimed|claims|estimated|estimates|warned|argued|denied|denies|rejected|"
    r"rejects|dismissed|dismisses|refuted|disputed|disputes|contradicted|accused|accuses|blamed|blames)"
)
_CAPITALS = r"(?:[A-Z][\w.'’-]*|al-\w+)(?:\s+(?:(?:of|for|and|the|al|bin)\s+)*(?:[A-Z][\w.'’-]*|al-\w+)){0,5}"
# "Tahrir al-Sham", "Assad's government", "the coalition", "the Iraqi military"
_NOT_HEAD = r"(?!(?:has|have|had|also|already)\b|[a-z]+ly\b)"  # "the U.S. has denied", "the US publicly denied"
_NAMED = rf"(?:{_CAPITALS}(?:['’]s [a-z]+)?|\b[Tt]he (?:[A-Z][\w.'’-]*\s+){{0,3}}{_NOT_HEAD}[a-z]+)"
# the party a reporting or denial verb has for subject: "Tahrir al-Sham denied", "the U.S. has denied"
_PARTY = re.compile(
    rf"(?P<who>{_NAMED})(?:,[^,]{{3,80}},)?\s+(?:(?:has|have|had|also|already|repeatedly|fiercely|strongly|flatly|"
    rf"on \w+|later|earlier|again|[a-z]+ly)\s+)*{_VERBS}\b|\baccording to (?:the )?(?P<source>{_NAMED})"
)
_NOT_PARTIES = frozenset("The This That It He She They We I But And In On At As A An If When While the of and".split())


def party_of(text: str) -> str:
    """Who a sentence reports as saying, denying or accusing ("" when it names no one as its subject)."""
    for match in _PARTY.finditer(text):
        words = (match.group("who") or match.group("source")).split()
        while words and (words[0] in _NOT_PARTIES or words[0] in CALENDAR_WORDS):
            words = words[1:]
        if words and not (len(words) == 1 and words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")):
            return " ".join(words[-6:])
    return ""


def same_party(a: str, b: str) -> bool:
    """Whether two named parties are one ("Rutte", "Mark Rutte"; "the Dutch government", "Dutch government")."""
    x, y = a.casefold().split(), b.casefold().split()
    return bool(x and y) and (x[-1] == y[-1] or " ".join(x) in " ".join(y) or " ".join(y) in " ".join(x))


def figure_disputes(found: Sequence[Finding], similar: np.ndarray) -> list[Dispute]:
    """Pairs of findings whose lead figures differ for one quantity: a dispute between independent reports,
    or a revision when the same source (outlet or speaker) gives a new figure on a later day."""
    pairs = list(zip(*np.nonzero(np.triu(similar >= DISPUTE, k=1)), strict=True))
    figures = {i: figure_of(found[i].lead.text, found[i].lead.passage.date) for i in {int(i) for p in pairs for i in p}}
    out: list[Dispute] = []
    for a, b in pairs:
        fa, fb = figures[int(a)], figures[int(b)]
        if fa is None or fb is None or fa.values & fb.values or not same_quantity(fa, fb):
            continue
        older, newer = sorted((found[a], found[b]), key=lambda f: (f.first, f.lead.passage.article_id))
        one, two = older.lead, newer.lead
        first, second = (fa, fb) if older is found[a] else (fb, fa)
        later = bool(one.passage.date and two.passage.date and two.passage.date > one.passage.date)
        same_source = bool(fa.source and fb.source and same_party(fa.source, fb.source))
        if same_report(one, two) or same_source:
            if later and (same_source or not (fa.source or fb.source)):
                out.append(Dispute(fa.head, (older, newer), True, FIGURE, (first.source, second.source)))
            continue  # one report giving two figures on one day states two things
        out.append(Dispute(fa.head, (older, newer), False, FIGURE, (first.source, second.source)))
    # A figure its own source later revised is disputed no more: its revision speaks for it.
    superseded = {id(d.sides[0]) for d in out if d.revision}
    return [d for d in out if d.revision or not any(id(side) in superseded for side in d.sides)]


_DENIES = r"(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|disputed|disputes|contradicted)"
_DENIAL_WORD = re.compile(_DENIES)
_CONDITION = re.compile(r"\b(?:if|whether|unless|when)\b[^,;]*$", re.I)


def denier_of(text: str) -> str:
    """The party a sentence reports as denying or rejecting something ("" when none is named); not a
    denial in a condition ("if Parliament rejected the deal")."""
    for match in _PARTY.finditer(text):
        if re.search(rf"{_DENIES}$", match.group()) and not _CONDITION.search(text[: match.start()]):
            return party_of(match.group())
    return ""


def claim_disputes(found: Sequence[Finding], similar: np.ndarray) -> list[Dispute]:
    """A party's denial and the claim it answers, made by another party: the two sentences close in
    meaning (closer still when the denial does not name who it answers), each side's party named."""
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
            if deniers[c] or same_report(found[c].lead, finding.lead):
                continue  # two denials answer no claim; one report is not two parties' dispute
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


_CONTRADICTS = re.compile(
    r"\b(?:contradict\w*|at odds with|disput\w+|far (?:higher|lower) than|(?:higher|lower) than (?:the )?official)\b"
    r"[^.]*\b(?:figures?|counts?|toll|tally|estimates?|numbers?|statistics|data)\b",
    re.I,
)


def count_disputes(found: Sequence[Finding]) -> list[Dispute]:
    """Findings whose lead says in so many words that its figure contradicts another's count."""
    out = []
    for finding in found:
        text = finding.lead.text
        figure = figure_of(text, finding.lead.passage.date) if _CONTRADICTS.search(text) else None
        if figure is not None:
            out.append(Dispute(figure.head, (finding,), False, COUNT, (figure.source,)))
    return out


def disputes_among(found: Sequence[Finding]) -> list[Dispute]:
    """Every dispute among findings, the most relevant first."""
    if not found:
        return []
    vectors = np.stack([f.lead.vector for f in found])
    similar = vectors @ vectors.T
    out = figure_disputes(found, similar) + claim_disputes(found, similar) + count_disputes(found)
    return sorted(out, key=lambda d: -max(side.relevance for side in d.sides))
