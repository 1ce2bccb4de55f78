"""The article panel: a click on a citation mark opens the cited article beside the page, the quoted
sentence highlighted and scrolled into view.

The bridge from the rendered Markdown to Python is a few lines of page script: a click (or Enter) on a
`.cite` mark copies its `open-<article>-<start>-<end>` class into a hidden textbox, whose change event runs
`open_article`. The script only reads a class name and sets a textbox's value; the article itself comes
back from the server as Markdown made of escaped text (`briefing.text.markup`), like everything else shown.
"""

from __future__ import annotations

import re
from typing import Any

import briefing
from briefing.text.markup import html_run, html_text, web_url
from briefing.ui.render import problem

# Runs once when the page loads (`launch(js=...)`).
PAGE_JS = """() => {
  let asked = 0;
  const open = (mark) => {
    const where = [...mark.classList].find((name) => name.startsWith("open-"));
    const box = document.querySelector("#open-article textarea, #open-article input");
    if (!where || !box) return;
    box.value = `${where.slice(5)} ${++asked}`;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const markOf = (event) => event.target instanceof Element ? event.target.closest(".cite") : null;
  document.addEventListener("click", (event) => {
    const mark = markOf(event);
    if (mark) { event.preventDefault(); open(mark); }
  });
  document.addEventListener("keydown", (event) => {
    const mark = markOf(event);
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); open(mark); }
  });
  // the popover opens toward where its text has more room (sideways and up or down), no wider than that
  const place = (event) => {
    const mark = markOf(event);
    if (!mark) return;
    const at = mark.getBoundingClientRect();
    const box = (mark.closest("#chatbot, #brief") || document.body).getBoundingClientRect();
    const right = box.right - at.left, left = at.right - box.left;
    mark.classList.toggle("cite-left", left > right);
    const above = at.top - Math.max(box.top, 0), below = Math.min(box.bottom, window.innerHeight) - at.bottom;
    mark.classList.toggle("cite-up", above > below);
    mark.style.setProperty("--room", `${Math.max(120, Math.max(left, right) - 24)}px`);
  };
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);
}"""
# After the panel is filled: bring the highlighted sentence into view (once the new text is on the page).
SCROLL_JS = """() => {
  let tries = 0;
  const show = () => {
    const mark = document.querySelector("#article mark");
    if (mark) mark.scrollIntoView({ block: "center" });
    else if (++tries < 20) setTimeout(show, 100);
  };
  setTimeout(show, 50);
}"""
PANEL_CSS = (
    ".cite { color: var(--link-text-color, #2563eb); cursor: pointer; position: relative; white-space: nowrap; } "
    ".cite:hover, .cite:focus-visible { text-decoration: underline; } "
    ".cite .cite-pop { display: none; position: absolute; left: 0; top: 1.5em; z-index: 60; "
    "width: min(26em, var(--room, 60vw)); white-space: normal; overflow-wrap: anywhere; text-align: left; "
    "background: var(--background-fill-primary, #fff); color: var(--body-text-color, #111); "
    "border: 1px solid var(--border-color-primary, #ccc); border-radius: 6px; padding: .5em .7em; "
    "box-shadow: 0 4px 14px rgba(0,0,0,.18); font-size: .9em; font-weight: normal; font-style: normal; } "
    ".cite:hover .cite-pop, .cite:focus-visible .cite-pop { display: block; } "
    ".cite.cite-left .cite-pop { left: auto; right: 0; } "
    ".cite.cite-up .cite-pop { top: auto; bottom: 1.5em; } "
    ".cite-from { display: block; margin-top: .35em; color: var(--body-text-color-subdued, #666); font-size: .85em; } "
    ".claim-status { font-size: .68em; color: var(--body-text-color-subdued, #777); margin-left: .2em; } "
    ".status-repaired { color: #b45309; } "
    "#article, #article * { overflow-wrap: anywhere; } "
    "#article mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }"
)
_CITATION = re.compile(r"^([0-9A-Za-z]{1,64})(?:-(\d{1,9})-(\d{1,9}))?(?:\s+\d+)?$")
_PARAGRAPH = re.compile(r"\S(?:(?!\n\s*\n).)*", re.DOTALL)  # a run of text without a blank line in it


def read_citation(value: str) -> tuple[str, int, int] | None:
    """(article id, start, end) from what the page script sends (`<id>-<start>-<end> <n>`), or None."""
    found = _CITATION.match((value or "").strip())
    if not found:
        return None
    start, end = int(found[2] or 0), int(found[3] or 0)
    return found[1], start, max(start, end)


def highlighted(text: str, start: int, end: int) -> str:
    """The article's text as HTML paragraphs (escaped), the characters `start:end` in <mark>."""
    out = []
    for para in _PARAGRAPH.finditer(text):
        a, b = para.start(), len(para[0].rstrip()) + para.start()
        lo, hi = min(max(start, a), b), max(min(end, b), a)
        inner = html_run(text[a:lo]) + (f"<mark>{html_run(text[lo:hi])}</mark>" if hi > lo else "")
        out.append(f"<p>{(inner + html_run(text[hi:b])).strip()}</p>")
    return "".join(out)


def article_markdown(article: briefing.Article, start: int = 0, end: int = 0) -> str:
    """The article panel: title, outlet and date, a link to the original (http(s) only), the whole text with
    the quoted passage highlighted. One HTML block of escaped text (no blank line can end it)."""
    meta = " · ".join(html_text(x) for x in (article.source, article.date or "") if x)
    url = web_url(article.url)
    if url:
        meta += f' · <a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">original</a>'
    found = 0 <= start < end <= len(article.text) and article.text[start:end].strip()
    note = "" if found or not end else "<p><em>The quoted passage is no longer in this article.</em></p>"
    body = highlighted(article.text, start, end) if found else highlighted(article.text, 0, 0)
    return f'<div class="article-text"><h3>{html_text(article.title)}</h3><p>{meta}</p>{note}{body}</div>'


def open_article(runtime: briefing.Runtime, citation: str) -> tuple[str, Any]:
    """The panel's text for a click on a citation mark, and the panel opened."""
    import gradio as gr

    wanted = read_citation(citation)
    if wanted is None:
        return f"{problem(ValueError('that citation does not name a stored article'))}", gr.Sidebar(open=True)
    article_id, start, end = wanted
    try:
        shown = article_markdown(briefing.article(article_id, runtime=runtime), start, end)
    except Exception as exc:
        shown = problem(exc)
    return shown, gr.Sidebar(open=True)


def article_panel(h: Any, collection: Any) -> None:
    """The side panel (closed until a citation is clicked) and the hidden box the page script writes to.
    `h` is the page's Handlers; the article is read from the session's `collection`."""
    import gradio as gr

    with gr.Sidebar(open=False, position="right", width="42%", elem_id="article-panel") as panel:
        hint = "Click a citation mark such as [1] to read its article here."
        shown = gr.Markdown(hint, elem_id="article", latex_delimiters=[])
    citation = gr.Textbox(visible="hidden", elem_id="open-article")

    def opened(value: str, name: str) -> tuple[str, Any]:
        try:
            runtime = h.on(name)
        except Exception as exc:
            return problem(exc), gr.Sidebar(open=True)
        return open_article(runtime, value)

    hidden: dict[str, Any] = {"api_visibility": "undocumented"}
    citation.change(opened, [citation, collection], [shown, panel], **hidden).then(
        None, None, None, js=SCROLL_JS, **hidden
    )
