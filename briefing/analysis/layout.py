"""The layout of a one-page brief: the evidence it draws on, and how findings fill its parts.

Both engines use it: the extractive engine quotes what `layout` picks; an LLM engine writes from the same
evidence and falls back on `layout` for a part the check leaves empty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.analysis.citations import Citer, Pick
from briefing.analysis.digest import digest, since_label
from briefing.analysis.evidence import Evidence, Finding, origin
from briefing.analysis.figures import salient_figures
from briefing.analysis.parties import actors
from briefing.analysis.quoting import disputed, main_clause, opening, pick, reshown
from briefing.analysis.scoring import Candidate
from briefing.analysis.shown import Shown, said_at
from briefing.analysis.sides import superseded as revised_away
from briefing.analysis.stories import DIGEST_ARTICLES
from briefing.analysis.timeline import timeline
from briefing.results import TOP_STORIES, Brief, Part, Section
from briefing.text.actors import actor_of
from briefing.text.dates import dates_in, looks_ahead
from briefing.text.facts import key_figure
from briefing.text.shortening import bare_quote
from briefing.types import Filters

LIMITS = {
    Part.BOTTOM_LINE: 2,
    Part.KEY_DEVELOPMENTS: 5,
    Part.DISPUTED: 3,
    Part.ACTORS: 4,
    Part.KEY_FIGURES: 4,
    Part.TIMELINE: 10,
    Part.OUTLOOK: 3,
}
CHANGED = 5  # developments listed under "What changed since"
# which part keeps a sentence two parts would show: the gist, the days by date salience, the figures, the
# parties; the developments give way
KEEP = (Part.BOTTOM_LINE, Part.TIMELINE, Part.OUTLOOK, Part.KEY_FIGURES, Part.ACTORS, Part.KEY_DEVELOPMENTS)
# what a part keeps when the page must shrink
WEIGHTS: dict[str, float] = {
    Part.KEY_DEVELOPMENTS: 2.5,
    Part.DISPUTED: 1.5,
    Part.TIMELINE: 6.0,  # a big story keeps 6 to 10 days (4.0 left 5 or 6 on the calibration stories)
    Part.ACTORS: 2.0,
    Part.KEY_FIGURES: 2.5,  # as the developments: 2.0 left 2 of 4 figures on the calibration pages
}
# what is to come: "will" as a verb ("bore no ill will" is not), plans, deadlines
_OUTLOOK = re.compile(
    r"\b(will(?= (?:not |also |now |still |soon )?[a-z]+\b)(?<!\bill will)(?<!\bgood will)|expect\w*|plans? to|"
    r"planned|planning to|intend\w*|upcoming|next (?:week|month|year)|deadline|is due|are due|scheduled)\b",
    re.I,
)

Picks = dict[str, list[Pick]]


@dataclass(frozen=True)
class BriefSpec:
    """What a brief is asked for: its topic (None: everything stored), word budget, filters, and the date
    of the last brief (`changes_since`), for a part on what changed since."""

    topic: str | None
    words: int
    filters: Filters
    changes_since: str | None = None

    @property
    def title(self) -> str:
        return f"Situation brief: {self.topic}" if self.topic else "Situation brief"

    def brief(self, sections: list[Section], citer: Citer, evidence: Evidence, engine: str) -> Brief:
        """A brief of these parts and the sources they cite."""
        f = self.filters
        brief = Brief(
            self.title, self.topic, sections, citer.sources, evidence.articles, f.since, f.until, engine=engine
        )
        brief.outlets, brief.copies = len(evidence.outlets), evidence.copies
        brief.first, brief.last = evidence.first, evidence.last
        brief.volume = volume(evidence.cands)
        return brief

    def abstain(self, articles: int, message: str) -> Brief:
        """A brief that says why there is nothing to brief on."""
        f = self.filters
        return Brief(self.title, self.topic, [], [], articles, f.since, f.until, abstained=True, message=message)


def volume(cands: Sequence[Candidate]) -> dict[str, dict[str, int]]:
    """Articles drawn on per outlet per day (undated articles left out), for the timeline picture."""
    seen = {c.passage.article_id: (c.passage.source, c.passage.date) for c in cands if c.passage.date}
    counts: dict[str, dict[str, int]] = {}
    for outlet, day in seen.values():
        per_day = counts.setdefault(outlet or "unknown outlet", {})
        per_day[day] = per_day.get(day, 0) + 1
    return counts


def fitted_brief(parts: Picks, words: int, make: Callable[[Picks], Brief]) -> Brief:
    """The brief made from `parts`, with claims dropped until its body (the Sources list is not counted) fits
    the word budget: the weakest claim of the part fullest for its weight (developments and the timeline
    weigh most), each part keeping one."""
    while True:
        brief = make(parts)
        if brief.words <= words:
            return brief
        shrinkable = [t for t in parts if len(parts[t]) > 1]
        if not shrinkable:
            return brief
        title = max(shrinkable, key=lambda t: (len(parts[t]) / WEIGHTS.get(t, 1.0), t != Part.BOTTOM_LINE))
        part = parts[title]
        if title in (TOP_STORIES, Part.KEY_FIGURES):  # in order: the most widely covered stories, figures
            part.pop()
        else:
            part.remove(min(reversed(part), key=lambda p: p.finding.score if p.finding is not None else 0.0))


def assembler(spec: BriefSpec, evidence: Evidence, engine: str) -> Callable[[Picks], Brief]:
    """A function that turns picks into a Brief, numbering sources in order of first citation."""

    def make(parts: Picks) -> Brief:
        citer = Citer()
        sections = [Section(part, [p.claim(citer) for p in picks]) for part, picks in parts.items()]
        brief = spec.brief(sections, citer, evidence, engine)
        # the findings shown: a timeline entry's is the finding its sentence belongs to
        finding_of = {(c.passage.id, c.order): f for f in evidence.findings for c in f.sentences}
        picked = [p for picks in parts.values() for p in picks if p.finding is not None]
        shown = {id(f): f for p in picked if (f := finding_of.get((p.cand.passage.id, p.cand.order), p.finding))}
        floor = min((f.score for f in shown.values()), default=0.0)
        left = [f for f in evidence.findings if f.score >= floor and id(f) not in shown]
        if evidence.stories:  # a digest
            told = len(parts.get(TOP_STORIES, []))
            brief.notes.append(
                f"The {told} stories the most outlets covered, one line each, read from the newest "
                f"{DIGEST_ARTICLES} articles of each (the {evidence.articles} articles above); a story's topic "
                "gives its brief."
            )
        elif left:  # as relevant as what is shown, and left out for room
            single = sum(f.reports == 1 for f in left)
            brief.notes.append(f"{len(left)} more claims as relevant not shown ({single} of them single-source).")
        return brief

    return make


def layout(evidence: Evidence, spec: BriefSpec) -> Picks:
    """Fill each part from the ranked findings: each finding shown once where possible; a brief on a store
    of several stories is a digest of them (`digest.digest`)."""
    if evidence.stories:
        return digest(evidence, spec.changes_since)
    parts: Picks = {part: [] for part in Part}
    ranked = evidence.findings
    if not ranked:
        return parts
    used: set[int] = set()
    # A figure its source later revised is shown only as revised, under "Disputed or unconfirmed".
    superseded = revised_away(evidence.disputes)
    single = evidence.articles == 1

    def take(
        part: Part,
        chosen: Sequence[tuple[Finding, str | None]],
        reuse: bool = False,
        per_report: int = 0,
        most: int | None = None,
        avoid: Shown | None = None,
    ) -> None:
        """Add the chosen findings to a part, up to its limit (or `most` more), none whose lead is `avoid`ed."""
        reports = Counter(origin(p.finding.lead) for p in parts[part] if p.finding is not None)
        stop = LIMITS[part] if most is None else len(parts[part]) + most
        for finding, label in chosen:
            if len(parts[part]) >= stop:
                break
            report = origin(finding.lead)
            if id(finding) in superseded or (id(finding) in used and not reuse):
                continue
            if (avoid is not None and finding.lead in avoid) or not finding.lead.quotable:
                continue  # shown elsewhere, or a heading run into every sentence of it
            if per_report and reports.get(report, 0) >= per_report:
                continue  # one article's findings don't crowd out the others'
            reports[report] = reports.get(report, 0) + 1
            used.add(id(finding))
            parts[part].append(pick(finding, label))

    # News puts the gist first: an article's opening sentence gets a head start for the bottom line.
    # A quotation alone, its speaker unnamed, reports no development ("The attack has again demonstrated …").
    said = [f for f in ranked if not bare_quote(f.lead.text)] or list(ranked)
    lead = sorted(said, key=lambda f: -(f.score + (0.15 if opening(f) else 0)))
    take(Part.BOTTOM_LINE, [(f, None) for f in lead[: 1 if single else 2]])
    for p in parts[Part.BOTTOM_LINE]:  # an article's opening sentence states the gist best
        first = opening(p.finding) if p.finding is not None else None
        if first is not None and first is not p.cand:
            reshown(p, first)
    gist = Shown(p.cand for p in parts[Part.BOTTOM_LINE])
    # The days by date salience, each told by a sentence the bottom line does not show; no other part shows
    # a sentence they show.
    parts[Part.TIMELINE], parts[Part.OUTLOOK] = timeline(
        evidence.cands,
        evidence.relevance,
        evidence.last,
        LIMITS[Part.TIMELINE],
        LIMITS[Part.OUTLOOK],
        (evidence.core | evidence.central) or None,  # the story's articles: about the topic, or central to it
        gist,
    )
    days_shown = Shown(p.cand for p in [*parts[Part.TIMELINE], *parts[Part.OUTLOOK]])
    developments = [(f, None) for f in said]
    take(Part.KEY_DEVELOPMENTS, developments, per_report=0 if single else 2, avoid=days_shown | gist)
    # The parts beside the developments draw on the articles about the topic only (disputes: on those
    # central to its story): an article that mentions it in passing gives no actor, figure, dispute or outlook.
    core = [f for f in ranked if not evidence.core or f.lead.passage.article_id in evidence.core]
    central = evidence.central | evidence.core
    disputes = [d for d in evidence.disputes if not central or all(c.passage.article_id in central for c in d.said)]
    parts[Part.DISPUTED] = [disputed(d) for d in disputes[: LIMITS[Part.DISPUTED]]]
    parties = actors(core, used, days_shown | gist)
    take(Part.ACTORS, [(f, name) for f, name, _ in parties], reuse=True)
    saying = {(id(f), name): cand for f, name, cand in parties}  # two parties may speak in one finding
    for p in parts[Part.ACTORS]:  # the sentence that says what the party says
        reshown(p, saying[id(p.finding), p.label or ""], p.label)
    # a development a party's line shows gives its place to the next one
    voiced = days_shown | gist | Shown(p.cand for p in parts[Part.ACTORS])
    before = len(parts[Part.KEY_DEVELOPMENTS])
    parts[Part.KEY_DEVELOPMENTS] = [p for p in parts[Part.KEY_DEVELOPMENTS] if p.cand not in voiced]
    if len(parts[Part.KEY_DEVELOPMENTS]) < before:
        take(Part.KEY_DEVELOPMENTS, developments, per_report=0 if single else 2, avoid=voiced)
    parts[Part.KEY_DEVELOPMENTS].sort(key=lambda p: (p.cand.passage.date or "", p.cand.order))
    revised = [d.sides[0] for d in evidence.disputes if d.revision]
    # every sentence of the story's articles may give a figure, whichever finding holds it: a finding led by an
    # article that names the topic in passing may still group the report of how many fled
    in_dispute = Shown(c for p in parts[Part.DISPUTED] for c in (p.cand, *p.also))
    parts[Part.KEY_FIGURES] = salient_figures(
        ranked, LIMITS[Part.KEY_FIGURES], revised, evidence.core or None, in_dispute, relevance_of(evidence)
    )
    used.update(id(p.finding) for p in parts[Part.KEY_FIGURES])
    if len(parts[Part.TIMELINE]) < 2:  # publication dates are the last resort, and say so
        published = [(f, f"{f.first} (published)") for f in core if f.first and not f.event]
        take(Part.TIMELINE, published, reuse=True, most=3 - len(parts[Part.TIMELINE]))
        parts[Part.TIMELINE].sort(key=lambda p: (p.label or "", p.cand.order))
    if not parts[Part.OUTLOOK]:  # no day to come named widely enough: what the sources expect
        ahead = [(f, None) for f in core if _OUTLOOK.search(f.lead.text) and looks_ahead(f.lead.text)]
        take(Part.OUTLOOK, sorted(ahead, key=lambda pair: id(pair[0]) in used), reuse=True)  # not shown above first
    if spec.changes_since:  # new to the store since then, each with the day it was published
        title = f"What changed since {since_label(spec.changes_since)}"
        parts[title] = [pick(f, published_label(f)) for f in ranked if f.new_since(spec.changes_since)][:CHANGED]
        parts[title].sort(key=lambda p: p.cand.passage.date or "")
    for part in parts:
        if part in (Part.DISPUTED, Part.KEY_FIGURES, Part.TIMELINE):
            continue  # cut to their figure's clause or their day's opening above
        for p in parts[part]:  # each claim as its main clause, counting the reports that state that
            dated = part == Part.OUTLOOK  # what is to come keeps its day; a party's line, the party
            party = p.label if part == Part.ACTORS else None
            if p.finding is not None and (short := main_clause(p.finding, p.cand, dated, party)) is not p.cand:
                reshown(p, short, party)
    once(parts)
    return parts


def relevance_of(evidence: Evidence) -> dict[tuple[str, int], float]:
    """Each candidate sentence's relevance to the topic, by where it stands."""
    return {said_at(c): float(r) for c, r in zip(evidence.cands, evidence.relevance, strict=False)}


def once(parts: Picks) -> None:
    """One sentence once per page: a sentence a part earlier in `KEEP` shows is left out of a later part,
    unless that would leave the later part empty (a store of one or two articles has few sentences). The
    timeline keeps a day only the bottom line's sentence tells (it chose another where it could)."""
    seen = Shown()
    for part in KEEP:
        picks = parts.get(part, [])
        if part not in (Part.TIMELINE, Part.OUTLOOK):
            parts[part] = [p for p in picks if p.cand not in seen] or picks[:1]
        seen.add(*(p.cand for p in parts[part]))


def published_label(finding: Finding) -> str | None:
    """A finding's label under "What changed": the day its first article was published."""
    return f"published {finding.first}" if finding.first else None


def label_for(part: str, text: str, date: str | None) -> str | None:
    """The label a claim carries in its part: the actor, the figure, or the date (`date`: the article's)."""
    if part == Part.ACTORS:
        return actor_of(text)
    if part == Part.KEY_FIGURES:
        return key_figure(text)
    if part in (Part.TIMELINE, Part.OUTLOOK):
        named = dates_in(text, date)
        return named[0] if named else date
    return None
