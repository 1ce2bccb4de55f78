"""Relative dates read as the text means them, on real sentences of the news corpus (bench/data/news.csv),
each with its article's date."""

from __future__ import annotations

import pytest

from briefing.text.dates import announced_on, dates_in, looks_ahead


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        # "Last week" is the week before, not a day of it: no timeline day can be read from it.
        (
            "The UN High Commissioner for Human Rights, Zeid Ra'ad al-Hussein, also revealed last week that "
            "inspectors had discovered three mass grades in the area.",
            "2017-03-13",
            [],
        ),
        ("Malaysia will cancel visa-free entry for North Koreans starting next week.", "2017-03-02", []),
        # The present tense of a scheduled thing looks ahead: the vote of Wednesday 15 March, said on the 14th.
        (
            "As the Netherlands heads to the polls on Wednesday, an election campaign focused on identity issues "
            "has left some Muslims reflecting on their place in Dutch society.",
            "2017-03-14",
            ["2017-03-15"],
        ),
        (
            "The Netherlands -- where his Foreign Minister and Minister of Families were denied permission to "
            "address rallies -- goes to the polls on Wednesday.",
            "2017-03-13",
            ["2017-03-15"],
        ),
        ("Voters in the Netherlands head to the polls Wednesday.", "2017-03-15", ["2017-03-15"]),  # today
        ("Dutch citizens are heading to the polls on Wednesday.", "2017-03-14", ["2017-03-15"]),
        ("The dispute comes ahead of the Netherlands' general election Wednesday.", "2017-03-13", ["2017-03-15"]),
        (
            "Rutte's remarks could bolster his party's chances ahead of Wednesday's election.",
            "2017-03-13",
            ["2017-03-15"],
        ),
        # An opening phrase takes the tense of the clause after it.
        (
            "On Wednesday, Dutch voters will decide between two starkly different candidates.",
            "2017-03-13",
            ["2017-03-15"],
        ),
        # The same day when a part of it is named: "Tuesday night" said on a Tuesday is that night.
        (
            "The two leaders are due to take part in one final pre-election debate Tuesday night.",
            "2017-03-14",
            ["2017-03-14"],
        ),
        # "By"/"until" in a past-tense sentence is the day gone by.
        ("Vintage apprised Amazon of the breach by Wednesday morning.", "2017-03-29", ["2017-03-29"]),
        (
            "Investigators also want to examine the propeller, but that had not been found by Monday.",
            "2017-03-22",
            ["2017-03-20"],
        ),
        (
            "The separatists prevented the recovery of the bodies until Monday, Azerbaijan's defence ministry said.",
            "2017-02-27",
            ["2017-02-27"],
        ),
        ("The affected airlines had until Saturday to implement the new rules.", "2017-03-25", ["2017-03-25"]),
        # ... and the day to come otherwise, or when something was moved to it.
        ("Area airports should be able to resume full operations by Friday morning.", "2017-02-09", ["2017-02-10"]),
        ("Merkel postponed her trip until Friday, the White House said.", "2017-03-14", ["2017-03-17"]),
        # A weekday with no preposition, after a verb (agency style), is a date; past tense looks back.
        (
            "Polling booths opened across the nation Wednesday in Dutch parliamentary elections.",
            "2017-03-16",
            ["2017-03-15"],
        ),
        ("Global stocks rose Thursday following a U.S. rate hike.", "2017-03-16", ["2017-03-16"]),
        ("Wilders offered early Thursday to work with the new government.", "2017-03-16", ["2017-03-16"]),
        (
            "Monday's televised debate was the first head-to-head between the two frontrunners.",
            "2017-03-13",
            ["2017-03-13"],
        ),
        # The verb before the weekday tells first: past, whatever the clause says after it.
        (
            "Dutch political parties were preparing Thursday to start what will likely be a long process of "
            "coalition talks.",
            "2017-03-16",
            ["2017-03-16"],
        ),
        # ... but a holiday or a weekday opening a sentence is none.
        ("Christians marked Good Friday in Jerusalem.", "2017-04-15", []),
        (
            "Unless the deadline for talks is extended, the UK will leave on 29 March 2019, a Friday.",
            "2017-03-29",
            ["2019-03-29"],
        ),
        ("Friday was quiet.", "2017-03-13", []),
        # Reporting verbs are not the clause's tense: what "officials said" is on Friday is to come.
        ("Officials said the summit opens on Friday.", "2017-03-13", ["2017-03-17"]),
        # "Last Wednesday" in an article of a Wednesday is the Wednesday before, not that day.
        (
            "Khalid Masood killed three people when he drove a car into pedestrians on Westminster Bridge last "
            "Wednesday.",
            "2017-03-29",
            ["2017-03-22"],
        ),
        ("Masood was shot dead by police last Wednesday.", "2017-03-24", ["2017-03-22"]),
        # What will happen on the article's own weekday is that day's news, not a week on (CNN, "Paris Orly
        # airport attack", a Sunday; TASS 935552, a Wednesday).
        (
            "An autopsy on Belgacem will go ahead on Sunday, including a toxicology examination to detect whether "
            "he was intoxicated with alcohol or drugs.",
            "2017-03-19",
            ["2017-03-19"],
        ),
        (
            "The round of negotiations is due to be wrapped up on Wednesday with trilateral consultations of the "
            "three guarantor countries of Syrian ceasefire: Russia, Iran and Turkey.",
            "2017-03-15",
            ["2017-03-15"],
        ),
        # A day in a clause with no verb of its own takes the sentence's tense (rte.ie, "May will not visit
        # Northern Ireland ahead of triggering Brexit", Monday 27 March 2017).
        (
            "British Prime Minister Theresa May will not visit Northern Ireland before the triggering of Article 50 "
            "on Wednesday.",
            "2017-03-27",
            ["2017-03-29"],
        ),
        # The day alone at the end of the sentence takes the sentence's tense (BBC, "Scotland politics", Monday
        # 27 March 2017).
        (
            "The government is also due to publish its Great Repeal Bill, giving powers to amend some EU laws, "
            "on Thursday.",
            "2017-03-27",
            ["2017-03-30"],
        ),
        # An event "taking place" on a weekday is to come (RTE, "Brexit parliament bill", 10 March 2017).
        (
            "Notification in the last week of March would not only avoid clashing with the general election "
            "taking place on Wednesday in the Netherlands, but would also delay the formal opening of negotiations "
            "until after a special summit in Rome on 25 March when the remaining 27 member states will celebrate "
            "the EU's 60th anniversary.",
            "2017-03-10",
            ["2017-03-15", "2017-03-25"],
        ),
        # "As early as" a weekday is to come (BBC 39249721, a Monday).
        (
            "Prime Minister Theresa May could then theoretically trigger Article 50, which formally starts the "
            "Brexit process, as early as Tuesday.",
            "2017-03-13",
            ["2017-03-14"],
        ),
        # What is "not expected" until a weekday is to come (CNN, "Dutch election results", a Thursday).
        (
            "Final results are not expected to be known until possibly Friday, the head of the ANP election "
            "service Mark Westerhoff said.",
            "2017-03-16",
            ["2017-03-17"],
        ),
    ],
)
def test_relative_dates_as_the_text_means_them(sentence: str, reference: str, expected: list[str]) -> None:
    assert dates_in(sentence, reference) == expected


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        # What will happen "starting next week" is an announcement, news of the article's day.
        (
            "Malaysia will cancel visa-free entry for North Koreans entering the country starting next week as "
            "diplomatic ties between the two countries fray further.",
            "2017-03-02",
            "2017-03-02",
        ),
        ("Talks will resume at the ministry next month, officials said.", "2024-06-05", "2024-06-05"),
        ("Elections are scheduled for next week.", "2024-06-05", None),  # a schedule, not news of the day
        ("Thousands marched last week.", "2024-06-05", None),
        ("Malaysia will cancel visa-free entry starting next week.", None, None),
    ],
)
def test_what_will_happen_next_week_is_announced_on_the_day(
    sentence: str, reference: str | None, expected: str | None
) -> None:
    assert announced_on(sentence, reference) == expected


@pytest.mark.parametrize(
    ("sentence", "ahead"),
    [
        ("The inquest into Masood's death will be opened and adjourned on Thursday.", True),
        ("As the Netherlands heads to the polls on Wednesday, Muslims reflect on their place.", True),
        ("On Sunday Basu revealed that police believe Masood likely acted alone.", False),
        ("The Dutch voted on Wednesday.", False),
        # an expectation with an adverb too (BBC, "Scotland politics", 13 March 2017)
        (
            "The EU Withdrawal Bill is widely expected to complete its final stages in the UK Parliament later on "
            "Monday, which would allow Mrs May to then trigger Article 50.",
            True,
        ),
        # a negated expectation is one about what is to come (abcnews, "Yahoo names top execs", 13 March 2017)
        ("Although she hasn't divulged her plans, Mayer isn't expected to work for Verizon.", True),
    ],
)
def test_what_looks_ahead(sentence: str, ahead: bool) -> None:
    assert looks_ahead(sentence) is ahead
