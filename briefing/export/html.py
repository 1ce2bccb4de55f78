"""The brief as a standalone HTML page: each `[n]` links to its numbered source and shows the quoted passage
when hovered (its title), and the Sources list quotes each cited passage under its source (the evidence).

Everything from a source goes in as escaped text (`briefing.text.markup`): the page stays inert.
"""

from __future__ import annotations

import html
import re

from briefing.export.content import short_url
from briefing.results import Brief
from briefing.text.markup import html_text, one_line, to_html, web_url
from briefing.types import Claim, Mark, Source, quote_for

# What a Markdown link title must escape so that it stays the text it is: its quote, backslash and entities.
_TITLE_SPECIAL = re.compile(r'(["\\&])')


def _title(text: str) -> str:
    return _TITLE_SPECIAL.sub(r"\\\1", one_line(text))


def html_marks(sources: list[Source]) -> Mark:
    """How the HTML page marks a claim's citations: `[n]` linked to source n, its passage shown on hover."""
    by_number = {s.number: s for s in sources}

    def passage(number: int, claim: Claim) -> str:
        source = by_number.get(number)
        if source is None:
            return ""
        quote = quote_for(source, claim.quoted)
        return f"“{quote.text}” — {source.title}" if quote else source.title

    def mark(claim: Claim) -> str:
        return "".join(f'[\\[{n}\\]](#source-{n} "{_title(passage(n, claim))}")' for n in claim.citations)

    return mark


def sources_html(sources: list[Source], evidence: bool) -> str:
    """The numbered Sources list, each item the target of its `[n]` links, with its quoted passages when asked."""
    items = []
    for src in sources:
        url = web_url(src.url)
        title = html_text(src.title) or "(untitled)"
        title = f'<a href="{html.escape(url, quote=True)}"><em>{title}</em></a>' if url else f"<em>{title}</em>"
        rest = ", ".join(html_text(p) for p in (src.source, src.date) if p)
        line = title + (f" — {rest}" if rest else "") + (f" <small>{html_text(short_url(url))}</small>" if url else "")
        quotes = sorted(src.quotes, key=lambda q: q.start) if evidence else []
        line += "".join(f"<blockquote>{html_text(q.text)}</blockquote>" for q in quotes)
        items.append(f'<li id="source-{src.number}" value="{src.number}">{line}</li>')
    return f"<h2>Sources</h2><ol>{''.join(items)}</ol>" if items else ""


def brief_html(brief: Brief, picture: bytes | None = None, evidence: bool = True) -> str:
    """The brief as a standalone HTML page (see the module's note); the timeline picture inline."""
    if brief.abstained:
        return to_html(brief.markdown, brief.title, picture)
    body = brief.render(html_marks(brief.sources), sources=False)
    return to_html(body, brief.title, picture, tail=sources_html(brief.sources, evidence))
