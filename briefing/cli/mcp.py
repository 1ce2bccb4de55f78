"""`briefing mcp`: the page's MCP tools over stdio, for desktop clients that start a command."""

from __future__ import annotations

import click

import briefing
from briefing.cli.options import guard


@click.command("mcp")
@click.pass_obj
def mcp(rt: briefing.Runtime) -> None:
    """Serve the MCP tools over stdio: ask, brief, search, get_article, ingest_text.

    For MCP clients that start a command, such as Claude Desktop (see docs/mcp.md). It reads MCP messages
    on stdin and writes them on stdout until stdin closes. BRIEFING_MCP_WRITE=0 switches ingest_text off.
    """
    from briefing.ui.mcp_servers import stdio_server

    guard(lambda: stdio_server(rt).run("stdio"))
