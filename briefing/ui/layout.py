"""The page's layout: one function per tab, wired to the handlers."""

from __future__ import annotations

from typing import Any

import briefing
from briefing.ui.article import PANEL_CSS, article_panel
from briefing.ui.handlers import Handlers

# Long unbroken strings in source text (URLs, hashes, junk) wrap instead of widening the page.
PAGE_CSS = (
    "#chatbot, #brief, #articles, #results, #counts { overflow-wrap: anywhere; } "
    "#articles td, #articles td *, #results td, #results td * { white-space: normal !important; } " + PANEL_CSS
)


def build(runtime: briefing.Runtime) -> Any:
    """The page, wired to handlers over `runtime`."""
    import gradio as gr

    h = Handlers(runtime)
    with gr.Blocks(title="briefing") as page:
        gr.Markdown("# briefing\nAnswers and briefs in which every sentence points at its source.")
        gr.Markdown(h.status(), elem_id="status")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat_tab(h)
            with gr.Tab("Brief", id="brief"):
                brief_tab(h)
            with gr.Tab("Library", id="library"):
                table, counts = library_tab(h)
        article_panel(runtime)  # opened by a click on a citation mark in the chat or the brief
        page.load(h.library, None, [table, counts])
    return page


def chat_tab(h: Handlers) -> None:
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
        source = gr.Textbox(label="Source")
    new = gr.Button("New conversation", elem_id="new-conversation")
    inputs = [question, chatbot, turns, since, until, source]
    for event in (ask.click, question.submit):
        event(h.chat, inputs, [chatbot, turns, question])
    new.click(lambda: ([], [], ""), None, [chatbot, turns, question])


def brief_tab(h: Handlers) -> None:
    import gradio as gr

    with gr.Row():
        topic = gr.Textbox(label="Topic (empty: everything stored)", scale=3)
        since = gr.Textbox(label="Since (YYYY-MM-DD)", scale=1)
        until = gr.Textbox(label="Until (YYYY-MM-DD)", scale=1)
        changes = gr.Textbox(label="What changed since (last brief's date)", scale=1, elem_id="changes-since")
    write = gr.Button("Write brief", variant="primary", elem_id="write-brief")
    timeline = gr.Image(label="Timeline", type="filepath", interactive=False, visible=False, elem_id="timeline")
    brief_md = gr.Markdown(elem_id="brief", latex_delimiters=[])
    with gr.Row():
        md_file = gr.DownloadButton("Download .md", elem_id="download-md")
        html_file = gr.DownloadButton("Download .html", elem_id="download-html")
        pdf_file = gr.DownloadButton("Download .pdf", elem_id="download-pdf")
        docx_file = gr.DownloadButton("Download .docx", elem_id="download-docx")
    outputs = [brief_md, md_file, html_file, pdf_file, docx_file, timeline]
    write.click(h.brief, [topic, since, until, changes], outputs, show_progress="full").then(
        lambda path: gr.Image(visible=path is not None), timeline, timeline
    )


def library_tab(h: Handlers) -> tuple[Any, Any]:
    """The library tab; returns the table and the counts, which the page fills on load."""
    import gradio as gr

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
    table = gr.Dataframe(
        headers=["id", "title", "source", "date", "chunks"],
        label="Stored articles",
        elem_id="articles",
        wrap=True,
        column_widths=["16%", "44%", "22%", "11%", "7%"],
    )
    with gr.Row():
        remove_id = gr.Textbox(label="Article id to delete", scale=3)
        remove = gr.Button("Delete", variant="stop", scale=1)
    removed = gr.Markdown()
    ingest.click(h.upload, [files], [results, table, counts])
    add.click(h.paste, [p_title, p_date, p_source, p_text], [results, table, counts])
    remove.click(h.delete, [remove_id], [removed, table, counts])
    return table, counts
