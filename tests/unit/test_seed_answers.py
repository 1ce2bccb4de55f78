"""The seed article answers what it states, with the real model and thresholds: every question below is
answered by the sentence that holds its answer, and a request that asks nothing is a search result."""

from __future__ import annotations

import pytest

import briefing
from briefing.analysis.check import unsupported_facts
from briefing.analysis.lookup import FAR, FOUND
from briefing.config import Settings
from tests.conftest import SEED

pytestmark = pytest.mark.integration  # the real MiniLM model (from its wheel, offline)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, minilm) -> briefing.Runtime:
    rt = briefing.Runtime(Settings(store_dir=tmp_path_factory.mktemp("seed"), progress=False), embedder=minilm)
    briefing.ingest([SEED], source=SEED.name, runtime=rt)  # an outlet, which the answers name
    return rt


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # declined before: the organisation is in the role the article gives him ("NATO Secretary-General …")
        ("Which organisation does Stoltenberg lead?", "NATO Secretary-General Jens Stoltenberg"),
        # declined before: "…, which, it said, …" hid that NATO is who said it
        ("What did NATO say about the anti-satellite missile test?", "NATO accused Russia of deploying"),
        ("What did NATO accuse Russia of?", "NATO accused Russia of deploying"),
        ("Who is NATO's secretary-general?", "NATO Secretary-General Jens Stoltenberg"),
        ("When did Stoltenberg warn Russia?", "Stoltenberg on Friday gave a stern warning"),
        ("How many troops has Russia stationed on the border?", "About Russian 90,000 troops"),
        ("Where is the 41st army stationed?", "stationed in Yelnya"),
        ("How far is Yelnya from the Ukrainian border?", "260 kilometers north"),
        ("Which country did the NATO chief visit?", "official visit to Latvia"),
        ("Which countries will NATO hold a dialogue with?", "dialogue with Georgia and Ukraine"),
        ("Who did Lloyd Austin meet?", "Ukrainian counterpart Zelensky"),
        ("What did Lloyd Austin say about Putin?", "not quite sure"),
        ("Who cut off diplomatic ties with NATO?", "Russia has cut off diplomatic ties"),
        ("What test put the International Space Station at risk?", "anti-satellite missile test"),
        ("Which division shows increased military activity?", "144th Guards Motorized Rifle Division"),
        ("What did the Kremlin blame?", "The Kremlin blamed"),
    ],
)
def test_the_seed_answers_what_it_states(seeded: briefing.Runtime, question: str, sentence: str) -> None:
    answer = briefing.ask(question, runtime=seeded)
    assert not answer.abstained, question
    assert sentence in answer.claims[0].text and answer.claims[0].citations == [1]


@pytest.mark.parametrize("query", ["NATO warns Russia over Ukraine troop build-up", "Stoltenberg", "satellite test"])
def test_a_request_that_asks_nothing_is_a_search_result(seeded: briefing.Runtime, query: str) -> None:
    answer = briefing.ask(query, runtime=seeded)
    assert not answer.abstained and answer.notes == [FOUND]
    assert answer.sources[0].source == SEED.name and all(c.citations == [1] for c in answer.claims)
    assert 1 <= len(answer.claims) <= 3


def test_a_lookup_of_what_the_store_lacks_says_so_and_still_shows_the_nearest(seeded: briefing.Runtime) -> None:
    answer = briefing.ask("banana bread recipes", runtime=seeded)
    assert not answer.abstained and answer.notes == [FAR] and answer.claims


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("Where is the 41st army stationed?", "Yelnya"),
        ("How far is Yelnya from the Ukrainian border?", "260 kilometers"),
        ("How many troops has Russia stationed on the border?", "90,000 troops"),
        ("Who is NATO's secretary-general?", "Jens Stoltenberg"),
        ("Which organisation does Stoltenberg lead?", "NATO"),
        ("When did Stoltenberg warn Russia?", "Friday"),
        ("Who did Lloyd Austin meet?", "Zelensky"),  # not the name in brackets inside his words
        ("Which countries will NATO hold a dialogue with?", "Georgia and Ukraine"),
        ("What test put the International Space Station at risk?", "reckless anti-satellite missile test"),
    ],
)
def test_the_answer_leads_with_the_span_that_fills_the_question(
    seeded: briefing.Runtime, question: str, span: str
) -> None:
    answer = briefing.ask(question, runtime=seeded)
    assert answer.answer_span == span and answer.reports == 1 and answer.outlets == [SEED.name]
    assert answer.text.startswith(f"**{span}**")
    assert any(span in q.text for q in answer.sources[0].quotes)  # a verbatim piece of a cited quote
    cited = {answer.sources[n - 1].article_id for n in answer.leads[0].citations}
    # the citation check's fact test holds: every figure, date and name the lead states is in what it cites
    said = f"{answer.leads[0].span} {answer.leads[0].day or ''}"
    assert unsupported_facts(said, [p for p in answer.passages if p.article_id in cited]) == []


def test_a_question_without_a_slot_has_no_short_answer(seeded: briefing.Runtime) -> None:
    answer = briefing.ask("What did the Kremlin blame?", runtime=seeded)
    assert answer.answer_span is None and answer.reports == 0 and answer.outlets == [] and answer.leads == []
