"""What a sentence says happened (`text.predicates`): real sentence shapes of the news corpus."""

from __future__ import annotations

import pytest

from briefing.text.predicates import predicates, same_predicate


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Khalid Masood kept to himself in recent years, neighbors say.", {"keep"}),
        ("Police said Masood was the man who carried out the attack.", {"carri"}),
        ("At least 307 people have been killed and 273 wounded.", {"die", "injur"}),
        ("Theresa May will trigger Article 50 on 29 March.", {"will trigger"}),
        ("May is set to invoke Article 50 at the end of March.", {"will trigger"}),
        ("Both men were arrested Thursday in Birmingham.", {"arrest"}),
        ("The United Nations said on Monday.", set()),  # a name and a verb of saying are no predicate
    ],
)
def test_predicates(sentence: str, expected: set[str]) -> None:
    assert predicates(sentence) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hundreds of civilians have died in Mosul.", "Civilians were killed by airstrikes.", True),
        ("The protests were sparked by the order.", "The order banned citizens of seven countries.", False),
        ("May triggered Article 50.", "May will trigger Article 50.", False),
        ("Rutte defeated Wilders.", "Rutte scored a victory over Wilders.", True),
        ("It is a bill of 137 words.", "Parliament passed the bill.", True),  # one names no predicate
        ("Turnout was predicted at about 80 percent.", "Turnout was more than 80 percent.", False),
    ],
)
def test_same_predicate(a: str, b: str, same: bool) -> None:
    assert same_predicate(predicates(a), predicates(b)) is same
