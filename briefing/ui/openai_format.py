"""The OpenAI-compatible API's pure parts: a chat request read into a question (or a brief's topic) and its
conversation, an answer or a brief written as a chat completion or as its stream's chunks, and errors in
OpenAI's shape. No I/O; `openai_api` serves them.

A completion's message is the checked answer (or brief) in Markdown, with its `[n]` citations and Sources
list; the same answer as data (claims with their source counts, numbered sources with ids, URLs and quoted
passages) is in an extra field, `briefing`, that OpenAI clients ignore.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

from briefing.results import Answer, Brief
from briefing.text.clean import printable
from briefing.text.questions import MAX_CHARS
from briefing.ui.tokens import error_body

ASK, BRIEF = "briefing", "briefing-brief"
MODELS = {
    ASK: "answers a question from the stored articles, every sentence cited; follow-ups use the conversation",
    BRIEF: "writes a one-page situation brief on the last user message's topic (empty: everything stored)",
}
TURNS = 4  # earlier turns a follow-up is read with (the engines rewrite it from the last four at most)
DONE = "data: [DONE]\n\n"
_SOURCES = re.compile(r"\n+## Sources\n.*", re.S)  # an answer's Sources list, as `Answer.markdown` ends


class ApiError(Exception):
    """A request the API refuses: its HTTP status and OpenAI's error fields."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error", code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.kind, self.code = status, message, kind, code

    def body(self) -> dict[str, Any]:
        return error_body(self.message, self.kind, self.code)


@dataclass
class ChatRequest:
    """What a chat completion request asks: the model, the question (or topic), the turns before it."""

    model: str
    question: str
    history: list[tuple[str, str]] = field(default_factory=list)
    stream: bool = False
    since: str | None = None
    until: str | None = None
    source: str | None = None


def text_of(content: Any, where: str) -> str:
    """A message's text: a string, or the text parts of a list of parts (images and audio are not read)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(p, dict) for p in content):
        return "\n".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
    raise ApiError(400, f"{where}.content must be a string or a list of content parts")


def said(text: str) -> str:
    """An earlier turn's text as the engines read it: without its Sources list or unprintable characters,
    and no longer than a question may be."""
    return printable(_SOURCES.sub("", text)).strip()[:MAX_CHARS]


def conversation(messages: Any) -> tuple[str, list[tuple[str, str]]]:
    """The last user message and the (question, answer) turns before it (the last `TURNS`); system and
    developer messages are not read (what the API answers is decided by the sources, not by instructions).

    Raises:
        ApiError: `messages` is not a non-empty list of messages, or the last one is not the user's.
    """
    if not isinstance(messages, list) or not messages:
        raise ApiError(400, "messages must be a non-empty list of {role, content} objects")
    read: list[tuple[str, str]] = []
    for i, message in enumerate(messages):
        where = f"messages[{i}]"
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise ApiError(400, f"{where} must be an object with a role and content")
        if message["role"] in ("user", "assistant"):
            read.append((message["role"], text_of(message.get("content"), where)))
    if not read or read[-1][0] != "user":
        raise ApiError(400, "the last message (besides system messages) must be the user's: the question to answer")
    turns = []
    for (role, text), (next_role, reply) in pairwise(read[:-1]):
        if role == "user" and next_role == "assistant" and said(text):
            turns.append((said(text), said(reply)))
    return read[-1][1], turns[-TURNS:]


def _optional(body: dict[str, Any], name: str) -> str | None:
    value = (body.get("briefing") or {}).get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"briefing.{name} must be a string")
    return value or None


def read_chat(body: Any) -> ChatRequest:
    """A `/v1/chat/completions` body as a ChatRequest; sampling options (temperature, max_tokens, …) are
    accepted and not used. Filters come in an extra object, `briefing: {since, until, source}`.

    Raises:
        ApiError: 400 for a malformed body, 404 for a model this API does not serve.
    """
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object with model and messages")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise ApiError(400, "model is required: briefing or briefing-brief")
    if model not in MODELS:
        msg = f"the model {model[:80]!r} does not exist here: use {ASK} (questions) or {BRIEF} (a brief on a topic)"
        raise ApiError(404, msg, code="model_not_found")
    stream = body.get("stream", False)
    if not isinstance(stream, bool) and stream is not None:
        raise ApiError(400, "stream must be true or false")
    if body.get("briefing") is not None and not isinstance(body["briefing"], dict):
        raise ApiError(400, "briefing must be an object: {since, until, source}")
    question, history = conversation(body.get("messages"))
    return ChatRequest(
        model,
        question,
        history if model == ASK else [],
        bool(stream),
        _optional(body, "since"),
        _optional(body, "until"),
        _optional(body, "source"),
    )


def answer_data(answer: Answer) -> dict[str, Any]:
    """An answer as data: close to `briefing ask --json`'s shape (`cli/answers.py`), with `kind`, the check's
    summary among the notes and the standalone question, without the leads and verdicts."""
    return {
        "kind": "answer",
        "question": answer.question,
        "text": answer.text,
        "abstained": answer.abstained,
        "answer_span": answer.answer_span,
        "reports": answer.reports,
        "outlets": answer.outlets,
        "engine": answer.engine,
        "claims": [asdict(c) for c in answer.claims],
        "sources": [asdict(s) for s in answer.sources],
        "notes": [*answer.notes, *([answer.check.summary()] if answer.check else [])],
        "standalone_question": answer.standalone_question,
    }


def brief_data(brief: Brief) -> dict[str, Any]:
    """A brief as data: its parts' claims (each with its part), and its numbered sources."""
    return {
        "kind": "brief",
        "title": brief.title,
        "topic": brief.topic,
        "abstained": brief.abstained,
        "engine": brief.engine,
        "claims": [{"part": s.title, **asdict(c)} for s in brief.sections for c in s.claims],
        "sources": [asdict(s) for s in brief.sources],
        "notes": brief.remarks,
    }


