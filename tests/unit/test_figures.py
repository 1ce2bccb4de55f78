"""Key figures a story turns on: real sentences of the news corpus (the Mosul, Syria and Brexit stories)."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis.evidence import Finding, gather
from briefing.analysis.figures import salient_figures
from briefing.text.facts import key_figures
from tests.unit.test_evidence import cand, vector

# bbc.co.uk 2017-03-24 "UN fears 200 died in coalition airstrike on Mosul"
TRAPPED = "The UN estimates that 400,000 Iraqi civilians are trapped in the Old City of Mosul as government forces battle to re-capture it."  # noqa: E501
# dw.com (dpa, AP), a sentence of its article with the agency tag glued on
TRAPPED_TOO = (
    "The UN estimates that about 400,000 people remain trapped in IS-held neighborhoods in the city. jbh/gsw (dpa"
)
# aljazeera.com 2017-03-27 "Mosul air strikes: 'Everything crashed down upon us'"
ADMITTED = "The coalition estimates that 220 civilians have died in strikes it carried out since 2014."
# abcnews.go.com 2017-03-20 "US reviewing airstrikes in Iraq and Syria that may have killed 100s of civilians"
STRIKE = "Central Command is assessing a possible airstrike in Mosul this week that reportedly killed 200 civilians."
# aljazeera.com 2017-03-18 "Iraqi forces retake two key areas in west Mosul"
# the same figure in another report (abcnews.go.com, March 2017)
DETERMINED = "Central Command has determined that at least 220 civilians have been unintentionally killed by coalition airstrikes."  # noqa: E501
FLED = "More than 180,000 civilians have fled the west of the city in the past month"


@pytest.mark.parametrize(
    ("counted", "thing"),
    [
        ("Iraqi civilians", "people"),
        ("people", "people"),
        ("Iraqis", "people"),  # "Nearly 100,000 Iraqis have fled western Mosul" (aljazeera.com)
        ("ISIL fighters", "fighter"),
        ("IS fighters", "fighter"),
        ("seats", "seat"),
    ],
)
def test_what_a_figure_counts_is_its_head_noun(counted: str, thing: str) -> None:
    from briefing.analysis.figures import counts

    assert counts(counted) == thing


def test_one_figure_counted_in_other_words_is_one_key_figure_from_two_reports() -> None:
    """'400,000 Iraqi civilians' (BBC) and '400,000 people' (dpa) are one figure of two reports; its line is
    the sentence with no agency tag glued to it."""
    found = [
        Finding([cand(TRAPPED, vector(0, 1), "bbc", "bbc.co.uk")], 0.5),
        Finding([cand(TRAPPED_TOO, vector(0, 1, 0.1), "dw", "dw.com")], 0.4),
    ]
    [shown] = salient_figures(found, 4)
    assert (shown.reports, shown.text) == (2, TRAPPED)


def test_one_key_figure_answers_one_question() -> None:
    """How many civilians died is answered once (the figure most reports give); how many fled is another
    question, and gets its own line."""
    found = [
        Finding([cand(STRIKE, vector(0, 1), "abc", "abcnews.go.com")], 0.6),
        Finding([cand(ADMITTED, vector(1, 0), "aj", "aljazeera.com"), cand(DETERMINED, vector(1, 0.1), "x", "W")], 0.5),
        Finding([cand(FLED, vector(0, 0, 1), "aj2", "aljazeera.com")], 0.4),
    ]
    assert [p.label for p in salient_figures(found, 4)] == ["220 civilians", "180,000 civilians"]


def test_a_figure_of_what_the_story_counts_comes_before_an_aside() -> None:
    """Single-source figures: the one counting what the story's reports count most (people) comes before a
    better-ranked finding's count of something no other report counts ('17 units of special equipment',
    tass.com, in the Syria brief)."""
    units = cand("Besides, 17 units of special equipment have been deployed to Palmyra", vector(1, 0), "t", "tass.com")
    found = [
        Finding([units], 0.9),
        Finding([cand(FLED, vector(0, 1), "aj", "aljazeera.com")], 0.5),
        Finding([cand(ADMITTED, vector(0, 0, 1), "a2", "aljazeera.com")], 0.4),
        Finding([cand(STRIKE, vector(0, 0, 0, 1), "abc", "abcnews.go.com")], 0.3),
    ]
    labels = [p.label for p in salient_figures(found, 4)]
    assert labels.index("180,000 civilians") < labels.index("17 units")


def test_a_story_article_gives_its_figures_whichever_finding_holds_its_sentence() -> None:
    """A finding led by an article that is not about the topic may hold a sentence of one that is: its
    figure is the story's."""
    from briefing.analysis.layout import BriefSpec, layout
    from briefing.results import Part
    from briefing.types import Filters

    aside = cand("Ships have been waiting offshore at Port Selwyn for days, a sailor said.", vector(0, 1), "c", "Sun")
    story = cand("More than 41 ships have been waiting offshore at Port Selwyn.", vector(0, 1), "a", "Wire")
    other = cand("Dock workers at Port Selwyn stopped all container traffic on Tuesday.", vector(1, 0), "b", "Post")
    evidence = gather([aside, story, other], np.array([0.9, 0.85, 0.8]), 3)
    assert evidence.findings[0].lead is aside and story in evidence.findings[0].sentences
    evidence.core = {"a", "b"}
    figures = layout(evidence, BriefSpec("Port Selwyn strike", 600, Filters()))[Part.KEY_FIGURES]
    assert [(p.label, p.cand.passage.article_id) for p in figures] == [("41 ships", "a")]


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [  # Brexit story: Lords and Commons votes (bbc.co.uk, March 2017)
        (
            "Peers defied ministers by 358 to 256 to guarantee the rights of EU nationals living in the UK after "
            "Brexit.",
            ["358 to 256"],
        ),
        (
            "Following the Commons votes, they were then rejected by margins of 274 to 118 and 274 to 135 in the Lords",
            ["274 to 118", "274 to 135"],
        ),
        ("Polls credited the VVD with 24 to 28 seats.", ["24 to 28 seats", "28 seats"]),
    ],
)
def test_a_range_counts_only_a_noun_after_it(sentence: str, labels: list[str]) -> None:
    assert [label for label, _ in key_figures(sentence)] == labels


