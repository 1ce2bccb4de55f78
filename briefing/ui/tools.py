"""The MCP tools: `ask`, `brief`, `search`, `get_article` and `ingest_text`, defined once and served by the
page (`briefing serve --mcp`, Gradio's MCP server) and over stdio (`briefing mcp`).

Each gives two texts: Markdown for a reader (the answer with its `[n]` citations, then a `Sources` list),
and the same as JSON data (claims with their source counts, sources with ids and URLs). Only `ingest_text`
writes, and not when writing is switched off (BRIEFING_MCP_WRITE=0). A wrong argument or a failure is
raised as a BriefingError whose message says what to change; the server sends it as a tool error.
"""

# No `from __future__ import annotations` here: Gradio and the MCP SDK read the tools' types from their annotations.

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import briefing
from briefing.errors import hide_userinfo
from briefing.text.markup import md_text
from briefing.types import Claim, Passage, Source
from briefing.ui.handlers import Handlers
from briefing.ui.render import ingest_result

NAMES = ("ask", "brief", "search", "get_article", "ingest_text")
WRITE_OFF = (
    "ingest_text is switched off on this server (BRIEFING_MCP_WRITE=0): its tools only read; "
    "add the article with `briefing ingest` or on the page instead"
)
Result = tuple[str, str]  # the Markdown, and the same as JSON data


def claim_data(claim: Claim) -> dict[str, Any]:
    """A claim as data: its text, the source numbers it cites, and how many independent reports carry it."""
    return {
        "text": claim.text,
        "citations": list(claim.citations),
        "reports": claim.reports,
        "outlets": list(claim.outlets),
        "date": claim.date,
        "status": claim.status,
    }


def source_data(src: Source) -> dict[str, Any]:
    """A numbered source as data, with the article's id (for `get_article`) and the passages quoted."""
    return {
        "number": src.number,
        "id": src.article_id,
        "title": src.title,
        "outlet": src.source,
        "date": src.date,
        "url": src.url,
        "quotes": [q.text for q in sorted(src.quotes, key=lambda q: q.start)],
    }


def answer_data(answer: briefing.Answer) -> dict[str, Any]:
    """An answer as data: the claims (or why it declined) and the numbered sources they cite."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "declined": answer.abstained,
        "message": answer.message,
        "short_answer": answer.answer_span,
        "claims": [claim_data(c) for c in answer.claims],
        "sources": [source_data(s) for s in answer.sources],
    }


def brief_data(result: briefing.Brief) -> dict[str, Any]:
    """A brief as data: its parts, each a list of claims, and the numbered sources they cite."""
    return {
        "title": result.title,
        "topic": result.topic,
        "declined": result.abstained,
        "message": result.message,
        "articles": result.articles,
        "parts": [{"title": s.title, "claims": [claim_data(c) for c in s.claims]} for s in result.sections],
        "sources": [source_data(s) for s in result.sources],
    }


def passage_data(passage: Passage) -> dict[str, Any]:
    """A passage as data: its id, its article's id, title, outlet, date and URL, and its text."""
    return {
        "id": passage.id,
        "article_id": passage.article_id,
        "title": passage.title,
        "outlet": passage.source,
        "date": passage.date,
        "url": passage.url,
        "text": passage.text,
    }


def passages_markdown(query: str, passages: list[Passage]) -> str:
    """The passages found, numbered, each with its title, outlet, date and article id, then its text quoted."""
    if not passages:
        return f"No stored passage matches {md_text(query)!s}."
    lines = []
    for n, p in enumerate(passages, 1):
        meta = ", ".join(x for x in (p.source, p.date) if x)
        lines.append(f"{n}. **{md_text(p.title)}** — {md_text(meta)} (article id `{p.article_id}`)")
        lines.append(f"   > {md_text(' '.join(p.text.split()))}")
    return "\n".join(lines)


def article_markdown(article: briefing.Article) -> str:
    """A stored article whole: its title, outlet, date and URL, then its text."""
    meta = ", ".join(x for x in (article.source, article.date or "", article.url) if x)
    return f"# {md_text(article.title)}\n\n_{md_text(meta)}_ (article id `{article.id}`)\n\n{article.text}"


def result(markdown: str, data: dict[str, Any]) -> Result:
    return markdown, json.dumps(data, ensure_ascii=False)


def failed(exc: Exception) -> briefing.BriefingError:
    """The error a tool raises: a wrong value's message as it is; anything else named, without a traceback."""
    said = hide_userinfo(str(exc))
    if isinstance(exc, ValueError):  # every BriefingError, and a bad value anywhere
        return briefing.BriefingError(said)
    return briefing.BriefingError(f"something went wrong ({type(exc).__name__}: {said}); try again")


