"""Briefs written by an LLM engine: map over batches of sources, reduce into the one-page parts, then check
every sentence against the source it cites. Parts the check leaves empty are filled with source sentences."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.brief import BriefSpec, Evidence, Picks, assembler, fit, label_for, layout
from briefing.check import Checker
from briefing.engines.prompting import batches, format_sources, group_by_article, split_parts
from briefing.errors import ContextTooLong
from briefing.prompts import render
from briefing.types import PARTS, Brief

if TYPE_CHECKING:
    from briefing.engines.llm import LLMEngine

_DATED_ITEM = re.compile(r"^(\s*(?:[-*•]\s*)?)\**(\d{4}-\d{2}-\d{2})\**\s*[:—–-]\s*", re.M)


def write_brief(engine: LLMEngine, chosen: Evidence, spec: BriefSpec) -> Brief:
    """A brief written by the engine's model from the whole relevant set, every sentence checked."""
    groups = group_by_article(chosen.passages)
    checker = Checker(groups, engine.embedder, engine.threshold)
    clause = f" on {spec.topic}" if spec.topic else ""

    def map_facts(batch: list[int]) -> str:
        """Facts from a batch of sources; a batch too long for the model's context is split in two."""
        block = format_sources([groups[n - 1] for n in batch], start=batch[0])
        try:
            return engine.call(render("brief_map", topic_clause=clause, sources=block))
        except ContextTooLong:
            if len(batch) == 1:
                raise
            half = len(batch) // 2
            return map_facts(batch[:half]) + "\n" + map_facts(batch[half:])

    # Map: facts from each batch of sources, numbered as in the whole set, checked before they go on.
    notes: list[str] = []
    facts_checker = checker.fork()
    for batch in batches(groups, engine.max_chars):
        for fact in facts_checker.check(map_facts(batch)):
            notes.append(f"- {fact.text} [{checker.number_of[fact.cand.passage.article_id]}]")
    # Reduce: the one-page parts from the checked facts; then every sentence is checked again.
    parts: Picks = {part: [] for part in layout(chosen, spec)}
    if notes:
        while True:  # notes too long for the context: keep the first half (the best sources come first)
            try:
                draft = engine.call(
                    render("brief_reduce", topic_clause=clause, words=spec.words, notes="\n".join(notes))
                )
                break
            except ContextTooLong:
                if len(notes) <= 1:
                    raise
                notes = notes[: len(notes) // 2]
        for part, text in split_parts(draft).items():
            if part == PARTS[5]:  # "2021-11-26: ..." becomes "On 2021-11-26, ...", so the date is checked too
                text = _DATED_ITEM.sub(r"\1On \2, ", text)
            for pick in checker.check(text):
                pick.label = label_for(part, pick.text, pick.cand.passage.date)
                parts[part].append(pick)
    filled = [part for part in parts if not parts[part]]
    if filled:
        fallback = layout(chosen, spec)
        for part in filled:
            parts[part] = fallback[part][:2]
    make = assembler(spec, chosen, engine.name)

    def with_check(picks: Picks) -> Brief:
        brief = make(picks)
        brief.check = checker.report
        if filled:
            brief.notes = [
                f"quoted from the sources where the model's text could not be supported: {', '.join(filled)}"
            ]
        return brief

    return fit(parts, spec.words, with_check)
