"""Stories: which articles a brief is about. With a topic, the topic's story: the articles about it and those
close to them; with none, the articles of a store grouped by what they are about, so that a brief on
everything leads with the stories the most independent outlets covered. Pure functions over candidate
sentences and each article's first passage."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from briefing.analysis.scoring import Candidate, centrality, coverage, relevance, unit
from briefing.text.casing import casing
from briefing.text.countries import country_forms
from briefing.text.sentences import STOPWORDS
from briefing.types import Passage

LINK = 0.4  # mean cosine of a story's articles' first passages to one another (average linkage; calibrated)
MAX_ARTICLES = 5000  # a brief on everything groups the newest articles only
TOP = 10  # stories a brief on everything covers (its digest lists them one line each)
DIGEST_ARTICLES = 15  # the articles of each story a brief on everything reads, the newest first
DIGEST_SENTENCES = 20  # and the opening sentences of each (the gist comes first; on calibration 20 names what 30 did)
TOPIC_SHARE = 0.7  # an article is about a topic when it is this share as relevant as the best one (tuned)
STORY = 0.5  # and belongs to the topic's story when its mean vector is this close to the core's (tuned)
PER_ARTICLE_SENTENCES = 30
CENTRAL_SHARE = 0.4  # and at least this share as relevant to the topic as the best article (tuned)
CENTRAL = 0.6  # an article this close to the core's mean is central to the story too (tuned)
TOGETHER = 2  # a topic's two names are one ("Port Selwyn") when its story writes them together this often
OPENING = 5  # an article's title and opening sentences say what it is about: their words count (tuned)
_LEANS = re.compile(r"""^["'“‘]?(And|But|Or|So|Moreover|However|Also)\b""")


@dataclass
class Story:
    """Articles about one thing, and how many independent outlets covered it."""

    articles: list[str]
    label: str
    outlets: int
    newest: str
    oldest: str = ""
    titles: list[str] = field(default_factory=list, repr=False)  # its articles' titles, its typical one first
    coverage: float = 0.0  # how much the outlets covered it: each outlet's own articles, log-counted

    @cached_property
    def topic(self) -> str:
        """Words that name it, to ask for its own brief (`topic_words`)."""
        return topic_words(self.titles, self.titles[0]) if self.titles else self.label

    @property
    def weight(self) -> tuple[float, int, str]:
        return (self.coverage or self.outlets, len(self.articles), self.newest)


def group(passages: Sequence[Passage], vectors: np.ndarray, origins: dict[str, str]) -> list[Story]:
    """Stories among articles (each given by its first passage), most widely covered first: by outlets,
    each counted by how often it covered the story (log2(1 + its own articles): five outlets with three
    articles each before seven with one; a store of a few outlets has many stories that all of them covered
    once), then by articles, then the newest.

    Articles are grouped by average linkage (`clusters`): a story is a set of articles that are, on average,
    at least `LINK` alike to one another, so a story cannot drift article by article into a theme ("Trump",
    "China", "attacks") that swallows other stories. An outlet counts when it has an article of its own in
    the story (a reprint of another's does not). A story's articles are listed newest first.
    """
    order = sorted(range(len(passages)), key=lambda i: passages[i].date or "", reverse=True)[:MAX_ARTICLES]
    if not order:
        return []
    rows = unit(np.asarray(vectors, dtype=np.float32)[order])
    members: dict[int, list[int]] = {}
    for k, found in enumerate(clusters(rows)):
        members.setdefault(int(found), []).append(k)
    out = []
    for group_members in members.values():
        chosen = [passages[order[k]] for k in group_members]
        own = [p for p in chosen if origins.get(p.article_id, p.article_id) == p.article_id]  # reprints aside
        centre = unit(rows[group_members].mean(axis=0))
        central = chosen[int(np.argmax(rows[group_members] @ centre))]
        dates = sorted(p.date for p in chosen if p.date)
        per_outlet: dict[str, int] = {}
        for p in own:
            per_outlet[p.source] = per_outlet.get(p.source, 0) + 1
        out.append(
            Story(
                [p.article_id for p in chosen],
                label(central.title),
                len({p.source for p in own}),
                dates[-1] if dates else "",
                dates[0] if dates else "",
                [central.title, *(p.title for p in chosen if p is not central)],
                sum(float(np.log2(1 + n)) for n in per_outlet.values()),
            )
        )
    return sorted(out, key=lambda s: s.weight, reverse=True)


def clusters(rows: np.ndarray, link: float = LINK) -> np.ndarray:
    """A cluster number for each unit row: average-linkage (UPGMA) clusters of rows whose mean pairwise
    cosine is at least `link` (scipy's hierarchical clustering, cut at the distance 1 - link)."""
    if len(rows) < 2:
        return np.ones(len(rows), dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - rows @ rows.T  # float32: 100 MB for 5,000 articles, and as much again condensed
    np.clip(distance, 0.0, 2.0, out=distance)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False).astype(np.float64), method="average")
    return fcluster(tree, 1.0 - link, criterion="distance")