@dataclass
class Tools:
    """The five tools over one shared runtime; at most `settings.concurrency` calls run at once."""

    handlers: Handlers
    write: bool = True

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.handlers.rt.settings.concurrency)

    def run(self, call: Callable[[], Result]) -> Result:
        with self._slots:
            try:
                return call()
            except Exception as exc:
                raise failed(exc) from None

    def functions(self) -> list[Callable[..., Result]]:
        """The tools as plain functions, typed and documented for a model (their names are `NAMES`)."""
        h, run = self.handlers, self.run

        def ask(question: str, since: str = "", until: str = "", source: str = "", collection: str = "") -> Result:
            """Answer a question from the stored news articles. Every sentence is quoted from a source and
            cites it as [n]; when the sources don't cover the question the answer says so (declined). Quote
            the answer with its [n] marks and its Sources list, and do not add facts of your own.

            Args:
                question: The question, in plain language.
                since: Only articles dated on or after this day (YYYY-MM-DD); "" for no limit.
                until: Only articles dated on or before this day (YYYY-MM-DD); "" for no limit.
                source: Only articles from this outlet (case-insensitive); "" for all.
                collection: Another collection of the store; "" for the server's own.

            Returns:
                the answer in Markdown, its sentences cited [n], then its Sources
                the same as JSON: claims with their source counts, sources with article ids and URLs.
            """

            def call() -> Result:
                answer = briefing.ask(
                    question, since=since or None, until=until or None, source=source or None, runtime=h.on(collection)
                )
                return result(answer.markdown, answer_data(answer))

            return run(call)

        def brief(
            topic: str = "", since: str = "", until: str = "", changes_since: str = "", collection: str = ""
        ) -> Result:
            """Write a one-page situation brief from the stored news articles: bottom line, key developments,
            what is disputed, actors, figures, timeline and outlook, every sentence cited as [n], with the
            number of independent reports behind each claim. Quote it with its Sources; add nothing.

            Args:
                topic: What the brief is about, e.g. "troops on the border"; "" for everything stored.
                since: Only articles dated on or after this day (YYYY-MM-DD); "" for no limit.
                until: Only articles dated on or before this day (YYYY-MM-DD); "" for no limit.
                changes_since: Add what was first reported after this day (YYYY-MM-DD); "" for none.
                collection: Another collection of the store; "" for the server's own.

            Returns:
                the brief in Markdown, its sentences cited [n], then its Sources
                the same as JSON: each part's claims with their source counts, sources with article ids and URLs.
            """

            def call() -> Result:
                written = briefing.summarize(
                    topic=topic.strip() or None,
                    since=since or None,
                    until=until or None,
                    changes_since=changes_since or None,
                    keep=False,  # a tool call writes nothing, not even to the brief history
                    runtime=h.on(collection),
                )
                return result(written.markdown, brief_data(written))

            return run(call)

        def search(query: str, k: int = 8) -> Result:
            """Find the stored passages that best match a query, best first: each with its article's id
            (for get_article), title, outlet and date. Nothing is summarized or checked: use ask for a
            cited answer.

            Args:
                query: Words, a name or a question.
                k: How many passages, 1 to 50.

            Returns:
                the passages in Markdown
                the same as JSON: passage and article ids, title, outlet, date, URL and text of each.
            """

            def call() -> Result:
                found = briefing.search(query, k=int(k), runtime=h.rt)
                data = {"query": query, "passages": [passage_data(p) for p in found]}
                return result(passages_markdown(query, found), data)

            return run(call)

        def get_article(id: str) -> Result:
            """Read one stored article whole: its title, outlet, date, URL and text.

            Args:
                id: The article's id, as search, ask and brief give it (a source's "id").

            Returns:
                the article in Markdown
                the same as JSON.
            """

            def call() -> Result:
                found = briefing.article(id, runtime=h.rt)
                data = {"id": found.id, "title": found.title, "outlet": found.source, "date": found.date}
                return result(article_markdown(found), {**data, "url": found.url, "text": found.text})

            return run(call)

        def ingest_text(text: str, title: str = "", date: str = "", source: str = "", url: str = "") -> Result:
            """Store one news article given as text, so that ask, brief and search draw on it. The one tool
            that writes; a server may switch it off.

            Args:
                text: The article's text.
                title: Its headline; "" to take the first line.
                date: Its publication day (YYYY-MM-DD); "" when unknown.
                source: Its outlet, e.g. "Reuters"; "" for none.
                url: Where it was published; "" for none.

            Returns:
                what happened, in a line ("1 added, ...")
                the same as JSON, with the article's id.
            """

            def call() -> Result:
                if not self.write:
                    raise briefing.BriefingError(WRITE_OFF)
                if not text.strip():
                    raise briefing.BriefingError("the article's text is empty: give its text")
                article = briefing.make_article(
                    text, title=title or None, date=date or None, source=source or "pasted", url=url or None
                )
                report = briefing.ingest([article], runtime=h.rt, progress=False)
                said = ingest_result(report)
                data = {"result": said, "id": article.id, "added": report.added, "replaced": report.replaced}
                return result(said, {**data, "unchanged": report.unchanged})

            return run(call)

        return [ask, brief, search, get_article, ingest_text]
