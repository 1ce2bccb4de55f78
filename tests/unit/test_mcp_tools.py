"""The MCP tools (briefing/ui/tools.py) as plain functions, and as the page's MCP server lists them; with the
fake embedding and a tmp_path store."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

import briefing
from briefing.ui import Handlers, build
from briefing.ui.mcp_servers import stdio_server
from briefing.ui.tools import NAMES, WRITE_OFF, Tools
from tests.conftest import SEED
from tests.fakes import WordEmbeddings


@pytest.fixture
def handlers(fake_runtime: briefing.Runtime) -> Handlers:
    briefing.ingest([SEED], runtime=fake_runtime)
    return Handlers(fake_runtime)


def tools(handlers: Handlers, write: bool = True) -> dict:
    return {fn.__name__: fn for fn in Tools(handlers, write=write).functions()}


def test_the_five_tools_are_named_and_documented_for_a_model(handlers: Handlers) -> None:
    found = tools(handlers)
    assert tuple(found) == NAMES
    for fn in found.values():
        assert fn.__doc__ and "Args:" in fn.__doc__ and "Returns:" in fn.__doc__


def test_ask_gives_the_cited_answer_its_sources_and_the_same_as_data(handlers: Handlers) -> None:
    text, data = tools(handlers)["ask"]("Where is the 41st army stationed?")
    assert "Yelnya" in text and "[1]" in text and "## Sources" in text
    got = json.loads(data)
    assert got["declined"] is False and got["short_answer"] == "Yelnya"
    assert got["claims"][0]["citations"] == [1] and "Yelnya" in got["claims"][0]["text"]
    source = got["sources"][0]
    assert source["number"] == 1 and source["date"] == "2021-11-27" and source["quotes"]
    assert briefing.article(source["id"], runtime=handlers.rt).date == "2021-11-27"  # an id get_article takes


def test_brief_gives_its_parts_with_report_counts_and_writes_nothing(handlers: Handlers) -> None:
    text, data = tools(handlers)["brief"]("troops")
    got = json.loads(data)
    assert "## Bottom line" in text and "[1]" in text and got["parts"][0]["title"] == "Bottom line"
    assert all("reports" in c for part in got["parts"] for c in part["claims"]) and got["sources"][0]["id"]
    assert briefing.briefs(runtime=handlers.rt) == []  # a tool call keeps no brief in the history


def test_search_gives_passages_with_ids_outlet_and_date(handlers: Handlers) -> None:
    text, data = tools(handlers)["search"]("41st army Yelnya", 2)
    passages = json.loads(data)["passages"]
    assert len(passages) == 2 and "Yelnya" in passages[0]["text"]
    assert {p["article_id"] for p in passages} == {briefing.list_articles(runtime=handlers.rt)[0].id}
    assert passages[0]["date"] == "2021-11-27" and passages[0]["id"]
    assert f"(article id `{passages[0]['article_id']}`)" in text


def test_get_article_gives_the_article_whole(handlers: Handlers) -> None:
    stored = briefing.list_articles(runtime=handlers.rt)[0]
    text, data = tools(handlers)["get_article"](stored.id)
    assert json.loads(data)["id"] == stored.id and "Yelnya" in json.loads(data)["text"]
    assert text.startswith("# Amid border tensions") and "Yelnya" in text


@pytest.mark.parametrize(
    ("tool", "args", "said"),
    [
        ("ask", ("   ",), "the question is empty"),
        ("ask", ("Troops?", "not a date"), "not a date"),
        ("ask", ("Troops?", "", "", "", "no-such-desk"), "no collection 'no-such-desk'"),
        ("search", ("",), "the query is empty"),
        ("search", ("army", 0), "k must be from 1 to 50"),
        ("get_article", ("nope",), "no article with id 'nope'"),
        ("brief", ("", "", "", "someday"), "someday"),
        ("ingest_text", ("  ",), "the article's text is empty"),
    ],
)
def test_a_wrong_argument_is_a_briefing_error_that_says_what_to_change(handlers, tool, args, said) -> None:
    with pytest.raises(briefing.BriefingError, match=said):
        tools(handlers)[tool](*args)


def test_a_failure_is_named_without_its_traceback(handlers: Handlers, monkeypatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise KeyError("chunks")

    monkeypatch.setattr(briefing, "search", broken)
    with pytest.raises(briefing.BriefingError, match=r"something went wrong \(KeyError: 'chunks'\)") as caught:
        tools(handlers)["search"]("army")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_ingest_text_stores_an_article_unless_writing_is_off(handlers: Handlers) -> None:
    text = "Troops were seen moving north of Yelnya on Monday, officials said."
    with pytest.raises(briefing.BriefingError) as caught:
        tools(handlers, write=False)["ingest_text"](text, "Troops move", "2021-11-29", "Wire")
    assert str(caught.value) == WRITE_OFF and briefing.stats(runtime=handlers.rt).articles == 1
    said, data = tools(handlers)["ingest_text"](text, "Troops move", "2021-11-29", "Wire", "https://example.org/a")
    assert said.startswith("1 added") and json.loads(data)["added"] == 1
    stored = briefing.article(json.loads(data)["id"], runtime=handlers.rt)
    assert (stored.title, stored.date, stored.source, stored.url) == (
        "Troops move",
        "2021-11-29",
        "Wire",
        "https://example.org/a",
    )


def test_with_mcp_the_page_lists_the_five_tools_and_nothing_else(handlers: Handlers) -> None:
    from gradio.mcp import GradioMCPServer

    page = build(handlers.rt, mcp=True)
    assert sorted(GradioMCPServer(page).tool_to_endpoint) == sorted(NAMES)
    info = page.get_api_info()["named_endpoints"]
    assert sorted(info) == sorted(f"/mcp_{name}" for name in NAMES)
    assert {"/ask", "/brief", "/ingest_text"} <= set(page.get_api_info(all_endpoints=True)["named_endpoints"])
    # the endpoints for scripts are still there, off the API page


def test_without_mcp_the_page_has_no_tools(handlers: Handlers) -> None:
    page = build(handlers.rt)
    assert not any(name.startswith("/mcp_") for name in page.get_api_info(all_endpoints=True)["named_endpoints"])


def over_memory(server: Any, body: Any) -> Any:
    """What `body(session)` returns, with an MCP client session connected to `server` in memory."""
    from mcp.shared.memory import create_connected_server_and_client_session

    async def main() -> Any:
        async with create_connected_server_and_client_session(server) as opened:
            return await body(opened)

    return asyncio.run(main())


def test_the_stdio_server_lists_the_five_tools_described_and_replies_with_structured_content(
    handlers: Handlers,
) -> None:
    async def body(s: Any) -> Any:
        listed = (await s.list_tools()).tools
        return listed, await s.call_tool("ask", {"question": "Where is the 41st army stationed?"})

    listed, answered = over_memory(stdio_server(handlers.rt), body)
    tools = {t.name: t for t in listed}
    assert sorted(tools) == sorted(NAMES)
    assert tools["ask"].inputSchema["properties"]["since"]["description"].startswith("Only articles dated on or after")
    assert tools["ask"].description.startswith("Answer a question from the stored news articles.")
    assert "Returns: the answer in Markdown" in tools["ask"].description
    assert not answered.isError and "Yelnya" in answered.content[0].text
    assert answered.structuredContent == json.loads(answered.content[1].text)
    assert answered.structuredContent["short_answer"] == "Yelnya"


def test_the_stdio_server_refuses_writes_when_switched_off_and_names_a_wrong_argument(
    fake_runtime: briefing.Runtime,
) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    off = briefing.Runtime(fake_runtime.settings.model_copy(update={"mcp_write": False}), embedder=WordEmbeddings())

    async def body(s: Any) -> Any:
        return [
            await s.call_tool("ingest_text", {"text": "Troops moved north on Monday, officials said."}),
            await s.call_tool("search", {"query": "army", "k": 99}),
        ]

    refused, wrong = over_memory(stdio_server(off), body)
    assert refused.isError and WRITE_OFF in refused.content[0].text
    assert wrong.isError and "k must be from 1 to 50, not 99" in wrong.content[0].text
    assert briefing.stats(runtime=fake_runtime).articles == 1


def test_serve_refuses_mcp_off_this_machine_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.ui.app
    from tests.unit.test_tokens import _NoPage

    page = _NoPage()
    monkeypatch.setattr(briefing.ui.app, "build", lambda rt: page)
    settings = briefing.Settings(store_dir=tmp_path / "s", auth="ann:secret-pw", mcp=True)  # type: ignore[arg-type]
    with pytest.raises(briefing.BriefingError) as refused:
        briefing.ui.serve(briefing.Runtime(settings, embedder=WordEmbeddings()), host="0.0.0.0")
    assert "serving MCP on 0.0.0.0 would let other machines use it without a token" in str(refused.value)
    assert page.launched == {}


def test_a_tool_call_holds_one_of_the_concurrency_slots_while_it_runs(
    handlers: Handlers, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = Tools(handlers)
    held: list[int] = []

    def search(*_: object, **__: object) -> list[object]:
        held.append(tools._slots._value)  # type: ignore[attr-defined]  # slots free while this call runs
        return []

    monkeypatch.setattr(briefing, "search", search)
    (find,) = [fn for fn in tools.functions() if fn.__name__ == "search"]
    free = handlers.rt.settings.concurrency
    find("army")
    assert held == [free - 1] and tools._slots._value == free  # type: ignore[attr-defined]


def test_a_page_whose_mcp_server_did_not_start_is_an_error_not_a_crash() -> None:
    from types import SimpleNamespace

    from briefing.ui.mcp_servers import structured

    with pytest.raises(briefing.BriefingError, match="the MCP server did not start: no mcp package"):
        structured(SimpleNamespace(mcp_server_obj=None, mcp_error="no mcp package"))


@pytest.mark.parametrize(
    ("args", "env", "starts"),
    [
        (["--mcp", "--host", "0.0.0.0"], {}, False),
        (["--mcp", "--share"], {}, False),
        (["--host", "0.0.0.0"], {"BRIEFING_MCP": "1"}, False),
        (["--mcp", "--host", "0.0.0.0"], {"BRIEFING_API_TOKEN": "test-token-0123456789abcdef"}, True),
        (["--mcp"], {}, True),  # this machine only: open, as the page is
        (["--host", "0.0.0.0"], {}, True),  # no MCP: the page's login is enough
    ],
)
def test_serve_with_mcp_is_refused_where_others_could_use_it_without_a_token(
    args: list[str], env: dict[str, str], starts: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    served: list[bool] = []
    monkeypatch.setattr("briefing.ui.serve", lambda rt, **_: served.append(rt.settings.mcp))
    monkeypatch.setenv("BRIEFING_AUTH", "ann:secret-pw")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    mcp = "--mcp" in args or "BRIEFING_MCP" in env
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "serve", *args])
    if starts:
        assert result.exit_code == 0 and served == [mcp], result.output
        assert ("MCP tools on http://" in result.output) == mcp
    else:
        assert result.exit_code == 2 and served == [] and "briefing page on" not in result.output
        assert "serving MCP on" in result.output and "without a token: set BRIEFING_API_TOKEN" in result.output
