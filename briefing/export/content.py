"""A brief as plain blocks of styled text runs, which the PDF and Word writers lay out.

Pure: no library is imported here. Source text stays text (it is never parsed as markup by the writers),
loses the control characters a PDF or an XML document cannot hold, and a run links only to an http(s) URL
(`markup.web_url`), so a `javascript:` address from a hostile page is shown as nothing, as in the Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.results import EMPTY, Brief, Part
from briefing.text.markup import one_line, web_url
from briefing.types import Claim, Source

URL_CHARS = 56  # a source's address is shown up to this long, so that a source takes one line
# C0 controls other than tab/newline (XML 1.0 forbids them), DEL and C1 controls, lone surrogates, non-characters
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def plain(text: str | None) -> str:
    """Source text on one line, without the characters a PDF or a Word file cannot hold."""
    return one_line(_UNPRINTABLE.sub("", text or ""))


@dataclass(frozen=True)
class Run:
    """A piece of text in one style ("", "bold", "italic" or "url"), linked to `link` when it is set."""

    text: str
    style: str = ""
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph: kind is title, basis, note, heading, paragraph, bullet, source, sources (run in) or
    quote (a cited passage, in the Evidence appendix)."""

    kind: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def claim_runs(claim: Claim, links: dict[int, str | None]) -> list[Run]:
    """A claim as runs: its label in bold, its text, each [n] linked to source n's URL, then its tally."""
    runs = [Run(plain(claim.label), "bold"), Run(" — ")] if claim.label else []
    runs.append(Run(plain(claim.text) + (" " if claim.citations or claim.tally else "")))
    runs += [Run(f"[{n}]", link=links.get(n)) for n in claim.citations]
    if claim.tally:
        runs.append(Run(f" {claim.tally}" if claim.citations else claim.tally))
    return runs


def source_runs(source: Source) -> list[Run]:
    """A numbered source: its title (linked), outlet and date, then its web address."""
    url = web_url(source.url)
    rest = ", ".join(plain(p) for p in (source.source, source.date) if p)
    runs = [Run(f"{source.number}. "), Run(plain(source.title) or "(untitled)", "italic", url)]
    if rest:
        runs.append(Run(f" — {rest}"))
    if url:
        runs.append(Run(f" {short_url(url)}", "url", url))
    return runs


def compact_sources(content: list[Block]) -> list[Block]:
    """The blocks with the Sources list run in as one paragraph (each source's title and outlet linked to its
    address, the address not printed), for a page that cannot hold a line per source."""
    sources = [b for b in content if b.kind == "source"]
    if not sources:
        return content
    runs: list[Run] = []
    for block in sources:
        if runs:
            runs.append(Run("  ·  "))
        link = next((r.link for r in block.runs if r.style == "url"), None)
        runs += [r if r.style != "" or not r.text.startswith(" — ") else Run(r.text, link=link) for r in block.runs]
        if runs[-1].style == "url":
            runs.pop()
    return [*(b for b in content if b.kind != "source"), Block("sources", runs)]


def short_url(url: str, chars: int = URL_CHARS) -> str:
    """A web address as shown on paper: without its scheme, cut with … (the link keeps all of it)."""
    shown = url.split("://", 1)[-1]
    return shown if len(shown) <= chars else shown[: chars - 1] + "…"


EVIDENCE = "Evidence"  # the appendix quoting each cited passage under its source


def evidence_blocks(brief: Brief) -> list[Block]:
    """The Evidence appendix: each source that passages were quoted from, then those passages in article order."""
    out: list[Block] = []
    for source in brief.sources:
        if source.quotes:
            out.append(Block("source", [Run(f"[{source.number}] ", "bold"), *source_runs(source)[1:]]))
            out += [
                Block("quote", [Run(plain(q.text), "italic")]) for q in sorted(source.quotes, key=lambda q: q.start)
            ]
    return [Block("heading", [Run(EVIDENCE)]), *out] if out else []


def blocks(brief: Brief, evidence: bool = False) -> list[Block]:
    """The brief, block by block, in the order of its Markdown: title, basis, notes, parts, sources; then the
    Evidence appendix when asked."""
    out = [Block("title", [Run(plain(brief.title))]), Block("basis", [Run(brief.basis, "italic")])]
    out += [Block("note", [Run(plain(note), "italic")]) for note in brief.remarks]
    if brief.abstained:
        return [*out, Block("paragraph", [Run(plain(brief.message))])]
    links = {s.number: web_url(s.url) for s in brief.sources}
    for section in brief.sections:
        out.append(Block("heading", [Run(plain(section.title))]))
        if not section.claims:
            empty = EMPTY.get(section.title, "_Nothing in the sources for this part._")
            out.append(Block("note", [Run(empty.strip("_"), "italic")]))
        elif section.title == Part.BOTTOM_LINE:
            runs = [r for c in section.claims for r in [*claim_runs(c, links), Run(" ")]]
            out.append(Block("paragraph", runs[:-1]))
        else:
            out += [Block("bullet", claim_runs(c, links)) for c in section.claims]
    if brief.sources:
        out.append(Block("heading", [Run("Sources")]))
        out += [Block("source", source_runs(s)) for s in brief.sources]
    return out + (evidence_blocks(brief) if evidence and not brief.abstained else [])
