"""The Brief tab's history: the briefs kept for the session's collection, newest first; one opens on a click."""

# No `from __future__ import annotations`: Gradio finds the click's `gr.SelectData` by its annotation.

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.api.history import KeptBrief, kept
from briefing.export import brief_files
from briefing.text.markup import one_line
from briefing.ui.handlers import Handlers
from briefing.ui.render import ERROR, problem, show_picture, with_downloads

HEADERS = ["written", "topic", "filters", "articles", "id"]


def rows(entries: Sequence[KeptBrief]) -> list[list[Any]]:
    """The history table's rows: when (UTC), topic, filters, articles drawn on, and the id that opens it."""
    return [
        [e.time[:16].replace("T", " ") + " UTC", one_line(e.topic or "(everything)"), e.filters(), e.articles, e.id]
        for e in entries
    ]


class History:
    """The history's events."""

    def __init__(self, h: Handlers) -> None:
        self.h = h

    def show(self, collection: str = "") -> list[list[Any]]:
        try:
            return rows(kept(self.h.on(collection).settings))
        except Exception:  # a collection that cannot be opened: the library says why
            return []

    def open(self, collection: str, evt: Any) -> tuple[str | None, ...]:
        """The brief of the clicked row, and its downloads and picture (those the page wrote for it)."""
        row = getattr(evt, "row_value", None) or []
        nothing = (None,) * 5
        try:
            entry = next((e for e in kept(self.h.on(collection).settings) if row and e.id == row[-1]), None)
            if entry is None:
                return (f"{ERROR}That brief is no longer kept (only the newest are).", *nothing)
            text = entry.markdown_path.read_text(encoding="utf-8")
        except Exception as exc:
            return (problem(exc), *nothing)
        return (text, *(str(f) if f.is_file() else None for f in brief_files(Path(entry.folder))))


def history_section(h: Handlers, collection: Any, written: Any, shown: Sequence[Any]) -> Any:
    """Below the brief: the kept briefs; a click on one shows it in `shown` (the brief, its .md, .html,
    .pdf and .docx downloads and its timeline picture). `written` is the brief's write event, after which
    the list is read again.
    Returns the table and its events; the page fills the table on load and on a collection switch."""
    import gradio as gr

    events = History(h)
    table = gr.Dataframe(
        headers=HEADERS,
        datatype=["str", "str", "str", "number", "str"],
        type="array",
        label="Earlier briefs (click one to open it)",
        elem_id="history",
        wrap=True,
        interactive=False,
        column_widths=["17%", "33%", "25%", "11%", "14%"],  # "articles" fits with the article panel open
    )

    def opened(collection: str, evt: gr.SelectData) -> tuple[Any, ...]:
        return with_downloads(events.open(collection, evt))

    hidden: dict[str, Any] = {"api_visibility": "undocumented"}
    written.then(events.show, [collection], [table], **hidden)
    picture = shown[-1]
    table.select(opened, [collection], list(shown), **hidden).then(show_picture, picture, picture, **hidden)
    return table, events
