"""The API doors' Bearer token (briefing/ui/tokens.py): which paths it guards, how the header is read, who
passes, and the middleware's answers in front of a small app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

import briefing
from briefing.config import get_settings
from briefing.errors import SettingsError
from briefing.ui.app import doors_exposed
from briefing.ui.tokens import CLOSED, MISSING, WRONG, TokenGate, bearer, guarded, refusal, token_gate

TOKEN = "t0ken-for-the-tests-0123456789"


@pytest.mark.parametrize(
    ("path", "guards"),
    [
        ("/v1", True),
        ("/v1/models", True),
        ("/v1/chat/completions", True),
        ("/gradio_api/mcp", True),
        ("/gradio_api/mcp/", True),
        ("/gradio_api/mcp/sse", True),
        ("/v1x", False),
        ("/", False),
        ("/gradio_api/info", False),
        ("/gradio_api/mcpx", False),
        ("/static/v1/app.js", False),
    ],
)
def test_the_doors_are_the_api_and_mcp_paths(path: str, guards: bool) -> None:
    assert guarded(path) is guards


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        ([(b"authorization", b"Bearer abc")], b"abc"),
        ([(b"Authorization", b"bearer  abc ")], b"abc"),
        ([(b"authorization", b"Basic YW5uOnB3")], None),
        ([(b"authorization", b"Bearer ")], None),
        ([(b"authorization", b"abc")], None),
        ([(b"x-api-key", b"abc")], None),
        ([], None),
    ],
)
def test_the_bearer_token_is_read_from_the_authorization_header(
    headers: list[tuple[bytes, bytes]], token: bytes | None
) -> None:
    assert bearer(headers) == token


@pytest.mark.parametrize(
    ("given", "token", "login", "reason"),
    [
        (TOKEN.encode(), TOKEN, False, None),
        (TOKEN.encode(), TOKEN, True, None),
        (None, TOKEN, False, MISSING),
        (b"wrong-token-0123456789", TOKEN, False, WRONG),
        (TOKEN.encode()[:-1], TOKEN, False, WRONG),
        (None, None, False, None),  # no token, no login: open, as the page is (serve keeps it on loopback)
        (b"anything", None, False, None),
        (None, None, True, CLOSED),  # a page login and no token: closed, never open
        (b"anything", None, True, CLOSED),
    ],
)
def test_who_passes(given: bytes | None, token: str | None, login: bool, reason: str | None) -> None:
    assert refusal(given, SecretStr(token) if token else None, login) == reason


def _app(**gate: object) -> TestClient:
    async def ok(_: object) -> PlainTextResponse:
        return PlainTextResponse("through")

    inner = Starlette(routes=[Route("/v1/models", ok), Route("/", ok), Route("/gradio_api/mcp/", ok)])
    app = Starlette(routes=[Mount("/", inner)])
    app.add_middleware(TokenGate, **gate)  # type: ignore[arg-type]
    return TestClient(app)


def test_the_gate_refuses_a_missing_or_wrong_token_as_openai_does_and_lets_the_page_through() -> None:
    client = _app(token=SecretStr(TOKEN))
    for path in ("/v1/models", "/gradio_api/mcp/"):
        missing = client.get(path)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        assert missing.json() == {
            "error": {"message": MISSING, "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}
        }
        wrong = client.get(path, headers={"Authorization": "Bearer not-the-token-at-all"})
        assert wrong.status_code == 401 and wrong.json()["error"]["message"] == WRONG
        assert TOKEN not in wrong.text
        right = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200 and right.text == "through"
    assert client.get("/").text == "through"  # the page is the login's (BRIEFING_AUTH), not the token's


def test_a_login_without_a_token_closes_the_doors_and_neither_opens_them() -> None:
    closed = _app(token=None, login=True).get("/v1/models", headers={"Authorization": "Bearer whatever-it-is"})
    assert closed.status_code == 401 and closed.json()["error"]["message"] == CLOSED
    assert _app(token=None, login=False).get("/v1/models").text == "through"


def test_the_middleware_reads_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_API_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFING_AUTH", "ann:secret-pw")
    gate = token_gate(get_settings())
    assert gate.cls is TokenGate
    assert gate.kwargs["token"].get_secret_value() == TOKEN and gate.kwargs["login"] is True


@pytest.mark.parametrize("value", ["short-token", "has a space in it 0123", "tab\there-0123456789"])
def test_a_weak_or_spaced_token_is_refused_and_never_repeated(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_API_TOKEN", value)
    with pytest.raises(SettingsError) as refused:
        get_settings()
    assert "BRIEFING_API_TOKEN" in str(refused.value) and value not in str(refused.value)


def test_the_token_is_never_shown_in_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_API_TOKEN", TOKEN)
    settings = get_settings()
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())


@pytest.mark.parametrize(
    ("host", "token", "share", "exposed"),
    [
        ("127.0.0.1", None, False, False),
        ("0.0.0.0", None, False, True),
        ("0.0.0.0", TOKEN, False, False),
        ("127.0.0.1", None, True, True),  # a share link reaches the world through this machine
        ("127.0.0.1", TOKEN, True, False),
    ],
)
def test_the_doors_off_this_machine_need_a_token(host: str, token: str | None, share: bool, exposed: bool) -> None:
    settings = briefing.Settings(api_token=token)  # type: ignore[arg-type]
    assert doors_exposed(host, settings, share) is exposed


class _NoPage:
    def __init__(self) -> None:
        self.launched: dict[str, object] = {}

    def queue(self, **_: object) -> _NoPage:
        return self

    def launch(self, **kwargs: object) -> None:
        self.launched = kwargs


def test_serve_refuses_the_api_off_this_machine_without_a_token_and_installs_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.ui.app
    from tests.fakes import WordEmbeddings

    page = _NoPage()
    monkeypatch.setattr(briefing.ui.app, "build", lambda rt: page)
    settings = briefing.Settings(store_dir=tmp_path / "s", auth="ann:secret-pw", openai_api=True)  # type: ignore[arg-type]
    rt = briefing.Runtime(settings, embedder=WordEmbeddings())
    with pytest.raises(briefing.BriefingError) as refused:
        briefing.ui.serve(rt, host="0.0.0.0")
    assert "serving the API on 0.0.0.0 would let other machines use it without a token" in str(refused.value)
    assert page.launched == {}
    briefing.ui.serve(rt, host="127.0.0.1")
    (gate,) = page.launched["app_kwargs"]["middleware"]  # type: ignore[index]
    assert gate.cls is TokenGate and gate.kwargs["login"] is True


@pytest.mark.parametrize(
    ("args", "token", "starts"),
    [
        (["--api", "--host", "0.0.0.0"], None, False),
        (["--api", "--host", "0.0.0.0"], TOKEN, True),
        (["--api", "--share"], None, False),
        (["--api"], None, True),  # this machine only: open, as the page is
        (["--api", "--host", "0.0.0.0", "--insecure"], None, True),
        (["--host", "0.0.0.0"], None, True),  # no API: the page's login is enough
    ],
)
def test_the_command_refuses_the_api_where_others_could_use_it_without_a_token(
    args: list[str], token: str | None, starts: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    served: list[bool] = []
    monkeypatch.setattr("briefing.ui.serve", lambda rt, **_: served.append(rt.settings.openai_api))
    monkeypatch.setenv("BRIEFING_AUTH", "ann:secret-pw")
    if token:
        monkeypatch.setenv("BRIEFING_API_TOKEN", token)
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "serve", *args])
    if starts:
        assert result.exit_code == 0 and served == ["--api" in args], result.output
        assert ("OpenAI-compatible API on http://" in result.output) == ("--api" in args)
    else:
        assert result.exit_code == 2 and served == [] and "briefing page on" not in result.output
        assert "would let other machines use it without a token: set BRIEFING_API_TOKEN" in result.output


def test_a_door_refuses_a_body_larger_than_it_takes() -> None:
    """MCP had no size limit (only `/v1` refused over 1 MB): a request saying it sends more than the gate's
    `most` is refused (413) before it is read, one sending more in chunks is ended there; the page's own
    paths are not the gate's to limit."""
    seen: list[int] = []

    async def read(request: Request) -> PlainTextResponse:
        try:
            body = await request.body()
        except ClientDisconnect:
            seen.append(-1)
            return PlainTextResponse("ended")
        seen.append(len(body))
        return PlainTextResponse("through")

    inner = Starlette(routes=[Route("/gradio_api/mcp/", read, methods=["POST"]), Route("/", read, methods=["POST"])])
    app = Starlette(routes=[Mount("/", inner)])
    app.add_middleware(TokenGate, token=None, most=1_000)  # type: ignore[arg-type]
    client = TestClient(app)
    refused = client.post("/gradio_api/mcp/", content=b"x" * 1_001)
    assert refused.status_code == 413 and "at most 1,000 bytes" in refused.json()["error"]["message"]
    assert seen == []  # never read
    assert client.post("/gradio_api/mcp/", content=b"x" * 1_000).text == "through"

    def chunks() -> Iterator[bytes]:
        yield from [b"y" * 600, b"y" * 600]

    assert client.post("/gradio_api/mcp/", content=chunks()).text == "ended"  # no length said: cut at the cap
    assert client.post("/", content=b"z" * 5_000).text == "through"
    assert seen == [1_000, -1, 5_000]
