"""What the page shows for an answer, a source list, an ingest result or an error (Markdown, inert source text)."""

from __future__ import annotations

import briefing
from briefing.markup import html_text

Message = dict[str, str]
ERROR = "⚠️ "


def problem(exc: Exception) -> str:
    if isinstance(exc, ValueError):  # every BriefingError, and a bad value anywhere
        return f"{ERROR}{exc}"
    return f"{ERROR}Something went wrong ({type(exc).__name__}: {exc}). The page still works; try again."


def sources_markdown(answer: briefing.Answer) -> str:
    """The numbered sources with their quoted passages, each expandable."""
    if answer.abstained or not answer.sources:
        return ""
    blocks = []
    for src in answer.sources:
        quotes = "".join(f"<blockquote>{html_text(q.text)}</blockquote>" for q in src.quotes)
        meta = ", ".join(x for x in (src.source, src.date) if x)
        summary = f"[{src.number}] {html_text(src.title)} — {html_text(meta)}"
        blocks.append(f"<details><summary>{summary}</summary>{quotes}</details>")
    return "\n".join(blocks)


def answer_markdown(answer: briefing.Answer) -> str:
    """What the chat shows for a finished answer: the text, how it was checked, then its sources."""
    if answer.abstained:
        return f"🛈 {answer.text}"
    lines = [answer.text]
    notes = [*answer.notes, *([answer.check.summary()] if answer.check else [])]
    lines += [f"_{note}_" for note in notes]
    return "\n\n".join([*lines, sources_markdown(answer)])


def ingest_result(report: briefing.IngestReport) -> str:
    """One file's result: why it was skipped, or the counts, and what was changed in reading it."""
    if report.skipped and not report.ingested:
        return "skipped: " + "; ".join(reason for _, reason in report.skipped)
    return "; ".join([report.summary(), *(f"note: {note}" for _, note in report.notes)])
