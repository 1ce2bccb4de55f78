"""The command line's group and commands: each parses its input, calls the API in `briefing` and prints the
result. No logic of its own. The commands that answer (`ask`, `chat`, `brief`) are in `answers.py`, those
that follow feeds in `feeds.py`; this module adds them to the group."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import briefing
from briefing.cli import feeds, mcp
from briefing.cli.answers import ask, brief, chat
from briefing.cli.options import Registered, fail, guard
from briefing.config import get_settings
from briefing.models import registry
from briefing.sources.fetching import is_url
from briefing.text.clean import printable_line
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


for command in (ask, chat, brief, feeds.feeds, feeds.fetch, feeds.watch, mcp.mcp):
    cli.add_command(command)


def main() -> None:
    """Console entry point."""
    cli()
