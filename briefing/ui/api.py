"""The page's API for scripts: named endpoints `/ask`, `/brief` and `/ingest_text`, each returning Markdown;
with the MCP server on, the MCP tools (briefing/ui/tools.py) as well.

Called with the `gradio_client` package (see docs/usage.md). They call the same API in `briefing` as the
page's events; an error comes back as a message starting with ⚠️, never as a traceback. Every parameter
but the first has a default; `collection` ("" for the page's own) picks another collection of the store.
"""

# No `from __future__ import annotations` here: Gradio reads the endpoints' types from their annotations.

import briefing
from briefing.ui.handlers import Handlers
from briefing.ui.render import problem
from briefing.ui.tools import Tools


def add_api(h: Handlers, mcp: bool = False) -> None:
    """Add the named endpoints to the page being built (inside its `gr.Blocks`); with `mcp`, the MCP tools
    too, and the endpoints for scripts are left off the API page (MCP serves what it lists; scripts still
    call them)."""
    import gradio as gr

    def ask(question: str, since: str = "", until: str = "", source: str = "", collection: str = "") -> str:
        """Answer a question from the stored articles: the answer with numbered citations, then its sources
        with the quoted passages (Markdown). Dates are YYYY-MM-DD; `source` is an outlet."""
        try:
            answer = briefing.ask(
                question, since=since or None, until=until or None, source=source or None, runtime=h.on(collection)
            )
        except Exception as exc:
            return problem(exc)
        return answer.markdown

    def brief(
        topic: str,
        since: str = "",
        until: str = "",
        source: str = "",
        changes_since: str = "",
        collection: str = "",
    ) -> str:
        """Write a one-page situation brief on a topic ("" for everything stored), every sentence cited
        (Markdown). `changes_since` (YYYY-MM-DD, or `last` for the last brief) adds what is new since."""
        try:
            result = briefing.summarize(
                topic=topic.strip() or None,
                since=since or None,
                until=until or None,
                source=source or None,
                changes_since=changes_since or None,
                runtime=h.on(collection),
            )
        except Exception as exc:
            return problem(exc)
        return result.markdown

    def ingest_text(text: str, title: str = "", date: str = "", source: str = "", collection: str = "") -> str:
        """Store one article given as text, with its title, date (YYYY-MM-DD) and source (outlet): what
        happened, in a line ("1 added, ...")."""
        return h.ingest_text(text, title, date, source, collection)

    for fn in (ask, brief, ingest_text):
        gr.api(fn, api_name=fn.__name__, api_visibility="undocumented" if mcp else "public")
    if mcp:
        # off the queue: Gradio then runs a tool in the server itself, not through a client of its own page
        # (which a page login would stop); `Tools` holds calls to `concurrency` at once, as the queue does
        for tool in Tools(h, write=h.rt.settings.mcp_write).functions():
            gr.api(tool, api_name=f"mcp_{tool.__name__}", queue=False)
