"""Key figures by salience: the figures a story turns on are those that the most independent reports give
(how many died, how many fled), each shown as the shortest opening of a source sentence that states it, not
the first figure of the best-ranked sentences."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from briefing.analysis.citations import Pick
from briefing.analysis.disputes import Figure, figure_of
from briefing.analysis.evidence import Finding
from briefing.analysis.quoting import narrowed
from briefing.analysis.reports import outlets_of, report_groups
from briefing.analysis.scoring import Candidate
from briefing.analysis.shown import Shown, said_at
from briefing.text.facts import key_figures, mentions, names_in
from briefing.text.numbers import figure_value
from briefing.text.predicates import predicates, same_predicate
from briefing.text.sentences import related, stem
from briefing.text.shortening import openings

WORDS = 30  # the longest line a figure is shown in
SMALL = 10  # a count below this is common speech ("two sides", "three countries") until reports agree on it
SMALL_ALIKE = 0.5  # how alike two sentences giving one small count must be (MiniLM cosine; see same_happening)
_PARTS = re.compile(r"[,;:]\s|\s[-–—]\s")  # a figure's part of its sentence says whom it is about


@dataclass(frozen=True)
class Given:
    """A sentence that gives a figure: the opening of it shown for the figure, and its finding's rank."""

    cand: Candidate  # the sentence cut to its shortest opening that states the figure
    label: str  # the figure with what it counts ("41 ships")
    rank: int
    finding: Finding
    clause: str = ""  # the clause of the sentence that holds the figure: whom or what it is about
    figure: Figure | None = None  # what the figure counts, for whom and when (`disputes.figure_of`)


def same_subject(a: Given, b: Given) -> bool:
    """Whether two sentences' figures are about the same party or place: their clauses name one in common,
    or one names none ("19 seats each" for the CDA and D66 is not "19 seats for Wilders' PVV")."""
    x, y = names_in(a.clause), names_in(b.clause)
    return not (x and y) or any(mentions(n, b.clause) for n in x) or any(mentions(n, a.clause) for n in y)


def same_time(a: Given, b: Given) -> bool:
    """Whether two sentences' figures are for the same time, when both name a day (the day of the figure's
    clause, read as `disputes.figure_of` reads it): "90 days" of the order signed on 27 January is
    not the "90 days" of the order signed on Monday 6 March."""
    x, y = (g.figure.time if g.figure and g.figure.time[:1].isdigit() else "" for g in (a, b))
    return not (x and y) or x == y  # a period's words ("since the start", "since August 2014") may be one


# nouns that count people whoever they are: "400,000 people" and "400,000 Iraqi civilians" are one figure
_PEOPLE = frozenset("people persons civilians residents inhabitants individuals non-combatants noncombatants".split())


def counts(counted: str) -> str:
    """What a figure counts, as its noun phrase's head ("Iraqi civilians" -> "civilian", "ISIL fighters" and
    "IS fighters" -> "fighter"); a noun for people, or a plural demonym ("Iraqis"), counts "people"."""
    words = counted.replace("-", " ").split()
    if not words:
        return ""
    head = words[-1].strip(".,;:’'")
    if head.lower() in _PEOPLE or re.fullmatch(r"[A-Z][a-z]+(?:an|i|er|ish)s", head):
        return "people"
    return stem(head.lower())


def _key(label: str) -> tuple[float, str] | None:
    """What two figures must share to be one: the number and what it counts ("41 ships" = "41 ships waiting")."""
    value, _, counted = label.partition(" ")
    number = figure_value(value)
    if number is None:
        return None
    return number, "%" if re.search(r"%|percent|per cent", label, re.I) else counts(counted)


def line_for(cand: Candidate, at: int) -> Candidate | None:
    """The sentence cut to its shortest opening that reads on its own and holds the figure standing at `at`
    (the whole sentence when none is shorter); None when that is longer than `WORDS` words."""
    text = cand.text
    ends = [end for end in openings(text, lambda head: len(head) > at) if end > at and has_verb(text[:end])]
    end = min(ends, default=len(text))
    return narrowed(cand, (0, end)) if len(text[:end].split()) <= WORDS else None


_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|shall|do|does|did|"
    r"says?|said)\b",
    re.I,
)


def has_verb(head: str) -> bool:
    """Whether an opening says something: a verb of its own, not a noun phrase cut from a list ("His
    executive order to halt all refugee entries for 120 days")."""
    return bool(_VERB.search(head)) or any(not p.startswith("will ") for p in predicates(head))  # "plan to halt"


