"""The page's event handlers: parse input, call the API in `briefing`, format output.

They hold no retrieval or prompting logic. Each returns a message instead of raising, so the page keeps
working after any error.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import briefing
from briefing.export import FORMATS, save, timeline_png
from briefing.markup import md_text
from briefing.ui.render import ERROR, Message, answer_markdown, brief_markdown, ingest_result, problem


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
            messages[-1] = {"role": "assistant", "content": problem(exc)}
            yield messages, turns, ""
            return
        messages[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        yield messages, conversation.history, ""

    # --- brief --------------------------------------------------------------------------------------
    def brief(
        self, topic: str = "", since: str = "", until: str = "", changes_since: str = ""
    ) -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
        """The brief as Markdown, paths of its .md, .html, .pdf and .docx downloads (None after an error),
        and the path of its timeline picture (None when nothing in it is dated)."""
        try:
            result = briefing.summarize(
                topic=topic.strip() or None,
                since=since or None,
                until=until or None,
                changes_since=changes_since or None,
                runtime=self.rt,
            )
        except Exception as exc:
            return problem(exc), None, None, None, None, None
        shown = brief_markdown(result)  # shown with openable citations; saved plain
        try:
            picture = timeline_png(result)
            folder = Path(tempfile.mkdtemp(prefix="brief-"))
            md, html, pdf, docx = (str(save(result, folder / f"brief{suffix}", picture)) for suffix in FORMATS)
            if picture:
                (folder / "timeline.png").write_bytes(picture)
        except Exception as exc:  # the brief is still shown
            return f"{shown}\n\n{problem(exc)}", None, None, None, None, None
        return shown, md, html, pdf, docx, str(folder / "timeline.png") if picture else None

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
                    result = ingest_result(briefing.ingest([path], runtime=self.rt, progress=False))
            except Exception as exc:
                result = problem(exc)
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
            result = ingest_result(briefing.ingest([article], runtime=self.rt, progress=False))
        except Exception as exc:
            result = problem(exc)
        return ([[title or "pasted text", result]], *self.library())

    def library(self) -> tuple[list[list[Any]], str]:
        """The stored articles (id, title, source, date, chunks) and the counts."""
        try:
            entries = briefing.list_articles(runtime=self.rt)
        except Exception as exc:
            return [], problem(exc)
        rows = [[a.id, a.title, a.source, a.date or "", a.chunks] for a in entries]
        table = sorted(rows, key=lambda row: (str(row[3]), str(row[1])), reverse=True)
        return table, f"**{len(entries)} articles, {sum(a.chunks for a in entries)} chunks**"

    def delete(self, article_id: str) -> tuple[str, list[list[Any]], str]:
        try:
            full, chunks = briefing.forget(article_id or "", runtime=self.rt)
            message = f"Removed {full} ({chunks} chunks)."
        except Exception as exc:
            message = problem(exc)
        return (message, *self.library())
