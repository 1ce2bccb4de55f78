"""The command line's group and commands: each parses its input, calls the API in `briefing` and prints the
result. No logic of its own."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

import briefing
from briefing.cli import feeds, mcp
from briefing.cli.options import (
    Registered,
    changes_since_option,
    dates,
    fail,
    filter_options,
    guard,
)
from briefing.config import get_settings
from briefing.models import registry
from briefing.sources.fetching import is_url
from briefing.text.clean import printable_line
from briefing.text.markup import terminal_text
from briefing.types import outlet_name


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Store folder (BRIEFING_STORE_DIR, default vectorstore/).",
)
@click.option("--collection", help="Collection in the store (BRIEFING_COLLECTION, default briefing).")
@click.option(
    "--engine",
    type=Registered(lambda: registry.engine_names()),
    help="Answer engine (BRIEFING_ENGINE, default auto: openai when OPENAI_API_KEY/OPENAI_BASE_URL is set).",
)
@click.version_option(package_name="briefing")
@click.pass_context
def cli(ctx: click.Context, store_dir: Path | None, collection: str | None, engine: str | None) -> None:
    """Sourced situation briefs and cited answers from news articles.

    Ingest articles, then ask questions or write a one-page brief. Every sentence shown is quoted
    from a source and cites it; when the sources don't cover a question, briefing says so.

    \b
    Examples:
      briefing ingest seeds/ news.csv
      briefing ask "How many troops are on the border?" --since 2021-11-01
      briefing brief "NATO" -o brief.md
      OPENAI_BASE_URL=http://127.0.0.1:8080/v1 briefing ask "Where is the 41st army?"
    """
    given = {"store_dir": store_dir, "collection": collection, "engine": engine}
    overrides = {k: v for k, v in given.items() if v}
    try:
        ctx.obj = briefing.Runtime(get_settings(**overrides))
    except ValueError as exc:
        fail(f"bad setting: {exc}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="Outlet of the articles whose file names none (else they have no outlet).")
@click.option(
    "--progress/--no-progress", default=None, help="Show progress: a bar on a terminal, else a line every few seconds."
)
@click.option("--sync", is_flag=True, help="Remove what was stored from a file that it no longer holds.")
@click.pass_obj
def ingest(rt: briefing.Runtime, paths: tuple[str, ...], source: str | None, progress: bool | None, sync: bool) -> None:
    """Add articles from files or folders (searched recursively), or from feed or article URLs.

    Formats: .txt (optionally starting `date 2024-05-14`, `date 14/05/2024` or `date 14 May 2024`),
    .md (YAML front matter: title, date, source, url, author), .html/.htm, .json/.jsonl records and
    .csv with a header; records take `text` and optional `title`, `source`, `url`, `date`. Bad files
    are reported and skipped; the rest still lands. Exits 1 only when nothing could be ingested.

    A URL is a feed (its items are fetched as articles: each page's text, else the feed's summary) or an
    article page; see also `briefing feeds add` and `briefing fetch`.

    A record is known by its id (within its outlet), else its URL, else its text: an edit replaces it,
    a row moved stays. Articles a file no longer holds are reported and kept; --sync removes them.
    """
    items = [p if is_url(p) else Path(p) for p in paths]  # a feed's or a page's URL is fetched
    report = guard(lambda: briefing.ingest(items, source=source, runtime=rt, progress=progress, sync=sync))
    lines = [f"skipped {name}: {reason}" for name, reason in report.skipped]
    lines += [f"note {name}: {note}" for name, note in report.notes]
    for line in [*lines, *report.left_lines()]:  # file names as one clean line: no escape, bidi or break of theirs
        click.echo(printable_line(line), err=True)
    click.echo(report.summary())
    if report.ingested == 0:
        sys.exit(1)


def _show(stream: briefing.AnswerStream, markdown: bool = False) -> briefing.Answer:
    """Print tokens as they come on a terminal, then replace them with the checked answer (as plain text, or
    as the Markdown the page and `.md` files show when `markdown`)."""
    live = sys.stdout.isatty()
    written = ""
    for token in stream:
        if live:
            written += token
            click.echo(click.style(token, dim=True), nl=False)
    answer = stream.result()
    if live and written:
        width = shutil.get_terminal_size().columns
        rows = sum(max(1, -(-len(line) // width)) for line in written.split("\n"))
        click.echo("\r\x1b[2K" + "\x1b[1A\x1b[2K" * (rows - 1), nl=False)  # erase the draft, bottom up
    click.echo(answer.markdown if markdown else terminal_text(answer.markdown))
    return answer


@cli.command()
@click.argument("question")
@filter_options
@click.option("-k", "k", type=click.IntRange(1, 50), help="Passages to retrieve (BRIEFING_TOP_K, default 6).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--markdown", is_flag=True, help="Print the answer as Markdown (escaped as a renderer needs it).")
@click.pass_obj
def ask(
    rt: briefing.Runtime,
    question: str,
    since: Any,
    until: Any,
    source: str | None,
    k: int | None,
    as_json: bool,
    markdown: bool,
) -> None:
    """Answer QUESTION from the stored articles, citing a source for every sentence.

    With an LLM engine the answer streams as it is written (shown dim), then is replaced by the
    checked answer: every sentence must be supported by the source it cites, or it is repaired or
    dropped; the last line says how many.
    """
    filters: dict[str, Any] = {"filters": dates(since, until, source), "k": k}
    if as_json:
        answer = guard(lambda: briefing.ask(question, **filters, runtime=rt))
        data = {
            "question": answer.question,
            "text": answer.text,
            "abstained": answer.abstained,
            "answer_span": answer.answer_span,
            "reports": answer.reports,
            "outlets": answer.outlets,
            "leads": [asdict(lead) for lead in answer.leads],
            "engine": answer.engine,
            "claims": [asdict(c) for c in answer.claims],
            "sources": [asdict(s) for s in answer.sources],
            "check": [asdict(v) for v in answer.check.verdicts] if answer.check else None,
            "notes": answer.notes,
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        guard(lambda: _show(briefing.ask_stream(question, **filters, runtime=rt), markdown))


@cli.command()
@filter_options
@click.pass_obj
def chat(rt: briefing.Runtime, since: Any, until: Any, source: str | None) -> None:
    """Ask questions one after another; follow-ups ("and where is it?") use the conversation.

    An empty line or Ctrl-D ends the chat.
    """
    conversation = briefing.Conversation(rt, dates(since, until, source))
    click.echo(f"engine: {rt.engine_label}. Ask away; an empty line ends.")
    while True:
        try:
            question = input("\n> ").strip()
        except EOFError:
            break
        if not question:
            break
        stream = guard(lambda q=question: conversation.ask_stream(q))
        guard(lambda s=stream: _show(s))


@cli.command()
@click.argument("topic", required=False)
@filter_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the brief to this file: .md, .html, .pdf or .docx (by its suffix).",
)
@click.option("--words", type=click.IntRange(150, 2000), help="Word budget (BRIEFING_BRIEF_WORDS, default 600).")
@click.option(
    "--changes-since",
    "changes_since",
    metavar="YYYY-MM-DD|last",
    callback=changes_since_option,
    help="Add what was first reported after this day, or what is new to the store since the last brief kept "
    "for the collection (`last`).",
)
@click.option(
    "--evidence/--no-evidence",
    default=None,
    help="With -o: add an Evidence appendix quoting each cited passage (default: on for .html, off otherwise).",
)
@click.option("--markdown", is_flag=True, help="Print the brief as Markdown (escaped as a renderer needs it).")
@click.pass_obj
def brief(
    rt: briefing.Runtime,
    topic: str | None,
    since: Any,
    until: Any,
    source: str | None,
    output: Path | None,
    words: int | None,
    changes_since: Any,
    evidence: bool | None,
    markdown: bool,
) -> None:
    """Write a one-page situation brief on TOPIC (or on everything stored) in Markdown, or to a file.

    Parts: Bottom line; Key developments; Disputed or unconfirmed; Actors and positions; Key figures;
    Timeline; Outlook / what to watch; (What changed since DATE); Sources. Every line is a quoted source
    sentence with its citations and how many independent sources carry it (reprints counted once).
    """
    from briefing.export import check_path, save  # fpdf2, python-docx, matplotlib load only when writing

    if output:
        guard(lambda: check_path(output))
    result = guard(
        lambda: briefing.summarize(
            topic=topic,
            filters=dates(since, until, source),
            words=words,
            changes_since=changes_since,
            runtime=rt,
        )
    )
    if output:
        guard(lambda: save(result, output, evidence=evidence))
        click.echo(f"wrote {output} ({len(result.markdown.split())} words, {len(result.sources)} sources)")
    else:
        click.echo(result.markdown if markdown else terminal_text(result.markdown))


@cli.command()
@click.option("--articles", is_flag=True, help="List every article with its id.")
@click.pass_obj
def stats(rt: briefing.Runtime, articles: bool) -> None:
    """Show what the store holds: articles, chunks, sources, dates, embedding model."""
    s = guard(lambda: briefing.stats(runtime=rt))
    span = f"{s.first_date} to {s.last_date}" if s.first_date else "no dates"
    click.echo(f"store:    {s.location}\nembedder: {s.embedder}\nengine:   {rt.engine_label}")
    click.echo(f"articles: {s.articles}\nchunks:   {s.chunks}\ndates:    {span}")
    top = ", ".join(f"{outlet_name(name)} ({n})" for name, n in s.sources.most_common(10))
    click.echo(f"sources:  {len(s.sources)}{': ' + top if top else ''}")
    if articles:
        for a in guard(lambda: briefing.list_articles(runtime=rt)):
            click.echo(f"{a.id}  {a.date or '----------'}  {outlet_name(a.source)}  {a.title}")


@cli.command()
@click.argument("article_id")
@click.pass_obj
def forget(rt: briefing.Runtime, article_id: str) -> None:
    """Remove the article ARTICLE_ID (or a unique prefix of it) and all its chunks."""
    full, chunks = guard(lambda: briefing.forget(article_id, runtime=rt))
    click.echo(f"removed {full} ({chunks} chunks)")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (0.0.0.0 exposes it).")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on.")
@click.option("--share", is_flag=True, help="Also open a public Gradio share link (off unless asked for).")
@click.option("--insecure", is_flag=True, help="Serve beyond this machine without a login (BRIEFING_AUTH unset).")
@click.option("--api", is_flag=True, help="Also serve the OpenAI-compatible API at /v1 (BRIEFING_OPENAI_API).")
@click.option("--mcp", is_flag=True, help="Also serve the MCP tools at /gradio_api/mcp/ (BRIEFING_MCP).")
@click.pass_obj
def serve(rt: briefing.Runtime, host: str, port: int, share: bool, insecure: bool, api: bool, mcp: bool) -> None:
    """Open the page: chat with sources, one-page brief with downloads, article library.

    Serves on 127.0.0.1 unless --host says otherwise. Any other address needs a login,
    BRIEFING_AUTH=user:password (or a file of such lines), or --insecure to serve it open anyway;
    with --api or --mcp, also a token for them (BRIEFING_API_TOKEN, sent as `Authorization: Bearer`).
    """
    from briefing.ui import exposed
    from briefing.ui import serve as serve_page
    from briefing.ui.app import check_doors

    if exposed(host, rt.settings):
        if not insecure:
            fail(
                f"--host {host} would let other machines use the page without a login: set "
                "BRIEFING_AUTH=user:password (or a file of such lines), or add --insecure to serve it open anyway"
            )
        click.echo(f"warning: serving on {host} without a login (--insecure): open to anyone who reaches it", err=True)
    doors = {name: True for name, asked in (("openai_api", api), ("mcp", mcp)) if asked}
    if doors:
        rt = briefing.Runtime(rt.settings.model_copy(update=doors))
    guard(lambda: check_doors(host, rt.settings, share, insecure))
    click.echo(f"briefing page on http://{host}:{port}  (engine: {rt.engine_label})")
    if rt.settings.openai_api:
        click.echo(f"OpenAI-compatible API on http://{host}:{port}/v1  (models: briefing, briefing-brief)")
    if rt.settings.mcp:
        click.echo(f"MCP tools on http://{host}:{port}/gradio_api/mcp/  (ask, brief, search, get_article, ingest_text)")
    guard(lambda: serve_page(rt, host=host, port=port, share=share, insecure=insecure))


@cli.command()
@click.pass_obj
def doctor(rt: briefing.Runtime) -> None:
    """Check the set-up: store, embedding model and answer engine, and whether each is reachable."""
    problems = 0
    for part, ok, detail in briefing.doctor(runtime=rt):
        problems += not ok
        click.echo(f"{'ok  ' if ok else 'FAIL'}  {part:9s} {detail}")
    sys.exit(1 if problems else 0)


for command in (feeds.feeds, feeds.fetch, feeds.watch, mcp.mcp):
    cli.add_command(command)


def main() -> None:
    """Console entry point."""
    cli()
