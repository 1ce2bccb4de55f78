"""Hostile source text through every renderer: it is shown as text, never as markup, a link or an image.

The renderers: a claim, a byline, the `Sources` list, an answer's text and Markdown, a brief's Markdown
(the `.md` download and `briefing brief`), the chat's answer and its expandable sources, and the `.html`
download. Each hostile string goes into every field that holds source text (title, outlet, date, quoted
passage, claim, label); each must come out inert and still readable as it was written.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

import briefing
from briefing.results import Answer, Brief, Part, Section, render_sources
from briefing.text.markup import md_link, md_text, to_html, web_url
from briefing.types import Claim, Lead, Quote, Source
from briefing.ui import PAGE_CSS, Handlers, answer_markdown, sources_markdown
from briefing.ui.library import Library
from briefing.ui.render import brief_markdown
from tests.conftest import unmarked
from tests.reliability.hostile import (
    HOSTILE,
    HOSTILE_URLS,
    REMOTE,
    markdown_problems,
    render_markdown,
    scan_html,
    shown,
)

PICTURE = re.compile(r"<p><img src='data:image/png;base64,([A-Za-z0-9+/=]+)' alt='[\w\s:,]*'></p>")


def _source(text: str, url: str = "") -> Source:
    return Source(1, "a1", text, text, text, url, [Quote(text, 0, len(text), "p1")])


def _answer(text: str, label: str | None = None) -> Answer:
    leads = [Lead(text, [1], 1, [text], label=label)]  # a short answer is source text too
    return Answer("q", [Claim(text, [1], label)], [_source(text)], leads=leads)


def _brief(text: str) -> Brief:
    claims = [Claim(text, [1], reports=1, outlets=[text]), Claim(text, [1], label=text, reports=2)]
    sections = [Section(Part.BOTTOM_LINE, claims[:1]), Section(Part.KEY_FIGURES, claims)]
    return Brief(f"Situation brief: {text}", text, sections, [_source(text)], 1, outlets=1)


def _body(page: str) -> str:
    return page[page.index("<body>") + len("<body>") : page.index("</body>")]


def _without_picture(page: str) -> str:
    """The page without the one timeline picture it may embed, after checking that picture is an inline
    PNG (which loads nothing) and that the page's policy allows images from `data:` and nowhere else."""
    pictures = PICTURE.findall(page)
    assert len(pictures) <= 1
    policy = re.search(r'content="([^"]*)"', page)
    assert policy is not None and policy[1].startswith("default-src 'none'")
    assert policy[1].endswith("; img-src data:") if pictures else "img-src" not in policy[1]
    for data in pictures:
        assert base64.b64decode(data, validate=True).startswith(b"\x89PNG\r\n\x1a\n")
    return PICTURE.sub("", page)


def markdown_outputs(text: str) -> dict[str, str]:
    """Every Markdown form that holds `text` in one or more source fields."""
    answer, labelled, brief = _answer(text), _answer(text, label=text), _brief(text)
    return {
        "claim": Claim(text, [1], label=text).markdown(),
        "byline": _source(text).byline(),
        "sources list": render_sources([_source(text)]),
        "answer text": answer.text,
        "answer in parts": labelled.text,
        "answer markdown (CLI, API)": answer.markdown,
        "brief markdown (.md download, CLI)": brief.markdown,
        "chat answer": answer_markdown(answer),
        "brief on the page": brief_markdown(brief),
    }


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_markdown_renderers_show_hostile_text_as_text(text: str) -> None:
    for name, markdown in markdown_outputs(text).items():
        assert markdown_problems(markdown) == [], name
        _, visible = scan_html(render_markdown(markdown))
        assert shown(text) in visible, f"{name} does not show the text as written"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_html_renderers_show_hostile_text_as_text(text: str) -> None:
    chat_sources = sources_markdown(_answer(text))  # an HTML block inside the chat's Markdown
    problems, visible = scan_html(chat_sources)
    assert problems == [] and shown(text) in visible
    assert markdown_problems(chat_sources) == []  # nor does it break out of its block into Markdown
    brief = _brief(text)
    page = to_html(brief.markdown, brief.title)
    problems, visible = scan_html(_body(page))
    assert problems == [] and shown(text) in visible
    assert "<script" not in page and "<img" not in page and "<iframe" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page  # loads nothing even if it slipped


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_urls_become_links(url: str) -> None:
    source = _source("Harbour Post", url)
    listed = render_sources([source])
    assert markdown_problems(listed) == []
    assert "javascript" not in listed.lower() and "data:" not in listed
    assert web_url(url) is None and md_link(url) == ""
    brief = Brief("Situation brief", None, [Section(Part.BOTTOM_LINE, [Claim("Ships wait.", [1])])], [source], 1)
    assert scan_html(_body(to_html(brief.markdown, brief.title)))[0] == []


