"""Reading a question: what it asks for, which sentences can state it, and its parts."""

from __future__ import annotations

import pytest

from briefing.text.questions import (
    CAUSE,
    DATE,
    NAME,
    OTHER,
    PLACE,
    QUANTITY,
    SAID,
    counted,
    fit_bonus,
    is_question,
    kind_asked,
    last_question,
    questions_in,
    supplies_kind,
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who blocked the travel ban?", NAME),
        ("Which federal judge blocked the ban?", NAME),
        ("Which company bought the port?", NAME),
        ("How many troops are on the border?", QUANTITY),
        ("What net profit did Eurotunnel report for 2016?", QUANTITY),
        ("By what margin did the Knesset pass the bill?", QUANTITY),
        ("What prison sentence did he receive?", QUANTITY),
        ("When did Zhou Youguang die?", DATE),
        ("In what year was the dam built?", DATE),
        ("Where is the 41st army stationed?", PLACE),
        ("Which city hosted the talks?", PLACE),
        ("From which airport did the plane leave?", PLACE),
        ("What did Lloyd Austin say about Putin?", SAID),
        ("What did the ministry warn?", SAID),
        ("Why were people told to evacuate?", CAUSE),
        ("What was the cause of the fire?", CAUSE),
        ("What does the new asylum law allow?", OTHER),
        ("What was the US Senate vote on Montenegro?", QUANTITY),
        ("How many Russians visited Cyprus? What drove the jump?", CAUSE),
        ("Why are Carl's Jr. and Hardee's dropping their ads?", CAUSE),
        # the question is the last sentence: the words before it are context
        ("How many missiles did North Korea fire? Where did they come down?", PLACE),
        ("Oscars: Which film actually won?", NAME),
    ],
)
def test_what_a_question_asks_for(question: str, kind: str) -> None:
    assert kind_asked(question) == kind


def test_the_question_is_its_last_sentence() -> None:
    assert last_question("Ships wait at Odesa. How many?") == "How many?"
    assert last_question("How many?") == "How many?"


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # a figure the question does not give itself
        ("How many troops are at the border?", "About 90,000 troops are at the border.", True),
        ("How many troops did the 41st army send?", "The 41st army sent troops to the border.", False),
        ("How many ships were waiting?", "Three ships were waiting.", True),
        # a sum of money for a profit or a price, not any number
        ("What net profit did Eurotunnel report?", "It logged a net profit of 200 million euros.", True),
        ("What net profit did Eurotunnel report?", "Eurotunnel carried 2.6 million cars.", False),
        # a vote's margin is a tally; a prison sentence is a term
        ("By what margin did the Knesset pass it?", "The Knesset voted 60 to 52 to approve it.", True),
        ("By what margin did the Knesset pass it?", "The law covers 4,000 homes.", False),
        ("What prison sentence did Lee receive?", "Lee was sentenced to five years in prison.", True),
        ("What prison sentence did Lee receive?", "Lee Jae-yong, 48, was arrested in February.", False),
        # how many died: a count of the dead, not of anyone
        ("How many people died in the strike?", "The port employs 3,000 people.", False),
        ("How many people died in the strike?", "Two people were killed in clashes.", True),
        # a percentage; a sum of money for a fine, an investment
        ("What percentage of the vote did she win?", "She won 21.3% of the vote.", True),
        ("What percentage of the vote did she win?", "She won the vote on April 23.", False),
        ("How much was Le Pen fined?", "He was fined 5,000 euros.", True),
        ("How much money did Foxconn invest in Mobike?", "Mobike will make 10 million bikes a year.", False),
        ("What was the US Senate vote on Montenegro?", "The Senate voted 97-2 to clear the way.", True),
        ("What was the US Senate vote on Montenegro?", "The Senate voted to clear the way for a vote.", False),
        # a date, or a word that places it in time
        ("When did he die?", "He died on Jan 14 at his home.", True),
        ("When did he die?", "He died at his home in Beijing.", False),
        # a place: a name the question does not give
        ("Where is the 41st army stationed?", "The 41st army is stationed in Yelnya.", True),
        ("Where is the Russian army stationed?", "The Russian army is stationed there.", False),
        # who: a full name, or a country or body, the question does not give
        ("Who blocked Donald Trump's travel ban?", "Judge Derrick Watson blocked it.", True),
        ("Who cut off ties with NATO?", "We regret that Russia has cut off ties with NATO.", True),
        ("Who cut off ties with NATO?", "Ties with NATO were cut off.", False),
        ("Who owns the terminal?", "Dock workers at the terminal walked out.", False),
        ("Which judge blocked the ban?", "A judge in Hawaii blocked the ban.", False),
        # what did X say: a report of X's words, not a sentence that names X
        ("What did Austin say about Putin?", '"I am not sure," Austin said of Putin.', True),
        ("What did Austin say about Putin?", "Austin met Putin in Moscow.", False),
        ("What did Austin say about Putin?", '"He is sure," Stoltenberg said of Putin.', False),
        ("What did the employers say?", "The employers have not commented on the demands.", True),
        ("What did the employers say?", "The union said it would not return until the employers paid.", False),
        # "it said" names no one: the actor of the sentence's reporting verb is who it came from
        ("What did NATO say about the test?", "NATO accused Russia of a test, which, it said, was reckless.", True),
        ("What did the EU say about the test?", "NATO accused Russia of a test, which, it said, was reckless.", False),
        # why: a reason
        ("Why were people told to evacuate?", "People were told to leave because the spillway could fail.", True),
        ("Why were people told to evacuate?", "About 200,000 people were told to evacuate.", False),
        ("Why are the chains dropping the ads?", "The chains want to focus on the food.", True),
        # what: any sentence
        ("What does the law allow?", "The law allows detention.", True),
    ],
)
def test_which_sentences_state_what_is_asked(question: str, sentence: str, answers: bool) -> None:
    assert supplies_kind(kind_asked(question), sentence, question) is answers


