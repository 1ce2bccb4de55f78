"""One-page situation briefs, built from source sentences and laid out in fixed parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.citations import CheckReport, Citer, Claim, Source, render_sources
from briefing.extractive import Candidate, candidates, centrality, mmr, relevance, unit
from briefing.retrieval import Passage
from briefing.text import dates_in, figures_in

PARTS = (
    "Bottom line",
    "Key developments",
    "Actors and positions",
    "Key figures",
    "Timeline",
    "Outlook / what to watch",
)
LIMITS = {PARTS[0]: 2, PARTS[1]: 5, PARTS[2]: 4, PARTS[3]: 4, PARTS[4]: 6, PARTS[5]: 3}
MAX_PASSAGES = 80
PER_ARTICLE = 4

_REPORTING = re.compile(
    r"\b(said|says|stated|states|warned|warns|told|added|stressed|accused|accuses|blamed|blames|urged|urges|"
    r"called|denied|denies|insisted|argued|claimed|claims|announced|announces|suggested|reiterated|vowed|"
    r"pledged|threatened|supports|rejected|condemned|demanded|believes|wants|regret|regrets)\b"
)
_NAME = re.compile(r"(?:[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)")
_NOT_ACTORS = {
    "The",
    "This",
    "That",
    "These",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Moreover",
    "However",
    "If",
    "In",
    "On",
    "At",
    "About",
    "Amid",
    "According",
    "There",
    "What",
    "When",
}
_LEANS = re.compile(r"""^["'“‘]?(And|But|Or|So|Moreover|However|Also|He|She|It|They|This|That|These|Those)\b""")
_OUTLOOK = re.compile(
    r"\b(will|would|could|may|might|expect\w*|plan\w*|intend\w*|threaten\w*|warn\w*|risk\w*|likely|upcoming|"
    r"next (?:week|month|year)|must|should|deadline|ahead of|consequences|future)\b",
    re.I,
)


@dataclass
class Section:
    """One part of a brief and its claims."""

    title: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Brief:
    """A one-page situation brief.

    Attributes:
        title: The brief's heading.
        sections: The parts, in order, each a list of cited claims.
        sources: The numbered sources every claim points at.
        articles: How many articles the brief drew on.
        abstained: True when nothing in the sources matched the topic.
    """

    title: str
    topic: str | None
    sections: list[Section]
    sources: list[Source]
    articles: int
    since: str | None = None
    until: str | None = None
    abstained: bool = False
    message: str = ""
    engine: str = "extractive"
    check: CheckReport | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        """Every claim in the brief, part by part."""
        return [c for s in self.sections for c in s.claims]

    @property
    def markdown(self) -> str:
        """The brief as Markdown."""
        return render_brief(self)


def render_brief(brief: Brief) -> str:
    """Lay a brief out as Markdown: heading, a line on its basis, the parts, the sources list."""
    span = " to ".join(d for d in (brief.since, brief.until) if d) or "all dates"
    how = (
        "every sentence is quoted from the source it cites"
        if brief.check is None
        else "every sentence was checked against the source it cites"
    )
    lines = [
        f"# {brief.title}",
        "",
        f"_Drawn from {brief.articles} article(s), {span}; {how} ({brief.engine} engine)._",
    ]
    lines += [f"_{note}_" for note in [*brief.notes, *([brief.check.summary()] if brief.check else [])]]
    lines.append("")
    if brief.abstained:
        return "\n".join([*lines, brief.message, ""])
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        if not section.claims:
            lines.append("_Nothing in the sources for this part._")
        elif section.title == PARTS[0]:
            lines.append(" ".join(c.markdown() for c in section.claims))
        else:
            lines += [f"- {c.markdown()}" for c in section.claims]
        lines.append("")
    lines += ["## Sources", "", render_sources(brief.sources, quotes=False), ""]
    return "\n".join(lines)


@dataclass
class Pick:
    """A claim chosen for a part: the source sentence behind it, its label, and the text to show."""

    cand: Candidate
    label: str | None = None
    text: str = ""
    status: str = "quoted"
    also: list[Candidate] = field(default_factory=list)  # further cited sources of a generated sentence

    def __post_init__(self) -> None:
        self.text = self.text or self.cand.text

    def cite(self, citer: Citer) -> list[int]:
        numbers = [citer.cite(c.passage, c.start, c.end) for c in [self.cand, *self.also]]
        return list(dict.fromkeys(numbers))


