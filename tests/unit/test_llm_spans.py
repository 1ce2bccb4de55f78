"""An LLM answer held to the short answer the sources give (`engines/spans_check.py`): the spans and their
independent reports are told to the model, and an answer giving a span fewer reports give is led by the
majority's. The sentences are those of the seed article (Yelnya, `tests/conftest.SEED`) and of
`test_short_answers` (ships offshore), told by other outlets."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis.check import CheckReport, Verdict
from briefing.config import Settings
from briefing.engines.base import Question
from briefing.engines.llm import LLMEngine
from briefing.engines.spans_check import gives, held_to_spans, source_spans
from briefing.results import Answer
from briefing.text.spans import Span
from briefing.types import Claim, Passage, Source
from tests.fakes import RecordingChat, WordEmbeddings

WHERE = "Where has Russia's 41st army been stationed?"
ARMY = "Russia's 41st army stationed near Ukraine border"
HOW_MANY = "How many ships are waiting offshore?"
SHIPS = "Ships wait offshore as port stays shut"


def passage(text: str, article: str, outlet: str, title: str) -> Passage:
    return Passage(f"{article}:0", text, article, title, outlet, "2021-11-27", "", 0, 0, len(text))


STATIONED = [
    passage("Russia's 41st army has been stationed in Yelnya, a town near the Ukrainian border.", "a", "Wire", ARMY),
    passage("Satellite images show Russia's 41st army has been stationed in Yelnya since autumn.", "b", "Daily", ARMY),
    passage("Russia's 41st army has been stationed in Smolensk, one analyst said.", "c", "Post", ARMY),
]
WAITING = [
    passage("The port authority said 41 ships are waiting offshore.", "a", "Harbour Post", SHIPS),
    passage("Some 41 ships were waiting offshore on Friday, officials said.", "b", "Wire", SHIPS),
    passage("Some 60 ships were waiting offshore, the union said.", "c", "Union News", SHIPS),
]
DISPUTED = [*WAITING, passage("More than 60 ships were waiting offshore, an agent said.", "d", "Agent Daily", SHIPS)]


def question(text: str, embedder: WordEmbeddings) -> Question:
    vector = np.asarray(embedder.embed_query(text))
    return Question(text, text, vector / np.linalg.norm(vector))


def asked(text: str, passages: list[Passage], reply: str) -> tuple[Answer, str]:
    """The checked answer of an LLM engine whose model replies `reply`, and the prompt it was given."""
    embedder, chat = WordEmbeddings(), RecordingChat(responses=[reply])
    answer = LLMEngine(chat, embedder, Settings(), "custom").stream(question(text, embedder), passages).result()
    return answer, str(chat.prompts[0][-1].content)


def test_the_prompt_tells_the_spans_the_sources_give_and_their_reports() -> None:
    _, prompt = asked(WHERE, STATIONED, "Russia's 41st army has been stationed in Yelnya [1].")
    said = '"Yelnya" (2 independent reports: [1][2]); "Smolensk" (1 report: [3])'
    assert said in prompt and prompt.index("Question:") < prompt.index(said) < prompt.index("Answer, citing")
    # a question with no slot to fill gets no such line
    _, prompt = asked("Why was Russia's 41st army stationed there?", STATIONED, "It was [1].")
    assert "short answers the sources give" not in prompt


def test_a_model_answering_the_place_fewer_reports_give_is_led_by_the_majority() -> None:
    answer, _ = asked(WHERE, STATIONED, "Russia's 41st army has been stationed in Smolensk [3].")
    assert (answer.answer_span, answer.reports, answer.outlets) == ("Yelnya", 2, ["Wire", "Daily"])
    # the extractive engine's lead line, then the model's checked sentence, sources numbered anew
    assert answer.text == "**Yelnya** [1][2] (2 sources) — Russia's 41st army has been stationed in Smolensk. [3]"
    assert [s.article_id for s in answer.sources] == ["a", "b", "c"]
    assert "the model's answer (Smolensk) differs from what 2 independent reports give (Yelnya)" in answer.markdown
    assert [c.status for c in answer.claims] == ["supported"]


def test_a_model_answering_the_wrong_number_is_led_by_the_majority() -> None:
    answer, prompt = asked(HOW_MANY, WAITING, "Some 60 ships were waiting offshore [3].")
    assert '"41 ships" (2 independent reports: [1][2])' in prompt
    assert (answer.answer_span, answer.reports) == ("41 ships", 2)
    assert answer.text.startswith("**41 ships** [1][2] (2 sources) — Some 60 ships were waiting offshore.")
    assert any("the model's answer (Some 60 ships) differs" in note for note in answer.notes)


@pytest.mark.parametrize(
    ("text", "passages", "reply", "span"),
    [
        (WHERE, STATIONED, "Russia's 41st army has been stationed in Yelnya [1][2].", "Yelnya"),
        (HOW_MANY, WAITING, "The port authority said 41 ships are waiting offshore [1].", "41 ships"),
    ],
)
def test_a_model_answering_the_majority_is_left_alone(text: str, passages: list, reply: str, span: str) -> None:
    answer, _ = asked(text, passages, reply)
    assert (answer.answer_span, answer.reports) == (span, 2)
    assert answer.notes == [] and [c.status for c in answer.claims] == ["supported"]
    assert answer.text.startswith(f"**{span}**") and f"(2 sources) — {reply.split(' [')[0]}." in answer.text


def test_when_independent_sources_disagree_nothing_is_repaired_and_both_are_shown() -> None:
    answer, prompt = asked(HOW_MANY, DISPUTED, "Some 60 ships were waiting offshore [3].")
    assert '"41 ships" (2 independent reports: [1][2]); "Some 60 ships" (2 independent reports: [3][4])' in prompt
    assert [(lead.span, lead.reports) for lead in answer.leads] == [("41 ships", 2), ("Some 60 ships", 2)]
    assert "the sources disagree" in answer.text and "Some 60 ships were waiting offshore." in answer.text
    assert answer.notes == [] and [c.status for c in answer.claims] == ["supported"]


def test_a_sentence_giving_an_answer_no_source_gives_is_dropped() -> None:
    embedder = WordEmbeddings()
    found = source_spans(question(WHERE, embedder), STATIONED, embedder, Settings().min_relevance)
    wrong, fewer = "Russia's 41st army has been stationed in Vitebsk.", "Russia's 41st army moved to Smolensk."
    claims = [Claim(wrong, [1], date="2021-11-27"), Claim(fewer, [2], date="2021-11-27")]
    sources = [Source(1, "a", ARMY, "Wire", "2021-11-27", ""), Source(2, "c", ARMY, "Post", "2021-11-27", "")]
    report = CheckReport([Verdict(wrong, [1], "supported"), Verdict(fewer, [2], "supported")])
    generated = Answer(WHERE, claims, sources, engine="custom", check=report)
    answer = held_to_spans(WHERE, generated, found, STATIONED)
    assert [c.text for c in answer.claims] == [fewer] and answer.answer_span == "Yelnya"
    assert answer.check is not None and [v.status for v in answer.check.verdicts] == ["dropped", "supported"]
    assert "Vitebsk: no source gives this answer" in answer.check.verdicts[0].reason


def test_a_lead_brings_only_the_sentences_it_was_quoted_from() -> None:
    both = "Russia's 41st army has been stationed in Yelnya. Last year Russia's 41st army was stationed in Smolensk."
    passages = [passage(both, "a", "Wire", ARMY), STATIONED[1]]
    answer, prompt = asked(WHERE, passages, "Russia's 41st army has been stationed in Yelnya [1][2].")
    assert '"Yelnya" (2 independent reports: [1][2]); "Smolensk" (1 report: [1])' in prompt
    assert answer.answer_span == "Yelnya" and "Smolensk" not in answer.markdown  # the other span's sentence


@pytest.mark.parametrize(
    ("sentence", "span", "given"),
    [
        # bench/gold calibration: "Which retired admiral turned down Trump's offer ...?" (the sources: Bob Harward)
        ("Mr-Harward was offered the job after Michael Flynn resigned on Monday.", "Bob Harward", True),
        ("Some 141 ships were waiting offshore.", "41 ships", False),
        ("Some 41 ships were waiting offshore.", "41 ships", True),
    ],
)
def test_a_sentence_gives_a_span_by_its_words(sentence: str, span: str, given: bool) -> None:
    wanted = Span(span, 0, len(span), span.lower())
    assert gives(Claim(sentence, [1]), [], wanted) is given
