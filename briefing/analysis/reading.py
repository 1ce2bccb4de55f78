"""Where a brief's sentences are read from: the stored articles nearest a topic, those near a story's centre,
the stories of the whole store, or articles given directly. Each gives the sentences as scored candidates."""

from __future__ import annotations

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.analysis import stories
from briefing.analysis.scoring import Candidate, candidates, stored_candidates
from briefing.config import Settings
from briefing.sources.chunks import passages_of
from briefing.sources.fetching import read_urls
from briefing.sources.items import Items, read_given, split_urls
from briefing.store.copies import CopyIndex, Member, signature
from briefing.store.store import Store
from briefing.types import Filters

# A topic brief reads the sentences of the 80 articles nearest the topic among those of its 200 nearest
# passages (200 found the most of the calibration stories' articles: bench/eval_brief.py), and a story's
# nearby articles among those of the 100 passages nearest its centre
TOPIC_PASSAGES = 200
TOPIC_CHUNKS = 100
TOPIC_ARTICLES = 80


def topic_sentences(store: Store, focus: np.ndarray, filters: Filters) -> list[Candidate]:
    """Every sentence of the stored articles whose passages come nearest the topic."""
    best: dict[str, float] = {}
    for passage in store.query(focus, TOPIC_PASSAGES, filters).passages:
        best[passage.article_id] = max(best.get(passage.article_id, 0.0), passage.score)
    articles = sorted(best, key=lambda a: -best[a])[:TOPIC_ARTICLES]
    found = store.sentences_of(articles)
    return stored_candidates(found.passages, found.vectors, found.meta)


def nearby_sentences(store: Store, centre: np.ndarray, known: set[str], filters: Filters) -> list[Candidate]:
    """The sentences of stored articles near a story's centre that are not among `known` yet."""
    near = store.query(centre, TOPIC_CHUNKS, filters)
    articles = list(dict.fromkeys(p.article_id for p in near.passages if p.article_id not in known))
    found = store.sentences_of(articles[:TOPIC_ARTICLES])
    return stored_candidates(found.passages, found.vectors, found.meta)


def story_sentences(store: Store, filters: Filters) -> tuple[list[Candidate], list[stories.Story]]:
    """The opening sentences of the newest articles of the stories the most independent outlets covered (a
    digest line is a story's gist, and news puts it first), and those stories, the widest covered first
    (each with a label of its own)."""
    leads = store.newest_leads(stories.MAX_ARTICLES, filters)
    chosen = stories.group(leads.passages, leads.vectors, leads.origins())[: stories.TOP]
    seen: dict[str, int] = {}
    for story in chosen:  # two stories whose typical articles share a title are told apart
        seen[story.label] = seen.get(story.label, 0) + 1
        story.label += f" ({seen[story.label]})" if seen[story.label] > 1 else ""
    read = [a for s in chosen for a in s.articles[: stories.DIGEST_ARTICLES]]
    hits = store.sentences_of(read)
    opening = hits.rows([k for k, p in enumerate(hits.passages) if p.chunk < stories.DIGEST_SENTENCES])
    return stored_candidates(opening.passages, opening.vectors, opening.meta), chosen


def given_sentences(items: Items, settings: Settings, embedder: Embeddings, filters: Filters) -> list[Candidate]:
    """Sentences of articles given directly, in memory only (the date filters apply; the source does not);
    reprints among them are found as at ingest."""
    urls, rest = split_urls(items)
    articles = [*(read_given(rest, int(settings.max_file_mb * 1e6)) if rest else []), *read_urls(urls, settings)]
    kept = {a.id: a for a in articles if filters.admits_date(a.date)}
    index, origins = CopyIndex(), {}
    for article in kept.values():
        found = signature(article.text)
        origins[article.id] = index.group_of(found) or article.id
        index.add(Member(article.id, found, origins[article.id]))
    passages = [p for a in kept.values() for p in passages_of(a, settings.chunk_size, settings.chunk_overlap)]
    cands = candidates(passages, embedder)
    for cand in cands:
        cand.origin = origins[cand.passage.article_id]
    return cands
