"""Why and how questions prefer the sentence that gives the reason or the means of the asked event (issue 21,
item 3). Sentences are the news corpus's own."""

from __future__ import annotations

import pytest

from briefing.text.questions import CAUSE, FIT, fit_bonus
from briefing.text.reasons import connective_asked, gives_reason

STRIKE = "Why have meat sellers in Uttar Pradesh gone on strike?"
MAYER = "Why is Yahoo chief executive Marissa Mayer losing her 2017 bonus?"


@pytest.mark.parametrize(
    ("question", "sentence", "gives"),
    [
        (
            STRIKE,
            "Tens of thousands of meat sellers across Uttar Pradesh close in protest over a government crackdown on "
            "slaughterhouses operating without licences.",
            True,
        ),
        (
            STRIKE,
            "Muslims working in the meat industry are fearful for their jobs and meat-sellers in Uttar Pradesh have "
            "gone on strike.",
            False,  # what happened, not why
        ),
        (
            MAYER,
            "Yahoo CEO Marissa Mayer will lose her bonus and equity grants this year because of her handling of a "
            "2014 hacking incident.",
            True,
        ),
        (
            MAYER,
            "Losing her bonus and annual stock award probably won't be too painful for Mayer, who is already rich.",
            False,
        ),
        (
            "Why did Uber challenge the English language requirement in court?",
            "Uber argued that the standard of reading and writing required by the test was too high.",
            True,  # the party's own stated reason
        ),
        (
            MAYER,
            "Shares rose 2% due to strong advertising sales in the quarter, analysts said.",
            False,  # a connective tied to something else
        ),
        (
            "How did the hackers get into the accounts?",
            "The hackers got into the accounts by forging cookies, investigators said.",
            True,  # the means
        ),
    ],
)
def test_a_reason_tied_to_the_asked_event(question: str, sentence: str, gives: bool) -> None:
    assert gives_reason(sentence, question) is gives
    assert fit_bonus(CAUSE, sentence, question) == (FIT if gives else 0.0)


def test_only_why_and_how_questions_ask_for_a_connective() -> None:
    assert connective_asked("Who won the election?") is None
    assert connective_asked("How many people were killed?") is None
    assert connective_asked("How did the hackers get in?") is not None