def test_a_figure_one_side_of_a_dispute_shows_is_no_key_figure() -> None:
    """'The UN estimates that 400,000 Iraqi civilians are trapped …' was both a side of the dispute with the
    ministry's 600,000 and a key figure's line on the Mosul page: the dispute shows it."""
    from briefing.analysis.shown import Shown

    trapped = cand(TRAPPED, vector(0, 1), "bbc", "bbc.co.uk")
    found = [Finding([trapped], 0.5), Finding([cand(FLED, vector(1, 0), "aj", "aljazeera.com")], 0.4)]
    assert [p.label for p in salient_figures(found, 4)] == ["400,000 Iraqi civilians", "180,000 civilians"]
    assert [p.label for p in salient_figures(found, 4, disputed=Shown([trapped]))] == ["180,000 civilians"]


def test_a_page_that_must_shrink_gives_up_no_figure_before_a_development() -> None:
    """Figure lines are short and each is what most reports agree on: they weigh as the developments do."""
    from types import SimpleNamespace

    from briefing.analysis.citations import Pick
    from briefing.analysis.layout import fitted_brief
    from briefing.results import Part

    line = cand(FLED, vector(0, 1), "aj", "aljazeera.com")

    def picks(n: int) -> list[Pick]:
        return [Pick(line, finding=SimpleNamespace(score=float(i))) for i in range(n)]

    parts = {Part.KEY_DEVELOPMENTS: picks(4), Part.KEY_FIGURES: picks(4)}

    def make(shown: dict[str, list[Pick]]) -> SimpleNamespace:  # ten words a line
        return SimpleNamespace(words=10 * sum(len(p) for p in shown.values()))

    fitted_brief(parts, 70, make)  # one line must go
    assert (len(parts[Part.KEY_DEVELOPMENTS]), len(parts[Part.KEY_FIGURES])) == (3, 4)


