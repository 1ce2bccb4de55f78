"""What a collection holds at a glance: how many articles, from how many outlets, over which dates, and its
top stories (grouped as a brief on everything groups them) with a question to ask of each. The page's
empty chat shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.analysis import stories
from briefing.api.library import list_articles
from briefing.runtime import Runtime, shared

NEWEST = 1000  # the newest articles whose stories are grouped: enough to find the top few, quick on a page load


@dataclass(frozen=True)
class Overview:
    """A collection at a glance."""

    articles: int
    outlets: int
    first_date: str | None = None
    last_date: str | None = None
    stories: list[stories.Story] = field(default_factory=list)  # the widest covered first

    @property
    def questions(self) -> list[str]:
        return example_questions(self.stories)


def example_questions(found: Sequence[stories.Story], n: int = 3) -> list[str]:
    """A question to ask of each of the first `n` stories: "What happened with <the words its titles share>?"
    (`Story.topic`, which finds the story again), each question once."""
    out: list[str] = []
    for story in found:
        question = f"What happened with {story.topic}?" if story.topic.strip() else ""
        if question and question not in out:
            out.append(question)
        if len(out) == n:
            break
    return out


def overview(*, runtime: Runtime | None = None, top: int = 3) -> Overview:
    """The collection's size (articles, outlets, first and last date) and its `top` stories, grouped among
    its newest articles as a brief on everything groups them (`analysis.stories.group`)."""
    rt = shared(runtime)
    entries = list_articles(runtime=rt)
    dates = sorted(e.date for e in entries if e.date)
    outlets = {e.source.strip().casefold() for e in entries if e.source.strip()}
    found: list[stories.Story] = []
    if entries:
        leads = rt.store.newest_leads(min(NEWEST, stories.MAX_ARTICLES))
        found = stories.group(leads.passages, leads.vectors, leads.origins())
    # more than `top`: two stories may ask the same question
    return Overview(
        len(entries), len(outlets), dates[0] if dates else None, dates[-1] if dates else None, found[: 2 * top]
    )
