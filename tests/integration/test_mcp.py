"""The MCP tools for real: the official `mcp` SDK's client against `briefing serve --mcp` (streamable HTTP at
/gradio_api/mcp/) and against `briefing mcp` (stdio), on the seed article with the real MiniLM model."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest

from briefing.ui.tools import NAMES, WRITE_OFF
from tests.conftest import ROOT
from tests.servers import briefing_page, offline_env

TOKEN = "test-token-0123456789abcdef"  # BRIEFING_API_TOKEN of the page under test
YELNYA = "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border."
Body = Callable[[Any], Awaitable[Any]]


def over_http(url: str, token: str | None = TOKEN) -> Callable[[], AbstractAsyncContextManager[Any]]:
    """Connections to the page's MCP server, sending `token` as the docs' client config does."""
    import httpx
    from mcp.client.streamable_http import streamable_http_client

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    wait = httpx.Timeout(30, read=300)  # the SDK's own (httpx's 5 s default leaves its client waiting for ever)
    address = f"{url}gradio_api/mcp/"
    return lambda: streamable_http_client(address, http_client=httpx.AsyncClient(headers=headers, timeout=wait))


def over_stdio(env: dict[str, str]) -> Callable[[], AbstractAsyncContextManager[Any]]:
    from mcp import StdioServerParameters
    from mcp.client.stdio import stdio_client

    command = StdioServerParameters(command=sys.executable, args=["-m", "briefing", "mcp"], env=env, cwd=ROOT)
    return lambda: stdio_client(command)


def session(connect: Callable[[], AbstractAsyncContextManager[Any]], body: Body) -> Any:
    """What `body(session)` returns, run in an MCP client session opened with `connect`."""
    from mcp import ClientSession

    async def main() -> Any:
        async with connect() as streams, ClientSession(streams[0], streams[1]) as opened:
            await opened.initialize()
            return await body(opened)

    return asyncio.run(main())


def call(connect: Callable[[], AbstractAsyncContextManager[Any]], tool: str, **arguments: Any) -> Any:
    async def body(s: Any) -> Any:
        return await s.call_tool(tool, arguments)

    return session(connect, body)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mcp-stdio")
    cli = [sys.executable, "-m", "briefing.cli", "ingest", str(ROOT / "seeds")]
    subprocess.run(cli, env=offline_env(folder), check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`briefing serve --mcp` on the seed, with an API token."""
    folder = tmp_path_factory.mktemp("mcp-page")
    env = {**offline_env(folder), "BRIEFING_API_TOKEN": TOKEN}
    with briefing_page(folder, env, ingest=[ROOT / "seeds"], args=["--mcp"]) as served_at:
        yield served_at


@pytest.fixture(scope="module")
def page(url: str) -> Callable[[], AbstractAsyncContextManager[Any]]:
    return over_http(url)


@pytest.fixture(scope="module")
def stdio(store: Path) -> Callable[[], AbstractAsyncContextManager[Any]]:
    return over_stdio(offline_env(store))


@pytest.fixture(params=["page", "stdio"])
def server(request: pytest.FixtureRequest) -> Callable[[], AbstractAsyncContextManager[Any]]:
    return request.getfixturevalue(request.param)


def text_of(result: Any) -> list[str]:
    return [c.text for c in result.content]


def test_the_five_tools_are_listed_and_described(server) -> None:
    async def body(s: Any) -> Any:
        return (await s.list_tools()).tools

    tools = {t.name: t for t in session(server, body)}
    assert sorted(tools) == sorted(NAMES)
    ask = tools["ask"]
    assert "[n]" in ask.description and ask.inputSchema["required"] == ["question"]
    assert "plain language" in ask.inputSchema["properties"]["question"]["description"]
    assert tools["search"].inputSchema["properties"]["k"]["type"] == "integer"


