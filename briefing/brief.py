"""The layout of a one-page brief: the evidence it draws on, and how findings fill its parts.

Both engines use it: the extractive engine quotes what `layout` picks; an LLM engine writes from the same
evidence and falls back on `layout` for a part the check leaves empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from briefing.actors import actor_of, person_of, role_of, speaker
from briefing.citations import Citer, Pick
from briefing.evidence import Dispute, Finding, collapsed, findings, origin, rank
from briefing.facts import dates_in, key_figure
from briefing.scoring import Candidate, centrality, coverage, relevance, unit
from briefing.text import clauses
from briefing.types import PARTS, Brief, Filters, Passage, Section

LIMITS = {PARTS[0]: 2, PARTS[1]: 5, PARTS[2]: 3, PARTS[3]: 4, PARTS[4]: 4, PARTS[5]: 7, PARTS[6]: 3}
CHANGED = 5  # developments listed under "What changed since"
WEIGHTS = {PARTS[1]: 2.5, PARTS[2]: 1.5, PARTS[5]: 1.5}  # what a part keeps when the page must shrink
MAX_PASSAGES = 80
PER_ARTICLE = 4
TOPIC_SHARE = 0.6  # an article is about a topic when it is this share as relevant as the best one
STORY = 0.55  # and belongs to the topic's story when its mean vector is this close to the core's
PER_ARTICLE_SENTENCES = 30

_LEANS = re.compile(r"""^["'“‘]?(And|But|Or|So|Moreover|However|Also)\b""")
_OUTLOOK = re.compile(
    r"\b(will|expect\w*|plan\w*|intend\w*|upcoming|next (?:week|month|year)|deadline|is due|are due|scheduled)\b",
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
        return brief

    def abstain(self, articles: int, message: str) -> Brief:
        """A brief that says why there is nothing to brief on."""
        f = self.filters
        return Brief(self.title, self.topic, [], [], articles, f.since, f.until, abstained=True, message=message)


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

    @property
    def passages(self) -> list[Passage]:
        """The passages the findings' sentences come from, best finding first (for a model to read)."""
        return list({c.passage.id: c.passage for f in self.findings for c in f.sentences}.values())


def gather(cands: Sequence[Candidate], relevance: np.ndarray, articles: int) -> Evidence:
    """Findings and disputes from scored candidate sentences, ranked for a brief."""
    cands = list(cands)
    dates = sorted(c.passage.date for c in cands if c.passage.date)
    found, disputes = findings(cands, relevance)
    outlets = list(dict.fromkeys(c.passage.source for c in cands if c.passage.source))
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


def select_passages(passages: Sequence[Passage], vectors: np.ndarray, focus: np.ndarray) -> list[int]:
    """The passages a whole-store brief draws on: closest to the focus, spread over as many articles as fit."""
    order = np.argsort(-(unit(vectors) @ focus)) if len(passages) else np.zeros(0, dtype=int)
    articles = len({p.article_id for p in passages})
    cap = max(PER_ARTICLE, MAX_PASSAGES // max(articles, 1))
    per_article: dict[str, int] = {}
    chosen = []
    for i in order:
        article = passages[int(i)].article_id
        if per_article.get(article, 0) < cap:
            per_article[article] = per_article.get(article, 0) + 1
            chosen.append(int(i))
        if len(chosen) >= MAX_PASSAGES:
            break
    return chosen


def topical(
    cands: Sequence[Candidate],
    topic: str,
    focus: np.ndarray,
    min_relevance: float,
    more: Callable[[np.ndarray, set[str]], list[Candidate]] | None = None,
) -> tuple[list[Candidate], np.ndarray]:
    """The sentences of the story a topic names, scored for a brief on it (nothing when no article is about it).

    An article is about the topic when its relevance (its closest sentence's meaning, and the topic's words
    in its title and text) is nearly as high as the best article's (`TOPIC_SHARE`). Those articles are the
    story's core; an article close to the core's mean (`STORY`) belongs to the story too, though it may not
    use the topic's words ("Employers raise offer to dockers" in a brief on a port strike). `more(centre,
    known)` finds further candidate articles near the core's mean. Sentences are scored by their own
    relevance, their article's, and how typical they are of the story; at most `PER_ARTICLE_SENTENCES` of
    each article's first sentences count.
    """
    unit_focus = unit(np.asarray(focus, dtype=np.float32))
    by_article = _by_article(cands)
    about = _about_topic(by_article, cands, topic, unit_focus)
    best = max(about.values(), default=0.0)
    if best < min_relevance:
        return [], np.zeros(0)
    core = [a for a in by_article if about[a] >= TOPIC_SHARE * best]
    reports = {cands[by_article[a][0]].origin or a: a for a in core}.values()  # a reprint weighs once
    centre = unit(np.mean([_mean(cands, by_article[a]) for a in reports], axis=0))
    if more is not None:
        cands = [*cands, *more(centre, set(by_article))]
        by_article = _by_article(cands)
        about = _about_topic(by_article, cands, topic, unit_focus)
    near = {a: float(_mean(cands, members) @ centre) for a, members in by_article.items()}
    story = [a for a in by_article if a in core or near[a] >= STORY]
    keep = sorted(i for a in story for i in by_article[a][:PER_ARTICLE_SENTENCES])
    kept = [cands[i] for i in keep]
    own = relevance(topic, unit_focus, kept)
    article = np.asarray([0.5 * about[c.passage.article_id] + 0.5 * near[c.passage.article_id] for c in kept])
    return kept, 0.5 * own + 0.25 * article + 0.25 * centrality(kept)


def _by_article(cands: Sequence[Candidate]) -> dict[str, list[int]]:
    """Candidate indexes per article, in article order."""
    out: dict[str, list[int]] = {}
    for i in sorted(range(len(cands)), key=lambda i: cands[i].order):
        out.setdefault(cands[i].passage.article_id, []).append(i)
    return out


def _mean(cands: Sequence[Candidate], members: Sequence[int]) -> np.ndarray:
    return unit(np.mean([cands[i].vector for i in members], axis=0))


def _about_topic(
    by_article: dict[str, list[int]], cands: Sequence[Candidate], topic: str, focus: np.ndarray
) -> dict[str, float]:
    """Each article's relevance to a topic: its closest sentence's meaning, the topic's words in its text."""
    ids = list(by_article)
    meaning = [max(float(cands[i].vector @ focus) for i in by_article[a]) for a in ids]
    texts = [" ".join([cands[by_article[a][0]].passage.title, *(cands[i].text for i in by_article[a])]) for a in ids]
    return {a: 0.5 * m + 0.5 * w for a, m, w in zip(ids, meaning, coverage(topic, texts), strict=True)}


def whole_set_relevance(cands: Sequence[Candidate], story_of: dict[str, str] | None = None) -> np.ndarray:
    """Relevance without a topic: how typical each sentence is of its story (or of the whole set),
    connectives and damaged text ranked down."""
    score = np.zeros(len(cands))
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(cands):
        groups.setdefault((story_of or {}).get(c.passage.article_id, ""), []).append(i)
    for members in groups.values():
        score[members] = centrality([cands[i] for i in members])
    return score - 0.1 * np.asarray([bool(_LEANS.match(c.shown)) + c.damaged for c in cands])


def fit(parts: Picks, words: int, make: Callable[[Picks], Brief]) -> Brief:
    """The brief made from `parts`, with claims dropped until the whole page, sources list included, fits
    the word budget: from the part fullest for its weight (developments weigh most), each keeping one."""
    while True:
        brief = make(parts)
        if len(brief.markdown.split()) <= words:
            return brief
        shrinkable = [t for t in parts if len(parts[t]) > 1]
        if not shrinkable:
            return brief
        parts[max(shrinkable, key=lambda t: (len(parts[t]) / WEIGHTS.get(t, 1.0), t != PARTS[0]))].pop()


def assembler(spec: BriefSpec, evidence: Evidence, engine: str) -> Callable[[Picks], Brief]:
    """A function that turns picks into a Brief, numbering sources in order of first citation."""

    def make(parts: Picks) -> Brief:
        citer = Citer()
        sections = [Section(part, [p.claim(citer) for p in picks]) for part, picks in parts.items()]
        brief = spec.brief(sections, citer, evidence, engine)
        shown = {id(p.finding) for picks in parts.values() for p in picks if p.finding is not None}
        left = sum(1 for f in evidence.findings if id(f) not in shown and f.reports == 1)
        if left:
            brief.notes.append(f"{left} more single-source claims not shown.")
        return brief

    return make


def pick(finding: Finding, label: str | None = None) -> Pick:
    """A finding as a claim: its lead sentence, citing the best sentence of each other independent report."""
    lead, *others = finding.independent()
    return Pick(lead, label, also=others, reports=finding.reports, outlets=finding.outlets, finding=finding)


def figure_clause(text: str) -> tuple[int, int]:
    """Where in a sentence the clause stating its key figure is (the whole sentence when it cannot be cut)."""
    figure = key_figure(text)
    value = figure.split()[0] if figure else ""
    for part in clauses(text):
        start = text.find(part)
        if value and value in part and len(part.split()) >= 5 and start >= 0:
            return start, start + len(part)
    return 0, len(text)


def narrowed(cand: Candidate, span: tuple[int, int]) -> Candidate:
    """The candidate cut to a span of its sentence (offsets relative to the sentence)."""
    return replace(cand, start=cand.start + span[0], end=cand.start + span[1], referent=None)


def disputed(dispute: Dispute) -> Pick:
    """Both sides of a dispute, each quoted with who said it, where and when; or a revision, from the old
    figure to the new one, quoting the new."""
    old, new = (side.lead for side in dispute.sides)

    def side(c: Candidate) -> str:
        who = ", ".join(x for x in (speaker(c.text), c.passage.source, c.passage.date) if x)
        return f"“{narrowed(c, figure_clause(c.text)).text}” ({who})"

    before, after = key_figure(old.text), key_figure(new.text)
    what = (after or before or dispute.quantity).split(maxsplit=1)[-1]
    old_part, new_part = narrowed(old, figure_clause(old.text)), narrowed(new, figure_clause(new.text))
    if dispute.revision and before and after:
        text = f"revised from {before.split()[0]} to {after.split()[0]}: {side(new)}"
        return Pick(new_part, what, text, "compared", [old_part])
    return Pick(old_part, f"{what} (disputed)", f"{side(old)} vs {side(new)}", "compared", [new_part])


def layout(evidence: Evidence, spec: BriefSpec) -> Picks:
    """Fill each part from the ranked findings: each finding shown once where possible."""
    parts: Picks = {part: [] for part in PARTS}
    ranked = evidence.findings
    if not ranked:
        return parts
    used: set[int] = set()
    # A figure its source later revised is shown only as revised, under "Disputed or unconfirmed".
    superseded = {id(d.sides[0]) for d in evidence.disputes if d.revision}
    single = evidence.articles == 1

    def take(
        part: str,
        chosen: Sequence[tuple[Finding, str | None]],
        reuse: bool = False,
        per_report: int = 0,
        most: int | None = None,
    ) -> None:
        """Add the chosen findings to a part, up to its limit (or `most` more)."""
        reports: dict[str, int] = {}
        stop = LIMITS[part] if most is None else len(parts[part]) + most
        for finding, label in chosen:
            if len(parts[part]) >= stop:
                break
            report = origin(finding.lead)
            if id(finding) in superseded or (id(finding) in used and not reuse):
                continue
            if per_report and reports.get(report, 0) >= per_report:
                continue  # one article's findings don't crowd out the others'
            reports[report] = reports.get(report, 0) + 1
            used.add(id(finding))
            parts[part].append(pick(finding, label))

    # News puts the gist first: an article's opening sentence gets a head start for the bottom line.
    lead = sorted(ranked, key=lambda f: -(f.score + (0.15 if _opening(f) else 0)))
    story_of = evidence.story_of
    if len(set(story_of.values())) > 1:  # a brief on everything: each story named, the widest covered first
        order = list(dict.fromkeys(story_of.values()))
        first = {story_of[f.lead.passage.article_id]: f for f in reversed(lead)}
        take(PARTS[0], [(first[s], s) for s in order if s in first])
        for story in order:
            take(PARTS[1], [(f, story) for f in ranked if story_of[f.lead.passage.article_id] == story], most=2)
    else:
        take(PARTS[0], [(f, None) for f in lead[: 1 if single else 2]])
    for p in parts[PARTS[0]]:  # an article's opening sentence states the gist best
        opening = _opening(p.finding) if p.finding is not None else None
        if opening is not None and opening is not p.cand:
            p.also = [c for c in p.also if c.passage.article_id != opening.passage.article_id]
            p.cand, p.text = opening, opening.shown
        take(PARTS[1], [(f, None) for f in ranked], per_report=0 if single else 2)
        parts[PARTS[1]].sort(key=lambda p: (p.cand.passage.date or "", p.cand.order))
    parts[PARTS[2]] = [disputed(d) for d in evidence.disputes[: LIMITS[PARTS[2]]]]
    take(PARTS[3], _actors(ranked, used), reuse=True)
    take(PARTS[4], [(f, key_figure(f.lead.text)) for f in ranked if key_figure(f.lead.text)], reuse=True)
    for p in parts[PARTS[4]]:  # the clause with the figure, not the whole sentence again
        p.cand = narrowed(p.cand, figure_clause(p.cand.text))
        p.also, p.text = [narrowed(c, figure_clause(c.text)) for c in p.also], p.cand.text
    timeline, outlook = _dated(ranked, evidence.last)
    if len(timeline) < 2:  # publication dates are the last resort, and say so
        timeline += [(f, f"{f.first} (published)") for f in ranked if f.first and not f.event][: 3 - len(timeline)]
    take(PARTS[5], timeline, reuse=True)
    for p in parts[PARTS[5]]:  # the sentence that names the date
        dated = p.finding.dated if p.finding is not None else None
        if dated is not None and dated[1] is not p.cand:
            p.also = [c for c in p.also if c.passage.article_id != dated[1].passage.article_id]
            p.cand, p.text = dated[1], dated[1].shown
    parts[PARTS[5]].sort(key=lambda p: (p.label or "", p.cand.order))
    ahead = outlook or [(f, None) for f in ranked if _OUTLOOK.search(f.lead.text)]
    take(PARTS[6], sorted(ahead, key=lambda pair: id(pair[0]) in used), reuse=True)  # not shown above first
    if spec.changes_since:
        title = f"What changed since {spec.changes_since}"
        parts[title] = [pick(f) for f in ranked if f.first > spec.changes_since][:CHANGED]
        parts[title].sort(key=lambda p: p.cand.passage.date or "")
    return parts


def _opening(finding: Finding) -> Candidate | None:
    """The finding's sentence that opens its article, if one does (news puts the gist first)."""
    return next((c for c in finding.sentences if c.passage.chunk == 0 and c.start < 400), None)


def _actors(ranked: Sequence[Finding], shown: set[int]) -> list[tuple[Finding, str | None]]:
    """One finding per actor, labelled with the actor and the role the text gives them: the best finding not
    shown elsewhere on the page, else the best one."""
    best: dict[str, tuple[Finding, str]] = {}
    for finding in ranked:
        name = actor_of(finding.lead.shown)
        if not name:
            continue
        key = name.split()[-1].casefold()
        if key not in best or (id(best[key][0]) in shown and id(finding) not in shown):
            best[key] = (finding, name)
    out: list[tuple[Finding, str | None]] = []
    for finding, name in sorted(best.values(), key=lambda pair: -pair[0].score):
        name = person_of(name)
        role = next((r for c in finding.sentences if (r := role_of(c.text, name))), None)
        out.append((finding, f"{name}, {role}" if role else name))
    return out


def _dated(ranked: Sequence[Finding], newest: str | None) -> tuple[list[tuple[Finding, str | None]], list]:
    """Findings that name when something happened: past ones for the timeline (at most two per day), future
    ones for the outlook."""
    per_day: dict[str, int] = {}
    timeline: list[tuple[Finding, str | None]] = []
    outlook: list[tuple[Finding, str | None]] = []
    for finding in ranked:
        day = finding.event
        if not day:
            continue
        if newest and day > newest:
            outlook.append((finding, day))
        elif per_day.get(day, 0) < 2:
            per_day[day] = per_day.get(day, 0) + 1
            timeline.append((finding, day))
    return timeline, outlook


def label_for(part: str, text: str, date: str | None) -> str | None:
    """The label a claim carries in its part: the actor, the figure, or the date (`date`: the article's)."""
    if part == PARTS[3]:
        return actor_of(text)
    if part == PARTS[4]:
        return key_figure(text)
    if part in (PARTS[5], PARTS[6]):
        named = dates_in(text, date)
        return named[0] if named else date
    return None
