"""The OpenAI-compatible API on the page's server: `/v1/chat/completions` (streamed or not) and `/v1/models`.

Model `briefing` answers the last user message with `briefing.ask`, the turns before it read as the page's
chat reads its own (a follow-up is rewritten to stand alone); model `briefing-brief` writes a brief with
`briefing.summarize` on the last user message's topic. Streamed, the events are OpenAI's: a first chunk with
the role, SSE comments while a model writes (its draft is not shown: only the checked answer is sourced),
then the checked answer line by line, a last chunk with the answer as data, and `data: [DONE]`.

Requests are served `BRIEFING_CONCURRENCY` at a time, as the page's are; up to `WAITING` more wait their
turn, and past them a request is refused with 429. The token (`tokens.py`) guards every path here.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

import briefing
from briefing.errors import LLMError, StoreError, hide_userinfo
from briefing.ui.openai_format import (
    ASK,
    DONE,
    MODELS,
    ApiError,
    ChatRequest,
    answer_data,
    brief_data,
    chunk,
    completion,
    model_card,
    models_list,
    read_chat,
    sse,
    streamed,
)
from briefing.ui.tokens import declared

WAITING = 32  # requests that may wait for their turn beyond those being served; more get 429
MAX_BODY = 1_000_000  # bytes of a request: a conversation, not an archive
DRAFTING = ": drafting\n\n"  # an SSE comment: keeps the connection busy while a model writes; clients skip it


def refused(exc: Exception) -> ApiError:
    """An error from the service API as the API reports it: what the request got wrong is a 400, a model
    or store that failed is the server's (502, 503), anything else a 500 without its details."""
    said = hide_userinfo(str(exc))
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, LLMError):
        return ApiError(502, f"the answer model failed: {said}", "api_error")
    if isinstance(exc, StoreError):
        return ApiError(503, f"the store cannot be read: {said}", "api_error")
    if isinstance(exc, briefing.BriefingError):
        return ApiError(400, said)
    return ApiError(500, f"something went wrong ({type(exc).__name__}); try again", "api_error")


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status)


class Turns:
    """Who is served: `serving` at once, and at most `waiting` more queued for a turn. A request waits in the
    event loop, not in a thread, so those waiting take none of the threads the page's own events run on."""

    def __init__(self, serving: int, waiting: int = WAITING) -> None:
        self._slots = asyncio.Semaphore(serving)
        self._most = serving + waiting
        self._in = 0

    def admit(self) -> bool:
        """Count a request in; False when too many are in already."""
        if self._in >= self._most:
            return False
        self._in += 1
        return True

    async def run(self, work: Callable[[], None]) -> None:
        """Run an admitted request's work (in a worker thread) in its turn, and count it out when done,
        whatever happens."""
        try:
            async with self._slots:
                await run_in_threadpool(work)
        finally:
            self._in -= 1


def respond(rt: briefing.Runtime, req: ChatRequest, drafting: Callable[[], None] = lambda: None) -> tuple[str, Any]:
    """The content and the data of the answer (or brief) the request asks for; `drafting` is called for each
    token a model writes."""
    if req.model == ASK:
        stream = briefing.ask_stream(
            req.question, since=req.since, until=req.until, source=req.source, history=req.history, runtime=rt
        )
        for _ in stream:
            drafting()
        answer = stream.result()
        return answer.markdown, answer_data(answer)
    topic = req.question.strip() or None
    brief = briefing.summarize(topic=topic, since=req.since, until=req.until, source=req.source, runtime=rt)
    return brief.markdown, brief_data(brief)


def openai_routes(rt: briefing.Runtime) -> list[BaseRoute]:
    """The API's routes, for the server's app (Gradio's `launch(app_kwargs={"routes": ...})`: they come
    before the page's own)."""
    turns = Turns(rt.settings.concurrency)
    created = int(time.time())
    running: set[asyncio.Future[None]] = set()  # the streams' workers, kept until they finish

    async def models(_: Request) -> Response:
        return JSONResponse(models_list(created))

    async def model(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in MODELS:
            return error_response(ApiError(404, f"the model {name[:80]!r} does not exist here", code="model_not_found"))
        return JSONResponse(model_card(name, created))

    async def chat(request: Request) -> Response:
        try:
            size = declared(request.headers.raw)  # refused before it is read, when it says how long it is
            body = b"" if size > MAX_BODY else await request.body()
            if max(size, len(body)) > MAX_BODY:
                raise ApiError(413, f"the request is too large ({max(size, len(body)):,} bytes, at most {MAX_BODY:,})")
            try:
                parsed = json.loads(body)
            except ValueError:
                raise ApiError(400, "the request body is not JSON") from None
            req = read_chat(parsed)
        except ApiError as exc:
            return error_response(exc)
        if not turns.admit():
            busy = f"{WAITING} requests are waiting already; try again shortly"
            return error_response(ApiError(429, busy, "rate_limit_error", "rate_limit_exceeded"))
        ident, now = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if req.stream:
            return StreamingResponse(
                _start(turns, rt, req, ident, now, running),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        done: list[tuple[str, Any]] = []
        try:
            await turns.run(lambda: done.append(respond(rt, req)))
        except Exception as exc:
            return error_response(refused(exc))
        content, data = done[0]
        return JSONResponse(completion(ident, req.model, now, content, data, req.question))

    return [
        Route("/v1/models", models, methods=["GET"]),
        Route("/v1/models/{name:path}", model, methods=["GET"]),
        Route("/v1/chat/completions", chat, methods=["POST"]),
    ]


def _start(
    turns: Turns, rt: briefing.Runtime, req: ChatRequest, ident: str, now: int, running: set[asyncio.Future[None]]
) -> AsyncIterator[str]:
    """The stream's events. The work starts now, in a worker thread, and runs in its turn to its end (so a
    client that leaves early never keeps its turn taken); its events come through a queue."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(event: str | None) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, event)

    def work() -> None:
        try:
            content, data = respond(rt, req, lambda: put(DRAFTING))
            for event in streamed(ident, req.model, now, content, data):
                put(event)
        except Exception as exc:
            put(sse(refused(exc).body()))  # OpenAI's clients raise an APIError on an error event
            put(DONE)
        finally:
            put(None)

    worker = asyncio.ensure_future(turns.run(work))
    running.add(worker)
    worker.add_done_callback(running.discard)

    async def events() -> AsyncIterator[str]:
        yield sse(chunk(ident, req.model, now, {"role": "assistant", "content": ""}))
        while (event := await queue.get()) is not None:
            yield event

    return events()