def topic_words(titles: Sequence[str], fallback: str, most: int = 4) -> str:
    """The words most of a story's titles share, as they write them ("Dutch election Rutte"): a topic that
    finds the story again; else the first words of `fallback` (its most typical title)."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for title in titles:
        for word in dict.fromkeys(re.sub(r"(?:’s|'s)\b", "", w) for w in _TITLE_WORD.findall(title)):
            key = word.casefold()
            if key in STOPWORDS or len(key) < 3:
                continue
            counts[key] = counts.get(key, 0) + 1
            shown.setdefault(key, word)
    shared = sorted((k for k, n in counts.items() if n >= 2), key=lambda k: -counts[k])[:most]
    if len(shared) >= 2:
        return " ".join(shown[k] for k in shared)
    return " ".join([w for w in _TITLE_WORD.findall(fallback) if w.casefold() not in STOPWORDS][:most])


_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*[A-Za-z0-9]|\d[\d,.]*")


def label(title: str, words: int = 8) -> str:
    """A story's name: the title of its most typical article, cut short."""
    tokens = title.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def topical(
    cands: Sequence[Candidate],
    topic: str,
    focus: np.ndarray,
    min_relevance: float,
    more: Callable[[np.ndarray, set[str]], list[Candidate]] | None = None,
) -> tuple[list[Candidate], np.ndarray, set[str], set[str]]:
    """The sentences of the story a topic names, scored for a brief on it (nothing when no article is about it).

    An article is about the topic when its relevance (its closest sentence's meaning, and the topic's words
    in its title and text) is nearly as high as the best article's (`TOPIC_SHARE`). Those articles are the
    story's core; an article close to the core's mean (`STORY`) belongs to the story too, though it may not
    use the topic's words ("Employers raise offer to dockers" in a brief on a port strike). `more(centre,
    known)` finds further candidate articles near the core's mean. Sentences are scored by their own
    relevance, their article's, and how typical they are of the story; at most `PER_ARTICLE_SENTENCES` of
    each article's first sentences count. Returned with the core's articles and the story's central ones:
    the core, and those whose mean is at least `CENTRAL` alike to the core's and that are at least
    `CENTRAL_SHARE` as relevant to the topic as the best (an article near the story in passing is neither).
    """
    unit_focus = unit(np.asarray(focus, dtype=np.float32))
    by_article = _by_article(cands)
    about = _about_topic(by_article, cands, topic, unit_focus)
    best = max(about.values(), default=0.0)
    if best < min_relevance:
        return [], np.zeros(0), set(), set()
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
    said = {a: _opening_text(cands, by_article[a]) for a in story}
    names = story_names(topic, [said[a] for a in reports], [cands[i].text for a in reports for i in by_article[a]])
    central = {
        a
        for a in story
        if a in core or (near[a] >= CENTRAL and about[a] >= CENTRAL_SHARE * best and names_any(names, said[a]))
    }
    return kept, 0.5 * own + 0.25 * article + 0.25 * centrality(kept), set(core), central


def story_names(topic: str, openings: Sequence[str], texts: Sequence[str]) -> list[str]:
    """The topic's names as its story's `texts` write them ("Mosul", "Port Selwyn": words the texts write
    capitalised, those they write together kept together) that its core reports' `openings` (title and first
    sentences) use: an article close to the story in meaning names one of them, or it is another story of the
    same kind (air raids in Yemen beside the battle for Mosul, a strike at another port). Every such name
    counts: "Fillon" is a name of a brief on "French presidential election Fillon Le Pen Macron" though most
    of its core reports open on Le Pen (a share of them had left Fillon's articles out of the story)."""
    written = casing(texts)
    names: list[list[str]] = []
    previous = ""
    for word in re.findall(r"[A-Za-z][\w'-]+", topic):
        share = written.lower_share(word)
        if share is None or share >= 0.5 or word.casefold() in STOPWORDS:
            previous = ""
            continue
        if previous and written.pairs[previous.casefold(), word.casefold()] >= TOGETHER:
            names[-1].append(word)
        else:
            names.append([word])
        previous = word
    phrases = dict.fromkeys(" ".join(name) for name in names)
    return [n for n in phrases if any(names_any([n], t) for t in openings)]


def names_any(names: Sequence[str], text: str) -> bool:
    """Whether a text names one of the story's names (any text does when the story has none), a country's
    name in any of its forms ("French": "France's presidential hopefuls", `text.countries`)."""
    forms = [f for n in names for f in country_forms(n)]
    return not names or any(re.search(rf"\b{re.escape(f)}\b", text, re.I) for f in forms)


def _opening_text(cands: Sequence[Candidate], members: Sequence[int]) -> str:
    """An article's title and opening sentences: what it is about."""
    return " ".join([cands[members[0]].passage.title, *(cands[i].text for i in members[:OPENING])])


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
    """Each article's relevance to a topic: its closest sentence's meaning, the topic's words in its title and
    opening sentences (a passing mention further down does not make an article about the topic)."""
    ids = list(by_article)
    meaning = [max(float(cands[i].vector @ focus) for i in by_article[a]) for a in ids]
    texts = [_opening_text(cands, by_article[a]) for a in ids]
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
