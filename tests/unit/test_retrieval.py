from __future__ import annotations

import pytest

from briefing.retrieval import bm25_scores, build_where, check_date, rrf


@pytest.mark.parametrize(
    ("since", "until", "source", "expected"),
    [
        (None, None, None, None),
        ("2021-11-01", None, None, {"date_num": {"$gte": 20211101}}),
        (None, "2021-11-30", None, {"date_num": {"$lte": 20211130}}),
        (None, None, " Reuters ", {"source_key": {"$eq": "reuters"}}),
        (
            "2021-11-01",
            "2021-11-30",
            "BBC",
            {
                "$and": [
                    {"date_num": {"$gte": 20211101}},
                    {"date_num": {"$lte": 20211130}},
                    {"source_key": {"$eq": "bbc"}},
                ]
            },
        ),
        ("", "  ", "", None),
    ],
)
def test_build_where(since, until, source, expected) -> None:
    assert build_where(since, until, source) == expected


@pytest.mark.parametrize(
    ("since", "until", "match"),
    [("yesterdayish", None, "cannot read --since"), ("2021-12-01", "2021-11-01", "after --until")],
)
def test_build_where_rejects_bad_dates(since, until, match) -> None:
    with pytest.raises(ValueError, match=match):
        build_where(since, until)


def test_check_date_normalises() -> None:
    assert check_date("27 Nov 2021", "--since") == "2021-11-27"
    assert check_date(None, "--since") is None


def test_bm25_prefers_the_text_with_the_rare_query_terms() -> None:
    texts = ["Russia moved troops to the border.", "Russia held talks.", "The weather in Riga was mild."]
    scores = bm25_scores("troops border", texts)
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    assert bm25_scores("anything", []) == []


def test_rrf_rewards_items_ranked_high_by_both() -> None:
    fused = rrf([[0, 1, 2], [1, 0, 2]])
    assert fused[0] == fused[1] > fused[2]
    fused = rrf([[2, 1, 0], [1]])
    assert max(fused, key=fused.get) == 1
