"""What the API gives back: an Answer (or the stream of one) and a Brief, each made of cited claims and
numbered sources, with their Markdown forms. Plain data; no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.text.markup import md_link, md_text
from briefing.types import Claim, Lead, Mark, Passage, Source

if TYPE_CHECKING:
    from briefing.analysis.check import CheckReport

NOT_COVERED = "The sources in the store don't cover this question."
NOTHING_STORED = "The store holds no articles that match these filters, so there is nothing to answer from."


class Part(StrEnum):
    """The parts of a brief, in the order they appear on the page; each one's value is its heading."""

    BOTTOM_LINE = "Bottom line"
    KEY_DEVELOPMENTS = "Key developments"
    DISPUTED = "Disputed or unconfirmed"
    ACTORS = "Actors and positions"
    KEY_FIGURES = "Key figures"
    TIMELINE = "Timeline"
    OUTLOOK = "Outlook / what to watch"


TOP_STORIES = "Top stories"  # the one part of a digest (a brief on a store of several stories)
EMPTY: dict[str, str] = {Part.DISPUTED: "_Nothing in dispute among the sources._"}


def render_sources(sources: list[Source], quotes: bool = True) -> str:
    """The numbered `Sources` list in Markdown, with the quoted passage under each when asked."""
    lines = []
    for src in sources:
        line = f"{src.number}. {src.byline()}"
        if md_link(src.url):
            line += f" {md_link(src.url)}"
        lines.append(line)
        if quotes:
            lines += [f"   > {md_text(q.text)}" for q in sorted(src.quotes, key=lambda q: q.start)]
    return "\n".join(lines)


@dataclass
class Answer:
    """An answer: its claims, each citing numbered sources, or an abstention.

    Attributes:
        question: The question asked.
        claims: The answer's sentences, each with the numbers of the sources supporting it.
        sources: The numbered sources, with the passage quoted from each.
        abstained: True when the sources did not answer the question. Its `message` says why; its claims,
            when it has any, are what the sources hold nearest to it (quoted and cited, not an answer).
        engine: The answer engine that produced it.
        check: For generated answers, what the citation check did with each sentence.
        notes: Anything the user should know about how the answer was made (e.g. trimmed context).
        standalone_question: A follow-up question as rewritten for retrieval.
        leads: The short answer it leads with (`Lead`: a span of the cited sentences and the independent
            reports that give it); more than one when independent sources give different answers.
    """

    question: str
    claims: list[Claim]
    sources: list[Source]
    abstained: bool = False
    engine: str = "extractive"
    message: str = ""
    passages: list[Passage] = field(default_factory=list, repr=False)
    check: CheckReport | None = None
    notes: list[str] = field(default_factory=list)
    standalone_question: str | None = None
    leads: list[Lead] = field(default_factory=list)

    @property
    def answer_span(self) -> str | None:
        """The short answer (a name, a figure, a date, a place) as the sources word it; None when there is none."""
        return self.leads[0].span if self.leads else None

    @property
    def reports(self) -> int:
        """How many independent reports give `answer_span` (0 when there is none)."""
        return self.leads[0].reports if self.leads else 0

    @property
    def outlets(self) -> list[str]:
        """The outlets that give `answer_span` ([] when there is none)."""
        return list(self.leads[0].outlets) if self.leads else []

    def lead(self, mark: Mark | None = None, label: str | None = None, cited: frozenset[int] = frozenset()) -> str:
        """The short answer in Markdown ("" when there is none): `**Yelnya** [1] (single source)`, or each
        answer and its sources when independent sources disagree; of the part `label` of a question asked
        in parts (of each part, when one sentence answers several). A lead whose sources are all `cited` by
        the quotes after it is shown without its own `[n]`: `**Yelnya** (single source) — "…" [1]`."""
        if self.abstained:
            return ""
        parts: dict[str | None, list[Lead]] = {}
        for lead in self.leads:
            if lead.label == label or (label and lead.label and lead.label in label):
                parts.setdefault(lead.label, []).append(lead)
        said = []
        for mine in parts.values():
            # one answer: its [n] are those of the quotes after it; a disagreement names each answer's sources
            shown = " · ".join(
                lead.markdown(mark, marks=len(mine) > 1 or not set(lead.citations) <= cited) for lead in mine
            )
            said.append(f"{shown} — the sources disagree" if len(mine) > 1 else shown)
        return "; ".join(said)

    @property
    def text(self) -> str:
        """The answer as prose with inline [n] citations (or the abstention message)."""
        return self.prose()

    def prose(self, mark: Mark | None = None) -> str:
        """The answer as prose, its citation marks made by `mark` (default: [n]); the short answer first. A
        declined answer is its message, then what the sources hold nearest to the question when it says."""
        if self.abstained:
            held = " ".join(claim.markdown(mark) for claim in self.claims)
            return " ".join(p for p in (self.message or NOT_COVERED, held) if p)
        parts: dict[str | None, list[str]] = {}  # a question asked in parts: a paragraph for each
        for claim in self.claims:
            parts.setdefault(claim.label, []).append(replace(claim, label=None).markdown(mark))
        paragraphs = []
        for label, said in parts.items():
            cited = frozenset(n for c in self.claims if c.label == label for n in c.citations)
            lead = self.lead(mark, label, cited=cited)
            disagree = "the sources disagree" in lead
            body = f"{lead}\n\n{' '.join(said)}" if disagree else " — ".join(p for p in (lead, " ".join(said)) if p)
            paragraphs.append(f"**{md_text(label)}** {body}" if label else body)
        return "\n\n".join(paragraphs)

    @property
    def markdown(self) -> str:
        """The answer, notes on how it was made, and its numbered `Sources` with quoted passages."""
        lines = [self.text]
        extra = [*self.notes, *([self.check.summary()] if self.check else [])]
        if extra:
            lines.append("\n".join(f"_{note}_" for note in extra))
        if self.sources:
            lines.append(f"## Sources\n\n{render_sources(self.sources)}")
        return "\n\n".join(lines)