def givers(ranked: Sequence[Finding], story: Collection[str] | None = None) -> dict[tuple[float, str], list[Given]]:
    """Every figure the findings' sentences give, with the sentences that give it; only sentences of the
    `story`'s articles when given (a finding may group an article about another event that shares words)."""
    out: dict[tuple[float, str], list[Given]] = {}
    for rank, finding in enumerate(ranked):
        for cand in finding.sentences:
            if (story is not None and cand.passage.article_id not in story) or not cand.quotable:
                continue
            for label, at in key_figures(cand.text):
                key = _key(label)
                line = line_for(cand, at) if key else None
                if key and line is not None:
                    clause = next((c for c in _PARTS.split(cand.text) if label.split()[0] in c), cand.text)
                    figure = figure_of(cand.text, cand.passage.date, label, at)
                    out.setdefault(key, []).append(Given(line, label, rank, finding, clause, figure))
    return out


def same_happening(a: Given, b: Given, x: frozenset[str], y: frozenset[str], small: bool) -> bool:
    """Whether two sentences' figures say the same happened: they share a predicate, or one of them names
    none. A `small` count (common speech) must also come in sentences at least `SMALL_ALIKE` alike in
    meaning: "two people remain in custody" is not "two people remain in hospital" (0.34 with MiniLM), nor
    "police are holding two people" (0.25); "two women have been released on bail" is "two women arrested
    in Birmingham were released on bail" (0.87)."""
    if not same_predicate(x, y):
        return False
    return not small or float(np.dot(a.cand.vector, b.cand.vector)) >= SMALL_ALIKE


def rest_of_line(given: Given) -> frozenset[str]:
    """What the shown line says besides its figure's clause: the predicates of its other parts. "Of 11
    people arrested so far, two remained in custody" states that two remained in custody; a report that
    seven of the 11 were released gives the figure but does not state the line."""
    parts = [part for part in _PARTS.split(given.cand.text) if part.strip() and part.strip() not in given.clause]
    return predicates(" ".join(parts))


