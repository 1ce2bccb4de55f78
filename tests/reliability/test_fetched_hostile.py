"""A hostile page fetched from the web goes through the same rules as a hostile file: its markup is text,
its injected paragraph is neither quoted nor shown to a model, and nothing in it loads or runs."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

import briefing
from briefing.config import Settings
from tests.fakes import WordEmbeddings
from tests.reliability.hostile import REMOTE
from tests.servers import fixture_web


def test_a_hostile_page_is_inert_text(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "s", progress=False, allow_private_urls=True, fetch_delay=0)
    rt = briefing.Runtime(settings, embedder=WordEmbeddings())
    with fixture_web() as site:
        report = briefing.fetch([f"{site.base}/articles/hostile.html"], runtime=rt)
    assert report.added == 1, report
    (listed,) = briefing.list_articles(runtime=rt)
    assert "<img" in listed.title and "<script>" in listed.source  # kept as text, as a file's would be
    brief = briefing.summarize(topic="dockers vote on the pay offer", runtime=rt)
    answer = briefing.ask("What did the dockers vote on?", runtime=rt)
    for markdown, claims in ((brief.markdown, brief.claims), (answer.markdown, answer.claims)):
        assert not [c.text for c in claims if "PWNED" in c.text or "Ignore all previous" in c.text]
        html = MarkdownIt("commonmark").render(markdown)
        assert not re.findall(r"<img[^>]*>|<script|javascript:", html.replace("&lt;", "")), html
        assert f'src="http://{REMOTE}' not in html and f'href="http://{REMOTE}' not in html
    assert any("4.5 percent" in c.text for c in brief.claims)
