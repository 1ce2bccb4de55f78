"""A password given inside OPENAI_BASE_URL (`http://user:PASS@host/v1`) shows nowhere: not in the page's
header or its configuration (`/config`), not in an error of the page, the command line or the API, not in
`doctor`, `stats` or `chat`. The URL is shown without its `user:password@`."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import httpx
import openai
import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.config import Settings
from briefing.errors import hide_userinfo
from briefing.models.failures import explain
from briefing.ui.handlers import Handlers
from briefing.ui.render import problem
from tests.conftest import SEED
from tests.servers import free_port

PASSWORD = f"PASS-{secrets.token_hex(6)}"


def _url() -> str:
    return f"http://analyst:{PASSWORD}@127.0.0.1:{free_port()}/v1"  # nothing listens there


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("http://user:secret@host:8080/v1", "http://host:8080/v1"),
        ("https://user@host/v1", "https://host/v1"),
        ("http://u:p%40ss@10.0.0.1/v1 and https://a:b@[::1]:9/x", "http://10.0.0.1/v1 and https://[::1]:9/x"),
        ("cannot reach http://a:b@c@host/v1: refused", "cannot reach http://host/v1: refused"),
        ("http://host:8080/v1 (no login)", "http://host:8080/v1 (no login)"),
        ("an email user@example.org stays", "an email user@example.org stays"),
    ],
)
def test_urls_are_shown_without_their_userinfo(given: str, shown: str) -> None:
    assert hide_userinfo(given) == shown


def test_the_command_line_never_shows_the_password(tmp_path: Path) -> None:
    env = {
        "BRIEFING_STORE_DIR": str(tmp_path / "store"),
        "BRIEFING_EMBEDDER": "words",
        "BRIEFING_ENGINE": "openai",
        "BRIEFING_PROGRESS": "false",
        "BRIEFING_LLM_MAX_RETRIES": "0",
        "BRIEFING_LLM_TIMEOUT": "10",
        "OPENAI_BASE_URL": _url(),
    }
    runner = CliRunner()
    runs = {
        "ingest": runner.invoke(cli, ["ingest", str(SEED)], env=env),
        "ask": runner.invoke(cli, ["ask", "Where is Russia's 41st army stationed?"], env=env),
        "brief": runner.invoke(cli, ["brief", "troops"], env=env),
        "chat": runner.invoke(cli, ["chat"], env=env, input="Where is the 41st army?\n\n"),
        "doctor": runner.invoke(cli, ["doctor"], env=env),
        "stats": runner.invoke(cli, ["stats"], env=env),
    }
    for name, done in runs.items():
        assert PASSWORD not in done.output, f"`briefing {name}` shows the password: {done.output[-400:]}"
    assert runs["ingest"].exit_code == 0
    assert "cannot reach http://127.0.0.1:" in runs["ask"].output  # the call failed, and says where
    assert "at http://127.0.0.1:" in runs["stats"].output  # the engine's URL is shown, without the login


def test_the_page_and_the_api_never_show_the_password(tmp_path: Path) -> None:
    from briefing.ui.layout import build

    settings = Settings(
        store_dir=tmp_path / "store",
        embedder="words",
        engine="openai",
        openai_base_url=_url(),
        llm_max_retries=0,
        progress=False,
    )
    rt = briefing.Runtime(settings)
    briefing.ingest([SEED], runtime=rt)
    h = Handlers(rt)
    header = h.status()
    assert "http://127.0.0.1:" in header and PASSWORD not in header
    config = json.dumps(build(rt).get_config_file(), default=str)
    assert "http://127.0.0.1:" in config and PASSWORD not in config
    with pytest.raises(briefing.BriefingError) as failed:
        briefing.ask("Where is the 41st army?", runtime=rt)
    shown = [str(failed.value), problem(failed.value), *(str(check) for check in briefing.doctor(runtime=rt))]
    *_, (chat, _, _) = h.chat("Where is the 41st army?", [], [])
    shown.append(json.dumps(chat))
    assert "cannot reach" in str(failed.value)
    for text in shown:
        assert PASSWORD not in text, text


@pytest.mark.parametrize(
    "error",
    [
        openai.APIConnectionError(message=f"proxy refused {_url()}", request=httpx.Request("POST", "http://x")),
        RuntimeError(f"unexpected: {PASSWORD} at the server"),
    ],
    ids=["url in message", "password alone"],
)
def test_model_errors_never_repeat_the_password(error: Exception) -> None:
    message = str(explain(error, Settings(openai_base_url=_url())))
    assert PASSWORD not in message


def test_an_unexpected_error_on_the_page_hides_a_url_login() -> None:
    assert PASSWORD not in problem(RuntimeError(f"lost {_url()}"))
