"""The Library tab: the stored articles filtered (source, dates, title words), ticked rows deleted, uploads
and pasted articles; below the collection bar (`collections.py`), where a session switches to another
collection or makes one.

The filtering and the table's rows are pure functions; `Library` holds the events, calling the API in
`briefing` on the session's collection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import briefing
from briefing.api.library import Removed, remove, restore
from briefing.sources.outlets import matching_outlets
from briefing.text.markup import md_text, one_line
from briefing.types import NO_OUTLET, outlet_name, read_date
from briefing.ui.collections import collection_bar
from briefing.ui.handlers import ALL, Handlers
from briefing.ui.render import ERROR, problem

Undo = tuple[str, Removed]  # a session's last delete: its collection and the articles removed, whole
HEADERS = ["delete", "title", "outlet", "date", "chunks", "copy of", "id"]
# with the article panel open the table is about 680 px wide: each header must still fit its column
WIDTHS: list[str | int] = ["9%", "32%", "15%", "11%", "9%", "14%", "10%"]


def filtered_articles(
    entries: Sequence[briefing.StoredArticle],
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    title: str = "",
) -> list[briefing.StoredArticle]:
    """The articles from `source` (any when empty or `All sources`; matched as the filters match it, so
    `bbc` finds bbc.co.uk and "no outlet" those without one), dated within since..until (an undated one only
    when no date is given), whose title holds every word of `title`; newest first.

    Raises:
        BriefingError: A date cannot be read.
    """
    start, end = read_date(since, "since"), read_date(until, "until")
    given = "" if not source or source == ALL else source.strip()
    wanted = set(matching_outlets(given, {a.source for a in entries})) if given else set()
    words = (title or "").lower().split()
    shown = [
        a
        for a in entries
        if (not given or a.source in wanted)
        and briefing.Filters(start, end).admits_date(a.date)
        and all(w in a.title.lower() for w in words)
    ]
    return sorted(shown, key=lambda a: (a.date or "", a.title.lower(), a.id), reverse=True)


def rows(shown: Sequence[briefing.StoredArticle], everything: Sequence[briefing.StoredArticle]) -> list[list[Any]]:
    """The table's rows: tick box, title, outlet, date, chunks, the title of the article it copies, id."""
    titles = {a.id: a.title for a in everything}
    return [
        [False, a.title, outlet_name(a.source), a.date or "", a.chunks, titles.get(a.copy_of, a.copy_of[:12]), a.id]
        for a in shown
    ]


def ticked(table: Any) -> list[str]:
    """The ids of the rows whose tick box is ticked, from the table's value (rows, or a pandas frame)."""
    data = table.values.tolist() if hasattr(table, "values") else (table or [])
    return [str(row[-1]) for row in data if row and (row[0] is True or str(row[0]).strip().lower() == "true")]


def counts(everything: Sequence[briefing.StoredArticle], shown: Sequence[briefing.StoredArticle]) -> str:
    line = f"**{len(everything)} articles, {sum(a.chunks for a in everything)} chunks**"
    if len(shown) != len(everything):
        line += f" · {len(shown)} shown"
    return line


def sources(entries: Sequence[briefing.StoredArticle]) -> list[str]:
    """The source dropdowns' choices: every outlet in the store once (spellings differing in case are one
    outlet, as the filter matches them), after `All sources`, and "no outlet" last when some article has none."""
    outlets: dict[str, str] = {}
    for name in sorted({a.source.strip() for a in entries if a.source.strip()}):
        outlets.setdefault(name.lower(), name)
    blank = [NO_OUTLET] if any(not a.source.strip() for a in entries) else []
    return [ALL, *sorted(outlets.values(), key=str.lower), *blank]


def ticked_titles(table: Any) -> list[str]:
    """The titles of the ticked rows, in the table's order."""
    data = table.values.tolist() if hasattr(table, "values") else (table or [])
    ids = set(ticked(data))
    return [str(row[1]) for row in data if row and str(row[-1]) in ids]


def confirm_text(titles: Sequence[str], most: int = 8) -> str:
    """The question asked before deleting: how many articles, and which (the first `most` by title)."""
    listed = [f"- {md_text(one_line(t) or '(untitled)')}" for t in titles[:most]]
    if len(titles) > most:
        listed.append(f"- … and {len(titles) - most} more")
    return "\n".join([f"**Delete {len(titles)} article(s)?** Their chunks go with them.", *listed])