def test_ask_answers_from_the_yelnya_passage_with_its_citation_and_sources(server) -> None:
    result = call(server, "ask", question="Where is Russia's 41st army stationed?")
    assert not result.isError
    text, data = text_of(result)
    assert "Yelnya" in text and "[1]" in text and "## Sources" in text and f"> {YELNYA}" in text
    got = result.structuredContent
    assert got["short_answer"] == "Yelnya" and got["claims"][0]["citations"] == [1]
    assert YELNYA in got["sources"][0]["quotes"] and got["sources"][0]["date"] == "2021-11-27"
    assert '"short_answer": "Yelnya"' in data


def test_brief_search_and_get_article(server) -> None:
    brief = call(server, "brief", topic="troops on the border")
    assert not brief.isError and "## Bottom line" in text_of(brief)[0] and "[1]" in text_of(brief)[0]
    assert brief.structuredContent["parts"][0]["title"] == "Bottom line"
    found = call(server, "search", query="41st army Yelnya", k=3)
    passages = found.structuredContent["passages"]
    assert not found.isError and len(passages) == 3 and "Yelnya" in passages[0]["text"]
    article = call(server, "get_article", id=passages[0]["article_id"])
    assert not article.isError and YELNYA in article.structuredContent["text"]
    assert article.structuredContent["date"] == "2021-11-27"


def test_a_bad_argument_is_a_clear_tool_error_and_the_server_keeps_serving(server) -> None:
    async def body(s: Any) -> Any:
        return [
            await s.call_tool("search", {"query": "army", "k": "many"}),
            await s.call_tool("get_article", {"id": "no-such-article"}),
            await s.call_tool("ask", {"question": "Troops?", "since": "not a date"}),
            await s.call_tool("ask", {"question": "How many troops has Russia stationed on the border?"}),
        ]

    wrong_k, no_article, bad_date, fine = session(server, body)
    assert wrong_k.isError and "integer" in text_of(wrong_k)[0]
    assert no_article.isError and "no article with id 'no-such-article'" in text_of(no_article)[0]
    assert bad_date.isError and "not a date" in text_of(bad_date)[0] and "Traceback" not in text_of(bad_date)[0]
    assert not fine.isError and "90,000" in text_of(fine)[0]


def test_ingest_text_stores_an_article_the_other_tools_then_find(page) -> None:
    text = "Engineers of the 41st army built a pontoon bridge over the Dnieper near Smolensk on Sunday."
    stored = call(page, "ingest_text", text=text, title="Bridge", date="2021-11-28", source="Wire")
    assert not stored.isError and text_of(stored)[0].startswith("1 added")
    found = call(page, "search", query="pontoon bridge Dnieper", k=1)
    assert found.structuredContent["passages"][0]["article_id"] == stored.structuredContent["id"]


def test_with_writing_switched_off_ingest_text_is_refused(store: Path) -> None:
    stdio = over_stdio({**offline_env(store), "BRIEFING_MCP_WRITE": "0"})
    refused = call(stdio, "ingest_text", text="Troops moved north on Monday, officials said.")
    assert refused.isError and WRITE_OFF in text_of(refused)[0]
    found = call(stdio, "search", query="troops moved north Monday", k=5)
    assert all("moved north on Monday" not in p["text"] for p in found.structuredContent["passages"])


def test_without_the_token_the_page_s_mcp_server_answers_401(url: str) -> None:
    import httpx

    hello = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    accept = {"Accept": "application/json, text/event-stream"}
    for headers in ({}, {"Authorization": "Bearer not-the-token-at-all"}):
        refused = httpx.post(f"{url}gradio_api/mcp/", json=hello, headers={**accept, **headers}, timeout=30)
        assert refused.status_code == 401 and "BRIEFING_API_TOKEN" in refused.json()["error"]["message"]
    with pytest.raises(Exception) as failed:  # the SDK's client cannot even start a session
        session(over_http(url, token=None), lambda s: s.list_tools())
    assert "401" in repr(failed.value) or "Unauthorized" in repr(failed.value), repr(failed.value)


# --- docs/mcp.md's examples, run as written (the paths, the port and the token made this test's) -----------

