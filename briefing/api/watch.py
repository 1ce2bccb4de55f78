"""Following a situation: a round fetches every followed feed, and when it brought something new writes the
brief of what changed since the last brief on the topic (kept in the brief history, and written to a folder
if asked). `briefing watch` runs rounds on a schedule; a round can be run on its own (cron, tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefing.api.feeds import FetchReport, fetch
from briefing.api.history import last_of_topic
from briefing.api.summarize import summarize
from briefing.results import Brief
from briefing.runtime import Runtime, shared

FORMATS = (".md", ".html", ".pdf")


@dataclass
class WatchRound:
    """One watch round: when it started, what the fetch did, and the brief it wrote (None: nothing new)."""

    started: str
    fetched: FetchReport
    brief: Brief | None = None
    files: list[Path] = field(default_factory=list)

    @property
    def new(self) -> int:
        return self.fetched.added + self.fetched.replaced

    def line(self) -> str:
        """The one line a round prints."""
        errors = sum(1 for r in self.fetched.rounds if r.error)
        said = f"{self.started[:19].replace('T', ' ')} UTC: {len(self.fetched.rounds)} feeds, {self.new} new"
        said += f", {errors} failed" if errors else ""
        if self.brief is None:
            return said + "; no brief (nothing new)"
        if self.brief.abstained:
            return said + f"; no brief ({self.brief.message or 'nothing matches'})"
        where = f" to {', '.join(str(p) for p in self.files)}" if self.files else ""
        return said + f"; brief kept{where}"


def watch_round(
    topic: str | None = None,
    *,
    out: str | Path | None = None,
    formats: Sequence[str] = FORMATS,
    runtime: Runtime | None = None,
) -> WatchRound:
    """Fetch every followed feed once; when that brought new articles, write the brief of what changed since
    the last brief kept on `topic` (for the first, since this round began), keep it in the brief history,
    and write it to the folder `out` as each of `formats` (.md, .html, .pdf, .docx).

    A round that brings nothing new writes nothing.
    """
    rt = shared(runtime)
    started = datetime.now(UTC).isoformat(timespec="microseconds")
    report = fetch(runtime=rt, progress=False)
    result = WatchRound(started, report)
    if not result.new:
        return result
    last = last_of_topic(rt.settings, topic)
    result.brief = summarize(topic=topic, changes_since=last.time if last else started, runtime=rt)
    if out is not None and not result.brief.abstained:
        from briefing.export import save

        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"brief-{started[:19].replace(':', '').replace('-', '')}"
        result.files = [save(result.brief, folder / f"{stem}{suffix}") for suffix in formats]
    return result