def says_rest(rest: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether a sentence's predicates (`verbs`) state the rest of another's line: one of them, if it says more."""
    return not rest or any(related(x, y) for x in rest for y in verbs)


def _agreeing(given: Sequence[Given], groups: list[list[int]], verbs: list[frozenset[str]], at: int) -> list[list[int]]:
    """The reports (groups of indexes) whose sentences say the same happened, to the same party or place,
    as sentence `at`; when either line says more than its figure's clause (`rest_of_line`), the other
    sentence states that too: a report whose line adds another statement is no report of the line."""
    key = _key(given[at].label)
    small = key is not None and key[0] < SMALL
    rests = [rest_of_line(g) for g in given]
    agree = [
        [
            i
            for i in group
            if same_happening(given[at], given[i], verbs[at], verbs[i], small)
            and same_subject(given[at], given[i])
            and same_time(given[at], given[i])
            and (i == at or (says_rest(rests[at], verbs[i]) and says_rest(rests[i], verbs[at])))
        ]
        for group in groups
    ]
    return [group for group in agree if group]


# what a span of time counts (as `counts` gives it): how long each of several things lasts is several questions
_SPANS = frozenset({counts(unit) for unit in "seconds minutes hours days weeks months years decades".split()})


def same_question(a: Given, b: Given) -> bool:
    """Whether two figures answer one question: they count the same thing (`counts`), their clauses say the
    same happened to it (both name what, and share it) and are about the same party or place. "220 civilians"
    killed and "200 civilians" killed in one strike answer how many civilians died; "180,000 civilians" fled
    answers another question, and "33 seats" for the VVD is not "20 seats" for the PVV. Two spans of time
    are two questions: how long each thing lasts."""
    if counts_of(a) in _SPANS:  # "90 days" for travellers and "120 days" for refugees: two bans, two lines
        return False
    # a hyphen for a lost space ("51.9-percent of participants voted-for Brexit") hides the verb
    x, y = (predicates(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", g.clause)) for g in (a, b))
    alike = any(related(p, q) for p in x for q in y)
    return counts_of(a) == counts_of(b) and alike and same_subject(a, b)


def counts_of(given: Given) -> str:
    """What a figure counts (`counts`), a share for a percentage."""
    key = _key(given.label)
    return key[1] if key else ""


_GLUED = re.compile(r"[a-z)]{2}[.!?]\s+\S")  # "… in the city. jbh/gsw (dpa": a sentence with a tail glued on


ASIDE_ARTICLES = 5  # the articles a story has when one report's figure may be an aside of it
ASIDE = 25  # the percentile of the story's sentences' relevance below which one report's figure is an aside


def _aside_floor(
    ranked: Sequence[Finding], story: Collection[str] | None, relevance: Mapping[tuple[str, int], float] | None
) -> float:
    """The relevance below which a single-source figure is an aside: the `ASIDE` percentile of the story's
    sentences' relevance, in a story of `ASIDE_ARTICLES` articles or more."""
    if not relevance or story is None:
        return 0.0  # no story to be aside from (a store of a few articles: every figure may count)
    told = [c for f in ranked for c in f.sentences if c.passage.article_id in story]
    if len({c.passage.article_id for c in told}) < ASIDE_ARTICLES:
        return 0.0  # a story of a few articles has no asides to tell apart: each sentence is the story's
    values = [relevance[said_at(c)] for c in told if said_at(c) in relevance]
    return float(np.percentile(values, ASIDE)) if values else 0.0


def salient_figures(
    ranked: Sequence[Finding],
    limit: int,
    superseded: Sequence[Finding] = (),
    story: Collection[str] | None = None,
    disputed: Shown | None = None,
    relevance: Mapping[tuple[str, int], float] | None = None,
) -> list[Pick]:
    """Up to `limit` key figures, those the most independent reports of the story give first, then those that
    count what the story's reports count most (people, seats), then by the rank of their best finding; one
    line a figure: the line most reports agree with, the shortest among equals, citing the best line of one
    more report; counted over the reports whose sentences say the same happened (`text.predicates`), among
    the sentences of the `story`'s articles when given. One figure answers a question (`same_question`): the
    other answers to how many died are the disputes' to show. A figure its source revised (a lead of
    `superseded`) is not shown, nor a line of a sentence already shown for another figure ("830,000 euros
    ($900,000) … for 15 years" is one line, not three) or one side of a dispute shows (`disputed`: the figure
    is shown there, beside the other side's). Given each sentence's `relevance` to the topic and the `story`, a
    single-source figure of a sentence less relevant than three in four of the story's is an aside ("In April 2015, 800
    people drowned off the Italian coast", in a Syria brief)."""
    revised = {_key(label) for f in superseded for label, _ in key_figures(f.lead.text)}
    chosen: list[tuple[int, int, Given, Pick]] = []
    given_by = givers(ranked, story)
    floor = _aside_floor(ranked, story, relevance)
    for key, given in given_by.items():
        if key in revised:
            continue
        verbs = [predicates(g.cand.text) for g in given]
        reports = report_groups([g.cand for g in given])
        options = [(i, _agreeing(given, reports, verbs, i)) for i in range(len(given))]
        at, groups = max(
            options,
            key=lambda o: (
                len(o[1]),
                not _GLUED.search(given[o[0]].cand.text),
                -len(given[o[0]].cand.text.split()),
                -given[o[0]].rank,
            ),
        )
        shown = given[at]
        if key[0] < SMALL and len(groups) < 2:
            continue  # "two sides", "three countries": a small count is common speech until reports agree on it
        if relevance is not None and len(groups) < 2 and relevance.get(said_at(shown.cand), 1.0) < floor:
            continue  # one report's aside
        others = [min((given[i] for i in group), key=lambda g: g.rank) for group in groups if at not in group]
        pick = Pick(shown.cand, shown.label, also=[g.cand for g in others][:1], reports=len(groups))
        pick.outlets = outlets_of([given[i].cand for group in groups for i in group])
        pick.finding = shown.finding
        chosen.append((-len(groups), min(g.rank for g in given), shown, pick))
    counted: dict[str, list[Candidate]] = {}  # what the story counts: every sentence giving a figure of it
    for key, given in given_by.items():
        counted.setdefault(key[1], []).extend(g.cand for g in given)
    salience = {unit: len(report_groups(cands)) for unit, cands in counted.items()}
    chosen.sort(key=lambda item: (item[0], -salience.get(counts_of(item[2]), 0), item[1]))
    out: list[Pick] = []
    answered: list[Given] = []
    lines: set[tuple[str, int]] = set()
    for _, _, given_, p in chosen:  # one sentence once: its first figure stands for the others it gives
        if len(out) >= limit:
            break
        if said_at(p.cand) in lines or p.cand in (disputed or ()) or any(same_question(given_, a) for a in answered):
            continue
        out.append(p)
        answered.append(given_)
        lines.add(said_at(p.cand))
    return out
