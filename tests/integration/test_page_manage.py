"""The page's library, collections, brief history and API page in a real browser: Debian's Chromium driven by
Playwright, against `briefing serve` on the seed article and the port-strike set (11 articles)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import CHROMIUM, CHROMIUM_ARGS, briefing_page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("page-manage")
    env = {**os.environ, "BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive"}
    for key in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "CHROMA_HOST", "BRIEFING_EMBEDDER", "BRIEFING_COLLECTION"):
        env.pop(key, None)
    with briefing_page(folder, env, ingest=[ROOT / "seeds", ROOT / "tests" / "data" / "port_strike.jsonl"]) as url:
        yield url


@pytest.fixture
def page(app: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1000})
        tab.set_default_timeout(60_000)
        tab.goto(app, wait_until="domcontentloaded")
        tab.get_by_text("Engine:").wait_for()
        yield tab
        browser.close()


def choose(page, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def titles(page) -> list[str]:
    """The titles in the library's table as shown (the table draws the rows in view only)."""
    return page.locator("#articles .virtual-row [data-col='1']").all_inner_texts()


def search(page, box: str, text: str) -> None:
    field = page.locator(f"{box} textarea, {box} input").first
    field.fill(text)
    field.press("Enter")


def test_library_filters_and_deletes_ticked_rows(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Library").click()
    counts = page.locator("#counts")
    expect(counts).to_have_text("11 articles, 15 chunks")
    assert "Dockers strike at Port Selwyn" in page.locator("#articles").inner_text()  # a copy-of cell
    choose(page, "#filter-source", "Harbour Post")
    expect(counts).to_have_text("11 articles, 15 chunks · 4 shown")
    outlets = page.locator("#articles .virtual-row [data-col='2']").all_inner_texts()
    assert outlets == ["Harbour Post"] * 4
    search(page, "#filter-title", "selwyn dockers")
    expect(counts).to_have_text("11 articles, 15 chunks · 2 shown")
    assert titles(page) == ["Employers raise offer to Selwyn dockers", "Port Selwyn dockers walk out"]
    choose(page, "#filter-source", "All sources")
    search(page, "#filter-title", "selwyn")
    search(page, "#filter-since", "2024-06-06")
    expect(counts).to_have_text("11 articles, 15 chunks · 3 shown")
    assert all("selwyn" in t.lower() for t in titles(page)) and len(titles(page)) == 3
    search(page, "#filter-until", "junk")
    expect(counts).to_contain_text("cannot read until date 'junk'")
    search(page, "#filter-until", "")
    search(page, "#filter-since", "")
    page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)
    # tick two rows, delete them
    search(page, "#filter-title", "win cup")
    expect(counts).to_contain_text("1 shown")
    page.locator("#articles .virtual-row").filter(has_text="Selwyn Rovers win the county cup").locator(
        "input[type=checkbox]"
    ).check()
    search(page, "#filter-title", "")
    expect(counts).to_have_text("11 articles, 15 chunks")
    page.locator("#articles .virtual-row").filter(has_text="Labour ministry calls talks").locator(
        "input[type=checkbox]"
    ).check()
    page.locator("#delete-ticked").click()
    expect(page.locator("#removed")).to_have_text("Removed 1 article(s) (1 chunks).")
    expect(counts).to_have_text("10 articles, 14 chunks")
    assert "Labour ministry calls talks" not in page.locator("#articles").inner_text()
    assert "Selwyn Rovers" in page.locator("#articles").inner_text()  # its tick went with the filter
    page.locator("#articles .virtual-row").filter(has_text="Selwyn Rovers win").locator("input[type=checkbox]").check()
    page.locator("#articles .virtual-row").filter(has_text="Union says strike will go on").locator(
        "input[type=checkbox]"
    ).check()
    page.locator("#delete-ticked").click()
    expect(page.locator("#removed")).to_have_text("Removed 2 article(s) (2 chunks).")
    expect(counts).to_have_text("8 articles, 12 chunks")
    page.locator("#delete-ticked").click()  # nothing ticked: a message, nothing removed
    expect(page.locator("#removed")).to_contain_text("Tick the articles to delete first")
    expect(counts).to_have_text("8 articles, 12 chunks")
