"""Brief history: each brief written from a collection is kept, as files, with what it was asked for.

A folder store keeps them under the store folder (`briefs/<collection>/`), a Chroma server under the cache
folder (`briefs/<host>_<port>_<collection>/`); each brief is a folder of `brief.md`, `brief.html` and
`brief.json` (topic, filters, time, engine, articles). The newest `brief_history` are kept.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.analysis.digest import since_label
from briefing.config import Settings, folder_name
from briefing.errors import BriefingError
from briefing.export.html import brief_html
from briefing.results import Brief
from briefing.runtime import Runtime, shared
from briefing.types import Filters, read_date

LAST = "last"  # what `--changes-since` takes for the last kept brief's date
META = "brief.json"


@dataclass(frozen=True)
class KeptBrief:
    """One brief in the history: what it was asked for, when, and where its files are."""

    id: str
    time: str  # ISO 8601, UTC
    title: str
    topic: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    changes_since: str | None = None
    engine: str = ""
    articles: int = 0
    folder: str = ""

    @property
    def day(self) -> str:
        """The day it was written (YYYY-MM-DD, UTC)."""
        return self.time[:10]

    @property
    def markdown_path(self) -> Path:
        return Path(self.folder) / "brief.md"

    @property
    def html_path(self) -> Path:
        return Path(self.folder) / "brief.html"

    @property
    def asked(self) -> tuple[str, ...]:
        """What it was asked for: its topic (whatever its case and spacing) and filters; a rerun asks the same."""
        topic = " ".join((self.topic or "").split()).casefold()
        return (topic, self.since or "", self.until or "", self.source or "", self.changes_since or "")

    def filters(self) -> str:
        """Its filters in a few words ("since 2021-11-01, source Reuters"), or "" for none."""
        given = [("since", self.since), ("until", self.until), ("source", self.source)]
        given.append(("changes since", since_label(self.changes_since) if self.changes_since else None))
        return ", ".join(f"{name} {value}" for name, value in given if value)


def history_root(settings: Settings) -> Path:
    """The folder of every collection's kept briefs (the page serves its downloads from it)."""
    return (
        Path(settings.cache_dir).expanduser() / "briefs"
        if settings.chroma_host
        else Path(settings.store_dir) / "briefs"
    )


def history_dir(settings: Settings) -> Path:
    """The folder of the collection's kept briefs."""
    return history_root(settings) / folder_name(settings)


def newest_first(records: Iterable[Mapping[str, Any]]) -> list[KeptBrief]:
    """Kept briefs from their recorded fields, newest first; a record that is not one is left out."""
    fields = set(KeptBrief.__dataclass_fields__)
    out = []
    for record in records:
        try:
            out.append(KeptBrief(**{k: v for k, v in record.items() if k in fields}))
        except TypeError:  # a field missing: not written by this module
            continue
    return sorted(out, key=lambda k: (k.time, k.id), reverse=True)


def by_ask(entries: Iterable[KeptBrief]) -> list[list[KeptBrief]]:
    """Kept briefs grouped by what they were asked for (`KeptBrief.asked`): each group the versions of one
    ask, newest first; the groups in the order of their newest version, newest first."""
    groups: dict[tuple[str, ...], list[KeptBrief]] = {}
    for entry in sorted(entries, key=lambda k: (k.time, k.id), reverse=True):
        groups.setdefault(entry.asked, []).append(entry)
    return list(groups.values())


def kept(settings: Settings) -> list[KeptBrief]:
    """The collection's kept briefs, newest first."""
    folder = history_dir(settings)
    records = []
    for meta in folder.glob(f"*/{META}") if folder.is_dir() else []:
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # being pruned, or damaged: not listed
            continue
        if isinstance(record, dict):
            records.append({**record, "folder": str(meta.parent)})
    return newest_first(records)


def keep_brief(
    brief: Brief, settings: Settings, filters: Filters, changes_since: str | None, now: datetime | None = None
) -> KeptBrief | None:
    """Write the brief into the collection's history and drop the oldest beyond `brief_history`.

    Returns:
        The kept brief, or None when the history keeps none (`brief_history` 0).
    """
    if settings.brief_history <= 0:
        return None
    when = (now or datetime.now(UTC)).astimezone(UTC)
    ident = f"{when:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
    root = history_dir(settings)
    entry = KeptBrief(
        id=ident,
        time=when.isoformat(timespec="microseconds"),  # ingest times are compared with it
        title=brief.title,
        topic=brief.topic,
        since=filters.since,
        until=filters.until,
        source=filters.source,
        changes_since=changes_since,
        engine=brief.engine,
        articles=brief.articles,
        folder=str(root / ident),
    )
    partial = root / f".{ident}"  # written aside, then renamed: a listing never sees half a brief
    partial.mkdir(parents=True)
    (partial / "brief.md").write_text(brief.markdown, encoding="utf-8")
    (partial / "brief.html").write_text(brief_html(brief), encoding="utf-8")
    record = {k: v for k, v in asdict(entry).items() if k != "folder"}
    (partial / META).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, root / ident)
    for old in kept(settings)[settings.brief_history :]:
        shutil.rmtree(old.folder, ignore_errors=True)
    return entry


def briefs(*, runtime: Runtime | None = None) -> list[KeptBrief]:
    """The briefs kept for the runtime's collection, newest first (open `.markdown_path` to read one)."""
    return kept(shared(runtime).settings)


def changes_since_date(value: str | None, settings: Settings) -> str | None:
    """What `changes_since` stands for: a YYYY-MM-DD date, or for `last` the time the collection's last kept
    brief was written (ISO 8601, UTC): articles ingested after it are what changed. A time given (ISO 8601,
    such as a kept brief's) counts as `last` does, from that time.

    Raises:
        BriefingError: The date cannot be read, or `last` is given and no brief is kept yet.
    """
    if value is not None and str(value).strip().lower() == LAST:
        found = kept(settings)
        if not found:
            msg = (
                f"no brief of collection {settings.collection!r} is kept yet, so there is no last brief to "
                "compare with: give a date (YYYY-MM-DD) for changes_since, or write a brief without it first "
                "(each is kept; the next `last` counts from it)"
            )
            raise BriefingError(msg)
        return found[0].time
    if value is not None and len(str(value).strip()) > 10:  # a time (ISO 8601): what is new to the store since
        try:
            return datetime.fromisoformat(str(value).strip()).astimezone(UTC).isoformat(timespec="microseconds")
        except ValueError:
            pass  # said below as any date that cannot be read
    return read_date(value, "changes_since")


def last_of_topic(settings: Settings, topic: str | None) -> KeptBrief | None:
    """The newest brief kept on this topic (whatever its case and spacing; None: on everything)."""
    wanted = " ".join((topic or "").split()).casefold()
    return next((k for k in kept(settings) if k.asked[0] == wanted), None)