class AnswerStream:
    """Tokens of an answer as the model writes them; once exhausted, `.answer` is the checked Answer."""

    def __init__(self, tokens: Iterator[str], finish: Callable[[str], Answer]) -> None:
        self._tokens = tokens
        self._finish = finish
        self._parts: list[str] = []
        self._then: list[Callable[[Answer], None]] = []
        self.answer: Answer | None = None

    @classmethod
    def of(cls, answer: Answer) -> AnswerStream:
        """A finished answer as a stream of one token, its text."""
        return cls(iter([answer.text]), lambda _: answer)

    def then(self, callback: Callable[[Answer], None]) -> AnswerStream:
        """Call `callback` with the checked answer once the stream is done."""
        self._then.append(callback)
        return self

    def __iter__(self) -> Iterator[str]:
        # Picks up where an earlier, interrupted iteration stopped; the text checked is always all of it.
        if self.answer is not None:
            return
        for token in self._tokens:
            self._parts.append(token)
            yield token
        self.answer = self._finish("".join(self._parts))
        for callback in self._then:
            callback(self.answer)

    def result(self) -> Answer:
        """Run the stream to the end (if not yet done) and return the checked answer."""
        if self.answer is None:
            for _ in self:
                pass
        assert self.answer is not None
        return self.answer


@dataclass
class Section:
    """One part of a brief and its claims."""

    title: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Brief:
    """A one-page situation brief.

    Attributes:
        title: The brief's heading.
        sections: The parts, in order, each a list of cited claims.
        sources: The numbered sources every claim points at.
        articles: How many articles the brief drew on.
        abstained: True when nothing in the sources matched the topic.
    """

    title: str
    topic: str | None
    sections: list[Section]
    sources: list[Source]
    articles: int
    since: str | None = None
    until: str | None = None
    abstained: bool = False
    message: str = ""
    engine: str = "extractive"
    check: CheckReport | None = None
    notes: list[str] = field(default_factory=list)
    outlets: int = 0  # outlets among the articles drawn on
    copies: int = 0  # articles that were copies of another one there, counted once
    first: str | None = None  # the earliest and latest article dates drawn on
    last: str | None = None
    volume: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)  # outlet -> day -> articles
    kept: Path | None = None  # the folder of its .md and .html in the collection's brief history

    @property
    def claims(self) -> list[Claim]:
        """Every claim in the brief, part by part."""
        return [c for s in self.sections for c in s.claims]

    def part(self, title: str) -> list[Claim]:
        """The claims of the part with this title (a `Part`, or "What changed since DATE"; [] when there is none)."""
        return next((s.claims for s in self.sections if s.title == title), [])

    @property
    def basis(self) -> str:
        """The line under the heading: articles, outlets, dates, copies collapsed, and how it was made."""
        span = " to ".join(dict.fromkeys(d for d in (self.first or self.since, self.last or self.until) if d))
        span = span or "all dates"
        how = (
            "every sentence is quoted from the source it cites"
            if self.check is None
            else "every sentence was checked against the source it cites"
        )
        outlets = f", {self.outlets} outlet(s)" if self.outlets else ""
        copies = f"; {self.copies} copies collapsed" if self.copies else ""
        return f"Drawn from {self.articles} article(s){outlets}, {span}{copies}; {how} ({self.engine} engine)."

    @property
    def remarks(self) -> list[str]:
        """Notes on how the brief was made (what was left out, what the check did)."""
        return [*self.notes, *([self.check.summary()] if self.check else [])]

    @property
    def markdown(self) -> str:
        """The brief as Markdown: heading, a line on its basis, the parts, the sources list."""
        return self.render()

    @property
    def words(self) -> int:
        """Words of its body: the heading, basis, notes and parts; the Sources list is not counted."""
        return len(self.render(sources=False).split())

    def render(self, mark: Mark | None = None, sources: bool = True) -> str:
        """The brief as Markdown, its claims' citation marks made by `mark` (default: [n]), with its Sources
        list unless `sources` is False."""
        lines = [f"# {md_text(self.title)}", "", f"_{self.basis}_"]
        lines += [f"_{note}_" for note in self.remarks]
        lines.append("")
        if self.abstained:
            return "\n".join([*lines, self.message, ""])
        for section in self.sections:
            lines += [f"## {section.title}", ""]
            if not section.claims:
                lines.append(EMPTY.get(section.title, "_Nothing in the sources for this part._"))
            elif section.title == Part.BOTTOM_LINE:
                lines.append(" ".join(c.markdown(mark) for c in section.claims))
            elif section.title == TOP_STORIES:
                lines += [f"{i}. {c.markdown(mark)}" for i, c in enumerate(section.claims, 1)]
            else:
                lines += [f"- {c.markdown(mark)}" for c in section.claims]
            lines.append("")
        if sources:
            lines += ["## Sources", "", render_sources(self.sources, quotes=False), ""]
        return "\n".join(lines)
