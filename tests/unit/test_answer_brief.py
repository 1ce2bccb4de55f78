"""Answers and briefs through the API, with LangChain's fake embedding and a tmp_path store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefing
from briefing.analysis.citations import parse_citations
from briefing.analysis.layout import actor_of
from briefing.results import TOP_STORIES, Part
from tests.conftest import SEED

PORT = (
    "date 2024-03-04\nThe port of Odesa reopened on Monday after a week of closures. Officials said 40 ships "
    "were waiting to load grain at the terminals.\n\nHarbour master Oleh Petrenko warned that mines remain "
    "a risk for shipping in the area. Insurers raised premiums by 15 percent for vessels calling at Odesa.\n\n"
    "The ministry will review the security corridor next week, officials said."
)
ELECTION = (
    "date 2024-02-10\nVoters in Finland chose a new president on Sunday in a run-off between two candidates. "
    "Alexander Stubb won 51.6 percent of the vote, the election commission said.\n\nTurnout was 70.7 percent, "
    "lower than in the first round. Stubb said he would meet the government on March 1."
)


@pytest.fixture
def stocked(tmp_path: Path, fake_runtime: briefing.Runtime) -> briefing.Runtime:
    for name, text in {"port.txt": PORT, "election.txt": ELECTION}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        briefing.ingest([tmp_path / name], source=name, runtime=fake_runtime)  # each file its own outlet
    briefing.ingest([SEED], runtime=fake_runtime)
    return fake_runtime


def article_text(rt: briefing.Runtime, article_id: str) -> str:
    got = rt.store.chunks.get(where={"article_id": article_id}, include=["documents", "metadatas"])
    text = ""
    for doc, meta in sorted(zip(got["documents"], got["metadatas"], strict=True), key=lambda p: p[1]["start"]):
        text = text[: meta["start"]].ljust(meta["start"]) + doc
    return text


def test_answer_cites_verbatim_passages(stocked: briefing.Runtime) -> None:
    answer = briefing.ask("How many ships were waiting to load grain in Odesa?", runtime=stocked)
    assert not answer.abstained
    assert "40 ships" in answer.text
    assert re.search(r"\[1\]", answer.text)
    for claim in answer.claims:
        assert claim.citations and all(1 <= n <= len(answer.sources) for n in claim.citations)
        source = answer.sources[claim.citations[0] - 1]
        assert claim.text in [q.text for q in source.quotes]
        for quote in source.quotes:
            assert article_text(stocked, source.article_id)[quote.start : quote.end] == quote.text
    assert "## Sources" in answer.markdown and answer.sources[0].title in answer.markdown


def test_answer_abstains_when_nothing_relevant(stocked: briefing.Runtime) -> None:
    answer = briefing.ask("What is the recipe for sourdough bread?", runtime=stocked)
    assert answer.abstained and answer.claims == [] and answer.sources == []
    assert "don't cover" in answer.text


def test_filters_narrow_what_is_searched(stocked: briefing.Runtime) -> None:
    answer = briefing.ask("How many ships were waiting in Odesa?", since="2024-03-05", runtime=stocked)
    assert answer.abstained or all(s.date >= "2024-03-05" for s in answer.sources)
    answer = briefing.ask("Who won the vote in Finland?", source="election.txt", runtime=stocked)
    assert {s.source for s in answer.sources} == {"election.txt"}
    with pytest.raises(briefing.BriefingError, match=r"matches the source 'no-such-source'; it holds: "):
        briefing.ask("Who won?", source="no-such-source", runtime=stocked)


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_refused(question: str, fake_runtime: briefing.Runtime) -> None:
    with pytest.raises(briefing.BriefingError, match="question is empty"):
        briefing.ask(question, runtime=fake_runtime)


def test_bad_date_is_a_clear_error(fake_runtime: briefing.Runtime) -> None:
    with pytest.raises(briefing.BriefingError, match="YYYY-MM-DD"):
        briefing.ask("anything", since="last tuesday-ish", runtime=fake_runtime)


def check_layout(brief: briefing.Brief) -> None:
    assert [s.title for s in brief.sections] == list(Part)
    md = brief.markdown
    positions = [md.index(f"## {title}") for title in [*Part, "Sources"]]
    assert positions == sorted(positions)
    for section in brief.sections:
        for claim in section.claims:
            assert claim.citations, f"uncited claim in {section.title}: {claim.text}"
            assert claim.markdown() in md
    cited = {n for c in brief.claims for n in c.citations}
    assert cited == set(range(1, len(brief.sources) + 1))
    # one sentence once per page (a dispute quotes its sides on purpose), but for a part's only line and a
    # day only the bottom line's sentence tells
    lines = [c.quoted[0].text for s in brief.sections if s.title != Part.DISPUTED for c in s.claims if c.quoted]
    only = {s.claims[0].quoted[0].text for s in brief.sections if len(s.claims) == 1 and s.claims[0].quoted}
    gist = {c.quoted[0].text for c in brief.part(Part.BOTTOM_LINE) if c.quoted}
    days = {c.quoted[0].text for c in brief.part(Part.TIMELINE) + brief.part(Part.OUTLOOK) if c.quoted}
    assert all(lines.count(line) == 1 or line in only or line in gist & days for line in lines), lines
    listed = re.findall(r"^(\d+)\. \*", md.split("## Sources")[1], re.M)
    assert [int(n) for n in listed] == list(range(1, len(brief.sources) + 1))


def test_whole_store_brief_of_several_stories_is_a_digest(stocked: briefing.Runtime) -> None:
    brief = briefing.summarize(runtime=stocked)
    assert [s.title for s in brief.sections] == [TOP_STORIES] and brief.articles == 3
    lines = brief.part(TOP_STORIES)
    assert len(lines) == 3 and all(c.citations and c.reports for c in lines)
    md = brief.markdown
    assert [int(n) for n in re.findall(r"^(\d+)\. \*\*", md.split("## Sources")[0], re.M)] == [1, 2, 3]
    assert {n for c in lines for n in c.citations} == set(range(1, len(brief.sources) + 1))
    assert brief.words <= 600
    for line in lines:  # each story's topic words give its own brief, from the same article
        label = line.label or ""
        assert re.search(r"\(1 outlet, 1 article, [\d-]+(?: to [\d-]+)?; topic: .+\)$", label), label
        topic = label.rsplit("topic: ", 1)[1].rstrip(")")
        own = briefing.summarize(topic=topic, runtime=stocked)
        cited = brief.sources[line.citations[0] - 1].article_id
        assert not own.abstained and cited in {s.article_id for s in own.sources}


def test_brief_on_a_topic_and_the_word_budget(stocked: briefing.Runtime) -> None:
    brief = briefing.summarize(topic="the port of Odesa", words=150, runtime=stocked)
    check_layout(brief)
    assert any("Odesa" in c.text for c in brief.part(Part.BOTTOM_LINE) + brief.part(Part.KEY_DEVELOPMENTS))
    # Over budget only when every part is down to its one claim.
    assert brief.words <= 150 or all(len(s.claims) <= 1 for s in brief.sections)


def test_brief_abstains_on_an_uncovered_topic(stocked: briefing.Runtime) -> None:
    brief = briefing.summarize(topic="sourdough baking techniques", runtime=stocked)
    assert brief.abstained and brief.sections == [] and "don't cover" in brief.markdown


def test_summarize_texts_directly_leaves_the_store_alone(settings, fake_runtime: briefing.Runtime) -> None:
    brief = briefing.summarize([PORT, ELECTION], runtime=fake_runtime)
    check_layout(brief)
    assert {s.date for s in brief.sources} <= {"2024-03-04", "2024-02-10"}
    assert not Path(settings.store_dir).exists()
    only_march = briefing.summarize([PORT, ELECTION], since="2024-03-01", runtime=fake_runtime)
    assert {s.date for s in only_march.sources} == {"2024-03-04"}


def test_summarize_paths_directly(tmp_path: Path, fake_runtime: briefing.Runtime) -> None:
    brief = briefing.summarize([str(SEED)], runtime=fake_runtime)
    check_layout(brief)
    with pytest.raises(briefing.BriefingError, match="no such file"):
        briefing.summarize([str(tmp_path / "gone.txt")], runtime=fake_runtime)


def test_empty_topic_and_empty_store(fake_runtime: briefing.Runtime) -> None:
    with pytest.raises(briefing.BriefingError, match="topic is empty"):
        briefing.summarize(topic="  ", runtime=fake_runtime)
    with pytest.raises(briefing.StoreError, match=r"no store at .*: fill it with `briefing ingest FILES`"):
        briefing.summarize(runtime=fake_runtime)
    assert not Path(fake_runtime.settings.store_dir).exists()  # reading made no store
    briefing.ingest([SEED], runtime=fake_runtime)
    briefing.forget(fake_runtime.store.ready()[0].id, runtime=fake_runtime)
    with pytest.raises(briefing.StoreError, match=r"holds no articles: fill it with `briefing ingest FILES`"):
        briefing.summarize(runtime=fake_runtime)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("The Kremlin blamed the United States for the tension.", "Kremlin"),
        ('"We regret it," Stoltenberg stated during his press conference.', "Stoltenberg"),
        ("Harbour master Oleh Petrenko warned that mines remain a risk.", "Oleh Petrenko"),
        ("Prices rose sharply in March.", None),
    ],
)
def test_actor_of(sentence: str, actor: str | None) -> None:
    assert actor_of(sentence) == actor


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("A [1] b [2][1] c [3, 4]", [1, 2, 3, 4]), ("no citations", []), ("[12]", [12])],
)
def test_parse_citations(text: str, numbers: list[int]) -> None:
    assert parse_citations(text) == numbers


def test_a_digest_reads_each_articles_opening_sentences_only(stocked: briefing.Runtime, monkeypatch) -> None:
    from briefing.analysis import reading, stories
    from briefing.types import Filters

    every, _ = reading.story_sentences(stocked.store, Filters())
    monkeypatch.setattr(stories, "DIGEST_SENTENCES", 2)
    opening, found = reading.story_sentences(stocked.store, Filters())
    assert {c.passage.chunk for c in opening} == {0, 1} and len(every) > len(opening)
    assert {c.passage.article_id for c in opening} == {a for s in found for a in s.articles}


def test_a_digest_says_what_its_article_count_is(stocked: briefing.Runtime) -> None:
    brief = briefing.summarize(runtime=stocked)
    assert "read from the newest 15 articles of each (the 3 articles above)" in brief.markdown


def test_a_question_asking_for_a_person_reads_every_sentence_of_the_retrieved_articles(
    stocked: briefing.Runtime,
) -> None:
    """Where a short answer's name is looked up in full (`leads.fullest_name`): all of each article's
    sentences, not only the retrieved passages'; nothing read for a question asking for no person."""
    from briefing.api.ask import article_sentences, remember_sentences

    port = next(a for a in briefing.list_articles(runtime=stocked) if a.source == "port.txt")
    passages = stocked.store.article_chunks(port.id)[:1]
    read = article_sentences("Who runs the port?", remember_sentences(stocked, passages, True))
    assert read is not None and {c.passage.article_id for c in read} == {port.id}
    assert len(read) > 1 and all(c.text in article_text(stocked, port.id) for c in read)
    assert article_sentences("How many ships are waiting?", remember_sentences(stocked, passages, True)) is None
    assert remember_sentences(stocked, passages) is None  # not wanted, and the fake model cannot take them
