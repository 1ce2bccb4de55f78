"""Before a read: whether there is a store to read (reading never creates one), and which of its outlets a
source filter means. A missing or empty store, or a source no outlet matches, is a StoreError that says
where the store is, what it holds and what to run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing.config import Settings
from briefing.errors import StoreError
from briefing.runtime import Runtime
from briefing.sources.outlets import matching_outlets
from briefing.types import Filters, outlet_name

FILL = "briefing ingest FILES"
SHOWN_OUTLETS = 20


def location(settings: Settings) -> str:
    """Where the settings' store is, as a message names it: its folder (absolute) or its server, and the
    collection."""
    where = (
        f"{settings.chroma_host}:{settings.chroma_port}"
        if settings.chroma_host
        else str(Path(settings.store_dir).resolve())
    )
    return f"{where} (collection {settings.collection})"


def require_articles(rt: Runtime) -> None:
    """Nothing, when the runtime's store holds articles; else a StoreError saying where it looked and what
    fills it. A missing store folder is not made."""
    problem = store_problem(rt)
    if problem:
        raise StoreError(problem)


def store_problem(rt: Runtime) -> str:
    """Why the runtime's store has nothing to read ("" when it holds articles), without making it."""
    if rt.store_missing():
        return (
            f"there is no store at {location(rt.settings)}: fill it with `{FILL}`, or point --store "
            "(BRIEFING_STORE_DIR) at the folder that holds yours"
        )
    if not rt.reading(lambda store: store.catalog.count()):
        return f"the store at {location(rt.settings)} holds no articles: fill it with `{FILL}`"
    return ""


def held_outlets(outlets: dict[str, int]) -> str:
    """The outlets a store holds, most articles first, as a message lists them."""
    ranked = sorted(outlets.items(), key=lambda item: (-item[1], not item[0].strip(), item[0].lower()))
    shown = ", ".join(f"{outlet_name(name)} ({n})" for name, n in ranked[:SHOWN_OUTLETS])
    return shown + (f", and {len(ranked) - SHOWN_OUTLETS} more" if len(ranked) > SHOWN_OUTLETS else "")


def readable(rt: Runtime, filters: Filters) -> Filters:
    """The filters with the stored outlets their source means (`bbc` finds `bbc.co.uk`), once the store is
    known to hold articles.

    Raises:
        StoreError: The store is missing or empty, or no stored outlet matches the source (the message lists
            those it holds).
    """
    require_articles(rt)
    if not filters.source or filters.outlets is not None:
        return filters
    outlets = rt.reading(lambda store: store.outlets())
    found = matching_outlets(filters.source, outlets)
    if not found:
        msg = f"no outlet in the store matches the source {filters.source!r}; it holds: {held_outlets(outlets)}"
        raise StoreError(msg)
    return replace(filters, outlets=tuple(found))
