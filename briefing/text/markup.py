"""Source text made inert: what an article says is shown as its text, never as markup, a link or an image.

Article text, titles, outlets and URLs come from whoever wrote the page that was ingested, and a model's
words may repeat them. Every place such text becomes Markdown or HTML goes through these functions:
Markdown and HTML specials are escaped, line breaks cannot start a new block, bare web addresses do not
become links, and a URL is a link only when it is http(s). The brief's `.html` download is made here too.
"""

from __future__ import annotations

import html
import re

# Characters that start Markdown (CommonMark and GitHub's) inline syntax: emphasis, code, links and
# images (`![` is harmless once `[` is escaped), raw HTML and autolinks, entities, tables, strikethrough.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# What starts a block when it opens a line: heading, quote, list, setext underline, numbered list.
_BLOCK_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")
# Bare addresses GitHub-flavoured Markdown turns into links (marked, in the page, does).
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<![\w.])(www)(\.)")
_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]+\s*")
_WEB_URL = re.compile(r"(?i)^https?://[^\s<>\"'`\\\x00-\x1f\x7f]+$")


def one_line(text: str) -> str:
    """`text` with its line breaks made spaces, so it cannot end the block it is placed in."""
    return _LINE_BREAK.sub(" ", text or "").strip()


def md_text(text: str) -> str:
    """Source text as Markdown that shows exactly this text: no markup, link, image or HTML survives."""
    out = _SPECIAL.sub(r"\\\1", one_line(text))
    out = _BARE_LINK.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", out)
    return _BLOCK_START.sub(lambda m: f"\\{m[0]}" if not m[0].isdigit() else m[0] + "\\", out)


# A backslash escape (CommonMark escapes any ASCII punctuation), or an autolink as `md_link` writes it.
_ESCAPE_OR_AUTOLINK = re.compile(r"\\([!-/:-@\[-`{-~])|<(https?://[^\s<>\\]+)>")


def terminal_text(markdown: str) -> str:
    """Markdown made by this module as a terminal shows it best: the escapes gone (`5\\.5` is `5.5`,
    `\\[Jourova\\]` is `[Jourova]`) and autolinks bare; emphasis marks (`**`, `_`) stay, as readable as any."""
    return _ESCAPE_OR_AUTOLINK.sub(lambda m: m[1] or m[2], markdown)


def html_text(text: str) -> str:
    """Source text as HTML text; also inert inside a Markdown HTML block (it cannot end the block, and a
    renderer that links bare addresses or reads `![…](…)` finds none)."""
    out = html.escape(one_line(text), quote=True).replace("[", "&#91;").replace("]", "&#93;")
    return _BARE_LINK.sub(lambda m: "&#58;" if m[1] else f"{m[2]}&#46;", out)


def html_run(text: str) -> str:
    """Source text as HTML text, as `html_text` makes it but keeping a space at either end: for pieces of
    one text set side by side (the words around a highlighted sentence)."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + html_text(text) + tail


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address that can be shown as a link, else None (`javascript:`, …)."""
    value = (url or "").strip()
    return value if _WEB_URL.match(value) else None


def md_link(url: str | None) -> str:
    """An http(s) URL as a Markdown autolink (`<https://…>`); anything else as nothing."""
    value = web_url(url)
    return f"<{value}>" if value else ""


# The download is opened from disk: it may load nothing (no script, image, font or frame from anywhere).
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
PICTURE_POLICY = "; img-src data:"  # added only when the page embeds its timeline picture, which is inline
HTML_STYLE = (
    "body{font-family:Georgia,serif;max-width:48em;margin:2em auto;line-height:1.45;overflow-wrap:anywhere}"
    "img{max-width:100%}"
)
TIMELINE_HEADING = "<h2>Timeline</h2>"


def to_html(markdown: str, title: str, picture: bytes | None = None, tail: str = "") -> str:
    """A standalone HTML page of a brief, with its timeline picture (PNG bytes) under the Timeline heading.

    Source text in the Markdown is escaped already (`md_text` above); raw HTML is shown as text here
    too, and the page's policy forbids loading anything, so the file is inert twice over. The picture is
    a `data:` image, the one kind the policy then allows. `tail` is HTML put after the body, made by the
    caller from escaped text (`html_text`) alone.
    """
    import base64

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(markdown)
    policy = HTML_POLICY
    if picture:
        policy += PICTURE_POLICY
        data = base64.b64encode(picture).decode("ascii")
        figure = f"<p><img src='data:image/png;base64,{data}' alt='Timeline picture: events and articles per day'></p>"
        # headings come only from the brief's parts (source text cannot make one), so this is that part's
        at = body.find(TIMELINE_HEADING)
        at = at + len(TIMELINE_HEADING) if at >= 0 else len(body)
        body = body[:at] + figure + body[at:]
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{policy}\">"
        f"<title>{html_text(title)}</title><style>{HTML_STYLE}</style></head><body>{body}{tail}</body></html>"
    )
