"""Briefs written by an LLM engine: map over groups of sources, reduce into the one-page parts, then check
every sentence against the source it cites. Parts the check leaves empty are filled with source sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage

from briefing.answer import format_sources, group_by_article
from briefing.brief import (
    PARTS,
    Brief,
    Pick,
    Picks,
    actor_of,
    arrange,
    assembler,
    figure_label,
    fit,
    select,
)
from briefing.citations import Checker
from briefing.llm import ContextTooLong
from briefing.prompts import render
from briefing.retrieval import Passage
from briefing.text import dates_in

_DATED_ITEM = re.compile(r"^(\s*(?:[-*•]\s*)?)\**(\d{4}-\d{2}-\d{2})\**\s*[:—–-]\s*", re.M)
_HEADING = re.compile(r"^\s*#{1,6}\s*(.+?)\s*#*\s*$|^\s*\*\*(.+?)\*\*:?\s*$", re.M)


def batches(groups: Sequence[Sequence[Passage]], max_chars: int) -> list[list[int]]:
    """Source numbers (1-based) in batches whose passages fit `max_chars` together."""
    out: list[list[int]] = []
    size = 0
    for number, group in enumerate(groups, start=1):
        length = sum(len(p.text) for p in group)
        if out and size + length <= max_chars:
            out[-1].append(number)
            size += length
        else:
            out.append([number])
            size = length
    return out


def split_parts(markdown: str) -> dict[str, str]:
    """The text under each of the brief's headings, matched loosely ("## Key Figures:" is Key figures)."""
    keys = {part: part.split()[0].lower() if part != "Key figures" else "figures" for part in PARTS}
    keys["Key developments"] = "developments"
    found: dict[str, str] = {}
    marks = list(_HEADING.finditer(markdown))
    for n, mark in enumerate(marks):
        heading = (mark.group(1) or mark.group(2) or "").lower()
        part = next((p for p, key in keys.items() if key in heading), None)
        end = marks[n + 1].start() if n + 1 < len(marks) else len(markdown)
        if part:
            found[part] = found.get(part, "") + markdown[mark.end() : end]
    return found


def label_for(part: str, text: str, date: str | None) -> str | None:
    """The label a claim carries in its part: the actor, the figure, or the date."""
    if part == PARTS[2]:
        return actor_of(text)
    if part == PARTS[3]:
        return figure_label(text)
    if part == PARTS[4]:
        named = dates_in(text, date)
        return named[0] if named else date
    return None


def build_llm_brief(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    embedder: Embeddings,
    chat: BaseChatModel,
    *,
    topic: str | None,
    words: int,
    min_relevance: float,
    threshold: float,
    max_chars: int,
    explain: Callable[[Exception], Exception],
    engine: str,
    since: str | None = None,
    until: str | None = None,
) -> Brief:
    """A brief written by the model from the whole relevant set, every sentence checked."""
    title = f"Situation brief: {topic}" if topic else "Situation brief"
    chosen = select(passages, vectors, embedder, topic, min_relevance)
    if chosen.message:
        return Brief(title, topic, [], [], chosen.articles, since, until, abstained=True, message=chosen.message)
    groups = group_by_article(chosen.passages)
    checker = Checker(groups, embedder, threshold)
    clause = f" on {topic}" if topic else ""

    def call(prompt: str) -> str:
        try:
            return str(chat.invoke([HumanMessage(prompt)]).content)
        except Exception as exc:
            raise explain(exc) from exc

    def map_facts(batch: list[int]) -> str:
        """Facts from a batch of sources; a batch too long for the model's context is split in two."""
        block = format_sources([groups[n - 1] for n in batch], start=batch[0])
        try:
            return call(render("brief_map", topic_clause=clause, sources=block))
        except ContextTooLong:
            if len(batch) == 1:
                raise
            half = len(batch) // 2
            return map_facts(batch[:half]) + "\n" + map_facts(batch[half:])

    # Map: facts from each batch of sources, numbered as in the whole set, checked before they go on.
    notes: list[str] = []
    facts_checker = checker.fork()
    for batch in batches(groups, max_chars):
        for fact in facts_checker.check(map_facts(batch)):
            number = checker.number_of[fact.source.passage.article_id]
            notes.append(f"- {fact.text} [{number}]")
    # Reduce: the one-page parts from the checked facts; then every sentence is checked again.
    parts: Picks = {part: [] for part in PARTS}
    if notes:
        while True:  # notes too long for the context: keep the first half (the best sources come first)
            try:
                draft = call(render("brief_reduce", topic_clause=clause, words=words, notes="\n".join(notes)))
                break
            except ContextTooLong:
                if len(notes) <= 1:
                    raise
                notes = notes[: len(notes) // 2]
        for part, text in split_parts(draft).items():
            if part == PARTS[4]:  # "2021-11-26: ..." becomes "On 2021-11-26, ...", so the date is checked too
                text = _DATED_ITEM.sub(r"\1On \2, ", text)
            for item in checker.check(text):
                date = item.source.passage.date
                parts[part].append(
                    Pick(item.source, label_for(part, item.text, date), item.text, item.status, item.also)
                )
    filled = [part for part in PARTS if not parts[part]]
    if filled:
        fallback = arrange(chosen.cands, chosen.score)
        for part in filled:
            parts[part] = fallback[part][:2]
    make = assembler(title, topic, chosen.articles, since, until, engine)

    def with_check(picks: Picks) -> Brief:
        brief = make(picks)
        brief.check = checker.report
        if filled:
            brief.notes = [
                f"quoted from the sources where the model's text could not be supported: {', '.join(filled)}"
            ]
        return brief

    return fit(parts, words, with_check)
