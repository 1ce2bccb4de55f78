"""The collection bar: the session's collection (a dropdown of the store's collections) and a box to make a
new one. The dropdown is made before the tabs (every tab's events take it) and drawn in the Library tab, so
the page opens on the chat, not on "New collection"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.ui.handlers import Handlers

if TYPE_CHECKING:
    from briefing.ui.library import Library


def collection_field(h: Handlers) -> Any:
    """The session's collection, not drawn yet (`collection_bar` draws it)."""
    import gradio as gr

    name = h.rt.settings.collection
    return gr.Dropdown(
        [name], value=name, label="Collection", scale=3, elem_id="collection", interactive=True, render=False
    )


def collection_bar(lib: Library, collection: Any) -> None:
    """Draw the collection dropdown, with the box and button that make a collection and switch to it.

    Args:
        lib: The library's events (`create` makes a collection).
        collection: The dropdown from `collection_field`.
    """
    import gradio as gr

    with gr.Row(equal_height=True):
        collection.render()
        new = gr.Textbox(label="New collection", placeholder="e.g. sahel-2024", scale=3, elem_id="new-collection")
        create = gr.Button("Create and switch", scale=1, elem_id="create-collection")
    note = gr.Markdown(elem_id="collection-note")
    create.click(lib.create, [new, collection], [collection, note, new], api_visibility="undocumented")
