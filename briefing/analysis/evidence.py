"""The evidence a brief is made of: findings (the same thing reported by several articles, copies counted
once), disputes among them (`briefing.analysis.disputes`), and dated events. Pure functions over candidate
sentences with their vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.analysis.disputes import Dispute, disputes_among
from briefing.analysis.reports import count_reports, one_each, origin, outlets_of
from briefing.analysis.scoring import Candidate
from briefing.analysis.stories import Story
from briefing.analysis.support import SHARED, Statement, figures, states
from briefing.text.dates import dates_in
from briefing.text.vocabulary import WEEKDAY_PATTERN
from briefing.types import Passage

SAME = 0.65  # cosine at which two sentences report the same thing (their figures and dates must agree too; tuned)
SAME_FACT = 0.5  # or less alike, when both state the same figure or date
CORROBORATION = 0.05  # (tuned) added to a finding's score for each further independent report (up to three)
RECENCY = 0.1  # added to the newest finding's score (less to older ones)
LENGTH = 0.004  # taken off for each word of a lead sentence past 25


@dataclass
class Finding:
    """One thing the sources report, with every sentence about it (the best first) and those that state it."""

    sentences: list[Candidate]
    relevance: float
    reports: int = 1  # independent reports that state it: copies, wire text and one outlet's articles count once
    outlets: list[str] = field(default_factory=list)  # the outlets whose sentences state it
    score: float = 0.0
    support: list[Candidate] = field(default_factory=list)  # the sentences that state it (`support.states`)

    def __post_init__(self) -> None:
        self.support = self.support or list(self.sentences)

    @property
    def lead(self) -> Candidate:
        """The sentence quoted for it: the best one fit to quote (not damaged in encoding, no heading run into
        it), else the best one not damaged."""
        shown = (c for c in self.sentences if not c.damaged and c.quotable)
        return next(shown, next((c for c in self.sentences if not c.damaged), self.sentences[0]))

    @property
    def first(self) -> str:
        """The earliest date an article reported it (publication dates; "" when none is dated)."""
        return min((c.passage.date for c in self.sentences if c.passage.date), default="")

    @property
    def arrived(self) -> str:
        """When the store first had it: the earliest ingest time of its articles (ISO 8601), an article
        stored before ingest times were kept counting by its publication date ("" when neither is known)."""
        return min((c.passage.ingested or c.passage.date or "" for c in self.sentences), default="")

    def new_since(self, moment: str) -> bool:
        """Whether it is what changed since `moment`: a day (YYYY-MM-DD) counts what was first reported after
        it (publication dates: an archive's "since 5 June"); a time (the last brief's, ISO 8601) what the
        store had first after it (ingest times: new to the store, whenever it was published)."""
        return (self.arrived if len(moment) > 10 else self.first) > moment

    @property
    def event(self) -> str | None:
        """The date the finding names for what happened (resolved against its article's date)."""
        dated = self.dated
        return dated[0] if dated else None

    @property
    def dated(self) -> tuple[str, Candidate] | None:
        """The date of what happened and the sentence that names it: the lead's, else another one's. The
        day something was said ("told TASS on Wednesday") is not the date of an event."""
        for cand in [self.lead, *self.sentences]:
            named = dates_in(SAID_ON.sub(" ", cand.text), cand.passage.date)
            if named:
                return named[0], cand
        return None

    def backing(self, shown: Candidate | None = None) -> list[Candidate]:
        """The sentences that state what `shown` (by default the lead; else another of its sentences, or a
        clause of one) states, `shown` first."""
        if shown is None or shown is self.lead:
            return [self.lead, *(c for c in self.support if c is not self.lead)]
        said = Statement.of(shown)
        others = [c for c in self.sentences if c.passage.id != shown.passage.id or c.start != shown.start]
        close = [(c, float(shown.vector @ c.vector)) for c in others]
        agree = [c for c, cos in close if cos >= SHARED and states(said, Statement.of(c), cos)]
        return [shown, *agree]

    def independent(self, limit: int = 2, shown: Candidate | None = None) -> list[Candidate]:
        """The shown sentence (the lead) and the best sentence of up to `limit - 1` other independent reports
        that state it, to cite (a sentence with a heading run into it counts, but is not cited)."""
        backing = self.backing(shown)
        return one_each([c for c in backing if c is backing[0] or c.quotable], limit)

    def reported(self, shown: Candidate | None = None) -> tuple[int, list[str]]:
        """How many independent reports state what `shown` states, and their outlets."""
        if shown is None or shown is self.lead:
            return self.reports, self.outlets
        backing = self.backing(shown)
        return count_reports(backing), outlets_of(backing)


SAID_ON = re.compile(
    r"\b(?:said|says|told|stated|added|noted|reported|announced|wrote|tweeted|declared|explained)\b"
    r"(?:\s+[\w'’-]+){0,6}?(?:\s+(?:on|last|this past))?\s+"
    rf"(?:{WEEKDAY_PATTERN}|[A-Z][a-z]+ \d{{1,2}})\b"
)


@dataclass(frozen=True)
class Facts:
    """What a sentence states that must match for two sentences to be the same fact."""

    numbers: frozenset[float]
    dates: frozenset[str]

    @classmethod
    def of(cls, cand: Candidate) -> Facts:
        text, day = cand.text, cand.passage.date
        dated = dates_in(text, day)
        return cls(frozenset(figures(text, dated)), frozenset(dated))

    def agree(self, other: Facts) -> bool:
        """Whether two sentences' figures and dates can be the same fact (none given counts as agreeing)."""
        if self.numbers and other.numbers and not self.numbers & other.numbers:
            return False
        return not (self.dates and other.dates and not self.dates & other.dates)

    def share(self, other: Facts) -> bool:
        """Whether two sentences state a figure or a date in common."""
        return bool(self.numbers & other.numbers or self.dates & other.dates)


def findings(cands: Sequence[Candidate], relevance: np.ndarray) -> tuple[list[Finding], list[Dispute]]:
    """Group sentences that report the same thing into findings, most relevant first, and find disputes.

    A sentence joins the finding whose lead it is closest to, when their figures and dates agree and the
    two are at least `SAME` alike (`SAME_FACT` when they state a figure or date in common).
    """
    if not cands:
        return [], []
    vectors = np.stack([c.vector for c in cands])
    similar = vectors @ vectors.T
    facts = [Facts.of(c) for c in cands]
    leads: list[int] = []
    groups: list[list[int]] = []
    for i in sorted(range(len(cands)), key=lambda i: -float(relevance[i])):
        best, best_sim = -1, 0.0
        if leads:
            sims = similar[i, leads]
            for g in np.flatnonzero(sims >= SAME_FACT):
                lead = facts[leads[g]]
                close = sims[g] >= SAME or facts[i].share(lead)
                if close and sims[g] > best_sim and facts[i].agree(lead):
                    best, best_sim = int(g), float(sims[g])
        if best >= 0:
            groups[best].append(i)
        else:
            leads.append(i)
            groups.append([i])
    found = []
    for members in groups:
        top = members[0]
        sentences = [cands[i] for i in members]
        close = [i for i in members[1:] if similar[top, i] >= SHARED]  # the cheap test first
        said = Statement.of(cands[top]) if close else None
        support = [cands[top]] + [
            cands[i] for i in close if said and states(said, Statement.of(cands[i]), float(similar[top, i]))
        ]
        outlets = outlets_of(support)
        found.append(Finding(sentences, float(relevance[top]), count_reports(support), outlets, support=support))
    return found, disputes_among(found)


def rank(found: list[Finding], newest: str | None = None) -> list[Finding]:
    """Findings ordered for a brief: relevance, raised by independent corroboration and recency."""
    dates = sorted(f.first for f in found if f.first)
    span = (dates[0], newest or dates[-1]) if dates else ("", "")
    for f in found:
        corroboration = CORROBORATION * min(f.reports - 1, 3)
        recent = RECENCY * _position(f.first, span)
        long = LENGTH * max(0, len(f.lead.text.split()) - 25)  # a page holds more short claims than long ones
        f.score = f.relevance + corroboration + recent - long
    return sorted(found, key=lambda f: -f.score)


def _position(day: str, span: tuple[str, str]) -> float:
    if not day or not span[0] or span[0] == span[1]:
        return 0.0
    from datetime import date

    start, end, at = (date.fromisoformat(d) for d in (span[0], span[1], day))
    return max(0.0, min(1.0, (at - start).days / max(1, (end - start).days)))


def collapsed(cands: Sequence[Candidate]) -> int:
    """How many articles among the sentences' are copies of another one there (reprints counted once)."""
    articles = {c.passage.article_id: origin(c) for c in cands}
    return len(articles) - len(set(articles.values()))


@dataclass
class Evidence:
    """What a brief draws on: candidate sentences with their relevance, grouped into findings."""

    cands: list[Candidate]
    relevance: np.ndarray
    articles: int
    findings: list[Finding] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    copies: int = 0
    first: str | None = None
    last: str | None = None
    message: str = ""
    story_of: dict[str, str] = field(default_factory=dict)  # each article's story, in a brief on everything
    core: set[str] = field(default_factory=set)  # the articles about a brief's topic (`stories.topical`)
    central: set[str] = field(default_factory=set)  # and those central to its story
    stories: list[Story] = field(default_factory=list)  # a brief on everything: its stories, for a digest

    @property
    def passages(self) -> list[Passage]:
        """The passages the findings' sentences come from, best finding first (for a model to read)."""
        return list({c.passage.id: c.passage for f in self.findings for c in f.sentences}.values())


def gather(cands: Sequence[Candidate], relevance: np.ndarray, articles: int) -> Evidence:
    """Findings and disputes from scored candidate sentences, ranked for a brief."""
    cands = list(cands)
    dates = sorted(c.passage.date for c in cands if c.passage.date)
    found, disputes = findings(cands, relevance)
    outlets = outlets_of(cands)
    last = dates[-1] if dates else None
    return Evidence(
        cands,
        relevance,
        articles,
        rank(found, last),
        disputes,
        outlets,
        collapsed(cands),
        dates[0] if dates else None,
        last,
    )