Picks = dict[str, list[Pick]]


def fit(parts: Picks, words: int, make: Callable[[Picks], Brief]) -> Brief:
    """The brief made from `parts`, with claims dropped from the fullest parts until the whole page,
    sources list included, fits the word budget (each part keeps at least one claim)."""
    while True:
        brief = make(parts)
        if len(brief.markdown.split()) <= words:
            return brief
        fullest = max(parts, key=lambda t: (len(parts[t]), t != PARTS[0]))
        if len(parts[fullest]) <= 1:
            return brief
        parts[fullest].pop()


def select_passages(passages: Sequence[Passage], vectors: np.ndarray, focus: np.ndarray) -> list[int]:
    """The passages a brief draws on: closest to the focus, spread over as many articles as fit."""
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


def actor_of(sentence: str) -> str | None:
    """The named actor whose statement or position a sentence reports, if it names one near the verb."""
    for verb in _REPORTING.finditer(sentence):
        window = sentence[max(0, verb.start() - 45) : verb.start()]
        before = [m.group() for m in _NAME.finditer(window) if m.group() not in _NOT_ACTORS]
        after = _NAME.match(sentence, verb.end() + 1)
        after = after or _NAME.match(sentence, verb.end() + 5) if sentence[verb.end() :].startswith(" the ") else after
        name = before[-1] if before else (after.group() if after else None)
        words = [w.strip(" .,'’\"“”") for w in (name or "").split() if w not in _NOT_ACTORS]
        if words:
            return " ".join(words[-3:])
    return None


def _surname(label: str) -> str:
    return label.split()[-1].casefold() if label.split() else ""


@dataclass
class Selection:
    """What a brief draws on: candidate source sentences with scores (or why there is nothing)."""

    cands: list[Candidate]
    score: np.ndarray
    passages: list[Passage]
    articles: int
    message: str = ""


def select(
    passages: Sequence[Passage], vectors: np.ndarray, embedder: Embeddings, topic: str | None, min_relevance: float
) -> Selection:
    """The passages and sentences a brief draws on: the whole set, or the part relevant to a topic."""
    n_articles = len({p.article_id for p in passages})
    if not passages:
        return Selection([], np.zeros(0), [], 0, "No articles match these filters, so there is nothing to brief.")
    vectors = unit(np.asarray(vectors, dtype=np.float32))
    focus = unit(np.asarray(embedder.embed_query(topic), dtype=np.float32)) if topic else unit(vectors.mean(0))
    picked = [passages[i] for i in select_passages(passages, vectors, focus)]
    cands = candidates(picked, embedder)
    if topic:
        score = relevance(topic, focus, cands)
        best = float(score.max()) if len(score) else 0.0
        if best < min_relevance:
            msg = f"The sources don't cover “{topic}”: no passage in the store is relevant enough to brief on."
            return Selection([], np.zeros(0), picked, n_articles, msg)
        # Sentences nearly as relevant as the best one stay: a topic is a theme, not a question.
        keep = [i for i in range(len(cands)) if score[i] >= 0.6 * best]
        cands = [cands[i] for i in keep]
        score = 0.7 * score[keep] + 0.3 * centrality(cands)
    else:
        score = centrality(cands)
    # Sentences that lean on the one before ("And ...", "He said ...") read badly on their own.
    score = score - 0.1 * np.asarray([bool(_LEANS.match(c.text)) for c in cands])
    kept_articles = {c.passage.article_id for c in cands}
    return Selection(cands, score, [p for p in picked if p.article_id in kept_articles], n_articles)


def assembler(
    title: str, topic: str | None, articles: int, since: str | None, until: str | None, engine: str = "extractive"
) -> Callable[[Picks], Brief]:
    """A function that turns picks into a Brief, numbering sources in order of first citation."""

    def make(parts: Picks) -> Brief:
        citer = Citer()
        sections = [
            Section(
                part,
                [
                    Claim(
                        p.text,
                        p.cite(citer),
                        p.label,
                        p.cand.passage.date,
                        p.status,
                    )
                    for p in picks
                ],
            )
            for part, picks in parts.items()
        ]
        return Brief(title, topic, sections, citer.sources, articles, since, until, engine=engine)

    return make