def test_one_reports_figure_in_a_sentence_far_from_the_topic_is_an_aside() -> None:
    """A Syria brief showed '800 people' from 'In April 2015, 800 people of various nationalities drowned when
    a boat traveling from Libya capsized off the Italian coast.' (a refugee article; relevance 0.22 where three
    in four of the story's sentences had 0.36 or more)."""
    from briefing.analysis.shown import said_at

    drowned = cand(
        "In April 2015, 800 people of various nationalities drowned when a boat traveling from Libya capsized off "
        "the Italian coast.",
        vector(1, 0),
        "r",
        "dw.com",
    )
    story = [cand(FLED, vector(0, 1), "aj", "aljazeera.com"), cand(STRIKE, vector(0, 0, 1), "abc", "abcnews.go.com")]
    story += [cand(f"The talks in Astana went on for day {n}.", vector(0, 0, 0, 1), f"t{n}", "tass.com") for n in "ab"]
    found = [Finding([c], 0.5) for c in [drowned, *story]]
    relevance = {said_at(c): r for c, r in zip([drowned, *story], [0.22, 0.43, 0.45, 0.5, 0.55], strict=True)}
    assert "800 people" in [p.label for p in salient_figures(found, 4)]
    articles = {c.passage.article_id for c in [drowned, *story]}
    shown = salient_figures(found, 4, story=articles, relevance=relevance)
    assert [p.label for p in shown] == ["180,000 civilians", "200 civilians"]


def test_a_story_of_a_few_articles_has_no_asides() -> None:
    """In a store of one or two articles every sentence is the story's: its figures stay whatever their
    relevance (the port of Odesa brief's '40 ships')."""
    from briefing.analysis.shown import said_at

    waiting = cand("Officials said 40 ships were waiting to load grain at the terminals.", vector(1, 0), "p", "Post")
    others = [cand(FLED, vector(0, 1), "aj", "aljazeera.com"), cand(STRIKE, vector(0, 0, 1), "abc", "abcnews.go.com")]
    found = [Finding([c], 0.5) for c in [waiting, *others]]
    relevance = {said_at(c): r for c, r in zip([waiting, *others], [0.2, 0.6, 0.7], strict=True)}
    shown = salient_figures(found, 4, story={"p", "aj", "abc"}, relevance=relevance)
    assert "40 ships" in [p.label for p in shown]


def test_a_hyphen_for_a_lost_space_hides_no_verb_of_a_question() -> None:
    """'The British parliament backed May's Article 50 plan last week after 51.9-percent of participants
    voted-for Brexit in a referendum last June.' (Brexit story) answers what '52 percent voted for Brexit'
    answers: how many voted for it."""
    from briefing.analysis.figures import Given, same_question

    def given(text: str, label: str) -> Given:
        c = cand(text, vector(0, 1), "a", "Post")
        return Given(c, label, 0, Finding([c], 0.5), text)

    late = given("51.9-percent of participants voted-for Brexit in a referendum last June.", "51.9-percent people")
    assert same_question(given("52 percent voted for Brexit", "52 percent"), late)


def test_two_spans_of_time_answer_two_questions() -> None:
    """Travel-ban story: the order barred citizens of six countries for 90 days and refugees for 120 days
    (sentences as the outlets word them, shortened): how long each ban lasts is its own figure."""
    from briefing.analysis.figures import Given, same_question

    def given(text: str, label: str) -> Given:
        c = cand(text, vector(0, 1), "a", "Post")
        return Given(c, label, 0, Finding([c], 0.5), text)

    travellers = given("The new order barred citizens of six countries from entry for 90 days.", "90 days")
    refugees = given("The order also barred all refugees from entry for 120 days.", "120 days")
    assert not same_question(travellers, refugees)
    dead = given("The strike killed 200 civilians in Mosul.", "200 civilians")
    assert same_question(dead, given("The coalition strike killed 220 civilians.", "220 civilians"))