@pytest.mark.parametrize(
    "url", ["https://news.example/odesa?id=1&page=2", "http://news.example/a_(b)", "HTTPS://NEWS.EXAMPLE/X"]
)
def test_web_addresses_stay_links(url: str) -> None:
    listed = render_sources([_source("Harbour Post", url)])
    assert f"<{url}>" in listed
    assert f'href="{url.replace("&", "&amp;")}"' in render_markdown(listed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40 ships wait, at $5 a ton (officials said).", "40 ships wait, at $5 a ton (officials said)."),
        ("a*b_c", "a\\*b\\_c"),
        ("<b>", "\\<b\\>"),
        ("# 1", "\\# 1"),
        ("1. first", "1\\. first"),
        ("one\n\ntwo", "one two"),
        ("see http://x.example", "see http\\://x.example"),
    ],
)
def test_md_text_escapes_only_what_is_markup(text: str, expected: str) -> None:
    assert md_text(text) == expected


def test_long_unbroken_strings_wrap() -> None:
    assert "overflow-wrap: anywhere" in PAGE_CSS and "#chatbot" in PAGE_CSS and "#articles" in PAGE_CSS
    assert "overflow-wrap:anywhere" in to_html("# x", "x")


# --- end to end through the page's handlers: ingest hostile articles, ask, brief, list ---------------------

ODESA = "Officials said 40 ships were waiting to load grain at Odesa"


@pytest.fixture
def hostile_handlers(fake_runtime: briefing.Runtime) -> Handlers:
    articles = [
        briefing.make_article(
            f"{ODESA} ![pixel](//{REMOTE}/pixel.png?q=chat) on Monday. The port of Odesa reopened on Monday "
            "after a week of closures <img src=x onerror=window.__pwned=1>, the harbour master said.",
            title="<script>window.__pwned=1</script> Odesa port [reopens](javascript:window.__pwned=1)",
            source=f"<img src=http://{REMOTE}/outlet.png> Harbour Post",
            url="javascript:window.__pwned=1",
            date="2024-03-04",
        ),
        briefing.make_article(
            "More than 60 ships were waiting to load grain at Odesa <script>window.__pwned=1</script> on "
            "Tuesday, the dockers' union said.",
            title=f"![x](http://{REMOTE}/title.png) Grain ships wait",
            source="Coastal <iframe src=//remote-host.invalid/f></iframe> Times",
            url=f'http://{REMOTE}/a"><img src=x onerror=window.__pwned=1>',
            date="2024-03-05",
        ),
    ]
    briefing.ingest(articles, runtime=fake_runtime)
    return Handlers(fake_runtime)


def test_hostile_articles_through_the_handlers(hostile_handlers: Handlers) -> None:
    question = "How many ships were waiting to load grain at Odesa on Monday?"
    *_, (messages, _, _) = hostile_handlers.chat(question, [], [])
    chat = messages[-1]["content"]
    assert "40 ships" in chat and "pixel.png" in chat  # the hostile sentence is quoted ...
    assert markdown_problems(chat) == []  # ... as text
    markdown, md, page, *_ = hostile_handlers.brief("grain ships Odesa")
    assert "Odesa" in markdown and "pixel.png" in markdown
    assert markdown_problems(markdown) == [] and Path(md).read_text() == unmarked(markdown)
    assert markdown_problems(Path(md).read_text()) == []
    html_page = Path(page).read_text()
    assert PICTURE.search(html_page)  # the brief's events and articles are dated: it has its picture
    problems, visible = scan_html(_body(_without_picture(html_page)))
    assert problems == [] and "<script>window.__pwned=1</script> Odesa port" in visible
    table, _, _ = Library(hostile_handlers).show()
    titles = {row[1] for row in table}  # the table holds data; the browser test shows it renders as text
    assert "<script>window.__pwned=1</script> Odesa port [reopens](javascript:window.__pwned=1)" in titles
