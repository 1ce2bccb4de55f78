"""The article library: ingest (paths, texts or Articles), forgetting, and a check of the set-up. The API
scripts and front ends call; the write path itself is in `pipeline/plan.py`, and what the store holds
(`stats`, `list_articles`, `article`, `collections`) is listed by `listing.py`, its names re-exported here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from briefing.api.listing import Stats as Stats
from briefing.api.listing import StoredArticle as StoredArticle
from briefing.api.listing import article as article
from briefing.api.listing import collections as collections
from briefing.api.listing import list_articles as list_articles
from briefing.api.listing import stats
from briefing.api.progress import show_progress
from briefing.api.stored import store_problem
from briefing.errors import BriefingError, hide_userinfo
from briefing.models import registry
from briefing.models.failures import explain
from briefing.pipeline.mirror import left_behind
from briefing.pipeline.plan import ChunkTexts, IngestReport, store_articles
from briefing.runtime import Runtime, shared
from briefing.sources.articles import origin_of, read_files
from briefing.sources.items import Items, split_items, split_urls
from briefing.store.removal import Removed, put_back, take
from briefing.store.search import in_step
from briefing.text.clean import printable_line


def ingest(
    items: Items,
    *,
    source: str | None = None,
    runtime: Runtime | None = None,
    progress: bool | None = None,
    sync: bool = False,
    uploaded: bool = False,
) -> IngestReport:
    """Ingest files and folders (recursively), article texts, or `Article`s into the store.

    Bad files are reported in the result and skipped; everything else still lands. Re-ingesting an
    unchanged article does nothing; an edited one replaces its old chunks. A record is known by its id
    (within its outlet), else its URL, else its text, never by its row; articles stored from a file that
    it no longer holds are reported (`IngestReport.left`) and kept, or removed when `sync`.

    Args:
        items: Files or folders (.txt, .md, .html/.htm, .json, .jsonl, .csv), texts, Articles
            (`briefing.make_article(text, title=..., date=..., source=...)`), or web addresses of feeds or
            article pages (fetched as `briefing.fetch` does; the report is then a `FetchReport`).
        source: The outlet of the articles read from files that name none (else they have no outlet).
        runtime: Settings, embedder and store to use (default: from the environment).
        progress: Show progress on standard error (default: the `progress` setting): a bar on a terminal,
            else a plain line every `progress_every` seconds.
        sync: Make the store mirror each file read whole: remove what was stored from it that it no
            longer holds.
        uploaded: The paths are page uploads: each file is known by its name in the collection, not by
            its (temporary) path, so an edited file uploaded again replaces the old one.

    Returns:
        An IngestReport with counts of added, unchanged and replaced articles, chunks written,
        each skipped file with its reason, and the articles files no longer hold.
    """
    rt = shared(runtime)
    urls, items = split_urls(items)
    if urls:  # fetched, then stored through this same path
        from briefing.api.feeds import fetch

        fetched = fetch(urls, runtime=rt, progress=progress)
        fetched.absorb(ingest(items, source=source, runtime=rt, progress=progress, sync=sync, uploaded=uploaded))
        return fetched
    settings = rt.settings
    given, paths = split_items(items)
    found, skipped, files, notes = read_files(paths, int(settings.max_file_mb * 1e6), uploaded)
    outlet = printable_line(source or "")  # one clean line, as every outlet (no bidi, escape, break)
    if outlet:
        found = [a if a.source else replace(a, source=outlet) for a in found]
    articles = given + found
    report = IngestReport(files=files, skipped=skipped, notes=notes)
    report.notes += [(a.source, note) for a in given for note in a.notes]  # a text given: "text 2"
    if not articles:
        return report
    show = settings.progress if progress is None else progress
    written = ChunkTexts()
    # the store is held (another process writing to it is waited for) before the progress shows
    with (
        rt.writing() as store,
        show_progress(len(articles), label="ingest", unit="article", show=show, every=settings.progress_every) as bar,
    ):
        store_articles(
            articles,
            store,
            rt.embedder,
            chunk_size=settings.chunk_size,
            chunk_overlap=settings.chunk_overlap,
            batch_chars=settings.batch_chars,
            report=report,
            on_progress=bar.update,
            written=written,
        )
        gone = left_behind(store, found, {origin_of(Path(name), uploaded) for name, _ in skipped})
        report.left = [(name, len(ids)) for name, ids in gone.items()]
        if sync and gone:
            store.delete([i for ids in gone.values() for i in ids])
            report.removed = sum(len(ids) for ids in gone.values())
    if not settings.chroma_host:
        # The keyword index is brought up to date now, where waiting is expected, not at the next question
        # (also when this run wrote nothing: a run killed before its rebuild left it behind; in step, this
        # is one read). Against a server, ingest may run on other machines: the asking process keeps its own.
        # The texts just written come from the articles in memory, not read back from the store.
        in_step(rt.store, rt.keywords, written)
    return report


def _no_such(wanted: str) -> str:
    return f"no article has an id starting {wanted[:40]!r}; see `briefing stats --articles` for ids"


def forget(article_id: str, *, runtime: Runtime | None = None) -> tuple[str, int]:
    """Remove an article (by id, or a unique prefix of at least 6 characters) and all its chunks.

    Returns:
        The full id removed and how many chunks went with it.

    Raises:
        BriefingError: No article, or more than one, matches.
    """
    rt = shared(runtime)
    wanted = (article_id or "").strip().lower()  # ids are lower-case hexadecimal
    if len(wanted) < 6:
        raise BriefingError("give at least 6 characters of the article id (see `briefing stats --articles`)")
    with rt.writing() as store:
        ids = sorted(e.id for e in store.ready() if e.id.startswith(wanted))
        if not ids:
            raise BriefingError(_no_such(wanted))
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            raise BriefingError(f"{len(ids)} articles have ids starting {wanted!r} ({shown}): give more of the id")
        return ids[0], store.delete(ids)


def forget_many(article_ids: Sequence[str], *, runtime: Runtime | None = None) -> tuple[list[str], int, list[str]]:
    """Remove a selection of articles (by their full ids) and their chunks in one write: the store is held
    once, Chroma deletes them together and the keyword index is brought up to date once.

    Returns:
        The ids removed, how many chunks went with them, and what no stored article has as its id (each
        with the reason, as `forget` says it).
    """
    rt = shared(runtime)
    wanted = list(dict.fromkeys((i or "").strip().lower() for i in article_ids))
    if not wanted:
        return [], 0, []
    with rt.writing() as store:
        present = {e.id for e in store.ready(wanted)}
        removed = [i for i in wanted if i in present]
        chunks = store.delete(removed)
    if removed and not rt.settings.chroma_host:
        in_step(rt.store, rt.keywords)  # as ingest does: now, not at the next question
    return removed, chunks, [_no_such(i) for i in wanted if i not in present]


def remove(article_ids: Iterable[str], *, runtime: Runtime | None = None) -> Removed:
    """Remove these articles (full ids) with their chunks, keeping them whole in memory so that `restore`
    can put them back (the page's undo). Ids not in the store are ignored.

    Returns:
        What was removed: its `.ids`, `.titles` and `.chunks`.
    """
    rt = shared(runtime)
    with rt.writing() as store:
        removed = take(store, article_ids)
    if removed.ids and not rt.settings.chroma_host:
        in_step(rt.store, rt.keywords)  # as ingest does: now, not at the next question
    return removed


def restore(removed: Removed, *, runtime: Runtime | None = None) -> list[str]:
    """Put back articles that `remove` took, as they were (one stored again meanwhile is left as it is).

    Returns:
        The ids put back.
    """
    rt = shared(runtime)
    with rt.writing() as store:
        put = put_back(store, removed)
    if put and not rt.settings.chroma_host:
        in_step(rt.store, rt.keywords)
    return put


def doctor(*, runtime: Runtime | None = None) -> list[tuple[str, bool, str]]:
    """Check each part of the set-up. Returns (part, works, detail) for the store, embedder and engine."""
    rt = shared(runtime)
    checks: list[tuple[str, bool, str]] = []
    try:
        problem = store_problem(rt)
        if problem:
            checks.append(("store", False, problem))
        else:
            s = stats(runtime=rt)
            kind = "; read-only: read from a copy, writes refused" if rt.read_only else ""
            checks.append(("store", True, f"{s.location}: {s.articles} articles, {s.chunks} chunks{kind}"))
    except Exception as exc:
        checks.append(("store", False, str(exc)))
    try:
        size = len(rt.embedder.embed_query("ping"))
        checks.append(("embedder", True, f"{rt.embedder_name} ({size} dimensions)"))
    except Exception as exc:
        checks.append(("embedder", False, f"{rt.settings.embedder}: {explain(exc, rt.settings)}"))
    label = rt.engine_label
    try:
        checks.append(("engine", True, f"{label}: {rt.engine.ping()}"))
    except Exception as exc:
        checks.append(("engine", False, f"{label}: {explain(exc, rt.settings)}"))
    return [(part, ok, hide_userinfo(detail)) for part, ok, detail in checks] + available()


def available() -> list[tuple[str, bool, str]]:
    """The engines and embedders that can be chosen by name (a plugin's with its package), and the plugins
    that failed to load, as `doctor` checks."""
    rows = []
    for part, found, (_, failed) in (
        ("engines", registry.engines(), registry.plugin_engines()),
        ("embedders", registry.embedders(), registry.plugin_embedders()),
    ):
        names = [n if e.origin == registry.BUILT_IN else f"{n} ({e.origin})" for n, e in found.items()]
        names = [registry.AUTO, *names] if part == "engines" else names
        broken = [f"{n} failed to load: {why}" for n, why in failed.items()]
        rows.append((part, not broken, "; ".join([", ".join(names), *broken])))
    return rows
