"""The commands that answer from the stored articles: `ask`, `chat` and `brief`. They parse input, call
`briefing.ask/ask_stream/Conversation/summarize`, and print (streaming as the model writes on a terminal);
`app` adds them to the group."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

import briefing
from briefing.cli.options import changes_since_option, dates, filter_options, guard
from briefing.text.markup import terminal_text


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


@click.command()
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


@click.command()
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


@click.command()
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
