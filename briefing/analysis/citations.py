"""Citations: sources numbered in the order they are first cited, and citation marks read from text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.analysis.scoring import Candidate
from briefing.types import Claim, Passage, Quote, Source


def quote_of(passage: Passage, start: int, end: int) -> Quote:
    """`passage.text[start:end]` as a quote, with its offsets into the article."""
    return Quote(passage.text[start:end], passage.start + start, passage.start + end, passage.id)


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
        quote = quote_of(passage, start, end)
        if all(q.start != quote.start for q in src.quotes):
            src.quotes.append(quote)
        return number


def quoted_claims(picked: Sequence[Candidate], citer: Citer | None = None) -> tuple[list[Claim], list[Source]]:
    """Each candidate's sentence as a claim quoting it and citing its article, and the sources numbered in
    the order they are first cited (by `citer`, which may go on citing after)."""
    citer = citer or Citer()
    claims = []
    for cand in picked:
        number = citer.cite(cand.passage, cand.start, cand.end)
        quoted = [quote_of(cand.passage, cand.start, cand.end)]
        claims.append(Claim(cand.shown, [number], date=cand.passage.date, quoted=quoted))
    return claims, citer.sources


@dataclass
class Pick:
    """A sentence chosen to be shown: the source sentence behind it, the text to show, and how it got there.

    The extractive engine shows the source sentence itself (`quoted`); a generated sentence that passed
    the check is `supported` (and was checked in the `also` sources too); one replaced by the source
    sentence closest to it is `repaired`.
    """

    cand: Candidate
    label: str | None = None
    text: str = ""
    status: str = "quoted"
    also: list[Candidate] = field(default_factory=list)
    reports: int = 0  # independent reports that carry it (0: not counted)
    outlets: list[str] = field(default_factory=list)
    finding: Any = field(default=None, repr=False, compare=False)  # the evidence.Finding it shows, if any

    def __post_init__(self) -> None:
        self.text = self.text or self.cand.shown

    def cite(self, citer: Citer) -> list[int]:
        """Cite every source the sentence rests on; returns their numbers."""
        numbers = [citer.cite(c.passage, c.start, c.end) for c in [self.cand, *self.also]]
        return list(dict.fromkeys(numbers))

    def claim(self, citer: Citer) -> Claim:
        """The claim shown for this pick, citing its sources through `citer`."""
        date = self.cand.passage.date
        claim = Claim(self.text, self.cite(citer), self.label, date, self.status, self.reports, list(self.outlets))
        claim.quoted = [quote_of(c.passage, c.start, c.end) for c in [self.cand, *self.also]]
        return claim


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
