"""Stories: the articles of a store grouped by what they are about, so that a brief on everything leads with
the stories the most independent outlets covered. Pure functions over each article's first passage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.scoring import unit
from briefing.types import Passage

LINK = 0.6  # cosine of an article's first passage to a story's first article at which it joins the story
MAX_ARTICLES = 5000  # a brief on everything groups the newest articles only
TOP = 3  # stories a brief on everything covers


@dataclass
class Story:
    """Articles about one thing, and how many independent outlets covered it."""

    articles: list[str]
    label: str
    outlets: int
    newest: str

    @property
    def weight(self) -> tuple[int, int, str]:
        return (self.outlets, len(self.articles), self.newest)


def group(passages: Sequence[Passage], vectors: np.ndarray, origins: dict[str, str]) -> list[Story]:
    """Stories among articles (each given by its first passage), most widely covered first.

    An article joins the first story whose first article is at least `LINK` alike; outlets are counted
    once per copy group.
    """
    order = sorted(range(len(passages)), key=lambda i: passages[i].date or "", reverse=True)[:MAX_ARTICLES]
    if not order:
        return []
    rows = unit(np.asarray(vectors, dtype=np.float32)[order])
    similar = rows @ rows.T
    leaders: list[int] = []
    members: list[list[int]] = []
    for k in range(len(order)):
        if leaders:
            sims = similar[k, leaders]
            best = int(np.argmax(sims))
            if sims[best] >= LINK:
                members[best].append(k)
                continue
        leaders.append(k)
        members.append([k])
    out = []
    for group_members in members:
        chosen = [passages[order[k]] for k in group_members]
        reports = {origins.get(p.article_id, p.article_id): p.source for p in chosen}
        centre = unit(rows[group_members].mean(axis=0))
        central = chosen[int(np.argmax(rows[group_members] @ centre))]
        out.append(
            Story(
                [p.article_id for p in chosen],
                label(central.title),
                len(set(reports.values())),
                max((p.date or "" for p in chosen), default=""),
            )
        )
    return sorted(out, key=lambda s: s.weight, reverse=True)


def label(title: str, words: int = 8) -> str:
    """A story's name: the title of its most typical article, cut short."""
    tokens = title.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")