class Library:
    """The library's and the collection bar's events."""

    def __init__(self, h: Handlers) -> None:
        self.h = h

    def show(
        self, collection: str = "", source: str = ALL, since: str = "", until: str = "", title: str = ""
    ) -> tuple[list[list[Any]], str, Any]:
        """The table, the counts and the source filter's choices for the session's collection."""
        import gradio as gr

        try:
            everything = briefing.list_articles(runtime=self.h.on(collection))
            choices = sources(everything)
            source = source if source in choices else ALL
            shown = filtered_articles(everything, source, since, until, title)
        except Exception as exc:
            return [], problem(exc), gr.update()
        return rows(shown, everything), counts(everything, shown), gr.update(choices=choices, value=source)

    def outlets(self, collection: str = "") -> tuple[Any, Any]:
        """The choices of the chat's and the brief's Source fields: the collection's outlets (a name typed
        in is taken too)."""
        import gradio as gr

        try:
            choices = sources(briefing.list_articles(runtime=self.h.on(collection)))
        except Exception:  # the library says why
            choices = [ALL]
        return gr.update(choices=choices), gr.update(choices=choices)

    def ask(self, table: Any) -> tuple[str, str, list[str]]:
        """Before deleting: a message (when nothing is ticked), the question to confirm (how many, which) and
        the ids it asks about."""
        ids = ticked(table)
        if not ids:
            return f"{ERROR}Tick the articles to delete first.", "", []
        return "", confirm_text(ticked_titles(table)), ids

    def delete(
        self, ids: Sequence[str], collection: str = "", *shown: str
    ) -> tuple[str, Undo | None, list[list[Any]], str, Any]:
        """Delete these articles (as confirmed), then show the library again (with the same filters).
        Returns the message, what undoing it needs (None when nothing was removed), and the library."""
        undo: Undo | None = None
        if not ids:
            message = f"{ERROR}Tick the articles to delete first."
        else:
            try:
                rt = self.h.on(collection)
                removed = remove(ids, runtime=rt)
                message = f"Removed {len(removed.ids)} article(s) ({len(removed.chunks)} chunks)."
                if len(removed.ids) < len(ids):
                    message += f" {len(ids) - len(removed.ids)} were no longer in the store."
                undo = (rt.settings.collection, removed) if removed.ids else None
            except Exception as exc:
                message = problem(exc)
        return (message, undo, *self.show(collection, *shown))

    def undo(self, undo: Undo | None, *shown: str) -> tuple[str, list[list[Any]], str, Any]:
        """Put back the articles the last delete removed, then show the library again."""
        if undo is None:
            return (f"{ERROR}Nothing to undo.", *self.show(*shown))
        try:
            put = restore(undo[1], runtime=self.h.on(undo[0]))
            message = f"Put back {len(put)} article(s)."
            if len(put) < len(undo[1].ids):
                message += f" {len(undo[1].ids) - len(put)} were in the store again already."
        except Exception as exc:
            message = problem(exc)
        return (message, *self.show(*shown))

    def collections(self, collection: str = "") -> Any:
        """The collection bar's choices: the store's collections."""
        import gradio as gr

        current = (collection or "").strip() or self.h.rt.settings.collection
        try:
            return gr.update(choices=briefing.collections(runtime=self.h.rt), value=current)
        except Exception:  # the store cannot be read: the library says why
            return gr.update(choices=[current], value=current)

    def create(self, name: str, collection: str) -> tuple[Any, str, str]:
        """Make a collection (or open one of that name) and switch the session to it."""
        import gradio as gr

        try:
            rt = self.h.on(name, make=True)
            briefing.list_articles(runtime=rt)  # opening it makes it
        except Exception as exc:
            return gr.update(), problem(exc), name
        made = rt.settings.collection
        choices = briefing.collections(runtime=self.h.rt)
        return gr.update(choices=choices, value=made), f"Switched to collection **{made}**.", ""


