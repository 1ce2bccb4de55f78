"""What the page shows for an answer, a brief, a source list, an ingest result or an error (Markdown, inert
source text).

In answers and briefs each citation mark `[n]` is a small span: hovering (or focusing) it shows the quoted
passage in a popover, clicking it opens the article beside the page (see `briefing.ui.article`). Each
claim carries its status (quoted, supported, repaired) as a small superscript.
"""

from __future__ import annotations

import re
from typing import Any

import briefing
from briefing.api.overview import Overview
from briefing.errors import hide_userinfo
from briefing.text.markup import html_text
from briefing.types import Claim, Mark, Quote, Source, quote_for

Message = dict[str, str]
ERROR = "⚠️ "
# What each status says about a sentence (shown when the status is hovered).
STATUS = {
    "quoted": "Quoted word for word from the source",
    "supported": "Written by the model; checked against the source it cites",
    "repaired": "The model's sentence failed the check; replaced by the closest source sentence",
    "compared": "Two sources' own words, side by side",
}
_NOT_ID = re.compile(r"[^0-9A-Za-z]")


def problem(exc: Exception) -> str:
    said = hide_userinfo(str(exc))  # a URL in a message shows without its `user:password@`
    if isinstance(exc, ValueError):  # every BriefingError, and a bad value anywhere
        return f"{ERROR}{said}"
    return f"{ERROR}Something went wrong ({type(exc).__name__}: {said}). The page still works; try again."


def cite_mark(number: int, source: Source | None, quoted: list[Quote]) -> str:
    """One citation mark: `[n]` with the quoted passage in a popover, and where to open the article (a
    class `open-<article>-<start>-<end>`: the page's sanitizer keeps classes, not data attributes)."""
    if source is None:
        return f"[{number}]"
    quote = quote_for(source, quoted)
    where = f"open-{_NOT_ID.sub('', source.article_id)[:64]}" + (f"-{quote.start}-{quote.end}" if quote else "")
    said = html_text(quote.text) if quote else "(no passage quoted)"
    meta = ", ".join(p for p in (source.source, source.date) if p)
    origin = " — ".join(html_text(x) for x in (source.title, meta) if x)
    pop = f'<span class="cite-pop"><span class="cite-quote">{said}</span><span class="cite-from">{origin}</span></span>'
    return f'<span class="cite {where}" tabindex="0" role="button">[{number}]{pop}</span>'


def cite_marks(sources: list[Source]) -> Mark:
    """How the page marks a claim's citations: each an openable `cite_mark`, then the claim's status."""
    by_number = {s.number: s for s in sources}

    def mark(claim: Claim) -> str:
        marks = "".join(cite_mark(n, by_number.get(n), claim.quoted) for n in claim.citations)
        status = claim.status
        if claim.citations and status in STATUS:
            marks += f'<sup class="claim-status status-{status}" title="{STATUS[status]}">{status}</sup>'
        return marks

    return mark


def sources_markdown(answer: briefing.Answer) -> str:
    """The numbered sources with their quoted passages, each expandable."""
    if not answer.sources:
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
    if answer.abstained and not answer.claims:
        return f"🛈 {answer.text}"
    lines = [answer.prose(cite_marks(answer.sources))]
    if answer.abstained:  # declined, quoting what the sources hold nearest to the question
        lines[0] = f"🛈 {lines[0]}"
    notes = [*answer.notes, *([answer.check.summary()] if answer.check else [])]
    lines += [f"_{note}_" for note in notes]
    return "\n\n".join([*lines, sources_markdown(answer)])


def brief_markdown(brief: briefing.Brief) -> str:
    """What the page shows for a brief: its Markdown with openable citation marks and each claim's status."""
    return brief.render(cite_marks(brief.sources))


def ingest_result(report: briefing.IngestReport) -> str:
    """One file's result: why it was skipped, or the counts, why each record skipped was (as the CLI
    says), and what was changed in reading it."""
    if report.skipped and not report.ingested:
        return "skipped: " + "; ".join(reason for _, reason in report.skipped)
    left = report.left_lines("delete them in the Library")
    skipped = [f"skipped: {reason}" for _, reason in report.skipped]
    return "; ".join([report.summary(), *skipped, *(f"note: {note}" for _, note in report.notes), *left])


def overview_markdown(overview: Overview) -> str:
    """What the empty chat says of the collection: its size and dates, and where to start."""
    if not overview.articles:
        return (
            "**This collection holds no articles yet.** Add some in the Library tab (upload files or paste an "
            "article), then ask about them here."
        )
    span = " to ".join(dict.fromkeys(d for d in (overview.first_date, overview.last_date) if d))
    size = f"{overview.articles:,} articles from {overview.outlets:,} outlets" + (f", {span}" if span else "")
    start = "Ask about them, or start with a question on one of the top stories:" if overview.questions else ""
    return f"**This collection holds {size}.** {start}".strip()


def with_downloads(shown: tuple[str | None, ...]) -> tuple[Any, ...]:
    """A brief as the Brief tab shows it (its text, .md, .html, .pdf and .docx files, its picture), each
    download button active only when it has a file to give: before a brief, or after an error, none is."""
    import gradio as gr

    text, *files, picture = shown
    return (text, *(gr.update(value=f, interactive=f is not None) for f in files), picture)


def show_picture(path: str | None) -> Any:
    """The timeline picture shown when the brief has one, hidden when not."""
    import gradio as gr

    return gr.Image(visible=path is not None)
