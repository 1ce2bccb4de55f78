"""The page's layout: one function per tab, wired to the handlers."""

from __future__ import annotations

from typing import Any

import briefing
from briefing.ui.api import add_api
from briefing.ui.article import PANEL_CSS, article_panel
from briefing.ui.handlers import ALL, Handlers
from briefing.ui.history import history_section
from briefing.ui.library import collection_bar, library_tab
from briefing.ui.render import show_picture

HIDDEN: dict[str, Any] = {"api_visibility": "undocumented"}  # the page's own events: off the API page

# Long unbroken strings in source text (URLs, hashes, junk) wrap instead of widening the page.
PAGE_CSS = (
    "#chatbot, #brief, #articles, #results, #counts, #history { overflow-wrap: anywhere; } "
    "#articles td, #articles td *, #results td, #results td *, #history td, #history td * "
    "{ white-space: normal !important; } "
    "#articles .drop-hint { display: none; } " + PANEL_CSS  # the editable table's "drop a CSV here" hint: not offered
)


def build(runtime: briefing.Runtime) -> Any:
    """The page, wired to handlers over `runtime`."""
    import gradio as gr

    h = Handlers(runtime)
    with gr.Blocks(title="briefing") as page:
        gr.Markdown("# briefing\nAnswers and briefs in which every sentence points at its source.")
        gr.Markdown(h.status(), elem_id="status")
        collection, lib = collection_bar(h)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat") as chat:
                chat_source = chat_tab(h, collection)
            with gr.Tab("Brief", id="brief") as brief:
                written, shown, brief_source = brief_tab(h, collection)
                history_table, history_events = history_section(h, collection, written, shown)
            with gr.Tab("Library", id="library"):
                filters, listed = library_tab(h, lib, collection)
        article_panel(h, collection)  # opened by a click on a citation mark in the chat or the brief
        add_api(h)
        page.load(lib.collections, [collection], [collection], **HIDDEN)
        page.load(lib.show, filters, listed, api_name="library", **HIDDEN)
        page.load(history_events.show, [collection], [history_table], **HIDDEN)
        switched = collection.change(lib.show, filters, listed, **HIDDEN)
        switched.then(history_events.show, [collection], [history_table], **HIDDEN)
        # the Source fields list the collection's outlets: read when the page opens, the collection changes,
        # or their tab is opened (after an upload in the library)
        outlets = [chat_source, brief_source]
        for event in (page.load, collection.change, chat.select, brief.select):
            event(lib.outlets, [collection], outlets, **HIDDEN)
    return page


def source_field(elem_id: str, scale: int | None = None) -> Any:
    """A Source filter: the store's outlets to choose from (set by `Library.outlets`), or a name typed in,
    matched loosely (`bbc` finds bbc.co.uk)."""
    import gradio as gr

    return gr.Dropdown(
        [ALL], value=ALL, label="Source", allow_custom_value=True, interactive=True, elem_id=elem_id, scale=scale
    )


def chat_tab(h: Handlers, collection: Any) -> Any:
    """The chat tab; returns its Source field."""
    import gradio as gr

    chatbot = gr.Chatbot(label="Conversation", height=460, elem_id="chatbot", latex_delimiters=[])
    turns = gr.State([])
    with gr.Row():
        question = gr.Textbox(
            placeholder="Ask about the stored articles…", show_label=False, scale=8, elem_id="question"
        )
        ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
    with gr.Accordion("Filters", open=False), gr.Row():
        since = gr.Textbox(label="Since (YYYY-MM-DD)")
        until = gr.Textbox(label="Until (YYYY-MM-DD)")
        source = source_field("chat-source")
    new = gr.Button("New conversation", elem_id="new-conversation")
    inputs = [question, chatbot, turns, since, until, source, collection]
    ask.click(h.chat, inputs, [chatbot, turns, question], api_name="chat", **HIDDEN)
    question.submit(h.chat, inputs, [chatbot, turns, question], **HIDDEN)
    new.click(lambda: ([], [], ""), None, [chatbot, turns, question], **HIDDEN)
    return source


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
    with gr.Row():
        md_file = gr.DownloadButton("Download .md", elem_id="download-md")
        html_file = gr.DownloadButton("Download .html", elem_id="download-html")
        pdf_file = gr.DownloadButton("Download .pdf", elem_id="download-pdf")
        docx_file = gr.DownloadButton("Download .docx", elem_id="download-docx")
    shown = [brief_md, md_file, html_file, pdf_file, docx_file, timeline]
    written = write.click(
        h.brief,
        [topic, since, until, changes, collection, source],
        shown,
        show_progress="full",
        api_name="write_brief",
        **HIDDEN,
    )
    written.then(show_picture, timeline, timeline, **HIDDEN)
    return written, shown, source