def library_tab(h: Handlers, lib: Library, collection: Any) -> tuple[list[Any], list[Any]]:
    """The library tab, opening on the collection bar; returns what the page's load and a collection switch
    refresh (table, counts, source filter) and the inputs that refresh takes."""
    import gradio as gr

    collection_bar(lib, collection)
    counts = gr.Markdown(elem_id="counts")
    with gr.Row():
        with gr.Column():
            files = gr.File(label="Upload articles", file_count="multiple", elem_id="upload")
            ingest = gr.Button("Ingest files", variant="primary", elem_id="ingest")
        with gr.Column():
            p_title = gr.Textbox(label="Title")
            with gr.Row():
                p_date = gr.Textbox(label="Date (YYYY-MM-DD)")
                p_source = gr.Textbox(label="Source")
            p_text = gr.Textbox(label="Article text", lines=6)
            add = gr.Button("Add pasted article", elem_id="add-pasted")
    results = gr.Dataframe(
        headers=["file", "result"], label="Results", elem_id="results", wrap=True, column_widths=["30%", "70%"]
    )
    with gr.Row(equal_height=True):
        source = gr.Dropdown([ALL], value=ALL, label="Outlet", elem_id="filter-source", scale=2)
        since = gr.Textbox(label="Since (YYYY-MM-DD)", elem_id="filter-since", scale=1)
        until = gr.Textbox(label="Until (YYYY-MM-DD)", elem_id="filter-until", scale=1)
        title = gr.Textbox(label="Headline has (Enter to filter)", elem_id="filter-title", scale=2)
    table = gr.Dataframe(
        headers=HEADERS,
        datatype=["bool", "str", "str", "str", "number", "str", "str"],
        type="array",
        label="Stored articles (tick rows, then Delete ticked)",
        elem_id="articles",
        wrap=True,
        interactive=True,
        static_columns=list(range(1, len(HEADERS))),
        column_widths=WIDTHS,
    )
    delete = gr.Button("Delete ticked", variant="stop", elem_id="delete-ticked")
    with gr.Group(visible=False, elem_id="confirm-delete") as confirm:
        question = gr.Markdown(elem_id="confirm-question")
        with gr.Row():
            yes = gr.Button("Delete", variant="stop", elem_id="confirm-yes")
            no = gr.Button("Cancel", elem_id="confirm-no")
    removed = gr.Markdown(elem_id="removed")
    undo = gr.Button("Undo delete", visible=False, elem_id="undo-delete")
    asked, last = gr.State([]), gr.State(None)  # the ids asked about; the session's last delete, to undo
    filters = [collection, source, since, until, title]
    shown = [table, counts, source]
    hidden: dict[str, Any] = {"api_visibility": "undocumented"}
    ingest.click(h.upload, [files, collection], [results], api_name="upload", **hidden).then(
        lib.show, filters, shown, **hidden
    )
    add.click(h.paste, [p_title, p_date, p_source, p_text, collection], [results], **hidden).then(
        lib.show, filters, shown, **hidden
    )
    # on Enter only: a refresh on leaving the box would redraw the table under the tick being made
    # always_last: a filter given while the table is being read is applied after it, not dropped
    triggers = [source.input, since.submit, until.submit, title.submit]
    gr.on(triggers, lib.show, filters, shown, trigger_mode="always_last", **hidden)

    def ask_first(table: Any) -> tuple[Any, ...]:
        message, text, ids = lib.ask(table)
        return message, gr.update(visible=bool(ids)), text, ids, gr.update(visible=False), None

    def confirmed(ids: list[str], *given: str) -> tuple[Any, ...]:
        message, removal, *listed = lib.delete(ids, *given)
        return (message, gr.update(visible=False), [], gr.update(visible=removal is not None), removal, *listed)

    def undone(removal: Undo | None, *given: str) -> tuple[Any, ...]:
        return (*lib.undo(removal, *given), gr.update(visible=False), None)

    def cancelled() -> tuple[Any, ...]:
        return "Nothing deleted.", gr.update(visible=False), []

    def moved_on() -> tuple[Any, ...]:  # the next change to the library: the last delete can no longer be undone
        return gr.update(visible=False), None, gr.update(visible=False), []

    delete.click(ask_first, [table], [removed, confirm, question, asked, undo, last], **hidden)
    yes.click(confirmed, [asked, *filters], [removed, confirm, asked, undo, last, *shown], **hidden)
    no.click(cancelled, None, [removed, confirm, asked], **hidden)
    undo.click(undone, [last, *filters], [removed, *shown, undo, last], **hidden)
    gr.on([ingest.click, add.click, collection.change], moved_on, None, [undo, last, confirm, asked], **hidden)
    return filters, shown
