"""The article library: ingest (paths, texts or Articles), what the store holds, forgetting, and a check of
the set-up. The API scripts and front ends call; the write path itself is in `pipeline/plan.py`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from briefing.api.stored import location, store_problem
from briefing.errors import BriefingError
from briefing.models import registry
from briefing.models.failures import explain
from briefing.pipeline.plan import ChunkTexts, IngestReport, store_articles
from briefing.runtime import Runtime, shared
from briefing.sources.articles import read_files
from briefing.sources.chunks import join_chunks
from briefing.sources.items import Items, split_items
from briefing.store.search import in_step
from briefing.store.store import CATALOG_SUFFIX
from briefing.text.clean import printable
from briefing.types import Article


def ingest(
    items: Items, *, source: str | None = None, runtime: Runtime | None = None, progress: bool | None = None
) -> IngestReport:
    """Ingest files and folders (recursively), article texts, or `Article`s into the store.

    Bad files are reported in the result and skipped; everything else still lands. Re-ingesting an
    unchanged article does nothing; an edited one replaces its old chunks.

    Args:
        items: Files or folders (.txt, .md, .html/.htm, .json, .jsonl, .csv), texts, or Articles
            (`briefing.make_article(text, title=..., date=..., source=...)`).
        source: The outlet of the articles read from files that name none (else they have no outlet).
        runtime: Settings, embedder and store to use (default: from the environment).
        progress: Show a progress bar (default: the `progress` setting, on a terminal).

    Returns:
        An IngestReport with counts of added, unchanged and replaced articles, chunks written,
        and each skipped file with its reason.
    """
    rt = shared(runtime)
    settings = rt.settings
    given, paths = split_items(items)
    found, skipped, files, notes = read_files(paths, int(settings.max_file_mb * 1e6))
    outlet = printable(source or "").strip()
    if outlet:
        found = [a if a.source else replace(a, source=outlet) for a in found]
    articles = given + found
    report = IngestReport(files=files, skipped=skipped, notes=notes)
    report.notes += [(a.source, note) for a in given for note in a.notes]  # a text given: "text 2"
    if not articles:
        return report
    show = settings.progress if progress is None else progress
    written = ChunkTexts()
    from tqdm import tqdm

    # the store is held (another process writing to it is waited for) before the bar shows
    with (
        rt.writing() as store,
        tqdm(total=len(articles), unit="article", desc="ingest", disable=None if show else True) as bar,
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
    if not settings.chroma_host:
        # The keyword index is brought up to date now, where waiting is expected, not at the next question
        # (also when this run wrote nothing: a run killed before its rebuild left it behind; in step, this
        # is one read). Against a server, ingest may run on other machines: the asking process keeps its own.
        # The texts just written come from the articles in memory, not read back from the store.
        in_step(rt.store, rt.keywords, written)
    return report


@dataclass
class Stats:
    """What the store holds."""

    articles: int
    chunks: int
    sources: Counter[str] = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    embedder: str = ""
    location: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """One article in the store, as the library lists it."""

    id: str
    title: str
    source: str
    date: str | None
    url: str
    chunks: int
    copy_of: str = ""  # the id of the article this one reprints (the first of its copy group), if any


def stats(*, runtime: Runtime | None = None) -> Stats:
    """Counts of articles and chunks, the sources and the date range in the store."""
    rt = shared(runtime)
    if rt.store_missing():  # reading makes no store
        return Stats(0, 0, embedder=rt.settings.embedder, location=f"{location(rt.settings)}, not made yet")
    entries = list_articles(runtime=rt)
    dates = sorted(e.date for e in entries if e.date)
    return Stats(
        articles=len(entries),
        chunks=rt.store.chunk_count(),
        sources=Counter(e.source for e in entries),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        embedder=rt.store.embedder,
        location=location(rt.settings),
    )


def list_articles(*, runtime: Runtime | None = None) -> list[StoredArticle]:
    """Every article in the store, in the store's order (none when there is no store: reading makes none)."""
    rt = shared(runtime)
    if rt.store_missing():
        return []
    return [
        StoredArticle(
            e.id,
            str(m.get("title", "")),
            str(m.get("source", "")),
            str(m["date"]) if m.get("date") else None,
            str(m.get("url", "")),
            int(m.get("chunks", 0)),
            str(m.get("copy_of", "") or ""),
        )
        for e in rt.store.ready()
        for m in [e.metadata]
    ]


def article(article_id: str, *, runtime: Runtime | None = None) -> Article:
    """One stored article, whole: its text rejoined from its chunks (offsets into it are those quotes give),
    with its title, source, date and URL.

    Raises:
        BriefingError: No ready article has this id.
    """
    rt = shared(runtime)
    wanted = (article_id or "").strip()
    entries = rt.store.ready([wanted]) if wanted and not rt.store_missing() else []
    if not entries:
        raise BriefingError(f"no article with id {wanted[:40]!r} in the store (it may have been deleted)")
    meta = entries[0].metadata
    text = join_chunks([(p.start, p.text) for p in rt.store.article_chunks(wanted)])
    date = str(meta["date"]) if meta.get("date") else None
    fields = {k: str(meta.get(k, "")) for k in ("title", "source", "key", "url")}
    return Article(text, fields["title"], fields["source"], fields["key"], fields["url"], date, id=wanted)


def collections(*, runtime: Runtime | None = None) -> list[str]:
    """The names of the collections in the store (the folder or the server), the runtime's own included."""
    rt = shared(runtime)
    found = rt.store.client.list_collections()
    names = {str(getattr(c, "name", c)) for c in found}
    ours = {n.removesuffix(CATALOG_SUFFIX) for n in names if n.endswith(CATALOG_SUFFIX)}
    return sorted(ours | {rt.settings.collection}, key=str.lower)


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
            msg = f"no article has an id starting {wanted[:40]!r}; see `briefing stats --articles` for ids"
            raise BriefingError(msg)
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            raise BriefingError(f"{len(ids)} articles have ids starting {wanted!r} ({shown}): give more of the id")
        return ids[0], store.delete(ids)


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
            checks.append(("store", True, f"{s.location}: {s.articles} articles, {s.chunks} chunks"))
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
    return checks + available()


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
