"""The layout of a one-page brief: which source sentences a brief draws on, and how they fill its parts.

Both engines use it: the extractive engine quotes what `arrange` picks; an LLM engine writes from the
same selection and falls back on `arrange` for a part the check leaves empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.citations import Citer, Pick
from briefing.facts import dates_in, figures_in
from briefing.scoring import Candidate, candidates, centrality, mmr, relevance, unit
from briefing.types import PARTS, Brief, Filters, Passage, Section

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


@dataclass(frozen=True)
class BriefSpec:
    """What a brief is asked for: its topic (None: everything stored), word budget and filters."""

    topic: str | None
    words: int
    filters: Filters

    @property
    def title(self) -> str:
        return f"Situation brief: {self.topic}" if self.topic else "Situation brief"

    def brief(self, sections: list[Section], citer: Citer, articles: int, engine: str) -> Brief:
        """A brief of these parts and the sources they cite."""
        f = self.filters
        return Brief(self.title, self.topic, sections, citer.sources, articles, f.since, f.until, engine=engine)

    def abstain(self, articles: int, message: str) -> Brief:
        """A brief that says why there is nothing to brief on."""
        f = self.filters
        return Brief(self.title, self.topic, [], [], articles, f.since, f.until, abstained=True, message=message)


@dataclass
class Selection:
    """What a brief draws on: candidate source sentences with scores (or why there is nothing)."""

    cands: list[Candidate]
    score: np.ndarray
    passages: list[Passage]
    articles: int
    message: str = ""


def select(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    embedder: Embeddings,
    topic: str | None,
    focus: np.ndarray | None,
    min_relevance: float,
) -> Selection:
    """The passages and sentences a brief draws on: the whole set, or the part relevant to a topic
    (`focus`: the topic's vector, given with the topic)."""
    if topic and focus is None:
        raise ValueError("select() needs the topic's vector as `focus`")
    n_articles = len({p.article_id for p in passages})
    if not passages:
        return Selection([], np.zeros(0), [], 0, "No articles match these filters, so there is nothing to brief.")
    vectors = unit(np.asarray(vectors, dtype=np.float32))
    focus = unit(np.asarray(focus, dtype=np.float32)) if focus is not None else unit(vectors.mean(0))
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
    # Sentences that lean on the one before ("And ...") read badly on their own; damaged ones look bad.
    score = score - 0.1 * np.asarray([bool(_LEANS.match(c.shown)) + c.damaged for c in cands])
    kept_articles = {c.passage.article_id for c in cands}
    return Selection(cands, score, [p for p in picked if p.article_id in kept_articles], n_articles)


def assembler(spec: BriefSpec, articles: int, engine: str) -> Callable[[Picks], Brief]:
    """A function that turns picks into a Brief, numbering sources in order of first citation."""

    def make(parts: Picks) -> Brief:
        citer = Citer()
        sections = [Section(part, [p.claim(citer) for p in picks]) for part, picks in parts.items()]
        return spec.brief(sections, citer, articles, engine)

    return make


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
    take(PARTS[2], lambda c: actor_of(c.shown), label=True, key=_surname)
    # A figure may repeat a sentence shown above: the part is a list of the numbers that matter.
    counted = np.asarray([0.2 if any(what for _, what in figures_in(c.text)) else 0.0 for c in cands])
    take(PARTS[3], lambda c: figure_label(c.text), label=True, boost=counted, reuse_boosted=True)
    explicit = np.asarray([0.3 if dates_in(c.text, c.passage.date) else 0.0 for c in cands])
    take(PARTS[4], _date_of, label=True, per_label=2, boost=explicit, reuse_boosted=True)
    parts[PARTS[4]].sort(key=lambda pick: (pick.label or "", pick.cand.order))
    take(PARTS[5], lambda c: "outlook" if _OUTLOOK.search(c.text) else None)
    return parts


def label_for(part: str, text: str, date: str | None) -> str | None:
    """The label a claim carries in its part: the actor, the figure, or the date (`date`: the article's)."""
    if part == PARTS[2]:
        return actor_of(text)
    if part == PARTS[3]:
        return figure_label(text)
    if part == PARTS[4]:
        named = dates_in(text, date)
        return named[0] if named else date
    return None


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
