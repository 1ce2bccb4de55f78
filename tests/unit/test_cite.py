"""Citations you can open: the article rejoined from its chunks, the marks on the page, the article panel."""

from __future__ import annotations

import pytest

import briefing
from briefing.sources.chunks import chunk_article, join_chunks
from briefing.types import Claim, Quote, Source
from briefing.ui.article import article_markdown, highlighted, open_article, read_citation
from briefing.ui.render import brief_markdown, cite_mark, cite_marks, quote_for
from tests.conftest import SEED, unmarked
from tests.reliability.hostile import HOSTILE, HOSTILE_URLS, markdown_problems, scan_html, shown

PORT = (
    "The port of Odesa reopened on Monday after a week of closures. Officials said 40 ships were waiting.\n\n"
    "Harbour master Oleh Petrenko warned that mines remain a risk. Insurers raised premiums by 15 percent."
)


@pytest.mark.parametrize(
    ("pieces", "text"),
    [
        ([(0, "abcdef"), (4, "efgh")], "abcdefgh"),  # overlap: only what lies past the text so far
        ([(4, "efgh"), (0, "abcdef")], "abcdefgh"),  # in any order
        ([(0, "abc"), (4, "efg")], "abc efg"),  # one stripped character: a space
        ([(0, "abc"), (5, "fgh")], "abc\n\nfgh"),  # two or more: a paragraph break, offsets kept
        ([(0, "abc"), (7, "hij")], "abc\n\n  hij"),
        ([(0, "abcdef"), (2, "cd")], "abcdef"),  # a chunk inside the text so far adds nothing
        ([(3, "def")], "\n\n def"),  # a missing start keeps the offsets too
        ([], ""),
    ],
)
def test_join_chunks(pieces: list[tuple[int, str]], text: str) -> None:
    assert join_chunks(pieces) == text


@pytest.mark.parametrize(("size", "overlap"), [(60, 20), (120, 40), (1000, 100)])
def test_join_chunks_gives_back_the_article(size: int, overlap: int) -> None:
    article = briefing.make_article(SEED.read_text(encoding="utf-8"))
    chunks = chunk_article(article, size, overlap)
    assert len(chunks) > 1 or size == 1000
    joined = join_chunks([(c.start, c.text) for c in reversed(chunks)])
    assert len(joined) == len(article.text.rstrip()) and joined.split() == article.text.split()
    for c in chunks:
        assert joined[c.start : c.end] == c.text  # every offset points at the same character


def test_article_is_read_whole_from_the_store(fake_runtime: briefing.Runtime) -> None:
    fake_runtime.settings.chunk_size, fake_runtime.settings.chunk_overlap = 80, 30
    article = briefing.make_article(PORT, title="Odesa reopens", source="Harbour Post", date="2024-03-04")
    briefing.ingest([article], runtime=fake_runtime)
    assert fake_runtime.store.chunk_count() > 3
    got = briefing.article(article.id, runtime=fake_runtime)
    assert (got.text, got.id, got.title, got.source, got.date) == (
        PORT,
        article.id,
        "Odesa reopens",
        "Harbour Post",
        "2024-03-04",
    )
    with pytest.raises(briefing.BriefingError, match="no article with id"):
        briefing.article("0123456789abcdef", runtime=fake_runtime)


def test_quotes_of_an_answer_point_into_the_opened_article(fake_runtime: briefing.Runtime) -> None:
    briefing.ingest([SEED], runtime=fake_runtime)
    answer = briefing.ask("Where is Russia's 41st army stationed?", runtime=fake_runtime)
    assert answer.claims and all(c.quoted for c in answer.claims)
    for claim in answer.claims:
        for n in claim.citations:
            quote = quote_for(answer.sources[n - 1], claim.quoted)
            assert quote is not None and quote in claim.quoted
            text = briefing.article(answer.sources[n - 1].article_id, runtime=fake_runtime).text
            assert text[quote.start : quote.end] == quote.text
    brief = briefing.summarize(runtime=fake_runtime)
    assert brief.claims and all(c.quoted for c in brief.claims if c.citations)


def _source(number: int = 1, quotes: tuple[Quote, ...] = ()) -> Source:
    return Source(number, "a1b2c3", "Odesa reopens", "Harbour Post", "2024-03-04", "", list(quotes))


def test_quote_for_prefers_the_claims_own_passage() -> None:
    first, second = Quote("First.", 0, 6, "a1b2c3:0"), Quote("Second.", 7, 14, "a1b2c3:0")
    source = _source(quotes=(second, first))
    assert quote_for(source, [second]) == second
    assert quote_for(source, []) == first  # a claim without its passages: the source's first
    assert quote_for(source, [Quote("Other.", 0, 6, "ffff:0")]) == first
    assert quote_for(_source(), []) is None


def test_a_mark_holds_its_passage_and_where_to_open_it() -> None:
    quote = Quote("40 ships were waiting.", 70, 92, "a1b2c3:0")
    mark = cite_mark(2, _source(2, (quote,)), [quote])
    assert mark.startswith('<span class="cite open-a1b2c3-70-92" tabindex="0" role="button">[2]')
    assert "40 ships were waiting." in mark and "Odesa reopens — Harbour Post, 2024-03-04" in mark
    assert cite_mark(3, None, []) == "[3]"  # a number with no source stays plain
    assert 'class="cite open-a1b2c3"' in cite_mark(1, _source(), [])  # nothing quoted: opens at the top


