"""The data the API takes and what answers and briefs are made of: articles, passages, filters, quotes,
sources and cited claims. Plain data with their Markdown forms; no I/O. (`results.py`: the answers and
briefs themselves.)"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.errors import BriefingError
from briefing.text.dates import parse_date
from briefing.text.markup import md_text
from briefing.text.sentences import normalize

NO_OUTLET = "no outlet"  # how an article without an outlet (source "") is shown


def outlet_name(source: str) -> str:
    """An article's outlet as shown in lists: its name, or "no outlet"."""
    return source.strip() or NO_OUTLET


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
    origin: str = ""  # the file it was read from (its path, or `upload/NAME` for a page upload); "" for a text
    author: str = ""

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
    ingested: str | None = None  # when the article came into the store (ISO 8601, UTC); None before it was kept


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
    """Which articles a question or a brief draws on: a date range (inclusive) and a source. `outlets`: the
    stored outlet names the source was found to mean (`bbc` -> `bbc.co.uk`, `BBC News`), once looked up."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    outlets: tuple[str, ...] | None = None

    @classmethod
    def of(
        cls,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        *,
        names: tuple[str, str] = ("since", "until"),
    ) -> Filters:
        """Filters from what a user gave: dates read and checked (BriefingError if unreadable), blanks dropped.
        `names` are what the caller calls the two dates in its messages (the CLI's `--since`, `--until`)."""
        start, end = read_date(since, names[0]), read_date(until, names[1])
        if start and end and start > end:
            raise BriefingError(f"{names[0]} {start} is after {names[1]} {end}")
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


def quote_for(source: Source, quoted: list[Quote]) -> Quote | None:
    """The passage of `source` that a claim rests on: one of the claim's own quotes when it has them,
    else the source's first quoted passage (None when nothing was quoted from it)."""
    mine = {(q.passage_id, q.start) for q in source.quotes}
    own = next((q for q in quoted if (q.passage_id, q.start) in mine), None)
    return own or min(source.quotes, key=lambda q: q.start, default=None)


Mark = Callable[["Claim"], str]  # a claim's citation marks as a front end shows them


@dataclass
class Lead:
    """The short answer an answer leads with: a span of the cited sentences (a name, a figure, a date, a
    place), the sources that give it, and how many independent reports do (copies counted once)."""

    span: str
    citations: list[int]
    reports: int
    outlets: list[str] = field(default_factory=list)
    day: str | None = None  # a date's resolved day, when the span does not say it in full ("Friday")
    headline: bool = False  # the span is in the cited article's headline, not in a quoted sentence
    label: str | None = None  # the part of a question asked in parts that it answers
    # the sentences that give it (article offsets), so a page can show and open each [n] at the right one
    quoted: list[Quote] = field(default_factory=list, repr=False, compare=False)

    def markdown(self, mark: Mark | None = None, marks: bool = True) -> str:
        """`**Yelnya** [1][2] (2 sources)` (without its `[n]` when `marks` is False: the quotes after it
        cite them); a date the span leaves relative gets its day: `**Friday** (2021-11-26)`; a span from a
        headline says so."""
        claim = Claim(self.span, self.citations, reports=self.reports, outlets=list(self.outlets), quoted=self.quoted)
        marks_ = (mark(claim) if mark else "".join(f"[{n}]" for n in self.citations)) if marks else ""
        day = f" ({self.day})" if self.day and self.day not in self.span else ""
        tally = claim.tally[:-1] + "; in its headline)" if self.headline and claim.tally else claim.tally
        return " ".join(p for p in (f"**{md_text(self.span)}**{day}", marks_, tally) if p)


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
