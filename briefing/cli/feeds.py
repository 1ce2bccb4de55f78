"""The commands that follow a live situation: `feeds add|list|remove`, `fetch` and `watch`. They parse input,
call `briefing.add_feed/feeds/remove_feed/fetch/watch_round`, and print; `app` adds them to the group."""

from __future__ import annotations

import re
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click

import briefing
from briefing.cli.options import fail, guard
from briefing.text.clean import printable_line

_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def every_option(_: click.Context, __: click.Parameter, value: str) -> float:
    """`--every` in seconds: a number with s, m (the default), h or d (`30m`, `2h`, `90s`), at least 10 s."""
    found = _EVERY.fullmatch(value.strip().lower())
    seconds = float(found[1]) * _UNIT[found[2]] if found else 0
    if seconds < 10 or seconds > 7 * 86400:
        raise click.BadParameter("give a time between 10s and 7d, such as 30m, 2h or 90s")
    return seconds


def _when(stamp: str | None) -> str:
    return f"{stamp[:16].replace('T', ' ')} UTC" if stamp else "never"


def _show(report: briefing.FetchReport) -> None:
    for name, reason in report.skipped:
        click.echo(printable_line(f"skipped {name}: {reason}"), err=True)
    for name, note in report.notes:
        click.echo(printable_line(f"note {name}: {note}"), err=True)
    for line in report.lines():
        click.echo(printable_line(line))


@click.group()
def feeds() -> None:
    """Follow feeds (RSS or Atom): `briefing fetch` brings their new items into the store.

    The list is kept with the store, per collection: the page and the command line share it.
    """


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="A short name for the feed (default: its URL).")
@click.pass_obj
def feeds_add(rt: briefing.Runtime, url: str, name: str | None) -> None:
    """Follow the feed at URL (nothing is fetched until `briefing fetch`)."""
    feed = guard(lambda: briefing.add_feed(url, name, runtime=rt))
    click.echo(printable_line(f"following {feed.name}" + (f" ({feed.url})" if feed.name != feed.url else "")))


@feeds.command("list")
@click.pass_obj
def feeds_list(rt: briefing.Runtime) -> None:
    """List the followed feeds: when each was last fetched, the articles it brought then, its last error."""
    found = guard(lambda: briefing.feeds(runtime=rt))
    if not found:
        click.echo("no feeds followed yet: add one with `briefing feeds add URL`")
    for feed in found:
        label = feed.name if feed.name == feed.url else f"{feed.name} ({feed.url})"
        status = f"last fetched {_when(feed.last_fetched)}"
        if feed.last_fetched:
            status += f", {feed.new_items} new"
        if feed.last_error:
            status += f", error: {feed.last_error}"
        click.echo(printable_line(f"{label}: {status}"))


@feeds.command("remove")
@click.argument("url_or_name")
@click.pass_obj
def feeds_remove(rt: briefing.Runtime, url_or_name: str) -> None:
    """Stop following a feed, by its URL or name (its articles stay in the store)."""
    feed = guard(lambda: briefing.remove_feed(url_or_name, runtime=rt))
    click.echo(printable_line(f"stopped following {feed.name}; its articles stay in the store"))


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.pass_obj
def fetch(rt: briefing.Runtime, urls: tuple[str, ...], progress: bool | None) -> None:
    """Fetch every followed feed once (or the given feed and article URLs) and store what is new.

    A line per feed says what it added, or its error; the rest still lands. Items stored before are not
    fetched again, and an unchanged feed costs one request. Exits 1 when every feed failed.
    """
    if not urls and not guard(lambda: briefing.feeds(runtime=rt)):
        fail("no feeds followed yet: add one with `briefing feeds add URL`, or give URLs to fetch")
    report = guard(lambda: briefing.fetch(list(urls) or None, runtime=rt, progress=progress))
    _show(report)
    click.echo(report.summary())
    if report.rounds and all(r.error for r in report.rounds):
        sys.exit(1)


@click.command()
@click.option("--every", default="30m", callback=every_option, help="Time between rounds: 90s, 30m, 2h (default 30m).")
@click.option("--topic", help="What the briefs are about (default: everything stored).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write each brief to this folder as .md, .html and .pdf.",
)
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds (default: until stopped).")
@click.pass_obj
def watch(rt: briefing.Runtime, every: float, topic: str | None, out: Path | None, rounds: int | None) -> None:
    """Fetch the followed feeds every so often and brief what changed.

    Each round fetches every followed feed; when that brought new articles, it writes the brief of what
    changed since the last brief on the topic, kept in the brief history (and written to --out). A round
    that finds nothing new writes nothing. One line per round. Ctrl-C or SIGTERM stops it cleanly (a round
    under way finishes first; a second Ctrl-C stops at once).
    """
    if not guard(lambda: briefing.feeds(runtime=rt)):
        fail("no feeds followed yet: add one with `briefing feeds add URL`")
    stop = threading.Event()

    def stopping(signum: int, _: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C interrupts

    before = signal.signal(signal.SIGTERM, stopping), signal.signal(signal.SIGINT, stopping)
    done = 0
    try:
        while not stop.is_set():
            result = guard(lambda: briefing.watch_round(topic, out=out, runtime=rt))
            click.echo(printable_line(result.line()))
            done += 1
            if rounds is not None and done >= rounds:
                break
            stop.wait(every)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, before[0])
        signal.signal(signal.SIGINT, before[1])
    click.echo(f"stopped after {done} rounds", err=True)
