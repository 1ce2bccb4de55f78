"""A `briefing fetch` SIGKILLed at any point loses nothing: the next fetch leaves every item of the feed
stored once, nothing pending, and the feed's list entry up to date (issue 24). The killed process is a real
subprocess fetching from the fixture web server (tests/servers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import briefing
from tests.reliability.crashing import contents, problems, run, run_killed, runtime
from tests.servers import FixtureSite, fixture_web

WEB = {"BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_FETCH_DELAY": "0"}
POINTS: dict[str, dict[str, Any]] = {
    "while fetching the pages (two of five read)": {"owner": "Fetcher", "method": "get", "n": 4, "when": "before"},
    "after the first article was written": {"owner": "Store", "method": "commit", "n": 1, "when": "after"},
    "in the middle of a write": {"owner": "Store", "method": "commit", "n": 3, "when": "before"},
    "after every write, before the feed list is updated": {
        "owner": "Path",
        "method": "write_text",
        "n": 1,
        "when": "before",
        "match": "harbour",  # the feed list's new version
    },
}


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureSite]:
    with fixture_web() as served:
        yield served


@pytest.mark.parametrize("name", list(POINTS))
def test_a_killed_fetch_loses_nothing(name: str, site: FixtureSite, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run(store, "feeds", "add", f"{site.base}/feed.xml", "--name", "harbour", **WEB)
    run_killed(store, {**POINTS[name], "argv": ["fetch"]}, **WEB)

    again = run(store, "fetch", **WEB)
    assert "harbour:" in again.stdout and "error" not in again.stdout

    rt = runtime(store)
    held = contents(rt.store)
    assert problems(held) == []
    titles = sorted(a.title for a in briefing.list_articles(runtime=rt))
    assert len(titles) == 5 and len(set(titles)) == 5, titles  # every item once
    (feed,) = briefing.feeds(runtime=rt)
    assert feed.last_error is None and feed.etag and len(feed.seen) == 5
    third = run(store, "fetch", **WEB)
    assert "harbour: not modified" in third.stdout
