"""Serving the page: who may reach it, launch options, sign-in."""

from __future__ import annotations

import ipaddress

import briefing
from briefing.api.history import history_root
from briefing.config import Settings, login_pairs
from briefing.ui.article import PAGE_JS
from briefing.ui.layout import PAGE_CSS, build
from briefing.ui.mcp_servers import structured
from briefing.ui.openai_api import openai_routes
from briefing.ui.tokens import token_gate


def loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[] ")).is_loopback
    except ValueError:  # a name: it may resolve to any address
        return False


def exposed(host: str, settings: Settings) -> bool:
    """Whether serving on `host` would let other machines use the page without a login."""
    return not loopback(host) and not settings.auth


def doors_exposed(host: str, settings: Settings, share: bool = False) -> bool:
    """Whether opening the API doors (`/v1`, MCP) on `host` (or a share link) would let other machines use
    them without a token."""
    return (share or not loopback(host)) and settings.api_token is None


def check_doors(host: str, settings: Settings, share: bool = False, insecure: bool = False) -> None:
    """Refuse to serve the API (the setting `openai_api`) or MCP (`mcp`) where other machines could use them
    without a token.

    Raises:
        BriefingError: The API or MCP is on, `host` is not this machine's (or `share`), no token is set, and
            not `insecure`.
    """
    doors = " and ".join(name for name, on in (("the API", settings.openai_api), ("MCP", settings.mcp)) if on)
    if doors and doors_exposed(host, settings, share) and not insecure:
        msg = (
            f"serving {doors} on {'a share link' if share else host} would let other machines use it without a "
            "token: set BRIEFING_API_TOKEN (16+ characters), or serve it open anyway (`--insecure`, insecure=True)"
        )
        raise briefing.BriefingError(msg)


def serve(
    runtime: briefing.Runtime,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    insecure: bool = False,
) -> None:
    """Start the page; the model and the store are loaded once and shared by every request. With the setting
    `openai_api` (BRIEFING_OPENAI_API=1), the OpenAI-compatible API is served beside it, at /v1; with `mcp`
    (BRIEFING_MCP=1), the MCP tools, at /gradio_api/mcp/.

    Raises:
        BriefingError: `host` is not this machine's and no login (BRIEFING_AUTH) is set, or the API or MCP is
            served there without a token (BRIEFING_API_TOKEN), unless `insecure`.
    """
    settings = runtime.settings
    if exposed(host, settings) and not insecure:
        msg = (
            f"serving on {host} would let other machines use the page without a login: set "
            "BRIEFING_AUTH=user:password (or a file of such lines), or pass insecure=True to serve it open anyway"
        )
        raise briefing.BriefingError(msg)
    check_doors(host, settings, share, insecure)
    _ = runtime.embedder, runtime.store  # load before the first visitor, not during their question
    page = build(runtime).queue(default_concurrency_limit=settings.concurrency)
    page.launch(
        server_name=host,
        server_port=port,
        share=share,
        auth=read_auth(settings.auth.get_secret_value() if settings.auth else None),
        max_file_size=f"{settings.upload_mb}mb",
        show_error=False,
        css=PAGE_CSS,
        js=PAGE_JS,
        allowed_paths=[str(history_root(settings))],  # the briefs kept, which the Brief tab offers as downloads
        app_kwargs={  # the API doors' Bearer token (tokens.py); the OpenAI-compatible API, before the page's routes
            "middleware": [token_gate(settings)],
            "routes": openai_routes(runtime) if settings.openai_api else [],
        },
        mcp_server=settings.mcp,  # the tools at /gradio_api/mcp/ (briefing/ui/tools.py); off unless asked for
        prevent_thread_lock=settings.mcp,
    )
    if settings.mcp:
        structured(page)
        page.block_thread()


def read_auth(value: str | None) -> list[tuple[str, str]] | None:
    """`user:password` pairs, separated by commas or newlines, given directly or as a file path."""
    if not value:
        return None
    try:
        return login_pairs(value)
    except (OSError, ValueError) as exc:
        raise briefing.BriefingError(f"BRIEFING_AUTH: {exc}") from None
