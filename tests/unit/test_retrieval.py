from __future__ import annotations

import pytest

from briefing.errors import BriefingError
from briefing.store.records import where_of
from briefing.store.search import rrf
from briefing.types import Filters, read_date


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
def test_where_of_filters(since, until, source, expected) -> None:
    assert where_of(Filters.of(since, until, source)) == expected


@pytest.mark.parametrize(
    ("since", "until", "match"),
    [
        ("yesterdayish", None, "^cannot read since date"),
        ("2021-12-01", "2021-11-01", "^since 2021-12-01 is after until"),
    ],
)
def test_filters_reject_bad_dates(since, until, match) -> None:
    with pytest.raises(BriefingError, match=match):
        Filters.of(since, until)
    with pytest.raises(ValueError, match=match):  # a BriefingError is a ValueError, as documented
        Filters.of(since, until)


def test_filters_name_the_dates_as_their_caller_does() -> None:
    """The API says `since`; the CLI passes its option names, so its messages say `--since`."""
    with pytest.raises(BriefingError, match=r"^--since 2021-12-01 is after --until 2021-11-01$"):
        Filters.of("2021-12-01", "2021-11-01", names=("--since", "--until"))
    with pytest.raises(BriefingError, match=r"^cannot read --until date 'soon'"):
        Filters.of(None, "soon", names=("--since", "--until"))


def test_read_date_normalises() -> None:
    assert read_date("27 Nov 2021", "--since") == "2021-11-27"
    assert read_date(None, "--since") is None


@pytest.mark.parametrize(
    ("day", "admitted"),
    [("2021-11-01", True), ("2021-11-30", True), ("2021-10-31", False), ("2021-12-01", False), (None, False)],
)
def test_filters_admit_dates_inside_the_range(day, admitted) -> None:
    assert Filters.of("2021-11-01", "2021-11-30").admits_date(day) is admitted
    assert Filters().admits_date(day) is True


def test_rrf_rewards_items_ranked_high_by_both() -> None:
    fused = rrf([["a", "b", "c"], ["b", "a", "c"]])
    assert fused["a"] == fused["b"] > fused["c"]
    fused = rrf([["c", "b", "a"], ["b"]])
    assert max(fused, key=fused.get) == "b"
