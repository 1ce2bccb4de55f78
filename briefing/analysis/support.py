"""Which sentences state the same claim: the test behind a claim's source count and its citations.

A finding groups sentences about the same thing, close enough not to be shown twice; a count of sources is
a stronger promise: each report counted, and each sentence cited, must *state* the claim (the same event,
figure or statement), not only share its topic. Two sentences state the same thing when their figures and
dates agree, they say the same happened (a predicate in common: `text.predicates`), they say nearly the
same in meaning, and each names most of the people and places the other
names; or they state a figure or a date in common and are close in meaning. Calibrated on hand-judged pairs
(bench/eval_citations.py): a figure or a date in common, even one rare in the story, did not tell the same
statement apart in sentences less alike ("140 killed in one strike" and "140 held as human shields").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.analysis.scoring import Candidate
from briefing.text.dates import dates_in
from briefing.text.facts import mentions, names_in, numbers_in
from briefing.text.predicates import predicates, same_predicate

PARAPHRASE = 0.74  # cosine at which two sentences naming the same people and places state the same thing
SHARED = 0.7  # or, at which two sentences that state a figure or a date in common do
WORDED = 0.9  # cosine at which two sentences say one thing in other words, whatever their verbs
NAMES = 0.5  # the share of each sentence's names the other must mention
_VAGUE = re.compile(r"\b(dozens|hundreds|thousands|millions|scores)\b", re.I)  # amounts that differ as figures do
_PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.I)  # 20 percent is not 20 seats


def figures(text: str, dates: Sequence[str] = ()) -> set[float]:
    """The figures a sentence states: years and the day and month of its dates left out."""
    days = {float(part) for day in dates for part in day.split("-")[1:]}
    return {v for v in numbers_in(text) if not (1900 <= v <= 2100 and float(v).is_integer())} - days


@dataclass(frozen=True)
class Statement:
    """What a sentence states that another must match to state the same thing."""

    text: str
    amounts: frozenset[str]  # its figures ("90000.0") and vague amounts ("hundreds")
    dates: frozenset[str]
    names: tuple[str, ...]
    verbs: frozenset[str] = frozenset()  # what it says happened (`predicates`)

    @classmethod
    def of(cls, cand: Candidate) -> Statement:
        text = cand.text
        dates = dates_in(text, cand.passage.date)
        shares = {float(v.replace(",", "")) for v in _PERCENT.findall(text)}
        amounts = {f"{v:g}%" if v in shares else f"{v:g}" for v in figures(text, dates)}
        amounts |= {w.lower() for w in _VAGUE.findall(text)}
        return cls(text, frozenset(amounts), frozenset(dates), tuple(names_in(text)), predicates(text))

    @property
    def facts(self) -> frozenset[str]:
        return self.amounts | self.dates


def _named(a: Statement, b: Statement) -> float:
    """The share of a's names that b mentions (1 when a names none)."""
    if not a.names:
        return 1.0
    return sum(mentions(n, b.text) for n in a.names) / len(a.names)


def states(a: Statement, b: Statement, cosine: float) -> bool:
    """Whether two sentences, `cosine` alike, state the same thing (see the module's docstring)."""
    if a.amounts and b.amounts and not a.amounts & b.amounts:
        return False
    if a.dates and b.dates and not a.dates & b.dates:
        return False
    if cosine < WORDED and not same_predicate(a.verbs, b.verbs):  # the same people, another thing said of them
        return False
    if cosine >= SHARED and a.facts & b.facts:
        return True
    return cosine >= PARAPHRASE and min(_named(a, b), _named(b, a)) >= NAMES
