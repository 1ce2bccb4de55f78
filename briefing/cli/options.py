"""What the command line reads and how it fails: dates, the registry's names, the filter options, and a
BriefingError shown as `error: ...` with exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

import briefing
from briefing.api.history import LAST
from briefing.errors import hide_userinfo
from briefing.types import read_date

DATE = click.DateTime(formats=["%Y-%m-%d"])


class Registered(click.Choice[str]):
    """A choice among the names the registry holds, read when first needed (a help page, a value to check):
    the built-in ones and those of installed plugins."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        self._names = names
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._names())

    @choices.setter
    def choices(self, _: object) -> None:
        pass


def day(value: Any) -> str | None:
    """A `DATE` option's value as YYYY-MM-DD (None when not given)."""
    return value.date().isoformat() if value else None


def dates(since: Any, until: Any, source: str | None) -> briefing.Filters:
    """The filters as the CLI's options gave them; a message names the options (`--since`, `--until`)."""
    return guard(lambda: briefing.Filters.of(day(since), day(until), source, names=("--since", "--until")))


def changes_since_option(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    """`--changes-since` as given when it is `last` or a date the API reads; else the error, naming the option."""
    if value is not None and value.strip().lower() != LAST:
        guard(lambda: read_date(value, "--changes-since"))
    return value


def fail(message: str, code: int = 2) -> None:
    """Print `error: message` (a URL in it without its `user:password@`) and leave with `code`."""
    click.echo(f"error: {hide_userinfo(message)}", err=True)
    sys.exit(code)


def guard(call: Any) -> Any:
    """What `call()` returns; a BriefingError it raises is printed as `error: ...` (exit code 2)."""
    try:
        return call()
    except briefing.BriefingError as exc:
        fail(str(exc))


def filter_options(f: Any) -> Any:
    """The options that choose the articles a command draws on: --since, --until, --source."""
    f = click.option("--source", help="Only articles from this source (case-insensitive).")(f)
    f = click.option("--until", type=DATE, help="Only articles dated on or before YYYY-MM-DD.")(f)
    return click.option("--since", type=DATE, help="Only articles dated on or after YYYY-MM-DD.")(f)
