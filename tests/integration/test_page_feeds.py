"""The Library tab's Feeds part in a real browser (Debian's Chromium driven by Playwright) against `briefing
serve` on an empty store and the local fixture web server (tests/servers.py): follow feeds, fetch now, the
status of each (a malformed one named with its error), the Brief tab's "what changed since last" on what the
feeds brought, stop following. A feed's hostile name shows as text and runs nothing."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import CHROMIUM, FOREIGN, FixtureSite, briefing_page, fixture_web

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")

HOSTILE = "<img src=x onerror=window.__pwned=1> **Wire** desk"
TITLES = [  # the feed's first five items, and the one it adds later
    "Dockers strike at Port Selwyn",
    "Ships queue outside Selwyn as strike goes on",
    "Union says strike will go on",
    "Ardmoor takes diverted ships",
]
LATER = "Employers raise offer to Selwyn dockers"


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureSite]:
    with fixture_web() as served:
        yield served


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, site: FixtureSite) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("page-feeds")
    env = {**os.environ, "BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive"}
    for key in FOREIGN:
        env.pop(key, None)
    env |= {"BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_FETCH_DELAY": "0"}  # the fixture site is on 127.0.0.1
    with briefing_page(folder, env) as url:
        yield url


def choose(page, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def fill(page, box: str, text: str) -> None:
    page.locator(f"{box} textarea, {box} input").first.fill(text)


# The text of the brief's "What changed since" part, its citations' hidden popovers (source titles) included.
CHANGED = """() => {
    const heads = [...document.querySelectorAll('#brief h1, #brief h2, #brief h3')];
    const head = heads.find(h => h.textContent.startsWith('What changed since'));
    if (!head) return null;
    let text = '';
    for (let e = head.nextElementSibling; e && !/^H[1-3]$/.test(e.tagName); e = e.nextElementSibling)
        text += e.textContent + '\\n';
    return text;
}"""


def test_feeds_are_followed_fetched_and_briefed_from_the_library(page, site: FixtureSite, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Library").click()
    note, table, counts = page.locator("#feed-note"), page.locator("#feeds"), page.locator("#counts")
    expect(note).to_contain_text("No feeds followed yet")
    fill(page, "#feed-url", f"{site.base}/feed.xml")
    fill(page, "#feed-name", "harbour")
    page.locator("#add-feed").click()
    expect(note).to_have_text("Following harbour: Fetch now brings its items.")
    expect(table).to_contain_text(f"{site.base}/feed.xml")
    expect(table).to_contain_text("never")
    fill(page, "#feed-url", f"{site.base}/broken.xml")
    fill(page, "#feed-name", HOSTILE)
    page.locator("#feed-url input, #feed-url textarea").first.press("Enter")
    expect(note).to_have_text(f"Following {HOSTILE}: Fetch now brings its items.")  # as text, not markup
    expect(table).to_contain_text(HOSTILE)

    page.locator("#fetch-feeds").click()
    expect(note).to_contain_text("harbour: 5 added (5 items)", timeout=120_000)
    expect(note).to_contain_text(f"{HOSTILE}: error: ")
    # the library's table follows
    expect(counts).to_have_text(re.compile(r"^\s*5 articles, \d+ chunks\s*$"), timeout=60_000)
    rows = table.locator(".virtual-row, tbody tr")
    harbour = rows.filter(has_text="harbour")
    expect(harbour).to_contain_text(" UTC")  # last fetched
    expect(harbour.locator("[data-col='3']")).to_have_text("5")  # the articles that fetch added
    broken = rows.filter(has_text="broken.xml")
    assert broken.locator("[data-col='4']").inner_text().strip(), "the malformed feed's error is shown"
    for title in TITLES:
        assert title in page.locator("#articles").inner_text()
    page.screenshot(path=str(tmp_path / "feeds.png"), full_page=True)

    # a brief now; then the feed publishes one more item, and "what changed since last" is that item
    page.get_by_role("tab", name="Brief").click()
    brief = page.locator("#brief")
    page.locator("#write-brief").click()
    brief.get_by_text("Situation brief").first.wait_for(timeout=120_000)
    site.feed_version = 2
    page.get_by_role("tab", name="Library").click()
    page.locator("#fetch-feeds").click()
    expect(note).to_contain_text("harbour: 1 added (6 items)", timeout=120_000)
    expect(table.locator(".virtual-row, tbody tr").filter(has_text="harbour").locator("[data-col='3']")).to_have_text(
        "1"
    )
    page.get_by_role("tab", name="Brief").click()
    fill(page, "#changes-since", "last")
    page.locator("#write-brief").click()
    brief.get_by_text("What changed since the last brief").first.wait_for(timeout=120_000)
    changed = page.evaluate(CHANGED)
    assert changed and LATER in changed, changed  # cited: its title is in the citation's popover
    assert not [t for t in TITLES if t in changed], changed  # nothing the first fetch brought

    # stop following the feed: gone from the list, its articles stay
    page.get_by_role("tab", name="Library").click()
    choose(page, "#feed-choice", "harbour")
    page.locator("#remove-feed").click()
    expect(note).to_have_text("Stopped following harbour; its articles stay.")
    expect(table).not_to_contain_text(f"{site.base}/feed.xml")
    expect(table).to_contain_text(HOSTILE)
    expect(counts).to_have_text(re.compile(r"^\s*6 articles, \d+ chunks\s*$"))
    assert page.evaluate("window.__pwned") is None  # the hostile name ran nothing
