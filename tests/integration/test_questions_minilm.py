"""Answers by question type with the real MiniLM model, on tests/data/port_strike.jsonl (fiction, several
outlets): who, how many, when, where, what did someone say, why, a question in two parts, and questions
the articles share words with but do not answer."""

from __future__ import annotations

import pytest

import briefing
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "port_strike.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, minilm) -> briefing.Runtime:
    settings = briefing.Settings(store_dir=tmp_path_factory.mktemp("questions") / "store", progress=False)
    rt = briefing.Runtime(settings, embedder=minilm)
    briefing.ingest([DATA], runtime=rt)
    return rt


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Who leads the dockers' union?", "Union leader Mara Voss"),
        ("Who is the harbour master at Port Selwyn?", "The port's harbour master, Jan Kros"),
        ("How many ships were waiting offshore on Wednesday evening?", "The port authority said 41 ships"),
        ("How many people does the port employ?", "The port handles about a third"),
        ("When will talks between the employers and the union resume?", "The labour ministry said talks"),
        ("Where did the container lines divert their ships?", "Two container lines have diverted their ships"),
        ("What did Mara Voss say?", "Union leader Mara Voss told a rally"),
        ("Why did the dock workers walk out?", "Dock workers at Port Selwyn walked out on Tuesday night over"),
        # no name given: the words come from those the question calls so, not from someone else
        ("What did the employers' association say about the union's demands?", "The employers' association has not"),
    ],
)
def test_the_first_sentence_states_what_was_asked(store: briefing.Runtime, question: str, first: str) -> None:
    answer = briefing.ask(question, runtime=store)
    assert not answer.abstained and answer.claims[0].text.startswith(first), answer.text


def test_a_question_in_two_parts_answers_each(store: briefing.Runtime) -> None:
    answer = briefing.ask("What pay rise did the employers offer on Friday, and when will talks resume?", runtime=store)
    offer = [c for c in answer.claims if c.label == "What pay rise did the employers offer on Friday?"]
    talks = [c for c in answer.claims if c.label == "When will talks resume?"]
    assert "4.5 percent" in offer[0].text and "next Tuesday" in talks[0].text
    assert all(c.citations for c in answer.claims)
    assert answer.text.startswith("**What pay rise did the employers offer on Friday?** The employers' association")


@pytest.mark.parametrize(
    "question",
    [
        "How many passengers did the Port Selwyn ferry carry?",  # a figure about the port, but not this one
        "Who owns the Port Selwyn terminal operator?",  # the port's names, nobody who owns it
        "Where is the labour ministry?",
        "How many people died in the Port Selwyn strike?",  # a count of people, but of those it employs
        "What percentage of the dockers voted to strike?",  # percentages of a pay offer, no vote
    ],
)
def test_a_question_the_articles_share_words_with_but_do_not_answer_is_declined(
    store: briefing.Runtime, question: str
) -> None:
    answer = briefing.ask(question, runtime=store)
    assert answer.abstained and answer.text == "The sources in the store don't cover this question.", answer.text
