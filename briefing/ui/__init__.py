"""The Gradio page: chat with sources, one-page brief with downloads, article library.

`render` formats answers and results, `handlers` runs the events (calling the API in `briefing`),
`layout` builds the tabs, `library` the library tab and the collection bar, `history` the brief history,
`api` the named endpoints for scripts (`/ask`, `/brief`, `/ingest_text`), `app` serves the page,
`openai_api` (with `openai_format`) the OpenAI-compatible API beside it, `tokens` the API's Bearer token.
"""

from briefing.ui.app import exposed, read_auth, serve
from briefing.ui.handlers import Handlers
from briefing.ui.layout import PAGE_CSS, build
from briefing.ui.render import answer_markdown, sources_markdown

__all__ = ["PAGE_CSS", "Handlers", "answer_markdown", "build", "exposed", "read_auth", "serve", "sources_markdown"]
