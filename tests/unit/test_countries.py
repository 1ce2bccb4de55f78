"""A capital, a country's other spellings and its people's government name one party."""

from __future__ import annotations

import pytest

from briefing.analysis.sides import same_party
from briefing.text.countries import country_of


@pytest.mark.parametrize(
    ("party", "country"),
    [
        ("Pyongyang", "North Korea"),
        ("North Korea", "North Korea"),
        ("the U.S.", "United States"),
        ("Washington", "United States"),
        ("the Dutch government", "Netherlands"),
        ("North Korean foreign ministry", "North Korea"),
        ("Turkish officials", "Turkey"),
        ("Amnesty International", None),
        ("Donald Trump", None),
        ("the Dutch", None),  # a people is not its government
    ],
)
def test_a_party_names_a_country_by_its_name_capital_or_government(party: str, country: str | None) -> None:
    assert country_of(party) == country


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # aljazeera.com 2017-03-14 and cnn.com 2017-02-28 on the killing of Kim Jong-nam: one side, not a dispute
        ("Pyongyang", "North Korea", True),
        ("North Korea", "South Korea", False),  # the same last word, two parties
        ("Ankara", "Turkish officials", True),
        ("Rutte", "Mark Rutte", True),
        ("Amnesty International", "U.S.", False),
    ],
)
def test_a_capital_speaks_for_its_country(a: str, b: str, same: bool) -> None:
    assert same_party(a, b) is same
