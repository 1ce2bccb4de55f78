"""Disputes among findings: one figure given differently by independent reports (or revised by its own
source later), one party's claim against another party's denial (`briefing.analysis.claims`), and a
sentence that says its own figure contradicts another's count. Pure functions over findings' sentences
and their vectors.

Precision first: two figures are one quantity only when they count the same thing (the words around the
figure, not only its last word), for the same subject (the names next to the figure, its speaker left
out) and the same reference time (the day, period or year it is for); and they disagree only when neither
allows the other ("more than 80%" allows 81%, "52%" is 51.9% rounded). Every sentence of every finding is
compared, not only the leads: the sentence giving the other figure is often not its finding's lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from briefing.analysis.claims import claim_disputes
from briefing.analysis.reports import same_report
from briefing.analysis.sides import CLAIM, COUNT, FIGURE, Dispute, denier_of, party_of, same_party, superseded
from briefing.text.actors import speaker
from briefing.text.dates import dates_in
from briefing.text.facts import figures_in, key_figure, key_figures, mentions, names_in, numbers_in
from briefing.text.numbers import figure_value
from briefing.text.sentences import stem, terms

if TYPE_CHECKING:
    from briefing.analysis.evidence import Finding
    from briefing.analysis.scoring import Candidate

__all__ = ["CLAIM", "COUNT", "FIGURE", "Dispute", "allows", "denier_of", "disputes_among", "figure_of", "party_of"]

DISPUTE = 0.72  # cosine at which two sentences with different figures can be about the same quantity
COUNTED = 0.4  # share of the words around two figures they must have in common to count the same thing
WINDOW = 5  # content words either side of a figure that say what it counts
NEAR_WORDS = 12  # words before a figure whose names say whom it is about, when its own part names no one
ROUGHLY = 0.05  # how far "about 400,000" may be from another figure and still allow it


@dataclass(frozen=True)
class Figure:
    """What a sentence's key figure is: its values, what it counts, about whom, for when, and who says so."""

    values: frozenset[float]
    head: str  # the counted noun ("civilians")
    words: frozenset[str]  # content words around it: what it counts and what happened to them
    names: frozenset[str]  # who or where it is about (its speaker left out)
    time: str  # the day, period or year it is for ("" when none is named)
    source: str  # who says it ("" when the sentence does not say)
    text: str
    near: frozenset[str] = frozenset()  # the names in the figure's own part of the sentence
    part: str = ""  # that part ("Rutte's VVD party is projected to win 33 seats out of a total 150"), or the
    # words before the figure when its part names no one
    value: float | None = None  # the figure as written ("12.9" of "12.9 million")
    bound: str = ""  # "more than", "up to", "about" ... written before it
    change: bool = False  # a change, not a level: "24 million more people", "a loss of 29 seats"


_HARD_BOUNDARY = re.compile(r"[;:()]|\s[-–—]\s|--")
_PERIOD = re.compile(
    r"\b(?:since|over the (?:past|last)|in the (?:past|last)|during the|so far|to date|this (?:year|month|week)|"
    r"(?:a|per|each|every) (?:day|week|month)|daily|in total|overall|altogether)\b(?:\s+[\w-]+){0,2}",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?![,.]?\d)")  # "in 2012", "the 2012 vote": a figure for another year
