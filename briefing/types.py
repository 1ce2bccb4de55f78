"""The data the API takes and gives: articles, passages, filters, and answers and briefs made of cited claims.

Plain data with their Markdown forms; no I/O. Every other module speaks these types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingError
from briefing.text.facts import parse_date
from briefing.text.markup import md_link, md_text
from briefing.text.sentences import normalize

if TYPE_CHECKING:
    from briefing.analysis.check import CheckReport

NOT_COVERED = "The sources in the store don't cover this question."
NOTHING_STORED = "The store holds no articles that match these filters, so there is nothing to answer from."
PARTS = (
    "Bottom line",
    "Key developments",
    "Disputed or unconfirmed",
    "Actors and positions",
    "Key figures",
    "Timeline",
    "Outlook / what to watch",
)


EMPTY = {PARTS[2]: "_No figure in dispute among the sources._"}


def article_id(text: str) -> str:
    """Stable id from normalised content: the same article always gets the same id."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article. `id` comes from its normalised text; `key` says which article it is."""

    text: str
    title: str
    source: str
    key: str
    url: str = ""
    date: str | None = None
    id: str = field(default="")
    notes: tuple[str, ...] = field(default=(), compare=False)  # what was changed in reading it, said to the user

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))


@dataclass(frozen=True)
class Passage:
    """A chunk of an article with what a citation needs: article, title, source, date, offsets."""

    id: str
    text: str
    article_id: str
    title: str
    source: str
    date: str | None
    url: str
    chunk: int
    start: int
    end: int
    score: float = 0.0


def read_date(value: str | None, name: str) -> str | None:
    """An ISO date from a user-given date, or a BriefingError saying what to type."""
    if value is None or str(value).strip() == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise BriefingError(f"cannot read {name} date {value!r}; use YYYY-MM-DD (a day between 1800 and 2200)")
    return parsed


@dataclass(frozen=True)
class Filters:
    """Which articles a question or a brief draws on: a date range (inclusive) and a source."""

    since: str | None = None
    until: str | None = None
    source: str | None = None

    @classmethod
    def of(cls, since: str | None = None, until: str | None = None, source: str | None = None) -> Filters:
        """Filters from what a user gave: dates read and checked (BriefingError if unreadable), blanks dropped."""
        start, end = read_date(since, "--since"), read_date(until, "--until")
        if start and end and start > end:
            raise BriefingError(f"--since {start} is after --until {end}")
        return cls(start, end, source.strip() if source and source.strip() else None)

    def admits_date(self, day: str | None) -> bool:
        """Whether an article of this date is inside the date range (an undated one only when there is none)."""
        if not self.since and not self.until:
            return True
        return day is not None and (not self.since or day >= self.since) and (not self.until or day <= self.until)


@dataclass(frozen=True)
class Quote:
    """An exact passage of an article: its text and character offsets into the article."""

    text: str
    start: int
    end: int
    passage_id: str


@dataclass
class Source:
    """A numbered source: one article, and the exact passages quoted from it."""

    number: int
    article_id: str
    title: str
    source: str
    date: str | None
    url: str
    quotes: list[Quote] = field(default_factory=list)

    @property
    def quote(self) -> str:
        """The cited sentences, verbatim, in article order."""
        return " … ".join(q.text for q in sorted(self.quotes, key=lambda q: q.start))

    def byline(self) -> str:
        """Title, then source and date."""
        rest = ", ".join(md_text(p) for p in (self.source, self.date) if p)
        title = md_text(self.title)
        return f"*{title}* — {rest}" if rest else f"*{title}*"


Mark = Callable[["Claim"], str]  # a claim's citation marks as a front end shows them


@dataclass
class Claim:
    """One sentence shown to the user and the source numbers that support it."""

    text: str
    citations: list[int]
    label: str | None = None
    date: str | None = None
    # "quoted" from a source; "compared": two sources' words side by side (a dispute); for generated text,
    # "supported" or "repaired"
    status: str = "quoted"
    reports: int = 0  # independent reports that carry it (copies counted once); 0: not counted
    outlets: list[str] = field(default_factory=list)  # the outlets that carry it
    # the exact passages it rests on (article offsets), so a page can show and open each [n]
    quoted: list[Quote] = field(default_factory=list, repr=False, compare=False)

    @property
    def tally(self) -> str:
        """How many independent reports carry it: "(single source)", "(2 sources; carried by 5 outlets)", or ""."""
        if not self.reports:
            return ""
        count = "single source" if self.reports == 1 else f"{self.reports} sources"
        if len(self.outlets) > self.reports:  # a wire story reprinted: one source, several outlets
            count += f"; carried by {len(self.outlets)} outlets"
        return f"({count})"

    def markdown(self, mark: Mark | None = None) -> str:
        """The claim as Markdown: text, citation marks (`[1][2]`, or as `mark` makes them), source count."""
        marks = mark(self) if mark else "".join(f"[{n}]" for n in self.citations)
        count = f" {self.tally}" if self.tally else ""
        body = f"{md_text(self.text)} {marks}{count}".strip()
        return f"**{md_text(self.label)}** — {body}" if self.label else body


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
        abstained: True when the sources did not cover the question and nothing was answered.
        engine: The answer engine that produced it.
        check: For generated answers, what the citation check did with each sentence.
        notes: Anything the user should know about how the answer was made (e.g. trimmed context).
        standalone_question: A follow-up question as rewritten for retrieval.
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

    @property
    def text(self) -> str:
        """The answer as prose with inline [n] citations (or the abstention message)."""
        return self.prose()

    def prose(self, mark: Mark | None = None) -> str:
        """The answer as prose, its citation marks made by `mark` (default: [n])."""
        if self.abstained:
            return self.message or NOT_COVERED
        if not any(c.label for c in self.claims):
            return " ".join(c.markdown(mark) for c in self.claims)
        parts: dict[str, list[str]] = {}  # a question asked in parts: a paragraph for each
        for claim in self.claims:
            parts.setdefault(claim.label or "", []).append(replace(claim, label=None).markdown(mark))
        return "\n\n".join(f"**{md_text(label)}** {' '.join(said)}".strip() for label, said in parts.items())

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
        """The claims of the part with this title ("Timeline"; [] when there is no such part)."""
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

    def render(self, mark: Mark | None = None) -> str:
        """The brief as Markdown, its claims' citation marks made by `mark` (default: [n])."""
        lines = [f"# {md_text(self.title)}", "", f"_{self.basis}_"]
        lines += [f"_{note}_" for note in self.remarks]
        lines.append("")
        if self.abstained:
            return "\n".join([*lines, self.message, ""])
        for section in self.sections:
            lines += [f"## {section.title}", ""]
            if not section.claims:
                lines.append(EMPTY.get(section.title, "_Nothing in the sources for this part._"))
            elif section.title == PARTS[0]:
                lines.append(" ".join(c.markdown(mark) for c in section.claims))
            else:
                lines += [f"- {c.markdown(mark)}" for c in section.claims]
            lines.append("")
        lines += ["## Sources", "", render_sources(self.sources, quotes=False), ""]
        return "\n".join(lines)

    def to_pdf(self, path: str | Path) -> Path:
        """Write the brief as a PDF (one A4 page when it keeps to the word budget), timeline picture included."""
        from briefing.export import write_pdf

        return write_pdf(self, Path(path))

    def to_docx(self, path: str | Path) -> Path:
        """Write the brief as a Word document: the parts as headings, citations linked to their sources."""
        from briefing.export import write_docx

        return write_docx(self, Path(path))
