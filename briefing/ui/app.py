"""Serving the page: who may reach it, launch options, sign-in."""

from __future__ import annotations

import ipaddress

import briefing
from briefing.api.history import history_root
from briefing.config import Settings, login_pairs
from briefing.ui.article import PAGE_JS
from briefing.ui.layout import PAGE_CSS, build
from briefing.ui.mcp_servers import structured


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


def serve(
    runtime: briefing.Runtime,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    insecure: bool = False,
    mcp: bool | None = None,
) -> None:
    """Start the page; the model and the store are loaded once and shared by every request. With `mcp`
    (default: the `mcp` setting) it serves the MCP tools too, at /gradio_api/mcp/.

    Raises:
        BriefingError: `host` is not this machine's and no login (BRIEFING_AUTH) is set, unless `insecure`.
    """
    settings = runtime.settings
    if exposed(host, settings) and not insecure:
        msg = (
            f"serving on {host} would let other machines use the page without a login: set "
            "BRIEFING_AUTH=user:password (or a file of such lines), or pass insecure=True to serve it open anyway"
        )
        raise briefing.BriefingError(msg)
    _ = runtime.embedder, runtime.store  # load before the first visitor, not during their question
    mcp = settings.mcp if mcp is None else mcp
    page = build(runtime, mcp).queue(default_concurrency_limit=settings.concurrency)
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
        mcp_server=mcp,  # the tools at /gradio_api/mcp/ (briefing/ui/tools.py); off unless asked for
        prevent_thread_lock=mcp,
    )
    if mcp:
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
