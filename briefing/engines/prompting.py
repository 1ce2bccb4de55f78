"""Pure helpers for prompting a model with numbered sources, and for reading its brief back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from briefing.engines.prompts import render
from briefing.results import Part
from briefing.text.clean import for_a_model
from briefing.text.questions import CAUSE, DATE, NAME, OTHER, PLACE, QUANTITY, SAID, kind_asked
from briefing.types import Passage

_HEADING = re.compile(r"^\s*#{1,6}\s*(.+?)\s*#*\s*$|^\s*\*\*(.+?)\*\*:?\s*$", re.M)


def group_by_article(passages: Sequence[Passage]) -> list[list[Passage]]:
    """Passages as numbered sources: one per article, in order of the article's best passage."""
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.article_id, []).append(passage)
    return [sorted(group, key=lambda p: p.start) for group in groups.values()]


def format_sources(groups: Sequence[Sequence[Passage]], start: int = 1) -> str:
    """The numbered sources block of a prompt (numbers from `start`)."""
    blocks = []
    for number, group in enumerate(groups, start=start):
        head = group[0]
        line = f"[{number}] {for_a_model(head.title)} ({', '.join(x for x in (head.source, head.date) if x)})"
        blocks.append(line + "\n" + "\n...\n".join(for_a_model(p.text, p.start > 0, True) for p in group))
    return "\n\n".join(blocks)


def fit_sources(groups: list[list[Passage]], max_chars: int) -> list[list[Passage]]:
    """Keep the best sources whose text fits `max_chars` (always at least one passage)."""
    kept: list[list[Passage]] = []
    used = 0
    for group in groups:
        room: list[Passage] = []
        for passage in group:
            if used + len(passage.text) <= max_chars or not (kept or room):
                room.append(passage)
                used += len(passage.text)
        if room:
            kept.append(room)
    return kept


FOCUS = {
    NAME: "It asks who: name the person or body as the sources name them.",
    QUANTITY: "It asks for a figure: give the figure as the sources state it.",
    DATE: "It asks when: give the date or time the sources give.",
    PLACE: "It asks where: name the place the sources name.",
    SAID: "It asks what someone said: give their words as the sources report them.",
    CAUSE: "It asks why: give the reason the sources give, not only what happened.",
    OTHER: "",
}


def answer_messages(
    question: str, groups: Sequence[Sequence[Passage]], max_sentences: int = 5, spans: str = ""
) -> list[BaseMessage]:
    """The chat messages that ask a model to answer from numbered sources, told what the question asks for
    and, for a slot question, the short answers the sources give (`spans_check.spans_evidence`)."""
    focus = FOCUS[kind_asked(question)]
    sources = format_sources(groups)
    return [
        SystemMessage(render("answer_system", max_sentences=max_sentences)),
        HumanMessage(render("answer_user", sources=sources, question=question, focus=focus, spans=spans)),
    ]


def split_parts(markdown: str) -> dict[str, str]:
    """The text under each of the brief's headings, matched loosely ("## Key Figures:" is Key figures)."""
    keys = {part: part.split()[0].lower() if part != Part.KEY_FIGURES else "figures" for part in Part}
    keys[Part.KEY_DEVELOPMENTS] = "developments"
    found: dict[str, str] = {}
    marks = list(_HEADING.finditer(markdown))
    for n, mark in enumerate(marks):
        heading = (mark.group(1) or mark.group(2) or "").lower()
        part = next((p for p, key in keys.items() if key in heading), None)
        end = marks[n + 1].start() if n + 1 < len(marks) else len(markdown)
        if part:
            found[part] = found.get(part, "") + markdown[mark.end() : end]
    return found
