"""Exposure and secrets: the page stays on this machine unless a login is set (or --insecure is given),
and the API key never shows: not in any command's output, message, `doctor`, settings dump or traceback.

The key is a marker (`sk-test-MARKER-…`); the `openai` engine points at a closed local port (the call
fails the way a down server does) or at a local server that echoes the key back in its error.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import openai
import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.config import Settings
from briefing.errors import LLMError
from briefing.models.failures import explain
from tests.conftest import SEED
from tests.fakes import WordEmbeddings
from tests.servers import free_port, listening

MARKER = f"sk-test-MARKER-{secrets.token_hex(8)}"


# --- who may reach the page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "auth", "insecure", "starts"),
    [
        ("127.0.0.1", None, False, True),
        ("localhost", None, False, True),
        ("::1", None, False, True),
        ("127.0.0.2", None, False, True),
        ("0.0.0.0", None, False, False),
        ("::", None, False, False),
        ("192.168.1.20", None, False, False),
        ("analyst-box.example", None, False, False),
        ("0.0.0.0", "ann:secret-pw", False, True),
        ("0.0.0.0", None, True, True),
    ],
)
def test_serve_beyond_this_machine_needs_a_login_or_insecure(
    host: str, auth: str | None, insecure: bool, starts: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    served: list[str] = []
    monkeypatch.setattr("briefing.ui.serve", lambda rt, host, port, share, insecure: served.append(host))
    if auth:
        monkeypatch.setenv("BRIEFING_AUTH", auth)
    args = ["--store", str(tmp_path / "store"), "serve", "--host", host, *(["--insecure"] if insecure else [])]
    result = CliRunner().invoke(cli, args)
    if starts:
        assert result.exit_code == 0 and served == [host], result.output
        assert ("without a login (--insecure)" in result.output) == insecure
    else:
        assert result.exit_code == 2 and served == []
        assert f"--host {host} would let other machines use the page without a login" in result.output
        assert "BRIEFING_AUTH=user:password" in result.output and "--insecure" in result.output


@pytest.mark.parametrize(
    ("host", "auth", "insecure", "starts"),
    [
        ("0.0.0.0", None, False, False),
        ("192.0.2.7", None, False, False),
        ("0.0.0.0", "ann:secret-pw", False, True),
        ("0.0.0.0", None, True, True),
        ("127.0.0.1", None, False, True),
    ],
)
def test_serving_from_python_refuses_other_machines_without_a_login(
    host: str, auth: str | None, insecure: bool, starts: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The refusal is the page's own: a script calling `briefing.ui.serve` meets it as the CLI does."""
    import briefing.ui.app

    built: list[str] = []
    monkeypatch.setattr(briefing.ui.app, "build", lambda rt: built.append(host) or _NoPage())
    if auth:
        monkeypatch.setenv("BRIEFING_AUTH", auth)
    rt = briefing.Runtime(briefing.Settings(store_dir=tmp_path / "store"), embedder=WordEmbeddings())
    if starts:
        briefing.ui.serve(rt, host=host, insecure=insecure)
        assert built == [host]
        return
    with pytest.raises(briefing.BriefingError) as refused:
        briefing.ui.serve(rt, host=host, insecure=insecure)
    assert str(refused.value) == (
        f"serving on {host} would let other machines use the page without a login: set "
        "BRIEFING_AUTH=user:password (or a file of such lines), or pass insecure=True to serve it open anyway"
    )
    assert built == []


class _NoPage:
    """Stands in for the built page: queue() and launch() do nothing."""

    def queue(self, **_: object) -> _NoPage:
        return self

    def launch(self, **_: object) -> None:
        return None


