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
    """ASGI middleware: a request to one of the `doors` passes only as `refusal` allows; others pass as they are."""

    def __init__(
        self, app: ASGIApp, token: SecretStr | None = None, login: bool = False, doors: tuple[str, ...] = DOORS
    ) -> None:
        self.app = app
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
        reason = refusal(bearer(scope["headers"]), self.token, self.login) if guarded(path, self.doors) else None
        if reason is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "not authorized"})
        else:
            body = json.dumps(error_body(reason, code="invalid_api_key")).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="briefing"'),
            ]
            await send({"type": "http.response.start", "status": 401, "headers": headers})
            await send({"type": "http.response.body", "body": body})


def token_gate(settings: Settings) -> Middleware:
    """The middleware for the server's app (Gradio's `launch(app_kwargs={"middleware": [...]})`)."""
    return Middleware(TokenGate, token=settings.api_token, login=settings.auth is not None)
