"""The page's layout: one function per tab, wired to the handlers."""

from __future__ import annotations

from typing import Any

import briefing
from briefing.ui.api import add_api
from briefing.ui.article import PANEL_CSS, article_panel
from briefing.ui.chat import HIDDEN, chat_tab, source_field
from briefing.ui.collections import collection_field
from briefing.ui.feeds import feeds_section
from briefing.ui.handlers import Handlers
from briefing.ui.history import history_section
from briefing.ui.library import Library, library_tab
from briefing.ui.render import show_picture, with_downloads

# Long unbroken strings in source text (URLs, hashes, junk) wrap instead of widening the page.
PAGE_CSS = (
    "#chatbot, #brief, #articles, #results, #counts, #history { overflow-wrap: anywhere; } "
    "#articles td, #articles td *, #results td, #results td *, #history td, #history td * "
    "{ white-space: normal !important; } "
    "#articles .drop-hint { display: none; } " + PANEL_CSS  # the editable table's "drop a CSV here" hint: not offered
)


def build(runtime: briefing.Runtime, mcp: bool | None = None) -> Any:
    """The page, wired to handlers over `runtime`; with `mcp` (default: the `mcp` setting), its MCP tools too."""
    import gradio as gr

    h = Handlers(runtime)
    with gr.Blocks(title="briefing") as page:
        gr.Markdown("# briefing\nAnswers and briefs in which every sentence points at its source.")
        gr.Markdown(h.status(), elem_id="status")
        collection, lib = collection_field(h), Library(h)  # drawn in the Library tab: the page opens on the chat
        with gr.Tabs():
            with gr.Tab("Chat", id="chat", elem_id="chat-tab") as chat:
                chatbot, welcome, chat_source = chat_tab(h, collection)
            with gr.Tab("Brief", id="brief") as brief:
                written, shown, brief_source = brief_tab(h, collection)
                history_table, history_events = history_section(h, collection, written, shown)
            with gr.Tab("Library", id="library"):
                filters, listed = library_tab(h, lib, collection)
                show_feeds, feeds_shown = feeds_section(h, collection, (lib.show, filters, listed))
        article_panel(h, collection)  # opened by a click on a citation mark in the chat or the brief
        add_api(h, runtime.settings.mcp if mcp is None else mcp)
        page.load(lib.collections, [collection], [collection], **HIDDEN)
        page.load(lib.show, filters, listed, api_name="library", **HIDDEN)
        page.load(history_events.show, [collection], [history_table], **HIDDEN)
        page.load(welcome, [collection], [chatbot], **HIDDEN)
        page.load(show_feeds, [collection], feeds_shown, **HIDDEN)
        chat.select(welcome, [collection], [chatbot], **HIDDEN)  # the library may have changed meanwhile
        switched = collection.change(lib.show, filters, listed, **HIDDEN)
        switched.then(history_events.show, [collection], [history_table], **HIDDEN)
        switched.then(welcome, [collection], [chatbot], **HIDDEN)
        switched.then(show_feeds, [collection], feeds_shown, **HIDDEN)
        # the Source fields list the collection's outlets: read when the page opens, the collection changes,
        # or their tab is opened (after an upload in the library)
        outlets = [chat_source, brief_source]
        for event in (page.load, collection.change, chat.select, brief.select):
            event(lib.outlets, [collection], outlets, **HIDDEN)
    return page


def brief_tab(h: Handlers, collection: Any) -> tuple[Any, list[Any], Any]:
    """The brief tab; returns the write event, what shows a brief (the brief, its downloads, its
    timeline picture) and its Source field."""
    import gradio as gr

    with gr.Row():
        topic = gr.Textbox(label="Topic (empty: everything stored)", scale=3)
        since = gr.Textbox(label="Since (YYYY-MM-DD)", scale=1)
        until = gr.Textbox(label="Until (YYYY-MM-DD)", scale=1)
        source = source_field("brief-source", scale=1)
        changes = gr.Textbox(label="What changed since (YYYY-MM-DD, or last)", scale=1, elem_id="changes-since")
    write = gr.Button("Write brief", variant="primary", elem_id="write-brief")
    timeline = gr.Image(label="Timeline", type="filepath", interactive=False, visible=False, elem_id="timeline")
    brief_md = gr.Markdown(elem_id="brief", latex_delimiters=[])
    with gr.Row():  # inactive until there is a brief to download
        md_file = gr.DownloadButton("Download .md", elem_id="download-md", interactive=False)
        html_file = gr.DownloadButton("Download .html", elem_id="download-html", interactive=False)
        pdf_file = gr.DownloadButton("Download .pdf", elem_id="download-pdf", interactive=False)
        docx_file = gr.DownloadButton("Download .docx", elem_id="download-docx", interactive=False)
    shown = [brief_md, md_file, html_file, pdf_file, docx_file, timeline]

    def write_brief(topic: str, since: str, until: str, changes: str, collection: str, source: str) -> tuple[Any, ...]:
        return with_downloads(h.brief(topic, since, until, changes, collection, source))

    written = write.click(
        write_brief,
        [topic, since, until, changes, collection, source],
        shown,
        show_progress="full",
        api_name="write_brief",
        **HIDDEN,
    )
    written.then(show_picture, timeline, timeline, **HIDDEN)
    return written, shown, source