@pytest.mark.parametrize(
    ("status", "shown_as"),
    [("quoted", "quoted"), ("supported", "supported"), ("repaired", "repaired"), ("not covered", None)],
)
def test_each_claim_shows_its_status(status: str, shown_as: str | None) -> None:
    quote = Quote("Ships wait.", 0, 11, "a1b2c3:0")
    claim = Claim("Ships wait.", [1], status=status, reports=3, quoted=[quote])
    text = claim.markdown(cite_marks([_source(quotes=(quote,))]))
    if shown_as:
        assert f'<sup class="claim-status status-{shown_as}" title="' in text and f">{shown_as}</sup>" in text
    else:
        assert "claim-status" not in text
    assert text.endswith(" (3 sources)")  # the source count, as in the brief
    assert unmarked(text) == claim.markdown() == "Ships wait. [1] (3 sources)"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_marks_with_hostile_text_are_inert(text: str) -> None:
    quote = Quote(text, 0, len(text), "a1b2c3:0")
    source = Source(1, "a1b2<script>c3", text, text, text, "javascript:x", [quote])
    mark = cite_mark(1, source, [quote])  # HTML, inside the page's Markdown
    problems, visible = scan_html(mark)
    assert problems == [] and markdown_problems(mark) == [] and shown(text) in visible
    assert "open-a1b2scriptc3" in mark  # only letters and digits name the article
    claim = Claim(text, [1], label=text, quoted=[quote])
    assert markdown_problems(claim.markdown(cite_marks([source]))) == []
    brief = briefing.Brief("Situation brief", None, [briefing.Section(briefing.Part.BOTTOM_LINE, [claim])], [source], 1)
    assert markdown_problems(brief_markdown(brief)) == []


@pytest.mark.parametrize(
    ("value", "wanted"),
    [
        ("a1b2c3-70-92 4", ("a1b2c3", 70, 92)),
        ("a1b2c3-70-92", ("a1b2c3", 70, 92)),
        ("a1b2c3 1", ("a1b2c3", 0, 0)),
        ("a1b2c3-92-70 1", ("a1b2c3", 92, 92)),
        ("", None),
        ("../etc/passwd", None),
        ("a1b2c3-x-1", None),
        ("<script>", None),
    ],
)
def test_read_citation(value: str, wanted: tuple[str, int, int] | None) -> None:
    assert read_citation(value) == wanted


def test_highlight_wraps_exactly_the_quoted_characters() -> None:
    start = PORT.index("Officials said")
    end = PORT.index("waiting.") + len("waiting.")
    html = highlighted(PORT, start, end)
    assert html.count("<p>") == 2
    assert "after a week of closures. <mark>Officials said 40 ships were waiting.</mark></p>" in html
    across = highlighted(PORT, start, PORT.index("Oleh"))  # across a paragraph break: marked in both
    assert across.count("<mark>") == 2 and "<p><mark>Harbour master </mark>Oleh" in across
    assert "<mark>" not in highlighted(PORT, 0, 0)


def test_article_panel_shows_the_article_and_its_quote() -> None:
    article = briefing.Article(PORT, "Odesa reopens", "Harbour Post", "k", "https://news.example/odesa", "2024-03-04")
    start = PORT.index("Insurers")
    panel = article_markdown(article, start, len(PORT))
    assert "<h3>Odesa reopens</h3>" in panel and "Harbour Post · 2024-03-04" in panel
    assert '<a href="https&#58;//news.example/odesa" target="_blank" rel="noopener noreferrer">original</a>' in panel
    assert "<mark>Insurers raised premiums by 15 percent.</mark>" in panel
    gone = article_markdown(article, len(PORT) + 5, len(PORT) + 40)  # the article changed since the answer
    assert "no longer in this article" in gone and "<mark>" not in gone


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_article_panel_with_hostile_text_is_inert(text: str) -> None:
    body = f"{text} Before. {text} After. {text}"  # before, in and after the highlight
    start = body.index(" Before. ") + len(" Before. ")
    for url in ["", *HOSTILE_URLS]:
        article = briefing.Article(body, text, text, "k", url, text)
        panel = article_markdown(article, start, start + len(text))
        problems, visible = scan_html(panel)
        assert problems == [] and markdown_problems(panel) == []
        assert shown(text) in visible


def test_open_article_handler(fake_runtime: briefing.Runtime) -> None:
    article = briefing.make_article(PORT, title="Odesa reopens", source="Harbour Post")
    briefing.ingest([article], runtime=fake_runtime)
    start = PORT.index("Insurers")
    shown_text, panel = open_article(fake_runtime, f"{article.id}-{start}-{len(PORT)} 1")
    assert "<mark>Insurers raised premiums by 15 percent.</mark>" in shown_text and panel.open is True
    missing, _ = open_article(fake_runtime, "0123456789abcdef-0-5 2")
    assert missing.startswith("⚠️") and "no article with id" in missing
    junk, _ = open_article(fake_runtime, "<img src=x>")
    assert junk.startswith("⚠️")
