"""Time from question to first streamed token, and to the checked answer, in the page (real Chromium).

Starts `briefing serve` on a free port with the seed ingested (engine from --engine, default local),
asks the seed questions through the page with Playwright driving Debian's /usr/bin/chromium, and
prints the figures. Run: .venv/bin/python bench/bench_page.py [--engine local|extractive]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/servers.py, shared with the integration tests
from tests.servers import CHROMIUM, CHROMIUM_ARGS, briefing_page  # noqa: E402

QUESTIONS = [
    "Where is Russia's 41st army stationed?",
    "How many troops has Russia stationed on the border?",
    "What did the Kremlin blame?",
]
FIRST_TOKEN = """() => { const m = [...document.querySelectorAll('#chatbot [data-testid="bot"]')];
  const last = m[m.length - 1]; return last && last.innerText.trim().length > 1 && !last.innerText.includes('…'); }"""
DONE = """() => { const t = document.querySelector('#chatbot').innerText;
  return t.includes('citation check') || t.includes("don't cover") || t.includes('[1]') && !t.includes('…'); }"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="local", choices=["local", "extractive"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BRIEFING_STORE_DIR": str(Path(tmp) / "store"), "BRIEFING_ENGINE": args.engine}
        with briefing_page(Path(tmp), env, ingest=[ROOT / "seeds"]) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.set_default_timeout(180_000)
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_text("Engine:").wait_for()
            for question in QUESTIONS:
                page.locator("#question textarea").fill(question)
                start = time.monotonic()
                page.locator("#ask").click()
                page.wait_for_function(FIRST_TOKEN)
                first = time.monotonic() - start
                page.wait_for_function(DONE)
                print(
                    f"{args.engine}: {question[:45]:45s} first token {first:5.2f} s, "
                    f"checked answer {time.monotonic() - start:5.2f} s"
                )
                page.locator("#new-conversation").click()
                time.sleep(1)
            browser.close()


if __name__ == "__main__":
    main()
