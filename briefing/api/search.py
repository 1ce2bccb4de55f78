"""Passages for a query: what the store's retrieval finds (dense and keyword rankings fused), each with its
article's id, title, outlet and date; nothing chosen, cited or checked."""

from __future__ import annotations

from functools import partial

from briefing.api.ask import query_vector
from briefing.api.stored import readable
from briefing.errors import BriefingError
from briefing.runtime import Runtime, shared
from briefing.store.search import search as ranked
from briefing.text.questions import read_request
from briefing.types import Filters, Passage

MOST = 50  # passages one search gives at most


def search(
    query: str,
    *,
    k: int = 8,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    runtime: Runtime | None = None,
) -> list[Passage]:
    """The stored passages that best match a query, best first (at most two from one article while others
    have passages to give).

    Args:
        query: Words, a name or a question.
        k: How many passages (1 to 50).
        since: Only articles dated on or after this day (YYYY-MM-DD).
        until: Only articles dated on or before this day (YYYY-MM-DD).
        source: Only articles from this source (case-insensitive).
        runtime: Settings, embedder and store to use (default: from the environment).

    Raises:
        BriefingError: The query is empty or too long, `k` is out of range, or a date cannot be read.
    """
    asked = read_request(query, "query", 'search for words, e.g. "troops at the border"')
    if not 1 <= k <= MOST:
        raise BriefingError(f"k must be from 1 to {MOST}, not {k}")
    rt = shared(runtime)
    chosen = readable(rt, Filters.of(since, until, source))
    vector = query_vector(rt, asked)
    found = rt.reading(partial(ranked, query=asked, vector=vector, k=k, filters=chosen, keywords=rt.keywords))
    return list(found.passages)