@pytest.mark.parametrize(
    ("question", "noun"),
    [("How many troops are there?", "troops"), ("How many were killed?", ""), ("What number of ships?", "ships")],
)
def test_what_a_how_many_question_counts(question: str, noun: str) -> None:
    assert counted(question) == noun


def test_a_figure_counting_the_thing_asked_about_fits_best() -> None:
    question = "How many troops are at the border?"
    counting = fit_bonus(QUANTITY, "About 90,000 troops are there.", question)
    assert counting > fit_bonus(QUANTITY, "It is 300 km away.", question)
    assert fit_bonus(PLACE, "It is in Yelnya.", "Where is it?") == 0.0


@pytest.mark.parametrize(
    ("sentence", "fits"),
    [
        ("NATO Secretary-General Jens Stoltenberg warned Russia.", True),  # the role names the organisation
        ("Stoltenberg warned Russia on Friday.", False),  # no role
        ("The NATO chief warned Russia.", False),  # the role, but not of the person asked about
    ],
)
def test_a_role_naming_what_the_person_leads_fits(sentence: str, fits: bool) -> None:
    question = "Which organisation does Stoltenberg lead?"
    assert (fit_bonus(NAME, sentence, question) > 0) is fits


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("How many troops are at the border?", True),
        ("who won the election", True),  # a question word, no question mark
        ("Did Russia invade", True),
        ("Ukraine: where is the 41st army?", True),
        ("NATO warns Russia over Ukraine troop build-up", False),  # a headline
        ("Jens Stoltenberg", False),  # a name
        ("anti-satellite missile test", False),  # keywords
        ("Russia Ukraine troops. NATO", False),
        ("why did the pound fall", True),
        ("how many troops are there", True),
        ("what happened in Paris", True),
        ("Which Russian city hosted the talks", True),
        ("Is Latvia in NATO", True),
        ("Why Google honours him today", False),  # a question word, then its subject: a headline
        ("How firms should best react to a crisis", False),
        ("What we don't know about the visit", False),
        ("Tesco fined ?129m for overstating profits", False),  # a "?" for a lost "£"
        ('Three cities able to bid for the Games "?Olympic chief', False),  # for a lost dash
    ],
)
def test_what_asks_something(text: str, asks: bool) -> None:
    assert is_question(text) is asks


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where is the army?", [("Where is the army?", "Where is the army?")]),
        # a part that leans on the first ("they", or no name of its own) borrows its words
        (
            "How many missiles did North Korea fire, and where did they come down?",
            [
                ("How many missiles did North Korea fire?", "How many missiles did North Korea fire?"),
                (
                    "Where did they come down?",
                    "How many missiles did North Korea fire? Where did they come down?",
                ),
            ],
        ),
        (
            "At the Oscars, which film was announced as best picture and which film actually won?",
            [
                (
                    "At the Oscars, which film was announced as best picture?",
                    "At the Oscars, which film was announced as best picture?",
                ),
                ("Which film actually won?", "Oscars: Which film actually won?"),
            ],
        ),
        # a part that names nothing and leans on nothing borrows no names where the first has none
        (
            "What pay rise did the employers offer, and when will talks resume?",
            [
                ("What pay rise did the employers offer?", "What pay rise did the employers offer?"),
                ("When will talks resume?", "When will talks resume?"),
            ],
        ),
        # a part with names of its own stands alone
        (
            "When will Britain trigger Article 50, and who told Donald Tusk?",
            [
                ("When will Britain trigger Article 50?", "When will Britain trigger Article 50?"),
                ("Who told Donald Tusk?", "Who told Donald Tusk?"),
            ],
        ),
        # a part may start with a preposition
        (
            "How much was Snap valued, and at what price per share?",
            [
                ("How much was Snap valued?", "How much was Snap valued?"),
                ("At what price per share?", "Snap: At what price per share?"),
            ],
        ),
        # "and" inside one question does not split it
        ("Where are the troops and tanks?", [("Where are the troops and tanks?", "Where are the troops and tanks?")]),
    ],
)
def test_the_parts_of_a_question(question: str, expected: list[tuple[str, str]]) -> None:
    assert questions_in(question) == expected
