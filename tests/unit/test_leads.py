"""How an answer's short answer reads: a bold span before the quoted sentences, its sources and count, and
each side when independent sources disagree."""

from __future__ import annotations

from briefing.results import Answer
from briefing.types import Claim, Lead


def test_an_answer_leads_with_its_span_then_the_quotes() -> None:
    claims = [Claim("Russia’s 41st army has been stationed in Yelnya.", [1]), Claim("It is 260 km away.", [2])]
    answer = Answer("Where is the 41st army?", claims, [], leads=[Lead("Yelnya", [1, 2], 2, ["A", "B"])])
    # the quotes after it cite its sources: the lead does not repeat their [n]
    assert answer.text.startswith("**Yelnya** (2 sources) — Russia’s 41st army has been stationed in Yelnya. [1]")
    assert (answer.answer_span, answer.reports, answer.outlets) == ("Yelnya", 2, ["A", "B"])
    assert answer.lead() == "**Yelnya** [1][2] (2 sources)"  # on its own, it cites them


def test_a_lead_cites_a_source_the_quotes_do_not() -> None:
    claims = [Claim("Russia’s 41st army has been stationed in Yelnya.", [1])]
    answer = Answer("Where is the 41st army?", claims, [], leads=[Lead("Yelnya", [1, 3], 2, ["A", "C"])])
    assert answer.text.startswith("**Yelnya** [1][3] (2 sources) — Russia’s 41st army")


def test_a_wire_copy_is_one_source_carried_by_several_outlets() -> None:
    lead = Lead("Yelnya", [1], 1, ["AP", "Reuters"])
    assert lead.markdown() == "**Yelnya** [1] (single source; carried by 2 outlets)"


def test_a_relative_date_shows_its_day() -> None:
    assert Lead("Friday", [1], 1, ["A"], day="2021-11-26").markdown() == "**Friday** (2021-11-26) [1] (single source)"


def test_different_answers_from_independent_sources_are_each_shown() -> None:
    leads = [Lead("41", [1], 1, ["A"]), Lead("more than 60", [2], 1, ["B"])]
    answer = Answer("How many ships wait offshore?", [Claim("41 ships wait.", [1])], [], leads=leads)
    assert answer.text.startswith("**41** [1] (single source) · **more than 60** [2] (single source) — the sources")


def test_without_a_span_nothing_leads() -> None:
    answer = Answer("Why?", [Claim("Because of the pay offer.", [1])], [])
    assert answer.text == "Because of the pay offer. [1]"
    assert (answer.answer_span, answer.reports, answer.outlets, answer.lead()) == (None, 0, [], "")


def test_each_part_of_a_question_leads_with_its_own_answer() -> None:
    claims = [Claim("Four missiles came down in the Sea of Japan.", [1], label="How many? Where?")]
    leads = [Lead("Four", [1], 1, ["A"], label="How many?"), Lead("Sea of Japan", [1], 1, ["A"], label="Where?")]
    answer = Answer("How many, and where?", claims, [], leads=leads)
    assert answer.text.startswith(
        "**How many? Where?** **Four** (single source); **Sea of Japan** (single source) — Four"
    )
    assert "disagree" not in answer.text
