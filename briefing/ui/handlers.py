"""The page's event handlers: parse input, call the API in `briefing`, format output.

They hold no retrieval or prompting logic. Each returns a message instead of raising, so the page keeps
working after any error.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import briefing
from briefing.api.overview import overview
from briefing.errors import hide_userinfo
from briefing.export import brief_files, save, timeline_png
from briefing.text.markup import md_text
from briefing.ui.render import (
    ERROR,
    Message,
    answer_markdown,
    brief_markdown,
    ingest_result,
    overview_markdown,
    problem,
)

ALL = "All sources"  # the source fields' choice for no source filter


def source_filter(value: str | None) -> str:
    """A Source field's value as the filter takes it: "" for `All sources` or nothing."""
    value = (value or "").strip()
    return "" if value == ALL else value


OPEN = 8  # collections besides the page's own whose runtimes are kept (the ones used last)


class Handlers:
    """Event handlers over one shared runtime (model and store are loaded once for all users).

    Each handler takes the session's collection last ("" for the runtime's own); a runtime per collection,
    sharing the one embedder and engine, is made on first use and kept.
    """

    def __init__(self, runtime: briefing.Runtime) -> None:
        self.rt = runtime
        self._runtimes: OrderedDict[str, briefing.Runtime] = OrderedDict()  # the others', last used last
        self._making = threading.Lock()
        self._let_go = 0  # runtimes let go since the store's Chroma instance was last closed (`Runtime.release`)

    def on(self, collection: str | None = "", make: bool = False) -> briefing.Runtime:
        """The runtime of a collection ("" for the page's own); one not in the store yet is made only when
        `make` (what stores articles makes it; a question or a brief asked of a mistyped name does not), and
        only while the store holds fewer than `max_collections`. The runtimes of the `OPEN` collections used
        last are kept; an older one is let go, with what it holds open (its keyword index), and once `OPEN` have
        been let go the store's Chroma instance is closed too, freeing what it holds for them.

        Raises:
            BriefingError: The name cannot name a collection, there is no such collection and not `make`, or
                the store holds `max_collections` already.
        """
        name = (collection or "").strip() or self.rt.settings.collection
        if name == self.rt.settings.collection:
            return self.rt
        with self._making:
            if name not in self._runtimes:
                made = briefing.collections(runtime=self.rt)
                if name not in made:
                    self._may_make(name, len(made), make)
                self._runtimes[name] = self.rt.with_collection(name)
                while len(self._runtimes) > OPEN:
                    self._runtimes.popitem(last=False)
                    self._let_go += 1
                if self._let_go >= OPEN and self.rt.release():
                    self._let_go = 0
            self._runtimes.move_to_end(name)
            return self._runtimes[name]

    def _may_make(self, name: str, count: int, make: bool) -> None:
        if not make:
            msg = f"the store has no collection {name[:80]!r}; adding an article to it makes it"
            raise briefing.BriefingError(msg)
        most = self.rt.settings.max_collections
        if count >= most:
            msg = (
                f"the store holds {count} collections, the most this page makes (BRIEFING_MAX_COLLECTIONS={most}); "
                "add to one of them, or ask whoever runs the page to raise the limit"
            )
            raise briefing.BriefingError(msg)

    def status(self) -> str:
        try:
            embedder = self.rt.embedder_name
        except Exception as exc:  # shown, not raised: the page must load
            embedder = f"{self.rt.settings.embedder} (not loaded: {hide_userinfo(str(exc))})"
        return f"**Engine:** {self.rt.engine_label} · **Embedder:** {embedder}"

    # --- chat ---------------------------------------------------------------------------------------
    def welcome(self, collection: str = "") -> tuple[str, list[str]]:
        """What the empty chat shows: the collection's size, outlets and dates, and a question on each of
        its top stories."""
        try:
            found = overview(runtime=self.on(collection))
        except Exception as exc:
            return problem(exc), []
        return overview_markdown(found), found.questions

    def chat(
        self,
        message: str,
        messages: list[Message] | None,
        turns: list[tuple[str, str]] | None,
        since: str = "",
        until: str = "",
        source: str = "",
        collection: str = "",
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
            rt = self.on(collection)
            chosen = briefing.Filters.of(since, until, source_filter(source))
            conversation = briefing.Conversation(rt, chosen, turns)
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
        self,
        topic: str = "",
        since: str = "",
        until: str = "",
        changes_since: str = "",
        collection: str = "",
        source: str = "",
    ) -> tuple[str | None, ...]:
        """The brief as Markdown (its citations openable), paths of its .md, .html, .pdf and .docx downloads
        (None after an error), and the path of its timeline picture (None when nothing in it is dated).

        The downloads are written into the brief's folder in the collection's brief history."""
        none: tuple[None, ...] = (None,) * 5
        try:
            result = briefing.summarize(
                topic=topic.strip() or None,
                since=since or None,
                until=until or None,
                source=source_filter(source) or None,
                changes_since=changes_since or None,
                runtime=self.on(collection),
            )
        except Exception as exc:
            return (problem(exc), *none)
        shown = brief_markdown(result)  # shown with openable citations; saved plain
        if result.abstained:
            return (shown, *none)
        try:
            picture = timeline_png(result)
            folder = result.kept or Path(tempfile.mkdtemp(prefix="brief-"))  # no history kept: `brief_history` 0
            *files, image = brief_files(folder)
            md, html, pdf, docx = (str(save(result, path, picture)) for path in files)
            if picture:
                image.write_bytes(picture)
        except Exception as exc:  # the brief is still shown
            return (f"{shown}\n\n{problem(exc)}", *none)
        return shown, md, html, pdf, docx, str(image) if picture else None

    # --- library ------------------------------------------------------------------------------------
    def upload(self, files: list[Any] | None, collection: str = "") -> list[list[str]]:
        """Ingest uploaded files one by one: a result row per file."""
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
                    rt = self.on(collection, make=True)
                    result = ingest_result(briefing.ingest([path], runtime=rt, progress=False, uploaded=True))
            except Exception as exc:
                result = problem(exc)
            rows.append([path.name, result])
        if not rows:
            rows.append(["", f"{ERROR}Choose one or more files first."])
        return rows

    def paste(self, title: str, date: str, source: str, text: str, collection: str = "") -> list[list[str]]:
        """Ingest pasted text as one article: its result row."""
        return [[title or "pasted text", self.ingest_text(text, title, date, source, collection)]]

    def ingest_text(self, text: str, title: str = "", date: str = "", source: str = "", collection: str = "") -> str:
        """Ingest one article given as text: what happened, in a line."""
        if not (text or "").strip():
            return f"{ERROR}Paste the article's text first."
        try:
            article = briefing.make_article(text, title=title, date=date, source=source or "pasted")
            return ingest_result(briefing.ingest([article], runtime=self.on(collection, make=True), progress=False))
        except Exception as exc:
            return problem(exc)
