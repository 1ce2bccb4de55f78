"""A request that asks nothing (a headline, a name, keywords) is a search result, with any engine."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.analysis.lookup import FAR, FOUND, uses_most
from briefing.config import Settings
from tests.unit.test_answer_brief import ELECTION, PORT


@pytest.fixture
def stocked(tmp_path: Path, fake_runtime: briefing.Runtime) -> briefing.Runtime:
    for name, text in {"port.txt": PORT, "election.txt": ELECTION}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        briefing.ingest([tmp_path / name], source=name, runtime=fake_runtime)  # each file its own outlet
    return fake_runtime


@pytest.mark.parametrize(
    ("query", "source"), [("Stubb Finland president run-off", "election.txt"), ("Odesa", "port.txt")]
)
def test_keywords_get_the_article_about_them_quoted_and_cited(
    stocked: briefing.Runtime, query: str, source: str
) -> None:
    answer = briefing.ask(query, runtime=stocked)
    assert not answer.abstained and answer.notes == [FOUND]
    assert [s.source for s in answer.sources] == [source]
    assert 1 <= len(answer.claims) <= 3 and all(c.citations == [1] for c in answer.claims)
    text = PORT if source == "port.txt" else ELECTION
    assert all(q.text in text for q in answer.sources[0].quotes)  # the source's own words


def test_a_lookup_is_never_declined_and_says_when_the_match_is_far(stocked: briefing.Runtime) -> None:
    answer = briefing.ask("banana bread recipes", runtime=stocked)
    assert not answer.abstained and answer.claims and answer.notes == [FAR]


def test_a_question_is_still_answered_or_declined(stocked: briefing.Runtime) -> None:
    assert briefing.ask("What is a good recipe for banana bread?", runtime=stocked).abstained


@pytest.mark.parametrize(
    ("query", "texts", "most"),
    [
        ("Odesa port mines", ["Mines remain near the port of Odesa."], True),
        ("Odesa port mines", ["The port reopened."], False),
        ("elections", ["The election commission said."], True),  # any form of the word
    ],
)
def test_uses_most_of_the_words(query: str, texts: list[str], most: bool) -> None:
    assert uses_most(query, texts) is most


def test_a_lookup_is_the_same_search_result_with_an_llm_engine(tmp_path: Path) -> None:
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", embedder="words", engine="parrot", progress=False))
    (tmp_path / "port.txt").write_text(PORT, encoding="utf-8")
    briefing.ingest([tmp_path / "port.txt"], runtime=rt)
    answer = briefing.ask("Odesa port", runtime=rt)
    assert answer.engine == "parrot" and answer.notes == [FOUND] and answer.check is None  # nothing was written
    assert all(c.text in PORT and c.citations == [1] for c in answer.claims)