_SAYS = r"(?:said|says|told|estimated|estimates|reported|claimed|announced)"
# who says it, to leave out of what it is about: "the Iraqi Ministry of … said", "according to the UN"
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w'’.-]*\s+(?:(?:of|and|the|for)\s+)?){{1,6}}{_SAYS}\b|\baccording to (?:the )?"
    r"(?:[A-Z][\w'’.-]*\s*(?:(?:of|and|the|for)\s+)?){1,6}"
)
_SOFT_BOUNDARY = re.compile(rf",\s|\b{_SAYS}(?: that)?\b|\baccording to\b|\b(?:while|whereas|compared to)\b")
_SHARE_OF = re.compile(r"\b([a-z]{4,})\s+(?:was|is|stood at|reached|hit|hits|rose to|fell to)\s+(?:\w+\s+){0,2}$", re.I)
_STAMPED = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d\s+[A-Z]")  # a live blog's entry ("18.00 Turnout hits …")
_TALLY = re.compile(r"\b\d[\d,]*\s+(?:votes?|goals?|points?|seats?)?\s*(?:to|-|–)\s*\d", re.I)
_NOT_ABOUT = frozenset("percent per cent said says according told more than about some nearly least".split())
# what a figure's qualifier allows: "more than 80%" allows 81%, "up to 29" allows 25, "about 13" allows 12.9
_AT_LEAST = "more than|over|at least|upwards of|in excess of|above|well above|well over"
_AT_MOST = "fewer than|less than|under|below|up to|no more than|as few as"
_ROUGH = "about|around|some|nearly|almost|roughly|approximately|an estimated|close to"
_BOUND = re.compile(rf"\b({_AT_LEAST}|{_AT_MOST}|{_ROUGH})\s*$", re.I)
_TOTAL = re.compile(r"\d\s+(?:out\s+)?of\s+(?:the\s+|a total of\s+|[\w.-]+['’]s\s+)?$")  # "33 of parliament's 150"
# a change, not a level: "24 million more people", "500 new cases"; "a loss of 29 seats", "rose by 3%"
_CHANGE_AFTER = re.compile(
    r"[\d.,]+(?:\s*(?:million|billion|thousand|hundred|m|bn)\b)?\s*%?\s+(?:more|fewer|less|additional|extra|new)\b",
    re.I,
)
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:rise|increase|drop|fall|decline|gain|loss|jump|cut|reduction)\s+of|"
    r"\b(?:up|down|rose|fell|increased|decreased|grew|dropped|climbed)\s+by)\s+(?:some |about |nearly |almost )?$",
    re.I,
)
_TITLECASE_OPENER = re.compile(r"\s*([A-Z][a-z]+)\s+[a-z]")  # "Voter turnout was", "Early results show"


def _names(text: str) -> set[str]:
    """The names in a text, its first word left out when it is only a capitalised common word ("Early
    results show …", "Turnout was …"): a name that opens a sentence is followed by another ("Mark Rutte")."""
    found = set(names_in(text))
    opener = _TITLECASE_OPENER.match(text)
    return found - {opener.group(1)} if opener else found


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
    names = {n for n in _names(_ATTRIBUTION.sub(" ", text)) if n.casefold() not in said}
    # what it counts: the words next to it, within its own part of the sentence (commas, attribution)
    around = at - bounds[-1] if text.startswith(value, at) else clause.find(value)
    parts = [0, *(m.end() for m in _SOFT_BOUNDARY.finditer(clause, 0, around))]
    stop = _SOFT_BOUNDARY.search(clause, around + len(value))
    part = clause[parts[-1] : stop.start() if stop else len(clause)]
    before = terms(clause[parts[-1] : around])[-WINDOW:]
    after = terms(clause[around + len(value) : stop.start() if stop else len(clause)])[: WINDOW + len(head_words)]
    head = head_words[-1].rstrip(".,;:")
    skip = {stem(w) for n in names for w in terms(n)} | {stem(w) for w in _NOT_ABOUT} | {stem(head)}
    words = frozenset(w for w in before + after if w not in skip and not w[:1].isdigit())
    named = dates_in(clause, day)
    period = _PERIOD.search(clause)
    year = next((y for y in _YEAR.findall(part) if y != value), "")
    time = named[0] if named else (period.group().lower() if period else year)
    # about whom: the names in its own part, else the names just before it ("Wilders and his Freedom Party
    # (PVV) beaten into second place with 20 seats")
    near = frozenset(n for n in _names(part) if n.casefold() not in said)
    if not near:
        part = " ".join(text[:at].split()[-NEAR_WORDS:]) + text[at : at + len(figure)]
        near = frozenset(n for n in names_in(part) if n.casefold() not in said)
    qualifier = _BOUND.search(clause[:around])
    bound = qualifier.group(1).lower() if qualifier else ""
    change = bool(_CHANGE_AFTER.match(text, at) or _CHANGE_BEFORE.search(text[:at]))
    return Figure(
        values, head, words, frozenset(names), time, who, text, near, part, figure_value(value), bound, change
    )


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two figures count the same thing, for the same subject and the same time."""
    if stem(a.head) != stem(b.head) or a.time != b.time or a.change != b.change:
        return False  # a change ("24 million more people") is not the level it changes
    if a.words and b.words and len(a.words & b.words) / min(len(a.words), len(b.words)) < COUNTED:
        return False
    # the same subject: the names next to each figure ("Rutte's VVD … 33 seats" is not "Wilders' PVV … 20
    # seats" in the same sentence), else a name of either sentence in common, or none named by either
    if a.near and b.near:
        return any(mentions(n, b.part) for n in a.near) or any(mentions(n, a.part) for n in b.near)
    if not a.names and not b.names:
        return True
    return any(mentions(n, b.text) for n in a.names) or any(mentions(n, a.text) for n in b.names)


def allows(a: Figure, b: Figure) -> bool:
    """Whether one figure allows the other: a bound it is within ("more than 80%" and 81%), an approximation
    it is close to ("some 13 million" and 12.9 million), or the other rounded ("52%" and 51.9%)."""
    if a.values & b.values:
        return True
    x, y = a.value, b.value
    if x is None or y is None:
        return False
    for one, other, v, w in ((a, b, x, y), (b, a, y, x)):
        if re.fullmatch(_AT_LEAST, one.bound) and w >= v and other.bound not in _AT_MOST.split("|"):
            return True
        if re.fullmatch(_AT_MOST, one.bound) and w <= v and other.bound not in _AT_LEAST.split("|"):
            return True
        if re.fullmatch(_ROUGH, one.bound) and abs(w - v) <= ROUGHLY * max(abs(v), abs(w)):
            return True
        places = len(str(v).split(".")[1].rstrip("0")) if "." in str(v) else 0
        if w != round(w, places) and round(w, places) == v:  # v is w rounded
            return True
    return False


def _given(found: Sequence[Finding]) -> list[tuple[int, Candidate, Figure, str]]:
    """Every figure in digits that the findings' sentences give, with its finding and sentence."""
    out = []
    for i, finding in enumerate(found):
        for cand in finding.sentences:
            if cand.damaged or not cand.quotable:
                continue
            for label, at in key_figures(cand.text):
                if not label[:1].isdigit() or _TOTAL.search(cand.text[:at]):
                    continue  # a count in words is too common to dispute; "150" of "33 of 150 seats" is a total
                figure = figure_of(cand.text, cand.passage.date, label, at)
                if figure is not None:
                    out.append((i, cand, figure, label))
    return out


