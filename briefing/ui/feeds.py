"""The Library tab's Feeds part: follow a feed (URL, optional name), the followed feeds with their status (last
fetched, new items, last error), stop following one, and *Fetch now*, which brings their new items into the
collection (the Brief tab's "what changed since last" then reads them as new).

The rows, choices and messages are pure functions; `FeedEvents` calls `briefing.add_feed/feeds/remove_feed/
fetch` on the session's collection. Names, URLs, titles and errors come from the web: the table shows them
as one clean line of plain text, messages as inert Markdown (`inert`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import briefing
from briefing.text.clean import printable_line
from briefing.text.markup import md_text
from briefing.ui.chat import HIDDEN
from briefing.ui.handlers import Handlers
from briefing.ui.render import ERROR, problem

HEADERS = ["name", "URL", "last fetched", "new items", "last error"]
WIDTHS: list[str | int] = ["18%", "27%", "15%", "10%", "30%"]
NONE_YET = "No feeds followed yet: give a feed's URL (RSS or Atom) and press **Follow**."


def when(stamp: str | None) -> str:
    """An ISO time as the table shows it (`2024-06-05 09:30 UTC`), or `never`."""
    return f"{stamp[:16].replace('T', ' ')} UTC" if stamp else "never"


def feed_rows(followed: Sequence[briefing.Feed]) -> list[list[Any]]:
    """The table's rows: name, URL, when last fetched, the articles that fetch added, its error."""
    return [
        [
            printable_line(f.name),
            printable_line(f.url),
            when(f.last_fetched),
            f.new_items if f.last_fetched else "",
            printable_line(f.last_error or ""),
        ]
        for f in followed
    ]


def feed_choices(followed: Sequence[briefing.Feed]) -> list[tuple[str, str]]:
    """The *Feed* dropdown's choices: each feed's name shown, its URL taken (names and URLs are unique)."""
    return [(printable_line(f.name) or printable_line(f.url), f.url) for f in followed]


def inert(text: str) -> str:
    """Web text as Markdown that shows exactly it, on one line, without bidi overrides or control characters."""
    return md_text(printable_line(text))


def fetch_message(report: briefing.FetchReport) -> str:
    """What *Fetch now* says: a line per feed (added, not modified, or its error), then the counts."""
    if not report.rounds:
        return f"{ERROR}{NONE_YET}"
    lines = [f"- {inert(line)}" for line in report.lines()]
    return "\n".join([*lines, "", inert(report.summary())])


class FeedEvents:
    """The Feeds part's events, each on the session's collection; every one returns a message, the table's
    rows and the dropdown's update, and never raises (the page keeps working)."""

    def __init__(self, h: Handlers) -> None:
        self.h = h

    def _listed(self, message: str, collection: str) -> tuple[str, list[list[Any]], Any]:
        import gradio as gr

        try:
            followed = briefing.feeds(runtime=self.h.on(collection))
        except Exception as exc:
            return problem(exc), [], gr.update(choices=[], value=None)
        choices = feed_choices(followed)
        if not followed and not message:
            message = NONE_YET
        return message, feed_rows(followed), gr.update(choices=choices, value=choices[0][1] if choices else None)

    def show(self, collection: str = "") -> tuple[str, list[list[Any]], Any]:
        """The followed feeds of the session's collection."""
        return self._listed("", collection)

    def add(self, url: str, name: str, collection: str = "") -> tuple[str, list[list[Any]], Any, str, str]:
        """Follow the feed at `url` (named `name`, else by its URL); the boxes are emptied once it is."""
        try:
            feed = briefing.add_feed(url or "", name or None, runtime=self.h.on(collection, make=True))
        except Exception as exc:
            return (*self._listed(problem(exc), collection), url, name)
        said = f"Following **{inert(feed.name)}**: **Fetch now** brings its items."
        return (*self._listed(said, collection), "", "")

    def remove(self, url: str | None, collection: str = "") -> tuple[str, list[list[Any]], Any]:
        """Stop following the chosen feed (its articles stay in the library)."""
        if not url:
            return self._listed(f"{ERROR}Choose a feed to stop following first.", collection)
        try:
            feed = briefing.remove_feed(url, runtime=self.h.on(collection))
        except Exception as exc:
            return self._listed(problem(exc), collection)
        return self._listed(f"Stopped following **{inert(feed.name)}**; its articles stay.", collection)

    def fetch(self, collection: str = "") -> tuple[str, list[list[Any]], Any]:
        """Fetch every followed feed once: their new items land in the collection."""
        try:
            rt = self.h.on(collection, make=True)
            if not briefing.feeds(runtime=rt):
                return self._listed(f"{ERROR}{NONE_YET}", collection)
            report = briefing.fetch(runtime=rt, progress=False)
        except Exception as exc:
            return self._listed(problem(exc), collection)
        return self._listed(fetch_message(report), collection)


def feeds_section(
    h: Handlers, collection: Any, library: tuple[Callable[..., Any], list[Any], list[Any]]
) -> tuple[Callable[[str], Any], list[Any]]:
    """Draw the Feeds part (in the Library tab).

    Args:
        h: The page's handlers.
        collection: The session's collection dropdown.
        library: The library's refresh, its inputs and outputs: run after *Fetch now*.

    Returns:
        What shows the feeds of a collection and its outputs (the page runs it on load and on a switch).
    """
    import gradio as gr

    events = FeedEvents(h)
    with gr.Accordion("Feeds", open=True, elem_id="feeds-part"):
        with gr.Row(equal_height=True):
            url = gr.Textbox(
                label="Feed URL (RSS or Atom)", placeholder="https://…/feed.xml", scale=4, elem_id="feed-url"
            )
            name = gr.Textbox(label="Name (optional)", scale=2, elem_id="feed-name")
            add = gr.Button("Follow", scale=1, elem_id="add-feed")
        table = gr.Dataframe(
            headers=HEADERS,
            datatype=["str", "str", "str", "str", "str"],
            type="array",
            label="Followed feeds",
            elem_id="feeds",
            wrap=True,
            interactive=False,
            column_widths=WIDTHS,
        )
        with gr.Row(equal_height=True):
            chosen = gr.Dropdown([], label="Feed", scale=3, elem_id="feed-choice", interactive=True)
            remove = gr.Button("Stop following", scale=1, elem_id="remove-feed")
            fetch = gr.Button("Fetch now", variant="primary", scale=1, elem_id="fetch-feeds")
        note = gr.Markdown(elem_id="feed-note")
    shown = [note, table, chosen]
    add.click(events.add, [url, name, collection], [*shown, url, name], **HIDDEN)
    url.submit(events.add, [url, name, collection], [*shown, url, name], **HIDDEN)
    remove.click(events.remove, [chosen, collection], shown, **HIDDEN)
    fetched = fetch.click(events.fetch, [collection], shown, show_progress="full", **HIDDEN)
    fetched.then(*library, **HIDDEN)  # the articles it brought, in the library's table
    return events.show, shown
