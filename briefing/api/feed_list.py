"""The list of followed feeds, per collection: a JSON file beside the store (`feeds/<collection>.json` in the
store folder; under the cache folder with a Chroma server, as the brief history), changed under a file lock
and replaced whole, so the page and the command line see one list and a reader never sees half of one."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from filelock import FileLock

from briefing.config import Settings, folder_name
from briefing.errors import BriefingError

T = TypeVar("T")


@dataclass(frozen=True)
class Feed:
    """A followed feed: its URL and name, when it was added and last fetched (ISO 8601, UTC), the articles
    the last fetch added, its error if it failed, and what the next fetch needs (validators, items seen)."""

    url: str
    name: str
    added: str
    last_fetched: str | None = None
    new_items: int = 0
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list, repr=False, compare=False)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def feeds_path(settings: Settings) -> Path:
    """The file of the collection's followed feeds."""
    root = Path(settings.cache_dir).expanduser() if settings.chroma_host else Path(settings.store_dir)
    return root / "feeds" / f"{folder_name(settings)}.json"


def _load(path: Path) -> list[Feed]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise BriefingError(f"the list of feeds {path} cannot be read ({exc}): move it aside to start anew") from None
    fields = set(Feed.__dataclass_fields__)
    out = []
    for record in records if isinstance(records, list) else []:
        if isinstance(record, dict) and isinstance(record.get("url"), str):
            try:
                out.append(Feed(**{k: v for k, v in record.items() if k in fields}))
            except TypeError:  # not written by this module
                continue
    return out


def read_feeds(settings: Settings) -> list[Feed]:
    """The followed feeds, in the order they were added."""
    return _load(feeds_path(settings))


def update_feeds(settings: Settings, change: Callable[[list[Feed]], T]) -> T:
    """Apply `change` to the list (in place) under the lock and write it back whole; returns what it returns."""
    path = feeds_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=settings.lock_timeout):
            feeds = _load(path)
            result = change(feeds)
            partial = path.with_suffix(".json.partial")
            partial.write_text(json.dumps([asdict(f) for f in feeds], ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(partial, path)
    except OSError as exc:  # a read-only store folder, a full disk
        msg = f"cannot write the list of feeds {path} ({exc.strerror or exc}): check that its folder can be written"
        raise BriefingError(msg) from None
    return result


def find_feed(feeds: list[Feed], url_or_name: str) -> Feed:
    """The followed feed with that URL or name.

    Raises:
        BriefingError: None has it.
    """
    wanted = url_or_name.strip()
    for feed in feeds:
        if wanted in (feed.url, feed.name):
            return feed
    known = ", ".join(f.name for f in feeds) or "none yet (add one with `briefing feeds add URL`)"
    raise BriefingError(f"no followed feed has the URL or name {wanted!r}; followed: {known}")