DOC = (ROOT / "docs" / "mcp.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def doc_blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC) if lang == kind]


def test_the_claude_desktop_config_starts_briefing_mcp_as_shown(store: Path) -> None:
    config = next(json.loads(b) for b in doc_blocks("json") if "command" in b)["mcpServers"]["briefing"]
    assert Path(config["command"]).name == "briefing" and config["args"][-1] == "mcp"
    command = str(Path(sys.executable).parent / "briefing")  # the full path of the installed command
    args = [str(store / "store") if a.endswith("/vectorstore") else a for a in config["args"]]
    env = {k: v for k, v in offline_env(store).items() if k != "BRIEFING_STORE_DIR"} | config["env"]

    from mcp import StdioServerParameters
    from mcp.client.stdio import stdio_client

    desktop = StdioServerParameters(command=command, args=args, env=env)

    async def body(s: Any) -> Any:
        listed = [t.name for t in (await s.list_tools()).tools]
        answer = await s.call_tool("ask", {"question": "Where is Russia's 41st army stationed?"})
        refused = await s.call_tool("ingest_text", {"text": "Troops moved north on Monday, officials said."})
        return listed, answer, refused

    listed, answer, refused = session(lambda: stdio_client(desktop), body)
    assert sorted(listed) == sorted(NAMES)
    assert "Yelnya" in text_of(answer)[0] and "[1]" in text_of(answer)[0]
    assert refused.isError and "BRIEFING_MCP_WRITE=0" in text_of(refused)[0]


def test_the_url_config_reaches_the_page_s_tools_with_its_token_header(url: str) -> None:
    import httpx
    from mcp.client.streamable_http import streamable_http_client

    config = next(json.loads(b) for b in doc_blocks("json") if '"url"' in b)["mcpServers"]["briefing"]
    assert config["url"] == "http://127.0.0.1:7860/gradio_api/mcp/"
    address = config["url"].replace("http://127.0.0.1:7860/", url)
    headers = {k: v.replace("${BRIEFING_API_TOKEN}", TOKEN) for k, v in config["headers"].items()}

    async def body(s: Any) -> Any:
        return [t.name for t in (await s.list_tools()).tools]

    wait = httpx.Timeout(30, read=300)
    connect = lambda: streamable_http_client(address, http_client=httpx.AsyncClient(headers=headers, timeout=wait))  # noqa: E731
    assert sorted(session(connect, body)) == sorted(NAMES)


def test_the_python_example_runs_against_the_page(url: str, tmp_path: Path) -> None:
    (code,) = doc_blocks("python")
    script = tmp_path / "example.py"
    script.write_text(code.replace("http://127.0.0.1:7860/", url), encoding="utf-8")
    env = {**offline_env(tmp_path), "BRIEFING_API_TOKEN": TOKEN}
    run = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == str(list(NAMES))
    assert lines[1].startswith("**Yelnya** (single source) — Russia’s 41st army has been stationed in Yelnya")
    assert "## Sources" in run.stdout
    assert re.search(r"^1 [0-9a-f]{16} Amid border tensions .* 2021-11-27 $", run.stdout, re.M)


def test_the_sh_example_is_what_the_page_under_test_runs() -> None:
    (sh,) = doc_blocks("sh")
    assert "export BRIEFING_API_TOKEN=" in sh and "\nbriefing serve --mcp\n" in sh


def test_clients_at_once_each_get_the_answer_to_their_own_question(url: str) -> None:
    questions = [
        "Where is Russia's 41st army stationed?",
        "How many troops has Russia stationed on the border?",
        "Who is the NATO Secretary-General?",
        "What did Lloyd Austin say?",
    ] * 3

    async def one(question: str) -> Any:
        from mcp import ClientSession

        async with over_http(url)() as streams, ClientSession(streams[0], streams[1]) as s:
            await s.initialize()
            return await s.call_tool("ask", {"question": question})

    async def main() -> list[Any]:
        return list(await asyncio.gather(*(one(q) for q in questions)))

    answers = asyncio.run(main())
    assert [a.isError for a in answers] == [False] * len(questions)
    assert [a.structuredContent["question"] for a in answers] == questions
    assert all("Yelnya" in a.content[0].text for a in answers[::4])
