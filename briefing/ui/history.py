"""The Brief tab's history: the briefs kept for the session's collection, one row per ask (topic and filters)
with its versions inside, newest first; a click opens the newest version, and the older ones are a choice."""

# No `from __future__ import annotations`: Gradio finds the click's `gr.SelectData` by its annotation.

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.api.history import KeptBrief, by_ask, kept
from briefing.export import brief_files
from briefing.text.markup import one_line
from briefing.ui.handlers import Handlers
from briefing.ui.render import ERROR, problem, show_picture, with_downloads

HEADERS = ["written", "topic", "filters", "articles", "versions", "id"]


def when(entry: KeptBrief) -> str:
    return entry.time[:16].replace("T", " ") + " UTC"


def rows(entries: Sequence[KeptBrief]) -> list[list[Any]]:
    """The history table's rows, one per ask (reruns of a topic with the same filters are its versions): its
    newest version's time (UTC), topic, filters and articles drawn on, how many versions, and the id that
    opens the newest."""
    return [
        [when(e), one_line(e.topic or "(everything)"), e.filters(), e.articles, len(versions), e.id]
        for versions in by_ask(entries)
        for e in versions[:1]
    ]


def version_choices(entries: Sequence[KeptBrief], brief_id: str) -> list[tuple[str, str]]:
    """The versions of the ask `brief_id` belongs to, newest first, as (label, id) choices."""
    group = next((g for g in by_ask(entries) if any(e.id == brief_id for e in g)), [])
    return [(f"{when(e)} · {e.articles} articles" + (" (newest)" if n == 0 else ""), e.id) for n, e in enumerate(group)]


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
        """The brief of the clicked row (its newest version), and its downloads and picture."""
        row = getattr(evt, "row_value", None) or []
        return self.open_id(collection, str(row[-1]) if row else "")

    def open_id(self, collection: str, brief_id: str) -> tuple[str | None, ...]:
        """A kept brief, and its downloads and picture (those the page wrote for it)."""
        nothing = (None,) * 5
        try:
            entry = next((e for e in kept(self.h.on(collection).settings) if brief_id and e.id == brief_id), None)
            if entry is None:
                return (f"{ERROR}That brief is no longer kept (only the newest are).", *nothing)
            text = entry.markdown_path.read_text(encoding="utf-8")
        except Exception as exc:
            return (problem(exc), *nothing)
        return (text, *(str(f) if f.is_file() else None for f in brief_files(Path(entry.folder))))

    def versions(self, collection: str, brief_id: str) -> list[tuple[str, str]]:
        try:
            return version_choices(kept(self.h.on(collection).settings), brief_id)
        except Exception:
            return []


def history_section(h: Handlers, collection: Any, written: Any, shown: Sequence[Any]) -> Any:
    """Below the brief: the kept briefs; a click on one shows it in `shown` (the brief, its .md, .html,
    .pdf and .docx downloads and its timeline picture), and its earlier versions in a choice. `written` is
    the brief's write event, after which the list is read again.
    Returns the table and its events; the page fills the table on load and on a collection switch."""
    import gradio as gr

    events = History(h)
    table = gr.Dataframe(
        headers=HEADERS,
        datatype=["str", "str", "str", "number", "number", "str"],
        type="array",
        label="Earlier briefs, one row per topic and filters (click one to open its newest version)",
        elem_id="history",
        wrap=True,
        interactive=False,
        column_widths=["17%", "27%", "21%", "11%", "11%", "13%"],  # "articles" fits with the article panel open
    )
    version = gr.Dropdown(
        label="Versions of this brief", choices=[], visible=False, interactive=True, elem_id="brief-version"
    )

    def opened(collection: str, evt: gr.SelectData) -> tuple[Any, ...]:
        row = evt.row_value or []
        choices = events.versions(collection, str(row[-1])) if row else []
        picked = gr.update(choices=choices, value=choices[0][1] if choices else None, visible=len(choices) > 1)
        return (*with_downloads(events.open(collection, evt)), picked)

    def version_opened(collection: str, brief_id: str) -> tuple[Any, ...]:
        return with_downloads(events.open_id(collection, brief_id or ""))

    def listed(collection: str) -> tuple[Any, ...]:
        return events.show(collection), gr.update(visible=False)

    hidden: dict[str, Any] = {"api_visibility": "undocumented"}
    written.then(listed, [collection], [table, version], **hidden)
    picture = shown[-1]
    table.select(opened, [collection], [*shown, version], **hidden).then(show_picture, picture, picture, **hidden)
    version.input(version_opened, [collection, version], list(shown), **hidden).then(
        show_picture, picture, picture, **hidden
    )
    return table, events
