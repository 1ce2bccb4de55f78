"""The Chat tab: the conversation, its filters, and, while it is empty, what the collection holds (its size,
outlets and dates) with a question on each of its top stories, asked by a click."""

# No `from __future__ import annotations`: Gradio finds the example click's `gr.SelectData` by its annotation.

from typing import Any

from briefing.ui.handlers import ALL, Handlers

HIDDEN: dict[str, Any] = {"api_visibility": "undocumented"}  # the page's own events: off the API page


def source_field(elem_id: str, scale: int | None = None) -> Any:
    """A Source filter: the store's outlets to choose from (set by `Library.outlets`), or a name typed in,
    matched loosely (`bbc` finds bbc.co.uk)."""
    import gradio as gr

    return gr.Dropdown(
        [ALL], value=ALL, label="Source", allow_custom_value=True, interactive=True, elem_id=elem_id, scale=scale
    )


def chat_tab(h: Handlers, collection: Any) -> tuple[Any, Any, Any]:
    """The chat tab; returns the chat, what shows the collection's overview in it while it is empty (the
    page runs it on load, on a collection switch and when the tab is opened) and its Source field."""
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

    def welcome(collection: str) -> Any:
        text, questions = h.welcome(collection)
        return gr.update(placeholder=text, examples=[{"text": q} for q in questions])

    def example(evt: gr.SelectData) -> str:
        return str((evt.value or {}).get("text", "")) if isinstance(evt.value, dict) else str(evt.value or "")

    def chat(*args: Any) -> Any:
        """`h.chat`, clearing the question box once, when the question is taken: what the visitor types
        while the answer streams is theirs (before, every streamed word cleared it)."""
        for n, (messages, history, cleared) in enumerate(h.chat(*args)):
            yield messages, history, cleared if n == 0 else gr.skip()

    # a question asked while the answer before it still streams is asked after it ("once", Gradio's
    # default, dropped the click without a word)
    queued: dict[str, Any] = {**HIDDEN, "trigger_mode": "always_last"}
    ask.click(chat, inputs, [chatbot, turns, question], api_name="chat", **queued)
    question.submit(chat, inputs, [chatbot, turns, question], **queued)
    picked = chatbot.example_select(example, None, [question], **HIDDEN)
    picked.then(chat, inputs, [chatbot, turns, question], **HIDDEN)
    new.click(lambda: ([], [], ""), None, [chatbot, turns, question], **HIDDEN).then(
        welcome, [collection], [chatbot], **HIDDEN
    )
    return chatbot, welcome, source
