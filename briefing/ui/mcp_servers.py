"""The MCP tools (briefing/ui/tools.py) served two ways: on the page by Gradio's MCP server, whose replies
get their JSON as MCP structured content too (`structured`), and over stdio by the `mcp` SDK's FastMCP
(`stdio_server`, for `briefing mcp`)."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Annotated, Any

import briefing
from briefing.ui.handlers import Handlers
from briefing.ui.tools import NAMES, Result, Tools

INSTRUCTIONS = (
    "briefing answers from a store of news articles and cites them: every sentence of an answer or a brief is "
    "quoted from a source and marked [n]. Show its answers with their [n] marks and Sources list, and add no "
    "facts of your own; when it says the sources don't cover a question, say so."
)


def reply(text: str, data: str) -> Any:
    """A tool's MCP result: the Markdown and the JSON as texts, and the JSON as structured content."""
    from mcp import types

    content: list[types.ContentBlock] = [
        types.TextContent(type="text", text=text),
        types.TextContent(type="text", text=data),
    ]
    return types.CallToolResult(content=content, structuredContent=json.loads(data))


def described(tool: Callable[..., Any]) -> tuple[str, dict[str, str]]:
    """A tool's description and its parameters' as the page's MCP server gives them (from the docstring)."""
    from gradio.utils import get_function_description

    summary, parameters, returns = get_function_description(tool)
    return summary + (" Returns: " + ", ".join(returns) if returns else ""), parameters


def as_reply(tool: Callable[..., Result]) -> Callable[..., Any]:
    """`tool` with the same name and parameters, each described, giving its result as `reply` does."""
    from mcp import types
    from pydantic import Field

    _, about = described(tool)

    @functools.wraps(tool)
    def call(*args: Any, **kwargs: Any) -> Any:
        return reply(*tool(*args, **kwargs))

    signature = inspect.signature(tool)
    parameters = [
        p.replace(annotation=Annotated[p.annotation, Field(description=about[p.name])]) if p.name in about else p
        for p in signature.parameters.values()
    ]
    call.__signature__ = signature.replace(parameters=parameters, return_annotation=types.CallToolResult)  # type: ignore[attr-defined]
    return call


def stdio_server(runtime: briefing.Runtime) -> Any:
    """The five tools over `runtime` as a FastMCP server; `.run("stdio")` serves it on stdin and stdout."""
    from mcp.server.fastmcp import FastMCP

    server = FastMCP("briefing", instructions=INSTRUCTIONS)
    for tool in Tools(Handlers(runtime), write=runtime.settings.mcp_write).functions():
        server.add_tool(as_reply(tool), name=tool.__name__, description=described(tool)[0], structured_output=False)
    return server


def structured(page: Any) -> None:
    """Give the page's MCP replies (once it is launched with its MCP server) their JSON as structured content
    too: Gradio's MCP server sends a tool's outputs as texts only."""
    from mcp import types

    made = getattr(page, "mcp_server_obj", None)
    if made is None:  # Gradio says why on the console; the page serves without its tools
        msg = f"the MCP server did not start: {getattr(page, 'mcp_error', None) or 'see the messages above'}"
        raise briefing.BriefingError(msg)
    server = made.mcp_server
    handle = server.request_handlers[types.CallToolRequest]

    async def call(request: types.CallToolRequest) -> types.ServerResult:
        answered = await handle(request)
        result = answered.root
        if isinstance(result, types.CallToolResult) and request.params.name in NAMES and not result.isError:
            texts = [c.text for c in result.content if isinstance(c, types.TextContent)]
            if len(texts) == 2 and result.structuredContent is None:
                result.structuredContent = json.loads(texts[1])
        return answered

    server.request_handlers[types.CallToolRequest] = call
