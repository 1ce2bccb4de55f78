"""The timeline-summarization metrics of bench/timeline_metrics.py on worked examples computed by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bench.timeline_metrics import align_rouge1, concat_rouge1, date_f1, timeline, tokens

# The worked example: a 3-date gold timeline and a 3-date prediction with one exact date (15 March), one off by
# one day (21 March for the 20th) and one wrong (1 March).
GOLD = timeline(
    [
        ("2017-03-15", "Dutch election held"),  # 3 tokens
        ("2017-03-20", "Trump signs order"),  # 3 tokens
        ("2017-03-22", "Attack in London"),  # 3 tokens
    ]
)
PREDICTED = timeline(
    [
        ("2017-03-15", "Dutch election held today"),  # 4 tokens, 3 shared with 15 March
        ("2017-03-21", "Trump signs new order"),  # 4 tokens, 3 shared with 20 March, none with 22 March
        ("2017-03-01", "Markets fell."),  # 2 tokens, none shared
    ]
)
# Date-F1: days {15, 21, 1 March} vs {15, 20, 22 March}: 1 shared. P = 1/3, R = 1/3, F1 = 1/3.
#
# Concat ROUGE-1: 10 predicted tokens, 9 gold tokens; shared: dutch election held trump signs order = 6.
#   P = 6/10 = 3/5, R = 6/9 = 2/3, F1 = 2·(3/5)(2/3) / (3/5 + 2/3) = (4/5) / (19/15) = 12/19.
#
# Align+ m:1 ROUGE-1. cost(t, r) = (1 − 1/(Δ+1)) · (1 − sim), sim = the pair's ROUGE-1 F1, weight 1/(Δ+1).
# Precision, each predicted day to its cheapest gold day:
#   15 Mar → 15 Mar (Δ 0, cost 0): 3 hits, weight 1                                   → 3
#   21 Mar → 20 Mar: Δ 1, sim = 2·(3/4)(1)/(3/4 + 1) = 6/7, cost = 1/2 · 1/7 = 1/14;
#            22 Mar: Δ 1, sim 0, cost 1/2; 15 Mar: Δ 6, cost 6/7. → 20 Mar, 3 hits · 1/2 → 3/2
#   1 Mar  → no word shared anywhere (cost 14/15, 19/20, 21/22) → 15 Mar, 0 hits         → 0
#   P = (3 + 3/2 + 0) / (4 + 4 + 2) = (9/2) / 10 = 9/20
# Recall, each gold day to its cheapest predicted day:
#   15 Mar → 15 Mar: 3 hits, weight 1                                                   → 3
#   20 Mar → 21 Mar (cost 1/14; 15 Mar 5/6, 1 Mar 19/20): 3 hits · 1/2                   → 3/2
#   22 Mar → 21 Mar (cost 1/2; 15 Mar 7/8, 1 Mar 21/22): 0 hits                         → 0
#   R = (3 + 3/2 + 0) / (3 + 3 + 3) = (9/2) / 9 = 1/2
#   F1 = 2·(9/20)(1/2) / (9/20 + 1/2) = (9/20) / (19/20) = 9/19
WORKED = {
    "date": (date_f1, Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)),
    "concat": (concat_rouge1, Fraction(3, 5), Fraction(2, 3), Fraction(12, 19)),
    "align": (align_rouge1, Fraction(9, 20), Fraction(1, 2), Fraction(9, 19)),
}


@pytest.mark.parametrize(("metric", "precision", "recall", "f1"), WORKED.values(), ids=WORKED.keys())
def test_worked_example(metric, precision, recall, f1) -> None:
    score = metric(PREDICTED, GOLD)
    assert score.precision == pytest.approx(float(precision))
    assert score.recall == pytest.approx(float(recall))
    assert score.f1 == pytest.approx(float(f1))


SAME = {"2017-03-15": ["Dutch election held"], "2017-03-20": ["Trump signs order"]}
CASES = [
    # (name, predicted, gold, metric, precision, recall)
    ("identical date", SAME, SAME, date_f1, 1, 1),
    ("identical concat", SAME, SAME, concat_rouge1, 1, 1),
    ("identical align", SAME, SAME, align_rouge1, 1, 1),
    ("empty prediction, date", {}, SAME, date_f1, 0, 0),
    ("empty prediction, align", {}, SAME, align_rouge1, 0, 0),
    ("empty prediction, concat", {}, SAME, concat_rouge1, 0, 0),
    # Concat ignores dates: the right words on wrong days score in full.
    (
        "dates ignored by concat",
        {"2016-01-01": ["Dutch election held"]},
        {"2017-03-15": ["Dutch election held"]},
        concat_rouge1,
        1,
        1,
    ),
    # Two days off: weight 1/3 on all 3 hits, both ways. P = R = 1/3.
    (
        "two days off",
        {"2017-03-17": ["Dutch election held"]},
        {"2017-03-15": ["Dutch election held"]},
        align_rouge1,
        Fraction(1, 3),
        Fraction(1, 3),
    ),
    # Many to one: 14 and 16 March (3 tokens each) both go to 15 March (3 hits each, weight 1/2):
    #   P = (3/2 + 3/2) / 6 = 1/2. Recall: 15 March to the cheapest of the two (both cost 0, sim 1 → the
    #   earlier, 14 March): 3 hits · 1/2 / 3 = 1/2.
    (
        "many to one",
        {"2017-03-14": ["Dutch election held"], "2017-03-16": ["Dutch election held"]},
        {"2017-03-15": ["Dutch election held"]},
        align_rouge1,
        Fraction(1, 2),
        Fraction(1, 2),
    ),
    # Ties of cost go to the earlier day, as in tilse, even against the same day: 15 March (cost 0, the same day)
    # ties with 1 January (cost 0, the very same text, sim 1), 73 days away, and 1 January wins.
    #   P: 15 Mar → 1 Jan, 3 hits · 1/74, over 3 tokens → 1/74.
    #   R: each gold day to the only predicted day: (3 hits · 1/74 + 2 hits · 1) / (3 + 3) = (151/74) / 6 = 151/444.
    (
        "a tie goes to the earlier day",
        {"2017-03-15": ["Dutch vote held"]},
        {"2017-01-01": ["Dutch vote held"], "2017-03-15": ["Dutch election held"]},
        align_rouge1,
        Fraction(1, 74),
        Fraction(151, 444),
    ),
]


ARGS = ("name", "predicted", "gold", "metric", "precision", "recall")


@pytest.mark.parametrize(ARGS, CASES, ids=[c[0] for c in CASES])
def test_cases(name, predicted, gold, metric, precision, recall) -> None:
    score = metric(predicted, gold)
    assert (score.precision, score.recall) == (pytest.approx(float(precision)), pytest.approx(float(recall)))


def test_timeline_groups_by_day_and_drops_undated() -> None:
    pairs = [("2017-03-15T10:00", "a"), ("2017-03-15", "b"), ("", "c"), ("soon", "d")]
    assert timeline(pairs) == {"2017-03-15": ["a", "b"]}


def test_tokens_are_lower_case_words() -> None:
    assert tokens("Trump's order, 2017!") == ["trump", "s", "order", "2017"]
