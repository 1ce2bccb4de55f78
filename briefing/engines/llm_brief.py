"""Briefs written by an LLM engine from the evidence: the model gets the findings as cited notes, each with
how many independent sources carry it and when it was reported, writes the one-page parts, and every
sentence it writes is checked against the source it cites. When the notes do not fit the model's context
they are condensed in batches first (map), then written up (reduce). Disputes and what changed are laid
out from the evidence itself; a part the check leaves empty is filled with source sentences."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.analysis.check import Checker
from briefing.analysis.citations import Pick
from briefing.analysis.evidence import Evidence, Finding
from briefing.analysis.layout import BriefSpec, Picks, assembler, fitted_brief, label_for, layout
from briefing.engines.prompting import group_by_article, split_parts
from briefing.engines.prompts import render
from briefing.errors import ContextTooLong
from briefing.results import Brief, Part
from briefing.text.sentences import normalize

if TYPE_CHECKING:
    from briefing.engines.llm import LLMEngine

WRITTEN = tuple(part for part in Part if part is not Part.DISPUTED)  # the parts the model writes
_DATED_ITEM = re.compile(r"^(\s*(?:[-*•]\s*)?)\**(\d{4}-\d{2}-\d{2})\**\s*[:—–-]\s*", re.M)


def note(finding: Finding, number_of: dict[str, int]) -> str:
    """A finding as a cited note: its lead sentence, its sources, when it was reported, what date it names."""
    numbers = dict.fromkeys(number_of[c.passage.article_id] for c in finding.independent())
    count = "single source" if finding.reports == 1 else f"{finding.reports} sources"
    when = f"; reported {finding.first}" if finding.first else ""
    event = f"; event {finding.event}" if finding.event else ""
    return f"- {finding.lead.shown} {''.join(f'[{n}]' for n in numbers)} ({count}{when}{event})"


def selection_note(pick: Pick, number_of: dict[str, int], part: Part) -> str:
    """An entry the extractive layout chose for a part, as a cited note saying what it was chosen as: a
    timeline or outlook day by date salience ("a milestone"), a key figure by the reports that give it, a
    party's position."""
    numbers = dict.fromkeys(number_of[c.passage.article_id] for c in [pick.cand, *pick.also])
    count = "single source" if pick.reports <= 1 else f"{pick.reports} sources"
    kind = {
        Part.KEY_FIGURES: f"key figure: {pick.label}",
        Part.ACTORS: f"position of {pick.label}",
    }.get(part, f"event {pick.label}; a milestone")
    when = f"; reported {pick.cand.passage.date}" if pick.cand.passage.date else ""
    return f"- {pick.text} {''.join(f'[{n}]' for n in numbers)} ({count}; {kind}{when})"


def batches(lines: list[str], max_chars: int) -> list[list[str]]:
    """Lines in order, in batches of at most `max_chars` characters (a longer line is a batch of its own)."""
    out: list[list[str]] = []
    size = 0
    for line in lines:
        if out and size + len(line) <= max_chars:
            out[-1].append(line)
            size += len(line)
        else:
            out.append([line])
            size = len(line)
    return out


def write_brief(engine: LLMEngine, chosen: Evidence, spec: BriefSpec) -> Brief:
    """A brief written by the engine's model from the evidence, every sentence checked."""
    quoted = layout(chosen, spec)  # the extractive brief: disputes, what changed, and the fallback
    if chosen.stories:  # a digest: one quoted line per story, laid out from the evidence, nothing to write
        return fitted_brief(quoted, spec.words, assembler(spec, chosen, engine.name))
    groups = group_by_article(chosen.passages)
    checker = Checker(groups, engine.embedder, engine.threshold)
    clause = f" on {spec.topic}" if spec.topic else ""
    finding_of = {(c.passage.article_id, normalize(c.text)): f for f in chosen.findings for c in f.sentences}
    known = checker.number_of
    # the days most independent reports name come first, as the extractive timeline has them (by date
    # salience), then the figures most reports give and the parties' positions, as the extractive brief has them
    selected = [
        (part, p)
        for part in (Part.TIMELINE, Part.OUTLOOK, Part.KEY_FIGURES, Part.ACTORS)
        for p in quoted[part]
        if p.label and "(published)" not in p.label and all(c.passage.article_id in known for c in [p.cand, *p.also])
    ]
    notes = [selection_note(p, known, part) for part, p in selected]
    told = {(p.cand.passage.id, p.cand.order) for _, p in selected}
    notes += [
        note(f, known)
        for f in chosen.findings
        if f.lead.passage.article_id in known and (f.lead.passage.id, f.lead.order) not in told
    ]

    def condense(batch: list[str]) -> list[str]:
        """Map: a batch of notes, condensed by the model; what it writes is checked before it goes on."""
        text = engine.call(render("brief_map", topic_clause=clause, notes="\n".join(batch)))
        return [f"- {p.text} [{checker.number_of[p.cand.passage.article_id]}]" for p in checker.fork().check(text)]

    if sum(map(len, notes)) > engine.max_chars:  # too long for one prompt: condense batch by batch
        notes = [line for batch in batches(notes, engine.max_chars) for line in condense(batch)]
    notes = batches(notes, engine.max_chars)[0] if notes else []  # the best first, as many as fit
    parts: Picks = {part: [] for part in quoted}
    if notes:
        while True:  # notes too long for the context: keep the first half (the best findings come first)
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
            if part == Part.TIMELINE:  # "2021-11-26: ..." becomes "On 2021-11-26, ...", so the date is checked too
                text = _DATED_ITEM.sub(r"\1On \2, ", text)
            for pick in checker.check(text):
                pick.label = label_for(part, pick.text, pick.cand.passage.date)
                finding = finding_of.get((pick.cand.passage.article_id, normalize(pick.cand.text)))
                if finding is not None:
                    pick.reports, pick.outlets = finding.reports, finding.outlets
                parts[part].append(pick)
    filled = [part for part in WRITTEN if part in parts and not parts[part]]
    for part in parts:
        if part not in WRITTEN:
            parts[part] = quoted[part]
        elif part in filled:
            parts[part] = quoted[part][:2]
    make = assembler(spec, chosen, engine.name)

    def with_check(picks: Picks) -> Brief:
        brief = make(picks)
        brief.check = checker.report
        if filled:
            brief.notes.append(
                f"quoted from the sources where the model's text could not be supported: {', '.join(filled)}"
            )
        return brief

    return fitted_brief(parts, spec.words, with_check)