def usage(prompt: str, content: str) -> dict[str, int]:
    """Usage as OpenAI reports it; counted in words (briefing does not tokenize what it quotes)."""
    asked, written = len(prompt.split()), len(content.split())
    return {"prompt_tokens": asked, "completion_tokens": written, "total_tokens": asked + written}


def completion(
    ident: str, model: str, created: int, content: str, data: dict[str, Any], prompt: str = ""
) -> dict[str, Any]:
    """A `chat.completion` object: one choice, the content, and the answer as data in `briefing`."""
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": usage(prompt, content),
        "briefing": data,
    }


def chunk(
    ident: str,
    model: str,
    created: int,
    delta: dict[str, Any],
    finish: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A `chat.completion.chunk`; the last one carries the answer as data in `briefing`."""
    out: dict[str, Any] = {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }
    if data is not None:
        out["briefing"] = data
    return out


def pieces(content: str) -> list[str]:
    """The content cut into streamed deltas, a line at a time (joined, they are the content again)."""
    return [p for p in re.split(r"(?<=\n)", content) if p]


def sse(event: dict[str, Any]) -> str:
    """One server-sent event: `data: {json}` and a blank line."""
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n"


def streamed(ident: str, model: str, created: int, content: str, data: dict[str, Any]) -> list[str]:
    """The events of a finished answer: its content line by line, then the stop with its data, then [DONE]."""
    events = [sse(chunk(ident, model, created, {"content": piece})) for piece in pieces(content)]
    events.append(sse(chunk(ident, model, created, {}, "stop", data)))
    return [*events, DONE]


def models_list(created: int) -> dict[str, Any]:
    """`/v1/models`: the two models this API serves."""
    return {"object": "list", "data": [model_card(name, created) for name in MODELS]}


def model_card(name: str, created: int) -> dict[str, Any]:
    """One model as `/v1/models` lists it (its description in an extra field)."""
    return {"id": name, "object": "model", "created": created, "owned_by": "briefing", "description": MODELS[name]}
