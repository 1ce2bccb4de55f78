"""Who may use the API doors (the OpenAI-compatible `/v1` and MCP at `/gradio_api/mcp`): a Bearer token,
`BRIEFING_API_TOKEN`, checked by an ASGI middleware before any route sees the request.

The rule, beside the page's (a login, `BRIEFING_AUTH`, to serve beyond this machine):
- a token set: every request to a door must carry `Authorization: Bearer <token>` (compared in constant time);
- no token and no login: the doors are open, as the page is; `serve` allows that on a loopback address only
  (or with `insecure`);
- no token but a login: the doors are closed (401). A login says the page is not for everyone who reaches the
  server (a loopback bind behind a proxy reaches the world), and a page login cannot be sent by an API client.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from pydantic import SecretStr
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from briefing.config import Settings

DOORS = ("/v1", "/gradio_api/mcp")  # path prefixes the token guards
# The most a request to a door may send: a tool call holding the longest article the page takes (1,000,000
# characters, JSON-escaped), not an archive. `/v1` holds its own requests to 1 MB (`openai_api.MAX_BODY`).
DOOR_BODY = 8_000_000
MISSING = "send the API token as `Authorization: Bearer <token>` (the server's BRIEFING_API_TOKEN)"
WRONG = "the Bearer token is not this server's API token (BRIEFING_API_TOKEN)"
CLOSED = (
    "this server has a page login (BRIEFING_AUTH) but no API token: whoever runs it must set BRIEFING_API_TOKEN "
    "for the API and MCP to be used"
)


def guarded(path: str, doors: tuple[str, ...] = DOORS) -> bool:
    """Whether a request path is one of the doors' (`/v1`, `/v1/models`; not `/v1x`)."""
    return any(path == door or path.startswith(door + "/") for door in doors)


def bearer(headers: list[tuple[bytes, bytes]]) -> bytes | None:
    """The token of an `Authorization: Bearer <token>` header (None when there is no such header)."""
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _, token = value.strip().partition(b" ")
            return token.strip() if scheme.lower() == b"bearer" and token.strip() else None
    return None


def refusal(given: bytes | None, token: SecretStr | None, login: bool) -> str | None:
    """Why a request with this Bearer token (None: none sent) is refused; None when it may pass."""
    if token is None:
        return CLOSED if login else None
    if given is None:
        return MISSING
    # constant time: how long the compare takes says nothing of how much of the token was right
    return None if hmac.compare_digest(given, token.get_secret_value().encode()) else WRONG


def error_body(message: str, kind: str = "invalid_request_error", code: str | None = None) -> dict[str, Any]:
    """An error as OpenAI's API gives one: `{"error": {"message", "type", "param", "code"}}`."""
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class TokenGate:
    """ASGI middleware: a request to one of the `doors` passes only as `refusal` allows, and with a body of at
    most `most` bytes (413 when it says more; ended once it sends more); others pass as they are."""

    def __init__(
        self,
        app: ASGIApp,
        token: SecretStr | None = None,
        login: bool = False,
        doors: tuple[str, ...] = DOORS,
        most: int = DOOR_BODY,
    ) -> None:
        self.app = app
        self.most = most
        self.token = token
        self.login = login
        self.doors = doors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        door = guarded(path, self.doors)
        reason = refusal(bearer(scope["headers"]), self.token, self.login) if door else None
        if reason is None and door and scope["type"] == "http":
            if declared(scope["headers"]) > self.most:
                await _refuse(send, 413, f"the request is too large (at most {self.most:,} bytes)", "too_large")
            else:
                await self.app(scope, capped(receive, self.most), send)
        elif reason is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "not authorized"})
        else:
            await _refuse(send, 401, reason, "invalid_api_key", [(b"www-authenticate", b'Bearer realm="briefing"')])


def declared(headers: list[tuple[bytes, bytes]]) -> int:
    """The body's length a request says (its Content-Length; 0 when it says none)."""
    for name, value in headers:
        if name.lower() == b"content-length":
            return int(value) if value.strip().isdigit() else 0
    return 0


def capped(receive: Receive, most: int) -> Receive:
    """`receive` that ends the request (as a client gone) once its body passed `most` bytes: a body sent
    in chunks says no length up front, and is never read whole."""
    seen = 0

    async def read() -> Any:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > most:
                return {"type": "http.disconnect"}
        return message

    return read


async def _refuse(
    send: Send, status: int, message: str, code: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(error_body(message, code=code)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def token_gate(settings: Settings) -> Middleware:
    """The middleware for the server's app (Gradio's `launch(app_kwargs={"middleware": [...]})`)."""
    return Middleware(TokenGate, token=settings.api_token, login=settings.auth is not None)
