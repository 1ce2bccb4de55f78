"""Citations: numbered sources, claims that point at them, and how both are written out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.retrieval import Passage


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
        rest = ", ".join(p for p in (self.source, self.date) if p)
        return f"*{self.title}* — {rest}" if rest else f"*{self.title}*"


@dataclass
class Claim:
    """One sentence shown to the user and the source numbers that support it."""

    text: str
    citations: list[int]
    label: str | None = None
    date: str | None = None

    def markdown(self) -> str:
        marks = "".join(f"[{n}]" for n in self.citations)
        body = f"{self.text} {marks}".strip()
        return f"**{self.label}** — {body}" if self.label else body


class Citer:
    """Numbers articles in the order they are first cited and records the passages quoted from each."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, passage: Passage, start: int, end: int) -> int:
        """Cite `passage.text[start:end]`; returns the number of the source (article) it belongs to."""
        number = self._numbers.get(passage.article_id)
        if number is None:
            number = len(self.sources) + 1
            self._numbers[passage.article_id] = number
            self.sources.append(
                Source(number, passage.article_id, passage.title, passage.source, passage.date, passage.url)
            )
        src = self.sources[number - 1]
        quote = Quote(passage.text[start:end], passage.start + start, passage.start + end, passage.id)
        if all(q.start != quote.start for q in src.quotes):
            src.quotes.append(quote)
        return number


_CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def parse_citations(text: str) -> list[int]:
    """Source numbers cited in text as [1], [2] or [1, 3], in order of appearance, without repeats."""
    seen: list[int] = []
    for match in _CITATION.finditer(text):
        for number in match.group(1).split(","):
            value = int(number)
            if value not in seen:
                seen.append(value)
    return seen


def render_sources(sources: list[Source], quotes: bool = True) -> str:
    """The numbered `Sources` list in Markdown, with the quoted passage under each when asked."""
    lines = []
    for src in sources:
        line = f"{src.number}. {src.byline()}"
        if src.url:
            line += f" <{src.url}>"
        lines.append(line)
        if quotes:
            lines += [f"   > {q.text}" for q in sorted(src.quotes, key=lambda q: q.start)]
    return "\n".join(lines)
