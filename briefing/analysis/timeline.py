"""The timeline by date salience, the date-wise method of timeline summarization (Martschat & Markert 2018;
Tran et al. 2013): every day the story's sentences name for an event is weighed by the independent reports
that name it; the most salient days make the timeline (days after the newest article, the outlook), each
told by the most central short clause about it, citing the other reports that say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from briefing.analysis.citations import Pick
from briefing.analysis.evidence import SAID_ON, Finding
from briefing.analysis.reports import outlets_of, report_groups, same_report
from briefing.analysis.scoring import Candidate
from briefing.analysis.shown import Shown
from briefing.analysis.support import SHARED, Statement, states
from briefing.text import shortening
from briefing.text.dates import announced_on, dates_in, looks_ahead, untold_days
from briefing.text.shortening import WORDS, bare_quote

SUPPORT = 2  # independent reports that must name a day for it to be a milestone (tuned)
AGREE = 2  # an untold weekday takes the other reading when it has more than this many times the reports
RELEVANCE = 1.0  # weight of a sentence's relevance against its centrality in choosing an entry
LENGTH = 0.01  # taken off an entry's score for each word past `WORDS`
UNNAMED = 0.3  # taken off an entry's score when its subject is a pronoun with no referent ("Both men were …"),
# or when it is a quotation alone
ASIDE = 0.25  # a report from outside the story's articles counts this much of its relevance for a day (tuned)
MENTIONS = 0.5  # a report weighs 1 + this * log(its articles naming the day): a day an outlet keeps coming back
# to is salient, though its articles are one report (tuned)
CENTRAL = 0.75  # a day one report names is a milestone when its sentence is this relevant to the story (a
# quantile of the story's sentences' relevance: not an aside; tuned)


@dataclass
class Milestone:
    """A day the story's sentences name for an event, with the sentences that name it and their weight."""

    day: str
    sentences: list[Candidate]
    relevance: list[float]
    reports: int  # independent reports among the sentences
    weight: float  # the reports, each counted by its most relevant sentence


def event_days(cand: Candidate) -> list[str]:
    """The days a sentence names for what happened, resolved against its article's date: not the day
    something was said ("told TASS on Wednesday"), nor the article's own date unless the text says so
    ("today", or an announcement of what will happen next week)."""
    text = SAID_ON.sub(" ", cand.text)
    days = dates_in(text, cand.passage.date)
    announced = announced_on(text, cand.passage.date)
    return days or ([announced] if announced else [])


def milestones(cands: Sequence[Candidate], relevance: np.ndarray) -> list[Milestone]:
    """Every day named for an event, the most salient first (independent reports naming it, each weighed
    by its relevance and, sublinearly, by its articles naming the day (`MENTIONS`); ties go to the earlier
    day). A weekday whose sentence does not tell past from future is read as the other reports read it: as
    the week's to come when more than twice as many name that."""
    named: dict[str, list[int]] = {}
    untold: dict[int, dict[str, str]] = {}
    for i, cand in enumerate(cands):
        for day in event_days(cand):
            named.setdefault(day, []).append(i)
        if others := untold_days(SAID_ON.sub(" ", cand.text), cand.passage.date):
            untold[i] = others
    support = {day: report_groups([cands[i] for i in members]) for day, members in named.items()}
    moved: set[str] = set()
    for i, others in untold.items():
        for day, other in others.items():
            if day in named and len(support.get(other, [])) > AGREE * len(support[day]):
                named[day].remove(i)
                named[other].append(i)
                moved.update((day, other))
    out = []
    for day, members in named.items():
        if not members:
            continue
        sentences = [cands[i] for i in members]
        weights = [float(relevance[i]) for i in members]
        groups = report_groups(sentences) if day in moved else support[day]
        weight = sum(
            max(weights[j] for j in group)
            * (1 + MENTIONS * np.log(len({sentences[j].origin or sentences[j].passage.article_id for j in group})))
            for group in groups
        )
        out.append(Milestone(day, sentences, weights, len(groups), weight))
    return sorted(out, key=lambda m: (-m.weight, m.day))


def short_end(text: str, day: str, reference: str | None) -> int:
    """Where a timeline entry ends: the whole sentence when it has at most `WORDS` words, else after the
    longest opening of it within `WORDS` that names the day and reads on its own (`shortening.short_end`);
    the whole sentence when no opening does. The rest is in the source."""

    def names_day(head: str) -> bool:
        return day in dates_in(SAID_ON.sub(" ", head), reference) or day == announced_on(head, reference)

    return shortening.short_end(text, names_day)


def _cut(cand: Candidate, day: str) -> Candidate:
    """The sentence cut to its entry (an opening of it, so a leading pronoun's referent still holds)."""
    return replace(cand, end=cand.start + short_end(cand.text, day, cand.passage.date))


