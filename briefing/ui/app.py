"""Serving the page: launch options, sign-in."""

from __future__ import annotations

from pathlib import Path

import briefing
from briefing.api.history import history_root
from briefing.ui.article import PAGE_JS
from briefing.ui.layout import PAGE_CSS, build


def serve(
    runtime: briefing.Runtime,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
) -> None:
    """Start the page; the model and the store are loaded once and shared by every request."""
    settings = runtime.settings
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
    )


def read_auth(value: str | None) -> list[tuple[str, str]] | None:
    """`user:password` pairs, separated by commas or newlines, given directly or as a file path."""
    if not value:
        return None
    text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
    pairs = [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip()]
    out = []
    for pair in pairs:
        user, sep, password = pair.partition(":")
        if not sep or not user or not password:
            msg = "BRIEFING_AUTH must be user:password (or a file of such lines)"
            raise ValueError(msg)
        out.append((user, password))
    return out
