"""The rules settings are checked by, and the helpers around them: a collection's name and the folders named
after it, the page's logins, a host, a URL, a token, and the environment that keeps libraries offline.
`config.Settings` calls these; they read no environment themselves."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from briefing.config import Settings

# Libraries that would otherwise try to reach the internet (model hubs, telemetry) must not wait on a
# network that is not there. Set before they are imported; a user's explicit value wins.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


# A collection's name: Chroma's rule (3-512 of these characters, no "..", not an IPv4 address), and short
# enough for every part of the store. The store's own collections add a suffix (`-articles`: 9 more), and the
# keyword index and the kept briefs are folders named after it, the keyword index built in one beside it
# (`NAME.<pid>-<32 hex digits>.tmp`, up to 45 more) that a file name's 255 bytes must hold.
COLLECTION_MOST = 200
COLLECTION_NAME = rf"^[a-zA-Z0-9][a-zA-Z0-9._-]{{1,{COLLECTION_MOST - 2}}}[a-zA-Z0-9]$"
COLLECTION_RULE = (
    f"3-{COLLECTION_MOST} of a-z, A-Z, 0-9, '.', '_' and '-', starting and ending with a letter or digit, "
    "without '..', not an IP address"
)


def collection_problem(name: str, reserved: tuple[str, ...] = ()) -> str | None:
    """Why `name` cannot name a collection (None when it can); `reserved`: endings the store keeps for itself."""
    if re.fullmatch(COLLECTION_NAME, name) and ".." not in name and not name.endswith(reserved):
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return None
    shown = f"{name[:80]!r}{'…' if len(name) > 80 else ''} ({len(name)} characters)"
    endings = f", not ending in {', '.join(reserved)}" if reserved else ""
    return f"{shown} cannot name a collection: use {COLLECTION_RULE}{endings}"


def folder_name(settings: Settings) -> str:
    """The name of the folders kept beside the collection (its keyword index, its kept briefs): its own name,
    after the server's address with a Chroma server (as a digest when both would not fit a file name)."""
    if not settings.chroma_host:
        return settings.collection
    server = f"{settings.chroma_host}_{settings.chroma_port}"
    if len(server) + 1 + len(settings.collection) > COLLECTION_MOST:
        server = hashlib.sha256(server.encode()).hexdigest()[:8]
    return f"{server}_{settings.collection}"


# Longest waits a setting allows: past them a wait is no longer a wait but a hang (and an infinite one breaks
# the clocks it is handed to).
DAY, WEEK = 86_400, 604_800


def set_offline_env() -> None:
    """Switch off hub downloads and telemetry unless the user set these variables."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?|\[?[0-9A-Fa-f:.]+\]?")  # "_": container names


def check_folder(path: Path) -> Path:
    """A folder's path as given; a path naming a file is refused (a folder that does not exist yet is made)."""
    if path.expanduser().is_file():
        msg = f"{path} is a file; give a folder (one that does not exist yet is made)"
        raise ValueError(msg)
    return path


def check_host(host: str | None) -> str | None:
    """A host name or address only: no scheme, port or path."""
    if host is not None and not _HOST.fullmatch(host):
        msg = "give a host name or address only, such as localhost or 10.0.0.5 (no scheme, port or path)"
        raise ValueError(msg)
    return host


def check_url(url: str | None) -> str | None:
    """An http(s) URL with a host (and a port, if any, that is a number), stripped of surrounding spaces."""
    if url is not None:
        try:
            parts = urlsplit(url.strip())
            _ = parts.port  # a port that is not a number from 0 to 65535 raises here
        except ValueError as exc:
            raise ValueError(f"not a URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("give an http(s) URL with a host, such as http://127.0.0.1:8080/v1")
        url = url.strip()
    return url


def check_token(token: str) -> str:
    """A bearer token: 16 or more printable characters without spaces."""
    if not re.fullmatch(r"[!-~]{16,}", token):
        raise ValueError("give 16 or more printable characters without spaces (e.g. from `openssl rand -hex 32`)")
    return token


def login_pairs(value: str) -> list[tuple[str, str]]:
    """`user:password` pairs, separated by commas or newlines, given directly or as a file path."""
    text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
    pairs = [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip()]
    out = []
    for pair in pairs:
        user, sep, password = pair.partition(":")
        if not sep or not user or not password:
            msg = "give user:password pairs (comma-separated), or a file of such lines"
            raise ValueError(msg)
        out.append((user, password))
    if not out:
        raise ValueError("give user:password pairs (comma-separated), or a file of such lines")
    return out
