"""The Gradio page: chat with sources, one-page brief with downloads, article library.

Handlers parse input, call the API in `briefing`, and format output; they hold no retrieval or prompting
logic. Each returns a message instead of raising, so the page keeps working after any error.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import briefing
from briefing.markup import html_text, md_text, to_html

Message = dict[str, str]
ERROR = "⚠️ "


def _problem(exc: Exception) -> str:
    if isinstance(exc, ValueError):  # every BriefingError, and a bad value anywhere
        return f"{ERROR}{exc}"
    return f"{ERROR}Something went wrong ({type(exc).__name__}: {exc}). The page still works; try again."


def sources_markdown(answer: briefing.Answer) -> str:
    """The numbered sources with their quoted passages, each expandable."""
    if answer.abstained or not answer.sources:
        return ""
    blocks = []
    for src in answer.sources:
        quotes = "".join(f"<blockquote>{html_text(q.text)}</blockquote>" for q in src.quotes)
        meta = ", ".join(x for x in (src.source, src.date) if x)
        summary = f"[{src.number}] {html_text(src.title)} — {html_text(meta)}"
        blocks.append(f"<details><summary>{summary}</summary>{quotes}</details>")
    return "\n".join(blocks)


def answer_markdown(answer: briefing.Answer) -> str:
    """What the chat shows for a finished answer: the text, how it was checked, then its sources."""
    if answer.abstained:
        return f"🛈 {answer.text}"
    lines = [answer.text]
    notes = [*answer.notes, *([answer.check.summary()] if answer.check else [])]
    lines += [f"_{note}_" for note in notes]
    return "\n\n".join([*lines, sources_markdown(answer)])


def _result(report: briefing.IngestReport) -> str:
    """One file's result: why it was skipped, or the counts, and what was changed in reading it."""
    if report.skipped and not report.ingested:
        return "skipped: " + "; ".join(reason for _, reason in report.skipped)
    return "; ".join([report.summary(), *(f"note: {note}" for _, note in report.notes)])


