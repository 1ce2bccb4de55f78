"""Hostile articles on the real page, in Debian's Chromium: nothing runs, nothing is fetched from elsewhere.

Articles whose title, text, outlet and URL hold scripts, event handlers, `javascript:` links, remote
images (HTML and Markdown) and a long unbroken string are ingested; the test asks a question whose answer
quotes them, opens every quoted source, hovers every citation mark and opens the cited article in the side
panel (in the chat and in the brief), writes a brief, downloads it as .md and .html and opens the
.html, lists the library and pastes one more such article. Throughout, `window.__pwned` (what every
injected script sets) stays unset, no request goes to any host but the page's own, and the page does
not grow wider than the window, nor does any part of it: long strings wrap. The hostile text is shown, as text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.reliability.hostile import REMOTE
from tests.servers import CHROMIUM, CHROMIUM_ARGS, briefing_page, download

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]

PWN = "window.__pwned=1"
LONG = "W" * 1500
ARTICLES = [
    {
        "title": f"<img src=x onerror={PWN}> Odesa port reopens <script>{PWN}</script> {LONG}",
        "source": f'<a href="javascript:{PWN}">Harbour Post</a>',
        "url": f"javascript:{PWN}",
        "date": "2024-03-04",
        "text": f"Officials said 40 ships were waiting to load grain at Odesa ![pixel](//{REMOTE}/pixel.png?q=chat) "
        f"<img src=//{REMOTE}/chat.png> on Monday. The port of Odesa reopened on Monday after a week of closures "
        f'<img src=x onerror="{PWN}">, the harbour master said. The harbour master said <script>{PWN}</script> '
        f"grain exports from Odesa would resume on Tuesday. Dockers at Odesa said [the statement](javascript:{PWN}) "
        f"backed the reopening of the port. The port authority gave the grain convoy the code {LONG} on Monday.",
    },
    {
        "title": f"![x](//{REMOTE}/title.png) Grain ships wait at Odesa",
        "source": f"Coastal Times <iframe src=//{REMOTE}/frame></iframe>",
        "url": f'http://{REMOTE}/a"><img src=x onerror={PWN}>',
        "date": "2024-03-05",
        "text": f"More than 60 ships were waiting to load grain at Odesa <img src=//{REMOTE}/text.png> on Tuesday, "
        f'the dockers\' union said. The union said <a href="javascript:{PWN}">its members</a> would load grain '
        f"ships at Odesa through the weekend. Port officials said <svg onload={PWN}> the grain convoy left Odesa "
        f'on Tuesday night. Officials said <details open ontoggle="{PWN}">the grain</details> was inspected.',
    },
]


# Shown elements that stick out of the window, or whose content is cut off or scrolls sideways: a long
# unbroken string that did not wrap.
OVERFLOWING = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length > 0)
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'))
  .map(e => `${e.tagName}.${e.className} ${e.scrollWidth}px in ${e.clientWidth}px`)"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-page")
    records = folder / "hostile.jsonl"
    records.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    env = {**os.environ, "BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive"}
    env.pop("OPENAI_BASE_URL", None)
    with briefing_page(folder, env, ingest=[records]) as url:
        yield url


def test_hostile_articles_are_inert_on_the_page_and_in_downloads(app: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    own = urlparse(app).netloc
    elsewhere: list[str] = []

    def remote(url: str) -> bool:
        parts = urlparse(url)
        return parts.scheme not in ("file", "data", "blob", "about") and parts.netloc != own

    def record(request) -> None:  # every request the browser makes, from any page of the context
        if remote(request.url):
            elsewhere.append(request.url)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        context.on("request", record)
        # counted above, then stopped here: nothing leaves the machine even if the test is about to fail
        context.route("**/*", lambda route: route.abort() if remote(route.request.url) else route.continue_())
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(app, wait_until="domcontentloaded")
        page.get_by_text("Engine:").wait_for()

        def inert(where: str) -> None:
            assert page.evaluate("window.__pwned") is None, f"an injected script ran ({where})"
            assert elsewhere == [], f"requests to other hosts ({where}): {elsewhere}"
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 1, f"the page is {wide}px wider than the window ({where})"
            shown = "#chatbot *, #brief *, #articles *, #results *, #history *"
            shown += ", #article *" if page.locator("#article-panel.open").count() else ""  # closed: off-screen
            assert page.evaluate(OVERFLOWING, shown) == [], where
            for selector in ("img[src*='remote-host']", "script:not([src])", "iframe", "svg[onload]", "[onerror]"):
                places = ("#chatbot", "#brief", "#articles", "#article", "#history")
                found = ", ".join(f"{place} {selector}" for place in places)
                assert page.locator(f"{found}, [role=listbox] {selector}").count() == 0

        def open_cited(where: str, marks) -> None:
            """Hover every citation mark (its hostile passage pops up) and open each in the panel."""
            texts = []
            for n in range(marks.count()):
                marks.nth(n).hover()
                marks.nth(n).locator(".cite-pop").wait_for(state="visible")
                passage = " ".join(marks.nth(n).locator(".cite-quote").inner_text().split())
                marks.nth(n).click()
                page.wait_for_function(
                    "text => [...document.querySelectorAll('#article mark')]"
                    ".map(m => m.innerText).join(' ').split(/\\s+/).join(' ').trim() === text",
                    arg=passage,
                )
                page.wait_for_timeout(500)
                inert(f"{where}, article of mark {n + 1} opened")
                texts.append(page.locator("#article").inner_text())
                live = "a[href^='javascript'], a[href*='remote-host'], img"
                assert page.locator("#article").locator(live).count() == 0
            opened = " ".join(texts)
            assert f"<script>{PWN}</script>" in opened and f"//{REMOTE}/" in opened  # hostile text, as text

        # chat: an answer that quotes the hostile sentence, and every quoted source opened
        page.locator("#question textarea").fill("How many ships were waiting to load grain at Odesa on Monday?")
        page.locator("#ask").click()
        bot = page.locator("#chatbot")
        bot.locator("summary").first.wait_for()
        page.wait_for_timeout(1500)  # give a stray image or handler time to fire
        inert("chat answer")
        bot.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")  # fires `toggle`
        bot.locator("blockquote").first.wait_for(state="visible")
        text = bot.inner_text()
        assert "40 ships" in text and f"![pixel](//{REMOTE}/pixel.png?q=chat)" in text  # shown, as text
        assert f"<script>{PWN}</script>" in text and "Odesa port reopens" in text
        assert bot.locator("a[href^='javascript'], a[href*='remote-host']").count() == 0
        page.wait_for_timeout(1000)
        inert("chat, sources opened")
        open_cited("chat", bot.locator(".cite"))
        page.screenshot(path=str(tmp_path / "hostile-chat-panel.png"))

        # brief, and both downloads
        page.get_by_role("tab", name="Brief").click()
        page.get_by_label("Topic (empty: everything stored)").fill("grain ships at Odesa")
        page.locator("#write-brief").click()
        brief = page.locator("#brief")
        brief.get_by_text("Bottom line").wait_for()
        assert "remote-host.invalid" in brief.inner_text() and "Harbour Post</a>" in brief.inner_text()
        assert brief.locator("a[href^='javascript'], a[href*='remote-host'], img").count() == 0
        page.wait_for_timeout(1500)
        inert("brief")
        open_cited("brief", brief.locator(".cite"))
        page.screenshot(path=str(tmp_path / "hostile-brief-panel.png"))
        expect(page.locator("#history")).to_contain_text("grain ships at Odesa", timeout=60_000)  # kept, listed
        saved = {kind: download(page, kind, tmp_path / f"brief.{kind}") for kind in ("md", "html")}
        assert "![" not in saved["md"].read_text() and "<script" not in saved["html"].read_text()

        # the library: the table and the result of a pasted hostile article
        page.get_by_role("tab", name="Library").click()
        table = page.locator("#articles")
        expect(table).to_contain_text("Odesa port reopens", timeout=60_000)
        expect(table).to_contain_text(f"<script>{PWN}</script>")
        # the outlet filter lists the outlets, hostile ones included, as text
        page.locator("#filter-source input").click()
        expect(page.get_by_role("option", name=f'<a href="javascript:{PWN}">Harbour Post</a>')).to_be_visible()
        page.wait_for_timeout(1000)
        inert("outlet filter")
        page.get_by_role("option", name=f'<a href="javascript:{PWN}">Harbour Post</a>').click()
        expect(page.locator("#counts")).to_contain_text("1 shown", timeout=60_000)
        expect(table).to_contain_text("Odesa port reopens")
        inert("library filtered by a hostile outlet")
        page.locator("#filter-source input").click()
        page.get_by_role("option", name="All sources").click()
        expect(page.locator("#counts")).not_to_contain_text("shown", timeout=60_000)
        # exact: the chat's message has an aria-label holding its markup (a status's title="...")
        page.get_by_label("Title", exact=True).fill(f"<img src=//{REMOTE}/pasted.png onerror={PWN}> Pasted")
        page.get_by_label("Source", exact=True).last.fill(f"[outlet](javascript:{PWN})")
        page.get_by_label("Article text").fill(
            f"Customs officers at Odesa inspected 12 grain ships <img src=//{REMOTE}/p.png> on Wednesday."
        )
        page.locator("#add-pasted").click()
        expect(page.locator("#results")).to_contain_text("1 added", timeout=60_000)
        expect(table).to_contain_text("Pasted", timeout=60_000)
        page.wait_for_timeout(1500)
        inert("library")

        # the downloaded page, opened from disk
        from_disk = context.new_page()
        from_disk.goto(saved["html"].as_uri())
        from_disk.get_by_text("Bottom line").wait_for()
        assert f"<script>{PWN}</script>" in from_disk.inner_text("body")
        from_disk.wait_for_timeout(1000)
        assert from_disk.evaluate("window.__pwned") is None
        inline = "img[src^='data:image/png;base64,']"  # the timeline picture, inline: it loads nothing
        assert from_disk.locator(inline).count() == from_disk.locator("img").count() == 1
        assert from_disk.locator(f"img:not({inline}), script, iframe, a[href^='javascript']").count() == 0
        assert elsewhere == [], f"requests to other hosts (downloaded .html): {elsewhere}"
        browser.close()