def entry(
    milestone: Milestone, taken: set[tuple[str, int]], leads: set[str] | None = None, avoid: Shown | None = None
) -> Pick | None:
    """The milestone's entry: its most central sentence (the most alike to the others naming the day, and
    relevant; from one of the `leads` articles when given; a quotation alone, or one whose subject is a
    pronoun with no referent, only when no other tells the day), cut short, citing another report that
    states the same (`support.states`, the rule behind every source count)."""
    sentences = milestone.sentences
    vectors = np.stack([c.vector for c in sentences])
    alike = vectors @ vectors.T
    # alike to the others, the more relevant others counting more: the story's account of the day
    weights = np.asarray(milestone.relevance) * (1 - np.eye(len(sentences)))
    centrality = (alike * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    best, best_score = -1, -np.inf
    for i, cand in enumerate(sentences):
        if (cand.passage.id, cand.order) in taken or not cand.quotable or (avoid is not None and cand in avoid):
            continue  # a sentence another part shows (the bottom line) is no entry: the day takes another
        if leads is not None and cand.passage.article_id not in leads:
            continue  # it counts for the day, but the entry quotes an article of the story
        words = len(cand.text[: short_end(cand.text, milestone.day, cand.passage.date)].split())
        score = centrality[i] + RELEVANCE * milestone.relevance[i] - LENGTH * max(0, words - WORDS)
        score -= UNNAMED if cand.referent is None and _UNNAMED.match(cand.text) else 0.0
        score -= UNNAMED if bare_quote(cand.text) else 0.0  # a quotation alone does not say who said it
        if score > best_score:
            best, best_score = i, score
    if best < 0:  # only a sentence another part shows tells the day: it tells it here too
        return entry(milestone, taken, leads) if avoid is not None else None
    lead = sentences[best]
    taken.add((lead.passage.id, lead.order))
    shown = _cut(lead, milestone.day)
    said_here = Statement.of(shown)
    others: list[Candidate] = []
    for j in np.argsort(-alike[best]):
        other = sentences[int(j)]
        if alike[best, j] < SHARED:
            break
        if not states(said_here, Statement.of(other), float(alike[best, j])):
            continue  # another thing that happened that day, or the same told with other names or figures
        if all(not same_report(other, seen) for seen in [lead, *others]):
            others.append(other)
    said = [lead, *others]
    outlets = outlets_of([c for c in sentences if any(same_report(c, s) for s in said)])  # reprints' outlets too
    finding = Finding(said, milestone.relevance[best], len(said), outlets, score=milestone.weight)
    return Pick(shown, milestone.day, also=others[:1], reports=len(said), outlets=outlets, finding=finding)


def _ahead(
    days: Sequence[Milestone], taken: set[tuple[str, int]], leads: set[str] | None, most: int, avoid: Shown | None
) -> list[Pick]:
    """Up to `most` entries of days to come whose line tells what is to come (not a past statement)."""
    out: list[Pick] = []
    for m in days:
        if len(out) < most and (p := entry(m, taken, leads, avoid)) is not None and looks_ahead(p.cand.text):
            out.append(p)
    return out


# a subject that names no one: who "both men" are is in another sentence
_UNNAMED = re.compile(
    r"(?:he|she|they|it|we|both|the two|these|those|the (?:pair|men|women|man|woman|couple|suspects?))\b", re.I
)


def timeline(
    cands: Sequence[Candidate],
    relevance: np.ndarray,
    newest: str | None,
    limit: int,
    ahead: int,
    leads: set[str] | None = None,
    avoid: Shown | None = None,
) -> tuple[list[Pick], list[Pick]]:
    """The timeline (up to `limit` past days, in date order) and the outlook (up to `ahead` days after the
    newest article, the most salient first): days named by `SUPPORT` independent reports or by one report's
    sentence central to the story, the most salient first (a report from outside the `leads` articles weighs
    `ASIDE` as much); an outlook with no such day takes the days to come that are named at all; an outlook
    entry tells what is to come (`dates.looks_ahead`). Every sentence counts for its day; an entry quotes
    one of the `leads` articles when given, and never a sentence `avoid` holds (shown in another part)."""
    central = float(np.quantile(relevance, CENTRAL)) if len(relevance) else 0.0
    if leads is not None:  # a report from outside the story's articles weighs less for its day
        relevance = relevance * np.asarray([1.0 if c.passage.article_id in leads else ASIDE for c in cands])
    ranked = milestones(cands, relevance)
    past = [m for m in ranked if not newest or m.day <= newest]
    future = [m for m in ranked if newest and m.day > newest]

    def milestone(m: Milestone) -> bool:  # named widely in the story, or by one report that is about it
        told = m.sentences if leads is None else [c for c in m.sentences if c.passage.article_id in leads]
        return len(report_groups(told)) >= SUPPORT or max(m.relevance) >= central

    taken: set[tuple[str, int]] = set()
    entries: list[Pick] = []
    for m in past:  # a day no sentence can tell (none from the leads) leaves its place to the next
        if len(entries) < limit and milestone(m) and (p := entry(m, taken, leads, avoid)) is not None:
            entries.append(p)
    # what is to come: the days named widely first; else the days named at all, rather than nothing dated
    outlook = _ahead([m for m in future if milestone(m)], taken, leads, ahead, avoid)
    outlook = outlook or _ahead(future, taken, leads, ahead, avoid)
    entries.sort(key=lambda p: (p.label or "", p.cand.order))
    return entries, outlook