class Handlers:
    """Event handlers over one shared runtime (model and store are loaded once for all users)."""

    def __init__(self, runtime: briefing.Runtime) -> None:
        self.rt = runtime

    def status(self) -> str:
        try:
            embedder = self.rt.embedder_name
        except Exception as exc:  # shown, not raised: the page must load
            embedder = f"{self.rt.settings.embedder} (not loaded: {exc})"
        return f"**Engine:** {self.rt.engine_label} · **Embedder:** {embedder}"

    # --- chat ---------------------------------------------------------------------------------------
    def chat(
        self,
        message: str,
        messages: list[Message] | None,
        turns: list[tuple[str, str]] | None,
        since: str = "",
        until: str = "",
        source: str = "",
    ) -> Iterator[tuple[list[Message], list[tuple[str, str]], str]]:
        """Stream an answer into the chat; the last update replaces the draft with the checked answer."""
        messages = list(messages or [])
        turns = list(turns or [])
        question = (message or "").strip()
        if not question:
            yield [*messages, {"role": "assistant", "content": f"{ERROR}Type a question first."}], turns, ""
            return
        messages.append({"role": "user", "content": question})
        messages.append({"role": "assistant", "content": "…"})
        yield messages, turns, ""
        try:
            conversation = briefing.Conversation(self.rt, briefing.Filters.of(since, until, source), turns)
            stream = conversation.ask_stream(question)
            draft = ""
            for token in stream:
                draft += token
                # a model's words may repeat what a source says: shown as text, never as markup
                messages[-1] = {"role": "assistant", "content": md_text(draft)}
                yield messages, turns, ""
            answer = stream.result()
        except Exception as exc:
            messages[-1] = {"role": "assistant", "content": _problem(exc)}
            yield messages, turns, ""
            return
        messages[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        yield messages, conversation.history, ""

    # --- brief --------------------------------------------------------------------------------------
    def brief(
        self, topic: str = "", since: str = "", until: str = "", changes_since: str = ""
    ) -> tuple[str, str | None, str | None]:
        """The brief as Markdown, and paths of its .md and .html downloads (None after an error)."""
        try:
            result = briefing.summarize(
                topic=topic.strip() or None,
                since=since or None,
                until=until or None,
                changes_since=changes_since or None,
                runtime=self.rt,
            )
        except Exception as exc:
            return _problem(exc), None, None
        folder = Path(tempfile.mkdtemp(prefix="brief-"))
        md = folder / "brief.md"
        md.write_text(result.markdown, encoding="utf-8")
        page = folder / "brief.html"
        page.write_text(to_html(result.markdown, result.title), encoding="utf-8")
        return result.markdown, str(md), str(page)

    # --- library ------------------------------------------------------------------------------------
    def upload(self, files: list[Any] | None) -> tuple[list[list[str]], list[list[Any]], str]:
        """Ingest uploaded files one by one: a result row per file, then the library and its counts."""
        rows: list[list[str]] = []
        limit = self.rt.settings.upload_mb
        for item in files or []:
            path = Path(item) if isinstance(item, str | Path) else Path(item.name)  # a path, or Gradio's file
            try:
                size = path.stat().st_size if path.is_file() else 0
                if size > limit * 1e6:  # Gradio enforces it on upload; a file handed in another way is checked here
                    result = (
                        f"skipped: too large ({size / 1e6:,.2f} MB, limit {limit:,.2f} MB; raise BRIEFING_UPLOAD_MB)"
                    )
                else:
                    result = _result(briefing.ingest([path], runtime=self.rt, progress=False))
            except Exception as exc:
                result = _problem(exc)
            rows.append([path.name, result])
        if not rows:
            rows.append(["", f"{ERROR}Choose one or more files first."])
        return (rows, *self.library())

    def paste(self, title: str, date: str, source: str, text: str) -> tuple[list[list[str]], list[list[Any]], str]:
        """Ingest pasted text as one article."""
        if not (text or "").strip():
            return ([["pasted text", f"{ERROR}Paste the article's text first."]], *self.library())
        try:
            article = briefing.make_article(text, title=title, date=date, source=source or "pasted")
            result = _result(briefing.ingest([article], runtime=self.rt, progress=False))
        except Exception as exc:
            result = _problem(exc)
        return ([[title or "pasted text", result]], *self.library())

    def library(self) -> tuple[list[list[Any]], str]:
        """The stored articles (id, title, source, date, chunks) and the counts."""
        try:
            entries = briefing.list_articles(runtime=self.rt)
        except Exception as exc:
            return [], _problem(exc)
        rows = [[a.id, a.title, a.source, a.date or "", a.chunks] for a in entries]
        table = sorted(rows, key=lambda row: (str(row[3]), str(row[1])), reverse=True)
        return table, f"**{len(entries)} articles, {sum(a.chunks for a in entries)} chunks**"

    def delete(self, article_id: str) -> tuple[str, list[list[Any]], str]:
        try:
            full, chunks = briefing.forget(article_id or "", runtime=self.rt)
            message = f"Removed {full} ({chunks} chunks)."
        except Exception as exc:
            message = _problem(exc)
        return (message, *self.library())


# Long unbroken strings in source text (URLs, hashes, junk) wrap instead of widening the page.
PAGE_CSS = (
    "#chatbot, #brief, #articles, #results, #counts { overflow-wrap: anywhere; } "
    "#articles td, #articles td *, #results td, #results td * { white-space: normal !important; }"
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
            with gr.Tab("Brief", id="brief"):
                with gr.Row():
                    topic = gr.Textbox(label="Topic (empty: everything stored)", scale=3)
                    b_since = gr.Textbox(label="Since (YYYY-MM-DD)", scale=1)
                    b_until = gr.Textbox(label="Until (YYYY-MM-DD)", scale=1)
                    b_changes = gr.Textbox(
                        label="What changed since (last brief's date)", scale=1, elem_id="changes-since"
                    )
                write = gr.Button("Write brief", variant="primary", elem_id="write-brief")
                brief_md = gr.Markdown(elem_id="brief", latex_delimiters=[])
                with gr.Row():
                    md_file = gr.DownloadButton("Download .md", elem_id="download-md")
                    html_file = gr.DownloadButton("Download .html", elem_id="download-html")
                write.click(
                    h.brief, [topic, b_since, b_until, b_changes], [brief_md, md_file, html_file], show_progress="full"
                )
            with gr.Tab("Library", id="library"):
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
                    headers=["file", "result"],
                    label="Results",
                    elem_id="results",
                    wrap=True,
                    column_widths=["30%", "70%"],
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
        page.load(h.library, None, [table, counts])
    return page


def serve(
    runtime: briefing.Runtime,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
) -> None:
    """Start the page; the model and the store are loaded once and shared by every request."""
    settings = runtime.settings
    _ = runtime.embedder, runtime.store  # load before the first visitor, not during their question
    page = build(runtime).queue(default_concurrency_limit=settings.concurrency)
    page.launch(
        server_name=host,
        server_port=port,
        share=share,
        auth=read_auth(settings.auth.get_secret_value() if settings.auth else None),
        max_file_size=f"{settings.upload_mb}mb",
        show_error=False,
        css=PAGE_CSS,
    )


def read_auth(value: str | None) -> list[tuple[str, str]] | None:
    """`user:password` pairs, separated by commas or newlines, given directly or as a file path."""
    if not value:
        return None
    text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
    pairs = [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip()]
    out = []
    for pair in pairs:
        user, sep, password = pair.partition(":")
        if not sep or not user or not password:
            msg = "BRIEFING_AUTH must be user:password (or a file of such lines)"
            raise ValueError(msg)
        out.append((user, password))
    return out
