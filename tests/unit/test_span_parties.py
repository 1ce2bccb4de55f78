"""A figure or a day is the asked party's, not another party's of the question (issue 21, near misses).
Sentences are the news corpus's own."""

from __future__ import annotations

import pytest

from briefing.text.span_parties import another_party, doers
from briefing.text.spans import answer_spans

FOXCONN = "How much money did Foxconn invest in Mobike?"
# europe.chinadaily.com.cn, "Mobike works with Foxconn to expand fleet" (2017-01-27)
ROUND = (
    "The deal came shortly after Mobike raised $215 million in a new round of funding in January, led by Tencent "
    "Holdings."
)
# europe.chinadaily.com.cn, "Mobike pumped up by Temasek" (2017-02-24)
INVESTORS = (
    "In January, Mobike raised $215 million from investors, including the social networking giant Tencent Holdings, "
    "while Ofo clinched an investment of $130 million in October 2016."
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (FOXCONN, ["Foxconn"]),
        ("When did Russia's UN ambassador Vitaly Churkin die?", ["Russia", "UN", "Vitaly", "Churkin"]),
        (
            "How many rebels did Sudan's President Omar al-Bashir pardon in March?",
            ["Sudan", "President", "Omar", "Bashir"],
        ),
        ("How many people died in the bombing on the St Petersburg metro?", []),  # asks no one's deed
    ],
)
def test_who_a_question_asks_what_they_did(question: str, names: list[str]) -> None:
    assert doers(question) == names


@pytest.mark.parametrize("sentence", [ROUND, INVESTORS])
def test_another_partys_figure_does_not_answer(sentence: str) -> None:
    start = sentence.index("$215")
    assert another_party(FOXCONN, sentence, start)
    assert all(s.kind_fit < 0.5 for s in answer_spans(FOXCONN, sentence) if s.text.startswith("$215"))


def test_the_asked_partys_figure_answers() -> None:
    assert answer_spans("How much money did Mobike raise in January?", INVESTORS)[0].text == "$215 million"
