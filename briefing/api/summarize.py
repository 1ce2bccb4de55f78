"""The brief the API writes: from the store (a topic, or everything) or from articles given directly, by
whichever engine the runtime holds, kept in the collection's history."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np

from briefing.analysis import stories
from briefing.analysis.evidence import gather
from briefing.analysis.layout import BriefSpec
from briefing.analysis.reading import given_sentences, nearby_sentences, story_sentences, topic_sentences
from briefing.analysis.scoring import Candidate
from briefing.api.ask import query_vector
from briefing.api.history import changes_since_date, keep_brief
from briefing.api.stored import readable
from briefing.results import Brief
from briefing.runtime import Runtime, shared
from briefing.sources.items import Items
from briefing.text.questions import read_request
from briefing.types import Filters

GIVE_A_TOPIC = "give a topic, or none to brief everything"
OLD_STORE = (
    "This store was written by an older version of briefing, without the sentence vectors briefs are made "
    "from: run `briefing ingest` on its files again (unchanged articles are rewritten once)."
)

TOPIC_WORDS = 12  # a text this short, given as the articles, is most likely a topic


def summarize(
    paths_or_texts: Items | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    *,
    source: str | None = None,
    words: int | None = None,
    changes_since: str | None = None,
    filters: Filters | None = None,
    keep: bool = True,
    runtime: Runtime | None = None,
) -> Brief:
    """Write a one-page situation brief in which every sentence cites its source.

    Sentences that report the same thing in several articles are one claim, with the number of
    independent sources that carry it (reprints counted once); figures the sources give differently are
    shown as disputed; dated events make the timeline, future ones the outlook.

    Args:
        paths_or_texts: Files, folders, article texts, Articles, or feed and article URLs (fetched) to
            brief on directly, without touching the store. None briefs the stored articles.
        topic: What the brief is about. None briefs everything (within the dates).
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (stored articles only).
        words: Word budget (default: the `brief_words` setting, 600).
        changes_since: Adds a part on what changed, each line with the day it was published: a day
            (YYYY-MM-DD) for what was first reported after it (publication dates), or `last` for what is new
            to the store since the collection's last kept brief was written (by when each article was
            ingested; articles stored before ingest times were kept count by their publication date); before
            any brief is kept, everything stored is new.
        filters: A `Filters` instead of since/until/source.
        keep: Keep a brief of the stored articles in the collection's history (`briefing.briefs`; the
            newest `brief_history` are kept); `brief.kept` is then the folder of its .md and .html.
        runtime: Settings, embedder and store to use (default: from the environment).

    Returns:
        A Brief with `.markdown`, `.sections` (each a list of cited claims) and `.sources`.

    Raises:
        BriefingError: The topic is given but empty, a date cannot be read, or a path does not exist.
    """
    topic = read_request(topic, "topic", GIVE_A_TOPIC) if topic is not None else None
    rt = shared(runtime)
    chosen = filters or Filters.of(since, until, source)
    if paths_or_texts is None:
        chosen = readable(rt, chosen)
    spec = BriefSpec(topic, words or rt.settings.brief_words, chosen, changes_since_date(changes_since, rt.settings))
    result = _brief(rt, spec, paths_or_texts)
    if keep and paths_or_texts is None and not result.abstained:
        entry = None if rt.read_only else keep_brief(result, rt.settings, chosen, spec.changes_since)
        result.kept = Path(entry.folder) if entry else None
    return result


def given_nothing(items: Items) -> str:
    """Why a brief of the articles given says nothing; a few words given first are most likely a topic meant
    for `topic=` (`summarize("Westminster attack")` reads them as an article's text)."""
    msg = "The articles given hold no sentence to brief on (within these filters)."
    if isinstance(items, str) and len(items.split()) <= TOPIC_WORDS:
        msg += f" “{items.strip()[:80]}” was read as an article's text: for a brief on a topic, pass topic=“…”."
    return msg


def _brief(rt: Runtime, spec: BriefSpec, paths_or_texts: Items | None) -> Brief:
    topic, chosen = spec.topic, spec.filters
    focus = query_vector(rt, topic) if topic else None
    story_of: dict[str, str] = {}
    core: set[str] = set()
    central: set[str] = set()
    found: list[stories.Story] = []
    if paths_or_texts is not None:
        cands = given_sentences(paths_or_texts, rt.settings, rt.embedder, chosen)
    elif focus is not None:
        cands = rt.reading(partial(topic_sentences, focus=focus, filters=chosen))
    else:
        cands, found = rt.reading(partial(story_sentences, filters=chosen))
        story_of = {a: s.label for s in found for a in s.articles[: stories.DIGEST_ARTICLES]}
    if not cands:
        if paths_or_texts is None and rt.store.chunk_count() and not rt.store.has_sentences():
            return spec.abstain(0, OLD_STORE)
        if paths_or_texts is not None:
            return spec.abstain(0, given_nothing(paths_or_texts))
        return spec.abstain(0, "No articles match these filters, so there is nothing to brief.")
    if topic and focus is not None:

        def more(centre: np.ndarray, known: set[str]) -> list[Candidate]:
            return rt.reading(partial(nearby_sentences, centre=centre, known=known, filters=chosen))

        nearby = more if paths_or_texts is None else None
        cands, score, core, central = stories.topical(cands, topic, focus, rt.settings.min_relevance, nearby)
        if not cands:
            msg = f"The sources don't cover “{topic}”: no passage in the store is relevant enough to brief on."
            return spec.abstain(0, msg)
    else:
        score = stories.whole_set_relevance(cands, story_of)
    articles = len({c.passage.article_id for c in cands})
    evidence = gather(cands, score, articles)
    evidence.story_of, evidence.core, evidence.central = story_of, core, central
    evidence.stories = found if len(found) > 1 else []  # a digest when the store holds several stories
    return rt.engine.brief(evidence, spec)