def test_a_real_serve_on_all_interfaces_without_login_refuses_to_start(tmp_path: Path) -> None:
    port = free_port()
    env = {**_clean_env(), "BRIEFING_STORE_DIR": str(tmp_path / "store")}
    command = [sys.executable, "-m", "briefing.cli", "serve", "--host", "0.0.0.0", "--port", str(port)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "would let other machines use the page without a login" in done.stderr
    assert not listening(port)()


# --- the key never shows ---------------------------------------------------------------------------------


def _clean_env() -> dict[str, str]:
    drop = ("CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL")
    return {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_") and k not in drop}


def marked_env(store: Path, base_url: str) -> dict[str, str]:
    """The `openai` engine with the marker key, against `base_url`; fake embeddings (no model to load)."""
    return {
        **_clean_env(),
        "BRIEFING_STORE_DIR": str(store),
        "BRIEFING_EMBEDDER": "words",
        "BRIEFING_ENGINE": "openai",
        "BRIEFING_PROGRESS": "false",
        "BRIEFING_LLM_MAX_RETRIES": "0",
        "BRIEFING_LLM_TIMEOUT": "10",
        "OPENAI_API_KEY": MARKER,
        "OPENAI_BASE_URL": base_url,
    }


def _briefing(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "briefing.cli", *args]
    return subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture
def echo_server() -> Iterator[str]:
    """An OpenAI-compatible server that refuses every call with a 500 whose message repeats the key it got."""

    class Echo(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            said = self.headers.get("Authorization", "")
            body = json.dumps({"error": {"message": f"internal error for {said}", "type": "server_error"}}).encode()
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


@pytest.mark.parametrize("server", ["closed port", "echoes the key"])
def test_the_key_never_shows_in_command_output(server: str, echo_server: str, tmp_path: Path) -> None:
    base_url = f"http://127.0.0.1:{free_port()}/v1" if server == "closed port" else echo_server
    env = marked_env(tmp_path / "store", base_url)
    runs = {
        "ingest": _briefing(env, "ingest", str(SEED)),
        "ask": _briefing(env, "ask", "Where is Russia's 41st army stationed?"),
        "ask --json": _briefing(env, "ask", "--json", "How many troops are on the border?"),
        "brief": _briefing(env, "brief", "troops"),
        "chat": _briefing(env, "chat", stdin="Where is the 41st army?\n\n"),
        "doctor": _briefing(env, "doctor"),
        "stats": _briefing(env, "stats"),
        "bad setting": _briefing({**env, "BRIEFING_TEMPERATURE": "9"}, "ask", "Troops?"),
    }
    for name, done in runs.items():
        assert MARKER not in done.stdout + done.stderr, f"`briefing {name}` shows the key"
        assert "sk-test-MARKER" not in done.stdout + done.stderr, name
    assert runs["ingest"].returncode == 0
    says = "cannot reach" if server == "closed port" else "answered 500"
    for name in ("ask", "ask --json", "brief", "chat"):  # each really called the model, and failed
        assert says in runs[name].stderr, f"{name}: {runs[name].stderr[-500:]}"
    assert "FAIL" in runs["doctor"].stdout and "engine" in runs["doctor"].stdout
    if server == "echoes the key":
        assert "Bearer ***" in runs["ask"].stderr  # the server's message is shown, the key in it is not


def _status(cls: type[openai.APIStatusError], code: int, message: str) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1:1/v1/chat/completions")
    return cls(message, response=httpx.Response(code, request=request), body=None)


@pytest.mark.parametrize(
    "error",
    [
        _status(openai.InternalServerError, 500, f"no such key {MARKER}"),
        _status(openai.BadRequestError, 400, f"context too long for {MARKER}"),
        _status(openai.UnprocessableEntityError, 422, f"Bearer {MARKER} is malformed"),
        openai.APIConnectionError(message=f"proxy refused {MARKER}", request=httpx.Request("POST", "http://x")),
        RuntimeError(f"unexpected {MARKER}"),
        LLMError(f"the model said {MARKER}"),
    ],
    ids=["500", "400", "422", "connection", "other", "ours"],
)
def test_model_errors_never_repeat_the_key(error: Exception) -> None:
    message = str(explain(error, Settings(openai_api_key=MARKER)))
    assert MARKER not in message and "***" in message


def test_settings_and_tracebacks_never_show_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", MARKER)
    monkeypatch.setenv("BRIEFING_AUTH", "ann:page-password-9")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("BRIEFING_LLM_MAX_RETRIES", "0")
    settings = Settings(store_dir=tmp_path / "store", embedder="words", progress=False)
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == MARKER
    shown = [repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())]
    with pytest.raises(ValueError) as bad:
        Settings(temperature=9)
    shown.append(str(bad.value))
    rt = briefing.Runtime(settings)
    briefing.ingest([SEED], runtime=rt)
    with pytest.raises(LLMError) as failed:
        briefing.ask("Where is the 41st army?", runtime=rt)
    shown += ["".join(traceback.format_exception(failed.value)), repr(rt.engine), repr(vars(rt.engine))]
    shown += [str(check) for check in briefing.doctor(runtime=rt)]
    assert "cannot reach" in str(failed.value)
    for text in shown:
        assert MARKER not in text and "page-password-9" not in text