def figure_disputes(found: Sequence[Finding]) -> list[Dispute]:
    """Pairs of sentences whose figures differ for one quantity: a dispute between independent reports,
    or a revision when the same source (outlet or speaker) gives a new figure on a later day. One dispute
    for each pair of findings, and for each pair of figures of a quantity (copies of a sentence give one)."""
    given = _given(found)
    if len(given) < 2:
        return []
    vectors = np.stack([cand.vector for _, cand, _, _ in given])
    similar = vectors @ vectors.T
    pairs = sorted(zip(*np.nonzero(np.triu(similar >= DISPUTE, k=1)), strict=True), key=lambda p: -similar[p])
    out: list[Dispute] = []
    seen: set[tuple] = set()
    for a, b in pairs:
        (i, one, fa, la), (j, two, fb, lb) = given[int(a)], given[int(b)]
        if one is two or allows(fa, fb) or not same_quantity(fa, fb):
            continue
        key = (stem(fa.head), frozenset((fa.value, fb.value)))
        if (min(i, j), max(i, j)) in seen or key in seen:
            continue
        if (one.passage.date or "", one.passage.article_id) > (two.passage.date or "", two.passage.article_id):
            (i, one, fa, la), (j, two, fb, lb) = (j, two, fb, lb), (i, one, fa, la)
        later = bool(one.passage.date and two.passage.date and two.passage.date > one.passage.date)
        same_source = bool(fa.source and fb.source and same_party(fa.source, fb.source))
        revision = same_report(one, two) or same_source
        if revision and not (later and (same_source or not (fa.source or fb.source))):
            continue  # one report giving two figures on one day states two things
        seen |= {(min(i, j), max(i, j)), key}
        out.append(
            Dispute(fa.head, (found[i], found[j]), revision, FIGURE, (fa.source, fb.source), (one, two), (la, lb))
        )
    # A figure its own source later revised is disputed no more: its revision speaks for it.
    old = superseded(out)
    return [d for d in out if d.revision or not any(id(side) in old for side in d.sides)]


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
    out = figure_disputes(found) + claim_disputes(found) + count_disputes(found)
    return sorted(out, key=lambda d: -max(side.relevance for side in d.sides))