def build_brief(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    embedder: Embeddings,
    topic: str | None = None,
    words: int = 600,
    min_relevance: float = 0.45,
    since: str | None = None,
    until: str | None = None,
) -> Brief:
    """Build a brief of source sentences from passages (and their vectors), on a topic or on everything."""
    title = f"Situation brief: {topic}" if topic else "Situation brief"
    chosen = select(passages, vectors, embedder, topic, min_relevance)
    if chosen.message:
        return Brief(title, topic, [], [], chosen.articles, since, until, abstained=True, message=chosen.message)
    make = assembler(title, topic, chosen.articles, since, until)
    return fit(arrange(chosen.cands, chosen.score), words, make)


def arrange(cands: list[Candidate], score: np.ndarray) -> Picks:
    """Fill each part from the candidates, best first, using each sentence at most once where possible."""
    parts: Picks = {part: [] for part in PARTS}
    if not cands:
        return parts
    vectors = np.stack([c.vector for c in cands])
    used: set[int] = set()

    def take(
        part: str,
        test: Callable[[Candidate], str | None] | None = None,
        *,
        label: bool = False,
        per_label: int = 1,
        key: Callable[[str], str] = str.casefold,
        boost: np.ndarray | None = None,
        limit: int | None = None,
        reuse_boosted: bool = False,
    ) -> None:
        """Pick a part's claims, best first: sentences not yet shown, then (rarely) ones that were."""
        limit = limit or LIMITS[part]
        tags = [test(c) if test else "" for c in cands]
        fits = [i for i in range(len(cands)) if test is None or tags[i]]
        scores = score if boost is None else score + boost
        order = mmr(scores, vectors, 3 * limit, allowed=[i for i in fits if i not in used])
        # A sentence already shown elsewhere comes back only to keep a part from being empty, or, in the
        # timeline, when it names its own date (the timeline would be wrong without it).
        again = [i for i in fits if i in used and (not order or (reuse_boosted and scores[i] > score[i]))]
        if test is not None:
            extra = mmr(scores, vectors, limit if order else 1, allowed=again)
            order = extra + order if reuse_boosted else order + extra
        per: dict[str, int] = {}
        for i in order:
            tag = key(tags[i] or "")
            if len(parts[part]) >= limit or (label and per.get(tag, 0) >= per_label):
                continue
            per[tag] = per.get(tag, 0) + 1
            used.add(i)
            parts[part].append(Pick(cands[i], tags[i] if label else None))

    # News puts the gist first: an article's opening sentence gets a head start for the bottom line.
    lead = np.asarray([0.15 if c.passage.chunk == 0 and c.start < 400 else 0.0 for c in cands])
    take(PARTS[0], boost=lead, limit=1 if len({c.passage.article_id for c in cands}) == 1 else None)
    take(PARTS[1])
    parts[PARTS[1]].sort(key=lambda pick: (pick.cand.passage.date or "", pick.cand.order))
    take(PARTS[2], lambda c: actor_of(c.text), label=True, key=_surname)
    take(PARTS[3], lambda c: figure_label(c.text), label=True)
    explicit = np.asarray([0.3 if dates_in(c.text, c.passage.date) else 0.0 for c in cands])
    take(PARTS[4], _date_of, label=True, per_label=2, boost=explicit, reuse_boosted=True)
    parts[PARTS[4]].sort(key=lambda pick: (pick.label or "", pick.cand.order))
    take(PARTS[5], lambda c: "outlook" if _OUTLOOK.search(c.text) else None)
    return parts


def figure_label(text: str) -> str | None:
    """A figure a sentence states, with what it counts ("90,000 troops")."""
    found = figures_in(text)
    if not found:
        return None
    value, counted = found[0]
    return f"{value} {counted}".strip()


def _date_of(cand: Candidate) -> str | None:
    named = dates_in(cand.text, cand.passage.date)
    return named[0] if named else cand.passage.date
