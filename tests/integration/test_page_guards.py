"""The page guards and explains, in a real browser (Debian's Chromium driven by Playwright, against `briefing
serve` on the seed article and the port-strike set): the empty chat says what the store holds and offers
questions on its top stories, a delete is confirmed first and can be undone, and the download buttons wait
for a brief."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import CHROMIUM, download, served

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ingest = [ROOT / "seeds", ROOT / "tests" / "data" / "port_strike.jsonl"]
    with served(tmp_path_factory.mktemp("page-guards"), ingest) as url:
        yield url


def tick(page, title: str) -> None:
    page.locator("#articles .virtual-row").filter(has_text=title).locator("input[type=checkbox]").check()


def test_the_empty_chat_says_what_the_store_holds_and_asks_a_question_on_a_top_story(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    bot = page.locator("#chatbot")
    expect(bot).to_contain_text("This collection holds 11 articles from 5 outlets, 2021-11-27 to 2024-06-07.")
    questions = bot.get_by_text("What happened with ")
    expect(questions).to_have_count(3)
    page.screenshot(path=str(tmp_path / "empty-chat.png"), full_page=True)
    asked = questions.first.inner_text().strip()
    questions.first.click()
    expect(bot).not_to_contain_text("This collection holds")
    expect(bot).to_contain_text(asked)
    bot.get_by_text("[1]").first.wait_for()  # answered, with a citation
    page.locator("#new-conversation").click()
    expect(bot).to_contain_text("This collection holds 11 articles")


def test_a_delete_asks_first_and_can_be_undone_until_the_next_change(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Library").click()
    counts, articles = page.locator("#counts"), page.locator("#articles")
    confirm, removed, undo = page.locator("#confirm-question"), page.locator("#removed"), page.locator("#undo-delete")
    expect(counts).to_have_text("11 articles, 15 chunks")
    expect(confirm).to_be_hidden()
    expect(undo).to_be_hidden()
    tick(page, "Labour ministry calls talks")
    tick(page, "Selwyn Rovers win the county cup")
    page.locator("#delete-ticked").click()
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Delete 2 article(s)?")
    expect(confirm).to_contain_text("Labour ministry calls talks in port strike")
    expect(confirm).to_contain_text("Selwyn Rovers win the county cup")
    page.screenshot(path=str(tmp_path / "confirm.png"), full_page=True)
    expect(counts).to_have_text("11 articles, 15 chunks")  # asked, nothing deleted yet
    page.locator("#confirm-no").click()
    expect(confirm).to_be_hidden()
    expect(removed).to_have_text("Nothing deleted.")
    expect(counts).to_have_text("11 articles, 15 chunks")
    page.locator("#delete-ticked").click()  # the ticks are still there
    page.locator("#confirm-yes").click()
    expect(removed).to_have_text("Removed 2 article(s) (2 chunks).")
    expect(counts).to_have_text("9 articles, 13 chunks")
    expect(confirm).to_be_hidden()
    assert "Selwyn Rovers" not in articles.inner_text()
    page.locator("#undo-delete").click()
    expect(removed).to_have_text("Put back 2 article(s).")
    expect(counts).to_have_text("11 articles, 15 chunks")
    expect(articles).to_contain_text("Selwyn Rovers win the county cup")
    expect(undo).to_be_hidden()
    # delete again; the next change to the library (an article added) ends the offer to undo
    tick(page, "Selwyn Rovers win the county cup")
    page.locator("#delete-ticked").click()
    page.locator("#confirm-yes").click()
    expect(counts).to_have_text("10 articles, 14 chunks")
    expect(undo).to_be_visible()
    page.get_by_label("Title").fill("Riga talks")
    page.get_by_label("Article text").fill("Foreign ministers met in Riga on Tuesday to discuss the grain corridor.")
    page.locator("#add-pasted").click()
    expect(page.locator("#results")).to_contain_text("1 added", timeout=60_000)
    expect(undo).to_be_hidden()
    expect(counts).to_have_text("11 articles, 15 chunks")


def test_the_download_buttons_wait_for_a_brief(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Brief").click()
    buttons = [page.locator(f"#download-{kind}") for kind in ("md", "html", "pdf", "docx")]
    for button in buttons:
        expect(button).to_be_disabled()
    page.get_by_label("Topic (empty: everything stored)").fill("port strike")
    page.locator("#write-brief").click()
    page.locator("#brief").get_by_text("Situation brief: port strike").wait_for()
    for button in buttons:
        expect(button).to_be_enabled()
    assert download(page, "md", tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# Situation brief")
    page.locator("#changes-since textarea, #changes-since input").first.fill("junk")
    page.locator("#write-brief").click()
    expect(page.locator("#brief")).to_contain_text("⚠️")
    for button in buttons:
        expect(button).to_be_disabled()  # no brief, nothing to download


def test_a_rerun_brief_is_a_version_of_its_row_and_an_older_one_opens(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Brief").click()
    brief, history, versions = page.locator("#brief"), page.locator("#history"), page.locator("#brief-version")
    topic = page.get_by_label("Topic (empty: everything stored)")
    for typed in ("ardmoor", "Ardmoor "):  # the same ask twice, typed differently
        topic.fill(typed)
        page.locator("#write-brief").click()
        expect(brief).to_contain_text(f"Situation brief: {typed.strip()}\n")
    page.locator("#changes-since textarea, #changes-since input").first.fill("junk")  # a failed brief between
    topic.fill("strike")
    page.locator("#write-brief").click()
    expect(brief).to_contain_text("⚠️")
    page.locator("#changes-since textarea, #changes-since input").first.fill("")
    page.locator("#write-brief").click()
    expect(brief).to_contain_text("Situation brief: strike")
    rows = history.locator(".virtual-row")
    row = rows.filter(has_text="Ardmoor")
    expect(row).to_have_count(1)  # one row for both
    expect(row.locator("[data-col='4']")).to_have_text("2")  # with two versions inside
    expect(rows.filter(has_text="strike").locator("[data-col='4']").last).to_have_text("1")
    expect(versions).to_be_hidden()
    row.locator("[data-col='1']").click()
    expect(brief).to_contain_text("Situation brief: Ardmoor")
    expect(versions).to_be_visible()
    page.locator("#brief-version input").click()
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    assert "(newest)" in options.first.inner_text() and "(newest)" not in options.nth(1).inner_text()
    options.nth(1).click()
    expect(brief).to_contain_text("Situation brief: ardmoor")  # the older version, as it was typed
    page.screenshot(path=str(tmp_path / "versions.png"), full_page=True)
